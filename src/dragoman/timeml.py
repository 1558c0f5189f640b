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

from dragoman import dates
from dragoman.dates import FUTURE, PAST, SEASONS

Result = tuple[str, str]

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
          "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
          "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
          "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3,
            "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
# Period letters of durations; hours, minutes and seconds go after "T" (ISO 8601).
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
         "fortnight": "W", "weekend": "D", "month": "M", "quarter": "Q", "year": "Y",
         "decade": "Y", "century": "Y"}
UNIT_FACTOR = {"decade": 10, "century": 100, "fortnight": 2, "weekend": 2}
TIME_UNITS = {"second", "minute", "hour"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
           "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
           "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
           "hundred": 100, "couple": 2, "a couple of": 2, "dozen": 12, "a dozen": 12}
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "the", "numerous", "recent",
                 "past", "the past", "the last", "the next", "the coming", "coming"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "last": 4, "final": 4}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "mid afternoon": "AF", "midday": "MI"}
# Vague references (TimeML guidelines §2.2.1.4): no position on the calendar.
REFERENCES = {
    "PRESENT_REF": {"now", "currently", "current", "right now", "at present", "presently",
                    "nowadays", "these days", "at the moment", "the present", "present",
                    "at this time", "this time", "so far", "to date", "as yet", "already"},
    "PAST_REF": {"recently", "recent", "previously", "the past", "formerly", "lately",
                 "in recent years", "recent years", "recent months", "recent weeks",
                 "recent days", "in the past", "historically",
                 "in recent times", "recent times", "the recent past", "years ago"},
    "FUTURE_REF": {"soon", "the future", "future", "in the future", "the near future",
                   "the months and years ahead", "the years ahead", "the months ahead",
                   "the weeks ahead", "the days ahead", "the coming years",
                   "the coming months", "the coming weeks", "the coming days",
                   "eventually", "shortly", "the years to come", "years to come",
                   "the months to come", "the long term", "the long run", "the short term",
                   "the near term", "the foreseeable future", "some day",
                   "someday"},
}
# Fixed-date holidays, (month, day).
HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
            "independence day": (7, 4), "the fourth of july": (7, 4), "halloween": (10, 31),
            "valentine's day": (2, 14), "boxing day": (12, 26), "veterans day": (11, 11)}

# Words before the expression that belong to the clause, not to the value.
_LEADING = re.compile(
    r"^(?:(?:on|in|at|for|over|during|since|until|till|by|from|through|throughout|within|"
    r"about|around|approximately|nearly|almost|some|roughly|only|just|as of|more than|less "
    r"than|at least|up to|as early as|as late as|no later than|beginning|starting|"
    r"early|late|mid|the end of|the beginning of|the start of|the middle of|the close of|"
    r"the turn of|the rest of|the remainder of|end|end of|start of|"
    r"earlier|later|the eve of|eve of) )+")
_MOD_WORDS = ("early", "late", "mid", "earlier", "later", "end", "end of", "the end of",
              "the beginning of", "the start of", "the middle of", "eve of", "the eve of")


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
       r"that|the same|the current|current|the latest|latest|the most recent|the|these|"
       r"those|this past)")


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


def _full_date(match: re.Match[str], ctx: Context) -> Result | None:
    month, day = MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        year = _year(match["year"], ctx)
        return ("DATE", f"{year:04d}-{month:02d}-{day:02d}") if _valid_day(year, month, day) \
            else None
    if not 1 <= day <= 31:
        return None
    value = _day_value(ctx, month, day)
    return None if value is None else ("DATE", value)


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


def _year_rule(match: re.Match[str], ctx: Context) -> Result | None:
    year = int(match["year"])
    return ("DATE", f"{year:04d}") if 1000 <= year <= 2199 else None


def _decade(match: re.Match[str], ctx: Context) -> Result:
    """the 1990s → 199, the '80s → 198."""
    year = _year(match["decade"], ctx)
    return "DATE", f"{year // 10:03d}"


def _weekday(match: re.Match[str], ctx: Context) -> Result:
    weekday = WEEKDAYS[match["weekday"]]
    part = match["part"]
    if ctx.anchor is None:
        day = f"XXXX-WXX-{weekday + 1}"
    else:
        direction = _direction(match["rel"])
        tense = {-1: PAST, 1: FUTURE}.get(direction, ctx.tense)
        day = dates.iso_day(dates.weekday_date(ctx.anchor, weekday, tense,
                                               strict=bool(direction)))
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
    if ctx.anchor is None:
        return "DATE", dates.underspecified(unit)
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
    if amount is None or unit in TIME_UNITS:
        return None
    sign = 1 if match["dir"] in ("later", "after", "from now", "hence", "on") else -1
    if unit in ("decade", "century"):
        amount, unit = amount * UNIT_FACTOR[unit], "year"
    if ctx.anchor is None:
        return "DATE", dates.underspecified(unit)
    if unit == "year" and ctx.reference and re.fullmatch(r"\d{4}-Q\d", ctx.reference):
        # "a year earlier" right after a quarter compares quarters (TimeBank practice).
        return "DATE", f"{int(ctx.reference[:4]) + sign * amount:04d}{ctx.reference[4:]}"
    return "DATE", dates.shifted_value(ctx.anchor, unit, sign * amount)


