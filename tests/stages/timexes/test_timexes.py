"""Dates: TimeML normalisation rules, recognition in parsed text, and the clause-date helper."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dragoman.records import Timex
from dragoman.stages.timexes import calendar as dates
from dragoman.stages.timexes import extract as timexes
from dragoman.stages.timexes.extract import clause_date, extract_timexes
from dragoman.stages.timexes.timeml import normalize_timex
from dragoman.text import fold_case

WEDNESDAY = date(2021, 3, 10)  # the seed article's date


# -- normalisation: expression + article date + tense → (type, value) -------------------------
@pytest.mark.parametrize(("text", "tense", "expected"), [
    # absolute and partial dates
    ("March 9, 2021", "", ("DATE", "2021-03-09")),
    ("9 March 2021", "", ("DATE", "2021-03-09")),
    ("Aug. 7, 1998", "", ("DATE", "1998-08-07")),
    ("February 11", "past", ("DATE", "2021-02-11")),
    ("February 11", "", ("DATE", "2021-02-11")),
    ("in January", "past", ("DATE", "2021-01")),
    ("January", "future", ("DATE", "2022-01")),
    ("in 2019", "", ("DATE", "2019")),
    ("July 1997", "", ("DATE", "1997-07")),
    ("fiscal 1989", "", ("DATE", "1989")),
    ("the 1990s", "", ("DATE", "199")),
    ("early March", "", ("DATE", "2021-03")),
    ("the end of November", "past", ("DATE", "2020-11")),
    ("June last year", "", ("DATE", "2020-06")),
    ("January this year", "", ("DATE", "2021-01")),
    ("Monday, March 15", "past", ("DATE", "2021-03-15")),  # the weekday picks the year
    ("nineteen ninety-six", "", ("DATE", "1996")),
    ("January nineteen ninety-seven", "", ("DATE", "1997-01")),
    ("the year two thousand", "", ("DATE", "2000")),
    ("nineteen oh five", "", ("DATE", "1905")),
    ("the winter of nineteen ninety-four", "", ("DATE", "1994-WI")),
    ("the 20th century", "", ("DATE", "19")),
    ("the nineteenth century", "", ("DATE", "18")),
    ("the nineties", "", ("DATE", "199")),
    ("the early eighties", "", ("DATE", "198")),
    # weekdays by tense
    ("on Tuesday", "past", ("DATE", "2021-03-09")),
    ("on Tuesday", "future", ("DATE", "2021-03-16")),
    ("Wednesday", "past", ("DATE", "2021-03-10")),
    ("last Friday", "", ("DATE", "2021-03-05")),
    ("Friday morning", "past", ("TIME", "2021-03-05TMO")),
    ("mid-afternoon yesterday", "", ("TIME", "2021-03-09TAF")),
    ("mid afternoon", "", ("TIME", "2021-03-10TAF")),
    # relative
    ("yesterday", "", ("DATE", "2021-03-09")),
    ("today", "", ("DATE", "2021-03-10")),
    ("tomorrow", "", ("DATE", "2021-03-11")),
    ("last night", "", ("TIME", "2021-03-09TNI")),
    ("last week", "", ("DATE", "2021-W09")),
    ("next week", "", ("DATE", "2021-W11")),
    ("two days ago", "", ("DATE", "2021-03-08")),
    ("three weeks ago", "", ("DATE", "2021-W07")),
    ("next month", "", ("DATE", "2021-04")),
    ("last month", "", ("DATE", "2021-02")),
    ("earlier this year", "", ("DATE", "2021")),
    ("last year", "", ("DATE", "2020")),
    ("a year ago", "", ("DATE", "2020")),
    ("several years ago", "", ("DATE", "PAST_REF")),
    ("a few weeks ago", "", ("DATE", "PAST_REF")),
    ("the past year", "", ("DATE", "2020")),  # TimeBank names the year
    ("the full year", "", ("DATE", "2021")),
    ("the past month", "", ("DURATION", "P1M")),
    ("last summer", "", ("DATE", "2020-SU")),
    ("this summer", "", ("DATE", "2021-SU")),
    ("on the weekend", "past", ("DATE", "2021-W09-WE")),
    ("the weekend", "future", ("DATE", "2021-W10-WE")),
    ("the third quarter", "past", ("DATE", "2020-Q3")),
    ("the first quarter", "past", ("DATE", "2021-Q1")),
    ("the quarter", "", ("DATE", "2020-Q4")),
    ("the 2019 second quarter", "", ("DATE", "2019-Q2")),
    ("the year-ago third quarter", "past", ("DATE", "2019-Q3")),
    ("next year's first quarter", "", ("DATE", "2022-Q1")),
    ("the fiscal-first quarter", "past", ("DATE", "2021-Q1")),
    ("the last half of 2020", "", ("DATE", "2020-H2")),
    ("the 2019 quarter", "", ("DATE", "2019-Q4")),  # the one just reported, in 2019
    ("year-end", "future", ("DATE", "2021-12-31")),
    ("Christmas", "future", ("DATE", "2021-12-25")),
    # durations
    ("for a decade", "", ("DURATION", "P10Y")),
    ("over two hours", "", ("DURATION", "PT2H")),
    ("the past three months", "", ("DURATION", "P3M")),
    ("the first nine months", "", ("DURATION", "P9M")),
    ("two-year", "", ("DURATION", "P2Y")),
    ("30 minutes", "", ("DURATION", "PT30M")),
    ("several weeks", "", ("DURATION", "PXW")),
    ("years", "", ("DURATION", "PXY")),
    ("2 1/2 years", "", ("DURATION", "P2Y6M")),
    ("5 1/2 hours", "", ("DURATION", "PT5H30M")),
    ("a minute and a half", "", ("DURATION", "PT1M30S")),
    ("two and a half weeks", "", ("DURATION", "P2.5W")),
    ("the next couple of years", "", ("DURATION", "P2Y")),
    # sets
    ("annual", "", ("SET", "P1Y")),
    ("daily", "", ("SET", "P1D")),
    ("every week", "", ("SET", "P1W")),
    ("each Thursday", "", ("SET", "XXXX-WXX-4")),
    # references
    ("now", "", ("DATE", "PRESENT_REF")),
    ("currently", "", ("DATE", "PRESENT_REF")),
    ("recently", "", ("DATE", "PAST_REF")),
    ("in the past", "", ("DATE", "PAST_REF")),
    ("in the months and years ahead", "", ("DATE", "FUTURE_REF")),
    ("the future", "", ("DATE", "FUTURE_REF")),
    # clock times
    ("10:35 a.m.", "", ("TIME", "2021-03-10T10:35")),
    ("10 p.m. Tuesday", "past", ("TIME", "2021-03-09T22:00")),
    ("noon", "", ("TIME", "2021-03-10T12:00")),
])
def test_normalize(text: str, tense: str, expected: tuple[str, str]) -> None:
    assert normalize_timex(text, WEDNESDAY, tense) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("February 11", ("DATE", "XXXX-02-11")),
    ("on Tuesday", ("DATE", "XXXX-WXX-2")),
    ("in January", ("DATE", "XXXX-01")),
    ("last week", ("DATE", "XXXX-WXX")),
    ("yesterday", ("DATE", "XXXX-XX-XX")),
    ("the weekend", ("DATE", "XXXX-WXX-WE")),
    ("March 9, 2021", ("DATE", "2021-03-09")),
    ("for a decade", ("DURATION", "P10Y")),
])
def test_normalize_without_article_date(text: str, expected: tuple[str, str]) -> None:
    """No publication date: relative values stay underspecified, never today's clock."""
    assert normalize_timex(text, None, "past") == expected


