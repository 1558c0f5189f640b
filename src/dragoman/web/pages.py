"""The HTML pages. Each shows what one or more API calls give and links to them (JSON, CSV).

Overview ``/``, Search ``/search``, Events ``/events``, Article ``/article/ID``, Actor pair
``/pair/USA/CHN``,
Actor ``/actor/USA`` or ``/actor/17``, Network ``/network``, Codes ``/codes`` and
``/codes/0831``, API docs ``/api/docs``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from dragoman.knowledge.actor_codes import code_label, split_code
from dragoman.knowledge.codes import KINDS, children, code_of, find_codes
from dragoman.knowledge.scores import SCALES
from dragoman.store.sql.reader import HIT_END, HIT_START
from dragoman.web import annotate, charts
from dragoman.web import filters as check
from dragoman.web.api import (
    DB,
    actor_profile,
    article_filters,
    event_filters,
    named_network,
    page_of,
    recent_events,
    timeline_of,
    top_pairs,
)
from dragoman.web.filters import Filters

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
PageNumber = Annotated[int, Query(ge=1, le=check.MAX_OFFSET // PAGE_SIZE)]


def link(path: str, **params: Any) -> str:
    """``path?a=1&b=2`` with the parameters that are set."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


def snippet(text: str | None) -> Markup:
    """A search snippet with its hit markers as <mark>, everything else escaped."""
    safe = str(escape(text or ""))
    return Markup(safe.replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    context.setdefault("query", dict(request.query_params))
    return request.app.state.templates.TemplateResponse(
        request, name, context)


def _chart(data: Any) -> Markup:
    """JSON for a <script type="application/json"> block ('<' escaped so it cannot close it)."""
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


@router.get("/")
def overview(request: Request, db: DB) -> HTMLResponse:
    return render(request, "overview.html",
                  counts=db.overview_counts(),
                  pairs=top_pairs(db, Filters(), 10),
                  events=recent_events(db, db.overview_counts().get("last_published")),
                  speakers=db.speakers(10),
                  entities=db.actors(Filters(limit=10).actors())[:10])


@router.get("/search")
def search(request: Request, db: DB, f: Annotated[Filters, Depends(article_filters)],
           q: Annotated[str | None, Query(max_length=check.MAX_TEXT)] = None,
           show: Annotated[str, Query(pattern="^(articles|quotes)$")] = "articles",
           page: PageNumber = 1) -> HTMLResponse:
    """Full text over articles or quotes; ``q`` is the search box (``search`` also works)."""
    f = Filters(**{**f.__dict__, "search": check.search(q) or f.search}).page(
        PAGE_SIZE, (page - 1) * PAGE_SIZE)
    params = {"search": f.search, "source": f.source, "since": f.since, "until": f.until}
    if show == "quotes":
        coded = f.actor if f.actor and check.CODE.fullmatch(f.actor) else None
        qf = Filters(search=f.search, source=f.source, since=f.since, until=f.until,
                     speaker_country=coded, speaker=None if coded else f.actor,
                     limit=f.limit, offset=f.offset)
        rows, more = page_of(db.quotations(qf.quotes()), qf)
        api = link("/api/quotes", **params, speaker_country=coded,
                   speaker=None if coded else f.actor, all="true",
                   limit=f.limit, offset=f.offset)
    else:
        rows, more = page_of(db.articles(f.articles()), f)
        api = link("/api/articles", **params, actor=f.actor, type=f.type, limit=f.limit,
                   offset=f.offset)
    query = {**params, "q": f.search, "actor": request.query_params.get("actor"),
             "type": f.type, "show": show}
    query.pop("search")
    return render(request, "search.html", rows=rows, more=more, page=page, show=show,
                  query=query, api=api, csv=api + "&format=csv" if "?" in api else
                  api + "?format=csv")


@router.get("/events")
def events(request: Request, db: DB, f: Annotated[Filters, Depends(event_filters)],
           page: PageNumber = 1) -> HTMLResponse:
    """Events merged across articles, searched by every event filter and sorted; the total,
    the evidence sentence of each, and the same rows as JSON or CSV from /api/events."""
    ef = f.page(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    rows, more = page_of(db.events(ef.events()), ef)
    total = db.event_count(ef.events())
    given = {name: request.query_params.get(name) for name in EVENT_PARAMS}
    shown = {**given, "min_confidence": f.min_confidence, "sort": f.sort, "cameo": f.cameo,
             "type": f.type, "status": f.status, "since": f.since, "until": f.until}
    params = {**shown, "sort": None if f.sort == "date" else f.sort}
    return render(request, "events.html", events=rows, more=more, page=page, total=total,
                  filters=shown, query={**params, "page": page},
                  first=ef.offset + 1, sorts=check.EVENT_SORTS,
                  api=link("/api/events", **params, limit=PAGE_SIZE, offset=ef.offset),
                  csv=link("/api/events", **params, limit=check.MAX_LIMIT, format="csv"))


# The /events form's text fields, shown back as typed (the checked values are names' keys).
EVENT_PARAMS = ("actor", "recipient", "between", "source")


@router.get("/article/{article_id:path}")
def article(request: Request, db: DB, article_id: str) -> HTMLResponse:
    record = db.record_with_actors(article_id)
    if record is None:
        raise LookupError(f"no article with id {article_id!r}")
    return render(request, "article.html", record=record, text=annotate.render(record),
                  api=link(f"/api/articles/{article_id}"))


@router.get("/pair")
def pair_form(a: Annotated[str, Query(max_length=200)],
              b: Annotated[str, Query(max_length=200)]) -> Response:
    first, second = _pair_of(a, b)
    return RedirectResponse(f"/pair/{quote(first, safe='')}/{quote(second, safe='')}",
                            status_code=303)


def _pair_of(a: str, b: str) -> tuple[str, str]:
    """Two sides as typed: actor codes (LBYGOV, USA) or names (the store resolves them)."""
    found = check.sides((a, b), "pair")
    assert found is not None
    return a.strip().upper() if check.is_code(found[0]) else a.strip(), \
        b.strip().upper() if check.is_code(found[1]) else b.strip()


@router.get("/pair/{a}/{b}")
def pair(request: Request, db: DB, a: str, b: str,
         f: Annotated[Filters, Depends(event_filters)],
         bucket: Annotated[str, Query(max_length=5)] = "auto",
         scale: Annotated[str, Query(max_length=10)] = "plover",
         page: PageNumber = 1) -> HTMLResponse:
    """Two sides' events, A→B and B→A apart (directed pairs, as ICEWS and POLECAT analysts
    read them) and those they do together (CONSULT, COOPERATE, AGREE: no direction), their
    timeline, and what each said about the other."""
    a, b = _pair_of(a, b)
    codes = check.sides((a, b), "pair")
    assert codes is not None
    unit = check.choice(bucket, "bucket", check.BUCKETS) or "auto"
    chosen = check.choice(scale, "scale", SCALES) or "plover"
    both = Filters(between=codes, type=f.type, status=f.status,
                   min_confidence=f.min_confidence, since=f.since, until=f.until,
                   limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    forth = replace(both, directed=True, joint=False)
    back = replace(forth, between=(codes[1], codes[0]))
    together = replace(both, joint=True)
    events, more = page_of(db.events(forth.events()), forth)
    events_back, more_back = page_of(db.events(back.events()), back)
    events_together, more_together = page_of(db.events(together.events()), together)
    countries = _quote_countries(codes)
    qf = Filters(between=countries, since=f.since, until=f.until, limit=PAGE_SIZE)
    quotes, more_quotes = page_of(db.quotations(qf.quotes()), qf) if countries else ([], False)
    common = {"type": f.type, "status": f.status, "min_confidence": f.min_confidence,
              "since": f.since, "until": f.until}
    between = f"{a},{b}"
    series = timeline_of(db, both, unit, chosen)
    names = db.country_names(sorted({split_code(c)[0] for c in codes if check.is_code(c)}))
    return render(
        request, "pair.html", a=a, b=b,
        labels={side: code_label(side, names) if check.is_code(code) else side
                for side, code in zip((a, b), codes, strict=True)},
        chart=_chart(series), outside=series.get("outside", 0),
        events=events, events_back=events_back, events_together=events_together,
        more=more or more_back or more_together, page=page,
        quotes=quotes, more_quotes=more_quotes, quote_countries=countries,
        bucket=series["bucket"], scale=chosen, filters=common,
        api={"timeline": link("/api/timeline", between=between, bucket=unit, scale=chosen,
                              **common),
             "events": link("/api/events", between=between, directed="true", joint="false",
                            limit=PAGE_SIZE, offset=forth.offset, **common),
             "events_back": link("/api/events", between=f"{b},{a}", directed="true",
                                 joint="false", limit=PAGE_SIZE, offset=forth.offset,
                                 **common),
             "events_together": link("/api/events", between=between, joint="true",
                                     limit=PAGE_SIZE, offset=forth.offset, **common),
             "quotes": link("/api/quotes", between=",".join(countries or ()),
                            since=f.since, until=f.until, all="true",
                            limit=PAGE_SIZE)})


def _quote_countries(codes: tuple[str, str]) -> tuple[str, str] | None:
    """The countries whose quotes about each other the pair page shows: the two sides'
    countries when both are codes of two different countries (quotes know the speaker's
    country and the countries named, not yet sectors)."""
    if not all(check.is_code(c) for c in codes):
        return None
    first, second = (split_code(c)[0] for c in codes)
    return (first, second) if first != second else None


@router.get("/actor/{key}")
def actor(request: Request, db: DB, key: str,
          f: Annotated[Filters, Depends(event_filters)], page: PageNumber = 1) -> HTMLResponse:
    profile = actor_profile(db, key)
    by_id = profile["kind"] == "actor"
    offset = (page - 1) * PAGE_SIZE
    period = Filters(since=f.since, until=f.until)
    if by_id:
        side: dict[str, Any] = {"actor_id": profile["id"]}
        speaker: dict[str, Any] = {"speaker_actor": profile["id"]}
        qf = replace(period, speaker_actor=profile["id"])
        ef = replace(period, actor_id=profile["id"])
    else:
        side, speaker = {"party": profile["code"]}, {"speaker_country": profile["code"]}
        qf = replace(period, speaker_country=profile["code"])
        ef = replace(period, party=profile["code"])
    ef = replace(ef, type=f.type, status=f.status, min_confidence=f.min_confidence)
    chart = timeline_of(db, ef, quoted=qf)
    ef, qf = ef.page(PAGE_SIZE, offset), qf.page(PAGE_SIZE, offset)
    events, more = page_of(db.events(ef.events()), ef)
    quotes, more_quotes = page_of(db.quotations(qf.quotes()), qf)
    partners = ([] if by_id else
                [p for p in charts.top_pairs(db.side_pairs(ef.events()), 11,
                                             _level_of(profile["code"]))
                 if profile["code"] in (p["a"], p["b"])][:10])
    period_args = {"since": f.since, "until": f.until}
    common = {"type": f.type, "status": f.status, "min_confidence": f.min_confidence,
              **period_args}
    return render(
        request, "actor.html", profile=profile, events=events, more=more, quotes=quotes,
        more_quotes=more_quotes, page=page, partners=partners, filters=common,
        chart=_chart(chart),
        api={"actor": f"/api/actors/{key}",
             "events": link("/api/events", **side, **common, limit=PAGE_SIZE, offset=offset),
             "quotes": link("/api/quotes", **speaker, **period_args, all="true",
                            limit=PAGE_SIZE,
                            offset=offset),
             "timeline": link("/api/timeline", **side, **common)})


def _level_of(code: str) -> str:
    """A country's partners are countries (LBY's: USA, EGY); an actor's, actors (LBYGOV's:
    LBYREB, USAGOV)."""
    return "actor" if split_code(code)[1] else "country"


@router.get("/network")
def network(request: Request, db: DB, f: Annotated[Filters, Depends(event_filters)],
            nodes: Annotated[int, Query(ge=2, le=150)] = 60,
            level: Annotated[str, Query(max_length=7)] = "actor") -> HTMLResponse:
    nf = Filters(type=f.type, status=f.status, min_confidence=f.min_confidence,
                 since=f.since, until=f.until)
    chosen = check.choice(level, "level", charts.LEVELS) or "actor"
    graph = named_network(db, nf, nodes, chosen)
    common = {"type": f.type, "status": f.status, "min_confidence": f.min_confidence,
              "since": f.since, "until": f.until, "level": chosen}
    return render(request, "network.html", graph=graph, chart=_chart(graph), filters=common,
                  edges=sorted(graph["edges"], key=lambda e: -e["events"])[:30],
                  api=link("/api/network", **common, nodes=nodes))


@router.get("/codes")
def codes(request: Request,
          q: Annotated[str | None, Query(max_length=check.MAX_TEXT)] = None) -> HTMLResponse:
    """Every PLOVER and CAMEO code with its name, or those a query finds."""
    found = find_codes(q)
    return render(request, "codes.html", code=None, found=found, kinds=KINDS,
                  api=link("/api/codes", q=q))


@router.get("/codes/{key}")
def code(request: Request, key: str) -> HTMLResponse:
    """One code: its name, its parent and what it covers."""
    found = code_of(key)
    if found is None:
        raise LookupError(f"no PLOVER or CAMEO code {key!r}; /codes lists them")
    return render(request, "codes.html", code=found, parent=code_of(found.parent or ""),
                  plover=code_of(found.plover or ""), found=children(found), kinds=KINDS,
                  api=link(f"/api/codes/{found.code}"))


@router.get("/api/docs")
def docs(request: Request) -> HTMLResponse:
    """The OpenAPI description rendered as a page (offline: no script, no CDN)."""
    spec = request.app.openapi()
    return render(request, "docs.html", spec=spec)
