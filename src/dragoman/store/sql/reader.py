"""Every read of a store, for both backends: the CLI's listings, the web pages and JSON API,
the exports and the CONTRACT records.

One SQL text per query, assembled from fixed fragments chosen by which query fields are set
and from the backend's :class:`~dragoman.store.sql.dialect.Dialect`; values reach SQL only as
bound parameters. Lists come newest first; ``limit``/``offset`` page them.

Event sides (``actors``/``recipients``) are stored as ``|``-joined sorted actor codes (or
name keys where a party's country is unknown): a code filter matches a side with a member
that begins with it (``'|' || side`` contains ``'|LBY'``), a name key a member equal to it
or, resolved through the cross-article actors, a state's code or a party that is the actor.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from dragoman.knowledge.cameo import JOINT
from dragoman.records import CONTRACT_VERSION
from dragoman.store.queries import (
    CODE,
    ActorQuery,
    ArticleQuery,
    EventQuery,
    QuoteQuery,
    day_number,
    is_code,
)
from dragoman.store.sql.dialect import PG_ARTICLE_TEXT, PG_QUOTE_TEXT, Dialect

Rows = list[dict[str, Any]]
JOINT_SQL = "(" + ",".join(f"'{t}'" for t in sorted(JOINT)) + ")"
# Private-use characters mark full-text hits in snippets; the page turns them into <mark>.
HIT_START, HIT_END = "\ue000", "\ue001"
CACHE_ENTRIES = 256
# Rows are only ever added to the store, so the last ids tell whether it changed.
VERSION_SQL = ("SELECT (SELECT max(seq) FROM articles) AS a, (SELECT max(id) FROM "
               "event_mentions) AS e, (SELECT max(id) FROM quotes) AS q")
# Where each list of the record is stored, and in which order its items come back
# (entities: the order written, Dialect.entity_order).
RECORD_TABLES = (("entities", "entities", None), ("quotes", "quotes", "idx"),
                 ("timexes", "timexes", "idx"), ("events", "event_mentions", "idx"))
BROAD_NAMES = 200
QUOTE_BATCH = 2000  # quotes read at a time to find a page of quotations
BAR = "'|'"  # the separator of a side's members, as SQL
MAX_RESOLVED = 50  # actors one name filter may stand for
# ORDER BY of each EventQuery.sort, before the newest-first tie-break (output columns).
EVENT_ORDER = {"date": "", "mentions": "c.mentions DESC, ", "sources": "c.sources DESC, "}
_CACHE_SETUP = threading.Lock()
COUNTS = {
    "articles": "SELECT count(*) AS n FROM articles",
    "near_duplicate_articles": "SELECT count(*) AS n FROM articles "
                               "WHERE near_duplicate_of IS NOT NULL",
    "paragraphs": "SELECT count(*) AS n FROM paragraphs",
    "repeated_paragraphs": "SELECT count(*) AS n FROM paragraphs "
                           "WHERE duplicate_of IS NOT NULL",
    "entities": "SELECT count(*) AS n FROM entities",
    "actors": "SELECT count(*) AS n FROM actors",
    "quotes": "SELECT count(*) AS n FROM quotes WHERE duplicate_of IS NULL",
    "timexes": "SELECT count(*) AS n FROM timexes",
    "event_mentions": "SELECT count(*) AS n FROM event_mentions",
    "events": "SELECT count(*) AS n FROM events",
    "errors": "SELECT count(*) AS n FROM errors",
    "runs": "SELECT count(*) AS n FROM runs",
}


QUOTE_COLUMNS = (
    "q.article_id, q.idx, coalesce(q.date, a.published) AS date, q.quotation_id AS quotation, "
    "q.speaker_name AS speaker, "
    "(SELECT ea.actor_id FROM entity_actors ea WHERE ea.article_id = q.article_id "
    " AND ea.entity_id = q.speaker_entity) AS speaker_actor, q.speaker_country, q.speaker_code, "
    'q.kind, q.content, q.start, q."end", a.title, a.source, a.published')


def fts_query(text: str) -> str:
    """Words as quoted FTS5 terms (all required), so user text is never FTS syntax."""
    terms = [t.replace('"', '""') for t in text.split()]
    return " ".join(f'"{t}"' for t in terms if t.strip('"'))


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(text: str) -> str:
    return f"%{like_escape(text)}%"


class Reader:
    """The reads, over ``rows(sql, params)`` of the backend (a mixin of the stores)."""

    dialect: Dialect

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        raise NotImplementedError

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    # -- whole-store aggregates, remembered until the store changes ---------------------------
    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered until the store changes (for whole-store aggregates such
        as the overview's pairs and the network, which scan every merged event)."""
        with _CACHE_SETUP:  # the web app's threads may ask first at once
            if not hasattr(self, "_cache"):
                self._cache: OrderedDict[Hashable, Any] = OrderedDict()
                self._cache_lock = threading.Lock()
        version = tuple(self.rows(VERSION_SQL)[0].values())
        with self._cache_lock:
            if (key, version) in self._cache:
                self._cache.move_to_end((key, version))
                return self._cache[(key, version)]
        value = compute()
        with self._cache_lock:
            self._cache[(key, version)] = value
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return value

    def counts(self) -> dict[str, int]:
        return {name: int(self.rows(sql)[0]["n"]) for name, sql in COUNTS.items()}

    def overview_counts(self) -> dict[str, Any]:
        """The overview page's counts, the number of sources and the published span."""
        def compute() -> dict[str, Any]:
            found: dict[str, Any] = self.counts()
            found["sources"] = self.rows("SELECT count(DISTINCT source) AS n FROM articles")[0]["n"]
            span = self.rows("SELECT min(published) AS first, max(published) AS last "
                             "FROM articles")[0]
            return {**found, "first_published": span["first"], "last_published": span["last"]}
        found: dict[str, Any] = self.cached("counts", compute)
        return found

    def speakers(self, limit: int) -> Rows:
        """The most quoted speakers, with the cross-article actor of one of their quotes."""
        found: Rows = self.cached(("speakers", limit), lambda: self.rows(
            "SELECT s.speaker, s.quotes, (SELECT ea.actor_id FROM quotes q2 JOIN "
            "entity_actors ea ON ea.article_id = q2.article_id AND ea.entity_id = "
            "q2.speaker_entity WHERE q2.speaker_name = s.speaker LIMIT 1) AS actor_id FROM ("
            "SELECT speaker_name AS speaker, count(*) AS quotes FROM quotes "
            "WHERE speaker_name IS NOT NULL AND duplicate_of IS NULL "
            "GROUP BY speaker_name ORDER BY quotes DESC, speaker_name LIMIT ?) s", [limit]))
        return found

    # -- articles and records ---------------------------------------------------------------
    def articles(self, query: ArticleQuery | None = None, /, **fields: Any) -> Rows:
        """Articles newest first; with ``search``, a snippet around the hits."""
        q = query or ArticleQuery(**fields)
        d = self.dialect
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        join = ""
        snippet = "substr(a.text, 1, 240)"
        snippet_params: list[Any] = []
        if q.search and d.sqlite:
            join = "JOIN articles_fts ON articles_fts.rowid = a.seq "
            where.append("articles_fts MATCH ?")
            params.append(fts_query(q.search))
            snippet = f"snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 28)"
        elif q.search:
            where.append(PG_ARTICLE_TEXT.format(t="a.")
                         + " @@ plainto_tsquery('simple', ?)")
            params.append(q.search)
            snippet = ("ts_headline('simple', a.text, plainto_tsquery('simple', ?), "
                       f"'StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=28, MinWords=12, "
                       "MaxFragments=1, FragmentDelimiter=…')")
            snippet_params.append(q.search)
        for clause, value in (("a.published >= ?", q.since), ("a.published <= ?", q.until),
                              ("a.source = ?", q.source)):
            if value:
                where.append(clause)
                params.append(value)
        if q.actor:
            if CODE.fullmatch(q.actor):
                where.append("EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id "
                             f"AND {d.hint}en.country = ?)")
                params.append(q.actor)
            else:
                where.append("EXISTS (SELECT 1 FROM entity_actors ea JOIN actor_aliases al "
                             "ON al.actor_id = ea.actor_id WHERE ea.article_id = a.id "
                             f"AND al.alias {d.like} ? ESCAPE '\\')")
                params.append(_contains(q.actor))
        if q.type:
            where.append("EXISTS (SELECT 1 FROM event_mentions e WHERE e.article_id = a.id "
                         f"AND {d.hint}e.event = ?)")
            params.append(q.type)
        sql = (f"SELECT a.id, a.published, a.title, a.source, a.url, {snippet} AS snippet, "
               "a.near_duplicate_of, "
               "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
               "(SELECT count(*) FROM event_mentions e WHERE e.article_id = a.id) AS events "
               f"FROM articles a {join}WHERE {' AND '.join(where)} "
               "ORDER BY a.published DESC, a.seq DESC LIMIT ? OFFSET ?")
        return self.rows(sql, [*snippet_params, *params, q.limit, q.offset])

    def ingest_order(self, limit: int = 50) -> Rows:
        """The first articles stored, in ingest order, with their repeated paragraphs."""
        return self.rows(
            "SELECT a.id, a.published, a.title, a.source, a.origin, a.n_paragraphs, "
            "a.near_duplicate_of, "
            "(SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id "
            " AND p.duplicate_of IS NOT NULL) AS repeated_paragraphs "
            "FROM articles a ORDER BY a.seq LIMIT ?", [limit])

    def resolve_id(self, article_id: str) -> str | None:
        """The stored id that is ``article_id`` or the only one it is a prefix of."""
        row = self.one("SELECT id FROM articles WHERE id = ?", [article_id])
        if row:
            return str(row["id"])
        rows = self.rows(f"SELECT id FROM articles WHERE id {self.dialect.like} ? "
                         "ESCAPE '\\' LIMIT 2", [like_escape(article_id) + "%"])
        return str(rows[0]["id"]) if len(rows) == 1 else None

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        """The CONTRACT record of a stored article (an id or a unique id prefix)."""
        resolved = self.resolve_id(article_id)
        return None if resolved is None else self.read_record(resolved)

    def read_record(self, article_id: str) -> dict[str, Any] | None:
        found = self.rows("SELECT id, published, title, url, source, text, near_duplicate_of, "
                          "near_duplicate_similarity, version, model, origin FROM articles "
                          "WHERE id = ?", [article_id])
        if not found:
            return None
        row = found[0]
        record: dict[str, Any] = {"contract": CONTRACT_VERSION, "id": row["id"],
                                  "published": row["published"]}
        record.update({k: row[k] for k in ("title", "url", "source") if row[k] is not None})
        record["text"] = row["text"]
        record["paragraphs"] = [
            {"span": [p["start"], p["end"]], "duplicate_of": p["duplicate_of"],
             "zone": p["zone"]}
            for p in self.rows('SELECT start, "end", duplicate_of, zone FROM paragraphs '
                               "WHERE article_id = ? ORDER BY idx", [article_id])]
        for kind, table, order in RECORD_TABLES:
            record[kind] = [json.loads(r["data"]) for r in self.rows(
                f"SELECT data FROM {table} WHERE article_id = ? "
                f"ORDER BY {order or self.dialect.entity_order}", [article_id])]
        for event in record["events"]:
            event.setdefault("confidence", None)  # stored before events carried one
        record["near_duplicate_of"] = (
            {"id": row["near_duplicate_of"], "similarity": row["near_duplicate_similarity"]}
            if row["near_duplicate_of"] else None)
        record["dragoman"] = {"version": row["version"], "model": row["model"]}
        record["origin"] = row["origin"]
        return record

    def record_with_actors(self, article_id: str) -> dict[str, Any] | None:
        """The stored record plus the cross-article actor of each entity (``actors``: entity
        id → actor id), as the article page and /api/articles/ID give it."""
        out = self.read_record(article_id)
        if out is not None:
            out["actors"] = {r["entity_id"]: r["actor_id"] for r in self.rows(
                "SELECT entity_id, actor_id FROM entity_actors WHERE article_id = ?",
                [article_id])}
        return out

    def signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        """``(article id, MinHash bytes, near_duplicate_of)`` in ingest order."""
        for row in self.rows("SELECT id, minhash, near_duplicate_of FROM articles "
                             "WHERE minhash IS NOT NULL ORDER BY seq"):
            yield row["id"], bytes(row["minhash"]), row["near_duplicate_of"]

    def known_articles(self, ids: Sequence[str]) -> dict[str, str]:
        """``{id: content hash}`` for those of ``ids`` already stored."""
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.rows(
                    f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", chunk):
                found[row["id"]] = row["content_hash"]
        return found

    # -- quotes -------------------------------------------------------------------------------
    def quotes(self, query: QuoteQuery | None = None, /, **fields: Any) -> Rows:
        """Quotes (repeats left out), newest article first; ``date`` is when the words were
        said, or the article's date when the text does not say."""
        q = query or QuoteQuery(**fields)
        where, params, driven = self._quote_where(q, q.speaker is not None
                                                  and self._broad(q.speaker), period=False)
        if q.until and not driven:
            return self._quotes_of_period(q, where, params)
        if q.until:  # with a short list of the speaker's or the search's quotes
            clause, values = self._period_ids(q)
            where, params = [*where, clause], [*params, *values]
        return self.rows(f"SELECT {QUOTE_COLUMNS} FROM {self._quote_from(driven)} "
                         f"WHERE {' AND '.join(where)} "
                         "ORDER BY a.published DESC, a.seq DESC, q.idx LIMIT ? OFFSET ?",
                         [*params, q.limit, q.offset])

    def _quotes_of_period(self, q: QuoteQuery, where: list[str], params: list[Any]) -> Rows:
        """A period alone: its undated quotes (walking the period's articles newest first)
        and its dated ones (by the date index), each cut at the page's end, then merged.
        Gathering every quote of a year first and sorting them all took most of a second
        on 100,000 articles."""
        join = self.dialect.ordered_join
        cut = q.limit + q.offset
        conditions = " AND ".join(where)
        order = "ORDER BY a.published DESC, a.seq DESC, q.idx LIMIT ?"
        undated = (f"SELECT q.id AS id FROM articles a {join} quotes q ON q.article_id = a.id "
                   f"WHERE {conditions} AND q.date IS NULL AND a.published >= ? "
                   f"AND a.published <= ? {order}")
        dated = (f"SELECT q.id AS id FROM quotes q {join} articles a ON a.id = q.article_id "
                 f"WHERE {conditions} AND q.date >= ? AND q.date <= ? {order}")
        sql = (f"SELECT {QUOTE_COLUMNS} FROM (SELECT id FROM ({undated}) u UNION ALL "
               f"SELECT id FROM ({dated}) d) p {join} quotes q ON q.id = p.id "
               f"{join} articles a ON a.id = q.article_id "
               "ORDER BY a.published DESC, a.seq DESC, q.idx LIMIT ? OFFSET ?")
        return self.rows(sql, [*params, q.since or "", q.until, cut,
                               *params, q.since or "", f"{q.until}~", cut, q.limit, q.offset])

    def _period_ids(self, q: QuoteQuery) -> tuple[str, list[Any]]:
        """``q.id IN (…)``: the quotes said in the period, or undated ones in articles of
        the period."""
        return ("q.id IN (SELECT id FROM quotes WHERE date >= ? AND date <= ? UNION ALL "
                f"SELECT q3.id FROM articles a3 {self.dialect.ordered_join} quotes q3 ON "
                "q3.article_id = a3.id WHERE a3.published >= ? AND a3.published <= ? "
                "AND q3.date IS NULL)",
                [q.since or "", f"{q.until}~", q.since or "", q.until])

    def quotations(self, query: QuoteQuery | None = None, /, **fields: Any) -> Rows:
        """Quotations across articles (corpus/quotations.py): the same words by the same
        speaker once, with the articles that report them (``occurrences``, ``articles``),
        their distinct sources, and the first and last day they were said (a quote's date,
        else its article's); described by the first quote. A quotation is listed when one of
        its quotes passes the filters, newest first: in the order :meth:`quotes` gives its
        newest matching quote. The page is found by walking those quotes (as fast as
        :meth:`quotes` is for the filters) and only its quotations are counted; counting
        every quotation of a large store to sort them took seconds."""
        q = query or QuoteQuery(**fields)
        page = self._quotation_page(q)
        if not page:
            return []
        marks = ", ".join("?" * len(page))
        said = "substr(coalesce(o.date, oa.published), 1, 10)"
        counts = {r["id"]: r for r in self.rows(
            "SELECT o.quotation_id AS id, count(DISTINCT o.article_id) AS occurrences, "
            "count(DISTINCT coalesce(r.source, oa.source, oa.id)) AS sources, "
            f"min({said}) AS first_seen, max({said}) AS last_seen FROM quotes o "
            "JOIN articles oa ON oa.id = o.article_id LEFT JOIN articles r ON r.id = "
            f"coalesce(oa.near_duplicate_of, oa.id) WHERE o.quotation_id IN ({marks}) "
            "GROUP BY o.quotation_id", page)}
        firsts = {r["id"]: r for r in self.rows(
            "SELECT f.id, f.speaker_name AS speaker, "
            "(SELECT ea.actor_id FROM entity_actors ea WHERE ea.article_id = f.article_id "
            " AND ea.entity_id = f.speaker_entity) AS speaker_actor, f.speaker_country, "
            "f.speaker_code, f.kind, f.content, f.article_id, f.idx, a.title, a.source, "
            f"a.published FROM quotes f JOIN articles a ON a.id = f.article_id "
            f"WHERE f.id IN ({marks})", page)}
        articles: dict[int, set[str]] = {}
        for r in self.rows("SELECT quotation_id, article_id FROM quotes "
                           f"WHERE quotation_id IN ({marks})", page):
            articles.setdefault(r["quotation_id"], set()).add(r["article_id"])
        rows: Rows = []
        for quotation in page:
            first, count = firsts[quotation], counts[quotation]
            rows.append({"id": quotation, "date": count["first_seen"],
                         "first_seen": count["first_seen"], "last_seen": count["last_seen"],
                         "occurrences": count["occurrences"], "sources": count["sources"],
                         **{k: v for k, v in first.items() if k != "id"},
                         "articles": sorted(articles.get(quotation, ()))})
        return rows

    def _quotation_page(self, q: QuoteQuery) -> list[int]:
        """The ids of the quotations of ``q``'s page: the quotations of the matching quotes,
        newest first, each once, read a batch of quotes at a time."""
        wanted = q.offset + q.limit
        order: list[int] = []
        seen: set[int] = set()
        batch, start = min(max(2 * wanted, 100), QUOTE_BATCH), 0
        while len(order) < wanted:
            found = self.quotes(replace(q, limit=batch, offset=start))
            for row in found:
                quotation = row["quotation"]
                if quotation is not None and quotation not in seen:
                    seen.add(quotation)
                    order.append(quotation)
            if len(found) < batch:
                break
            start += batch
        return order[q.offset:wanted]

    def quote_days(self, query: QuoteQuery) -> Rows:
        """Quotes per day (for the actor page's timeline)."""
        where, params, driven = self._quote_where(query)
        return self.rows(
            "SELECT substr(coalesce(q.date, a.published), 1, 10) AS day, count(*) AS quotes "
            f"FROM {self._quote_from(driven)} WHERE {' AND '.join(where)} "
            "AND coalesce(q.date, a.published) IS NOT NULL "
            "GROUP BY substr(coalesce(q.date, a.published), 1, 10)", params)

    def _about(self, country: str) -> str:
        """A quote is "about" a country when an entity of that country (not the speaker) is
        mentioned inside the quoted words."""
        d = self.dialect
        return (f"EXISTS (SELECT 1 FROM entities oe, {d.json_items('oe.data', 'mentions')} m "
                f"WHERE oe.article_id = q.article_id AND {d.hint}oe.country = {country} "
                f"AND {d.is_not('oe.entity_id', 'q.speaker_entity')} "
                f"AND {d.json_int('m.value', 0)} >= q.start "
                f"AND {d.json_int('m.value', 1)} <= q.\"end\")")

    def _quotes_of(self, source: str, condition: str) -> str:
        """Quotes of the speakers found by a subquery on entity_actors (alias ``x``)."""
        return (f"SELECT q2.id FROM {source} {self.dialect.ordered_join} quotes q2 ON "
                f"q2.article_id = x.article_id AND q2.speaker_entity = x.entity_id "
                f"WHERE {condition}")

    def _quote_where(self, q: QuoteQuery, broad_speaker: bool = False,
                     period: bool = True) -> tuple[list[str], list[Any], bool]:
        """Conditions on ``q`` (quotes) and ``a`` (its article), and whether one of them is a
        short list of quote ids (``q.id IN (…)``) to start from: the speaker's quotes, the
        hits of a full-text search, the quotes of a period (unless ``period`` is false: the
        caller then reads the period its own way). Without one, the query walks articles
        newest first and stops at the page's end."""
        d = self.dialect
        where: list[str] = ["q.duplicate_of IS NULL"]
        params: list[Any] = []
        driven = False
        if q.named_only:
            where.append("(q.speaker_name IS NOT NULL OR q.speaker_country IS NOT NULL)")
        if q.speaker and broad_speaker:
            # so many names match that testing the newest quotes one by one ends soonest
            where.append(f"(q.speaker_name {d.like} ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM "
                         "entity_actors ea JOIN actor_aliases al ON al.actor_id = ea.actor_id "
                         "WHERE ea.article_id = q.article_id AND ea.entity_id = "
                         f"q.speaker_entity AND al.alias {d.like} ? ESCAPE '\\'))")
            params += [_contains(q.speaker)] * 2
        elif q.speaker:
            # the speaker's actor goes by this name (any alias), or the resolved name is one
            where.append("q.id IN (" + self._quotes_of(
                "entity_actors x", "x.actor_id IN (SELECT actor_id FROM actor_aliases "
                f"WHERE alias {d.like} ? ESCAPE '\\')") + " UNION ALL SELECT id FROM quotes "
                f"WHERE speaker_name IN (SELECT alias FROM actor_aliases WHERE alias {d.like} ? "
                "ESCAPE '\\'))")
            params += [_contains(q.speaker)] * 2
            driven = True
        if q.speaker_actor is not None:
            where.append("q.id IN (" + self._quotes_of("entity_actors x", "x.actor_id = ?")
                         + ")")
            params.append(q.speaker_actor)
            driven = True
        if q.speaker_country or q.between:
            # the speaker's own country (an entity's, or a description's: "the Syrian
            # authorities"), stored with the quote
            countries = [q.speaker_country] if q.speaker_country else list(q.between or ())
            marks = ", ".join("?" * len(countries))
            where.append(f"q.id IN (SELECT id FROM quotes WHERE speaker_country IN ({marks}))")
            params += countries
            driven = True
        if q.about:
            where.append(self._about("?"))
            params.append(q.about)
        if q.between:
            first, second = q.between
            where.append("EXISTS (SELECT 1 FROM entities se WHERE se.article_id = q.article_id "
                         f"AND se.entity_id = q.speaker_entity AND {d.hint}se.country "
                         "IN (?, ?) AND "
                         + self._about("CASE se.country WHEN ? THEN ? ELSE ? END") + ")")
            params += [first, second, first, second, first]
        if q.search and d.sqlite:
            where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(fts_query(q.search))
            driven = True
        elif q.search:
            # on q itself: the planner walks the newest quotes or gathers the index's hits,
            # whichever is cheaper, without fetching each quote twice
            where.append(PG_QUOTE_TEXT.format(t="q.") + " @@ plainto_tsquery('simple', ?)")
            params.append(q.search)
            driven = True
        if q.until and period:
            clause, values = self._period_ids(q)
            where.append(clause)
            params += values
            driven = True
        for clause, value in (("substr(coalesce(q.date, a.published), 1, 10) >= ?", q.since),
                              (d.right("coalesce(q.date, a.published)", 10) + " <= ?", q.until),
                              ("a.source = ?", q.source)):
            if value:
                where.append(clause)
                params.append(value)
        return where, params, driven

    def _quote_from(self, driven: bool) -> str:
        """Quotes first when a short id list drives, else articles newest first."""
        join = self.dialect.ordered_join
        return (f"quotes q {join} articles a ON a.id = q.article_id" if driven else
                f"articles a {join} quotes q ON q.article_id = a.id")

    def _broad(self, speaker: str) -> bool:
        """Whether a speaker filter matches so many names that walking the newest quotes and
        testing each is cheaper than gathering all of theirs and sorting them."""
        found = self.rows("SELECT count(*) AS n FROM (SELECT 1 FROM actor_aliases WHERE alias "
                          f"{self.dialect.like} ? ESCAPE '\\' LIMIT ?) s",
                          [_contains(speaker), BROAD_NAMES + 1])
        return bool(found[0]["n"] > BROAD_NAMES)

    # -- events -------------------------------------------------------------------------------
    def events(self, query: EventQuery | None = None, /, **fields: Any) -> Rows:
        """Events merged across articles, most recent first, with GDELT-style counts
        (mentions, articles, sources; a syndicated copy counts as its original's source), the
        confidence (the highest of the mentions') and the evidence sentence of its most
        informative mention (``Dialect.shown_mention``)."""
        q = query or EventQuery(**fields)
        d = self.dialect
        where, params = self._cluster_where(q)
        sql = (
            "SELECT c.id, c.event, m.mode, m.cameo, m.actors, m.recipients, c.confidence, "
            f"{d.day('c.first_day')} AS day, "
            "(SELECT e.date FROM event_mentions e WHERE e.cluster_id = c.id AND e.date IS NOT "
            "NULL GROUP BY e.date ORDER BY count(*) DESC, e.date LIMIT 1) AS date, "
            f"{d.statuses('c.id')} AS status, "
            "c.mentions, c.articles, c.sources, "
            "m.article_id, m.idx, m.start, m.\"end\", ma.title, ma.published, "
            "substr(ma.text, m.start + 1, m.\"end\" - m.start) AS evidence "
            f"FROM {self._event_page(q, where)}")
        return [_plain(row) for row in self.rows(sql, [*params, q.limit, q.offset])]

    def _event_page(self, q: EventQuery, where: str) -> str:
        """The merged events ``c`` of a page, with their shown mention ``m`` and its article
        ``ma``, in order. The page's ids are chosen first (off the indexes on type, day,
        mentions and sources), so the status and the shown mention are found for its rows
        only: SQLite computes a row's columns before sorting, and 6,000 matching events
        (CONSULT at a confidence of 0.9 on 100,000 articles) took 200 ms a page."""
        rest = f"{self.dialect.shown_mention('c.id')} JOIN articles ma ON ma.id = m.article_id"
        order = f"{EVENT_ORDER[q.sort]}c.first_day DESC, c.id DESC"
        return (f"(SELECT c.id FROM events c WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?) "
                f"page JOIN events c ON c.id = page.id {rest} ORDER BY {order}")

    def event_count(self, query: EventQuery) -> int:
        """How many merged events the query's filters select (all pages)."""
        where, params = self._cluster_where(query)
        return int(self.rows(f"SELECT count(*) AS n FROM events c WHERE {where}",
                             params)[0]["n"])

    def event_points(self, query: EventQuery, cap: int = 100_000) -> Rows:
        """Each matching merged event's type, day, mode and CAMEO code (for the timeline)."""
        where, params = self._cluster_where(query)
        return self.rows(
            "SELECT c.event, m.mode, m.cameo, m.status, c.first_day AS day_number "
            f"FROM events c {self.dialect.shown_mention('c.id')} "
            f"WHERE c.first_day IS NOT NULL AND {where} ORDER BY c.first_day LIMIT ?",
            [*params, cap])

    def side_pairs(self, query: EventQuery) -> Rows:
        """Events per (actor side, recipient side, type) over the filtered period: the
        material of the most active pairs and of the network (web/charts.py)."""
        where, params = self._cluster_where(query)
        sql = ("SELECT c.actors, c.recipients, c.event, count(*) AS events, "
               f"{self.dialect.day('max(c.last_day)')} AS last FROM events c "
               f"WHERE c.actors != '' AND c.recipients != '' AND {where} "
               "GROUP BY c.actors, c.recipients, c.event")
        return self.rows(sql, params)

    def _side_ids(self, alternatives: list[Alternative]) -> tuple[str, list[Any]]:
        """Conditions on merged events ``c`` whose sides hold the parties of any alternative."""
        parts, params = [], []
        for pairs, joint in alternatives:
            if all(is_code(value) for _, value in pairs):
                cond, values = self._codes_cond(pairs, joint)
                parts.append(cond)
                params += values
                continue
            conds = []
            for column, value in pairs:
                cond, values = self._side_cond(column, value)
                conds.append(cond)
                params += values
            parts.append("(" + " AND ".join(conds)
                         + (f" AND c.event IN {JOINT_SQL}" if joint else "") + ")")
        return "(" + " OR ".join(parts) + ")", params

    def _side_cond(self, column: str, value: str) -> tuple[str, list[Any]]:
        """Merged events whose ``column`` side holds ``value`` (a code or a name key)."""
        if is_code(value):
            return self._code_cond(column, value)
        d = self.dialect
        member = d.find(f"{BAR} || c.{column} || {BAR}", "?")
        parts = [f"c.{column} = ?", f"({d.contains_bar('c.' + column)} AND {member} > 0)"]
        params: list[Any] = [value, f"|{value}|"]
        codes, ids = self._resolve_actor(value)
        for code in codes:
            cond, values = self._code_cond(column, code)
            parts.append(cond)
            params += values
        if ids:
            entity = d.json_text("p.value", "entity")
            marks = ",".join("?" * len(ids))
            parts.append(
                "c.id IN (SELECT e.cluster_id FROM entity_actors ea JOIN event_mentions e "
                f"ON e.article_id = ea.article_id WHERE ea.actor_id IN ({marks}) AND EXISTS "
                f"(SELECT 1 FROM {d.json_items('e.data', column)} p "
                f"WHERE {entity} = ea.entity_id))")
            params += ids
        return "(" + " OR ".join(parts) + ")", params

    def _codes_cond(self, pairs: Sequence[tuple[str, str]],
                    joint: bool) -> tuple[str, list[Any]]:
        """Merged events whose sides begin with the codes of ``pairs`` (both sides in one
        pass over the side index, where one subquery per side made the planner test every
        merged event against two large id sets), or that have them among several parties."""
        d = self.dialect
        kinds = f" AND event IN {JOINT_SQL}" if joint else ""
        starts = " AND ".join(d.starts(column) for column, _ in pairs)
        members = " AND ".join(
            f"({d.starts(column)} OR {d.find(f'{BAR} || {column}', '?')} > 0)"
            for column, _ in pairs)
        multiparty = f"({d.contains_bar('actors')} OR {d.contains_bar('recipients')})"
        params: list[Any] = [d.prefix(code) for _, code in pairs]
        for _, code in pairs:
            params += [d.prefix(code), f"|{code}"]
        return (f"c.id IN (SELECT id FROM events WHERE {starts}{kinds} UNION ALL "
                f"SELECT id FROM events WHERE {multiparty} AND {members}{kinds})", params)

    def _code_cond(self, column: str, code: str) -> tuple[str, list[Any]]:
        """Merged events with a ``column`` member that begins with ``code``: a side that
        begins with it (off the index on the column), or one of several parties."""
        d = self.dialect
        multiparty = f"({d.contains_bar('actors')} OR {d.contains_bar('recipients')})"
        return (f"c.id IN (SELECT id FROM events WHERE {d.starts(column)} UNION ALL "
                f"SELECT id FROM events WHERE {multiparty} AND "
                f"{d.find(f'{BAR} || {column}', '?')} > 0)",
                [d.prefix(code), f"|{code}"])

    def _resolve_actor(self, key: str) -> tuple[list[str], list[int]]:
        """The cross-article actors a name key names (its name, or any alias): the codes of
        the states among them ("Britain": GBR, which covers every British party) and the ids
        of the others (a person, an organisation: the events it is a party of)."""
        rows = self.rows(
            "SELECT id, type, country FROM actors WHERE name_key = ? OR id IN (SELECT "
            f"actor_id FROM actor_aliases WHERE {self.dialect.nocase_eq('alias')}) "
            "ORDER BY id LIMIT ?", [key, key, MAX_RESOLVED])
        codes = sorted({r["country"] for r in rows if r["type"] == "GPE"
                        and r["country"] and CODE.fullmatch(r["country"])})
        return codes, [int(r["id"]) for r in rows if r["type"] != "GPE" or not r["country"]]

    def _cluster_where(self, q: EventQuery) -> tuple[str, list[Any]]:
        """Conditions on merged events ``c`` (events)."""
        d = self.dialect
        where: list[str] = []
        params: list[Any] = []
        if q.type:
            where.append("c.event = ?")
            params.append(q.type)
        if q.joint is not None:
            # types two parties do together (CONSULT, COOPERATE, AGREE) have no direction
            where.append(f"c.event {'' if q.joint else 'NOT '}IN {JOINT_SQL}")
        for alternatives in side_alternatives(q):
            cond, values = self._side_ids(alternatives)
            where.append(cond)
            params += values
        if q.actor_id is not None:
            entity = d.json_text("p.value", "entity")
            where.append(
                "c.id IN (SELECT e.cluster_id FROM entity_actors ea JOIN event_mentions e "
                "ON e.article_id = ea.article_id WHERE ea.actor_id = ? AND EXISTS (SELECT 1 "
                f"FROM {d.json_items('e.data', 'actors')} p WHERE {entity} = ea.entity_id "
                f"UNION ALL SELECT 1 FROM {d.json_items('e.data', 'recipients')} p "
                f"WHERE {entity} = ea.entity_id))")
            params.append(q.actor_id)
        if q.status:
            where.append("EXISTS (SELECT 1 FROM event_mentions e WHERE e.cluster_id = c.id "
                         "AND e.status = ?)")
            params.append(q.status)
        if q.source:
            where.append("EXISTS (SELECT 1 FROM event_mentions e JOIN articles a ON a.id = "
                         f"e.article_id WHERE e.cluster_id = c.id AND {d.hint}a.source = ?)")
            params.append(q.source)
        if q.cameo:
            where.append("EXISTS (SELECT 1 FROM event_mentions e WHERE e.cluster_id = c.id "
                         "AND e.cameo LIKE ?)")
            params.append(q.cameo + "%")   # digits only (queries.cameo_prefix): no escapes
        if q.min_confidence:
            # a merged event's confidence is its best mention's; unscored events (NULL) fail
            where.append("c.confidence >= ?")
            params.append(q.min_confidence)
        if q.since:
            where.append("c.last_day >= ?")
            params.append(day_number(q.since))
        if q.until:
            where.append("c.first_day <= ?")
            params.append(day_number(q.until))
        return " AND ".join(where) or "1 = 1", params

    def merged_events(self, min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
        """Every event merged across articles, described by its most informative mention
        (``Dialect.shown_mention``), with its
        counts (mentions, articles, sources — a syndicated copy counts as its original's
        source) and confidence (its best mention's), in the order they were first stored;
        with ``min_confidence``, only those of at least that confidence (the exports)."""
        where = "WHERE c.confidence >= ? " if min_confidence else ""
        clusters = self.rows(
            "SELECT c.id, c.mentions, c.articles, c.sources, min(a.published) AS first, "
            "(SELECT e3.id FROM event_mentions e3 WHERE e3.cluster_id = c.id "
            "ORDER BY e3.score DESC, e3.id LIMIT 1) AS shown_mention, "
            "(SELECT e2.date FROM event_mentions e2 WHERE e2.cluster_id = c.id AND "
            "e2.date IS NOT NULL "
            " GROUP BY e2.date ORDER BY count(*) DESC, e2.date LIMIT 1) AS date, c.confidence "
            "FROM events c JOIN event_mentions e ON e.cluster_id = c.id "
            "JOIN articles a ON a.id = e.article_id "
            f"{where}GROUP BY c.id ORDER BY min(e.id)", [min_confidence] if where else [])
        for c in clusters:
            row = self.rows(
                'SELECT e.data, e.article_id, e.start, e."end", a.url, a.text, r.started, '
                "a.published, a.source, a.title, "
                "(SELECT p.\"end\" FROM paragraphs p WHERE p.article_id = a.id AND p.idx = 0) "
                "AS lead_end FROM event_mentions e JOIN articles a ON a.id = e.article_id "
                "JOIN runs r ON r.id = a.run_id WHERE e.id = ?", [c["shown_mention"]])[0]
            event = json.loads(row["data"])
            start, end = row["start"], row["end"]
            event.update({
                "id": c["id"], "date": c["date"], "mentions": int(c["mentions"]),
                "articles": c["articles"], "sources": c["sources"], "first_seen": c["first"],
                "article_id": row["article_id"], "url": row["url"],
                "published": row["published"], "source": row["source"], "title": row["title"],
                "evidence": row["text"][start:end] if start is not None else None,
                "root": start is not None and row["lead_end"] is not None
                and start < row["lead_end"],
                "confidence": c["confidence"], "added": _stamp(row["started"])})
            yield event

    def mention_rows(self, min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
        """Every event mention (one per article reporting a merged event, GDELT's Mentions
        table), by merged event in the order first stored, then mention: its article, the
        evidence sentence and offsets, its confidence, and the ingest times of its run and
        of its merged event's first mention. ``min_confidence`` keeps the mentions of the
        merged events of at least that confidence (the rows ``merged_events`` exports)."""
        where = "WHERE c.confidence >= ? " if min_confidence else ""
        added: dict[int, str] = {}
        for row in self.rows(
                "SELECT e.cluster_id AS event_id, e.id AS mention_id, e.article_id, e.idx, "
                'e.event, e.cameo, e.status, e.date, e.start, e."end", e.mentions, '
                "e.confidence, e.data, a.source, a.published, a.url, a.title, "
                'substr(a.text, e.start + 1, e."end" - e.start) AS sentence, '
                "length(a.text) AS doc_length, r.started FROM event_mentions e "
                "JOIN events c ON c.id = e.cluster_id JOIN articles a ON a.id = e.article_id "
                f"JOIN runs r ON r.id = a.run_id {where}"
                "ORDER BY (SELECT min(e2.id) FROM event_mentions e2 WHERE e2.cluster_id = "
                "e.cluster_id), e.id", [min_confidence] if where else []):
            row["mention_added"] = _stamp(row.pop("started"))
            row["event_added"] = added.setdefault(row["event_id"], row["mention_added"])
            yield row

    def entity_spans(self, article_id: str) -> dict[str, list[tuple[int, int]]]:
        """Where each entity of an article is mentioned: ``{entity id: [(start, end), …]}``."""
        return {r["entity_id"]: [(s, e) for s, e in json.loads(r["data"]).get("mentions", [])]
                for r in self.rows("SELECT entity_id, data FROM entities WHERE article_id = ?",
                                   [article_id])}

    # -- actors -------------------------------------------------------------------------------
    def actors(self, query: ActorQuery | None = None, /, **fields: Any) -> Rows:
        """Cross-article actors, most mentioned first, with their counts and most used
        aliases. ``name`` matches any part of any alias; ``articles`` counts the articles an
        actor is in (read off the entity_actors_actor_article index)."""
        q = query or ActorQuery(**fields)
        d = self.dialect
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if q.name:
            where.append(f"a.id IN (SELECT actor_id FROM actor_aliases WHERE alias {d.like} ? "
                         "ESCAPE '\\')")
            params.append(_contains(q.name))
        for clause, value in (("a.type = ?", q.type), ("a.country = ?", q.country)):
            if value:
                where.append(clause)
                params.append(value)
        sql = ("SELECT a.id, a.name, a.type, a.country, a.sector, a.wikidata, "
               "(SELECT count(DISTINCT article_id) FROM entity_actors e WHERE e.actor_id = a.id)"
               f" AS articles, (SELECT {d.agg('alias', chr(39) + '; ' + chr(39))} FROM "
               "(SELECT alias FROM actor_aliases WHERE actor_id = a.id "
               "ORDER BY mentions DESC, alias LIMIT 8) t) AS aliases "
               f"FROM actors a WHERE {' AND '.join(where)} "
               "ORDER BY articles DESC, a.name, a.id LIMIT ? OFFSET ?")
        params += [q.limit, q.offset]
        if q.name:
            return self.rows(sql, params)
        # without a name, ranking counts the articles of every actor: remembered until the
        # store changes, as the other whole-store aggregates
        found: Rows = self.cached(("actors", q), lambda: self.rows(sql, params))
        return [dict(row) for row in found]  # callers may add to their rows

    def actor(self, actor_id: int) -> dict[str, Any] | None:
        found = self.one(
            "SELECT a.id, a.name, a.type, a.country, a.sector, a.wikidata, "
            "(SELECT count(DISTINCT article_id) FROM entity_actors WHERE actor_id = a.id) "
            "AS articles FROM actors a WHERE a.id = ?", [actor_id])
        if found is not None:
            found["aliases"] = [r["alias"] for r in self.rows(
                "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY mentions DESC, "
                "alias LIMIT 20", [actor_id])]
        return found

    def country_names(self, codes: list[str]) -> dict[str, str]:
        """The name the store mostly uses for each country or organisation code: its most
        mentioned place or organisation actor with that code."""
        if not codes:
            return {}
        marks = ",".join("?" * len(codes))
        rows = self.rows(
            "SELECT a.country, a.name FROM actors a WHERE a.type IN ('GPE', 'ORG', 'LOC') "
            f"AND a.country IN ({marks}) ORDER BY a.type = 'GPE' DESC, "
            "(SELECT count(*) FROM entity_actors ea WHERE ea.actor_id = a.id) DESC, a.id", codes)
        names: dict[str, str] = {}
        for row in rows:
            names.setdefault(row["country"], row["name"])
        return names


# One list of alternatives per side filter given (all must hold): each alternative lists
# (column, value) pairs that must all hold, and whether only joint types qualify.
Alternative = tuple[list[tuple[str, str]], bool]


def side_alternatives(q: EventQuery) -> list[list[Alternative]]:
    """A joint type (CONSULT, COOPERATE, AGREE) matches actor/recipient either way round, as
    merging does."""
    found: list[list[Alternative]] = []
    if q.actor or q.recipient:
        direct = [(c, v) for c, v in (("actors", q.actor), ("recipients", q.recipient)) if v]
        swapped = [(c, v) for c, v in (("recipients", q.actor), ("actors", q.recipient)) if v]
        found.append([(direct, False), (swapped, True)])
    if q.party:
        found.append([([("actors", q.party)], False), ([("recipients", q.party)], False)])
    if q.between:
        first, second = q.between
        # directed: the first acts on the second, and a joint type either way round
        found.append([([("actors", first), ("recipients", second)], False),
                      ([("actors", second), ("recipients", first)], q.directed)])
    return found


def _stamp(started: str) -> str:
    """A run's ISO start time as GDELT writes times: ``YYYYMMDDHHMMSS``."""
    return started.replace("-", "").replace(":", "").replace("T", "")[:14]


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Sums come back as PostgreSQL numerics on some columns: plain ints for JSON."""
    if row.get("mentions") is not None:
        row["mentions"] = int(row["mentions"])
    return row