@pytest.mark.parametrize("text", ["Vision", "Solitude", "meeting", "two", "a", "the",
                                  "the day", "his year", "the 1988 second", "nineteen",
                                  "twelve fifteen", "the last quarter of", "the last half"])
def test_normalize_rejects_non_dates(text: str) -> None:
    assert normalize_timex(text, WEDNESDAY) is None


def test_year_earlier_follows_a_quarter() -> None:
    assert normalize_timex("a year earlier", WEDNESDAY, "", "2020-Q4") == ("DATE", "2019-Q4")


@pytest.mark.parametrize(("text", "reference", "expected"), [
    # a year-ago comparison is made against a current quarter, not against a year-ago one
    ("a year ago", "2019-Q4", ("DATE", "2020")),
    ("the year-ago quarter", "2020-Q4", ("DATE", "2019-Q4")),
    # the story's own dates anchor "that year", "the following year", "the previous Friday"
    ("that year", "1995-05-22", ("DATE", "1995")),
    ("later that year", "1998-06", ("DATE", "1998")),
    ("the following year", "1995-05-22", ("DATE", "1996")),
    ("the following month", "1989-03", ("DATE", "1989-04")),
    ("the previous Friday", "2021-02-26", ("DATE", "2021-02-19")),
    ("the 2019 period", "2021-Q1", ("DATE", "2019-Q1")),
    ("last year's quarter", "2020-Q4", ("DATE", "2020-Q4")),
    ("that year", None, ("DATE", "2021")),  # nothing named yet: the article's year
])
def test_normalize_against_the_story(text: str, reference: str | None,
                                     expected: tuple[str, str]) -> None:
    assert normalize_timex(text, WEDNESDAY, "", reference) == expected


