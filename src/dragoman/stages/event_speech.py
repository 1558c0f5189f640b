"""Who says an event happened, and when: the statement around an event's anchor.

An event read from reported speech ("saying China was ready to cooperate", "“We are
engaged,” she said") is what the speaker claims. Its speaker resolves first-person pronouns
("we have talked with the Chinese" → the speaker's side), supplies the actor of a verbal
event with no subject of its own, and tells experts' speculation apart. A statement's date is
that of its reporting verb; a later statement by the same speaker in the same paragraph with
no date of its own ("…, he said") shares it.

This is a small reader of quotation marks and reporting verbs for the events stage; when the
quotes stage lands, its speakers can replace :meth:`Speech._quote_speaker`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dragoman.records import EventParty, Timex
from dragoman.stages import event_status as st
from dragoman.stages.event_roles import Context, PartyResolver
from dragoman.stages.timexes import ClauseDates

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OPENING, CLOSING = "“«", "”»"
_NEWLINE = re.compile("\n")
_QUOTE_OR_BREAK = re.compile('[“«”»"\n]')


class Speech:
    def __init__(self, doc: Doc, resolver: PartyResolver, timexes: Sequence[Timex],
                 text: str) -> None:
        self.doc = doc
        self.resolver = resolver
        self.dates = ClauseDates(doc, timexes)
        self._length = len(text)
        self._breaks = [m.start() for m in _NEWLINE.finditer(text)]
        self._quotes = _quote_regions(text)
        self._quote_starts = [start for start, _ in self._quotes]
        self._speakers: dict[int, list[EventParty]] = {}
        self._last_date: dict[int, tuple[tuple[str | None, ...], str]] = {}
        self._last_counterpart: dict[int, tuple[tuple[str | None, ...], list[EventParty]]] = {}

    def paragraph(self, offset: int) -> int:
        return bisect_right(self._breaks, offset)

    # -- speakers -----------------------------------------------------------------------------
    def speaker_parties(self, anchor: Token) -> list[EventParty] | None:
        token = self.speaker_token(anchor)
        if token is None:
            return None
        if token.i not in self._speakers:
            self._speakers[token.i] = self.resolver.parties(token, Context())
        return self._speakers[token.i] or None

    def speaker_token(self, anchor: Token) -> Token | None:
        head = st.reporting_head(anchor)
        if head is not None:
            subject = _subject(head)
            if subject is not None:
                return subject
        return self._quote_speaker(anchor.idx)

    def expert(self, anchor: Token, words: set[str]) -> bool:
        """Whether the statement's speaker is titled as an expert or analyst."""
        for party in self.speaker_parties(anchor) or []:
            entity = next((e for e in self.resolver.index.entities if e.id == party.entity),
                          None)
            title = (entity.title or "").lower() if entity else ""
            if any(w in title.split() for w in words):
                return True
        return False

    def _quote_speaker(self, offset: int) -> Token | None:
        index = bisect_right(self._quote_starts, offset) - 1
        if index < 0 or offset >= self._quotes[index][1]:
            return None
        start, end = self._quotes[index]
        return self._attribution(start, end)

    def _attribution(self, start: int, end: int) -> Token | None:
        """The subject of the reporting verb right after the quote ("…,” she said"), else
        right before it ("Psaki said: “…”")."""
        after = self.doc.char_span(end, min(self._length, end + 120),
                                   alignment_mode="contract")
        if after is not None:
            for token in after:
                if token.text in OPENING or "\n" in token.text:
                    break
                if token.pos_ == "VERB" and token.lemma_.lower() in st.REPORTING:
                    return _subject(token)
        before = self.doc.char_span(max(0, start - 120), start, alignment_mode="contract")
        if before is not None:
            for token in reversed(before):
                if token.text in CLOSING or "\n" in token.text:
                    break
                if token.pos_ == "VERB" and token.lemma_.lower() in st.REPORTING:
                    return _subject(token)
        return None

    # -- dates --------------------------------------------------------------------------------
    def date(self, anchor: Token, verbal: bool) -> str | None:
        """The day or interval of the anchor's clause; for a verbal event (the statement is
        the event) also that of its reporting verb, or of the same speaker's last dated
        statement in the paragraph."""
        for token in st.modality_chain(anchor):
            found = self.dates.date_of(token)
            if found:
                self._remember(anchor, found)
                return found
        if not verbal:
            return None
        head = st.reporting_head(anchor)
        while head is not None:
            found = self.dates.date_of(head)
            if found:
                self._remember(anchor, found)
                return found
            # "…, saying China was ready": the participle's statement is its head's
            head = head.head if head.dep_ in ("advcl", "conj") and head.head != head else None
        return self._inherited(anchor)

    def counterpart(self, anchor: Token) -> list[EventParty]:
        """The recipients of the same speaker's previous statement in this paragraph: a
        statement that continues it addresses the same counterpart."""
        key = self._speaker_key(anchor)
        last = self._last_counterpart.get(self.paragraph(anchor.idx))
        return list(last[1]) if last and key and last[0] == key else []

    def remember_counterpart(self, anchor: Token, recipients: list[EventParty]) -> None:
        key = self._speaker_key(anchor)
        if key and recipients:
            self._last_counterpart[self.paragraph(anchor.idx)] = (key, list(recipients))

    def _speaker_key(self, anchor: Token) -> tuple[str | None, ...]:
        return tuple(p.entity or p.name for p in self.speaker_parties(anchor) or [])

    def _remember(self, anchor: Token, date: str) -> None:
        key = self._speaker_key(anchor)
        if key:
            self._last_date[self.paragraph(anchor.idx)] = (key, date)

    def _inherited(self, anchor: Token) -> str | None:
        key = self._speaker_key(anchor)
        last = self._last_date.get(self.paragraph(anchor.idx))
        return last[1] if last and key and last[0] == key else None


def _subject(verb: Token) -> Token | None:
    """The subject of a reporting verb; a participle ("…, saying") takes its head's."""
    for _ in range(2):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head == verb:
            return None
        verb = verb.head
    return None


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """[start, end) of each quotation, curly or straight; an unclosed quotation runs to the
    end of its paragraph (news style for quotes running over paragraphs)."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for match in _QUOTE_OR_BREAK.finditer(text):
        i, ch = match.start(), match.group()
        if ch in OPENING or (ch == '"' and start is None):
            start = i
        elif (ch in CLOSING or ch == '"') and start is not None:
            regions.append((start, i + 1))
            start = None
        elif ch == "\n" and start is not None:
            regions.append((start, i))
            start = None
    return regions
