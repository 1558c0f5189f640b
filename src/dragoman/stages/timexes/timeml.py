"""TimeML normalisation: a temporal expression's TIMEX3 ``type`` and ``value``.

``normalize_timex("last week", date(2021, 3, 10), "past")`` → ``("DATE", "2021-W09")``.
The rules follow the TimeML annotation guidelines 1.2.1 and TimeBank's practice (the gold of
``../shared/data/timex``): prepositions and modifiers ("early", "about") are not part of the
value, relative expressions resolve against the article date, durations are ``P…``, sets carry
their period, and vague references are ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF``. Each rule
is a small function from a regular-expression match; the first rule that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dragoman.stages.timexes import calendar as dates
from dragoman.stages.timexes.calendar import FUTURE, PAST, SEASONS
from dragoman.stages.timexes.words import (
    HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINAL_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    REFERENCES,
    TIME_UNITS,
    UNIT_FACTOR,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)

Result = tuple[str, str]

# Words before the expression that belong to the clause, not to the value.
_LEADING = re.compile(
    r"^(?:(?:on|in|at|for|over|during|since|until|till|by|from|through|throughout|within|"
    r"about|around|approximately|nearly|almost|some|roughly|only|just|as of|more than|less "
    r"than|at least|up to|as early as|as late as|no later than|beginning|starting|"
    r"early|late|mid|the end of|the beginning of|the start of|the middle of|the close of|"
    r"the turn of|the rest of|the remainder of|end|end of|start of|"
    r"earlier|later|the eve of|eve of) )+")


def normalize_timex(text: str, anchor: date | None, tense: str = "",
                    reference: str | None = None) -> Result | None:
    """(type, value) of a temporal expression, or None when ``text`` is not one we know.

    ``anchor`` is the article date (None: relative values stay underspecified), ``tense`` the
    tense of the clause the expression sits in, ``reference`` the value of the previous
    timex in the text (a year-ago comparison follows a quarter: "a year earlier" → 2020-Q4).
    """
    s = clean(text)
    for candidate in _variants(s):
        for pattern, rule in RULES:
            match = pattern.fullmatch(candidate)
            if match:
                result = rule(match, Context(anchor, tense, reference))
                if result is not None:
                    return result
    return None


class Context:
    """What a rule may read besides its match."""

    __slots__ = ("anchor", "reference", "tense")

    def __init__(self, anchor: date | None, tense: str, reference: str | None) -> None:
        self.anchor, self.tense, self.reference = anchor, tense, reference


def clean(text: str) -> str:
    """Lower case, one space between words, ``mid-March`` → ``mid march``, no full stops
    after abbreviations, straight apostrophes."""
    s = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    s = re.sub(r"(?<=[a-z])\.", "", s)
    s = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", s)
    s = re.sub(r"(?<=[a-z])-(?=\d)|(?<=\d)-(?=[a-z])", " ", s)
    s = re.sub(r"[,\s]+", " ", s).strip(" .;:!?\"'()")
    return s


def _variants(s: str) -> list[str]:
    """The expression, then without its leading prepositions and modifiers."""
    stripped = _LEADING.sub("", s)
    return [s] if stripped == s or not stripped else [s, stripped]


# -- helpers ----------------------------------------------------------------------------------
def number(word: str) -> int | None:
    """1 for "a", 12 for "twelve", 25 for "twenty five" or "25"; None for vague amounts."""
    word = word.strip()
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))
    if word in NUMBERS:
        return NUMBERS[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        tens, ones = NUMBERS[parts[0]], NUMBERS[parts[1]]
        return tens * ones if ones == 100 else tens + ones if tens >= 20 and ones < 10 else None
    return None


def _unit(word: str) -> str:
    word = word.removesuffix("s") if word != "centuries" else "century"
    return word


def duration(amount: int | None, unit: str) -> str:
    """``P10Y`` for (1, "decade"), ``PT2H`` for (2, "hour"), ``PXY`` for a vague amount."""
    unit = _unit(unit)
    letter = UNITS[unit]
    count = "X" if amount is None else str(amount * UNIT_FACTOR.get(unit, 1))
    return f"P{'T' if unit in TIME_UNITS else ''}{count}{letter}"


def _day_value(ctx: Context, month: int, day: int) -> str | None:
    if ctx.anchor is None:
        return f"XXXX-{month:02d}-{day:02d}"
    year = dates.year_of_day(ctx.anchor, month, day, ctx.tense)
    return None if year is None else f"{year:04d}-{month:02d}-{day:02d}"


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _year(text: str, ctx: Context) -> int:
    """Four digits as they are; two digits ("'89") in the anchor's century."""
    value = int(text.lstrip("'"))
    if value >= 100:
        return value
    century = (ctx.anchor.year // 100 * 100) if ctx.anchor else 1900
    return century + value if century + value <= (ctx.anchor.year if ctx.anchor else 2100) + 10 \
        else century - 100 + value


def _direction(word: str | None) -> int:
    if word in ("last", "past", "previous", "preceding", "prior", "the last", "the past",
                "the previous", "the preceding", "the prior", "yesterday's"):
        return -1
    if word in ("next", "coming", "following", "the next", "the coming", "the following",
                "upcoming", "the upcoming", "tomorrow's"):
        return 1
    return 0


# -- rules ------------------------------------------------------------------------------------
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")s?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>\d{4}|'\d\d)"
PART = r"(?P<part>" + "|".join(PARTS_OF_DAY) + r")"
NUM = (r"(?P<num>\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) \w+|"
       + "|".join(sorted(NUMBERS, key=len, reverse=True))
       + r"|several|a few|few|many|some|numerous)")
UNIT = (r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|"
        r"months?|quarters?|years?|decades?|century|centuries)")
REL = (r"(?P<rel>last|past|previous|preceding|prior|next|coming|following|upcoming|this|"
       r"that same|that|the same|the current|current|the latest|latest|the most recent|"
       r"the following|the previous|the preceding|the prior|the past|the last|the full|the|"
       r"these|those|this past)")
# Only the 19th and 20th centuries: "twelve fifteen" is more often a clock time than 1215.
SPELLED = (r"(?P<spelled>(?:eighteen|nineteen) (?:hundred )?(?:and |oh )?[a-z]+(?: [a-z]+)?|"
           r"two thousand(?: and)?(?: [a-z]+(?: [a-z]+)?)?)")


def _ref(match: re.Match[str], ctx: Context) -> Result | None:
    s = match[0]
    for value, phrases in REFERENCES.items():
        if s in phrases:
            return "DATE", value
    return None


def _deictic(match: re.Match[str], ctx: Context) -> Result:
    """today / yesterday / tomorrow / tonight / last night, with a part of the day."""
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last": -1,
              "this": 0, "tomorrow's": 1, "yesterday's": -1, "today's": 0}[match["word"]]
    part = match["part"] or ("night" if match["word"] in ("tonight", "last") else None)
    day = (dates.iso_day(ctx.anchor + timedelta(days=offset)) if ctx.anchor
           else "XXXX-XX-XX")
    if part:
        return "TIME", f"{day}T{PARTS_OF_DAY[part]}"
    return "DATE", day


