"""Match keys: the one normal form in which knowledge is stored and looked up.

The builder writes every name, alias and role phrase as a key, and :class:`Knowledge` keys
the query the same way, so "U.S.", "US", "the United States" and "UNITED_STATES_" (TABARI
style) meet. A key is lower case, without diacritics, periods or apostrophes, with hyphens,
underscores and other punctuation turned into single spaces, and without a leading "the".
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterator

_APOSTROPHES = re.compile(r"['’‘`´]")
_PERIODS = re.compile(r"\.")
_NON_WORD = re.compile(r"[^a-zA-Z0-9]+")
_LEADING_THE = re.compile(r"^(?:the )+")
_PLURAL_IES = re.compile(r"ies$")

# Words that open a title or form of address before a name ("Russian Foreign Minister Sergey
# Lavrov", "Mr Biden"); people() drops them from a query, and the builder drops aliases that
# only differ from a name by them.
def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (for long word lists in source code)."""
    return frozenset(text.split())


HONORIFICS = word_set("""
mr mrs ms miss mx dr prof professor sir dame lord lady baron baroness sheikh shaikh
president vice premier prime chancellor king queen prince princess crown emir sultan pope
general gen lt col colonel admiral adm marshal sen senator rep representative gov governor
minister secretary ambassador former acting interim deputy chairman chairwoman leader
foreign defense defence state supreme his her excellency majesty comrade
""")

# Irregular plurals of role and group nouns; regular ones are handled by `singular_forms`.
_IRREGULAR = {"men": "man", "women": "woman", "people": "person", "staff": "staff",
              "police": "police", "thieves": "thief", "chiefs": "chief"}


def fold(text: str) -> str:
    """``text`` without diacritics ("António" -> "Antonio", "Élysée" -> "Elysee")."""
    if text.isascii():
        return text  # nothing to decompose, and the common case by far
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(text: str) -> str:
    """The match key of ``text``: "the U.S." -> "us", "al-Assad" -> "al assad",
    "PRESIDENT_OBAMA_" -> "president obama", "China's" -> "chinas" (see `variants`)."""
    text = fold(text).lower().replace("&", " and ")
    text = _APOSTROPHES.sub("", text)
    text = _PERIODS.sub("", text)
    text = _NON_WORD.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def singular_forms(word: str) -> list[str]:
    """Possible singulars of ``word`` (a possessive "chinas" is treated like a plural)."""
    if word in _IRREGULAR:
        return [_IRREGULAR[word]]
    forms: list[str] = []
    if word.endswith("ies") and len(word) > 4:
        forms.append(_PLURAL_IES.sub("y", word))
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        forms.append(word[:-1])
    if word.endswith("men") and len(word) > 4:
        forms.append(word[:-3] + "man")
    return forms


def variants(text: str) -> Iterator[str]:
    """``key(text)`` first, then the keys with its last word made singular ("Chinese
    diplomats" is not shortened here; "Americans" -> "american", "China's" -> "china")."""
    k = key(text)
    if not k:
        return
    yield k
    head, _, last = k.rpartition(" ")
    for form in singular_forms(last):
        yield f"{head} {form}" if head else form


def tokens(text: str) -> list[str]:
    """The words of ``key(text)``."""
    return key(text).split()


def bound(date: str, end: bool) -> str:
    """A full ISO date for a possibly partial one: the first day a start can mean, the last
    day an end can mean ("2024" as an end is 2024-12-31); "" is open (far past / far future)."""
    if not date:
        return "9999-12-31" if end else "0001-01-01"
    if len(date) == 4:
        return f"{date}-12-31" if end else f"{date}-01-01"
    if len(date) == 7:
        if not end:
            return f"{date}-01"
        year, month = int(date[:4]), int(date[5:7])
        return f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date[:10]


def strip_honorifics(words: list[str], also: frozenset[str] | set[str] = frozenset()
                     ) -> list[str]:
    """``words`` without leading titles and forms of address (and words in ``also``, such as
    country adjectives); never strips everything."""
    i = 0
    while i < len(words) - 1 and (words[i] in HONORIFICS or words[i] in also):
        i += 1
    return words[i:]


def acronyms_in(text: str) -> set[str]:
    """Keys of the words ``text`` writes in capitals ("WHO", "U.N.", "EU"): short names of
    organisations count inside a longer text only when written so."""
    words = _NON_WORD.sub(" ", _PERIODS.sub("", fold(text))).split()
    return {w.lower() for w in words if len(w) >= 2 and w.isupper()}