# -- calendar helpers ---------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "expected"), [
    ("2021-03-09", "2021-03-09"),
    ("2021-W09-WE", "2021-03-06/2021-03-07"),
    ("2021-W09", "2021-03-01/2021-03-07"),
    ("2021-02", "2021-02-01/2021-02-28"),
    ("2020-Q4", "2020-10-01/2020-12-31"),
    ("2020", "2020-01-01/2020-12-31"),
    ("2021-03-09T22:00", "2021-03-09"),
])
def test_value_interval(value: str, expected: str) -> None:
    interval = dates.value_interval(value)
    assert interval is not None
    assert dates.interval_text(*interval) == expected


@pytest.mark.parametrize("value", ["PRESENT_REF", "P10Y", "XXXX-02-11", "2021-SU"])
def test_value_interval_none(value: str) -> None:
    assert dates.value_interval(value) is None


@pytest.mark.parametrize(("published", "expected"), [
    ("2021-03-10", date(2021, 3, 10)), ("2021-03-10T08:00:00Z", date(2021, 3, 10)),
    (None, None), ("", None), ("March 2021", None), ("2021-13-01", None),
])
def test_parse_published(published: str | None, expected: date | None) -> None:
    assert dates.parse_published(published) == expected


# -- recognition in parsed text -----------------------------------------------------------------
def _found(nlp: Any, text: str, published: str | None = "2021-03-10") -> list[tuple[str, ...]]:
    doc = nlp(text)
    return [(text[t.span[0]:t.span[1]], t.type, t.value)
            for t in extract_timexes(doc, published)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Jen Psaki said on Tuesday that talks were under way.",
     [("Tuesday", "DATE", "2021-03-09")]),
    ("The two leaders will meet on Tuesday in Anchorage.",
     [("Tuesday", "DATE", "2021-03-16")]),
    ("They talked on the phone on February 11, for over two hours.",
     [("February 11", "DATE", "2021-02-11"), ("two hours", "DURATION", "PT2H")]),
    ("Biden took office in January.", [("January", "DATE", "2021-01")]),
    ("Wang spoke at the annual press conference on the weekend.",
     [("annual", "SET", "P1Y"), ("the weekend", "DATE", "2021-W09-WE")]),
    ("Prices rose last week and are now falling.",
     [("last week", "DATE", "2021-W09"), ("now", "DATE", "PRESENT_REF")]),
    ("The firm was founded in 2019 and has grown for a decade.",
     [("2019", "DATE", "2019"), ("a decade", "DURATION", "P10Y")]),
    ("The deal was signed two days ago.", [("two days ago", "DATE", "2021-03-08")]),
    ("He was recently promoted.", [("recently", "DATE", "PAST_REF")]),
    ("The talks collapsed last summer.", [("last summer", "DATE", "2020-SU")]),
    ("Growth slowed in early March.", [("early March", "DATE", "2021-03")]),
    ("The two presidents talked on the eve of the Lunar New Year on February 11.",
     [("the eve of the Lunar New Year on February 11", "DATE", "2021-02-11")]),
])
def test_extract(nlp: Any, text: str, expected: list[tuple[str, ...]]) -> None:
    assert _found(nlp, text) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a date on a noun or an adjective takes no tense from the clause
    ("The board declared a dividend, payable Dec. 7 to holders of record Nov. 22.",
     "1989-10-27", [("Dec. 7", "DATE", "1989-12-07"), ("Nov. 22", "DATE", "1989-11-22")]),
    # a past clause can name a later end point
    ("The offer was extended to Nov. 16.", "1989-10-30", [("Nov. 16", "DATE", "1989-11-16")]),
    ("The official said the boy must be returned to his father by Jan. 14.", "2000-01-06",
     [("Jan. 14", "DATE", "2000-01-14")]),
    # a present passive is no past tense
    ("The relatives may lose when the case is heard in May.", "2000-03-29",
     [("May", "DATE", "2000-05")]),
    ("In nineteen ninety-one Keating was convicted in state court.", "1998-01-15",
     [("nineteen ninety-one", "DATE", "1991")]),
    ("It took a $415 million charge in the 1988 second quarter.", "1989-11-02",
     [("the 1988 second quarter", "DATE", "1988-Q2")]),
    ("National Intergroup in the year-ago third quarter earned $22.5 million.", "1989-10-30",
     [("the year-ago third quarter", "DATE", "1988-Q3")]),
    ("The ratification process began in February this year.", "1998-12-03",
     [("February this year", "DATE", "1998-02")]),
    ("By mid-afternoon yesterday, shares had recovered.", "1989-11-02",
     [("mid-afternoon yesterday", "TIME", "1989-11-01TAF")]),
    ("The Times said in an editorial on Saturday, April 25: the court erred.", "1998-04-24",
     [("Saturday, April 25", "DATE", "1998-04-25")]),
    ("He was made a general on May 22, 1995, and the following year he was appointed "
     "minister.", "1998-04-18",
     [("May 22, 1995", "DATE", "1995-05-22"), ("the following year", "DATE", "1996")]),
    ("Hate group numbers dropped through the nineties.", "1998-03-03",
     [("the nineties", "DATE", "199")]),
    ("The fabled 11th century temple is the main attraction.", "1998-02-19",
     [("11th century", "DATE", "10")]),
    ("The search lasted 2 1/2 years.", "1998-02-27", [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("They met several years ago.", "1998-02-13", [("several years ago", "DATE", "PAST_REF")]),
])
def test_extract_against_the_article_date(nlp: Any, text: str, published: str,
                                          expected: list[tuple[str, ...]]) -> None:
    assert _found(nlp, text, published) == expected