def _part_of_today(match: re.Match[str], ctx: Context) -> Result:
    """"by mid afternoon": a part of the article's day."""
    day = dates.iso_day(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{PARTS_OF_DAY[match['part']]}"


def _full_date(match: re.Match[str], ctx: Context) -> Result | None:
    month, day = MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        year = _year(match["year"], ctx)
        return ("DATE", f"{year:04d}-{month:02d}-{day:02d}") if _valid_day(year, month, day) \
            else None
    if not 1 <= day <= 31:
        return None
    value = _day_value(ctx, month, day)
    if value is not None and match["weekday"] and ctx.anchor is not None:
        value = _weekday_year(value, WEEKDAYS[match["weekday"]], ctx.anchor)
    return None if value is None else ("DATE", value)


def _weekday_year(value: str, weekday: int, anchor: date) -> str:
    """"Saturday, April 25": of the years around the article's, the one whose April 25 is a
    Saturday, when the tense picked another."""
    day = date.fromisoformat(value)
    if day.weekday() == weekday:
        return value
    for year in sorted((anchor.year, anchor.year - 1, anchor.year + 1),
                       key=lambda y: abs(y - day.year)):
        if _valid_day(year, day.month, day.day) and \
                date(year, day.month, day.day).weekday() == weekday:
            return f"{year:04d}{value[4:]}"
    return value


def _numeric_date(match: re.Match[str], ctx: Context) -> Result | None:
    """ISO 2021-03-09, or US 3/9/2021 and 3/9/89."""
    if match["iso"]:
        year, month, day = (int(x) for x in match["iso"].split("-"))
    else:
        month, day, year = int(match["m"]), int(match["d"]), _year(match["y"], ctx)
    return ("DATE", f"{year:04d}-{month:02d}-{day:02d}") if _valid_day(year, month, day) \
        else None


def _month_year(match: re.Match[str], ctx: Context) -> Result:
    return "DATE", dates.month_value(_year(match["year"], ctx), MONTHS[match["month"]])


def _month(match: re.Match[str], ctx: Context) -> Result:
    """A bare month, or "last April", "next May", "this September"."""
    month = MONTHS[match["month"]]
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    tense = {-1: PAST, 1: FUTURE}.get(_direction(match["rel"]), ctx.tense)
    if match["rel"] == "this":
        return "DATE", dates.month_value(ctx.anchor.year, month)
    year = dates.year_of_month(ctx.anchor, month, tense)
    if match["rel"] and _direction(match["rel"]) and (year, month) == (
            ctx.anchor.year, ctx.anchor.month):
        year += _direction(match["rel"])  # "last March" written in March: a year ago
    return "DATE", dates.month_value(year, month)


def _month_of_year(match: re.Match[str], ctx: Context) -> Result:
    """June last year, January this year, April next year."""
    month = MONTHS[match["month"]]
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", dates.month_value(ctx.anchor.year + _direction(match["rel"]), month)


def _spelled_year(match: re.Match[str], ctx: Context) -> Result | None:
    """Broadcast transcripts spell years out: "nineteen ninety-six", "the year two
    thousand", "January nineteen ninety-seven"."""
    year = spelled_year(match["spelled"])
    if year is None:
        return None
    if match["month"]:
        return "DATE", dates.month_value(year, MONTHS[match["month"]])
    return "DATE", f"{year:04d}"


def spelled_year(words: str) -> int | None:
    """1996 for "nineteen ninety six", 2000 for "two thousand", 1905 for "nineteen oh five"."""
    parts = words.split(" ", 1)
    if len(parts) < 2:
        return None
    if parts[0] == "two" and parts[1].startswith("thousand"):
        rest = parts[1].removeprefix("thousand").removeprefix(" and").strip()
        tail = number(rest) if rest else 0
        return None if tail is None or tail > 99 else 2000 + tail
    century = NUMBERS.get(parts[0])
    if century not in (18, 19):
        return None
    rest = parts[1].removeprefix("hundred").removeprefix(" and").strip()
    if rest.startswith("oh "):
        tail = NUMBERS.get(rest[3:])
        tail = tail if tail is not None and tail < 10 else None
    else:
        tail = number(rest) if rest else 0
    return None if tail is None or tail > 99 else century * 100 + tail


def _century(match: re.Match[str], ctx: Context) -> Result | None:
    """the 20th century → 19 (TimeML names a century by its first two digits)."""
    nth = match["nth"]
    which = ORDINAL_WORDS.get(nth) if nth[0].isalpha() else int(nth[:-2])
    if which is None or not 1 <= which <= 22:
        return None
    return "DATE", f"{which - 1:02d}"


def _year_rule(match: re.Match[str], ctx: Context) -> Result | None:
    year = int(match["year"])
    return ("DATE", f"{year:04d}") if 1000 <= year <= 2199 else None


def _decade(match: re.Match[str], ctx: Context) -> Result:
    """the 1990s → 199, the '80s → 198."""
    year = _year(match["decade"], ctx)
    return "DATE", f"{year // 10:03d}"


def _decade_word(match: re.Match[str], ctx: Context) -> Result:
    """the nineties → 199: a decade of the 20th century, the only one news names so."""
    tens = NUMBERS[match["tens"].removesuffix("ies") + "y"]
    return "DATE", f"19{tens // 10}"


def _weekday(match: re.Match[str], ctx: Context) -> Result:
    weekday = WEEKDAYS[match["weekday"]]
    part = match["part"]
    if ctx.anchor is None:
        day = f"XXXX-WXX-{weekday + 1}"
    else:
        direction = _direction(match["rel"])
        tense = {-1: PAST, 1: FUTURE}.get(direction, ctx.tense)
        anchor = ctx.anchor
        if match["rel"] in _NARRATIVE and ctx.reference and _DAY_VALUE.match(ctx.reference):
            # "the previous Friday": the one before the day the story last named.
            anchor = date.fromisoformat(ctx.reference[:10])
        day = dates.iso_day(dates.weekday_date(anchor, weekday, tense, strict=bool(direction)))
    if part:
        return "TIME", f"{day}T{PARTS_OF_DAY[part]}"
    return "DATE", day


def _relative_unit(match: re.Match[str], ctx: Context) -> Result | None:
    """this/last/next week, month, year, quarter, weekend; the weekend; the year."""
    unit, rel = _unit(match["unit"]), match["rel"]
    direction = _direction(rel)
    if unit in ("day", "night", "hour", "minute", "second", "fortnight"):
        return None
    if rel in ("the", "these", "those", "that") and unit not in ("weekend", "year", "quarter",
                                                                "week", "month"):
        return None
    if rel in ("the past", "the last", "the full") and unit != "year":
        return None  # "the past month" is a duration; "the past year" names one (TimeBank)
    if ctx.anchor is None:
        return "DATE", dates.underspecified(unit)
    if rel in _NARRATIVE and ctx.reference:
        # "that year", "the following month": counted from the date the story last named.
        value = _from_reference(ctx.reference, unit, direction)
        if value:
            return "DATE", value
    if unit == "weekend":
        tense = {-1: PAST, 1: FUTURE}.get(direction, ctx.tense)
        return "DATE", dates.weekend_value(ctx.anchor, tense)
    if unit == "period":
        unit = "quarter" if rel in ("the latest", "latest", "the most recent") else ""
        if not unit:
            return None
    if unit == "quarter" and rel in ("the", "last", "the last", "past", "the past", "latest",
                                     "the latest", "the most recent") and direction != 1:
        # Financial news: "the quarter" is the last one reported, i.e. the one before now.
        return "DATE", dates.shifted_value(ctx.anchor, "quarter", -1)
    return "DATE", dates.shifted_value(ctx.anchor, unit, direction)


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_NARRATIVE = {"that", "that same", "the same", "the following", "the previous", "the preceding",
              "the prior"}


def _from_reference(reference: str, unit: str, amount: int) -> str | None:
    """The ``unit`` that lies ``amount`` units from the date ``reference`` (a TIMEX3 value),
    when the reference is at least as fine as the unit."""
    match = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:-Q(\d))?", reference)
    if not match:
        return None
    year, month, day, quarter = match.groups()
    if unit == "year":
        return f"{int(year) + amount:04d}"
    if unit == "month" and month:
        return dates.month_value(*dates.shift_month(int(year), int(month), amount))
    if unit == "quarter" and (quarter or month):
        which = int(quarter) if quarter else (int(month) - 1) // 3 + 1
        shifted = dates.shift_quarter(int(year), which, amount)
        return f"{shifted[0]:04d}-Q{shifted[1]}"
    if unit == "week" and day:
        return dates.shifted_value(date(int(year), int(month), int(day)), "week", amount)
    return None


