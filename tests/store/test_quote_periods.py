"""Quotes of a period (``since``/``until``): the quotes said in it, and the undated quotes of
its articles, newest article first, page after page — on both backends. A period alone is
read as two ordered walks cut at the page's end (store/sql/reader.py); with a speaker or a
search it is a condition on their short list; both must give the rows the rule gives."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from dragoman.store import open_store
from dragoman.store.queries import QuoteQuery
from tests.fixtures.web_records import records

# when the words were said, for some quotes: inside and outside their article's month,
# a day, a month and a range
SAID = ["2021-03-01", None, "2021-02", "2021-03-15/2021-03-20", "2020-12-24", None,
        "2021-05-10", None, "2021-06-01", None]
PERIODS = [("2021-03-01", "2021-03-31"), ("2021-02-01", "2021-04-30"), ("", "2021-03-09"),
           ("2021-06-01", "2021-06-30"), ("2019-01-01", "2019-12-31"), ("2021-01-01", "2021-12-31")]


def dated_records() -> list[dict[str, Any]]:
    said = iter(SAID * 3)
    chosen = copy.deepcopy(records())
    for record in chosen:
        for quote in record["quotes"]:
            quote["date"] = next(said)
    return chosen


def in_period(quote_date: str | None, published: str, since: str, until: str) -> bool:
    if quote_date is None:
        return since <= published <= until
    return (since <= quote_date <= until + "~" and quote_date[:10] >= since
            and quote_date[-10:] <= until)


@pytest.fixture
def store(store_url: str) -> Any:
    opened = open_store(store_url)
    run = opened.begin_run("test", [], {}, "hand-made")
    opened.write_batch(run, dated_records(), [], {})
    yield opened
    opened.close()


def expected(store: Any, since: str, until: str) -> set[tuple[str, int]]:
    """The rule, applied to every stored quote that is not a repeat of another."""
    rows = store.rows("SELECT q.article_id, q.idx, q.date, a.published FROM quotes q "
                      "JOIN articles a ON a.id = q.article_id WHERE q.duplicate_of IS NULL")
    return {(r["article_id"], r["idx"]) for r in rows
            if in_period(r["date"], r["published"], since, until)}


@pytest.mark.parametrize(("since", "until"), PERIODS)
def test_a_period_gives_its_dated_and_undated_quotes(store: Any, since: str,
                                                     until: str) -> None:
    rows = store.quotes(QuoteQuery(since=since or None, until=until, limit=100))
    assert {(r["article_id"], r["idx"]) for r in rows} == expected(store, since, until)
    order = [(r["published"], r["article_id"]) for r in rows]
    assert [p for p, _ in order] == sorted((p for p, _ in order), reverse=True)


@pytest.mark.parametrize(("since", "until"), PERIODS)
def test_pages_of_a_period_follow_each_other(store: Any, since: str, until: str) -> None:
    whole = store.quotes(QuoteQuery(since=since or None, until=until, limit=100))
    pages = [store.quotes(QuoteQuery(since=since or None, until=until, limit=2, offset=o))
             for o in range(0, len(whole) + 2, 2)]
    assert [row for page in pages for row in page] == whole


def test_a_period_with_a_search_gives_the_same_rows_as_filtering_the_period(store: Any) -> None:
    """The other path (the search's hits, then the period as a condition) agrees."""
    period = store.quotes(QuoteQuery(since="2021-02-01", until="2021-04-30", limit=100))
    assert period
    word = period[0]["content"].split()[0].strip("“”\",.")
    searched = store.quotes(QuoteQuery(since="2021-02-01", until="2021-04-30", search=word,
                                       limit=100))
    assert searched and all(row in period for row in searched)
