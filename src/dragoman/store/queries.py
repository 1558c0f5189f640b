"""Backend-neutral query objects: what the CLI, the JSON API, the web pages and the exports
ask a store for.

Each is a frozen dataclass of values already checked by the functions at the end of this
module (the CLI and the API check what users type with them, so a filter means the same in
both); a store turns it into SQL of its dialect (``store/sql/reader.py``). A bad value raises
:class:`FilterError` naming the filter and what is expected. ``limit`` and
``offset`` page the rows; a store gives back at most ``limit`` rows (100 unless asked).

Event sides (``actor``, ``recipient``, ``party``, ``between``) are stored as ``|``-joined
sorted CAMEO-style actor codes (``LBYREB``; knowledge/actor_codes.py), or name keys where a
party's country is unknown (``corpus/events.py`` ``side``). A side filter is a code, which
covers every code it begins (``LBY``: LBY, LBYGOV, LBYREB; ``LBYREB``: the rebels), or the
key of a name, which the store resolves through the cross-article actors (a state's name
to its code, "Britain" to GBR; a person's or organisation's to the events it is a party
of). A joint type (CONSULT, COOPERATE, AGREE) matches actor and recipient either way round,
as event merging does; ``between`` matches either way round unless ``directed``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dragoman.corpus.actors import name_key
from dragoman.errors import InputError
from dragoman.knowledge.actor_codes import SECTOR_NAMES

# -- what a filter may be: every value is checked here, by the CLI and the API alike ---------


PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
STATUSES = ("occurred", "planned", "hypothetical", "negated")
BUCKETS = ("auto", "day", "month", "year")
EVENT_SORTS = ("date", "mentions", "sources")  # each most first; ties newest first
CAMEO_PREFIX = re.compile(r"[0-9]{1,4}")
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
class ArticleQuery:
    search: str | None = None       # full-text words, all required
    source: str | None = None       # the article's source, exactly
    actor: str | None = None        # a country code an entity has, or part of an actor alias
    type: str | None = None         # articles with an event of this PLOVER type
    since: str | None = None        # YYYY-MM-DD, on the published date
    until: str | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class QuoteQuery:
    speaker: str | None = None          # part of the speaker's name or of an actor alias
    search: str | None = None           # full-text words, all required
    speaker_actor: int | None = None    # the speaker's cross-article actor id
    speaker_country: str | None = None  # the speaker's country code
    about: str | None = None            # an entity of this country is named in the quote
    between: tuple[str, str] | None = None  # a speaker of either country about the other
    source: str | None = None
    since: str | None = None            # on the quote's date, else the article's
    until: str | None = None
    named_only: bool = False            # leave out quotes without a speaker (name or country)
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class EventQuery:
    actor: str | None = None            # actor side: a country code or a name key
    recipient: str | None = None
    party: str | None = None            # either side
    between: tuple[str, str] | None = None  # the two sides, either way round
    directed: bool = False              # between: the first side acts, the second receives
    joint: bool | None = None           # only joint types (True), only one-way types (False)
    actor_id: int | None = None         # a cross-article actor on a side
    type: str | None = None             # PLOVER type
    status: str | None = None           # a mention has this status
    source: str | None = None           # a mention is in an article of this source
    min_confidence: float | None = None  # the merged event's (its best mention's)
    since: str | None = None            # the event's days overlap the period
    until: str | None = None
    cameo: str | None = None            # a mention's CAMEO code starts with these digits
    sort: str = "date"                  # one of EVENT_SORTS
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class ActorQuery:
    name: str | None = None             # part of any alias
    type: str | None = None             # PERSON, ORG, GPE, …
    country: str | None = None
    limit: int = 100
    offset: int = 0


# -- checking what users type (CLI flags, API parameters) -----------------------------------
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
    """An event side filter: an actor code (``LBY``, ``LBYREB``, ``IGOUNO``; three letters or
    a country and sector in any case, other codes in capitals, so "France" is a name), else
    the key of a name."""
    value = text(value, name)
    if value is None:
        return None
    if re.fullmatch(r"[A-Za-z]{3}", value) or CODE.fullmatch(value) or _sector_code(value):
        return value.upper()
    key = name_key(value)
    if not key:
        raise FilterError(f"'{name}' is {value!r}, expected an actor code (LBY, LBYREB) or "
                          "a name")
    return key


def _sector_code(value: str) -> bool:
    """A country and sector code typed in any case (``lbygov``): six letters ending in a
    CAMEO sector; no country's name does."""
    return bool(re.fullmatch(r"[A-Za-z]{6}", value)) and value[3:].upper() in SECTOR_NAMES


def is_code(value: str) -> bool:
    """Whether a checked side filter is an actor code (else it is a name key)."""
    return bool(CODE.fullmatch(value))


def sides(value: str | Sequence[str] | None, name: str = "between") -> tuple[str, str] | None:
    """Two event sides: two values (the CLI's ``--between A B``), or one text with the two
    separated by a comma (``LBYGOV,LBYREB``, ``Hillary Clinton,Libya``; codes alone may be
    separated by a space, ``USA CHN``)."""
    if value is None or isinstance(value, str):
        given = text(value, name)
        if given is None:
            return None
        parts = given.split(",") if "," in given else given.split()
    else:
        parts = list(value)
    found = [side(p, name) for p in parts]
    if len(found) != 2 or None in found or found[0] == found[1]:
        raise FilterError(f"'{name}' is {value!r}, expected two different actor codes or "
                          "names, e.g. LBYGOV,LBYREB or USA,Hillary Clinton")
    return found[0] or "", found[1] or ""


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


def cameo_prefix(value: str | None, name: str = "cameo") -> str | None:
    """The first digits of a CAMEO event code: ``19`` (fight) finds 190 to 1956."""
    value = text(value, name)
    if value is None:
        return None
    if not CAMEO_PREFIX.fullmatch(value):
        raise FilterError(f"'{name}' is {value!r}, expected the first 1 to 4 digits of a "
                          "CAMEO event code, e.g. 19 or 0831 (`dragoman codes` lists them)")
    return value


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
