"""The Spark runner in local mode (real Spark, local[2]) against the local run: the same
records (near-duplicates included), the same merged events, bad records in ``errors``."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from dragoman.jobs import Summary, extract_stream, load_tables
from dragoman.settings import Settings
from dragoman.store import open_store
from tests.fixtures.paths import EXAMPLES, SHARED

pyspark = pytest.importorskip("pyspark", reason="pip install 'dragoman[spark]'")

TIMELINE17 = SHARED / "corpora" / "timeline17" / "articles.jsonl.gz"


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from dragoman.run.spark import session

    spark = session("local[2]")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def spark_extract(spark: Any, inputs: list[str], output: Path, settings: Settings) -> Any:
    from dragoman.run.spark import extract

    return extract(spark, inputs, str(output), settings, partitions=2)


def table(output: Path, name: str) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    return ds.dataset(output / name, format="parquet").to_table().to_pylist()


def local_records(inputs: list[str], settings: Settings) -> dict[str, dict[str, Any]]:
    return {o["id"]: o for o in extract_stream(inputs, settings, summary=Summary())
            if isinstance(o, dict)}


def spark_records(output: Path) -> dict[str, dict[str, Any]]:
    return {row["id"]: json.loads(row["record"]) for row in table(output, "records")}


def stored_events(db: Path) -> set[tuple[Any, ...]]:
    """Each merged event of a store: its mentions (article, index) and its counts."""
    store = open_store(str(db), read_only=True)
    members: dict[int, set[tuple[str, int]]] = {}
    for cluster, article, idx in store.db.execute(  # type: ignore[attr-defined]
            "SELECT cluster_id, article_id, idx FROM event_mentions"):
        members.setdefault(cluster, set()).add((article, idx))
    found = {(frozenset(members[e["id"]]), e["mentions"], e["articles"], e["sources"],
              e["confidence"]) for e in store.merged_events()}
    store.close()
    return found


def spark_events(output: Path) -> set[tuple[Any, ...]]:
    members: dict[int, set[tuple[str, int]]] = {}
    for mention in table(output, "event_mentions"):
        members.setdefault(mention["cluster_id"], set()).add((mention["article_id"],
                                                              mention["idx"]))
    return {(frozenset(members[e["id"]]), e["mentions"], e["articles"], e["sources"],
             e["confidence"]) for e in table(output, "events")}


def stored_actors(db: Path) -> set[tuple[Any, ...]]:
    """Each actor of a store: what it is, the entities linked to it and its aliases."""
    store = open_store(str(db), read_only=True)
    query = store.db.execute  # type: ignore[attr-defined]
    links: dict[int, set[str]] = {}
    for actor, article, entity in query("SELECT actor_id, article_id, entity_id "
                                        "FROM entity_actors"):
        links.setdefault(actor, set()).add(f"{article}/{entity}")
    names: dict[int, set[str]] = {}
    for actor, alias, mentions in query("SELECT actor_id, alias, mentions FROM actor_aliases"):
        names.setdefault(actor, set()).add(f"{alias}={mentions}")
    found = {(*row[1:], frozenset(links[row[0]]), frozenset(names.get(row[0], {""})))
             for row in query("SELECT id, name, type, country, sector, wikidata FROM actors")}
    store.close()
    return found


def spark_actors(output: Path) -> set[tuple[Any, ...]]:
    links: dict[int, set[str]] = {}
    for link in table(output, "entity_actors"):
        links.setdefault(link["actor_id"], set()).add(f"{link['article_id']}/{link['entity_id']}")
    names: dict[int, set[str]] = {}
    for alias in table(output, "actor_aliases"):
        names.setdefault(alias["actor_id"], set()).add(f"{alias['alias']}={alias['mentions']}")
    return {(a["name"], a["type"], a["country"], a["sector"], a["wikidata"],
             frozenset(links[a["id"]]), frozenset(names.get(a["id"], {""})))
            for a in table(output, "actors")}


def assert_same_as_local(spark: Any, inputs: list[str], tmp_path: Path,
                         settings: Settings) -> dict[str, dict[str, Any]]:
    output = tmp_path / "out"
    summary = spark_extract(spark, inputs, output, settings)
    local = local_records(inputs, settings)
    found = spark_records(output)
    assert found == local  # near_duplicate_of included: the same pairs
    assert summary.processed == len(local)
    # the store merges the loaded records' events as an ingest would; Spark's merge agrees
    db = tmp_path / "loaded.db"
    store = open_store(str(db))
    load_tables(str(output), store, settings, summary=Summary())
    store.close()
    assert spark_events(output) == stored_events(db)
    assert spark_actors(output) == stored_actors(db)
    return found


def test_examples_give_the_records_and_events_of_a_local_run(spark: Any, tmp_path: Path,
                                                             settings: Settings) -> None:
    found = assert_same_as_local(spark, [str(EXAMPLES)], tmp_path, settings)
    assert any(r["near_duplicate_of"] for r in found.values())
    repeats = table(tmp_path / "out", "repeated_paragraphs")
    copies = {r["id"]: r["near_duplicate_of"]["id"] for r in found.values()
              if r["near_duplicate_of"]}
    assert repeats and all(copies[r["article_id"]] == r["original_id"] for r in repeats)


@pytest.mark.slow
@pytest.mark.shared
def test_100_timeline17_articles_give_the_records_of_a_local_run(
        spark: Any, tmp_path: Path, settings: Settings) -> None:
    sample = tmp_path / "timeline17-100.jsonl.gz"
    with gzip.open(TIMELINE17, "rt", encoding="utf-8") as lines, \
            gzip.open(sample, "wt", encoding="utf-8") as out:
        out.writelines(islice(lines, 100))
    found = assert_same_as_local(spark, [str(sample)], tmp_path, settings)
    assert len(found) >= 95  # a few may be refused (language), as locally


BAD_LINES = [
    '{"id": "good-1", "text": "The foreign ministers of Chile and Peru met in Lima on '
    'Tuesday.", "published": "2024-05-21"}',
    '{"id": "no-text", "published": "2024-05-21"}',
    '{"id": "bad-date", "text": "Talks went on.", "published": "2024-13-45"}',
    "{not json",
    '{"id": "good-2", "text": "Kenya reopened its border with Tanzania at Namanga.", '
    '"published": "2024-07-09"}',
]


def test_bad_records_land_in_errors_and_a_rerun_overwrites(spark: Any, tmp_path: Path,
                                                           settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.jsonl").write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    (folder / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    (folder / "notes.csv").write_text("skipped: not an article file", encoding="utf-8")
    output = tmp_path / "out"
    summary = spark_extract(spark, [str(folder)], output, settings)
    errors = table(output, "errors")
    local = list(extract_stream([str(folder)], settings, summary=Summary()))
    assert sorted((e["origin"], e["kind"], e["message"]) for e in errors) == sorted(
        (f.origin, f.kind, f.message) for f in local if not isinstance(f, dict))
    assert {e["kind"] for e in errors} >= {"json", "gzip", "missing_text", "published"}
    assert "good-1" in spark_records(output)
    assert sorted(spark_records(output)) == sorted(o["id"] for o in local if isinstance(o, dict))
    assert summary.failed == len(errors)
    before = {name: sorted(map(repr, table(output, name))) for name in ("records", "errors")}
    spark_extract(spark, [str(folder)], output, settings)
    assert {name: sorted(map(repr, table(output, name))) for name in before} == before


def test_parquet_input_and_a_missing_input(spark: Any, tmp_path: Path,
                                           settings: Settings) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    articles = tmp_path / "articles.parquet"
    pq.write_table(pa.table({
        "id": ["p1", "p2"],
        "text": ["The foreign ministers of Chile and Peru met in Lima on Tuesday.", None],
        "published": ["2024-05-21", "2024-05-22"]}), articles)
    output = tmp_path / "out"
    summary = spark_extract(spark, [str(tmp_path / "nowhere"), str(articles)], output,
                            settings)
    assert sorted((e["kind"], e["origin"]) for e in table(output, "errors")) == [
        ("missing_file", str(tmp_path / "nowhere")),
        ("missing_text", f"{articles}:2 (id 'p2')")]  # the row, as a reader names a line
    (record,) = spark_records(output).values()
    assert (record["id"], record["published"]) == ("p1", "2024-05-21")
    assert (summary.processed, summary.failed) == (1, 2)


def test_file_origin_is_the_local_runs() -> None:
    from dragoman.run.spark import file_origin

    local = "file:" + str(EXAMPLES.resolve() / "wire.jsonl")
    assert file_origin(str(EXAMPLES), local) == (str(EXAMPLES / "wire.jsonl"), "wire.jsonl")
    assert file_origin(str(EXAMPLES / "wire.jsonl"), local) == (str(EXAMPLES / "wire.jsonl"),
                                                                "")
    assert file_origin("hdfs://nn/in", "hdfs://nn/in/a/b.txt") == ("hdfs://nn/in/a/b.txt",
                                                                   "a/b.txt")


def test_small_graphs_are_grouped_by_their_smallest_vertex() -> None:
    from dragoman.run.spark_corpus import smallest_labels

    # two groups, one reached through a chain whose edges come in an awkward order
    edges = [(7, 9), (5, 9), (9, 12), (3, 4), (12, 2)]
    assert smallest_labels(edges) == {7: 2, 9: 2, 5: 2, 12: 2, 2: 2, 3: 3, 4: 3}
    assert smallest_labels([]) == {}


def test_the_distributed_way_gives_the_tables_of_the_driver_way(
        spark: Any, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Groups and ids are made on the driver when few; a corpus too large for that takes
    label propagation and a Spark sort, which must give the same tables."""
    from dragoman.run import spark_corpus

    spark_extract(spark, [str(EXAMPLES)], tmp_path / "driver", settings)
    monkeypatch.setattr(spark_corpus, "DRIVER_ROWS", 0)  # every collect is "too large"
    spark_extract(spark, [str(EXAMPLES)], tmp_path / "spread", settings)
    for name in ("records", "events", "event_mentions", "actors", "actor_aliases",
                 "entity_actors", "repeated_paragraphs"):
        driver, spread = table(tmp_path / "driver", name), table(tmp_path / "spread", name)
        assert driver, name
        assert sorted(map(repr, spread)) == sorted(map(repr, driver)), name


def test_event_keys_group_in_a_shuffle_that_spills(spark: Any) -> None:
    """Merging groups mentions by EventKey (groupByKey); a partition over the Python worker's
    memory spills to disk, and spilling sorts the keys, so they must be ordered. Seen on 500
    Timeline17 articles: "'<' not supported between instances of 'EventKey'"."""
    from dragoman.corpus.events import EventKey

    conf = spark.sparkContext._conf
    before = conf.get("spark.python.worker.memory", "512m")
    conf.set("spark.python.worker.memory", "1m")  # every partition spills
    try:
        pairs = [(EventKey("CONSULT", f"A{i % 50:02d}", "CHN"), i) for i in range(5000)]
        grouped = spark.sparkContext.parallelize(pairs, 2).groupByKey().mapValues(len)
        sizes = grouped.collectAsMap()
    finally:
        conf.set("spark.python.worker.memory", before)
    assert len(sizes) == 50
    assert set(sizes.values()) == {100}
