"""Read-only SQL behind the web pages and the JSON API.

Values reach SQL only as bound parameters; the SQL text is assembled from fixed fragments
chosen by which (already validated, filters.py) filters are set. Lists are ordered newest
first and paged with limit/offset; each fetches one row more than asked so the caller can tell
whether there is a next page (:func:`page`).

Event sides (``actors``/``recipients``) are stored as ``|``-joined sorted country codes (or
name keys where a party's country is unknown): a side matches with
``'|' || side || '|' LIKE '%|USA|%'``.
"""

from __future__ import annotations

from typing import Any

from dragoman.knowledge.cameo import JOINT
from dragoman.store.sqlite import list_actors, read_record
from dragoman.web.db import Reader
from dragoman.web.filters import CODE, Filters, day_number

Rows = list[dict[str, Any]]
DAY = "date({} + 1721424.5)"  # a stored day number (date ordinal) as YYYY-MM-DD
JOINT_SQL = "(" + ",".join(f"'{t}'" for t in sorted(JOINT)) + ")"
# Private-use characters mark full-text hits in snippets; the page turns them into <mark>.
HIT_START, HIT_END = "\ue000", "\ue001"


def page(rows: Rows, f: Filters) -> tuple[Rows, bool]:
    """The rows of the page and whether another page follows."""
    return rows[:f.limit], len(rows) > f.limit


def fts_query(text: str) -> str:
    """Words as quoted FTS5 terms (all required), so user text is never FTS syntax."""
    terms = [t.replace('"', '""') for t in text.split()]
    return " ".join(f'"{t}"' for t in terms if t.strip('"'))


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(text: str) -> str:
    return f"%{_like(text)}%"


def _member(value: str) -> str:
    return f"%|{_like(value)}|%"


def _side(column: str) -> str:
    return f"('|' || {column} || '|') LIKE ? ESCAPE '\\'"


def _paging(f: Filters) -> list[int]:
    return [f.limit + 1, f.offset]


# -- overview ----------------------------------------------------------------------------------
COUNTS = {
    "articles": "SELECT count(*) AS n FROM articles",
    "near_duplicate_articles": "SELECT count(*) AS n FROM articles "
                               "WHERE near_duplicate_of IS NOT NULL",
    "entities": "SELECT count(*) AS n FROM entities",
    "actors": "SELECT count(*) AS n FROM actors",
    "quotes": "SELECT count(*) AS n FROM quotes WHERE duplicate_of IS NULL",
    "timexes": "SELECT count(*) AS n FROM timexes",
    "event_mentions": "SELECT count(*) AS n FROM event_mentions",
    "events": "SELECT count(*) AS n FROM events",
    "sources": "SELECT count(DISTINCT source) AS n FROM articles",
}


def counts(db: Reader) -> dict[str, Any]:
    return db.cached("counts", lambda: _counts(db))


def _counts(db: Reader) -> dict[str, Any]:
    found: dict[str, Any] = {name: db.rows(sql)[0]["n"] for name, sql in COUNTS.items()}
    span = db.rows("SELECT min(published) AS first, max(published) AS last FROM articles")[0]
    return {**found, "first_published": span["first"], "last_published": span["last"]}


def side_pairs(db: Reader, f: Filters) -> Rows:
    """Events per (actor side, recipient side, type) over the filtered period: the material of
    the most active pairs and of the network (both aggregate it in charts.py)."""
    where, params = _cluster_where(f)
    sql = ("SELECT c.actors, c.recipients, c.event, count(*) AS events, "
           f"{DAY.format('max(c.last_day)')} AS last FROM events c "
           f"WHERE c.actors != '' AND c.recipients != '' AND {where} "
           "GROUP BY c.actors, c.recipients, c.event")
    return db.rows(sql, params)


def speakers(db: Reader, limit: int) -> Rows:
    """The most quoted speakers, with the cross-article actor of one of their quotes;
    remembered until the store changes (it counts every quote)."""
    found: Rows = db.cached(("speakers", limit), lambda: _speakers(db, limit))
    return found


def _speakers(db: Reader, limit: int) -> Rows:
    return db.rows(
        "SELECT s.speaker, s.quotes, (SELECT ea.actor_id FROM quotes q2 JOIN entity_actors ea "
        "ON ea.article_id = q2.article_id AND ea.entity_id = q2.speaker_entity "
        "WHERE q2.speaker_name = s.speaker LIMIT 1) AS actor_id FROM ("
        "SELECT speaker_name AS speaker, count(*) AS quotes FROM quotes "
        "WHERE speaker_name IS NOT NULL AND duplicate_of IS NULL "
        "GROUP BY speaker_name ORDER BY quotes DESC, speaker_name LIMIT ?) s", [limit])