def _year_end(match: re.Match[str], ctx: Context) -> Result:
    """year-end: the coming one, or the last one when the clause looks back ("since")."""
    if ctx.anchor is None:
        return "DATE", "XXXX-12-31"
    year = ctx.anchor.year - 1 if ctx.tense == PAST else ctx.anchor.year
    return "DATE", f"{year:04d}-12-31"


def _ago(match: re.Match[str], ctx: Context) -> Result | None:
    """two days ago, a year earlier, three weeks from now (granularity of the unit)."""
    unit = _unit(match["unit"])
    amount = number(match["num"])
    if amount is None and match["num"] in VAGUE_NUMBERS and match["dir"] == "ago":
        return "DATE", "PAST_REF"  # "several years ago": no position on the calendar
    if amount is None or unit in TIME_UNITS or amount >= 1000:
        return None
    sign = 1 if match["dir"] in ("later", "after", "from now", "hence", "on") else -1
    if unit in ("decade", "century"):
        amount, unit = amount * UNIT_FACTOR[unit], "year"
    if ctx.anchor is None:
        return "DATE", dates.underspecified(unit)
    quarter = _reported_quarter(ctx)
    if unit == "year" and quarter:
        # "a year earlier" right after a quarter compares quarters (TimeBank practice).
        return "DATE", f"{int(quarter[:4]) + sign * amount:04d}{quarter[4:]}"
    return "DATE", dates.shifted_value(ctx.anchor, unit, sign * amount)


