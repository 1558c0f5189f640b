"""Cross-article event merging: the same event reported by many articles is one event.

Mentions merge when they have the same PLOVER type, the same actor and recipient sides
(either way round for types two parties do together) and dates within ``event_merge_days``
of each other. An event without a date of its own is placed at its article's publication
date for this comparison only. Counts follow GDELT's NumMentions / NumArticles / NumSources,
except that syndicated copies (near-duplicate articles) count as one source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dragoman.corpus.actors import name_key

JOINT = {"CONSULT", "COOPERATE", "AGREE"}


@dataclass(frozen=True)
class EventKey:
    """What must be equal for two mentions to be the same event (the date aside)."""

    event: str
    actors: str
    recipients: str

    def variants(self) -> list[EventKey]:
        swapped = EventKey(self.event, self.recipients, self.actors)
        return [self, swapped] if self.event in JOINT and swapped != self else [self]


def side(parties: Iterable[dict[str, Any]]) -> str:
    """A side as a sorted list of country codes, or names where the country is unknown."""
    codes = {p.get("country") or name_key(p.get("name") or "") for p in parties}
    return "|".join(sorted(c for c in codes if c))


def event_key(event: dict[str, Any]) -> EventKey:
    actors, recipients = side(event.get("actors", [])), side(event.get("recipients", []))
    if event["event"] in JOINT and actors > recipients:
        actors, recipients = recipients, actors  # one order for either way round
    return EventKey(event["event"], actors, recipients)


def reference_days(event: dict[str, Any], published: str | None) -> tuple[int, int] | None:
    """The event's date (or interval) as day numbers; the article's date when it has none."""
    value = event.get("date") or published
    if not value:
        return None
    start, _, end = value.partition("/")
    try:
        first = dt.date.fromisoformat(start[:10]).toordinal()
        last = dt.date.fromisoformat((end or start)[:10]).toordinal()
    except ValueError:
        return None
    return first, last


def within(a: tuple[int, int], b: tuple[int, int], days: int) -> bool:
    return a[0] - days <= b[1] and b[0] - days <= a[1]
