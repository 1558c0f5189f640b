"""Paragraph spans and repeated paragraphs within an article."""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.stages.paragraphs.extract import extract_paragraphs, find_repeats, paragraph_spans

THRESHOLD = 0.6


@pytest.mark.parametrize(("text", "expected"), [
    ("One.\n\nTwo.", ["One.", "Two."]),
    ("  One.  \n \n\n  Two.\n", ["One.", "Two."]),
    ("One.\r\n\r\nTwo.", ["One.", "Two."]),
    ("Line one.\nLine two.", ["Line one.", "Line two."]),  # no blank line: lines are paragraphs
    ("Para one\nwrapped.\n\nPara two.", ["Para one\nwrapped.", "Para two."]),
    ("", []),
    ("\n\n  \n", []),
])
def test_paragraph_spans(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in paragraph_spans(text)] == expected


QUOTE = ("“We are directly engaged. There are a range of issues we have talked with the other "
         "side about through those engagements. We don’t hold back about our concerns,” she said.")
MOVED = ("“We are directly engaged. There are a range of issues we have talked with the other "
         "side about through those engagements,” Smith said. “We don‘t hold back about our "
         "concerns.”")
OTHER = ("“We are not engaged in any talks at all, and there is nothing to discuss with the other "
         "side until our concerns are met,” the minister said.")


@pytest.mark.parametrize(("paragraphs", "expected"), [
    ([QUOTE, OTHER, QUOTE], [None, None, 0]),                 # verbatim repeat
    ([QUOTE, OTHER, MOVED], [None, None, 0]),                 # attribution moved, ‘ vs ’
    ([QUOTE, OTHER], [None, None]),                           # same topic, different words
    ([QUOTE, MOVED, QUOTE], [None, 0, 0]),                    # always points at the original
    (["He said.", "He said."], [None, 0]),                    # short but identical
    (["Yes.", "Yes."], [None, None]),                         # one word: too little to tell
    (["Talks will resume in May, officials said on Monday.",
      "Talks will resume in June, officials said on Friday."], [None, None]),
])
def test_find_repeats(paragraphs: list[str], expected: list[int | None]) -> None:
    assert find_repeats(paragraphs, THRESHOLD) == expected


@pytest.mark.shared
def test_seed_paragraphs_and_repeats_match_gold(seed_gold: dict[str, Any]) -> None:
    found = [p.to_dict() for p in extract_paragraphs(seed_gold["text"], THRESHOLD)]
    assert [{k: p[k] for k in ("span", "duplicate_of")} for p in found] == seed_gold["paragraphs"]
    assert [(i, p["duplicate_of"]) for i, p in enumerate(found) if p["duplicate_of"] is not None
            ] == [(9, 1), (10, 2), (11, 4)]


