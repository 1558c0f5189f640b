"""Normalised copies of text, for matching only (offsets always point into the original)."""

from __future__ import annotations

import re
import string

# Apostrophes and quotation marks of every kind; news text mixes them freely ("there‘ll").
_APOSTROPHES = str.maketrans("", "", "'‘’‛′`´")
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Case-folded words with apostrophes dropped: ``don’t`` and ``don‘t`` both → ``dont``."""
    return _WORD.findall(text.casefold().translate(_APOSTROPHES))


def shingles(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    """The set of ``size``-word sequences (the whole list if it is shorter)."""
    if len(tokens) <= size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


# The characters re's IGNORECASE equates with an ASCII letter: A-Z, dotted and dotless I,
# long s and the Kelvin sign (a test checks this against re).
_ASCII_CASE = str.maketrans(string.ascii_uppercase + "\u0130\u0131\u017f\u212a",
                            string.ascii_lowercase + "iisk")


def fold_case(text: str) -> str:
    """``text`` with every character that IGNORECASE equates with an ASCII letter turned into
    that letter in lower case, one character for one (offsets stay). A case-sensitive
    pattern of lower-case ASCII words matches the copy exactly where it matches ``text``
    with IGNORECASE, and several times faster: re can rule out a word of an alternation by
    its first letter only when it matches case-sensitively."""
    return text.translate(_ASCII_CASE)


# Wire and web datelines: "BEIRUT | Sat Sep 10, 2011 10:45 pm EDT BEIRUT (Reuters) - ",
# "LONDON, Aug 24 (AP) -- ", "Saturday 24 September 2005 15.16 BST ", "17 January 12 16:55
# GMT ". A page header glued before one (the headline of the story) is part of it.
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DATELINES = re.compile(
    r"(?:^|(?<=\n))[^\n]{0,200}?(?:"
    rf"\|\s*{_WEEKDAY}\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\s+\d{{1,2}}:\d\d\s*(?:[ap]m)?\s*[A-Z]{{2,4}}"
    r"[^\n]{0,60}?\((?:Reuters|AP|AFP|Reuters Life!)\)\s*[-\u2013\u2014]+\s*"
    r"|\((?:Reuters|AP|AFP)\)\s*[-\u2013\u2014]+\s*)"
    rf"|(?:^|(?<=\n))(?:{_WEEKDAY}\s+)?\d{{1,2}}\s+{_MONTH}\s+\d{{2,4}}\s+\d\d[.:]\d\d\s+"
    r"(?:GMT|BST|EDT|EST|UTC|CET|CEST)\s+")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the datelines (with any page header run into them) that start paragraphs:
    they name the place and time of filing, not parties to what is reported."""
    return [m.span() for m in _DATELINES.finditer(text) if m.end() - m.start() < 260]
