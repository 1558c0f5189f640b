"""Cross-article steps as Spark jobs, over the outcomes of the pipeline (run/spark.py).

Each step groups the rows that can affect one another and runs the local pure-Python rule on
each group, so a Spark run finds what a local run finds:

- near-duplicates: the signatures' LSH bands (the bands datasketch's ``MinHashLSH`` uses
  for the threshold) are joined to candidate pairs, pairs under the threshold dropped, the
  rest split into connected groups, and each group replayed in input order through
  :class:`~dragoman.corpus.neardup.NearDuplicateIndex`; an article outside every pair has
  no near-duplicate, as locally;
- repeated paragraphs: a paragraph of a syndicated copy whose words are those of a paragraph
  of its group (its original or another copy) is a repeat of the first of them;
- actors: run/spark_actors.py;
- events: mentions grouped by merge key (type and sides) and merged in stored order with
  :func:`~dragoman.corpus.events.merge_mentions`, then counted (mentions, articles,
  sources, a near-duplicate counting as its original's source).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from dragoman.corpus.events import EventKey, merge_mentions, span
from dragoman.corpus.neardup import NearDuplicateIndex, signature_from_bytes
from dragoman.run.spark_actors import entity_vertices, write_actors
from dragoman.run.tables import RECORD_TABLES, SCHEMAS, error_rows
from dragoman.settings import Settings
from dragoman.text import words

# A graph of at most this many edges is split into connected groups on the driver, in one
# pass (connected components), and at most this many ids are numbered there; more take the
# distributed way (label propagation, one Spark job a round; a Spark sort).
DRIVER_ROWS = 500_000

# What one record gives, parsed once and cached for every table (see _derived).
PARTS = ("records", *RECORD_TABLES, "entity vertices", "errors", "paragraph keys", "marks")
PART = {name: number for number, name in enumerate(PARTS)}
assert len(PART) == len(PARTS), "a part's name is its table's: names must differ"
PROCESSED, NEAR_DUPLICATE = " processed", " near-duplicate"  # no failure kind has a space


def write_tables(spark: Any, outcomes: Any, output: str, settings: Settings,
                 phases: dict[str, float] | None = None) -> tuple[list[str], dict[str, int]]:
    """Write every table under ``output`` (overwriting); returns their names and the
    records' marks (processed, near-duplicate, failure kinds: spark.py counts them).
    ``phases`` gets the seconds of each step."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from dragoman.run.spark import phase

    phases = {} if phases is None else phases
    kept = outcomes.where("record IS NOT NULL")
    with phase(phases, "near-duplicates"):
        duplicates = near_duplicates(spark, kept, settings)
    # Each record's JSON is parsed once, into the rows of every table, cached: the tables
    # read the cache rather than parse the records again, one parse per table.
    derived = kept.join(duplicates, "seq", "left").rdd.map(_derived).persist(
        StorageLevel.MEMORY_AND_DISK)

    def rows(part: str) -> Any:
        return derived.flatMap(lambda found, n=PART[part]: found[n])

    with phase(phases, "records"):
        records = spark.createDataFrame(rows("records"), SCHEMAS["records"])
        written = [_write(records.orderBy("seq"), output, "records")]
    for table in RECORD_TABLES:
        with phase(phases, "events" if table == "event_mentions" else "record tables"):
            frame = spark.createDataFrame(rows(table), SCHEMAS[table])
            if table == "event_mentions":
                frame = _with_events(spark, frame, output, written, settings.event_merge_days)
            written.append(_write(frame, output, table))
    with phase(phases, "actors"):
        written += write_actors(spark, rows("entity vertices"), output, _write)
    with phase(phases, "errors"):
        read_errors = outcomes.where("failure IS NOT NULL").select(
            *[F.get_json_object("failure", f"$.{c}").alias(c) for c in
              ("origin", "article_id", "kind", "stage", "message", "version", "model")])
        errors = spark.createDataFrame(rows("errors"), SCHEMAS["errors"]).unionByName(
            read_errors)
        written.append(_write(errors, output, "errors"))
    with phase(phases, "repeated paragraphs"):
        written.append(_write(repeated_paragraphs(spark, rows("paragraph keys")), output,
                              "repeated_paragraphs"))
    with phase(phases, "count"):
        marks = dict(rows("marks").countByValue())
    derived.unpersist()
    return written, marks


