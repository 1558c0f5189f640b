"""Quotations across articles: the same words by the same speaker, reported by many
articles, are one quotation with its occurrences (as Quotebank groups quotes).

Two quotes are one quotation when their speakers are the same — the same cross-article actor
(corpus/actors.py), else the same name — and their words are near-identical: the same words
once case, punctuation, quote marks and spacing are ignored; or, for quotes of at least
``MIN_PART_WORDS`` distinct words, word sets that overlap by at least ``SAME_WORDS``
(Jaccard), so that "We will not stop until every prisoner is free" and a paper's "we will
not stop until every prisoner is freed" are one; or one quote is the other cut short, the
shorter holding at least ``MIN_PART_WORDS`` words. Shorter quotes must match exactly: in
"his government to resign" and "his government ministers to resign" one word is the
difference between two statements.
Quotes without a speaker (no name, no country) are never merged: the same words by two
unknown speakers are not known to be one quotation.

Quotes are linked one at a time in the order they are stored, each to the first stored
quotation of its speaker it matches, so storing an article again changes nothing. A
quotation's id is the id of its first quote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from dragoman.corpus.actors import name_key

SAME_WORDS = 0.8      # Jaccard overlap of the word sets
MIN_PART_WORDS = 8    # a shortened quote must keep this many words to match the full one
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def content_words(text: str) -> list[str]:
    """The words of a quote, case and accents folded, punctuation and quote marks dropped."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("’", "'")
    return _WORD.findall(folded)


def content_key(text: str) -> str:
    return " ".join(content_words(text))


def speaker_key(actor_id: int | None, name: str | None) -> str | None:
    """Who said it, for merging: the cross-article actor, else the name; None when
    unknown."""
    if actor_id is not None:
        return f"actor:{actor_id}"
    key = name_key(name or "")
    return f"name:{key}" if key else None


def same_words(first: str, second: str) -> bool:
    """Whether two content keys (:func:`content_key`) are near-identical words."""
    if first == second:
        return True
    short, long = sorted((first, second), key=len)
    if len(short.split()) >= MIN_PART_WORDS and f" {short} " in f" {long} ":
        return True
    a, b = set(first.split()), set(second.split())
    if min(len(a), len(b)) < MIN_PART_WORDS:
        return False   # in a few words one word changes the sense: "his ministers to resign"
    return len(a & b) / len(a | b) >= SAME_WORDS


def choose_quotation(key: str, candidates: Iterable[tuple[int, str]]) -> int | None:
    """The first stored quotation (``(id, content key)``, in id order) whose words the new
    quote repeats; None when it is new."""
    return next((quotation for quotation, words in candidates if same_words(key, words)),
                None)
