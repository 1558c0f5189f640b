"""Every write to a store, for both backends: runs, batches of records and failures, and
merging the events again.

Writes are idempotent: articles are keyed by id (with the text's hash to catch a different
article reusing an id), each batch is one transaction holding the store's write lock, so a
run killed half-way leaves whole batches only, a rerun completes exactly what a clean run
would have stored, and two ingests at once store each article once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from dragoman import __version__
from dragoman.corpus.events import mention_score, side
from dragoman.errors import StoreError
from dragoman.knowledge.actor_codes import actor_code
from dragoman.records import Failure
from dragoman.store.sql.linking import Linker

# A merged event's confidence: the highest of its mentions' (corpus/events.py).
MERGED_CONFIDENCE = ("UPDATE events SET confidence = (SELECT max(m.confidence) FROM "
                     "event_mentions m WHERE m.cluster_id = events.id)")
# A merged event's GDELT-style counts: the times its mentions tell it, the articles they are
# in, and those articles' sources (a syndicated copy counts as its original's source). Kept
# on the event, so that lists sort and show them without counting every event's mentions.
EVENT_COUNTS = (
    "UPDATE events SET mentions = (SELECT coalesce(sum(e.mentions), 0) FROM event_mentions e "
    "WHERE e.cluster_id = events.id), articles = (SELECT count(DISTINCT e.article_id) FROM "
    "event_mentions e WHERE e.cluster_id = events.id), sources = (SELECT count(DISTINCT "
    "coalesce(r.source, r.id)) FROM event_mentions e JOIN articles a ON a.id = e.article_id "
    "JOIN articles r ON r.id = coalesce(a.near_duplicate_of, a.id) WHERE e.cluster_id = "
    "events.id)")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def as_json(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


class Writer(Linker):
    """The writes, over ``self.db``; the backend gives ``_transaction()`` (one write
    transaction holding the store's write lock) and ``db_errors`` (its exception types)."""

    url: str
    db_errors: tuple[type[Exception], ...] = ()

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _defer_constraints(self) -> None:
        """Let foreign keys be checked at commit (remerge parks mentions on no event)."""
        raise NotImplementedError

    # -- runs ---------------------------------------------------------------------------------
    def begin_run(self, command: str, inputs: Sequence[str], settings: dict[str, Any],
                  model: str) -> int:
        """Record a run; its id tags every row the run writes."""
        with self._transaction():
            run: int = self.db.execute(
                "INSERT INTO runs (command, inputs, settings, started, version, model) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (command, json.dumps(list(inputs)), json.dumps(settings), now(), __version__,
                 model)).fetchone()[0]
        return run

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self._transaction():
            self.db.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                            (now(), json.dumps(summary), run_id))

    # -- batches ------------------------------------------------------------------------------
    def write_batch(self, run_id: int, records: Sequence[dict[str, Any]],
                    failures: Sequence[Failure], signatures: dict[str, bytes],
                    event_merge_days: int = 1) -> int:
        """Store records and failures in one transaction: all of the batch or none of it.
        Returns the number of records stored (an id stored already is kept as it was)."""
        stored = 0
        try:
            with self._transaction():
                for record in records:
                    stored += self._insert_record(run_id, record,
                                                  signatures.get(record["id"]),
                                                  event_merge_days)
                for failure in failures:
                    self._insert_failure(run_id, failure)
        except self.db_errors as exc:
            first = records[0]["id"] if records else "(failures only)"
            raise StoreError(f"cannot write the batch starting with article {first!r} to "
                             f"{self.url}: {exc}") from exc
        return stored

    def _insert_record(self, run_id: int, record: dict[str, Any], minhash: bytes | None,
                       event_merge_days: int) -> bool:
        """Store one record; False when an article of its id was stored already."""
        meta = record["dragoman"]
        near = record.get("near_duplicate_of") or {}
        cursor = self.db.execute(
            "INSERT INTO articles (id, content_hash, published, title, url, source, origin, "
            "text, n_paragraphs, near_duplicate_of, near_duplicate_similarity, minhash, run_id, "
            "version, model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
            (record["id"], text_hash(record["text"]), record.get("published"),
             record.get("title"), record.get("url"), record.get("source"),
             record.get("origin", ""), record["text"], len(record["paragraphs"]),
             near.get("id"), near.get("similarity"), minhash, run_id,
             meta["version"], meta["model"]))
        if cursor.rowcount == 0:
            return False  # already stored (by an earlier run, or one running beside this one)
        article, text = record["id"], record["text"]
        stamp = (meta["version"], meta["model"])
        self.db.executemany(
            'INSERT INTO paragraphs (article_id, idx, start, "end", duplicate_of, zone, '
            "version, model) VALUES (?,?,?,?,?,?,?,?)",
            [(article, i, p["span"][0], p["span"][1], p["duplicate_of"],
              p.get("zone") or "body", *stamp)
             for i, p in enumerate(record["paragraphs"])])
        self.db.executemany(
            "INSERT INTO entities (article_id, entity_id, name, type, title, country, sector, "
            "wikidata, data, version, model) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(article, e["id"], e["name"], e["type"], e.get("title"), e.get("country"),
              e.get("sector"), e.get("wikidata"), as_json(e), *stamp)
             for e in record.get("entities", [])])
        for entity in record.get("entities", []):
            self._link_actor(article, entity, text, stamp)
        for index, event in enumerate(record.get("events", [])):
            self._insert_event(article, index, event, record, event_merge_days, stamp)
        self.db.executemany(
            'INSERT INTO timexes (article_id, idx, start, "end", type, value, data, version, '
            "model) VALUES (?,?,?,?,?,?,?,?,?)",
            [(article, i, t["span"][0], t["span"][1], t["type"], t["value"], as_json(t),
              *stamp) for i, t in enumerate(record.get("timexes", []))])
        entities = {e["id"]: e for e in record.get("entities", [])}
        self.db.executemany(
            'INSERT INTO quotes (article_id, idx, start, "end", kind, content, speaker_entity, '
            "speaker_name, speaker_country, speaker_sector, speaker_code, date, duplicate_of, "
            "data, version, model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(article, i, q["content"][0], q["content"][1], q["kind"],
              text[q["content"][0]:q["content"][1]], speaker.get("entity"), speaker.get("name"),
              *_speaker_actor(speaker, entities), q.get("date"), q.get("duplicate_of"),
              as_json(q), *stamp) for i, q in enumerate(record.get("quotes", []))
             for speaker in [q.get("speaker") or {}]])
        self._link_quotes(article)
        return True

    def _insert_event(self, article: str, index: int, event: dict[str, Any],
                      record: dict[str, Any], merge_days: int, stamp: tuple[str, str]) -> None:
        """Store one event mention under its cross-article event (corpus/events.py), with
        how well its sentence tells the event (``score``: the merged event shows its
        best-scored mention)."""
        cluster = self._cluster_for(event, record.get("published"), merge_days)
        location = event.get("location")
        evidence = event.get("evidence") or [None, None]
        confidence = event.get("confidence")
        self.db.execute(
            'INSERT INTO event_mentions (article_id, idx, cluster_id, event, mode, '
            'cameo, status, date, '
            'actors, recipients, location, start, "end", mentions, confidence, score, data, '
            "version, model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article, index, cluster, event["event"], event.get("mode"), event.get("cameo"),
             event.get("status"), event.get("date"), side(event.get("actors", [])),
             side(event.get("recipients", [])),
             location.get("name") if isinstance(location, dict) else location,
             evidence[0], evidence[1], 1 + len(event.get("mentions") or []), confidence,
             mention_score(event, record), as_json(event), *stamp))
        if confidence is not None:
            # a merged event's confidence is its best mention's (corpus/events.py)
            self.db.execute("UPDATE events SET confidence = ? WHERE id = ? AND "
                            "(confidence IS NULL OR confidence < ?)",
                            (confidence, cluster, confidence))
        self.db.execute(EVENT_COUNTS + " WHERE id = ?", (cluster,))

    def _scoring_record(self, article: str) -> dict[str, Any]:
        """What :func:`mention_score` reads of a stored article: its text and paragraphs
        (the last article asked is kept: mentions come article by article)."""
        cached = getattr(self, "_scored", None)
        if cached is not None and cached["id"] == article:
            return cached
        text = self.db.execute("SELECT text FROM articles WHERE id = ?",
                               (article,)).fetchone()[0]
        paragraphs = [{"span": [row[0], row[1]], "zone": row[2]} for row in self.db.execute(
            'SELECT start, "end", zone FROM paragraphs WHERE article_id = ? ORDER BY idx',
            (article,)).fetchall()]
        self._scored: dict[str, Any] = {"id": article, "text": text, "paragraphs": paragraphs}
        return self._scored

    def _insert_failure(self, run_id: int, failure: Failure) -> None:
        model = self.db.execute("SELECT model FROM runs WHERE id = ?",
                                (run_id,)).fetchone()[0]
        self.db.execute(
            "INSERT INTO errors (origin, article_id, kind, stage, message, first_run, last_run, "
            "version, model) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(origin, kind, message) DO UPDATE SET last_run = excluded.last_run",
            (failure.origin, failure.article_id, failure.kind, failure.stage, failure.message,
             run_id, run_id, __version__, model))

    # -- merging again -----------------------------------------------------------------------
    def remerge_events(self, event_merge_days: int) -> tuple[int, int]:
        """Merge every stored event mention again, in the order they were stored, with
        ``event_merge_days`` (after a change of the setting or of the merging rules).
        Returns (mentions, events)."""
        try:
            with self._transaction():
                self._defer_constraints()
                # park every mention on an id no new event can take, then start over
                self.db.execute("UPDATE event_mentions SET cluster_id = -id")
                self.db.execute("DELETE FROM events")
                rows = self.db.execute(
                    "SELECT e.id, e.data, e.article_id, a.published FROM event_mentions e "
                    "JOIN articles a ON a.id = e.article_id ORDER BY e.id").fetchall()
                for mention, data, article, published in rows:
                    event = json.loads(data)
                    cluster = self._cluster_for(event, published, event_merge_days)
                    # sides and score as a mention stored now would have them
                    self.db.execute(
                        "UPDATE event_mentions SET cluster_id = ?, actors = ?, recipients = ?, "
                        "score = ? WHERE id = ?",
                        (cluster, side(event.get("actors", [])),
                         side(event.get("recipients", [])),
                         mention_score(event, self._scoring_record(article)), mention))
                self.db.execute(MERGED_CONFIDENCE)
                self.db.execute(EVENT_COUNTS)
                events = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
        except self.db_errors as exc:
            raise StoreError(f"cannot merge the events of {self.url} again: {exc}") from exc
        return len(rows), int(events)


def _speaker_actor(speaker: dict[str, Any],
                   entities: dict[str, dict[str, Any]]) -> tuple[Any, Any, Any]:
    """The speaker's country, sector and actor code: its own, else its entity's (records
    written before speakers carried them)."""
    entity = entities.get(speaker.get("entity") or "") or {}
    country = speaker.get("country") or entity.get("country")
    sector = speaker.get("sector") or entity.get("sector")
    return country, sector, actor_code(country, sector)