def _reported_quarter(ctx: Context) -> str | None:
    """The quarter the story last named, when it is a current one (this year's or the one
    just reported): a year-ago comparison is made against it, not against a year-ago one."""
    if ctx.anchor is None or not ctx.reference or not _QUARTER_VALUE.fullmatch(ctx.reference):
        return None
    latest = dates.shift_quarter(*dates.quarter_of(ctx.anchor), -1)[0]
    return ctx.reference if int(ctx.reference[:4]) >= latest else None


_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")


def _year_ago(match: re.Match[str], ctx: Context) -> Result | None:
    """year-earlier / year-ago (quarter|period): the same period a year before."""
    if ctx.anchor is None:
        return "DATE", "XXXX"
    reported = _reported_quarter(ctx)
    if reported:
        return "DATE", f"{int(reported[:4]) - 1:04d}{reported[4:]}"
    if match["unit"] and _unit(match["unit"]) in ("quarter", "period"):
        year, quarter = dates.shift_quarter(*dates.quarter_of(ctx.anchor), -5)
        return "DATE", f"{year:04d}-Q{quarter}"
    return "DATE", f"{ctx.anchor.year - 1:04d}"


def _quarter(match: re.Match[str], ctx: Context) -> Result | None:
    """the third quarter (of 1989), fiscal first half, 1989's fourth quarter."""
    kind = "Q" if match["kind"].startswith("quarter") else "H"
    which = ORDINALS.get(match["ord"])
    if kind == "H" and match["ord"] in ("last", "final"):
        which = 2  # "the last half of 1989"
    if which is None or (kind == "H" and which > 2) or (
            match["ord"] in ("last", "final") and (kind == "Q" or not match["qyear"])):
        return None
    year = match["qyear"] or match["qyear2"]
    if year:
        return "DATE", f"{_year(year, ctx):04d}-{kind}{which}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{kind}{which}"
    if match["yrel"]:
        return "DATE", f"{ctx.anchor.year + _direction(match['yrel']):04d}-{kind}{which}"
    # A quarter that has not begun yet is last year's unless the clause looks ahead:
    # "fourth-quarter profit rose" in a January article is about the year before.
    starts = (which - 1) * (3 if kind == "Q" else 6) + 1
    year = ctx.anchor.year
    if starts > ctx.anchor.month and ctx.tense != FUTURE:
        year -= 1
    if match["ago"]:
        year -= 1  # "the year-ago third quarter"
    return "DATE", f"{year:04d}-{kind}{which}"


