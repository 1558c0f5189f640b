"""Years of bare days in a dated list: "March 19 - French jets strike …" in a timeline.

A news timeline is a run of items that each open with a day and a dash or colon ("Feb 26 -
The U.N. Security Council imposes sanctions …", "March 22: Six servicemen died …"). Its bare
days ("March 19") belong to the list's own sequence, not to the time around the publication
date: in an October 2011 article, "March 19" after "February 28, 2011" is 2011-03-19, although
the nearest March 19 to the article's date is in 2012. So a bare day in a list takes its year
from the neighbouring items: the year that keeps the list in order after the previous item
(or before the next one, for items ahead of the first explicit year). A list with no explicit
year recounts the past up to the article: its newest item is on or before the article's date.
Lists may run forwards or backwards in time; most steps between items say which. A bare day
inside an item is the one nearest the item's own day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from itertools import pairwise

from dragoman.records import Timex

MIN_ITEMS = 3  # fewer day-led lines are a dateline or two, not a list
MAX_GAP_CHARS = 2000  # items further apart belong to separate lists
SLACK_DAYS = 60  # how far back a list's next item may go and stay in the same year
_AFTER = re.compile(r"\s*(?:[-\u2013\u2014:]|--)\s")
_BEFORE = ("\n", ".", "!", "?", '"', "\u201d", ")", "*", "\u2022")
_DAY = re.compile(r"(\d{4}|XXXX)-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\b\d{4}\b")


def _opens_item(text: str, timex: Timex) -> bool:
    """Whether the timex opens a list item: at a line or sentence start, then a dash or
    colon."""
    start, end = timex.span
    before = text[:start].rstrip(" \t")
    return (not before or before.endswith(_BEFORE)) and bool(_AFTER.match(text, end))


def _items(text: str, timexes: Sequence[Timex]) -> list[list[int]]:
    """Indices of the day timexes that open list items, grouped into lists."""
    runs: list[list[int]] = []
    last_end = -MAX_GAP_CHARS - 1
    for i, timex in enumerate(timexes):
        if timex.type != "DATE" or not _DAY.fullmatch(timex.value) or \
                not _opens_item(text, timex):
            continue
        if timex.span[0] - last_end > MAX_GAP_CHARS or not runs:
            runs.append([])
        runs[-1].append(i)
        last_end = timex.span[1]
    return [run for run in runs if len(run) >= MIN_ITEMS]


def _ascending(days: Sequence[tuple[int, int]]) -> bool:
    """Whether the list runs forward in time (most month-day steps go up)."""
    steps = list(pairwise(days))
    return sum(b >= a for a, b in steps) >= sum(b < a for a, b in steps)


def _year_after(previous: date, month: int, day: int, forward: bool) -> int:
    """The year that puts (month, day) next after ``previous`` in the list's direction. A
    step against the direction of up to SLACK_DAYS is disorder within one year ("June 28"
    before "June 19"), not a new year: only a long step back (December → January) is."""
    same = _valid(previous.year, month, day) or date(previous.year, month, 28)
    step = (same - previous).days
    if forward:
        return previous.year if step >= -SLACK_DAYS else previous.year + 1
    return previous.year if step <= SLACK_DAYS else previous.year - 1


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve_run(text: str, timexes: list[Timex], run: list[int],
                 anchor: date | None) -> None:
    days = [(int(m), int(d)) for m, d in
            (_DAY.fullmatch(timexes[i].value).groups()[1:] for i in run)]  # type: ignore[union-attr]
    explicit = [bool(_YEAR.search(text[slice(*timexes[i].span)])) for i in run]
    forward = _ascending(days)
    known: list[date | None] = [
        _valid(int(timexes[i].value[:4]), *days[k]) if explicit[k] else None
        for k, i in enumerate(run)]
    if not any(known):
        if anchor is None:
            return
        newest = len(run) - 1 if forward else 0
        year = anchor.year if days[newest] <= (anchor.month, anchor.day) else anchor.year - 1
        known[newest] = _valid(year, *days[newest])
        if known[newest] is None:
            return  # February 29 in a year without one
    first = next(k for k, d in enumerate(known) if d is not None)
    for k in range(first - 1, -1, -1):  # before the first year: keep order with what follows
        following = known[k + 1]
        if following is not None:
            known[k] = _valid(_year_after(following, *days[k], not forward), *days[k])
    for k in range(first + 1, len(run)):
        previous = known[k - 1]
        if known[k] is None and previous is not None:
            known[k] = _valid(_year_after(previous, *days[k], forward), *days[k])
    for k, i in enumerate(run):
        day = known[k]
        if day is not None and not explicit[k]:
            timexes[i] = replace(timexes[i], value=day.isoformat())


def _resolve_inside(text: str, timexes: list[Timex], run: list[int]) -> None:
    """A bare day inside an item ("February 17 - Activists call February 17 a day of rage")
    is the one nearest the item's own day; an item runs to the next item, the last one to
    the end of its paragraph."""
    items = set(run)
    for k, i in enumerate(run):
        own = _day(timexes[i].value)
        if own is None:
            continue
        end = timexes[run[k + 1]].span[0] if k + 1 < len(run) else \
            _paragraph_end(text, timexes[i].span[1])
        for j in range(i + 1, len(timexes)):
            timex = timexes[j]
            if timex.span[0] >= end:
                break
            said = _DAY.fullmatch(timex.value)
            if j in items or timex.type != "DATE" or said is None or \
                    _YEAR.search(text[slice(*timex.span)]):
                continue
            month, day = int(said.group(2)), int(said.group(3))
            near = [c for y in (own.year - 1, own.year, own.year + 1)
                    if (c := _valid(y, month, day)) is not None]
            if near:
                nearest = min(near, key=lambda c: abs((c - own).days))
                timexes[j] = replace(timex, value=nearest.isoformat())


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def resolve_list_years(text: str, timexes: Sequence[Timex], anchor: date | None) -> list[Timex]:
    """``timexes`` with the bare days of every dated list in ``text`` dated by the list."""
    resolved = list(timexes)
    for run in _items(text, resolved):
        _resolve_run(text, resolved, run, anchor)
        _resolve_inside(text, resolved, run)
    return resolved
