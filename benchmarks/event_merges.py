"""How a store's events merged across articles: the figures of issue 15's closing note.

    python benchmarks/event_merges.py STORE.db [--json]

Prints the number of merged events and of event mentions, how many events reported by more
than one article span more than one day (first_day < last_day: mentions dated on different
days within the merge window), the largest merged events (mentions, articles, type, sides,
days), the number of distinct actor codes on event sides and how many of them carry a
sector (``LBYREB``, not
``LBY``). Reads the store only (no model), so it runs on any store, old or new.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from typing import Any


def figures(path: str, top: int = 5) -> dict[str, Any]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    largest = [dict(r) for r in db.execute(
        "SELECT c.event, c.actors, c.recipients, date(c.first_day + 1721424.5) AS first, "
        "date(c.last_day + 1721424.5) AS last, count(*) AS mentions, "
        "count(DISTINCT e.article_id) AS articles FROM events c JOIN event_mentions e "
        "ON e.cluster_id = c.id GROUP BY c.id ORDER BY mentions DESC, c.id LIMIT ?", [top])]
    codes: set[str] = set()
    for actors, recipients in db.execute("SELECT actors, recipients FROM events"):
        codes |= {c for c in f"{actors}|{recipients}".split("|") if c[:1].isupper()}
    return {
        "events": one("SELECT count(*) FROM events"),
        "event_mentions": one("SELECT count(*) FROM event_mentions"),
        "multi_article_events": one("SELECT count(*) FROM (SELECT cluster_id FROM "
                                    "event_mentions GROUP BY cluster_id "
                                    "HAVING count(DISTINCT article_id) > 1)"),
        # of the events reported by more than one article, those whose days span more than
        # one day (mentions a day apart within the window, or only loosely dated)
        "multi_article_events_over_a_day": one(
            "SELECT count(*) FROM events c WHERE c.last_day > c.first_day AND (SELECT "
            "count(DISTINCT e.article_id) FROM event_mentions e WHERE e.cluster_id = c.id) > 1"),
        "largest": largest,
        "actor_codes": len(codes),
        "actor_codes_with_sector": sum(len(c) == 6 and not c.startswith(
            ("IGO", "NGO", "IMG", "MNC")) for c in codes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    found = figures(args.store)
    if args.json:
        print(json.dumps(found, indent=1))
        return
    for key, value in found.items():
        if key != "largest":
            print(f"{key:26} {value}")
    print("largest merged events:")
    for row in found["largest"]:
        print(f"  {row['mentions']:3} mentions, {row['articles']:3} articles  {row['event']} "
              f"{row['actors']} -> {row['recipients']}  {row['first']}..{row['last']}")


if __name__ == "__main__":
    main()
