"""Headline attributions: "Source: what they said".

Headlines and news digests attribute with a colon and no verb ("Sanders: Brexit’s message
could draw Trump support", "Pollsters agree - Carl Bialik: “One of the biggest lessons …”").
The source is a short name opening a line or sentence; the content runs to the end of the
line or sentence. Places are left out: "WASHINGTON:" is a dateline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dragoman.stages.quotes.finder import Candidate, Finder

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# What may stand before the name of a headline colon ("Pollsters agree - Carl Bialik: …").
LINE_LEADS = (".", "?", "!", "-", "—", "–", "--")


def headline_reports(finder: Finder) -> list[Candidate]:
    """"Sanders: Brexit’s message could draw Trump support" — a short name, a colon and
    what they said: the headline form, also in text ("Blumenthal and Cohen: “…”")."""
    doc = finder.doc
    found = []
    at = finder.text.find(":")
    while at >= 0:
        i = finder.token_at(at)
        at = finder.text.find(":", at + 1)
        if i + 1 >= len(doc) or doc[i].text != ":":
            continue
        colon = doc[i]
        source = _headline_source(doc, colon)
        if source is None:
            continue
        first = colon.i + 1
        while first < len(doc) and doc[first].is_space:
            first += 1
        end = _line_or_sentence_end(doc, first)
        tokens = doc[first:end]
        if len([t for t in tokens if t.is_alpha]) < 3 or not any(
                t.pos_ in ("VERB", "AUX") or t.is_quote for t in tokens):
            continue
        candidate = finder.reported_candidate(colon, source, (first, end))
        if candidate is not None:
            found.append(candidate)
    return found


def _headline_source(doc: Doc, colon: Token) -> Token | None:
    """The name before a headline colon: one to six words from the start of a line or
    sentence, no verb, headed by a name that is not a place ("WASHINGTON:")."""
    start = colon.i
    while start > 0 and colon.i - start < 7:
        before = doc[start - 1]
        if (before.is_space and "\n" in before.text) or before.text in LINE_LEADS:
            break
        start -= 1
    words_before = [t for t in doc[start:colon.i] if not t.is_space]
    if not 0 < len(words_before) <= 6 or colon.i - start >= 7:
        return None
    if start > 0 and not doc[start - 1].is_space and \
            doc[start - 1].text not in LINE_LEADS:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in words_before):
        return None
    root = doc[start:colon.i].root
    if root.pos_ != "PROPN" or root.ent_type_ in ("GPE", "LOC", "DATE", "TIME"):
        return None
    if len(root.text.rstrip(".")) == 1:
        return None  # "Q:" and "A:" of an interview transcript name nobody
    return root


def _line_or_sentence_end(doc: Doc, first: int) -> int:
    end = first
    sentence_end = doc[first].sent.end if first < len(doc) else first
    while end < len(doc) and end < sentence_end and not (
            doc[end].is_space and "\n" in doc[end].text):
        end += 1
    return end
