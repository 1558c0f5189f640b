"""The JSON API under ``/api/``: the data behind every page, and CSV of every list.

Lists answer ``{"items": [...], "limit", "offset", "next_offset"}`` (``next_offset`` is null
on the last page), or CSV with ``format=csv``. Bad filters answer 400 with ``{"error": …}``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from dragoman.knowledge.actor_codes import code_label, split_code
from dragoman.knowledge.codes import children, code_of, find_codes
from dragoman.knowledge.scores import SCALES
from dragoman.store.base import Store
from dragoman.web import charts
from dragoman.web import filters as check
from dragoman.web.filters import MAX_LIMIT, MAX_OFFSET, FilterError, Filters


class ErrorBody(BaseModel):
    """What every error answers, whatever its status."""

    error: str


class Page(BaseModel):
    """One page of a list; ``next_offset`` is null on the last page."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None


# Documented for every operation (and so no FastAPI 422, which this API never answers:
# a parameter that fails validation is a 400 like any other bad filter).
ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorBody, "description": "A bad parameter (400) or nothing found (404)."},
    "5XX": {"model": ErrorBody, "description": "The store cannot be read (503) or a bug (500)."},
}
CSV = {"text/csv": {"schema": {"type": "string"}}}
# The 200 of the lists: a Page as JSON, or CSV with format=csv.
LIST: dict[int | str, dict[str, Any]] = {
    200: {"model": Page, "description": "A page of rows, or CSV with format=csv.",
          "content": CSV}}
# The 200 of an operation that answers a JSON object built by a Response (no return type).
OBJECT: dict[int | str, dict[str, Any]] = {
    200: {"description": "A JSON object.", "content": {
        "application/json": {"schema": {"type": "object"}}}}}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
Rows = list[dict[str, Any]]