# -- articles ----------------------------------------------------------------------------------
def articles(db: Reader, f: Filters) -> Rows:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    join = ""
    snippet = "substr(a.text, 1, 240)"
    if f.search:
        join = "JOIN articles_fts ON articles_fts.rowid = a.seq "
        where.append("articles_fts MATCH ?")
        params.append(fts_query(f.search))
        snippet = (f"snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 28)")
    for clause, value in (("a.published >= ?", f.since), ("a.published <= ?", f.until),
                          ("a.source = ?", f.source)):
        if value:
            where.append(clause)
            params.append(value)
    if f.actor:
        if CODE.fullmatch(f.actor):
            where.append("EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id "
                         "AND +en.country = ?)")
            params.append(f.actor)
        else:
            where.append("EXISTS (SELECT 1 FROM entity_actors ea JOIN actor_aliases al "
                         "ON al.actor_id = ea.actor_id WHERE ea.article_id = a.id "
                         "AND al.alias LIKE ? ESCAPE '\\')")
            params.append(_contains(f.actor))
    if f.type:
        where.append("EXISTS (SELECT 1 FROM event_mentions e WHERE e.article_id = a.id "
                     "AND +e.event = ?)")
        params.append(f.type)
    sql = (f"SELECT a.id, a.published, a.title, a.source, a.url, {snippet} AS snippet, "
           "a.near_duplicate_of, "
           "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
           "(SELECT count(*) FROM event_mentions e WHERE e.article_id = a.id) AS events "
           f"FROM articles a {join}WHERE {' AND '.join(where)} "
           "ORDER BY a.published DESC, a.seq DESC LIMIT ? OFFSET ?")
    return db.rows(sql, [*params, *_paging(f)])


def record(db: Reader, article_id: str) -> dict[str, Any] | None:
    """The stored CONTRACT record of one article, as ``Store.get_record`` gives it, plus the
    cross-article actor of each entity (``actors``: entity id → actor id)."""
    out = read_record(db.rows, article_id)
    if out is None:
        return None
    out["actors"] = {r["entity_id"]: r["actor_id"] for r in db.rows(
        "SELECT entity_id, actor_id FROM entity_actors WHERE article_id = ?", [article_id])}
    return out


# -- quotes ------------------------------------------------------------------------------------
# A quote is "about" a country when an entity of that country (not the speaker) is mentioned
# inside the quoted words.
# (`+` keeps SQLite on the article's entities rather than every entity of the country.)
ABOUT = ("EXISTS (SELECT 1 FROM entities oe, json_each(oe.data, '$.mentions') m "
         "WHERE oe.article_id = q.article_id AND +oe.country = {} "
         "AND oe.entity_id IS NOT q.speaker_entity "
         "AND json_extract(m.value, '$[0]') >= q.start "
         "AND json_extract(m.value, '$[1]') <= q.\"end\")")
SPEAKER_COUNTRY = ("EXISTS (SELECT 1 FROM entities se WHERE se.article_id = q.article_id "
                   "AND se.entity_id = q.speaker_entity AND +se.country {})")
# Quotes of the speakers found by a subquery on entity_actors or entities (alias ``x``).
QUOTES_OF = ("SELECT q2.id FROM {} CROSS JOIN quotes q2 ON q2.article_id = x.article_id "
             "AND q2.speaker_entity = x.entity_id WHERE {}")


