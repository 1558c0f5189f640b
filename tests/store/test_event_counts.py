"""Merged events keep their counts (mentions, articles, sources) as their mentions come, as
merging again rebuilds them, and as the migration that added them fills them in."""

from __future__ import annotations

import sqlite3
from typing import Any

from dragoman.store import open_store
from dragoman.store.queries import EventQuery
from tests.fixtures import civil_war
from tests.fixtures.web_records import build_store

COUNTED = """
    SELECT c.id, c.mentions, c.articles, c.sources,
        (SELECT sum(e.mentions) FROM event_mentions e WHERE e.cluster_id = c.id) AS m,
        (SELECT count(DISTINCT e.article_id) FROM event_mentions e
         WHERE e.cluster_id = c.id) AS a,
        (SELECT count(DISTINCT coalesce(r.source, r.id)) FROM event_mentions e
         JOIN articles x ON x.id = e.article_id
         JOIN articles r ON r.id = coalesce(x.near_duplicate_of, x.id)
         WHERE e.cluster_id = c.id) AS s
    FROM events c"""


def _assert_counts_kept(store: Any) -> list[dict[str, Any]]:
    rows = store.rows(COUNTED)
    assert rows
    assert all((r["mentions"], r["articles"], r["sources"]) == (r["m"], r["a"], r["s"])
               for r in rows)
    return list(rows)


def test_counts_are_kept_while_storing_and_merging_again(store_url: str) -> None:
    build_store(store_url, civil_war.records())
    store = open_store(store_url)
    rows = _assert_counts_kept(store)
    assert any(r["articles"] > 1 for r in rows)  # the fixture has events told twice
    by_mentions = store.events(EventQuery(sort="mentions", limit=1000))
    assert [e["mentions"] for e in by_mentions] == sorted(
        (r["mentions"] for r in rows), reverse=True)
    by_sources = store.events(EventQuery(sort="sources", limit=1000))
    assert [e["sources"] for e in by_sources] == sorted(
        (r["sources"] for r in rows), reverse=True)
    store.remerge_events(0)
    _assert_counts_kept(store)
    store.close()


ROLLBACK = """
    DROP INDEX event_clusters_mentions;
    DROP INDEX event_clusters_sources;
    ALTER TABLE events DROP COLUMN mentions;
    ALTER TABLE events DROP COLUMN articles;
    ALTER TABLE events DROP COLUMN sources;
    DELETE FROM migrations WHERE name = '{name}';
"""


def test_the_migration_counts_the_events_stored_before_it(store_url: str) -> None:
    build_store(store_url, civil_war.records())
    if store_url.startswith("sqlite:///"):
        con = sqlite3.connect(store_url.removeprefix("sqlite:///"))
        con.executescript(ROLLBACK.format(name="0015_event_counts"))
        con.close()
    else:
        import psycopg

        with psycopg.connect(store_url, autocommit=True) as con:
            con.execute(ROLLBACK.format(name="0007_event_counts"))
    store = open_store(store_url)  # migrates
    _assert_counts_kept(store)
    store.close()
