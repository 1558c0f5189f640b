"""Dates: TimeML normalisation rules, recognition in parsed text, and the clause-date helper."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dragoman import dates
from dragoman.records import Timex
from dragoman.stages.timexes import clause_date, extract_timexes
from dragoman.timeml import normalize_timex

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
    # weekdays by tense
    ("on Tuesday", "past", ("DATE", "2021-03-09")),
    ("on Tuesday", "future", ("DATE", "2021-03-16")),
    ("Wednesday", "past", ("DATE", "2021-03-10")),
    ("last Friday", "", ("DATE", "2021-03-05")),
    ("Friday morning", "past", ("TIME", "2021-03-05TMO")),
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
    ("last summer", "", ("DATE", "2020-SU")),
    ("this summer", "", ("DATE", "2021-SU")),
    ("on the weekend", "past", ("DATE", "2021-W09-WE")),
    ("the weekend", "future", ("DATE", "2021-W10-WE")),
    ("the third quarter", "past", ("DATE", "2020-Q3")),
    ("the first quarter", "past", ("DATE", "2021-Q1")),
    ("the quarter", "", ("DATE", "2020-Q4")),
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


@pytest.mark.parametrize("text", ["Vision", "Solitude", "meeting", "two", "a", "the"])
def test_normalize_rejects_non_dates(text: str) -> None:
    assert normalize_timex(text, WEDNESDAY) is None


def test_year_earlier_follows_a_quarter() -> None:
    assert normalize_timex("a year earlier", WEDNESDAY, "", "2020-Q4") == ("DATE", "2019-Q4")


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


@pytest.mark.parametrize("text", [
    "Theresa May said the plan would work.",  # May as a name
    "May I ask a question?",  # May as a modal
    "Thousands march in Washington.",  # march as a verb
    "March to the sea, the general ordered.",  # March as a verb, capitalised
    "The company launched its 2020 Vision plan.",  # a year in a name
    "He read One Hundred Years of Solitude.",  # a duration in a title
    "A 6-year-old boy was rescued.",  # an age
])
def test_extract_finds_no_date(nlp: Any, text: str) -> None:
    assert _found(nlp, text) == []


def test_extract_without_published_date(nlp: Any) -> None:
    assert _found(nlp, "Psaki said on Tuesday the meeting was on February 11.", None) == [
        ("Tuesday", "DATE", "XXXX-WXX-2"), ("February 11", "DATE", "XXXX-02-11")]


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