def _quote_where(f: Filters, broad_speaker: bool = False) -> tuple[list[str], list[Any], bool]:
    """Conditions on ``q`` (quotes) and ``a`` (its article), and whether one of them is a
    short list of quote ids (``q.id IN (…)``) to start from: the speaker's quotes, the hits of
    a full-text search, the quotes of a period. Without one, the query walks articles newest
    first and stops at the page's end."""
    where: list[str] = ["q.duplicate_of IS NULL"]
    params: list[Any] = []
    driven = False
    if f.speaker and broad_speaker:
        # so many names match that testing the newest quotes one by one ends soonest
        where.append("(q.speaker_name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entity_actors "
                     "ea JOIN actor_aliases al ON al.actor_id = ea.actor_id WHERE ea.article_id "
                     "= q.article_id AND ea.entity_id = q.speaker_entity AND al.alias LIKE ? "
                     "ESCAPE '\\'))")
        params += [_contains(f.speaker)] * 2
    elif f.speaker:
        # the speaker's actor goes by this name (any alias), or the resolved name is one
        where.append("q.id IN (" + QUOTES_OF.format(
            "entity_actors x", "x.actor_id IN (SELECT actor_id FROM actor_aliases "
            "WHERE alias LIKE ? ESCAPE '\\')") + " UNION ALL SELECT id FROM quotes WHERE "
            "speaker_name IN (SELECT alias FROM actor_aliases WHERE alias LIKE ? ESCAPE '\\'))")
        params += [_contains(f.speaker)] * 2
        driven = True
    if f.speaker_actor is not None:
        where.append("q.id IN (" + QUOTES_OF.format("entity_actors x", "x.actor_id = ?") + ")")
        params.append(f.speaker_actor)
        driven = True
    if f.speaker_country or f.between:
        # the speaker's own country (an entity's, or a description's: "the Syrian
        # authorities"), stored with the quote
        countries = [f.speaker_country] if f.speaker_country else list(f.between or ())
        marks = ", ".join("?" * len(countries))
        where.append(f"q.id IN (SELECT id FROM quotes WHERE speaker_country IN ({marks}))")
        params += countries
        driven = True
    if f.about:
        where.append(ABOUT.format("?"))
        params.append(f.about)
    if f.between:
        first, second = f.between
        where.append(SPEAKER_COUNTRY.format(
            "IN (?, ?) AND " + ABOUT.format("CASE se.country WHEN ? THEN ? ELSE ? END")))
        params += [first, second, first, second, first]
    if f.search:
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(fts_query(f.search))
        driven = True
    if f.until:
        # the quotes said in the period, or undated ones in articles of the period
        where.append("q.id IN (SELECT id FROM quotes WHERE date >= ? AND date <= ? UNION ALL "
                     "SELECT q3.id FROM articles a3 CROSS JOIN quotes q3 ON q3.article_id = "
                     "a3.id WHERE a3.published >= ? AND a3.published <= ? AND q3.date IS NULL)")
        params += [f.since or "", f.until + "~", f.since or "", f.until]
        driven = True
    for clause, value in (("substr(coalesce(q.date, a.published), 1, 10) >= ?", f.since),
                          ("substr(coalesce(q.date, a.published), -10) <= ?", f.until),
                          ("a.source = ?", f.source)):
        if value:
            where.append(clause)
            params.append(value)
    return where, params, driven


def _quote_from(driven: bool) -> str:
    """Quotes first when a short id list drives, else articles newest first."""
    return ("quotes q CROSS JOIN articles a ON a.id = q.article_id" if driven else
            "articles a CROSS JOIN quotes q ON q.article_id = a.id")


def quotes(db: Reader, f: Filters) -> Rows:
    """Quotes (repeats left out), newest article first; ``date`` is when the words were said,
    or the article's date when the text does not say."""
    where, params, driven = _quote_where(f, f.speaker is not None and _broad(db, f.speaker))
    sql = ("SELECT q.article_id, q.idx, coalesce(q.date, a.published) AS date, "
           "q.speaker_name AS speaker, "
           "(SELECT ea.actor_id FROM entity_actors ea WHERE ea.article_id = q.article_id "
           " AND ea.entity_id = q.speaker_entity) AS speaker_actor, "
           "q.speaker_country, "
           "q.kind, q.content, q.start, q.\"end\", a.title, a.source, a.published "
           f"FROM {_quote_from(driven)} WHERE {' AND '.join(where)} "
           "ORDER BY a.published DESC, a.seq DESC, q.idx LIMIT ? OFFSET ?")
    return db.rows(sql, [*params, *_paging(f)])


BROAD_NAMES = 200


def _broad(db: Reader, speaker: str) -> bool:
    """Whether a speaker filter matches so many names that walking the newest quotes and
    testing each is cheaper than gathering all of theirs and sorting them."""
    found = db.rows("SELECT count(*) AS n FROM (SELECT 1 FROM actor_aliases WHERE alias LIKE ? "
                    "ESCAPE '\\' LIMIT ?)", [_contains(speaker), BROAD_NAMES + 1])
    return bool(found[0]["n"] > BROAD_NAMES)