@pytest.mark.parametrize("text", [
    "Theresa May said the plan would work.",  # May as a name
    "May I ask a question?",  # May as a modal
    "Thousands march in Washington.",  # march as a verb
    "March to the sea, the general ordered.",  # March as a verb, capitalised
    "The company launched its 2020 Vision plan.",  # a year in a name
    "He read One Hundred Years of Solitude.",  # a duration in a title
    "A 6-year-old boy was rescued.",  # an age
    "Kopp was in his 30s when his father remarried.",  # an age
    "The company cut its quarterly dividend.",  # "quarterly" describing a noun (TimeBank)
    "Iraq imports about three-quarters of its food.",  # a fraction
    "A second group of directors joined the board.",  # an ordinal
    "Nineteen people were hurt and two thousand fled.",  # numbers, not years
    "She remembered her year in kindergarten.",  # no length meant
    "He arrived in Philadelphia later in the day.",  # "the day" is no duration
])
def test_extract_finds_no_date(nlp: Any, text: str) -> None:
    assert _found(nlp, text) == []


def test_extract_without_published_date(nlp: Any) -> None:
    assert _found(nlp, "Psaki said on Tuesday the meeting was on February 11.", None) == [
        ("Tuesday", "DATE", "XXXX-WXX-2"), ("February 11", "DATE", "XXXX-02-11")]


@pytest.mark.shared
@pytest.mark.parametrize("case", [str, str.upper, str.lower, str.title, str.swapcase])
def test_pattern_scan_finds_what_each_pattern_finds(seed_gold: dict[str, Any],
                                                    case: Any) -> None:
    """Trying the patterns only where the one scan says is the same as running each of them
    over every region."""
    text = case(seed_gold["text"] + "\nOn Dec. 7, 1998, a 6-year-old MAY march in May. "
                "It ran for two hours, twice a week, since spring: the 1990s, nineteen "
                "ninety-six, 10:30 a.m. EST Friday, Christmas Eve.")
    folded = fold_case(text)
    expected, found = [], []
    for first, last in timexes._regions(folded):
        for pattern in timexes._RECOGNIZER:
            expected += [(m.re.pattern, m.span()) for m in pattern.finditer(text, first, last)]
        found += [(m.re.pattern, m.span())
                  for m in timexes._pattern_matches(text, folded, first, last)]
    assert len(expected) > 10
    assert sorted(found) == sorted(expected)


