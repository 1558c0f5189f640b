"""The filters a page or API call may give, validated before any SQL sees them.

Every value is checked here and turned into a typed :class:`Filters`; a bad one raises
:class:`FilterError`, which the app answers with 400 and the message. Values reach SQL only as
bound parameters (store/sql/reader.py); nothing here builds SQL text.
"""

from __future__ import annotations

import builtins
import datetime as dt
import math
import re
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from dragoman.corpus.actors import name_key
from dragoman.errors import InputError
from dragoman.store.queries import ActorQuery, ArticleQuery, EventQuery, QuoteQuery

Q = TypeVar("Q", ArticleQuery, QuoteQuery, EventQuery, ActorQuery)

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
STATUSES = ("occurred", "planned", "hypothetical", "negated")
BUCKETS = ("auto", "day", "month", "year")
MAX_LIMIT = 1000        # rows per page, JSON or CSV
MAX_OFFSET = 10_000     # deeper paging costs a scan: narrow the filters instead
MAX_TEXT = 200          # characters of a search or name filter
MAX_TERMS = 12          # words of a full-text search
CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3}){0,3}")   # ISO-3, or a CAMEO organisation (IGOUNO)
MAX_ID = 2**63 - 1      # SQLite's largest integer: no stored id is above it
ID = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() admits '²' and '٣'


class FilterError(InputError):
    """A filter value is not acceptable; the message says which and what is expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind="filter")


@dataclass(frozen=True)
class Filters:
    search: str | None = None           # full-text words
    speaker: str | None = None          # part of a speaker's name or alias
    speaker_actor: int | None = None    # a cross-article actor's id
    speaker_country: str | None = None
    about: str | None = None            # quotes mentioning an entity of this country
    actor: str | None = None            # a side: country code or name (side text)
    recipient: str | None = None
    party: str | None = None            # either side
    actor_id: int | None = None         # events with this cross-article actor on a side
    between: tuple[str, str] | None = None
    type: str | None = None
    status: str | None = None
    source: str | None = None
    name: str | None = None
    entity_type: str | None = None
    country: str | None = None
    min_confidence: float | None = None  # events of at least this confidence
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0

    def page(self, limit: int, offset: int = 0) -> Filters:
        return replace(self, limit=limit, offset=offset)

    def query(self, kind: builtins.type[Q]) -> Q:
        """The store's query object of ``kind`` with these filters, asking for one row more
        than the page holds so the caller can tell whether another page follows."""
        values: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(kind)
                                  if hasattr(self, f.name)}
        if kind is ActorQuery:
            values["type"] = self.entity_type
        values["limit"] = self.limit + 1
        return kind(**values)

    def articles(self) -> ArticleQuery:
        return self.query(ArticleQuery)

    def quotes(self) -> QuoteQuery:
        return self.query(QuoteQuery)

    def events(self) -> EventQuery:
        return self.query(EventQuery)

    def actors(self) -> ActorQuery:
        return self.query(ActorQuery)


def day(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad()
    except ValueError:
        raise FilterError(f"'{name}' is {value!r}, expected a date YYYY-MM-DD "
                          "(e.g. 2021-03-10)") from None


def _bad() -> str:
    raise ValueError


def text(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise FilterError(f"'{name}' is {len(value)} characters long, at most {MAX_TEXT} "
                          "are accepted")
    if any(ord(c) < 32 for c in value):
        raise FilterError(f"'{name}' contains control characters; give plain text")
    return value.strip()


def search(value: str | None) -> str | None:
    value = text(value, "search")
    if value and not [w for w in value.split() if w.strip('"')]:
        return None
    if value and len(value.split()) > MAX_TERMS:
        raise FilterError(f"'search' has {len(value.split())} words, at most {MAX_TERMS} are "
                          "accepted; every word must occur, so a few distinctive ones suffice")
    return value


def code(value: str | None, name: str) -> str | None:
    """A country or organisation code: ISO-3 (``USA``) or CAMEO (``IGOUNO``), any case."""
    value = text(value, name)
    if value is None:
        return None
    if not CODE.fullmatch(value.upper()):
        raise FilterError(f"'{name}' is {value!r}, expected a country code such as USA or "
                          "CHN (ISO 3166 alpha-3) or a CAMEO organisation code such as IGOUNO")
    return value.upper()


def actor_key(value: str) -> int | str:
    """An actor page's key: a cross-article actor id (ASCII digits) or a country code."""
    if ID.fullmatch(value):
        digits = value.lstrip("0") or "0"
        return int(digits) if len(digits) <= 19 else MAX_ID + 1  # no id is above MAX_ID
    found = code(value, "actor")
    if found is None:
        raise FilterError("'actor' is empty, expected a country code such as USA or an "
                          "actor id such as 17")
    return found


def side(value: str | None, name: str) -> str | None:
    """An event side as stored: a country code, else the key of a name (events.py ``side``)."""
    value = text(value, name)
    if value is None:
        return None
    if re.fullmatch(r"[A-Za-z]{3}", value) or CODE.fullmatch(value):
        return value.upper()
    key = name_key(value)
    if not key:
        raise FilterError(f"'{name}' is {value!r}, expected a country code (USA) or a name")
    return key


def pair(value: str | None, name: str = "between") -> tuple[str, str] | None:
    value = text(value, name)
    if value is None:
        return None
    parts = [p for p in re.split(r"[,\s]+", value) if p]
    codes = tuple(code(p, name) for p in parts)
    if len(codes) != 2 or codes[0] == codes[1]:
        raise FilterError(f"'{name}' is {value!r}, expected two different country codes "
                          "separated by a comma, e.g. USA,CHN")
    return codes[0] or "", codes[1] or ""


def choice(value: str | None, name: str, choices: tuple[str, ...],
           upper: bool = False) -> str | None:
    if value is None or value == "":
        return None
    normal = value.strip().upper() if upper else value.strip().lower()
    if normal not in choices:
        raise FilterError(f"'{name}' is {value!r}, expected one of {', '.join(choices)}")
    return normal


def number(value: int | None, name: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if not low <= value <= high:
        raise FilterError(f"'{name}' is {value}, expected a whole number from {low} to {high}"
                          + ("; narrow the filters to see further" if name == "offset" else ""))
    return value


def probability(value: str | None, name: str) -> float | None:
    """A number from 0 to 1 (``0.6``); 0 filters nothing, so it is None like no value."""
    if value is None or not value.strip():
        return None
    try:
        found = float(value)
    except ValueError:
        found = math.nan
    if not 0.0 <= found <= 1.0:  # also NaN, which compares false
        raise FilterError(f"'{name}' is {value!r}, expected a number from 0 to 1 "
                          "(e.g. 0.6)")
    return found or None


def period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    first, last = day(since, "since"), day(until, "until")
    if first and last and first > last:
        raise FilterError(f"'since' ({first}) is after 'until' ({last}); swap them")
    return first, last


def day_number(value: str) -> int:
    """A date as the day numbers the store keeps for events (Python's date ordinal)."""
    return dt.date.fromisoformat(value).toordinal()
