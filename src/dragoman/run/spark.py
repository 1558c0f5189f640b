"""The Spark runner: ``dragoman spark extract INPUT… OUTPUT`` on one machine or a cluster.

Inputs are read by Spark from any path it reads (local, ``hdfs://``, ``s3a://``): files
(JSON Lines, ``.txt``, ``.html``, optionally gzipped; folders of them) are read whole and
parsed by dragoman's own readers on the executors, so an article gets the same id, date and
origin as in a local run; ``.parquet`` inputs are rows of ``id, text, published, …``. Articles
are numbered in input order (input, file, line), dealt round-robin into ``partitions``,
and each partition runs the one Worker of its executor process (pipeline.py ``cached_worker``: one
model load per Python worker process, reused across partitions). Records, failures and the
near-duplicate signatures computed beside them are written once to Parquet; the tables and
the cross-article steps (run/spark_corpus.py) are Spark jobs over that.

Also runnable with ``spark-submit``: ``spark-submit --master yarn $(python -c 'import
dragoman.run.spark as s; print(s.__file__)') extract INPUT OUTPUT`` (README, "Scaling out").
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from dragoman import __version__
from dragoman.errors import ConfigError, InputError
from dragoman.jobs import Summary
from dragoman.pipeline import cached_worker
from dragoman.readers import is_article_file, make_article, read_bytes
from dragoman.records import Article
from dragoman.settings import Settings

# (input number, file, position in the file): the order a local run reads articles in.
Key = tuple[int, str, int]
Item = tuple[str, dict[str, Any]]  # ("article", input dict) or ("failure", failure dict)

OUTCOMES = "seq BIGINT, id STRING, record STRING, minhash BINARY, failure STRING"
LOCAL_SHUFFLE_PARTITIONS = "8"
WORK = "_work"  # the outcomes of the pipeline, read by every later step; removed at the end


@dataclass
class SparkSummary(Summary):
    """What ``dragoman spark extract`` did: a local run's summary (nothing stored) and the
    tables it wrote."""

    tables: list[str] = field(default_factory=list)
    # seconds of each phase of the run, in order (benchmarks/spark_phases.py prints them)
    phases: dict[str, float] = field(default_factory=dict)


@contextmanager
def phase(phases: dict[str, float], name: str) -> Iterator[None]:
    """Add the wall time of the ``with`` body to ``phases[name]``: Spark is lazy, so a phase
    is the jobs its body triggers (a write, a collect)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - started


def session(master: str | None = None) -> Any:
    """The SparkSession: ``master`` if given, else spark-submit's, else all local cores.
    In local mode the executors run this interpreter (so they find dragoman and the spaCy
    pipeline) unless PYSPARK_PYTHON says otherwise; on a cluster, ``spark.pyspark.python``
    names the shipped environment's (README, "Scaling out")."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("the Spark runner needs pyspark: pip install 'dragoman[spark]' "
                          "(and Java 17)") from None
    builder = SparkSession.builder.appName("dragoman")
    if not master and "SPARK_ENV_LOADED" not in os.environ:  # not under spark-submit
        master = "local[*]"
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        # the driver's PYSPARK_PYTHON is the executors' interpreter: on one machine, this one
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # Spark's default of 200 partitions per shuffle suits a cluster; on one machine the
        # cross-article steps' small shuffles would spend their time starting tasks.
        builder = builder.config("spark.sql.shuffle.partitions", LOCAL_SHUFFLE_PARTITIONS)
        # nobody browses a one-run local session's web UI; starting it costs the start-up
        builder = builder.config("spark.ui.enabled", "false")
    return builder.getOrCreate()


def extract(spark: Any, inputs: list[str], output: str, settings: Settings,
            partitions: int | None = None) -> SparkSummary:
    """Run the pipeline over ``inputs`` and write the tables under ``output`` (each table
    overwritten, so a re-run over the same output gives the same tables)."""
    from dragoman.run import spark_corpus

    started = time.perf_counter()
    summary = SparkSummary()
    partitions = partitions or spark.sparkContext.defaultParallelism
    reads = read_inputs(spark, inputs, settings.max_article_bytes)
    ordered = reads.sortBy(lambda pair: pair[0], numPartitions=partitions).zipWithIndex()
    outcomes = dealt(ordered, partitions).mapPartitions(PartitionExtractor(settings))
    work = _join(output, WORK)
    with phase(summary.phases, "extract"):
        spark.createDataFrame(outcomes, OUTCOMES).write.mode("overwrite").parquet(work)
    outcomes = spark.read.parquet(work)
    summary.tables, marks = spark_corpus.write_tables(spark, outcomes, output, settings,
                                                      summary.phases)
    with phase(summary.phases, "count"):
        _count(outcomes, marks, summary)
        remove(spark, work)
    summary.seconds = time.perf_counter() - started
    return summary


def dealt(ordered: Any, partitions: int) -> Any:
    """``ordered``'s ``(item, seq)`` pairs dealt round-robin by seq over ``partitions``:
    neighbouring articles (one source's long pieces, one file's comments) are spread
    instead of landing in one range that keeps a core busy after the others are done.
    The seq, not the partition, carries the input order into every later step."""
    return (ordered.map(lambda pair: (pair[1], pair))
            .partitionBy(partitions, lambda seq: seq)  # bucket = seq % partitions
            .values())


def read_inputs(spark: Any, inputs: list[str], max_bytes: int) -> Any:
    """An RDD of ``(Key, Item)``: every article and read failure of ``inputs``."""
    parts = []
    missing: list[tuple[Key, Item]] = []
    for number, name in enumerate(inputs):
        try:
            if name.rstrip("/").endswith(".parquet"):
                rows = spark.read.parquet(name).rdd.zipWithIndex()
                parts.append(rows.map(lambda pair, n=number, name=name: _parquet_item(
                    n, name, pair[0].asDict(), pair[1], max_bytes)))
            else:
                files = spark.read.format("binaryFile").option(
                    "recursiveFileLookup", "true").load(name).select("path", "content")
                parts.append(files.rdd.flatMap(
                    lambda row, n=number, name=name: _file_items(n, name, row.path,
                                                                 bytes(row.content),
                                                                 max_bytes)))
        except Exception as exc:  # AnalysisException: no such path
            if "PATH_NOT_FOUND" not in str(exc) and "does not exist" not in str(exc):
                raise
            failure = InputError("no such file or directory", origin=name,
                                 kind="missing_file")
            missing.append(((number, "", 0), _failure_item(failure)))
    return spark.sparkContext.union([spark.sparkContext.parallelize(missing, 1), *parts])


def _file_items(number: int, name: str, path: str, data: bytes,
                max_bytes: int) -> Iterator[tuple[Key, Item]]:
    """The articles of one file, keyed by their place in the input; in a folder, the files
    a local run skips (hidden, unsupported) are skipped."""
    origin, relative = file_origin(name, path)
    if relative and not is_article_file(Path(relative)):
        return
    try:
        for position, read in enumerate(read_bytes(data, origin, max_bytes=max_bytes)):
            yield (number, relative, position), _item(read)
    except Exception as exc:  # one file must never stop a run (readers._read_guarded)
        failure = InputError(f"reading stopped: {exc}", origin=origin, kind="read")
        yield (number, relative, sys.maxsize), _failure_item(failure)


def file_origin(name: str, path: str) -> tuple[str, str]:
    """``(origin, path relative to the input)`` of a file Spark found under input ``name``;
    the origin is the one a local run gives (``examples/wire.jsonl`` for input
    ``examples``), or Spark's full path for a remote input."""
    if "://" in name:
        relative = path[len(name.rstrip("/")):].lstrip("/") if path.startswith(
            name.rstrip("/")) else path
        return path, relative
    local = urlparse(path).path
    relative = os.path.relpath(local, os.path.abspath(name))
    if relative == ".":
        return name, ""
    return str(Path(name) / relative), relative