def test_timex_to_dict() -> None:
    timex = Timex((3, 10), "DATE", "2021-03-09")
    assert timex.to_dict() == {"span": [3, 10], "type": "DATE", "value": "2021-03-09"}


# -- the date of a clause -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "verb", "expected"), [
    ("Biden and Xi talked on the phone on February 11.", "talked", "2021-02-11"),
    ("Wang spoke to reporters on the weekend, saying China was ready.", "spoke",
     "2021-03-06/2021-03-07"),
    ("Psaki said on Tuesday that the meeting would take place.", "said", "2021-03-09"),
    ("Psaki said on Tuesday that the meeting would take place.", "take", None),
    ("The two sides have talked about many issues.", "talked", None),
])
def test_clause_date(nlp: Any, text: str, verb: str, expected: str | None) -> None:
    doc = nlp(text)
    timexes = extract_timexes(doc, "2021-03-10")
    token = next(t for t in doc if t.text == verb)
    assert clause_date(token, timexes) == expected


@pytest.mark.shared
def test_seed_timexes_found_with_their_values(nlp: Any, seed_gold: dict[str, Any]) -> None:
    """Every required gold timex of the seed article is found with the gold value."""
    doc = nlp(seed_gold["text"])
    found = extract_timexes(doc, seed_gold["published"])
    for gold in seed_gold["timexes"]:
        if gold.get("optional"):
            continue
        start, end = gold["span"]
        overlapping = [t for t in found if t.span[0] < end and start < t.span[1]]
        assert overlapping, seed_gold["text"][start:end]
        assert overlapping[0].value == gold["value"], seed_gold["text"][start:end]


# -- bare days in a dated list take the list's year ----------------------------------------------
# Lists written for these tests (the shape of a news timeline, not copied from one).
FORWARD_LIST = (
    "Here is how the crisis in Veridia unfolded. Dec 28, 2010 - Dockworkers in Port Alma walk "
    "out over unpaid wages.\n\n"
    "January 9 - The strike spreads to the capital. January 30 - Police disperse a march.\n\n"
    "February 14 - The governor resigns. March 19 - Foreign mediators arrive in Port Alma.\n\n"
    "Officials expect talks to resume on March 19.")
BACKWARD_LIST = (
    "The latest events, newest first:\n"
    "September 2 - The council approves a budget.\n"
    "June 11 - Opposition lawmakers walk out.\n"
    "March 19 - The council is sworn in.\n"
    "November 30, 2016 - Voters elect a new council.\n")
UNDATED_LIST = (
    "How the war went:\n"
    "March 19: Jets strike the coastal road.\n"
    "May 2: Rebels take the airport.\n"
    "August 21: Rebels enter the capital.\n")


@pytest.mark.parametrize(("text", "published", "expected"), [
    # an October article: the nearest March 19 is in 2012, the list's is in 2011
    (FORWARD_LIST, "2011-10-20", ["2010-12-28", "2011-01-09", "2011-01-30", "2011-02-14",
                                  "2011-03-19", "2012-03-19"]),
    (BACKWARD_LIST, "2017-10-01", ["2017-09-02", "2017-06-11", "2017-03-19", "2016-11-30"]),
    # no year in the list: it recounts the past up to the article
    (UNDATED_LIST, "2011-10-20", ["2011-03-19", "2011-05-02", "2011-08-21"]),
    (UNDATED_LIST, "2012-02-01", ["2011-03-19", "2011-05-02", "2011-08-21"]),
])
def test_bare_days_in_a_dated_list_take_the_lists_year(nlp: Any, text: str, published: str,
                                                       expected: list[str]) -> None:
    found = extract_timexes(nlp(text), published, text)
    assert [t.value for t in found if t.type == "DATE"] == expected


