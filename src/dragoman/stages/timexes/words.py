"""Word tables for TimeML normalisation (:mod:`.timeml`): month, weekday and unit
names, number words, parts of the day, vague references and fixed holidays."""

from __future__ import annotations

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
           "hundred": 100, "couple": 2, "a couple of": 2, "couple of": 2, "dozen": 12,
           "a dozen": 12}
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
# Ordinal words up to the centuries news names ("the nineteenth century").
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
                 "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                 "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                 "twentieth": 20, "twenty first": 21, "twenty second": 22}
