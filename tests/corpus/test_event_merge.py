"""Events merged across articles, with GDELT-style counts that count syndicated copies once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dragoman.corpus.events import (
    EventCandidate,
    EventKey,
    choose_event,
    compatible,
    event_key,
    keys_compatible,
    merge_mentions,
    reference_days,
    within,
)
from dragoman.store import open_store
from tests.fixtures.event_records import confidence_store, event, party, record


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


def days(value: str) -> tuple[int, int]:
    found = reference_days({"date": value}, None)
    assert found is not None
    return found


@pytest.mark.parametrize(("a", "b", "window", "same"), [
    ("2021-03-18", "2021-03-19", 1, True),
    ("2021-03-18", "2021-03-20", 1, False),
    ("2021-03-06/2021-03-07", "2021-03-08", 1, True),   # a weekend: dated to the day, nearly
    ("2011-01-01/2011-12-31", "2011-03-18", 1, True),   # "in 2011" holds March 18
    ("2011-01-01/2011-12-31", "2012-01-01/2012-12-31", 1, False),  # not "in 2012"
    ("2021-03-01/2021-03-31", "2021-04-01", 1, False),  # a month must hold the day
    ("2021-03-15/2021-03-21", "2021-03-22", 7, True),   # a week is precise for a week's window
])
def test_compatible_dates(a: str, b: str, window: int, same: bool) -> None:
    assert compatible(days(a), days(b), window) is same
    assert compatible(days(b), days(a), window) is same


def test_a_mention_joins_the_nearest_event_whose_every_mention_fits() -> None:
    early = EventCandidate(1, (days("2021-03-09"),))
    late = EventCandidate(2, (days("2021-03-12"),))
    spread = EventCandidate(3, (days("2021-03-10"), days("2021-03-12")))
    assert choose_event(days("2021-03-11"), [early, late], 2) == late
    assert choose_event(days("2021-03-10"), [early, late], 2) == early
    assert choose_event(days("2021-03-13"), [spread], 2) is None  # 3 days after March 10
    assert choose_event(days("2021-03-12"), [], 2) is None
    year = EventCandidate(4, (days("2021-01-01/2021-12-31"),))
    assert choose_event(days("2021-01-01/2021-12-31"), [late, year], 1) == year
    assert choose_event(days("2021-03-12"), [year, late], 1) == late


def merged(store: Any) -> list[tuple[list[str], str | None, str | None]]:
    """Each stored event's articles and stored first and last day, in the order stored."""
    rows = store.db.execute(
        "SELECT group_concat(e.article_id, ' '), date(c.first_day + 1721424.5), "
        "date(c.last_day + 1721424.5) FROM events c JOIN event_mentions e "
        "ON e.cluster_id = c.id GROUP BY c.id ORDER BY c.id").fetchall()
    return [(sorted(r[0].split()), r[1], r[2]) for r in rows]


