"""Quoted stretches of text: which quotation marks open, which close, and what they enclose.

Works on characters only (no parse), paragraph by paragraph, and never raises on unbalanced
marks. The rules:

- Double marks of every kind (``"`` ``“ ”`` ``„ ‟`` ``« »`` ``〝 〞`` and the NYT's ``''``) are
  told apart by their shape and, where shape is not enough (``"``, ``''``, or a curly mark
  used the wrong way round), by flanking: a mark with a word right after it and space before
  opens, one with a word before and space after closes (the CommonMark flanking rules).
- Double quotes nest (a stack), so a mis-typed inner “…” does not end the outer quote.
- News style continues a quote over paragraphs: an opening mark on each paragraph and a
  closing mark only on the last (Chicago Manual of Style 13.30). A quote left open at the
  end of a paragraph continues if the next paragraph starts with an opening mark, else it
  runs to the end of its paragraph (as PolNeAR's annotators read it).
- Single marks (``'`` ``‘ ’`` ``‚ ‛`` ``‹ ›``) count only outside double quotes, and only
  when an opener and a closer pair up in the same paragraph, or an opener is left open at
  the end of a paragraph after a sentence of a few words (British news style continues a
  quote over paragraphs in single marks). A mark between two letters is
  an apostrophe whatever its shape ("there‘ll", "don’t"), as is one before an elided word
  ("‘em", "’90s").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from dragoman.records import Span

OPENING, CLOSING, NEUTRAL = "open", "close", "neutral"
_DOUBLE = re.compile(r"''|``|[\"“”„‟«»〝〞＂]")
_DOUBLE_SHAPE = {"“": OPENING, "„": OPENING, "‟": OPENING, "«": OPENING, "〝": OPENING,
                 "``": OPENING, "”": CLOSING, "»": CLOSING, "〞": CLOSING,
                 '"': NEUTRAL, "＂": NEUTRAL, "''": NEUTRAL}
_SINGLE = re.compile(r"['‘’‚‛‹›]")
_SINGLE_SHAPE = {"‘": OPENING, "‚": OPENING, "‛": OPENING, "‹": OPENING,
                 "’": CLOSING, "›": CLOSING, "'": NEUTRAL}
# A line ending in one of these ends a sentence (or a quote): it is not wrapped text.
# Words a single-quoted stretch left open at its paragraph's end needs to be a quotation.
MIN_OPEN_WORDS = 4
_LINE_END = ".?!:;\"”’'»)]"
# Words that start with an apostrophe standing for dropped letters or digits.
_ELISION = re.compile(r"(?i)(?:tis|twas|em|n|til|cause|round|bout|cuz|\d\d?s?)\b")


@dataclass(frozen=True)
class Quoted:
    """A stretch between quotation marks. ``outer`` includes the marks, ``inner`` does not;
    ``closed`` is False when no closing mark was found (the stretch then ends with its
    paragraph); ``paragraphs`` counts the paragraphs it runs over."""

    outer: Span
    inner: Span
    closed: bool = True
    paragraphs: int = 1


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    role: str  # OPENING or CLOSING


def find_quoted(text: str, paragraphs: Sequence[Span] | None = None) -> list[Quoted]:
    """Every quoted stretch of ``text`` in text order; ``paragraphs`` are the paragraph spans
    (the whole text as one paragraph when not given)."""
    spans = list(paragraphs) if paragraphs else [(0, len(text))]
    lines = _lines(text, spans)
    doubles = _pair_doubles(text, lines)
    singles = _pair_singles(text, [(s, e) for s, e, _ in lines], doubles)
    return sorted(doubles + singles, key=lambda q: q.outer)


def _lines(text: str, paragraphs: list[Span]) -> list[tuple[int, int, bool]]:
    """Paragraphs cut at single line breaks too (some texts break paragraphs with one
    newline, others wrap lines): ``(start, end, wrapped)``, where ``wrapped`` says the line
    stops mid-sentence inside its paragraph, so an open quote goes on in the next line."""
    lines = []
    for p_start, p_end in paragraphs:
        start = p_start
        while True:
            cut = text.find("\n", start, p_end)
            end = p_end if cut < 0 else cut
            stripped = text[start:end].rstrip()
            wrapped = cut >= 0 and bool(stripped) and stripped[-1] not in _LINE_END
            if stripped:
                lines.append((start, start + len(stripped), wrapped))
            if cut < 0:
                break
            start = cut + 1
            while start < p_end and text[start].isspace():
                start += 1
    return lines


# -- classifying one mark --------------------------------------------------------------------
def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _is_punct(ch: str) -> bool:
    return ch != "" and unicodedata.category(ch)[0] in "PS"


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking): could open, could close (CommonMark 0.30 §6.2)."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    left = not _is_space(after) and (not _is_punct(after) or _is_space(before)
                                     or _is_punct(before))
    right = not _is_space(before) and (not _is_punct(before) or _is_space(after)
                                       or _is_punct(after))
    return left, right


def _role(shape: str, left: bool, right: bool) -> str:
    """OPENING, CLOSING or NEUTRAL (decide by what is open) for a mark of this shape."""
    if left and not right:
        return OPENING
    if right and not left:
        return CLOSING
    return shape


# -- double marks ----------------------------------------------------------------------------
def _double_marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    marks = []
    for match in _DOUBLE.finditer(text, start, end):
        left, right = _flanking(text, match.start(), match.end())
        marks.append((match.start(), match.end(), _role(_DOUBLE_SHAPE[match.group()],
                                                        left, right)))
    return marks


def _pair_doubles(text: str, lines: list[tuple[int, int, bool]]) -> list[Quoted]:
    found: list[Quoted] = []
    carried: tuple[_Mark, int] | None = None  # a quote open at the end of the last line
    previous_end, wrapped = 0, False
    for l_start, l_end, line_wrapped in lines:
        marks = _double_marks(text, l_start, l_end)
        stack: list[_Mark] = []
        count = 1
        if carried is not None:
            if marks and marks[0][0] == l_start and marks[0][2] != CLOSING:
                marks = marks[1:]  # the continuation mark of a quote over paragraphs
                stack, count = [carried[0]], carried[1] + 1
            elif wrapped:
                stack, count = [carried[0]], carried[1]  # a line wrapped mid-quote
            else:
                found.append(_unclosed(carried[0], previous_end, carried[1]))
        count = _scan_doubles(marks, stack, found, count)
        carried = (stack[0], count) if stack else None
        previous_end, wrapped = l_end, line_wrapped
    if carried is not None:
        found.append(_unclosed(carried[0], previous_end, carried[1]))
    return found


def _scan_doubles(marks: list[tuple[int, int, str]], stack: list[_Mark],
                  found: list[Quoted], paragraphs: int) -> int:
    """Pair the marks of one paragraph onto ``stack``; outermost pairs go to ``found``.
    Returns the paragraph count of a quote still open at the end."""
    for start, end, role in marks:
        if role == NEUTRAL:
            role = CLOSING if stack else OPENING
        if role == OPENING:
            stack.append(_Mark(start, end, OPENING))
            continue
        if not stack:
            continue  # a stray closing mark: nothing to close
        opening = stack.pop()
        if not stack:
            found.append(Quoted((opening.start, end), (opening.end, start),
                                paragraphs=paragraphs))
            paragraphs = 1
    del stack[1:]  # inner quotes left open die with their paragraph
    return paragraphs


def _unclosed(opening: _Mark, paragraph_end: int, paragraphs: int) -> Quoted:
    inner_start = min(opening.end, paragraph_end)
    return Quoted((opening.start, paragraph_end), (inner_start, paragraph_end), closed=False,
                  paragraphs=paragraphs)


# -- single marks ----------------------------------------------------------------------------
def _pair_singles(text: str, paragraphs: list[Span], doubles: list[Quoted]) -> list[Quoted]:
    """Single-quoted stretches outside double quotes, opener and closer in one paragraph."""
    found: list[Quoted] = []
    for p_start, p_end in paragraphs:
        opening: int | None = None
        for match in _SINGLE.finditer(text, p_start, p_end):
            at = match.start()
            if _inside_any(at, doubles) or _is_apostrophe(text, at):
                continue
            left, right = _flanking(text, at, at + 1)
            role = _role(_SINGLE_SHAPE[match.group()], left, right)
            if role == NEUTRAL:
                role = CLOSING if opening is not None else OPENING
            if role == OPENING and opening is None:
                opening = at
            elif role == CLOSING and opening is not None:
                if at > opening + 1:
                    found.append(Quoted((opening, at + 1), (opening + 1, at)))
                opening = None
        if opening is not None:
            left_open = _left_open_single(text, opening, p_end)
            if left_open is not None:
                found.append(left_open)
    return found


def _left_open_single(text: str, opening: int, end: int) -> Quoted | None:
    """British news style continues a single-quoted quote over paragraphs as others do a
    double-quoted one ('… comparison. [new paragraph] People are …'), so an opener left
    unclosed at the end of its paragraph runs to that end, when what follows it is a
    sentence of a few words ending with a full stop, question or exclamation mark."""
    inner_end = end
    while inner_end > opening + 1 and text[inner_end - 1].isspace():
        inner_end -= 1
    words = text[opening + 1:inner_end].split()
    if len(words) < MIN_OPEN_WORDS or text[inner_end - 1] not in ".?!":
        return None
    return Quoted((opening, inner_end), (opening + 1, inner_end), closed=False)


def _is_apostrophe(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if before.isalnum() and after.isalnum():
        return True  # there‘ll, don’t, rock'n'roll
    return not before.isalnum() and bool(_ELISION.match(text, at + 1))


def _inside_any(at: int, quoted: list[Quoted]) -> bool:
    return any(q.outer[0] <= at < q.outer[1] for q in quoted)
