"""Normalised copies of text, for matching only (offsets always point into the original)."""

from __future__ import annotations

import re

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