def test_two_dated_lines_are_no_list(nlp: Any) -> None:
    """Fewer than three day-led items keep the usual year: the nearest to the article's date
    (so these two are out of order, as the issue saw)."""
    text = "March 19 - Jets strike the coastal road.\nMay 2 - Rebels take the airport.\n"
    found = extract_timexes(nlp(text), "2011-10-20", text)
    assert [t.value for t in found] == ["2012-03-19", "2011-05-02"]


def _day_timexes(text: str, values: list[str]) -> list[Timex]:
    """One DATE timex per "Month Day[, Year]" in ``text``, in order, with the given values."""
    import re

    found = re.finditer(r"(?:January|February|March|May|June|August|September|November|"
                        r"December) \d{1,2}(?:, \d{4})?", text)
    return [Timex((m.start(), m.end()), "DATE", v) for m, v in zip(found, values, strict=True)]


@pytest.mark.parametrize(("text", "values", "expected"), [
    # forward list, year given first: each later bare day follows the previous item
    ("March 2, 2011 - a. May 5 - b. January 9 - c.", ["2011-03-02", "2011-05-05", "2012-01-09"],
     ["2011-03-02", "2011-05-05", "2012-01-09"]),
    ("December 30, 2010 - a. January 9 - b. March 19 - c.",
     ["2010-12-30", "2011-01-09", "2012-03-19"], ["2010-12-30", "2011-01-09", "2011-03-19"]),
    # items ahead of the first year keep the order with what follows
    ("November 3 - a. December 9 - b. February 1, 2011 - c.",
     ["2011-11-03", "2011-12-09", "2011-02-01"], ["2010-11-03", "2010-12-09", "2011-02-01"]),
    # must change nothing: a day inside a sentence is no item; two items are no list
    ("Talks on March 19 - and more. May 5 - b. June 9 - c.",
     ["2012-03-19", "2011-05-05", "2011-06-09"], ["2012-03-19", "2011-05-05", "2011-06-09"]),
    ("March 19 - a. May 5 - b.", ["2012-03-19", "2011-05-05"], ["2012-03-19", "2011-05-05"]),
    # no anchor and no year: nothing to go by
    ("March 19 - a. May 5 - b. June 9 - c.", ["XXXX-03-19", "XXXX-05-05", "XXXX-06-09"],
     ["XXXX-03-19", "XXXX-05-05", "XXXX-06-09"]),
])
def test_resolve_list_years(text: str, values: list[str], expected: list[str]) -> None:
    from dragoman.stages.timexes.lists import resolve_list_years

    anchor = None if values[0].startswith("X") else date(2011, 10, 20)
    resolved = resolve_list_years(text, _day_timexes(text, values), anchor)
    assert [t.value for t in resolved] == expected


def test_a_list_slightly_out_of_order_keeps_its_year() -> None:
    """"June 28" before "June 19" is disorder within a year, not a year boundary: the list
    below ends on the article's day, so everything before it is one and two years back."""
    from dragoman.stages.timexes.lists import resolve_list_years

    text = ("March 22: a. November 6: b. January 1: c. June 28: d. June 19: e. "
            "December 26: f. May 2: g.")
    values = ["2005-03-22", "2004-11-06", "2005-01-01", "2004-06-28", "2005-06-19",
              "2004-12-26", "2005-05-02"]
    resolved = resolve_list_years(text, _day_timexes(text, values), date(2005, 5, 2))
    assert [t.value for t in resolved] == ["2003-03-22", "2003-11-06", "2004-01-01",
                                           "2004-06-28", "2004-06-19", "2004-12-26",
                                           "2005-05-02"]


def test_a_bare_day_inside_an_item_is_near_the_items_day() -> None:
    from dragoman.stages.timexes.lists import resolve_list_years

    text = ("January 30, 2011 - a. February 17 - Activists call February 17 a day of rage. "
            "March 19 - c, as on March 2.\nLater, on May 1, more.")
    values = ["2011-01-30", "2012-02-17", "2012-02-17", "2012-03-19", "2012-03-02",
              "2012-05-01"]
    resolved = resolve_list_years(text, _day_timexes(text, values), date(2011, 10, 20))
    # the last item ends with its paragraph: "May 1" after it keeps its own year
    assert [t.value for t in resolved] == ["2011-01-30", "2011-02-17", "2011-02-17",
                                           "2011-03-19", "2011-03-02", "2012-05-01"]
