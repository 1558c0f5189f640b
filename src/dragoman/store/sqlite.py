"""SQLite store: one file, WAL journal (readers work during an ingest), named migrations.

Writes are idempotent: articles are keyed by id (with the text's hash to catch a different
article reusing an id), each batch is one transaction, so a run killed half-way leaves whole
batches only and a rerun completes exactly what a clean run would have stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from dragoman import __version__
from dragoman.corpus.actors import (
    ActorCandidate,
    aliases,
    choose_actor,
    name_key,
    person_sound,
)
from dragoman.corpus.events import (
    EventCandidate,
    EventKey,
    choose_event,
    event_key,
    reference_days,
    side,
    span,
)
from dragoman.errors import StoreError
from dragoman.frames import FramesMixin
from dragoman.records import CONTRACT_VERSION, Failure
from dragoman.store.ingest_lock import IngestLock
from dragoman.store.migrations import MIGRATIONS
from dragoman.store.readonly import connect_read_only

# A merged event's confidence: the highest of its mentions' (corpus/events.py).
MERGED_CONFIDENCE = ("UPDATE events SET confidence = (SELECT max(m.confidence) FROM "
                     "event_mentions m WHERE m.cluster_id = events.id)")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


class SQLiteStore(FramesMixin):
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
        self._ingest_lock: IngestLock | None = None
        if read_only:  # store/readonly.py: mode=ro, refused when a migration is pending
            self.db = connect_read_only(path)
            return
        try:
            if path.parent and not path.parent.exists():
                path.parent.mkdir(parents=True)
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the SQLite store {str(path)!r}: {exc}") from exc

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; returns their names."""
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations "
                        "(name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self._transaction():
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
            applied.append(name)
        return applied

    # -- runs -----------------------------------------------------------------------------
    def begin_run(self, command: str, inputs: Sequence[str], settings: dict[str, Any],
                  model: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO runs (command, inputs, settings, started, version, model) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (command, json.dumps(list(inputs)), json.dumps(settings), _now(), __version__, model))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        self.db.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                        (_now(), json.dumps(summary), run_id))

    # -- writes ---------------------------------------------------------------------------
    def known_articles(self, ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                    f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", chunk):
                found[row[0]] = row[1]
        return found

    def lock_for_ingest(self) -> None:
        """Refuse (StoreError) while another ingest writes to this store; held until close."""
        if self._ingest_lock is None and str(self.path) != ":memory:":
            lock = IngestLock(self.path)
            lock.acquire()
            self._ingest_lock = lock

    def write_batch(self, run_id: int, records: Sequence[dict[str, Any]],
                    failures: Sequence[Failure], signatures: dict[str, bytes],
                    event_merge_days: int = 1) -> int:
        stored = 0
        try:
            with self._transaction():
                for record in records:
                    stored += self._insert_record(run_id, record, signatures.get(record["id"]),
                                                  event_merge_days)
                for failure in failures:
                    self._insert_failure(run_id, failure)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.url}: {exc}") from exc
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
            return False  # already stored by an earlier run: keep what is there
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
              e.get("sector"), e.get("wikidata"), _json(e), *stamp)
             for e in record.get("entities", [])])
        for entity in record.get("entities", []):
            self._link_actor(article, entity, text, stamp)
        for index, event in enumerate(record.get("events", [])):
            self._insert_event(article, index, event, record.get("published"),
                               event_merge_days, stamp)
        self.db.executemany(
            'INSERT INTO timexes (article_id, idx, start, "end", type, value, data, version, '
            "model) VALUES (?,?,?,?,?,?,?,?,?)",
            [(article, i, t["span"][0], t["span"][1], t["type"], t["value"], _json(t), *stamp)
             for i, t in enumerate(record.get("timexes", []))])
        entities = {e["id"]: e for e in record.get("entities", [])}
        self.db.executemany(
            'INSERT INTO quotes (article_id, idx, start, "end", kind, content, speaker_entity, '
            "speaker_name, speaker_country, speaker_sector, date, duplicate_of, data, "
            "version, model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(article, i, q["content"][0], q["content"][1], q["kind"],
              text[q["content"][0]:q["content"][1]], speaker.get("entity"), speaker.get("name"),
              *_speaker_country_sector(speaker, entities), q.get("date"), q.get("duplicate_of"),
              _json(q), *stamp) for i, q in enumerate(record.get("quotes", []))
             for speaker in [q.get("speaker") or {}]])
        return True

    def _insert_event(self, article: str, index: int, event: dict[str, Any],
                      published: str | None, merge_days: int, stamp: tuple[str, str]) -> None:
        """Store one event mention under its cross-article event (corpus/events.py)."""
        cluster = self._cluster_for(event, published, merge_days)
        location = event.get("location")
        evidence = event.get("evidence") or [None, None]
        confidence = event.get("confidence")
        self.db.execute(
            'INSERT INTO event_mentions (article_id, idx, cluster_id, event, mode, '
            'cameo, status, date, '
            'actors, recipients, location, start, "end", mentions, confidence, data, version, '
            "model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article, index, cluster, event["event"], event.get("mode"), event.get("cameo"),
             event.get("status"), event.get("date"), side(event.get("actors", [])),
             side(event.get("recipients", [])),
             location.get("name") if isinstance(location, dict) else location,
             evidence[0], evidence[1], 1 + len(event.get("mentions") or []), confidence,
             _json(event), *stamp))
        if confidence is not None:
            # a merged event's confidence is its best mention's (corpus/events.py)
            self.db.execute("UPDATE events SET confidence = ? WHERE id = ? AND "
                            "(confidence IS NULL OR confidence < ?)",
                            (confidence, cluster, confidence))

    def _cluster_for(self, event: dict[str, Any], published: str | None,
                     merge_days: int) -> int:
        """The id of the cross-article event a mention joins, made (or its days narrowed)
        here."""
        key = event_key(event)
        days = reference_days(event, published)
        if days is not None:
            chosen = choose_event(days, self._event_candidates(key, days, merge_days),
                                  merge_days)
            if chosen is not None:
                self.db.execute("UPDATE events SET first_day = ?, last_day = ? WHERE id = ?",
                                (*span((*chosen.days, days)), chosen.id))
                return chosen.id
        # with no date at all (no event date, no article date) a mention stays on its own
        cluster = self.db.execute(
            "INSERT INTO events (event, actors, recipients, first_day, last_day) "
            "VALUES (?,?,?,?,?)", (key.event, key.actors, key.recipients,
                                   *(days or (None, None)))).lastrowid
        assert cluster is not None
        return cluster

    def remerge_events(self, event_merge_days: int) -> tuple[int, int]:
        """Merge every stored event mention again, in the order they were stored, with
        ``event_merge_days`` (after a change of the setting or of the merging rules).
        Returns (mentions, events)."""
        try:
            with self._transaction():
                self.db.execute("PRAGMA defer_foreign_keys = ON")
                # park every mention on an id no new event can take, then start over
                self.db.execute("UPDATE event_mentions SET cluster_id = -id")
                self.db.execute("DELETE FROM events")
                rows = self.db.execute(
                    "SELECT e.id, e.data, a.published FROM event_mentions e "
                    "JOIN articles a ON a.id = e.article_id ORDER BY e.id").fetchall()
                for mention, data, published in rows:
                    cluster = self._cluster_for(json.loads(data), published, event_merge_days)
                    self.db.execute("UPDATE event_mentions SET cluster_id = ? WHERE id = ?",
                                    (cluster, mention))
                self.db.execute(MERGED_CONFIDENCE)
                events = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreError(f"cannot merge the events of {self.url} again: {exc}") from exc
        return len(rows), events

    def _event_candidates(self, key: EventKey, days: tuple[int, int],
                          merge_days: int) -> list[EventCandidate]:
        """The stored events of ``key`` a mention dated ``days`` may join, with the days of
        their mentions (an event's first_day/last_day within the window is necessary)."""
        found: dict[int, list[tuple[int, int]]] = {}
        for cluster, date, article_date in self.db.execute(
                "SELECT c.id, e.date, a.published FROM events c "
                "JOIN event_mentions e ON e.cluster_id = c.id "
                "JOIN articles a ON a.id = e.article_id "
                "WHERE c.event = ? AND c.actors = ? AND c.recipients = ? "
                "AND c.first_day <= ? AND c.last_day >= ? ORDER BY c.id, e.id",
                (key.event, key.actors, key.recipients, days[1] + merge_days,
                 days[0] - merge_days)):
            mention_days = reference_days({"date": date}, article_date)
            if mention_days is not None:
                found.setdefault(cluster, []).append(mention_days)
        return [EventCandidate(cluster, tuple(d)) for cluster, d in found.items()]

    def events(self, *, actor: str | None = None, recipient: str | None = None,
               event: str | None = None, status: str | None = None, since: str | None = None,
               until: str | None = None, min_confidence: float | None = None,
               limit: int = 100) -> list[dict[str, Any]]:
        """Events merged across articles, with counts of mentions, articles and sources
        (near-duplicate articles count as one source) and their confidence, most recent
        first. ``min_confidence``: only events of at least that confidence (above 0, events
        without one are left out, as ``event_min_confidence`` does)."""
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if min_confidence:
            where.append("c.confidence >= ?")
            params.append(min_confidence)
        for column, value in (("e.actors", actor), ("e.recipients", recipient)):
            if value:
                where.append(f"('|' || {column} || '|') LIKE ? ESCAPE '\\'")
                params.append("%|" + _like_prefix(value.upper() if len(value) == 3 else
                                                  name_key(value)).removesuffix("%") + "|%")
        for column, value in (("e.event", event), ("e.status", status)):
            if value:
                where.append(f"{column} = ?")
                params.append(value.upper() if column == "e.event" else value)
        # day ordinals (Python's date.toordinal); an undated event sorts by its article's date
        day = "coalesce(c.first_day, julianday(min(a.published)) - 1721424.5)"
        having = []
        if since:
            having.append("coalesce(max(substr(e.date, -10)), max(a.published)) >= ?")
            params.append(since)
        if until:
            having.append("coalesce(min(substr(e.date, 1, 10)), min(a.published)) <= ?")
            params.append(until)
        sql = (
            "SELECT c.id, c.event, c.actors, c.recipients, c.confidence, "
            "(SELECT e2.date FROM event_mentions e2 WHERE e2.cluster_id = c.id AND "
            "e2.date IS NOT NULL "
            " GROUP BY e2.date ORDER BY count(*) DESC, e2.date LIMIT 1) AS date, "
            "group_concat(DISTINCT e.status) AS status, sum(e.mentions) AS mentions, "
            "count(DISTINCT e.article_id) AS articles, "
            "count(DISTINCT coalesce(r.source, r.id)) AS sources, min(a.published) AS first_seen, "
            "(SELECT e3.article_id || ':' || e3.start || '-' || e3.\"end\" FROM event_mentions e3 "
            " WHERE e3.cluster_id = c.id ORDER BY e3.id LIMIT 1) AS evidence "
            "FROM event_mentions e JOIN events c ON c.id = e.cluster_id "
            "JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN articles r ON r.id = coalesce(a.near_duplicate_of, a.id) "
            f"WHERE {' AND '.join(where)} GROUP BY c.id "
            + (f"HAVING {' AND '.join(having)} " if having else "")
            + f"ORDER BY {day} DESC, c.id LIMIT ?")
        return [dict(row) for row in self.db.execute(sql, [*params, limit])]

    def merged_events(self, min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
        """Every event merged across articles, described by its first mention, with its
        counts (mentions, articles, sources — a syndicated copy counts as its original's
        source) and confidence (its best mention's), in the order they were first stored;
        with ``min_confidence``, only those of at least that confidence."""
        where = "WHERE c.confidence >= ? " if min_confidence else ""
        clusters = self.db.execute(
            "SELECT c.id, sum(e.mentions), count(DISTINCT e.article_id), "
            "count(DISTINCT coalesce(r.source, r.id)), min(a.published), min(e.id), "
            "(SELECT e2.date FROM event_mentions e2 WHERE e2.cluster_id = c.id AND "
            "e2.date IS NOT NULL "
            " GROUP BY e2.date ORDER BY count(*) DESC, e2.date LIMIT 1), c.confidence "
            "FROM events c JOIN event_mentions e ON e.cluster_id = c.id "
            "JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN articles r ON r.id = coalesce(a.near_duplicate_of, a.id) "
            f"{where}GROUP BY c.id ORDER BY min(e.id)",
            [min_confidence] if where else []).fetchall()
        for (cluster, mentions, articles, sources, first_seen, first, date,
             confidence) in clusters:
            row = self.db.execute(
                'SELECT e.data, e.article_id, e.start, e."end", a.url, a.text, r.started, '
                "(SELECT p.\"end\" FROM paragraphs p WHERE p.article_id = a.id AND p.idx = 0) "
                "FROM event_mentions e JOIN articles a ON a.id = e.article_id "
                "JOIN runs r ON r.id = a.run_id WHERE e.id = ?", (first,)).fetchone()
            event = json.loads(row[0])
            start, end = row[2], row[3]
            event.update({
                "id": cluster, "date": date, "mentions": mentions, "articles": articles,
                "sources": sources, "first_seen": first_seen, "article_id": row[1],
                "url": row[4], "evidence": row[5][start:end] if start is not None else None,
                "root": start is not None and row[7] is not None and start < row[7],
                "confidence": confidence,
                "added": row[6].replace("-", "").replace(":", "").replace("T", "")[:14]})
            yield event

    def _link_actor(self, article: str, entity: dict[str, Any], text: str,
                    stamp: tuple[str, str]) -> None:
        """Attach the entity to its cross-article actor (corpus/actors.py), made if new."""
        key = name_key(entity["name"])
        last = key.split()[-1] if key else ""
        sound = person_sound(entity)
        rows = self.db.execute(
            "SELECT id, name, type, country, wikidata, (SELECT group_concat(alias, char(31)) "
            "FROM actor_aliases WHERE actor_id = actors.id), sector FROM actors "
            "WHERE name_key = ? "
            "OR (wikidata IS NOT NULL AND wikidata = ?) OR (type = 'PERSON' AND "
            "(surname = ? OR name_key = ? OR sound = ?)) OR id IN (SELECT actor_id FROM "
            "actor_aliases WHERE alias = ? COLLATE NOCASE) ORDER BY id",  # first stored first
            (key, entity.get("wikidata"), key, last, sound, entity["name"]))
        candidates = [ActorCandidate(row[0], row[1], row[2], row[3], row[4],
                                     frozenset(name_key(a) for a in (row[5] or "").split(chr(31))),
                                     row[6])
                      for row in rows]
        actor = choose_actor(entity, candidates)
        if actor is None:
            cursor = self.db.execute(
                "INSERT INTO actors (name, name_key, type, country, sector, wikidata, surname, "
                "sound, version, model) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (entity["name"], key, entity["type"], entity.get("country"),
                 entity.get("sector"), entity.get("wikidata"),
                 last if entity["type"] == "PERSON" else None, sound, *stamp))
            actor_id = cursor.lastrowid
        else:
            actor_id = actor.id
            longer = len(key.split()) > len(name_key(actor.name).split())
            self.db.execute(
                "UPDATE actors SET country = coalesce(country, ?), sector = coalesce(sector, ?), "
                "wikidata = coalesce(wikidata, ?), name = CASE WHEN ? THEN ? ELSE name END, "
                "name_key = CASE WHEN ? THEN ? ELSE name_key END WHERE id = ?",
                (entity.get("country"), entity.get("sector"), entity.get("wikidata"),
                 longer, entity["name"], longer, key, actor_id))
        self.db.execute("INSERT INTO entity_actors VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        (article, entity["id"], actor_id))
        self.db.executemany(
            "INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?) "
            "ON CONFLICT(actor_id, alias) DO UPDATE SET mentions = mentions + 1",
            [(actor_id, alias) for alias in sorted(aliases(entity, text))])

    def _insert_failure(self, run_id: int, failure: Failure) -> None:
        model = self.db.execute("SELECT model FROM runs WHERE id = ?", (run_id,)).fetchone()[0]
        self.db.execute(
            "INSERT INTO errors (origin, article_id, kind, stage, message, first_run, last_run, "
            "version, model) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(origin, kind, message) DO UPDATE SET last_run = excluded.last_run",
            (failure.origin, failure.article_id, failure.kind, failure.stage, failure.message,
             run_id, run_id, __version__, model))

    # -- reads ----------------------------------------------------------------------------
    def signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        rows = self.db.execute("SELECT id, minhash, near_duplicate_of FROM articles "
                               "WHERE minhash IS NOT NULL ORDER BY seq")
        for row in rows:
            yield row[0], row[1], row[2]

    def resolve_id(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT id FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row:
            return str(row[0])
        rows = self.db.execute("SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                               (_like_prefix(article_id),)).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        resolved = self.resolve_id(article_id)
        if resolved is None:
            return None

        return read_record(self._rows, resolved)

    def counts(self) -> dict[str, int]:
        queries = {
            "articles": "SELECT count(*) FROM articles",
            "near_duplicate_articles": "SELECT count(*) FROM articles "
                                       "WHERE near_duplicate_of IS NOT NULL",
            "paragraphs": "SELECT count(*) FROM paragraphs",
            "repeated_paragraphs": "SELECT count(*) FROM paragraphs "
                                   "WHERE duplicate_of IS NOT NULL",
            "entities": "SELECT count(*) FROM entities",
            "actors": "SELECT count(*) FROM actors",
            "quotes": "SELECT count(*) FROM quotes WHERE duplicate_of IS NULL",
            "timexes": "SELECT count(*) FROM timexes",
            "event_mentions": "SELECT count(*) FROM event_mentions",
            "events": "SELECT count(*) FROM events",
            "errors": "SELECT count(*) FROM errors",
            "runs": "SELECT count(*) FROM runs",
        }
        return {name: self.db.execute(sql).fetchone()[0] for name, sql in queries.items()}

    def articles(self, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT a.id, a.published, a.title, a.source, a.origin, a.n_paragraphs, "
            "a.near_duplicate_of, "
            "(SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id "
            " AND p.duplicate_of IS NOT NULL) AS repeated_paragraphs "
            "FROM articles a ORDER BY a.seq LIMIT ?", (limit,))
        return [dict(row) for row in rows]

    def quotes(self, *, speaker: str | None = None, search: str | None = None,
               since: str | None = None, until: str | None = None, country: str | None = None,
               limit: int = 100) -> list[dict[str, Any]]:
        """Stored quotes (repeats left out), newest first. ``speaker`` matches any part of the
        resolved speaker's name; ``search`` is full text (FTS5) over the quoted words;
        ``since``/``until`` bound the quote's date, or the article's when the quote has none;
        ``country`` is the speaker's country code (ISO-3, or a CAMEO organisation code)."""
        where = ["q.duplicate_of IS NULL"]
        params: list[Any] = []
        if country:
            where.append("q.speaker_country = ?")
            params.append(country.upper())
        if speaker:
            # the resolved name, or any alias of the speaker's cross-article actor
            where.append(
                "(q.speaker_name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entity_actors ea "
                "JOIN actor_aliases al ON al.actor_id = ea.actor_id "
                "WHERE ea.article_id = q.article_id AND ea.entity_id = q.speaker_entity "
                "AND al.alias LIKE ? ESCAPE '\\'))")
            pattern = "%" + _like_prefix(speaker).removesuffix("%") + "%"
            params += [pattern, pattern]
        if search:
            where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(_fts_query(search))
        day = "substr(coalesce(q.date, a.published), 1, 10)"
        if since:
            where.append(f"{day} >= ?")
            params.append(since)
        if until:
            where.append("substr(coalesce(q.date, a.published), -10) <= ?")
            params.append(until)
        sql = (f"SELECT q.article_id, a.published, coalesce(q.date, a.published) AS date, "
               f"q.speaker_name AS speaker, q.speaker_country, q.kind, q.content, q.start, "
               f"q.\"end\" "
               f"FROM quotes q JOIN articles a ON a.id = q.article_id "
               f"WHERE {' AND '.join(where)} ORDER BY {day} DESC, q.article_id, q.idx LIMIT ?")
        return [dict(row) for row in self.db.execute(sql, [*params, limit])]

    def actors(self, *, name: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Cross-article actors with their aliases and counts, most mentioned first."""
        return list_actors(self._rows, name=name, limit=limit)

    def close(self) -> None:
        self.db.close()
        if self._ingest_lock is not None:
            self._ingest_lock.release()
            self._ingest_lock = None

    def _rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        return [dict(row) for row in self.db.execute(sql, list(params))]

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


# Where each list of the record is stored, and in which order its items come back.
RECORD_TABLES = (("entities", "entities", "rowid"), ("quotes", "quotes", "idx"),
                 ("timexes", "timexes", "idx"), ("events", "event_mentions", "idx"))


def read_record(fetch: Callable[[str, Sequence[Any]], list[dict[str, Any]]],
                article_id: str) -> dict[str, Any] | None:
    """The CONTRACT record of a stored article, read through ``fetch(sql, params)`` (so the
    store and the web app's read-only connections share it)."""
    found = fetch("SELECT * FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    row = found[0]
    record: dict[str, Any] = {"contract": CONTRACT_VERSION, "id": row["id"],
                              "published": row["published"]}
    record.update({k: row[k] for k in ("title", "url", "source") if row[k] is not None})
    record["text"] = row["text"]
    record["paragraphs"] = [
        {"span": [p["start"], p["end"]], "duplicate_of": p["duplicate_of"], "zone": p["zone"]}
        for p in fetch('SELECT start, "end", duplicate_of, zone FROM paragraphs '
                       "WHERE article_id = ? ORDER BY idx", [article_id])]
    for kind, table, order in RECORD_TABLES:
        record[kind] = [json.loads(r["data"]) for r in fetch(
            f"SELECT data FROM {table} WHERE article_id = ? ORDER BY {order}", [article_id])]
    for event in record["events"]:
        event.setdefault("confidence", None)  # stored before events carried one
    record["near_duplicate_of"] = (
        {"id": row["near_duplicate_of"], "similarity": row["near_duplicate_similarity"]}
        if row["near_duplicate_of"] else None)
    record["dragoman"] = {"version": row["version"], "model": row["model"]}
    record["origin"] = row["origin"]
    return record


def list_actors(fetch: Callable[[str, Sequence[Any]], list[dict[str, Any]]], *,
                name: str | None = None, entity_type: str | None = None,
                country: str | None = None, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Cross-article actors, most mentioned first, with their counts and most used aliases,
    read through ``fetch(sql, params)`` (so ``dragoman actors`` and the web app share it).
    ``name`` matches any part of any alias. ``articles`` counts the articles an actor is in
    (read off the entity_actors_actor_article index)."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if name:
        where.append("a.id IN (SELECT actor_id FROM actor_aliases WHERE alias LIKE ? "
                     "ESCAPE '\\')")
        params.append("%" + _like_prefix(name).removesuffix("%") + "%")
    for clause, value in (("a.type = ?", entity_type), ("a.country = ?", country)):
        if value:
            where.append(clause)
            params.append(value)
    sql = ("SELECT a.id, a.name, a.type, a.country, a.sector, a.wikidata, "
           "(SELECT count(DISTINCT article_id) FROM entity_actors e WHERE e.actor_id = a.id) "
           "AS articles, (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM "
           "actor_aliases WHERE actor_id = a.id ORDER BY mentions DESC LIMIT 8)) AS aliases "
           f"FROM actors a WHERE {' AND '.join(where)} "
           "ORDER BY articles DESC, a.name, a.id LIMIT ? OFFSET ?")
    return fetch(sql, [*params, limit, offset])


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _statements(sql: str) -> list[str]:
    """Split a script into statements; a trigger body's semicolons stay inside its statement."""
    statements: list[str] = []
    current = ""
    for piece in sql.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    if current.strip(" \n;"):
        statements.append(current.strip())
    return statements


def _fts_query(text: str) -> str:
    """Words as quoted FTS5 terms (all required), so user text is never FTS syntax."""
    terms = [t.replace('"', '""') for t in text.split()]
    return " ".join(f'"{t}"' for t in terms if t.strip('"'))


def _json(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _speaker_country_sector(speaker: dict[str, Any],
                            entities: dict[str, dict[str, Any]]) -> tuple[Any, Any]:
    """The speaker's country and sector: its own, else its entity's (records written before
    speakers carried them)."""
    entity = entities.get(speaker.get("entity") or "") or {}
    return (speaker.get("country") or entity.get("country"),
            speaker.get("sector") or entity.get("sector"))