def _write(frame: Any, output: str, table: str) -> str:
    frame.write.mode("overwrite").parquet(output.rstrip("/") + "/" + table)
    return table


def _derived(row: Any) -> tuple[list[Any], ...]:
    """Everything the tables take from one record (with its near-duplicate mark), in the
    order of ``PARTS``."""
    record = json.loads(row.record)
    if row.near_duplicate_of is not None:
        record["near_duplicate_of"] = {"id": row.near_duplicate_of,
                                       "similarity": row.near_duplicate_similarity}
    found: list[list[Any]] = [[(row.seq, row.id, json.dumps(record, ensure_ascii=False),
                                row.minhash)]]
    found += [rows_of(row.seq, record, row.minhash) for rows_of in RECORD_TABLES.values()]
    found.append(list(entity_vertices(row.seq, record)))
    found.append(error_rows(record))
    found.append(list(_paragraph_keys(row.seq, record)))
    found.append(_record_marks(record))
    return tuple(found)


def _record_marks(record: dict[str, Any]) -> list[str]:
    marks = [PROCESSED] + [NEAR_DUPLICATE] * bool(record.get("near_duplicate_of"))
    return marks + [failure["kind"] for failure in record.get("errors", [])]


# -- near-duplicates ------------------------------------------------------------------------
def near_duplicates(spark: Any, records: Any, settings: Settings) -> Any:
    """``(seq, near_duplicate_of, near_duplicate_similarity)`` of every near-duplicate."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=settings.neardup_threshold, num_perm=settings.neardup_num_perm)
    signatures = records.select("seq", "id", "minhash")
    bands = spark.createDataFrame(signatures.rdd.flatMap(
        lambda row: [(band, row.minhash[4 * start:4 * end], row.seq)
                     for band, (start, end) in enumerate(lsh.hashranges)]),
        "band INT, value BINARY, seq BIGINT")
    pairs = (bands.alias("a").join(bands.alias("b"), ["band", "value"])
             .where("a.seq < b.seq").select("a.seq", "b.seq").toDF("first", "second")
             .distinct())
    threshold, num_perm = settings.neardup_threshold, settings.neardup_num_perm
    edges = (pairs.join(signatures.toDF("first", "id1", "h1"), "first")
             .join(signatures.toDF("second", "id2", "h2"), "second").rdd
             .filter(lambda row: _similarity(row.h1, row.h2, num_perm) >= threshold)
             .map(lambda row: (row.first, row.id1, row.h1, row.second, row.id2, row.h2)))
    schema = "seq BIGINT, near_duplicate_of STRING, near_duplicate_similarity DOUBLE"
    few = bounded_collect(edges, DRIVER_ROWS)
    if few is not None:  # the usual case: copies are a small share of a corpus
        return spark.createDataFrame(_replay_edges(few, threshold, num_perm), schema)
    groups = connected_groups(spark, spark.createDataFrame(
        edges.map(lambda edge: (edge[0], edge[3])), "first BIGINT, second BIGINT"))
    members = groups.join(signatures, "seq").rdd.map(
        lambda row: (row.group, (row.seq, row.id, row.minhash))).groupByKey()
    found = members.flatMap(lambda pair: _replay(pair[1], threshold, num_perm))
    return spark.createDataFrame(found, schema)


def _replay_edges(edges: list[tuple[Any, ...]], threshold: float,
                  num_perm: int) -> list[tuple[int, str, float]]:
    """The near-duplicates of the articles in ``edges`` (both ends' seq, id and signature),
    each connected group replayed in input order, on the driver."""
    labels = smallest_labels((edge[0], edge[3]) for edge in edges)
    members: dict[int, dict[int, tuple[int, str, bytes]]] = {}
    for first, id1, h1, second, id2, h2 in edges:
        group = members.setdefault(labels[first], {})
        group[first], group[second] = (first, id1, h1), (second, id2, h2)
    return [found for group in members.values()
            for found in _replay(group.values(), threshold, num_perm)]


def _similarity(a: bytes, b: bytes, num_perm: int) -> float:
    """MinHash's Jaccard estimate (datasketch ``MinHash.jaccard``): equal hash values."""
    same = sum(1 for i in range(0, 4 * num_perm, 4) if a[i:i + 4] == b[i:i + 4])
    return same / num_perm


def connected_groups(spark: Any, edges: Any) -> Any:
    """``(seq, group)``: each vertex of ``edges`` (a DataFrame of ``first, second``) with
    the smallest seq connected to it."""
    few = bounded_collect(edges.rdd.map(tuple), DRIVER_ROWS)
    if few is not None:
        return spark.createDataFrame(list(smallest_labels(few).items()),
                                     "seq BIGINT, group BIGINT")
    return _propagated_groups(edges)


def bounded_collect(rdd: Any, limit: int) -> list[Any] | None:
    """All items of ``rdd`` on the driver, in one job, if no partition holds more than its
    share of ``limit``; else None (the caller takes the distributed way)."""
    share = limit // max(1, rdd.getNumPartitions())
    parts = rdd.mapPartitions(lambda items: [list(islice(items, share + 1))]).collect()
    if any(len(part) > share for part in parts):
        return None
    return [item for part in parts for item in part]


def numbered(spark: Any, keys: Any, schema: str) -> Any:
    """Each of the distinct tuples ``keys`` with its number (1, 2, … in their sorted
    order) as a last column: sorted on the driver when few, else by a Spark sort."""
    few = bounded_collect(keys, DRIVER_ROWS)
    if few is not None:
        return spark.createDataFrame(
            [(*key, number) for number, key in enumerate(sorted(few), 1)], schema)
    return spark.createDataFrame(keys.sortBy(lambda key: key).zipWithIndex().map(
        lambda pair: (*pair[0], pair[1] + 1)), schema)


def smallest_labels(edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Each vertex of ``edges`` with the smallest vertex connected to it (networkx's
    connected components)."""
    import networkx as nx

    labels: dict[int, int] = {}
    for group in nx.connected_components(nx.Graph(edges)):
        smallest = min(group)
        labels.update(dict.fromkeys(group, smallest))
    return labels


def _propagated_groups(edges: Any) -> Any:
    """:func:`connected_groups` of a graph too large for the driver: label propagation."""
    from pyspark.sql import functions as F

    both = edges.unionByName(edges.select(F.col("second").alias("first"),
                                          F.col("first").alias("second"))).localCheckpoint()
    labels = both.groupBy("first").agg(F.least(F.min("second"), F.first("first")).alias(
        "group")).withColumnRenamed("first", "seq").localCheckpoint(eager=False)
    while True:  # each round moves the smallest label one edge further; ends when none moves
        moved = (both.join(labels.toDF("second", "label"), "second")
                 .groupBy("first").agg(F.min("label").alias("label"))
                 .join(labels.toDF("first", "group"), "first")
                 .select(F.col("first").alias("seq"), F.least("label", "group").alias("group"),
                         (F.col("label") < F.col("group")).alias("moved"))
                 .localCheckpoint())  # one job a round: the labels, and whether any moved
        labels = moved.drop("moved")
        if moved.where("moved").isEmpty():
            break
    return labels


def _replay(members: Iterable[tuple[int, str, bytes]], threshold: float,
            num_perm: int) -> Iterator[tuple[int, str, float]]:
    """The local rule on one group, in input order (corpus/neardup.py)."""
    index = NearDuplicateIndex(threshold, num_perm)
    for seq, article_id, minhash in sorted(members):
        match = index.add_signature(article_id, signature_from_bytes(minhash, num_perm))
        if match is not None:
            yield seq, match.duplicate_of, match.similarity


# -- repeated paragraphs across copies ------------------------------------------------------
def repeated_paragraphs(spark: Any, keys: Any) -> Any:
    """``(article_id, idx, original_id, original_idx)``: paragraphs of a syndicated copy that
    repeat, word for word, one of an earlier article of its near-duplicate group; ``keys``
    are the records' :func:`_paragraph_keys`."""
    keyed = keys.groupByKey().flatMap(_repeats)
    return spark.createDataFrame(
        keyed, "article_id STRING, idx INT, original_id STRING, original_idx INT")


def _paragraph_keys(seq: int, record: dict[str, Any]
                    ) -> Iterator[tuple[tuple[str, str], tuple[int, str, int]]]:
    near = record.get("near_duplicate_of")
    group = near["id"] if near else record["id"]
    for idx, paragraph in enumerate(record["paragraphs"]):
        start, end = paragraph["span"]
        found = " ".join(words(record["text"][start:end]))
        if found:
            yield (group, found), (seq, record["id"], idx)


def _repeats(pair: tuple[Any, Iterable[tuple[int, str, int]]]) -> Iterator[tuple[Any, ...]]:
    first, *rest = sorted(pair[1])
    for _, article_id, idx in rest:
        if article_id != first[1]:  # repeats inside one article are the paragraph stage's
            yield article_id, idx, first[1], first[2]


# -- events ---------------------------------------------------------------------------------
def _with_events(spark: Any, mentions: Any, output: str, written: list[str],
                 merge_days: int) -> Any:
    """The mentions with the id of the event each joins; writes ``events`` beside them."""
    from pyspark.sql import functions as F

    keyed = mentions.select("event", "key_actors", "key_recipients", "seq", "idx",
                            "article_id", "first_day", "last_day").rdd.map(_grouped)
    joined = keyed.groupByKey().flatMap(lambda pair: _merge(pair, merge_days))
    clusters = spark.createDataFrame(
        joined, "article_id STRING, idx INT, first_seq BIGINT, first_idx INT, "
                "first_day INT, last_day INT")
    ids = numbered(spark, clusters.select("first_seq", "first_idx").distinct().rdd.map(tuple),
                   "first_seq BIGINT, first_idx INT, cluster_id BIGINT")
    placed = clusters.join(ids, ["first_seq", "first_idx"]).select(
        "article_id", "idx", "cluster_id", F.col("first_day").alias("event_first_day"),
        F.col("last_day").alias("event_last_day"))
    result = mentions.join(placed, ["article_id", "idx"]).localCheckpoint()
    written.append(_write(events_table(spark, result, output), output, "events"))
    return result.drop("event_first_day", "event_last_day")


def _grouped(m: Any) -> tuple[EventKey, tuple[Any, ...]]:
    """A mention under its group (the same states on each side, corpus/events.py): the
    mentions that may merge, as the store's candidates are."""
    key = EventKey(m.event, m.key_actors, m.key_recipients)
    return key.group, (m.seq, m.idx, m.article_id, m.first_day, m.last_day, key)


def _merge(pair: tuple[EventKey, Iterable[tuple[Any, ...]]],
           merge_days: int) -> Iterator[tuple[Any, ...]]:
    mentions = sorted(pair[1], key=lambda m: (m[0], m[1]))
    days = [(first, last) if first is not None else None
            for _, _, _, first, last, _ in mentions]
    numbers = merge_mentions(days, merge_days, [m[5] for m in mentions])
    firsts: dict[int, tuple[int, int]] = {}
    spans: dict[int, list[tuple[int, int]]] = {}
    for (seq, idx, _, _, _, _), number, dated in zip(mentions, numbers, days, strict=True):
        firsts.setdefault(number, (seq, idx))
        if dated is not None:
            spans.setdefault(number, []).append(dated)
    for (_, idx, article_id, _, _, _), number in zip(mentions, numbers, strict=True):
        first_day, last_day = span(spans[number]) if number in spans else (None, None)
        yield article_id, idx, *firsts[number], first_day, last_day


def events_table(spark: Any, mentions: Any, output: str) -> Any:
    """One row per merged event: its key, days, best confidence and GDELT-style counts; a
    near-duplicate article counts as its original's source (as the store counts)."""
    from pyspark.sql import functions as F

    articles = spark.read.parquet(output.rstrip("/") + "/articles")
    roots = articles.select("id", "source").toDF("root", "root_source")
    origin = articles.select(F.col("id").alias("article_id"),
                             F.coalesce("near_duplicate_of", "id").alias("root"))
    counted = mentions.join(origin, "article_id").join(roots, "root", "left")
    return (counted.groupBy("cluster_id").agg(
        # the sides of the first mention stored (the mentions of one event may name them
        # as states or as their sectors: USA and USAGOV), as the store keeps them
        F.first("event").alias("event"),
        F.min_by("key_actors", F.struct("seq", "idx")).alias("actors"),
        F.min_by("key_recipients", F.struct("seq", "idx")).alias("recipients"),
        F.first("event_first_day").alias("first_day"),
        F.first("event_last_day").alias("last_day"),
        F.max("confidence").alias("confidence"), F.sum("mentions").alias("mentions"),
        F.countDistinct("article_id").alias("articles"),
        F.countDistinct(F.coalesce("root_source", "root")).alias("sources"))
        .withColumnRenamed("cluster_id", "id").orderBy("id"))
