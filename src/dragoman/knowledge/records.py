"""What the knowledge lookups return: frozen records, and the date rules of office terms."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from dragoman.knowledge.keys import bound, key

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")

# Open-ended terms are vouched for only up to the date their source was made: the Phoenix
# dictionaries were generated on 2014-01-30 (Phoenix.Countries.actors.txt header).
SOURCE_HORIZON = {"phoenix": "2014-01-30"}


def as_date(on: dt.date | str | None) -> str | None:
    """``on`` as ``YYYY-MM-DD`` (a datetime or a longer ISO string is cut to its day, a bare
    year or month means its first day); None stays None."""
    if on is None:
        return None
    if isinstance(on, dt.date):
        return on.isoformat()[:10]
    match = _ISO.match(on.strip())
    if not match:
        raise ValueError(f"date {on!r} is not ISO 8601: expected YYYY-MM-DD")
    return bound(match.group(0), end=False)


@dataclass(frozen=True)
class Person:
    """One term of office of one person.

    ``id`` is the Wikidata id when known, else ``COUNTRY:name-slug``; ``country`` is ISO-3 or
    a CAMEO organisation code (IGOUNO); ``sector`` a CAMEO agent code; ``role`` an office key
    ("head_of_state", "foreign_minister", "press_secretary", ... or None); ``start`` and
    ``end`` ISO dates, possibly only YYYY-MM or YYYY; ``end`` None = still in office (as far
    as ``source`` knows: "curated", "wikidata" or "phoenix", the last stopping in 2014).
    """

    id: str
    name: str
    wikidata: str | None
    country: str | None
    sector: str | None
    role: str | None
    title: str | None
    start: str | None
    end: str | None
    source: str

    def in_office(self, on: dt.date | str) -> bool:
        """Whether the term covers ``on``. A full end date is the first day out of office
        (the successor's inauguration day belongs to the successor); a partial one (YYYY-MM)
        is inclusive. An open term of an old source ends at that source's horizon."""
        day = as_date(on) or ""
        if day < bound(self.start or "", end=False):
            return False
        if self.end is None:
            horizon = SOURCE_HORIZON.get(self.source)
            return horizon is None or day <= horizon
        if len(self.end) == 10:
            return day < self.end
        return day <= bound(self.end, end=True)

    def distance(self, on: dt.date | str) -> int:
        """Days between ``on`` and the term (0 inside it), to rank terms near a date."""
        if self.in_office(on):
            return 0
        day = dt.date.fromisoformat(as_date(on) or "")
        start = dt.date.fromisoformat(bound(self.start or "", end=False))
        end = dt.date.fromisoformat(
            bound(self.end or SOURCE_HORIZON.get(self.source, ""), end=True))
        return min(abs((day - start).days), abs((day - end).days))


@dataclass(frozen=True)
class Org:
    """An organisation: ``code`` is its country (ISO-3) or CAMEO organisation code (IGOUNO,
    IGONAT, NGOAMN), None for media and companies the sources tie to no state; ``cameo`` the
    full source code (IGOUNOHLHWHO) when there is one."""

    id: str
    name: str
    code: str | None
    sector: str | None
    cameo: str | None


@dataclass(frozen=True)
class Country:
    """A country or territory: ISO-3 code (KOS for Kosovo, as PLOVER), English short name,
    the sovereign of a dependency (PLOVER folds those into it), and its names."""

    code: str
    name: str
    sovereign: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    adjective: str | None = None  # the one news uses of its government ("US", "British")

    @cached_property
    def name_keys(self) -> frozenset[str]:
        """The match keys of its name and aliases."""
        return frozenset(key(n) for n in (self.name, *self.aliases))
