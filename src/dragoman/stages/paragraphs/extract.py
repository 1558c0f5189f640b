"""Paragraph spans and repeated paragraphs within one article.

News pages often repeat a paragraph (a re-pasted quote, sometimes with its attribution
clause moved or reworded). Such a paragraph gets ``duplicate_of``: the index of the earlier
paragraph it repeats, so later stages and counts can skip it. Each paragraph also gets its
``zone`` (:mod:`.zones`): comments, captions, headlines and site boilerplate
are told apart from the article's body.
"""

from __future__ import annotations

import re
from collections import defaultdict

from dragoman.records import Paragraph, Span
from dragoman.stages.paragraphs.zones import zone_paragraphs
from dragoman.text import shingles, words

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
# Two paragraphs are compared as sets of word pairs; with fewer pairs than this the
# similarity of a rewording is too noisy, so only an exact repeat counts.
MIN_PAIRS_FOR_NEAR = 6
MIN_WORDS_FOR_EXACT = 2


def paragraph_spans(text: str) -> list[Span]:
    """Spans of the paragraphs: blocks separated by blank lines, or by line breaks when the
    text has no blank line at all. Surrounding whitespace is not part of a paragraph."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    spans: list[Span] = []
    start = 0
    for match in separator.finditer(text):
        _append_trimmed(text, start, match.start(), spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def find_repeats(texts: list[str], threshold: float) -> list[int | None]:
    """For each paragraph, the index of an earlier one it repeats (Jaccard similarity of word
    pairs >= ``threshold``, or identical words), else None. Only first occurrences are
    candidates, so ``duplicate_of`` always names an original."""
    result: list[int | None] = []
    exact: dict[tuple[str, ...], int] = {}
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    pairs_of: dict[int, set[tuple[str, ...]]] = {}
    for i, paragraph in enumerate(texts):
        tokens = words(paragraph)
        pairs = shingles(tokens, 2)
        key = tuple(tokens)
        original = exact.get(key) if len(tokens) >= MIN_WORDS_FOR_EXACT else None
        if original is None and len(pairs) >= MIN_PAIRS_FOR_NEAR:
            original = _most_similar(pairs, index, pairs_of, threshold)
        result.append(original)
        if original is None:
            exact.setdefault(key, i)
            pairs_of[i] = pairs
            for pair in pairs:
                index[pair].add(i)
    return result


def extract_paragraphs(text: str, threshold: float) -> list[Paragraph]:
    """The article's paragraphs with the earlier paragraph each repeats and its zone
    (body, headline, caption, comments, boilerplate: :mod:`dragoman.stages.paragraphs.zones`)."""
    spans = paragraph_spans(text)
    texts = [text[s:e] for s, e in spans]
    repeats = find_repeats(texts, threshold)
    zones = zone_paragraphs(texts)
    return [Paragraph(span, dup, zone)
            for span, dup, zone in zip(spans, repeats, zones, strict=True)]


def in_repeated_paragraph(span: Span, paragraphs: list[Paragraph]) -> bool:
    """True when ``span`` lies inside a paragraph that repeats an earlier one: what it says
    was already said, so records read from it are not reported again."""
    return any(p.duplicate_of is not None and p.span[0] <= span[0] and span[1] <= p.span[1]
               for p in paragraphs)


def _most_similar(pairs: set[tuple[str, ...]], index: dict[tuple[str, ...], set[int]],
                  pairs_of: dict[int, set[tuple[str, ...]]], threshold: float) -> int | None:
    shared: dict[int, int] = defaultdict(int)
    for pair in pairs:
        for j in index.get(pair, ()):
            shared[j] += 1
    best, best_score = None, threshold
    for j, common in sorted(shared.items()):
        score = common / (len(pairs) + len(pairs_of[j]) - common)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = j, score
    return best


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
