"""Cross-article event merging: the same event reported by many articles is one event.

Mentions merge when they have the same PLOVER type and the same actor and recipient sides
(either way round for types two parties do together) — sides of CAMEO-style actor codes,
country and sector (``LBYGOV`` and ``LBYREB`` are two sides: a civil war's government and
rebels are not one actor; knowledge/actor_codes.py), where a side that names only states
(``USA``: "the United States") is the same side as one of those states' sectors (``USAGOV``:
the secretary of state): one outlet writes "the US and China held talks", another names the
ministers — and when they can be one happening:
a mention joins an event only if its date and its sides are compatible with those of
**every** mention already in it (complete linkage: ``LBY`` may join ``LBYGOV`` or ``LBYREB``,
never both). Joining when it is close to *some* mention (single
linkage) let an event grow a day at a time without bound: 341 articles over 16 months of
fighting in Libya became one event.

Dates are day intervals. Two dates are compatible when they come within
``event_merge_days`` of each other, allowing for how loosely news dates a happening (the
day a wire story was filed, time zones, "yesterday"); the window applies between dates of
at most ``event_merge_days`` + 1 days (a day, a weekend). A longer period (a week, a month,
a year) is loose enough already: it must overlap the other date, so "in 2011" is
compatible with any day of 2011 and never with "in 2012". So with the default window of
one day, the mentions of an event dated to the day are at most a day apart, however many
articles report it. The store keeps as the event's ``first_day``/``last_day`` the days all
its mentions agree on (March 18 for "on March 18, 2011" and "in 2011"), or, where they
disagree within the window, the days between (March 18-19 for the 18th and the 19th):
:func:`span`.

A mention without a date of its own is placed at its article's publication day and then
counts as dated that day, like any other: news reports a happening on its day or the day
after, so undated reports published around an event's date join it, and undated reports
alone merge only when published within the window of each other (a story told day after
day makes one event every other day, not one event). A mention with neither date stays on
its own. Mentions are merged one at a time in the order they are stored: a mention joins
the nearest event that it fits (middle days closest, then lengths most alike, then the
first stored), so the result depends only on that order, and storing an article again
changes nothing. Counts follow GDELT's NumMentions / NumArticles /
NumSources, except that syndicated copies (near-duplicate articles) count as one source.

A merged event's ``confidence`` is the highest confidence of its mentions (None when none
has one). Each mention's confidence is the probability that that report is right in type and
both sides; the merged event is worth keeping when at least one report of it is, so its
confidence is that of its best-supported report. It is not combined over mentions: reports
of one happening copy each other and share their errors (the same wire story, the same
misread sentence), so treating them as independent evidence would overstate it. A filter on
a minimum confidence keeps a merged event when any of its mentions passes; its counts still
count every mention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dragoman.corpus.actors import name_key
from dragoman.knowledge.actor_codes import party_code, split_code
from dragoman.knowledge.cameo import JOINT

Days = tuple[int, int]  # first and last day (date ordinals) of a date or interval


@dataclass(frozen=True, order=True)
class EventKey:
    """What must be equal for two mentions to be the same event (the date aside). Ordered,
    because Spark's groupByKey sorts its keys when a partition spills to disk."""

    event: str
    actors: str
    recipients: str

    def variants(self) -> list[EventKey]:
        swapped = EventKey(self.event, self.recipients, self.actors)
        return [self, swapped] if self.event in JOINT and swapped != self else [self]


    @property
    def group(self) -> EventKey:
        """The key with each side's codes reduced to their states (``USAGOV`` → ``USA``):
        the mentions that may merge have the same group (:func:`keys_compatible` decides)."""
        actors, recipients = state_side(self.actors), state_side(self.recipients)
        if self.event in JOINT and actors > recipients:
            actors, recipients = recipients, actors
        return EventKey(self.event, actors, recipients)


def state_side(side: str) -> str:
    """A side's members reduced to their states or organisations (LBYREB → LBY)."""
    members = {split_code(m)[0] if m.isupper() else m for m in side.split("|") if m}
    return "|".join(sorted(members))


def _bare(side: str) -> bool:
    """A side that names states only, no sector (USA, CHN|USA), or no code at all."""
    return all(split_code(m)[1] == "" for m in side.split("|") if m)


def sides_compatible(a: str, b: str) -> bool:
    """One side in two reports: the same codes, or the same states where one report names
    only the states."""
    return a == b or (state_side(a) == state_side(b) and (_bare(a) or _bare(b)))


def keys_compatible(a: EventKey, b: EventKey) -> bool:
    """Whether two mentions' keys can be one event (either way round for joint types)."""
    if a.event != b.event:
        return False
    if sides_compatible(a.actors, b.actors) and sides_compatible(a.recipients, b.recipients):
        return True
    return a.event in JOINT and sides_compatible(a.actors, b.recipients) \
        and sides_compatible(a.recipients, b.actors)


@dataclass(frozen=True)
class EventCandidate:
    """A stored event a new mention might join, with the days and keys of each of its
    mentions."""

    id: int
    days: tuple[Days, ...]
    keys: tuple[EventKey, ...] = ()


