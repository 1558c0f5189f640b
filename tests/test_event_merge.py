"""Events merged across articles, with GDELT-style counts that count syndicated copies once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dragoman.corpus.events import event_key, reference_days, within
from dragoman.store import open_store


def party(country: str | None, name: str = "x") -> dict[str, Any]:
    return {"entity": None, "name": name, "country": country, "sector": "GOV"}


def event(kind: str, actors: list[str], recipients: list[str], date: str | None,
          status: str = "occurred") -> dict[str, Any]:
    return {"event": kind, "mode": None, "context": [], "cameo": "040",
            "actors": [party(c) for c in actors], "recipients": [party(c) for c in recipients],
            "status": status, "date": date, "location": None, "evidence": [0, 5]}


def record(article_id: str, source: str, published: str, events: list[dict[str, Any]],
           copy_of: str | None = None) -> dict[str, Any]:
    return {"id": article_id, "text": f"Text of {article_id}.", "published": published,
            "source": source, "paragraphs": [], "entities": [], "quotes": [], "timexes": [],
            "events": events, "origin": "test", "dragoman": {"version": "t", "model": "m"},
            "near_duplicate_of": {"id": copy_of, "similarity": 0.9} if copy_of else None}


def test_keys_are_symmetric_only_for_joint_events() -> None:
    assert event_key(event("CONSULT", ["USA"], ["CHN"], None)) == event_key(
        event("CONSULT", ["CHN"], ["USA"], None))
    assert event_key(event("ACCUSE", ["USA"], ["CHN"], None)) != event_key(
        event("ACCUSE", ["CHN"], ["USA"], None))


@pytest.mark.parametrize(("a", "b", "days", "same"), [
    ("2021-02-11", "2021-02-11", 0, True),
    ("2021-02-11", "2021-02-12", 1, True),
    ("2021-02-11", "2021-02-13", 1, False),
    ("2021-03-06/2021-03-07", "2021-03-07", 0, True),
])
def test_date_window(a: str, b: str, days: int, same: bool) -> None:
    first, second = reference_days({"date": a}, None), reference_days({"date": b}, None)
    assert first and second and within(first, second, days) is same


def test_merge_counts_mentions_articles_and_sources(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    call = event("CONSULT", ["USA"], ["CHN"], "2021-02-11")
    store.write_batch(run, [
        record("a", "Wire", "2021-02-12", [call]),
        record("b", "Daily", "2021-02-12", [call], copy_of="a"),     # syndicated copy of a
        record("c", "Post", "2021-02-13", [call]),
        record("d", "Times", "2021-02-13", [event("CONSULT", ["CHN"], ["USA"], "2021-02-12")]),
        record("e", "Post", "2021-05-02", [event("CONSULT", ["USA"], ["CHN"], "2021-05-01")]),
        record("f", "Post", "2021-02-12", [event("ACCUSE", ["USA"], ["CHN"], "2021-02-11")]),
        record("g", "Post", "2021-02-12", [event("CONSULT", ["USA"], ["CHN"], None)]),
    ], [], {}, event_merge_days=1)
    rows = {(r["event"], r["date"]): r for r in store.events()}
    merged = rows[("CONSULT", "2021-02-11")]
    # sources: Wire (a, and b its copy), Post (c, g), Times (d)
    assert (merged["mentions"], merged["articles"], merged["sources"]) == (5, 5, 3)
    assert rows[("CONSULT", "2021-05-01")]["articles"] == 1
    assert rows[("ACCUSE", "2021-02-11")]["articles"] == 1
    assert len(rows) == 3
    assert [r["event"] for r in store.events(actor="USA", event="accuse")] == ["ACCUSE"]
    assert {r["date"] for r in store.events(since="2021-04-01")} == {"2021-05-01"}
    assert store.get_record("d")["events"][0]["actors"][0]["country"] == "CHN"
    store.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "gdelt"])
def test_export_events(tmp_path: Path, fmt: str) -> None:
    from dragoman.export import GDELT_COLUMNS, export_events

    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    call = event("CONSULT", ["USA"], ["CHN"], "2021-02-11")
    store.write_batch(run, [record("a", "Wire", "2021-02-12", [call]),
                            record("b", "Daily", "2021-02-12", [call], copy_of="a"),
                            record("f", "Post", "2021-02-12",
                                   [event("ACCUSE", ["USA"], ["CHN"], "2021-02-11")])], [], {})
    out = tmp_path / f"events.{fmt}"
    assert export_events(store, fmt, str(out)) == 2
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out).to_pylist()
        assert [(r["event"], r["articles"], r["sources"]) for r in table] == [
            ("CONSULT", 2, 1), ("ACCUSE", 1, 1)]
    elif fmt == "gdelt":
        rows = [line.split("\t") for line in out.read_text().splitlines()]
        assert all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
        first = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
        assert (first["SQLDATE"], first["EventCode"], first["EventRootCode"]) == (
            "20210211", "040", "04")
        assert (first["Actor1CountryCode"], first["Actor2Code"], first["QuadClass"]) == (
            "USA", "CHNGOV", "1")
        assert (first["NumMentions"], first["NumArticles"], first["NumSources"]) == ("2", "2", "1")
        assert first["GoldsteinScale"] == "1.0"
    elif fmt == "csv":
        text = out.read_text()
        assert text.startswith("id,date,event") and "CONSULT" in text
    else:
        import json

        lines = [json.loads(x) for x in out.read_text().splitlines()]
        assert lines[0]["actors"][0]["country"] == "USA" and lines[0]["sources"] == 1
    store.close()
