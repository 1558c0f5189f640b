"""Frozen records and their CONTRACT JSON (see ../shared/CONTRACT.md, ``"contract": 1``).

Spans are ``(start, end)`` code point offsets into the article text exactly as given.
Stages produce these records; :meth:`Record.to_dict` is the only place that knows the JSON
shape, so `extract`, the store and the API agree on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from dragoman.knowledge.actor_codes import actor_code

CONTRACT_VERSION = 1

Span = tuple[int, int]


@dataclass(frozen=True)
class Article:
    """One input article, as the readers deliver it."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # where it was read from: "file.jsonl:17", "a.txt", "stdin"

    def to_input(self) -> dict[str, Any]:
        """The CONTRACT input line for this article (what a worker receives)."""
        data: dict[str, Any] = {"id": self.id, "text": self.text, "published": self.published}
        for key in ("title", "url", "source"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        data["origin"] = self.origin
        return data


@dataclass(frozen=True)
class Paragraph:
    """A paragraph span, the earlier paragraph it repeats, and its ``zone``: what part of
    the page it is (body, headline, caption, comments, boilerplate)."""

    span: Span
    duplicate_of: int | None = None
    zone: str = "body"

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "duplicate_of": self.duplicate_of, "zone": self.zone}


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place or group, with every mention of it in the article.

    ``name`` is the canonical (longest proper) name; ``title`` the role read from the text
    ("White House press secretary"), ``affiliation`` the organisation kept apart from it;
    ``country`` ISO-3 (or a CAMEO organisation code such as IGOUNO), ``sector`` a CAMEO agent
    code (GOV, MIL, EDU, …); ``gender`` "male"/"female" when the article itself says so.
    """

    id: str
    name: str
    type: str  # spaCy/OntoNotes label: PERSON, ORG, GPE, NORP, LOC, FAC, …
    mentions: tuple[Span, ...]
    title: str | None = None
    affiliation: str | None = None
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    gender: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "title": self.title,
                "affiliation": self.affiliation, "country": self.country,
                "sector": self.sector, "wikidata": self.wikidata, "gender": self.gender,
                "mentions": [list(m) for m in self.mentions]}


class Item(Protocol):
    """Anything a stage adds to a record: it knows its own CONTRACT dict."""

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Record:
    """Everything dragoman found in one article."""

    article: Article
    paragraphs: tuple[Paragraph, ...] = ()
    entities: tuple[Item, ...] = ()
    quotes: tuple[Item, ...] = ()
    timexes: tuple[Item, ...] = ()
    events: tuple[Item, ...] = ()
    failures: tuple[Failure, ...] = ()  # stages that failed on this article
    model: str = ""
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        data: dict[str, Any] = {"contract": CONTRACT_VERSION, "id": a.id, "published": a.published}
        for key in ("title", "url", "source"):
            if getattr(a, key) is not None:
                data[key] = getattr(a, key)
        data["text"] = a.text
        data["paragraphs"] = [p.to_dict() for p in self.paragraphs]
        data["entities"] = [e.to_dict() for e in self.entities]
        data["quotes"] = [q.to_dict() for q in self.quotes]
        data["timexes"] = [t.to_dict() for t in self.timexes]
        data["events"] = [e.to_dict() for e in self.events]
        if self.failures:
            data["errors"] = [f.to_dict() for f in self.failures]
        data["near_duplicate_of"] = None  # set by the corpus pass (corpus/neardup.py)
        data["origin"] = a.origin
        data["dragoman"] = {"version": self.version, "model": self.model}
        return data


@dataclass(frozen=True)
class Failure:
    """An article (or input record) that could not be processed, and why."""

    origin: str
    kind: str  # json, missing_text, published, encoding, empty, too_large, language, stage, …
    message: str
    stage: str = "read"
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "article_id": self.article_id, "kind": self.kind,
                "stage": self.stage, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Failure:
        return cls(origin=data["origin"], kind=data["kind"], message=data["message"],
                   stage=data["stage"], article_id=data.get("article_id"))


@dataclass(frozen=True)
class Timex:
    """A temporal expression with its TIMEX3 type (DATE, TIME, DURATION, SET) and value."""

    span: Span
    type: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "type": self.type, "value": self.value}


@dataclass(frozen=True)
class EventParty:
    """An actor or recipient of an event: the entity behind it (``entity`` is its id, None
    for a party read from a plural reference such as "the two presidents"), its name, ISO-3
    country (or CAMEO organisation code) and CAMEO sector; ``code`` is its CAMEO-style actor
    code, country then sector (``LBYREB``; knowledge/actor_codes.py)."""

    name: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None

    @property
    def code(self) -> str | None:
        return actor_code(self.country, self.sector)

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name, "country": self.country,
                "sector": self.sector, "code": self.code}


@dataclass(frozen=True)
class Event:
    """Who did what to whom: a PLOVER 2.0 event with its closest CAMEO code (a string,
    ``"036"``), status (occurred, planned, hypothetical, negated), date (``YYYY-MM-DD`` or
    ``YYYY-MM-DD/YYYY-MM-DD``), location and the evidence span; ``mentions`` are further
    spans that report the same event; ``claimed_by`` the speaker whose statement the event
    was read from ("Iran said Israel attacked …": Iran claims it), empty when the text
    states it."""

    event: str
    cameo: str
    evidence: Span
    mode: str | None = None
    context: tuple[str, ...] = ()
    actors: tuple[EventParty, ...] = ()
    recipients: tuple[EventParty, ...] = ()
    status: str = "occurred"
    date: str | None = None
    location: tuple[str, str | None] | None = None  # (name, country)
    claimed_by: tuple[EventParty, ...] = ()  # who says so, when read from reported speech
    mentions: tuple[Span, ...] = ()
    confidence: float | None = None  # calibrated P(type and both sides' countries right)
    # what the parse showed of the reading (trigger a noun, background clause, …): read by
    # the confidence model, not part of the record's JSON
    signals: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        location = None
        if self.location is not None:
            location = {"name": self.location[0], "country": self.location[1]}
        return {"event": self.event, "mode": self.mode, "context": list(self.context),
                "cameo": self.cameo, "actors": [a.to_dict() for a in self.actors],
                "recipients": [r.to_dict() for r in self.recipients], "status": self.status,
                "date": self.date, "location": location, "evidence": list(self.evidence),
                "claimed_by": [p.to_dict() for p in self.claimed_by],
                "mentions": [list(m) for m in self.mentions], "confidence": self.confidence}


def confident(confidence: float | None, minimum: float) -> bool:
    """Whether an event with ``confidence`` is kept at ``event_min_confidence`` ``minimum``:
    its confidence is at least the minimum. An event without one (None: not scored) is kept
    only when the minimum is 0, so any threshold keeps scored events alone. The store's
    filters (``--min-confidence``, ``min_confidence``) mean the same."""
    if minimum <= 0:
        return True
    return confidence is not None and confidence >= minimum


def confident_events(record: dict[str, Any], minimum: float) -> dict[str, Any]:
    """A CONTRACT record dict with only the events :func:`confident` keeps (for records
    made earlier, e.g. the predictions `dragoman eval` scores)."""
    if minimum <= 0:
        return record
    kept = [e for e in record.get("events", []) if confident(e.get("confidence"), minimum)]
    return {**record, "events": kept}


@dataclass(frozen=True)
class Speaker:
    """Who said a quote: the entity (id and canonical name) and the mention as written ("she",
    "the press secretary", "Psaki"). ``name`` is also set for a speaker the text names only
    by a description ("Kyrgyzstan's defence ministry", "Syrian government"); ``country``
    (ISO-3 or a CAMEO organisation code) and ``sector`` (CAMEO agent code) when the text or
    knowledge gives them, and ``code`` the actor code made of them (``SYRGOV``);
    ``description`` ("a diplomat") when the text names no one. All None when the text does
    not say."""

    entity: str | None = None
    name: str | None = None
    span: Span | None = None
    country: str | None = None
    sector: str | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name,
                "span": list(self.span) if self.span else None, "country": self.country,
                "sector": self.sector, "code": self.code, "description": self.description}

    @property
    def code(self) -> str | None:
        return actor_code(self.country, self.sector)


@dataclass(frozen=True)
class Quote:
    """A direct, indirect or mixed quotation. ``content`` is inside the quotation marks for a
    direct quote; ``cue`` the verb or phrase that reports it ("said", "according to");
    ``date`` the day (or interval) the words were said when the text says so;
    ``duplicate_of`` the index of the same quote reported earlier (a repeated paragraph)."""

    content: Span
    kind: str  # direct, indirect, mixed
    cue: Span | None = None
    speaker: Speaker = Speaker()
    date: str | None = None
    duplicate_of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"content": list(self.content), "kind": self.kind,
                "cue": list(self.cue) if self.cue else None,
                "speaker": self.speaker.to_dict(), "date": self.date,
                "duplicate_of": self.duplicate_of}