def _parquet_item(number: int, name: str, row: dict[str, Any], position: int,
                  max_bytes: int) -> tuple[Key, Item]:
    fields = {k: row.get(k) for k in ("id", "text", "published", "title", "url", "source")}
    read = make_article(fields, origin=f"{name}:{position + 1}", max_bytes=max_bytes)
    return (number, "", position), _item(read)


def _item(read: Article | InputError) -> Item:
    if isinstance(read, InputError):
        return _failure_item(read)
    return "article", read.to_input()


def _failure_item(error: InputError) -> Item:
    return "failure", {"origin": error.origin, "article_id": None, "kind": error.kind,
                       "stage": "read", "message": error.reason}


class PartitionExtractor:
    """The function Spark maps over each partition: ``((key, item), seq)`` pairs to
    outcome rows ``(seq, id, record JSON, minhash, failure JSON)``, a batch at a time
    through this process's Worker."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, rows: Iterable[tuple[tuple[Key, Item], int]]
                 ) -> Iterator[tuple[Any, ...]]:
        worker = cached_worker(self.settings)
        stamp = {"version": __version__, "model": worker.pipeline.model}
        rows = iter(rows)
        while batch := list(islice(rows, self.settings.batch_size)):
            articles = [(seq, item) for (_, (kind, item)), seq in batch if kind == "article"]
            outcomes = iter(worker([item for _, item in articles]))
            for (_, (kind, item)), seq in batch:
                outcome = next(outcomes) if kind == "article" else {"failure": item}
                yield _outcome_row(seq, outcome, stamp)


def _outcome_row(seq: int, outcome: dict[str, Any], stamp: dict[str, str]) -> tuple[Any, ...]:
    if "failure" in outcome:
        failure = {**outcome["failure"], **stamp}
        return seq, failure.get("article_id"), None, None, json.dumps(failure,
                                                                       ensure_ascii=False)
    minhash = outcome.pop("minhash")
    return seq, outcome["id"], json.dumps(outcome, ensure_ascii=False), minhash, None


def _count(outcomes: Any, marks: dict[str, int], summary: SparkSummary) -> None:
    """The run's counts: the failures of reading and of whole articles (one job), and the
    records' marks (processed, near-duplicate, stages that failed on them)."""
    from pyspark.sql import functions as F

    from dragoman.run.spark_corpus import NEAR_DUPLICATE, PROCESSED

    failures = {row.kind: row["count"] for row in outcomes.where("failure IS NOT NULL")
                .groupBy(F.get_json_object("failure", "$.kind").alias("kind")).count()
                .collect()}
    marks = dict(marks)
    summary.read = sum(failures.values()) + marks.get(PROCESSED, 0)
    summary.processed = marks.pop(PROCESSED, 0)
    summary.near_duplicates = marks.pop(NEAR_DUPLICATE, 0)
    for kind, count in [*failures.items(), *marks.items()]:
        summary.failures_by_kind[kind] = summary.failures_by_kind.get(kind, 0) + count
        summary.failed += count


def remove(spark: Any, path: str) -> None:
    """Delete a folder on whatever file system Spark writes to."""
    jvm = spark.sparkContext._jvm
    target = jvm.org.apache.hadoop.fs.Path(path)
    target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(target, True)


def _join(output: str, table: str) -> str:
    return output.rstrip("/") + "/" + table


if __name__ == "__main__":  # spark-submit …/dragoman/run/spark.py extract INPUT OUTPUT
    from dragoman.cli.spark import spark as spark_commands

    spark_commands(prog_name="dragoman spark")