def _period_of_year(match: re.Match[str], ctx: Context) -> Result | None:
    """"the 1988 quarter", "last year's period": the quarter the story is comparing, in
    that year."""
    if match["year"]:
        year = int(match["year"])
    elif ctx.anchor is not None:
        year = ctx.anchor.year + _direction(match["yrel"])
    else:
        return "DATE", "XXXX-QX" if match["unit"] == "quarter" else "XXXX"
    if ctx.reference and _QUARTER_VALUE.fullmatch(ctx.reference):
        return "DATE", f"{year:04d}{ctx.reference[4:]}"
    if ctx.anchor is None:
        return "DATE", f"{year:04d}-QX"
    # Otherwise the quarter just reported, as for "the quarter".
    return "DATE", f"{year:04d}-Q{dates.shift_quarter(*dates.quarter_of(ctx.anchor), -1)[1]}"


def _season(match: re.Match[str], ctx: Context) -> Result | None:
    season = SEASONS[match["season"]]
    if match["spelled"]:
        year = spelled_year(match["spelled"])
        return None if year is None else ("DATE", f"{year:04d}-{season}")
    if match["year"]:
        return "DATE", f"{_year(match['year'], ctx):04d}-{season}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{season}"
    direction = _direction(match["rel"])
    if not direction and not match["rel"]:
        direction = {PAST: -1, FUTURE: 1}.get(ctx.tense, 0)
        if direction and dates.season_year(ctx.anchor, season, 0) != dates.season_year(
                ctx.anchor, season, direction):
            # "in the summer" said in a past clause: this summer if it is already over.
            year = dates.season_year(ctx.anchor, season, 0)
            if (direction < 0 and (year * 12 + dates.SEASON_START[season] + 2)
                    <= ctx.anchor.year * 12 + ctx.anchor.month):
                direction = 0
    return "DATE", f"{dates.season_year(ctx.anchor, season, direction):04d}-{season}"


