"""Property-based tests (hypothesis): hostile text through the readers and every stage.

Whatever the bytes of a file or the fields of a record, a reader yields Articles or
InputErrors and never raises. Whatever the text of an admitted article (control characters,
right-to-left marks, emoji, storms of combining marks or quotation marks, unbalanced quotes),
the pipeline gives a record whose every offset lies inside the text, with no stage failing,
or a clean error (too slow, not English). Bounded: a few dozen examples each, no deadline per
example (the pipeline's own time budget applies), the session's one spaCy pipeline.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.errors import InputError
from dragoman.pipeline import Pipeline, TooSlow
from dragoman.readers import FIRST_YEAR, LAST_YEAR, make_article, read_articles, read_jsonl
from dragoman.records import Article, Failure, Record

LIMIT = 20_000  # max_article_bytes in these tests
BOUNDED = settings(max_examples=50, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces a hostile text is made of; joined in any order and number.
SENTENCES = [
    "The foreign minister said on Tuesday that talks would resume in Geneva.",
    '"We will not accept this," she said, "and neither will our neighbours."',
    "“The army must withdraw,” the envoy told reporters in Nairobi on 3 March 2021.",
    "Police arrested 40 protesters outside parliament, a spokesman said.",
    "'Never,' he said. “Never again”, said the President of France.",
    "On 12/31/9999 and in the year 0, on 31 February, at 25:61.",
    "\n\n", "\n", " ", "—", "...",
]
HOSTILE = (
    "\u0000\u0001\u0007\u001b\u007f\u0085\u00ad"  # controls, NEL, soft hyphen
    "\u200b\u200c\u200d\u2028\u2029\u2060\ufeff\ufffd"  # zero-width, separators, BOM
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\u061c"  # bidi controls
    "\u0301\u0308\u0338\u20dd\u0489"  # combining marks
    "\"'`«»‹›“”„‟‘’‚‛「」『』"  # quotation marks
    "\u05e9\u05dc\u05d5\u05dd\u0627\u0644\u0633\u0644\u0627\u0645"  # Hebrew, Arabic
    "👩\u200d👩\u200d👧🇫🇷🏳️\u200d🌈"  # emoji sequences
    "²٣߃Ⅻ"  # digits that are not ASCII
)
storms = st.builds(lambda piece, n: piece * n, st.sampled_from([*HOSTILE, '"', "“”"]),
                   st.integers(1, 1500))
pieces = st.one_of(st.sampled_from(SENTENCES), st.text(alphabet=HOSTILE, max_size=40),
                   st.text(max_size=40), storms)
texts = st.lists(pieces, min_size=1, max_size=25).map("".join)
surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
with_surrogates = st.tuples(texts, surrogates, texts).map("".join)


def offsets(value: Any) -> Iterator[tuple[int, int]]:
    """Every [start, end] pair of character offsets in a CONTRACT record."""
    if isinstance(value, dict):
        for item in value.values():
            yield from offsets(item)
    elif isinstance(value, list):
        if len(value) == 2 and all(type(x) is int for x in value):
            yield value[0], value[1]
        else:
            for item in value:
                yield from offsets(item)


def check_outcome(outcome: Record | Failure, article: Article) -> None:
    if isinstance(outcome, Failure):
        assert outcome.kind in ("too_slow", "language"), outcome
        return
    assert not outcome.failures, outcome.failures  # a stage that raised is a bug
    record = json.loads(json.dumps(outcome.to_dict(), ensure_ascii=False))
    assert record["text"] == article.text
    for start, end in offsets({k: v for k, v in record.items() if k != "text"}):
        assert 0 <= start <= end <= len(article.text), (start, end)


@BOUNDED
@given(text=texts)
def test_any_text_gives_offsets_inside_it_or_a_clean_error(pipeline: Pipeline,
                                                           text: str) -> None:
    read = make_article({"id": "x", "text": text, "published": "2021-03-10"}, origin="t",
                        max_bytes=LIMIT)
    if isinstance(read, InputError):
        assert read.kind in ("empty", "too_large", "encoding"), read
        return
    # past the language gate, so the stages see every text (the gate is tested below)
    try:
        record = pipeline.annotate(pipeline.nlp(read.text), read)
    except TooSlow:
        return
    check_outcome(record, read)


@BOUNDED
@given(texts=st.lists(texts, min_size=1, max_size=4))
def test_a_batch_of_any_texts_gives_one_outcome_each(pipeline: Pipeline,
                                                     texts: list[str]) -> None:
    articles = [Article(id=f"a{i}", text=text, origin=f"t:{i}") for i, text in
                enumerate(texts) if isinstance(make_article({"text": text}, origin="t",
                                                            max_bytes=LIMIT), Article)]
    outcomes = pipeline.process(articles)
    assert len(outcomes) == len(articles)
    for outcome, article in zip(outcomes, articles, strict=True):
        assert (outcome.article_id if isinstance(outcome, Failure)
                else outcome.article.id) == article.id
        check_outcome(outcome, article)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
fields = st.fixed_dictionaries({}, optional={
    "id": json_values | st.text(max_size=12) | surrogates,
    "text": json_values | texts | with_surrogates,
    "published": json_values | st.dates().map(str) | st.datetimes().map(str),
    "title": json_values | surrogates, "url": json_values, "source": json_values})


@settings(max_examples=300, deadline=None, database=None)
@given(data=fields)
def test_any_record_is_an_article_or_an_input_error(data: dict[str, Any]) -> None:
    read = make_article(data, origin="t:1", max_bytes=LIMIT)
    if isinstance(read, InputError):
        assert read.kind in ("id", "missing_text", "encoding", "empty", "too_large",
                             "published"), read
        assert read.reason and read.origin.startswith("t:1")
        return
    assert read.text == data["text"]
    read.text.encode("utf-8")  # no lone surrogates get through
    assert read.id and read.id.isprintable() and read.id.strip()
    if read.published is not None:
        assert FIRST_YEAR <= int(read.published[:4]) <= LAST_YEAR


@settings(max_examples=300, deadline=None, database=None)
@given(lines=st.lists(st.binary(max_size=200) | fields.map(lambda d: json.dumps(d).encode()),
                      max_size=8))
def test_any_bytes_in_a_jsonl_file_read_line_by_line(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    reads = list(read_jsonl(io.BytesIO(data), origin="f.jsonl", max_bytes=LIMIT))
    assert len(reads) <= len(data.splitlines())
    assert all(isinstance(r, Article | InputError) for r in reads)


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | (texts | with_surrogates).map(
           lambda t: t.encode("utf-8", "surrogatepass")),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".txt.gz"]))
def test_any_file_is_read_without_raising(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    reads = list(read_articles([str(path)], max_bytes=LIMIT))
    assert all(isinstance(r, Article | InputError) for r in reads)
    assert suffix == ".jsonl" or len(reads) == 1


@pytest.mark.parametrize("text", ["」" * 2400, "🇫" * 1100, "The envoy said " + "“" * 1500])
def test_a_parse_a_thousand_levels_deep_fails_no_stage(pipeline: Pipeline, text: str) -> None:
    """Found by the property tests: rows of symbols parse as chains over a thousand levels
    deep, which spaCy walks one frame per level."""
    article = Article(id="deep", text=text, origin="t:1")
    check_outcome(pipeline.annotate(pipeline.nlp(text), article), article)