def quote_days(db: Reader, f: Filters) -> Rows:
    """Quotes per day (for the actor page's timeline)."""
    where, params, driven = _quote_where(f)
    return db.rows(
        "SELECT substr(coalesce(q.date, a.published), 1, 10) AS day, count(*) AS quotes "
        f"FROM {_quote_from(driven)} WHERE {' AND '.join(where)} "
        "GROUP BY day HAVING day IS NOT NULL", params)


# -- events ------------------------------------------------------------------------------------
# Sides are mostly one party: those match by equality on an index; sides of several parties
# (the partial index event_clusters_multiparty) by LIKE. Each alternative lists
# (column, value) pairs that must all hold, and whether only joint types qualify.
Alternative = tuple[list[tuple[str, str]], bool]
MULTIPARTY = "(instr(actors, '|') > 0 OR instr(recipients, '|') > 0)"


def _side_ids(alternatives: list[Alternative]) -> tuple[str, list[Any]]:
    """``c.id IN (…)``: merged events whose sides hold the parties of any alternative."""
    parts, params, likes = [], [], []
    for pairs, joint in alternatives:
        cond = " AND ".join(f"{column} = ?" for column, _ in pairs)
        parts.append(f"SELECT id FROM events WHERE {cond}"
                     + (f" AND event IN {JOINT_SQL}" if joint else ""))
        params += [value for _, value in pairs]
        likes.append("(" + " AND ".join(_side(column) for column, _ in pairs)
                     + (f" AND event IN {JOINT_SQL}" if joint else "") + ")")
    parts.append(f"SELECT id FROM events WHERE {MULTIPARTY} AND "
                 f"({' OR '.join(likes)})")
    params += [_member(value) for pairs, _ in alternatives for _, value in pairs]
    return f"c.id IN ({' UNION ALL '.join(parts)})", params


def _side_alternatives(f: Filters) -> list[list[Alternative]]:
    """One list of alternatives per side filter given (all must hold). A joint type
    (CONSULT, COOPERATE, AGREE) matches actor/recipient either way round, as merging does."""
    found: list[list[Alternative]] = []
    if f.actor or f.recipient:
        direct = [(c, v) for c, v in (("actors", f.actor), ("recipients", f.recipient)) if v]
        swapped = [(c, v) for c, v in (("recipients", f.actor), ("actors", f.recipient)) if v]
        found.append([(direct, False), (swapped, True)])
    if f.party:
        found.append([([("actors", f.party)], False), ([("recipients", f.party)], False)])
    if f.between:
        first, second = f.between
        found.append([([("actors", first), ("recipients", second)], False),
                      ([("actors", second), ("recipients", first)], False)])
    return found


def _cluster_where(f: Filters) -> tuple[str, list[Any]]:
    """Conditions on merged events ``c`` (events)."""
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("c.event = ?")
        params.append(f.type)
    for alternatives in _side_alternatives(f):
        cond, values = _side_ids(alternatives)
        where.append(cond)
        params += values
    if f.actor_id is not None:
        where.append(
            "c.id IN (SELECT e.cluster_id FROM entity_actors ea JOIN event_mentions e "
            "ON e.article_id = ea.article_id WHERE ea.actor_id = ? AND EXISTS (SELECT 1 FROM "
            "json_each(e.data, '$.actors') p WHERE json_extract(p.value, '$.entity') = "
            "ea.entity_id UNION ALL SELECT 1 FROM json_each(e.data, '$.recipients') p WHERE "
            "json_extract(p.value, '$.entity') = ea.entity_id))")
        params.append(f.actor_id)
    if f.status:
        where.append("EXISTS (SELECT 1 FROM event_mentions e WHERE e.cluster_id = c.id "
                     "AND e.status = ?)")
        params.append(f.status)
    if f.source:
        where.append("EXISTS (SELECT 1 FROM event_mentions e JOIN articles a ON a.id = "
                     "e.article_id "
                     "WHERE e.cluster_id = c.id AND +a.source = ?)")
        params.append(f.source)
    if f.min_confidence:
        # a merged event's confidence is its best mention's; unscored events (NULL) fail
        where.append("c.confidence >= ?")
        params.append(f.min_confidence)
    if f.since:
        where.append("c.last_day >= ?")
        params.append(day_number(f.since))
    if f.until:
        where.append("c.first_day <= ?")
        params.append(day_number(f.until))
    return " AND ".join(where) or "1 = 1", params


