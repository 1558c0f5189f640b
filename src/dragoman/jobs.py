"""The jobs the CLI runs: extract (records out, no database) and ingest (into a store).

Both read inputs in order, send batches of articles through the runner (the Worker, locally
or in a pool), then apply the corpus pass for near-duplicate articles in input order, so the
"first-seen" article of a syndicated group is the same however many workers ran.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from dragoman.corpus.neardup import (
    NearDuplicateIndex,
    signature_from_bytes,
)
from dragoman.errors import InputError
from dragoman.readers import make_article, read_articles
from dragoman.records import Article, Failure
from dragoman.run.local import LocalRunner
from dragoman.settings import Settings
from dragoman.store.base import Store
from dragoman.store.sqlite import text_hash

Outcome = dict[str, Any] | Failure


FOUND_KINDS = ("entities", "quotes", "events", "timexes")


@dataclass
class RunHooks:
    """What a front end hears of a run, to show it (every hook optional): ``loading`` just
    before the model loads (tens of seconds: say so), ``ready`` once it has, ``advanced(n)``
    after n more articles were handled (processed, skipped or failed)."""

    loading: Callable[[], None] | None = None
    ready: Callable[[], None] | None = None
    advanced: Callable[[int], None] | None = None

    @contextmanager
    def runner(self, settings: Settings) -> Iterator[LocalRunner]:
        """The runner, its model loaded between ``loading`` and ``ready``."""
        if self.loading:
            self.loading()
        with LocalRunner(settings) as runner:
            _ = runner.model  # a pool loads its models in the background: wait for one
            if self.ready:
                self.ready()
            yield runner

    def advance(self, articles: int) -> None:
        if self.advanced:
            self.advanced(articles)


@dataclass
class Summary:
    """What a run did; printed by the CLI and stored with the run."""

    read: int = 0
    processed: int = 0
    stored: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    failed: int = 0
    failures_by_kind: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)  # records per kind, processed articles
    seconds: float = 0.0

    def count_failure(self, failure: Failure) -> None:
        self.failed += 1
        self.failures_by_kind[failure.kind] = self.failures_by_kind.get(failure.kind, 0) + 1

    def count_found(self, record: dict[str, Any]) -> None:
        for kind in FOUND_KINDS:
            self.found[kind] = self.found.get(kind, 0) + len(record.get(kind) or [])

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 2)
        return data


def extract_stream(inputs: Sequence[str], settings: Settings, *, summary: Summary,
                   stdin: IO[bytes] | None = None,
                   hooks: RunHooks | None = None) -> Iterator[Outcome]:
    """CONTRACT records (dicts) and Failures, in input order."""
    hooks = hooks or RunHooks()
    started = time.perf_counter()
    index = NearDuplicateIndex(settings.neardup_threshold, settings.neardup_num_perm)
    reads = read_articles(inputs, max_bytes=settings.max_article_bytes, stdin=stdin)
    done = 0
    with hooks.runner(settings) as runner:
        for batch, failures in _batches(reads, settings.batch_size, summary):
            yield from failures
            for outcome in _run(runner, batch):
                yield _finish(outcome, index, summary)
            hooks.advance(summary.read - done)
            done = summary.read
    summary.seconds = time.perf_counter() - started


def ingest(inputs: Sequence[str], store: Store, settings: Settings, *, summary: Summary,
           stdin: IO[bytes] | None = None, hooks: RunHooks | None = None) -> Summary:
    """Read, extract and store; articles already stored are skipped before parsing."""
    hooks = hooks or RunHooks()
    started = time.perf_counter()
    store.lock_for_ingest()  # before the model loads: a second ingest is refused at once
    index = _index_from_store(store, settings)
    reads = read_articles(inputs, max_bytes=settings.max_article_bytes, stdin=stdin)
    done = 0
    with hooks.runner(settings) as runner:
        run_id = store.begin_run("ingest", inputs, asdict(settings), runner.model)
        for batch, failures in _batches(reads, settings.batch_size, summary):
            fresh = _new_articles(batch, store, summary, failures)
            records: list[dict[str, Any]] = []
            signatures: dict[str, bytes] = {}
            for outcome in _run(runner, fresh):
                outcome = _finish(outcome, index, summary, signatures)
                if isinstance(outcome, Failure):
                    failures.append(outcome)
                else:
                    records.append(outcome)
                    failures.extend(Failure.from_dict(f) for f in outcome.get("errors", []))
            stored = store.write_batch(run_id, records, failures, signatures,
                                       event_merge_days=settings.event_merge_days)
            summary.stored += stored
            summary.already_stored += len(records) - stored
            hooks.advance(summary.read - done)  # stored, skipped or failed
            done = summary.read
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, summary.as_dict())
    return summary


def _batches(reads: Iterable[Article | InputError], size: int,
             summary: Summary) -> Iterator[tuple[list[Article], list[Failure]]]:
    batch: list[Article] = []
    failures: list[Failure] = []
    for read in reads:
        summary.read += 1
        if isinstance(read, InputError):
            failure = Failure(read.origin, read.kind, read.reason, "read")
            summary.count_failure(failure)
            failures.append(failure)
        else:
            batch.append(read)
        if len(batch) >= size:
            yield batch, failures
            batch, failures = [], []
    if batch or failures:
        yield batch, failures


def _run(runner: LocalRunner, batch: list[Article]) -> Iterator[Outcome]:
    if not batch:
        return
    # One batch at a time keeps input order and lets ingest commit per batch; with a pool
    # (workers > 1) the batch is split so every worker has a share.
    chunk = max(1, -(-len(batch) // runner.settings.workers))
    chunks = [[a.to_input() for a in batch[i:i + chunk]] for i in range(0, len(batch), chunk)]
    for results in runner.map(chunks):
        for result in results:
            yield Failure.from_dict(result["failure"]) if "failure" in result else result


def _finish(outcome: Outcome, index: NearDuplicateIndex, summary: Summary,
            signatures: dict[str, bytes] | None = None) -> Outcome:
    if isinstance(outcome, Failure):
        summary.count_failure(outcome)
        return outcome
    summary.processed += 1
    summary.count_found(outcome)
    for failure in outcome.get("errors", []):  # a stage failed; the article is kept
        summary.count_failure(Failure.from_dict(failure))
    # the Worker computed the signature beside the record (pipeline.py)
    minhash = outcome.pop("minhash")
    signature = signature_from_bytes(minhash, index.num_perm)
    match = index.add_signature(outcome["id"], signature)
    if match is not None:
        summary.near_duplicates += 1
        outcome["near_duplicate_of"] = {"id": match.duplicate_of,
                                        "similarity": match.similarity}
    if signatures is not None:
        signatures[outcome["id"]] = minhash
    return outcome


def _new_articles(batch: list[Article], store: Store, summary: Summary,
                  failures: list[Failure]) -> list[Article]:
    """The articles not stored yet; counts the rest, and reports an id reused for another
    text as a failure."""
    known = store.known_articles([a.id for a in batch])
    fresh: list[Article] = []
    for article in batch:
        digest = text_hash(article.text)
        prior = known.get(article.id)
        if prior is None:
            known[article.id] = digest
            fresh.append(article)
        elif prior == digest:
            summary.already_stored += 1
        else:
            failure = Failure(article.origin, "id_conflict",
                              f"id {article.id!r} is already used by a different text; "
                              "give this article its own id", "store", article.id)
            summary.count_failure(failure)
            failures.append(failure)
    return fresh


def _index_from_store(store: Store, settings: Settings) -> NearDuplicateIndex:
    index = NearDuplicateIndex(settings.neardup_threshold, settings.neardup_num_perm)
    for article_id, data, root in store.signatures():
        try:
            signature = signature_from_bytes(data, settings.neardup_num_perm)
        except ValueError:
            continue  # stored with another neardup_num_perm: cannot be compared
        index.add_signature(article_id, signature, known_root=root)
    return index


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """A gold or prediction file: one JSON object per non-blank line."""
    lines = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                lines.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"not valid JSON ({exc.msg})", origin=f"{path}:{number}",
                                 kind="json") from None
    return lines


def predict_gold(gold: Sequence[dict[str, Any]], settings: Settings) -> dict[str, dict[str, Any]]:
    """Run the pipeline over the texts of gold lines; ``{id: record}``."""
    articles: list[Article] = []
    for number, line in enumerate(gold, start=1):
        read = make_article({k: line.get(k) for k in ("id", "text", "published")},
                            origin=f"gold line {number}", max_bytes=settings.max_article_bytes)
        if isinstance(read, Article):
            articles.append(read)
    records: dict[str, dict[str, Any]] = {}
    with LocalRunner(settings) as runner:
        for start in range(0, len(articles), settings.batch_size):
            for outcome in _run(runner, articles[start:start + settings.batch_size]):
                if not isinstance(outcome, Failure):
                    outcome.pop("minhash", None)  # no corpus pass here
                    records[str(outcome["id"])] = outcome
    return records


def load_tables(output: str, store: Store, settings: Settings, *,
                summary: Summary) -> Summary:
    """Store the records and errors a Spark run wrote under ``output`` (run/spark.py), in
    their input order, a batch per transaction, through the store interface: the store
    links actors and merges events as an ingest of the same articles would, and articles
    already stored are kept as they are (so loading twice adds nothing)."""
    import pyarrow.dataset as ds

    store.lock_for_ingest()  # one writer at a time, as for ingest
    started = time.perf_counter()
    records = _parquet_table(ds, output, "records").sort_by("seq")
    errors = _parquet_table(ds, output, "errors").to_pylist()
    failures = [Failure(e["origin"], e["kind"], e["message"], e["stage"], e["article_id"])
                for e in errors]
    model = "unknown"
    run_id: int | None = None
    for batch in records.to_batches(max_chunksize=max(settings.batch_size, 500)):
        rows = batch.to_pylist()
        found = [json.loads(row["record"]) for row in rows]
        if run_id is None:
            model = found[0]["dragoman"]["model"] if found else model
            run_id = store.begin_run("load", [output], asdict(settings), model)
        known = store.known_articles([r["id"] for r in found])
        summary.read += len(found)
        summary.processed += len(found)
        summary.already_stored += sum(1 for r in found if r["id"] in known)
        summary.stored += sum(1 for r in found if r["id"] not in known)
        summary.near_duplicates += sum(1 for r in found if r.get("near_duplicate_of"))
        for record in found:
            summary.count_found(record)
        store.write_batch(run_id, found, [], {row["id"]: row["minhash"] for row in rows},
                          event_merge_days=settings.event_merge_days)
    if run_id is None:
        run_id = store.begin_run("load", [output], asdict(settings), model)
    store.write_batch(run_id, [], failures, {})
    for failure in failures:
        summary.count_failure(failure)
    summary.read += sum(1 for f in failures if f.stage == "read")
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, summary.as_dict())
    return summary


def _parquet_table(ds: Any, output: str, table: str) -> Any:
    path = f"{output.rstrip('/')}/{table}"
    try:
        return ds.dataset(path, format="parquet").to_table()
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the {table} table of a Spark run at {path!r} ({exc}); "
                         "give the OUTPUT folder of 'dragoman spark extract'",
                         origin=path, kind="missing_file") from None