def test_undated_mentions_published_day_after_day_do_not_chain(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    fighting = event("ASSAULT", ["LBY"], ["LBY"], None)
    store.write_batch(run, [record(f"d{day}", "Post", f"2011-03-0{day}", [fighting])
                            for day in range(1, 6)], [], {}, event_merge_days=1)
    assert merged(store) == [(["d1", "d2"], "2011-03-01", "2011-03-02"),
                             (["d3", "d4"], "2011-03-03", "2011-03-04"),
                             (["d5"], "2011-03-05", "2011-03-05")]
    store.close()


def test_a_dated_event_merges_across_publication_days(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    talks = event("CONSULT", ["USA"], ["CHN"], "2021-03-18")
    store.write_batch(run, [
        record("a", "Wire", "2021-03-18", [talks]),
        record("b", "Post", "2021-03-19", [event("CONSULT", ["USA"], ["CHN"], None)]),
        record("c", "Times", "2021-03-25", [talks]),                  # a week later
        record("d", "Post", "2021-03-25", [event("CONSULT", ["USA"], ["CHN"], None)]),
        record("e", "Wire", "2021-04-02", [event("CONSULT", ["USA"], ["CHN"],
                                                 "2021-03-01/2021-03-31")]),  # "in March"
    ], [], {}, event_merge_days=1)
    assert merged(store) == [(["a", "b", "c", "e"], "2021-03-18", "2021-03-19"),
                             (["d"], "2021-03-25", "2021-03-25")]
    store.close()


def test_a_year_does_not_stretch_an_event_or_bridge_to_the_next_year(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")

    def sanction(date: str) -> dict[str, Any]:
        return event("COERCE", ["USA"], ["IRN"], date)

    store.write_batch(run, [
        record("a", "Wire", "2012-02-01", [sanction("2011-01-01/2011-12-31")]),
        record("b", "Post", "2012-02-01", [sanction("2012-01-01/2012-12-31")]),
        record("c", "Post", "2012-02-02", [sanction("2011-11-21")]),
        record("d", "Post", "2012-02-03", [sanction("2011-11-22")]),
        record("e", "Post", "2012-02-03", [sanction("2011-11-23")]),
    ], [], {}, event_merge_days=1)
    assert merged(store) == [(["a", "c", "d"], "2011-11-21", "2011-11-22"),
                             (["b"], "2012-01-01", "2012-12-31"),
                             (["e"], "2011-11-23", "2011-11-23")]
    store.close()


def test_the_store_merges_a_mention_into_the_nearest_event(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    store.write_batch(run, [
        record(name, "Post", "2021-03-14", [event("ACCUSE", ["USA"], ["RUS"], date)])
        for name, date in (("a", "2021-03-09"), ("b", "2021-03-12"), ("c", "2021-03-11"))
    ], [], {}, event_merge_days=2)
    assert merged(store) == [(["a"], "2021-03-09", "2021-03-09"),
                             (["b", "c"], "2021-03-11", "2021-03-12")]
    store.close()


def test_storing_articles_again_merges_nothing_twice(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    batch = [record(f"d{day}", "Post", f"2011-03-0{day}",
                    [event("ASSAULT", ["LBY"], ["LBY"], None if day % 2 else "2011-03-02")])
             for day in range(1, 6)]
    store.write_batch(run, batch, [], {}, event_merge_days=1)
    first = merged(store)
    store.write_batch(run, batch, [], {}, event_merge_days=1)
    store.write_batch(run, batch[2:], [], {}, event_merge_days=1)
    assert merged(store) == first
    assert store.counts()["event_mentions"] == 5
    store.close()


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
    assert [r["event"] for r in store.events(actor="USA", type="ACCUSE")] == ["ACCUSE"]
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
                                   [{**event("ACCUSE", ["USA"], ["CHN"], "2021-02-11"),
                                     "claimed_by": [party("RUS", "Russia")]}])], [], {})
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
        import csv

        rows = list(csv.DictReader(out.open()))
        assert [(r["event"], r["claimed_by"]) for r in rows] == [("CONSULT", ""),
                                                                ("ACCUSE", "Russia")]
    else:
        import json

        lines = [json.loads(x) for x in out.read_text().splitlines()]
        assert lines[0]["actors"][0]["country"] == "USA" and lines[0]["sources"] == 1
    store.close()


def test_merging_again_with_another_window_regroups_and_keeps_every_mention(
        tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    days = ["2021-03-01", "2021-03-03", "2021-03-05"]
    store.write_batch(run, [record(f"a{i}", f"S{i}", day,
                                   [event("ASSAULT", ["ISR"], ["LBN"], None)])
                            for i, day in enumerate(days)], [], {}, event_merge_days=1)
    assert len(store.events(limit=10)) == 3
    assert store.remerge_events(2) == (3, 2)  # days 1-3 together, day 5 on its own
    assert sorted(e["articles"] for e in store.events(limit=10)) == [1, 2]
    assert store.remerge_events(1) == (3, 3)
    assert sum(e["articles"] for e in store.events(limit=10)) == 3
    store.close()


def test_a_merged_event_has_the_highest_confidence_of_its_mentions(tmp_path: Path) -> None:
    store = confidence_store(tmp_path)
    found = {r["event"]: r["confidence"] for r in store.events()}
    assert found == {"CONSULT": 0.8, "ACCUSE": 0.3, "AGREE": None, "ASSAULT": 0.8}
    assert [m for m, in store.db.execute(
        "SELECT confidence FROM event_mentions WHERE event = 'CONSULT' ORDER BY id")] == [
        0.4, 0.8, None]
    assert {e["event"]: e["confidence"] for e in store.merged_events()} == found
    # merging again (another window) gives each event its best mention's confidence again
    store.remerge_events(0)
    assert {r["event"]: r["confidence"] for r in store.events()} == found
    assert store.get_record("b")["events"][0]["confidence"] == 0.8
    store.close()


@pytest.mark.parametrize(("minimum", "kept"), [
    (None, {"CONSULT", "ACCUSE", "AGREE", "ASSAULT"}),
    (0.0, {"CONSULT", "ACCUSE", "AGREE", "ASSAULT"}),   # 0 keeps the unscored AGREE
    (0.3, {"CONSULT", "ACCUSE", "ASSAULT"}),            # at least: 0.3 itself is kept
    (0.5, {"CONSULT", "ASSAULT"}),                      # CONSULT by its best mention, 0.8
    (0.8, {"CONSULT", "ASSAULT"}),
    (0.81, set()),
])
def test_min_confidence_filters_merged_events(tmp_path: Path, minimum: float | None,
                                              kept: set[str]) -> None:
    store = confidence_store(tmp_path)
    assert {r["event"] for r in store.events(min_confidence=minimum)} == kept
    assert {e["event"] for e in store.merged_events(minimum)} == kept
    consult = [r for r in store.events(min_confidence=minimum) if r["event"] == "CONSULT"]
    assert all(r["mentions"] == 3 for r in consult)   # every mention still counts
    store.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "gdelt"])
def test_export_has_confidence_and_filters_by_it(tmp_path: Path, fmt: str) -> None:
    from dragoman.export import GDELT_COLUMNS, export_events

    store = confidence_store(tmp_path)
    out = tmp_path / f"events.{fmt}"
    assert export_events(store, fmt, str(out)) == 4
    assert export_events(store, fmt, str(out), min_confidence=0.5) == 2
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert str(table.schema.field("confidence").type) == "double"
        assert [(r["event"], r["confidence"]) for r in table.to_pylist()] == [
            ("CONSULT", 0.8), ("ASSAULT", 0.8)]
    elif fmt == "gdelt":
        rows = [line.split("\t") for line in out.read_text().splitlines()]
        assert [len(r) for r in rows] == [len(GDELT_COLUMNS)] * 2   # no column added
    elif fmt == "csv":
        import csv

        rows = list(csv.DictReader(out.open()))
        assert list(rows[0])[-1] == "confidence"
        assert [(r["event"], r["confidence"]) for r in rows] == [("CONSULT", "0.8"),
                                                                ("ASSAULT", "0.8")]
        export_events(store, fmt, str(out))
        assert {r["event"]: r["confidence"] for r in csv.DictReader(out.open())}["AGREE"] == ""
    else:
        import json

        lines = [json.loads(x) for x in out.read_text().splitlines()]
        assert [(x["event"], x["confidence"]) for x in lines] == [("CONSULT", 0.8),
                                                                  ("ASSAULT", 0.8)]
    store.close()


@pytest.mark.parametrize(("days", "expected"), [
    ([(10, 10), (11, 11), (12, 12)], [0, 0, 1]),  # complete linkage: 12 is 2 days from 10
    ([(10, 10), None, (10, 10)], [0, 1, 0]),  # an undated mention stays on its own
    ([(1, 365), (400, 400), (100, 100)], [0, 1, 0]),  # a year overlaps its days
    ([], []),
])
def test_merge_mentions_numbers_the_events_in_order(days: list, expected: list[int]) -> None:
    from dragoman.corpus.events import merge_mentions

    assert merge_mentions(days, 1) == expected


# -- sides of states and of their sectors ---------------------------------------------------
@pytest.mark.parametrize(("a", "b", "same"), [
    (("CONSULT", "USA", "CHN"), ("CONSULT", "USAGOV", "CHNGOV"), True),   # states, officials
    (("CONSULT", "CHN", "USAGOV"), ("CONSULT", "CHNGOV", "USA"), True),   # either way round
    (("ASSAULT", "LBY", "LBYREB"), ("ASSAULT", "LBYGOV", "LBYREB"), True),
    (("ASSAULT", "LBYGOV", "LBYREB"), ("ASSAULT", "LBYREB", "LBYGOV"), False),  # directed
    (("ASSAULT", "LBYGOV", "LBYREB"), ("ASSAULT", "LBYMIL", "LBYREB"), False),  # two sectors
    (("ACCUSE", "USA", "CHN"), ("ACCUSE", "USA", "RUS"), False),
    (("ACCUSE", "USA|GBR", "CHN"), ("ACCUSE", "GBRGOV|USAGOV", "CHN"), True),
    (("ACCUSE", "john smith", "CHN"), ("ACCUSE", "john smith", "CHNGOV"), True),
])
def test_a_side_of_states_is_the_side_of_one_of_their_sectors(
        a: tuple[str, str, str], b: tuple[str, str, str], same: bool) -> None:
    first, second = EventKey(*a), EventKey(*b)
    assert keys_compatible(first, second) is same
    assert keys_compatible(second, first) is same
    if same:
        assert first.group == second.group


def test_a_side_of_states_joins_one_sector_never_two() -> None:
    """Complete linkage over sides as over dates: Libya may join the government's shelling,
    and then the rebels' is another event."""
    day = (734_000, 734_000)
    keys = [EventKey("ASSAULT", "LBYGOV", "USA"), EventKey("ASSAULT", "LBY", "USA"),
            EventKey("ASSAULT", "LBYREB", "USA"), EventKey("ASSAULT", "LBYGOV", "USAGOV")]
    assert merge_mentions([day] * 4, 1, keys) == [0, 0, 1, 0]