def events(db: Reader, f: Filters) -> Rows:
    """Events merged across articles, most recent first, with GDELT-style counts (mentions,
    articles, sources; a syndicated copy counts as its original's source), the confidence
    (the highest of the mentions') and the evidence sentence of the first mention."""
    where, params = _cluster_where(f)
    sql = (
        "SELECT c.id, c.event, m.mode, m.cameo, m.actors, m.recipients, c.confidence, "
        f"{DAY.format('c.first_day')} AS day, "
        "(SELECT e.date FROM event_mentions e WHERE e.cluster_id = c.id AND e.date IS NOT NULL "
        " GROUP BY e.date ORDER BY count(*) DESC, e.date LIMIT 1) AS date, "
        "(SELECT group_concat(DISTINCT e.status) FROM event_mentions e WHERE e.cluster_id = c.id) "
        " AS status, "
        "(SELECT sum(e.mentions) FROM event_mentions e WHERE e.cluster_id = c.id) AS mentions, "
        "(SELECT count(DISTINCT e.article_id) FROM event_mentions e WHERE e.cluster_id = c.id) "
        " AS articles, "
        "(SELECT count(DISTINCT coalesce(r.source, r.id)) FROM event_mentions e JOIN articles a "
        " ON a.id = e.article_id JOIN articles r ON r.id = coalesce(a.near_duplicate_of, a.id)"
        " WHERE e.cluster_id = c.id) AS sources, "
        "m.article_id, m.idx, m.start, m.\"end\", ma.title, ma.published, "
        "substr(ma.text, m.start + 1, m.\"end\" - m.start) AS evidence "
        "FROM events c "
        "JOIN event_mentions m ON m.id = (SELECT min(e.id) FROM event_mentions e WHERE "
        "e.cluster_id = c.id) "
        "JOIN articles ma ON ma.id = m.article_id "
        f"WHERE {where} ORDER BY c.first_day DESC, c.id DESC LIMIT ? OFFSET ?")
    return db.rows(sql, [*params, *_paging(f)])


def event_points(db: Reader, f: Filters, cap: int = 100_000) -> Rows:
    """Each matching merged event's type, day, mode and CAMEO code (for the timeline)."""
    where, params = _cluster_where(f)
    return db.rows(
        "SELECT c.event, m.mode, m.cameo, m.status, c.first_day AS day_number "
        "FROM events c "
        "JOIN event_mentions m ON m.id = (SELECT min(e.id) FROM event_mentions e WHERE "
        "e.cluster_id = c.id) "
        f"WHERE c.first_day IS NOT NULL AND {where} ORDER BY c.first_day LIMIT ?",
        [*params, cap])


# -- entities and actors -------------------------------------------------------------------------
def entities(db: Reader, f: Filters) -> Rows:
    """People, organisations and places merged across articles (the store's actors), most
    mentioned first, with the number of articles each is in
    (:func:`dragoman.store.sqlite.list_actors`)."""
    limit, offset = _paging(f)
    return list_actors(db.rows, name=f.name, entity_type=f.entity_type, country=f.country,
                       limit=limit, offset=offset)


def actor(db: Reader, actor_id: int) -> dict[str, Any] | None:
    found = db.one(
        "SELECT a.id, a.name, a.type, a.country, a.sector, a.wikidata, "
        "(SELECT count(DISTINCT article_id) FROM entity_actors WHERE actor_id = a.id) "
        "AS articles FROM actors a WHERE a.id = ?", [actor_id])
    if found is not None:
        found["aliases"] = [r["alias"] for r in db.rows(
            "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY mentions DESC, alias "
            "LIMIT 20", [actor_id])]
    return found


def country_names(db: Reader, codes: list[str]) -> dict[str, str]:
    """The name the store mostly uses for each country or organisation code: its most
    mentioned place or organisation actor with that code."""
    if not codes:
        return {}
    marks = ",".join("?" * len(codes))
    rows = db.rows(
        "SELECT a.country, a.name FROM actors a WHERE a.type IN ('GPE', 'ORG', 'LOC') "
        f"AND a.country IN ({marks}) ORDER BY a.type = 'GPE' DESC, "
        "(SELECT count(*) FROM entity_actors ea WHERE ea.actor_id = a.id) DESC, a.id", codes)
    names: dict[str, str] = {}
    for row in rows:
        names.setdefault(row["country"], row["name"])
    return names


def country(db: Reader, code: str) -> dict[str, Any]:
    """What the store knows of a country or organisation code: the name it mostly goes by."""
    return {"code": code, "name": country_names(db, [code]).get(code)}