Since = Annotated[str | None, Query(description="First day, YYYY-MM-DD.", max_length=10)]
Until = Annotated[str | None, Query(description="Last day, YYYY-MM-DD.", max_length=10)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Format = Annotated[str, Query(pattern="^(json|csv)$", description="json or csv.")]
Text = Annotated[str | None, Query(max_length=check.MAX_TEXT)]
Type = Annotated[str | None, Query(description="PLOVER event type: " +
                                   ", ".join(check.PLOVER_TYPES) + ".", max_length=12)]
Status = Annotated[str | None, Query(description="Event status: " + ", ".join(check.STATUSES)
                                     + ".", max_length=12)]
Source = Annotated[str | None, Query(description="The article's source, exactly.",
                                     max_length=check.MAX_TEXT)]
MinConfidence = Annotated[str | None, Query(
    description="Only events of at least this confidence, a number from 0 to 1 (a merged "
                "event's is the highest of its mentions'; above 0, events without a "
                "confidence are left out).", max_length=20)]


def store(request: Request) -> Store:
    found: Store = request.app.state.store
    return found


DB = Annotated[Store, Depends(store)]


def page_of(rows: Rows, f: Filters) -> tuple[Rows, bool]:
    """The rows of the page and whether another page follows (the store was asked for one
    row more than the page holds: Filters.query)."""
    return rows[:f.limit], len(rows) > f.limit


def article_filters(
        search: Annotated[str | None, Query(description="Words in the title or text (all must "
                                            "occur; full-text search).")] = None,
        source: Source = None,
        actor: Annotated[str | None, Query(description="Articles mentioning an entity of this "
                                           "country code (USA), or an actor by name.")] = None,
        type: Type = None, since: Since = None, until: Until = None,
        limit: Limit = 50, offset: Offset = 0) -> Filters:
    first, last = check.period(since, until)
    return Filters(search=check.search(search), source=check.text(source, "source"),
                   actor=check.side(actor, "actor"),
                   type=check.choice(type, "type", check.PLOVER_TYPES, upper=True),
                   since=first, until=last, limit=limit, offset=offset)


def quote_filters(
        speaker: Annotated[str | None, Query(description="Part of the speaker's name or of "
                                             "any alias of the speaker's actor.")] = None,
        search: Annotated[str | None, Query(description="Words in the quote (full-text "
                                            "search, all must occur).")] = None,
        speaker_actor: Annotated[int | None, Query(
            ge=1, le=check.MAX_ID, description="Id of the speaker's cross-article actor.")] = None,
        speaker_country: Annotated[str | None, Query(description="Country code of the "
                                                     "speaker.", max_length=12)] = None,
        country: Annotated[str | None, Query(description="The same as speaker_country (the "
                                             "name of the CLI's option).",
                                             max_length=12)] = None,
        about: Annotated[str | None, Query(description="Country code of an entity mentioned "
                                           "inside the quote.", max_length=12)] = None,
        between: Annotated[str | None, Query(description="Two country codes, USA,CHN: quotes "
                                             "by a speaker of either about the other.",
                                             max_length=30)] = None,
        source: Source = None, since: Since = None, until: Until = None,
        all: Annotated[bool, Query(description="Also the quotes without a speaker (no name, "
                                   "no country), left out by default.")] = False,
        limit: Limit = 50, offset: Offset = 0) -> Filters:
    first, last = check.period(since, until)
    return Filters(speaker=check.text(speaker, "speaker"), search=check.search(search),
                   named_only=not all,
                   speaker_actor=speaker_actor,
                   speaker_country=check.code(speaker_country, "speaker_country")
                   or check.code(country, "country"),
                   about=check.code(about, "about"), between=check.pair(between),
                   source=check.text(source, "source"), since=first, until=last,
                   limit=limit, offset=offset)


def event_filters(
        actor: Annotated[str | None, Query(description="Actor side: an actor code (LBY: every "
                                           "Libyan actor; LBYREB: the rebels; IGOUNO) or an "
                                           "actor's name (Hillary Clinton, Britain).")] = None,
        recipient: Annotated[str | None, Query(description="Recipient side: an actor code or "
                                               "an actor's name.")] = None,
        party: Annotated[str | None, Query(description="Either side: an actor code or an "
                                           "actor's name.")] = None,
        between: Annotated[str | None, Query(description="Two actor codes or names separated "
                                             "by a comma, LBYGOV,LBYREB: events between them, "
                                             "either way round (see directed).",
                                             max_length=200)] = None,
        directed: Annotated[bool, Query(description="With between: only events the first "
                                        "acts in towards the second (and CONSULT, COOPERATE "
                                        "and AGREE, done together, either way round).")] = False,
        joint: Annotated[bool | None, Query(description="true: only the types two sides do "
                                            "together (CONSULT, COOPERATE, AGREE); false: only "
                                            "the others.")] = None,
        actor_id: Annotated[int | None, Query(
            ge=1, le=check.MAX_ID, description="Events with this cross-article actor on a "
            "side.")] = None,
        type: Type = None, status: Status = None, source: Source = None,
        min_confidence: MinConfidence = None, since: Since = None, until: Until = None,
        cameo: Annotated[str | None, Query(description="The first digits of a CAMEO event "
                                           "code (19: fight; 0831) a mention has.",
                                           max_length=8)] = None,
        sort: Annotated[str | None, Query(description="date (default), mentions or sources: "
                                          "most first, ties newest first.",
                                          max_length=10)] = None,
        limit: Limit = 50, offset: Offset = 0) -> Filters:
    first, last = check.period(since, until)
    return Filters(actor=check.side(actor, "actor"),
                   recipient=check.side(recipient, "recipient"),
                   party=check.side(party, "party"), between=check.sides(between),
                   directed=directed, joint=joint, actor_id=actor_id,
                   type=check.choice(type, "type", check.PLOVER_TYPES, upper=True),
                   status=check.choice(status, "status", check.STATUSES),
                   source=check.text(source, "source"),
                   min_confidence=check.probability(min_confidence, "min_confidence"),
                   since=first, until=last, cameo=check.cameo_prefix(cameo),
                   sort=check.choice(sort, "sort", check.EVENT_SORTS) or "date",
                   limit=limit, offset=offset)


def listing(rows: Rows, f: Filters, fmt: str, name: str,
            total: Callable[[], int] | None = None) -> Response:
    """A page of rows as JSON (with ``total``, the rows of every page, where counted) or
    CSV."""
    items, more = page_of(rows, f)
    if fmt == "csv":
        return csv_response(items, name)
    found: dict[str, Any] = {"items": items, "limit": f.limit, "offset": f.offset,
                             "next_offset": f.offset + f.limit if more else None}
    if total is not None:
        found["total"] = total()
    return JSONResponse(found)


def csv_response(rows: Rows, name: str) -> Response:
    """Rows as CSV, columns in the rows' order; nested values as JSON."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False)
                             if isinstance(v, (dict, list)) else v for k, v in row.items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@router.get("/overview")
def overview(db: DB) -> dict[str, Any]:
    """Counts, the most active actor pairs, the events of the latest articles and the most
    quoted speakers."""
    counts = db.overview_counts()
    return {"counts": counts,
            "pairs": top_pairs(db, Filters(), 10),
            "events": recent_events(db, counts.get("last_published")),
            "speakers": db.speakers(10)}


RECENT_WINDOW_DAYS = 90


def recent_events(db: Store, last_published: str | None, limit: int = 10) -> Rows:
    """The events of the most recently published articles first (then the latest dated).

    Ordered by the day they happened, a wrongly resolved date after the article's own ("in
    March" read as next March) would lead the list; ordered by publication, it cannot. The
    candidates are the events dated from RECENT_WINDOW_DAYS before the last publication on
    (so an event the newest article dates ten years back is not among them), and the latest
    before that when the window holds too few."""
    since = None
    if last_published:
        start = dt.date.fromisoformat(last_published[:10]) - dt.timedelta(RECENT_WINDOW_DAYS)
        since = start.isoformat()
    rows = db.events(Filters(since=since, limit=check.MAX_LIMIT).events())
    if since and len(rows) < limit:  # a quiet window: older events fill the list
        seen = {r["id"] for r in rows}
        rows += [r for r in db.events(Filters(until=since, limit=2 * limit).events())
                 if r["id"] not in seen]
    rows.sort(key=lambda r: (r.get("published") or "", r.get("date") or r.get("day") or ""),
              reverse=True)
    return rows[:limit]


@router.get("/articles", responses=LIST)
def articles(db: DB, f: Annotated[Filters, Depends(article_filters)],
             format: Format = "json") -> Response:
    """Articles, newest first; with `search`, each has a snippet around the hits."""
    return listing(db.articles(f.articles()), f, format, "articles")


RECORD_LISTS = ("paragraphs", "entities", "quotes", "timexes", "events")


@router.get("/articles/{article_id:path}", responses={200: {
    "description": "The record (CONTRACT.md), or one of its lists as CSV with format=csv.",
    "content": {"application/json": {"schema": {"type": "object"}}, **CSV}}})
def article(db: DB, article_id: str, format: Format = "json",
            kind: Annotated[str | None, Query(description="With format=csv: which list, one "
                                              "of " + ", ".join(RECORD_LISTS) + ".")] = None
            ) -> Response:
    """One article's stored record (CONTRACT.md), with `actors`: entity id → actor id."""
    found = db.record_with_actors(article_id)
    if found is None:
        return JSONResponse({"error": f"no article with id {article_id!r}"}, status_code=404)
    if format == "csv":
        if kind not in RECORD_LISTS:
            raise FilterError(f"'kind' is {kind!r}; with format=csv give the list to download, "
                              f"one of {', '.join(RECORD_LISTS)}")
        return csv_response(found[kind], f"{kind}")
    return JSONResponse(found)


@router.get("/quotes", responses=LIST)
def quotes(db: DB, f: Annotated[Filters, Depends(quote_filters)],
           mentions: Annotated[bool, Query(description="Every quote (each occurrence in an "
                                           "article, newest article first) instead of the "
                                           "quotations.")] = False,
           format: Format = "json") -> Response:
    """Quotations across articles — the same words by the same speaker once, with the
    articles reporting them (`occurrences`) and `first_seen` — newest first; with
    `mentions=true`, every quote (repeats inside an article left out)."""
    if mentions:
        return listing(db.quotes(f.quotes()), f, format, "quotes")
    return listing(db.quotations(f.quotes()), f, format, "quotations")


@router.get("/events", responses=LIST)
def events(db: DB, f: Annotated[Filters, Depends(event_filters)],
           format: Format = "json") -> Response:
    """Events merged across articles, most recent first (or most mentioned, or reported by
    most sources: `sort`), with mention, article and source counts and the first mention's
    evidence sentence; the JSON gives the `total` of every page."""
    return listing(db.events(f.events()), f, format, "events",
                   lambda: db.event_count(f.events()))


@router.get("/entities", responses=LIST)
def entities(db: DB, name: Text = None,
             type: Annotated[str | None, Query(description="PERSON, ORG, GPE, NORP, …",
                                               max_length=12)] = None,
             country: Annotated[str | None, Query(description="Country code.",
                                                  max_length=12)] = None,
             limit: Limit = 50, offset: Offset = 0, format: Format = "json") -> Response:
    """People, organisations and places merged across articles (actors), most mentioned
    first; `name` matches any alias."""
    kind = check.text(type, "type")
    if kind and not kind.isalpha():
        raise FilterError(f"'type' is {type!r}, expected an entity label such as PERSON or GPE")
    f = Filters(name=check.text(name, "name"), entity_type=kind.upper() if kind else None,
                country=check.code(country, "country"), limit=limit, offset=offset)
    return listing(db.actors(f.actors()), f, format, "entities")


@router.get("/speakers", responses=LIST)
def speakers(db: DB, limit: Limit = 10, format: Format = "json") -> Response:
    """The most quoted speakers."""
    f = Filters(limit=limit)
    return listing(db.speakers(limit), f, format, "speakers")


Level = Annotated[str, Query(description="actor: actor codes (LBYGOV and LBYREB apart); "
                                          "country: their countries (LBY).", max_length=7)]


@router.get("/pairs", responses=LIST)
def pairs(db: DB, type: Type = None, min_confidence: MinConfidence = None,
          since: Since = None, until: Until = None, limit: Limit = 20,
          level: Level = "actor", format: Format = "json") -> Response:
    """The actor pairs (actor codes: country and sector, or organisation codes; or their
    countries) with the most events, either way round, with events by type and their mean
    PLOVER cooperation–conflict score."""
    first, last = check.period(since, until)
    f = Filters(type=check.choice(type, "type", check.PLOVER_TYPES, upper=True),
                min_confidence=check.probability(min_confidence, "min_confidence"),
                since=first, until=last, limit=limit)
    return listing(top_pairs(db, f, limit + 1, _level(level)), f, format, "pairs")


def _level(value: str) -> str:
    return check.choice(value, "level", charts.LEVELS) or "actor"


def top_pairs(db: Store, f: Filters, limit: int, level: str = "actor") -> Rows:
    """Remembered until the store changes: it reads every merged event of the period."""
    found: Rows = db.cached(
        ("pairs", f, limit, level),
        lambda: charts.top_pairs(db.side_pairs(f.events()), limit, level))
    return found


@router.get("/timeline")
def timeline(db: DB, f: Annotated[Filters, Depends(event_filters)],
             bucket: Annotated[str, Query(description="auto, day, month or year.",
                                          max_length=5)] = "auto",
             scale: Annotated[str, Query(description="Score scale: plover (PLOVER 2.0 scores "
                                         "by type and mode) or goldstein (CAMEO codes).",
                                         max_length=10)] = "plover",
             quotes_of: Annotated[str | None, Query(description="Also count the quotes of "
                                                    "this speaker country code.",
                                                    max_length=12)] = None) -> dict[str, Any]:
    """Events per period by PLOVER type, and the mean cooperation–conflict score per period
    (−10 conflict … +10 cooperation), for the same filters as /api/events."""
    unit = check.choice(bucket, "bucket", check.BUCKETS) or "auto"
    chosen = check.choice(scale, "scale", SCALES) or "plover"
    speaker = check.code(quotes_of, "quotes_of")
    quoted = Filters(speaker_country=speaker, since=f.since, until=f.until) if speaker else None
    return timeline_of(db, f.page(0), unit, chosen, quoted)


def timeline_of(db: Store, f: Filters, bucket: str = "auto", scale: str = "plover",
                quoted: Filters | None = None) -> dict[str, Any]:
    """The timeline of the events matching ``f`` (and of the quotes matching ``quoted``);
    remembered until the store changes."""
    def compute() -> dict[str, Any]:
        days = db.quote_days(quoted.quotes()) if quoted else None
        return charts.timeline(db.event_points(f.events()), bucket, scale, days)
    found: dict[str, Any] = db.cached(("timeline", f.page(0), bucket, scale, quoted), compute)
    return found


@router.get("/network", responses={200: {
    "description": "Nodes and links, or the links as CSV with format=csv.",
    "content": {"application/json": {"schema": {"type": "object"}}, **CSV}}})
def network(db: DB, type: Type = None, status: Status = None,
            min_confidence: MinConfidence = None, since: Since = None, until: Until = None,
            nodes: Annotated[int, Query(ge=2, le=150, description="Most connected actors "
                                        "kept.")] = 60,
            level: Level = "actor", format: Format = "json") -> Response:
    """Actors (actor codes, or their countries) linked by events, laid out; CSV gives the
    links."""
    first, last = check.period(since, until)
    f = Filters(type=check.choice(type, "type", check.PLOVER_TYPES, upper=True),
                status=check.choice(status, "status", check.STATUSES),
                min_confidence=check.probability(min_confidence, "min_confidence"),
                since=first, until=last)
    graph = named_network(db, f, nodes, _level(level))
    if format == "csv":
        return csv_response(graph["edges"], "network")
    return JSONResponse(graph)


def named_network(db: Store, f: Filters, nodes: int, level: str = "actor") -> dict[str, Any]:
    found: dict[str, Any] = db.cached(("network", f, nodes, level),
                                      lambda: _network(db, f, nodes, level))
    return found


def _network(db: Store, f: Filters, nodes: int, level: str) -> dict[str, Any]:
    graph = charts.network(db.side_pairs(f.events()), nodes, level=level)
    codes = [n["id"] for n in graph["nodes"] if n["code"]]
    names = db.country_names(sorted({split_code(c)[0] for c in codes}))
    for node in graph["nodes"]:
        node["name"] = code_label(node["id"], names) if node["code"] else None
    return graph


@router.get("/actors/{key}", responses=OBJECT)
def actor(db: DB, key: str) -> Response:
    """An actor: a country or organisation code (USA, IGOUNO) or a cross-article actor id,
    with the number of its events and quotes."""
    return JSONResponse(actor_profile(db, key))


def actor_profile(db: Store, key: str) -> dict[str, Any]:
    """``{"kind": "code"|"actor", …}``; raises FilterError or LookupError."""
    found = check.actor_key(key)
    if isinstance(found, str):
        country = split_code(found)[0]
        name = db.country_names([country]).get(country)
        return {"kind": "code", "code": found,
                "name": code_label(found, {country: name}) if name else None}
    profile = db.actor(found) if found <= check.MAX_ID else None
    if profile is None:
        shown = key if len(key) <= 40 else key[:40] + "…"
        raise LookupError(f"no actor with id {shown}")
    return {"kind": "actor", **profile}


@router.get("/codes", responses=LIST)
def codes(q: Annotated[str | None, Query(
        description="A code (RETREAT, RETREAT:resign, 08, 0831: the code and what it covers) "
                    "or words of a code's name; none lists every code.",
        max_length=check.MAX_TEXT)] = None, format: Format = "json") -> Response:
    """PLOVER types, modes and contexts and CAMEO event codes with their names."""
    rows = [asdict(c) for c in find_codes(q)]
    if format == "csv":
        return csv_response(rows, "codes")
    return JSONResponse({"items": rows, "limit": len(rows), "offset": 0, "next_offset": None})


@router.get("/codes/{code}", responses=OBJECT)
def code(code: str) -> Response:
    """One code with its name, and the codes it covers (a type's modes and CAMEO codes, a
    CAMEO code's sub-codes); 404 for an unknown code."""
    found = code_of(code)
    if found is None:
        raise LookupError(f"no PLOVER or CAMEO code {code!r}; /api/codes lists them")
    return JSONResponse({**asdict(found), "label": found.label(),
                         "covers": [asdict(c) for c in children(found)]})
