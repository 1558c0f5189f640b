"""No article stalls a run: quotation storms are linear, a per-article time budget
(`article_timeout_s`, error kind too_slow) and one size rule (`max_article_bytes` within the
parser's limit, error kind too_large)."""

from __future__ import annotations

import random

import pytest

import dragoman.pipeline as pipeline_module
import dragoman.stages.quotes.extract as quotes_module
from dragoman.errors import ConfigError
from dragoman.pipeline import Pipeline, text_blocks
from dragoman.records import Article, Failure, Record
from dragoman.settings import PARSER_MAX_CHARS, Settings
from dragoman.stages.quotes.speakers import _Union

STORM = "“We will go,” she said, “and they will stay.” "


def test_union_of_ranges_answers_as_a_scan_of_every_range_would() -> None:
    rng = random.Random(17)
    for _ in range(2000):
        union, ranges = _Union(), []
        for _ in range(rng.randint(0, 10)):
            start, end = rng.randint(0, 40), rng.randint(0, 40)
            union.add(start, end)
            ranges.append((start, end))
        for offset in range(-1, 42):
            assert (offset in union) == any(s <= offset < e for s, e in ranges)


def _storm_comparisons(pipeline: Pipeline, units: int, monkeypatch) -> tuple[int, Record]:
    calls = 0
    same_words = quotes_module._same_words

    def counted(*args: object) -> bool:
        nonlocal calls
        calls += 1
        return same_words(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(quotes_module, "_same_words", counted)
    (record,) = pipeline.process([Article("storm", STORM * units, "2021-03-10")])
    assert isinstance(record, Record)
    return calls, record


def test_a_quotation_storm_is_linear_and_every_quote_is_found(
        pipeline: Pipeline, monkeypatch) -> None:
    small, record = _storm_comparisons(pipeline, 40, monkeypatch)
    large, doubled = _storm_comparisons(pipeline, 80, monkeypatch)
    # comparing each reading with every one kept before was quadratic: 4× for 2× the text
    assert large <= 2.5 * small + 10
    assert len(doubled.quotes) == 2 * len(record.quotes) == 80
    text = STORM * 80
    for quote in doubled.quotes:
        assert 0 <= quote.content[0] < quote.content[1] <= len(text)
        assert "will" in text[quote.content[0]:quote.content[1]]


def test_an_article_over_the_time_budget_fails_too_slow_and_the_others_go_on(
        pipeline: Pipeline, monkeypatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(pipeline_module.time, "monotonic", lambda: clock[0])
    extract_quotes = pipeline_module.extract_quotes

    def slow_on_one(doc, *args: object, **kwargs: object) -> list:
        if doc.text.startswith("Slow"):
            clock[0] += 61.0  # a stage that took a minute on this article
        return extract_quotes(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline_module, "extract_quotes", slow_on_one)
    monkeypatch.setattr(pipeline, "settings", pipeline.settings.replace(article_timeout_s=60))
    articles = [Article("a", "Talks resumed on Monday."),
                Article("b", "Slow talks resumed.", origin="x:2"),
                Article("c", "The envoys met.")]
    first, failure, last = pipeline.process(articles)
    assert isinstance(first, Record) and isinstance(last, Record)
    assert isinstance(failure, Failure)
    assert (failure.kind, failure.stage, failure.article_id) == ("too_slow", "quotes", "b")
    assert "article_timeout_s" in failure.message and "60 s" in failure.message
    # 0: no limit
    monkeypatch.setattr(pipeline, "settings", pipeline.settings.replace(article_timeout_s=0))
    assert all(isinstance(o, Record) for o in pipeline.process(articles))


def test_a_text_over_the_parsers_limit_is_too_large_naming_both_limits(
        pipeline: Pipeline, monkeypatch) -> None:
    monkeypatch.setattr(pipeline.nlp, "max_length", 30)
    articles = [Article("a", "Talks resumed."), Article("b", "Talks resumed on Monday " * 3),
                Article("c", "The envoys met.")]
    first, failure, last = pipeline.process(articles)
    assert isinstance(first, Record) and isinstance(last, Record)
    assert isinstance(failure, Failure) and failure.kind == "too_large"
    assert "30" in failure.message and f"{pipeline.settings.max_article_bytes:,}" in \
        failure.message


@pytest.mark.parametrize(("name", "value"), [
    ("max_article_bytes", str(PARSER_MAX_CHARS + 1)), ("max_article_bytes", "0"),
    ("article_timeout_s", "-1"), ("article_timeout_s", "nan")])
def test_size_and_time_limits_out_of_range_are_refused(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env(environ={f"DRAGOMAN_{name.upper()}": value})


def test_the_default_size_limit_fits_the_parser(pipeline: Pipeline) -> None:
    assert Settings().max_article_bytes <= pipeline.nlp.max_length


def test_text_blocks_join_back_and_keep_to_the_size() -> None:
    rng = random.Random(3)
    pieces = ["word", " ", "\n", "\n\n", "\t", "“", "x" * 30]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        blocks = text_blocks(text, 40)
        assert "".join(blocks) == text
        assert all(0 < len(b) <= 40 for b in blocks) or text == ""
    assert text_blocks("one two\n\nthree four", 12) == ["one two\n\n", "three four"]
    assert text_blocks("one\n\ntwo three four", 12) == ["one\n\ntwo ", "three four"]
    assert text_blocks("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_a_long_article_is_parsed_block_by_block_into_one_doc_of_its_text(
        pipeline: Pipeline, monkeypatch) -> None:
    monkeypatch.setattr(pipeline_module, "PARSE_BLOCK_CHARS", 80)
    text = ("“We will go,” Foreign Minister Amara Okonjo said on Tuesday.\n\n"
            "Talks resumed in Geneva on Monday.\n\nThe envoys met again.")
    (doc,) = pipeline._parse([Article("a", text)])
    assert not isinstance(doc, Failure)
    assert doc.text == text and len(list(doc.sents)) >= 3
    (record,) = pipeline.process([Article("a", text, "2021-03-10")])
    assert isinstance(record, Record) and record.quotes and record.entities


NESTED = "she said that they said that "
CHAIN = "“We will go,” she said and “they will stay,” he said and "


def _tokens_trimmed(pipeline: Pipeline, units: int, monkeypatch) -> int:
    import dragoman.stages.quotes.frames as frames

    seen = 0
    trimmed = frames._trimmed

    def counted(tokens):  # type: ignore[no-untyped-def]
        nonlocal seen
        tokens = list(tokens)
        seen += len(tokens)
        return trimmed(tokens)

    monkeypatch.setattr(frames, "_trimmed", counted)
    pipeline.process([Article("nested", NESTED * units, "2021-03-10")])
    return seen


def test_reports_nested_in_reports_read_each_clause_from_its_edges(
        pipeline: Pipeline, monkeypatch) -> None:
    # walking each cue's clause made "she said that they said that …" quadratic
    small = _tokens_trimmed(pipeline, 60, monkeypatch)
    large = _tokens_trimmed(pipeline, 120, monkeypatch)
    assert large <= 2.5 * small + 50


def test_a_clause_read_from_its_edges_is_the_clause_walked(pipeline: Pipeline) -> None:
    from dragoman.stages.quotes.frames import _trimmed, _whole_subtree

    texts = [NESTED * 8, "“We will go,” she said, adding that they, who had said that it "
             "was late, would stay, according to him.\n\nHe said that “it was over.”",
             "Officials said on Monday that the talks, which began in May, had failed."]
    checked = 0
    texts.append(CHAIN * 6)
    for doc in pipeline.nlp.pipe(texts):
        for cue in doc:
            children = list(cue.children)
            groups = [[c] for c in children] + [children[:2], children[1:], children]
            for clauses in groups:
                fast = _whole_subtree(clauses, cue)
                if fast is None:
                    continue
                walked = _trimmed(t for c in clauses for t in c.subtree
                                  if (t.i > cue.i) == (c.i > cue.i))
                assert fast == walked
                checked += 1
    assert checked > 20
