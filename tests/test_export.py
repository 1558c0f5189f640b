"""Exports for R and pandas (dragoman/export.py, dragoman/network.py): a day on every event
row with its precision, the columns analysts join on, GDELT's conventions, one row per event
mention, and the actor network in GraphML and CSV — on the hand-made web records."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.export import (
    COLUMNS,
    GDELT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    MENTION_COLUMNS,
    day_and_precision,
    export_events,
    export_mentions,
)
from dragoman.network import export_network
from dragoman.store import open_store
from tests.fixtures.event_records import event, record
from tests.fixtures.web_records import build_store


@pytest.fixture
def store(tmp_path: Path) -> Any:
    opened = open_store(str(build_store(tmp_path / "web.db")))
    yield opened
    opened.close()


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("2021-03-18", "2021-03-09", ("2021-03-18", "day")),
    ("2021-03-13/2021-03-14", "2021-03-09", ("2021-03-13", "week")),    # "on the weekend"
    ("2021-03-08/2021-03-14", None, ("2021-03-08", "week")),            # 7 days
    ("2021-03-01/2021-03-31", None, ("2021-03-01", "month")),
    ("2021-02-15/2021-03-16", None, ("2021-02-15", "month")),           # 30 days
    ("2021-01-01/2021-12-31", None, ("2021-01-01", "year")),
    (None, "2021-03-09", ("2021-03-09", "published")),                  # the fallback
    (None, "2021-03-09T10:00:00", ("2021-03-09", "published")),
    (None, None, (None, None)),
])
def test_every_row_gets_a_day_and_its_precision(text: str | None, published: str | None,
                                                expected: tuple[str | None, str | None]) -> None:
    assert day_and_precision(text, published) == expected


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_event_rows_carry_day_source_title_and_scores(store: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export_events(store, "csv", str(out)) == 10
    rows = read_csv(out)
    assert tuple(rows[0]) == COLUMNS
    assert all(r["date"] for r in rows)   # a day on every row
    first = rows[0]
    assert (first["date"], first["date_precision"], first["date_text"]) == (
        "2021-03-18", "day", "2021-03-18")
    assert (first["published"], first["source"], first["title"]) == (
        "2021-03-09", "Harbour Daily", "Washington and Beijing agree to talks in Alaska")
    assert (first["cameo"], first["goldstein"], first["quad_class"]) == ("043", "2.8", "1")
    # the planned security cooperation: the text gives no day, so the publication day
    cooperate = next(r for r in rows if r["event"] == "COOPERATE")
    assert (cooperate["date"], cooperate["date_precision"], cooperate["date_text"]) == (
        "2021-07-01", "published", "")
    sanction = next(r for r in rows if r["event"] == "SANCTION")
    assert (sanction["goldstein"], sanction["quad_class"]) == ("-8.0", "4")


def test_pandas_reads_cameo_codes_as_strings(store: Any, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    export_events(store, "csv", str(out))
    frame = pandas.read_csv(out, dtype={"cameo": str})   # as docs/codebook.md says
    assert "043" in set(frame["cameo"]) and "0311" in set(frame["cameo"])
    assert frame["goldstein"].dtype == float


def test_parquet_types_the_columns(store: Any, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    export_events(store, "parquet", str(out))
    schema = pq.read_schema(out)
    assert {name: str(schema.field(name).type) for name in (
        "id", "cameo", "goldstein", "quad_class", "date", "confidence", "published")} == {
        "id": "int64", "cameo": "string", "goldstein": "double", "quad_class": "string",
        "date": "string", "confidence": "double", "published": "string"}
    rows = pq.read_table(out).to_pylist()
    assert rows[0]["cameo"] == "043" and rows[0]["date_precision"] == "day"


def test_jsonl_has_the_same_day_fields(store: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    export_events(store, "jsonl", str(out))
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    cooperate = next(x for x in lines if x["event"] == "COOPERATE")
    assert (cooperate["date"], cooperate["date_precision"], cooperate["date_text"]) == (
        "2021-07-01", "published", None)
    assert lines[0]["source"] == "Harbour Daily" and lines[0]["goldstein"] == 2.8


def test_gdelt_writes_fips_geo_codes_and_dates_every_row(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    strike = {**event("ASSAULT", ["FRA"], ["LBY"], "2011-03-19"),
              "location": {"name": "Benghazi", "country": "LBY"}}
    talks = {**event("CONSULT", ["GBR"], ["DEU"], None),
             "location": {"name": "London", "country": "GBR"}}
    store.write_batch(run, [record("a", "Wire", "2011-03-20", [strike]),
                            record("b", "Post", "2011-03-29", [talks])], [], {})
    out = tmp_path / "events.tsv"
    assert export_events(store, "gdelt", str(out)) == 2
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
            for line in out.read_text().splitlines()]
    assert [(r["ActionGeo_FullName"], r["ActionGeo_CountryCode"]) for r in rows] == [
        ("Benghazi", "LY"), ("London", "UK")]          # FIPS 10-4, not ISO-3
    assert [r["Actor1CountryCode"] for r in rows] == ["FRA", "GBR"]   # CAMEO codes stay
    # the undated talks take the publication day, as GDELT dates events
    assert [(r["SQLDATE"], r["MonthYear"], r["Year"]) for r in rows] == [
        ("20110319", "201103", "2011"), ("20110329", "201103", "2011")]
    store.close()


def test_one_mention_row_per_article_report(store: Any, tmp_path: Path) -> None:
    out = tmp_path / "mentions.csv"
    assert export_mentions(store, "csv", str(out)) == 13
    rows = read_csv(out)
    assert tuple(rows[0]) == MENTION_COLUMNS
    events = read_csv(_events_csv(store, tmp_path))
    assert {r["event_id"] for r in rows} == {e["id"] for e in events}   # they join
    talks = [r for r in rows if r["event_id"] == "1"]
    assert [(r["article_id"], r["source"]) for r in talks] == [
        ("2021-03-09-anchorage-talks-announced", "Harbour Daily"),
        ("2021-03-19-anchorage-talks-open", "Pacific Wire")]
    first = talks[0]
    assert first["sentence"].startswith("Secretary of State Dana Whitfield will meet")
    record = store.get_record(first["article_id"])
    assert record["text"][int(first["start"]):int(first["end"])] == first["sentence"]
    assert first["confidence"] == "0.9"


def _events_csv(store: Any, tmp_path: Path) -> Path:
    out = tmp_path / "events.csv"
    export_events(store, "csv", str(out))
    return out


def test_min_confidence_keeps_the_mentions_of_the_kept_events(store: Any,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    export_mentions(store, "jsonl", str(out), min_confidence=0.85)
    kept = {json.loads(x)["event_id"] for x in out.read_text().splitlines()}
    assert kept == {e["id"] for e in store.merged_events(0.85)}
    assert kept


def test_gdelt_mentions_columns_and_actor_offsets(store: Any, tmp_path: Path) -> None:
    out = tmp_path / "mentions.tsv"
    export_mentions(store, "gdelt-mentions", str(out))
    rows = [dict(zip(GDELT_MENTION_COLUMNS, line.split("\t"), strict=True))
            for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 13 and len(GDELT_MENTION_COLUMNS) == 16
    first = rows[0]
    text = store.get_record("2021-03-09-anchorage-talks-announced")["text"]
    actor1, actor2 = int(first["Actor1CharOffset"]), int(first["Actor2CharOffset"])
    assert text[actor1:].startswith("Dana Whitfield") and text[actor2:].startswith("Liu Wen")
    assert (first["GLOBALEVENTID"], first["MentionType"], first["MentionSourceName"],
            first["MentionIdentifier"], first["Confidence"], first["InRawText"]) == (
        "1", "2", "Harbour Daily", "2021-03-09-anchorage-talks-announced", "90", "1")
    assert first["MentionDocLen"] == str(len(text))
    assert first["EventTimeDate"] == rows[1]["EventTimeDate"] and len(first["EventTimeDate"]) == 14


def test_network_graphml_opens_in_networkx(store: Any, tmp_path: Path) -> None:
    out = tmp_path / "network.graphml"
    assert export_network(store, "graphml", str(out)) == (6, 9)  # USAGOV, CHNGOV apart
    try:
        import networkx
    except ImportError:   # without networkx, check the GraphML as XML
        networkx = None
    if networkx is None:
        from xml.etree import ElementTree as ET

        root = ET.parse(out).getroot()
        assert len(root.findall(".//{*}node")) == 6 and len(root.findall(".//{*}edge")) == 9
        return
    graph = networkx.read_graphml(out)
    assert graph.is_directed()
    assert graph.nodes["CHN"] == {"name": "China", "label": "China", "kind": "country",
                                  "events": 3}   # the state's; CHNGOV is a node of its own
    sanctions = [(a, b, {k: v for k, v in d.items() if k != "id"})
                 for a, b, d in graph.edges(data=True) if d["type"] == "SANCTION"]
    assert sanctions == [("USA", "CHN", {"type": "SANCTION", "joint": False, "weight": 1.0,
                                         "score": -6.0, "last": "2021-04-02"})]
    assert list(graph.out_edges("USA")) != list(graph.in_edges("USA"))


def test_network_csv_and_self_loops(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    store.write_batch(run, [record("a", "Wire", "2011-03-20",
                                   [event("ASSAULT", ["LBY"], ["LBY"], "2011-03-19"),
                                    event("ASSAULT", ["FRA"], ["LBY"], "2011-03-19")])], [], {})
    out = tmp_path / "network.csv"
    assert export_network(store, "csv", str(out)) == (2, 2)
    rows = read_csv(out)
    assert [(r["source"], r["target"], r["type"], r["weight"]) for r in rows] == [
        ("FRAGOV", "LBYGOV", "ASSAULT", "1"), ("LBYGOV", "LBYGOV", "ASSAULT", "1")]
    store.close()


@pytest.mark.parametrize(("args", "said"), [
    (["mentions", "--format", "gdelt-mentions"], "exported 13 event mentions as "
                                                  "gdelt-mentions"),
    (["mentions", "--format", "jsonl", "--min-confidence", "0.85"], "exported 3 event "),
    (["network"], "exported 6 actors and 9 edges as graphml"),
    (["network", "--format", "csv"], "exported 6 actors and 9 edges as csv"),
])
def test_export_commands(tmp_path: Path, args: list[str], said: str) -> None:
    db = build_store(tmp_path / "web.db")
    result = CliRunner().invoke(main, ["export", *args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert said in result.stderr and result.stdout


def test_parquet_needs_a_file(tmp_path: Path) -> None:
    db = build_store(tmp_path / "web.db")
    result = CliRunner().invoke(main, ["export", "mentions", "--format", "parquet",
                                       "--db", str(db)])
    assert result.exit_code == 2 and "give a file with -o" in result.stderr


def test_exports_read_alike_from_both_backends(store_url: str, tmp_path: Path) -> None:
    """The same rows from SQLite and PostgreSQL (the mention and entity reads are new SQL)."""
    store = open_store(str(build_store(store_url)))
    written = {}
    for kind, export in (("events", export_events), ("mentions", export_mentions)):
        out = tmp_path / f"{kind}.csv"
        export(store, "csv", str(out))
        written[kind] = read_csv(out)
    store.close()
    assert len(written["events"]) == 10 and len(written["mentions"]) == 13
    first = written["mentions"][0]
    assert (first["event_id"], first["source"], first["confidence"]) == (
        "1", "Harbour Daily", "0.9")
    assert first["sentence"].startswith("Secretary of State Dana Whitfield")
    assert written["events"][0]["title"] == "Washington and Beijing agree to talks in Alaska"
