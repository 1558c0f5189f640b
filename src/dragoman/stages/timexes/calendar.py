"""Calendar arithmetic for TimeML (TIMEX3) values, relative to an article's date.

These are the building blocks of the normalisation rules (:mod:`.timeml`): shifting
by a unit, choosing the year of "February 11" or the day of "Tuesday" from the tense of the
clause, ISO weeks and weekends, and the day interval a value covers (what quotes and events
store as their ``date``). Nothing here looks at today's clock: with no anchor, callers keep
the value underspecified (``XXXX-02-11``), as TimeML does.

Tense is one of ``"past"``, ``"future"`` or ``""`` (present or unknown: take the nearest).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

PAST, FUTURE, PRESENT = "past", "future", ""

# TimeML season codes (TimeML annotation guidelines 1.2.1, §2.2.1.3).
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# The month a season starts in, to tell "last summer" in March (the year before) from
# "last summer" in October (this year).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def parse_published(published: str | None) -> date | None:
    """The day of an ISO date or datetime (``2021-03-10``, ``2021-03-10T08:00:00Z``)."""
    if not published:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


# -- formatting -------------------------------------------------------------------------------
def iso_day(day: date) -> str:
    return day.isoformat()


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


# -- shifting ---------------------------------------------------------------------------------
def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_quarter(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def shifted_value(anchor: date, unit: str, amount: int) -> str:
    """The value of the ``unit`` that lies ``amount`` units from ``anchor``, at that unit's
    granularity: ("year", -1) on 2021-03-10 is ``2020``, ("week", -1) is ``2021-W09``."""
    if unit == "day":
        return iso_day(anchor + timedelta(days=amount))
    if unit == "week":
        return iso_week(anchor + timedelta(weeks=amount))
    if unit == "weekend":
        return weekend_value(anchor + timedelta(weeks=amount), PRESENT)
    if unit == "month":
        return month_value(*shift_month(anchor.year, anchor.month, amount))
    if unit == "quarter":
        year, quarter = shift_quarter(*quarter_of(anchor), amount)
        return f"{year:04d}-Q{quarter}"
    if unit == "half":
        half = (anchor.year * 2 + (anchor.month - 1) // 6) + amount
        return f"{half // 2:04d}-H{half % 2 + 1}"
    if unit == "decade":
        return f"{(anchor.year // 10 + amount):03d}"
    if unit == "century":
        return f"{(anchor.year // 100 + amount):02d}"
    return f"{anchor.year + amount:04d}"  # year, and anything coarser we do not model


def underspecified(unit: str) -> str:
    """The value of a relative expression of granularity ``unit`` when no anchor is known."""
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX", "quarter": "XXXX-QX", "half": "XXXX-HX",
            "decade": "XXX", "century": "XX"}.get(unit, "XXXX")


# -- choosing among candidates by tense ---------------------------------------------------------
def _pick(candidates: Sequence[tuple[int, ...]], now: tuple[int, ...], tense: str,
          distance: Callable[[tuple[int, ...]], int]) -> tuple[int, ...]:
    """The candidate before (past) or after (future) ``now`` closest to it, or the nearest
    one at all when the tense says nothing. ``now`` itself counts as both."""
    if tense == PAST:
        pool = [c for c in candidates if c <= now] or candidates
        return max(pool)
    if tense == FUTURE:
        pool = [c for c in candidates if c >= now] or candidates
        return min(pool)
    return min(candidates, key=lambda c: (distance(c), c > now))


_MONTHS_AHEAD_PENALTY = 2


def year_of_month(anchor: date, month: int, tense: str) -> int:
    """The year of a bare month name: "in January" said in a March article is this January
    when the clause is past, next January when it is future, the nearest one otherwise
    (the past one unless the coming one is more than two months nearer)."""
    candidates = [(anchor.year + k, month) for k in (-1, 0, 1)]
    now = (anchor.year, anchor.month)
    # Undecided, news mostly looks back (the same bias as weekday_date).
    picked = _pick(candidates, now, tense,
                   lambda c: abs((c[0] * 12 + c[1]) - (now[0] * 12 + now[1]))
                   + (_MONTHS_AHEAD_PENALTY if c > now else 0))
    return picked[0]


def year_of_day(anchor: date, month: int, day: int, tense: str) -> int | None:
    """The year of "February 11", chosen like :func:`year_of_month` at day granularity."""
    candidates: list[tuple[int, ...]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day).timetuple()[:3])
        except ValueError:
            continue
    if not candidates:
        return None
    now = anchor.timetuple()[:3]
    picked = _pick(candidates, now, tense,
                   lambda c: abs((date(*c) - anchor).days))
    return picked[0]


def weekday_date(anchor: date, weekday: int, tense: str, *, strict: bool = False) -> date:
    """The day a weekday name refers to (0 = Monday). "said on Tuesday" in a Wednesday
    article is the day before; "will meet on Tuesday" the coming one. ``strict`` excludes
    the anchor day itself ("last Friday" written on a Friday is a week ago)."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if strict:
        back, ahead = back or 7, ahead or 7
    if tense == PAST:
        return anchor - timedelta(days=back)
    if tense == FUTURE:
        return anchor + timedelta(days=ahead)
    # Undecided: news mostly reports what happened, so the past wins unless it is further.
    return anchor - timedelta(days=back) if back <= ahead + 1 else anchor + timedelta(days=ahead)


def weekend_value(anchor: date, tense: str) -> str:
    """``2021-W09-WE``: the weekend just past (past tense) or coming (future); a weekend
    day is its own weekend."""
    saturday = weekday_date(anchor, 5, tense)
    if anchor.weekday() == 6 and tense != FUTURE:
        saturday = anchor - timedelta(days=1)
    return iso_week(saturday) + "-WE"


def season_year(anchor: date, season: str, direction: int) -> int:
    """The year of "last summer" (-1: the latest one already over), "this summer" (0) or
    "next summer" (+1: the first one not yet begun). Winter is named by the year it starts
    in, as TimeML does."""
    now = anchor.year * 12 + anchor.month - 1
    start = SEASON_START[season] - 1

    def begins(year: int) -> int:
        return year * 12 + start

    if direction < 0:
        return max(y for y in range(anchor.year - 2, anchor.year + 1) if begins(y) + 2 < now)
    if direction > 0:
        return min(y for y in range(anchor.year - 1, anchor.year + 2) if begins(y) > now)
    if season == "WI" and anchor.month < 3:
        return anchor.year - 1
    return anchor.year


# -- the day interval a value covers ----------------------------------------------------------
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def value_interval(value: str) -> tuple[date, date] | None:
    """First and last day a fully specified DATE/TIME value covers: ``2021-W09-WE`` →
    (2021-03-06, 2021-03-07); None for durations, references and underspecified values."""
    try:
        return _interval(value)
    except ValueError:
        return None


def _interval(value: str) -> tuple[date, date] | None:
    if m := _DAY.match(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        following = date(*shift_month(year, month, 1), 1)
        return date(year, month, 1), following - timedelta(days=1)
    if m := _QUARTER.match(value):
        year, quarter = int(m[1]), int(m[2])
        first = date(year, quarter * 3 - 2, 1)
        following = date(*shift_month(year, quarter * 3 - 2, 3), 1)
        return first, following - timedelta(days=1)
    if m := _YEAR.match(value):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    return None


def interval_text(first: date, last: date) -> str:
    """``2021-03-09`` for one day, ``2021-03-06/2021-03-07`` for a range (CONTRACT dates)."""
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