def _duration(match: re.Match[str], ctx: Context) -> Result | None:
    """two hours, a decade, the past three months, ten-year, several weeks, 2 1/2 years."""
    num, unit = match["num"], _unit(match["unit"])
    first = match[0].split(" ", 1)[0]
    if not num and not match["unit"].endswith("s") and (
            first in ("his", "her", "their", "its") or match[0] in ("the day", "the night")):
        return None  # "his year in kindergarten", "earlier in the day": no length meant
    if not num and match["unit"].endswith("s"):
        return "DURATION", duration(None, match["unit"])  # "the days", "the months"
    amount = number(num) if num else 1
    if num and amount is None and num not in VAGUE_NUMBERS:
        return None
    if num and re.fullmatch(r"(?:1[6-9]|20)\d\d", num):
        return None  # "the 1988 quarter" is a year, not 1,988 quarters
    if amount is not None and (match["half"] or match["half2"]):
        return "DURATION", _and_a_half(amount, unit)
    return "DURATION", duration(amount, match["unit"])


def _and_a_half(amount: int, unit: str) -> str:
    """2 1/2 years → P2Y6M, a minute and a half → PT1M30S (the half in the next unit down)."""
    whole = duration(amount, unit)
    half = {"year": "6M", "day": "T12H", "hour": "30M", "minute": "30S"}.get(unit)
    if half is not None:
        return whole + half
    factor = UNIT_FACTOR.get(unit, 1)
    if factor > 1:
        return duration(None, unit).replace("X", str(amount * factor + factor // 2))
    return whole[:-1] + ".5" + whole[-1]


def _vague_duration(match: re.Match[str], ctx: Context) -> Result:
    """years, months, decades: an unspecified number of the unit."""
    return "DURATION", duration(None, match["unit"])


def _set(match: re.Match[str], ctx: Context) -> Result | None:
    """daily, annual, every week, each Thursday, twice a year."""
    word = match["every"]
    fixed = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
             "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
             "quarterly": "P1Q", "biweekly": "P2W", "biannual": "P6M", "semiannual": "P6M"}
    if word in fixed:
        return "SET", fixed[word]
    if match["weekday"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[match['weekday']] + 1}"
    if match["month"]:
        return "SET", f"XXXX-{MONTHS[match['month']]:02d}"
    unit = _unit(match["unit"])
    if unit not in UNITS:
        return None
    amount = number(match["num"]) if match["num"] else 1
    return "SET", duration(amount or 1, unit)


def _clock(match: re.Match[str], ctx: Context) -> Result | None:
    """10:35 a.m., 5 p.m. EST Nov. 9, noon Thursday, midnight Friday."""
    if match["word"]:
        hour, minute = (12, 0) if match["word"] in ("noon", "midday") else (24, 0)
    else:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if hour > 12 or minute > 59:
            return None
        if match["ampm"].startswith("p") and hour != 12:
            hour += 12
        elif match["ampm"].startswith("a") and hour == 12:
            hour = 0
    day = "XXXX-XX-XX" if ctx.anchor is None else dates.iso_day(ctx.anchor)
    if match["rest"]:
        rest = normalize_timex(match["rest"], ctx.anchor, ctx.tense, ctx.reference)
        if rest is None or not _DAY_LIKE.fullmatch(rest[1]):
            return None
        day = rest[1].split("T")[0]
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


_DAY_LIKE = re.compile(r"[\dX]{4}-(?:[\dX]{2}-[\dX]{2}|WXX-\d)(?:T\w+)?")


def _holiday(match: re.Match[str], ctx: Context) -> Result | None:
    name = match["holiday"]
    if name in ("thanksgiving", "thanksgiving day"):
        if ctx.anchor is None:
            return "DATE", "XXXX-11-XX"
        year = dates.year_of_month(ctx.anchor, 11, ctx.tense)
        first = date(year, 11, 1)
        thursday = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        return "DATE", thursday.isoformat()
    month, day = HOLIDAYS[name]
    value = _day_value(ctx, month, day)
    return None if value is None else ("DATE", value)


Rule = Callable[[re.Match[str], Context], Result | None]
_RULE_TABLE: list[tuple[str, Rule]] = [
    (r".+", _ref),
    (r"(?P<word>today|tonight|yesterday|tomorrow|today's|yesterday's|tomorrow's)"
     r"(?: (?:in the )?" + PART + r")?", _deictic),
    (r"(?P<word>last|this) " + r"(?P<part>night|morning|afternoon|evening)", _deictic),
    (r"(?:early |late |mid )?" + PART + r" (?P<word>yesterday|today|tomorrow)", _deictic),
    (r"mid (?P<part>morning|afternoon)", _part_of_today),
    (r"(?:" + WEEKDAY + r" )?(?:the )?" + DAY + r" (?:of )?" + MONTH + r"(?: " + YEAR + r")?",
     _full_date),
    (r"(?:" + WEEKDAY + r" )?" + MONTH + r" " + DAY + r"(?: " + YEAR + r")?", _full_date),
    (r"(?P<iso>\d{4}-\d{2}-\d{2})|(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)",
     _numeric_date),
    (MONTH + r" (?:of )?" + YEAR, _month_year),
    (r"(?:" + REL + r" )?" + MONTH, _month),
    (MONTH + r" (?:of )?(?P<rel>this|last|next) year", _month_of_year),
    (r"(?:fiscal |calendar |the year |fy )?(?P<year>\d{4})", _year_rule),
    (r"(?:the year |the )?(?:" + MONTH + r" )?" + SPELLED, _spelled_year),
    (r"(?:the )?(?:early |late |mid )?(?P<nth>\d{1,2}(?:st|nd|rd|th)|"
     + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r") century", _century),
    (r"(?:the )?(?:early |late |mid )?(?P<decade>\d{3}0|'?\d0)s", _decade),
    (r"(?:the )?(?:early |late |mid )?(?:nineteen )?(?P<tens>twenties|thirties|forties|fifties|"
     r"sixties|seventies|eighties|nineties)", _decade_word),
    (r"(?:" + REL + r" )?" + WEEKDAY + r"(?: " + PART + r")?", _weekday),
    (r"(?:" + REL + r" )?" + PART + r" " + WEEKDAY, _weekday),
    (r"(?P<every>daily|nightly|weekly|monthly|annual|annually|yearly|hourly|quarterly|"
     r"biweekly|biannual|semiannual)", _set),
    (r"(?P<every>every|each|per)(?: other)? (?:(?P<num>\w+) )?(?:" + UNIT + "|"
     + WEEKDAY + "|" + MONTH + ")", _set),
    (REL + r" (?:fiscal )?(?P<unit>week|weekend|month|quarter|year|period)", _relative_unit),
    (r"year end", _year_end),
    (NUM + r" " + UNIT + r" (?P<dir>ago|earlier|later|before|after|from now|hence|on|back)",
     _ago),
    (r"(?:the )?year (?:earlier|ago)(?: (?P<unit>quarter|period|level|month))?", _year_ago),
    (r"(?:the )?(?:(?P<qyear2>\d{4})(?:'s)? |(?P<yrel>this|last|next) year's |"
     r"(?P<ago>year (?:ago|earlier)) )?(?:comparable |corresponding |same )?(?:fiscal )?"
     r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)(?: fiscal| calendar)? "
     r"(?P<kind>quarter|half)(?: of (?:fiscal )?(?P<qyear>\d{4}))?", _quarter),
    (r"(?:the )?(?:(?P<year>\d{4})|(?P<yrel>this|last|next) year's) (?:fiscal )?"
     r"(?P<unit>quarter|period)", _period_of_year),
    (r"(?:" + REL + r" )?(?P<season>spring|summer|fall|autumn|winter)(?: (?:of )?"
     + r"(?:" + YEAR + "|" + SPELLED + r"))?", _season),
    (r"(?:(?:the|his|her|their|its) )?(?:(?:past|last|next|first|coming|previous|final|"
     r"following|latest|remaining|same|recent|initial|entire|whole|full|other) )*"
     r"(?:" + NUM + r"(?P<half> 1/2| and a half)? )?(?:more |additional |straight |"
     r"consecutive )?" + UNIT + r"(?P<half2> and a half)?(?: long| old)?", _duration),
    (r"(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)", _vague_duration),
    (r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d\d))? ?(?P<ampm>am|pm|a m|p m)"
     r"|(?P<word>noon|midnight|midday))(?: (?:[a-z]{2}t|gmt|utc))?(?: (?:on )?(?P<rest>.+))?",
     _clock),
    (r"(?P<holiday>" + "|".join(sorted(HOLIDAYS, key=len, reverse=True))
     + r"|thanksgiving day|thanksgiving)", _holiday),
]
RULES = [(re.compile(pattern), rule) for pattern, rule in _RULE_TABLE]