def _year_ago(match: re.Match[str], ctx: Context) -> Result | None:
    """year-earlier / year-ago (quarter|period): the same period a year before."""
    if ctx.anchor is None:
        return "DATE", "XXXX"
    if ctx.reference and re.fullmatch(r"\d{4}-Q\d", ctx.reference):
        return "DATE", f"{int(ctx.reference[:4]) - 1:04d}{ctx.reference[4:]}"
    if match["unit"] and _unit(match["unit"]) in ("quarter", "period"):
        year, quarter = dates.shift_quarter(*dates.quarter_of(ctx.anchor), -5)
        return "DATE", f"{year:04d}-Q{quarter}"
    return "DATE", f"{ctx.anchor.year - 1:04d}"


def _quarter(match: re.Match[str], ctx: Context) -> Result | None:
    """the third quarter (of 1989), fiscal first half, 1989's fourth quarter."""
    which = ORDINALS.get(match["ord"])
    if which is None:
        return None
    kind = "Q" if match["kind"].startswith("quarter") else "H"
    if kind == "H" and which > 2:
        return None
    year = match["qyear"] or match["qyear2"]
    if year:
        return "DATE", f"{_year(year, ctx):04d}-{kind}{which}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{kind}{which}"
    # A quarter that has not begun yet is last year's unless the clause looks ahead:
    # "fourth-quarter profit rose" in a January article is about the year before.
    starts = (which - 1) * (3 if kind == "Q" else 6) + 1
    year = ctx.anchor.year
    if starts > ctx.anchor.month and ctx.tense != FUTURE:
        year -= 1
    return "DATE", f"{year:04d}-{kind}{which}"


def _season(match: re.Match[str], ctx: Context) -> Result:
    season = SEASONS[match["season"]]
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
    """two hours, a decade, the past three months, ten-year, several weeks."""
    num = match["num"]
    if not num and match["unit"].endswith("s"):
        return "DURATION", duration(None, match["unit"])  # "the days", "the months"
    amount = number(num) if num else 1
    if num and amount is None and num not in VAGUE_NUMBERS:
        return None
    return "DURATION", duration(amount, match["unit"])


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
    (r"(?:" + WEEKDAY + r" )?(?:the )?" + DAY + r" (?:of )?" + MONTH + r"(?: " + YEAR + r")?",
     _full_date),
    (r"(?:" + WEEKDAY + r" )?" + MONTH + r" " + DAY + r"(?: " + YEAR + r")?", _full_date),
    (r"(?P<iso>\d{4}-\d{2}-\d{2})|(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)",
     _numeric_date),
    (MONTH + r" (?:of )?" + YEAR, _month_year),
    (r"(?:" + REL + r" )?" + MONTH, _month),
    (r"(?:fiscal |calendar |the year |fy )?(?P<year>\d{4})", _year_rule),
    (r"(?:the )?(?:early |late |mid )?(?P<decade>\d{3}0|'?\d0)s", _decade),
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
    (r"(?:the )?(?:(?P<qyear2>\d{4})'s )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
     r"(?: fiscal| calendar)? (?P<kind>quarter|half)(?: of (?:fiscal )?(?P<qyear>\d{4}))?",
     _quarter),
    (r"(?:" + REL + r" )?(?P<season>spring|summer|fall|autumn|winter)(?: (?:of )?"
     + YEAR + r")?", _season),
    (r"(?:(?:the|his|her|their|its) )?(?:(?:past|last|next|first|coming|previous|final|"
     r"following|latest|remaining|same|recent|initial|entire|whole|full|other) )*"
     r"(?:" + NUM + r" )?(?:more |additional |straight |consecutive )?" + UNIT
     + r"(?: long| old)?", _duration),
    (r"(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)", _vague_duration),
    (r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d\d))? ?(?P<ampm>am|pm|a m|p m)"
     r"|(?P<word>noon|midnight|midday))(?: (?:[a-z]{2}t|gmt|utc))?(?: (?:on )?(?P<rest>.+))?",
     _clock),
    (r"(?P<holiday>" + "|".join(sorted(HOLIDAYS, key=len, reverse=True))
     + r"|thanksgiving day|thanksgiving)", _holiday),
]
RULES = [(re.compile(pattern), rule) for pattern, rule in _RULE_TABLE]
