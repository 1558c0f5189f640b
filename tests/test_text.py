"""Normalised copies of text for matching."""

from __future__ import annotations

import re
import string
import sys

from dragoman.text import fold_case


def test_fold_case_equates_what_ignorecase_equates() -> None:
    """A character becomes an ASCII letter exactly when re's IGNORECASE equates the two (so
    "İ", "ı", "ſ" and the Kelvin sign do too); every other character stays."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = fold_case(char)
        if letter.fullmatch(char):
            assert folded in string.ascii_lowercase and re.fullmatch(folded, char, re.I), char
        else:
            assert folded == char, char