def side(parties: Iterable[dict[str, Any]]) -> str:
    """A side as a sorted list of actor codes (``LBYREB``), or name keys where the country is
    unknown."""
    codes = {party_code(p) or name_key(p.get("name") or "") for p in parties}
    return "|".join(sorted(c for c in codes if c))


def event_key(event: dict[str, Any]) -> EventKey:
    actors, recipients = side(event.get("actors", [])), side(event.get("recipients", []))
    if event["event"] in JOINT and actors > recipients:
        actors, recipients = recipients, actors  # one order for either way round
    return EventKey(event["event"], actors, recipients)


def mention_score(event: dict[str, Any], record: dict[str, Any]) -> int:
    """How well a mention's sentence tells its event, to show for the merged event: a
    declarative sentence (8; not a question, which asks whether it happened) of body text
    (4; not a headline or title, which clips the sentence: a paragraph not ending as a
    sentence does) naming the parties of each side (1 per side whose party the text names,
    not only a country filled in). Ties go to the first stored mention."""
    text = record.get("text") or ""
    start, end = event.get("evidence") or (None, None)
    if start is None or end is None:
        return 0
    sentence = text[start:end].rstrip(QUOTE_END)
    score = 0 if sentence.endswith("?") or text[end:end + 1] == "?" else 8
    score += 0 if _headline(record, start) else 4
    for parties in (event.get("actors") or [], event.get("recipients") or []):
        score += any(p.get("entity") or (p.get("name") and p.get("name") != p.get("country"))
                     for p in parties)
    return score


QUOTE_END = " \t\n\"'”’»)"
SENTENCE_END = (".", "!", "?", ":", ";", "…")


def _headline(record: dict[str, Any], offset: int) -> bool:
    """Whether ``offset`` is in a headline: its paragraph's zone, or a paragraph that does
    not end as a sentence does (a title line above the story)."""
    text = record.get("text") or ""
    for paragraph in record.get("paragraphs") or []:
        first, last = paragraph["span"]
        if first <= offset < last:
            if paragraph.get("zone") == "headline":
                return True
            return not text[first:last].rstrip(QUOTE_END).endswith(SENTENCE_END)
    return False


def reference_days(event: dict[str, Any], published: str | None) -> Days | None:
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


def within(a: Days, b: Days, days: int) -> bool:
    """Whether the intervals ``a`` and ``b`` come within ``days`` of each other."""
    return a[0] - days <= b[1] and b[0] - days <= a[1]


def compatible(a: Days, b: Days, merge_days: int) -> bool:
    """Whether mentions dated ``a`` and ``b`` can report one happening: within
    ``merge_days`` of each other if neither date is longer than ``merge_days`` + 1 days,
    else overlapping."""
    precise = max(a[1] - a[0], b[1] - b[0]) <= merge_days
    return within(a, b, merge_days if precise else 0)


def span(days: Iterable[Days]) -> Days:
    """The days a happening that mentions date ``days`` was on, as far as they tell: the
    days they all agree on, else the days between the latest start and the earliest end."""
    starts, ends = zip(*days, strict=True)
    latest_start, earliest_end = max(starts), min(ends)
    return min(latest_start, earliest_end), max(latest_start, earliest_end)


def choose_event(days: Days, candidates: Sequence[EventCandidate],
                 merge_days: int, key: EventKey | None = None) -> EventCandidate | None:
    """The event a mention dated ``days`` (of ``key``) joins: of those whose every mention is
    compatible with it in date and sides, the nearest; None when there is none."""
    fitting = [c for c in candidates
               if all(compatible(days, other, merge_days) for other in c.days)
               and (key is None or all(keys_compatible(key, other) for other in c.keys))]
    if not fitting:
        return None

    def distance(candidate: EventCandidate) -> tuple[int, int, int]:
        first, last = span(candidate.days)
        return (abs(days[0] + days[1] - first - last),
                abs((days[1] - days[0]) - (last - first)), candidate.id)

    return min(fitting, key=distance)


def merge_mentions(mention_days: Sequence[Days | None], merge_days: int,
                   keys: Sequence[EventKey] | None = None) -> list[int]:
    """For the mentions of one group (:attr:`EventKey.group`) in the order they are stored,
    with their ``keys``, the number of the event each one joins (events numbered from 0 in
    the order they are made): the rule the store applies one mention at a time
    (:func:`choose_event`, narrowed by :func:`span`), for an engine that merges one group's
    mentions together (Spark, run/spark_corpus.py)."""
    events: list[list[Days]] = []
    event_keys: list[list[EventKey]] = []
    joined: list[int] = []
    for number, days in enumerate(mention_days):
        key = keys[number] if keys is not None else None
        chosen = None
        if days is not None:
            candidates = [EventCandidate(n, tuple(found), tuple(event_keys[n]))
                          for n, found in enumerate(events) if found]
            chosen = choose_event(days, candidates, merge_days, key)
        if chosen is None:
            events.append([])
            event_keys.append([])
            chosen = EventCandidate(len(events) - 1, ())
        if days is not None:  # an undated mention stays on its own
            events[chosen.id].append(days)
            if key is not None:
                event_keys[chosen.id].append(key)
        joined.append(chosen.id)
    return joined
