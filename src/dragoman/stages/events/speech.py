"""Who says an event happened, and when: the statement around an event's anchor.

An event read from reported speech ("saying China was ready to cooperate", "“We are
engaged,” she said") is what the speaker claims. Its speaker resolves first-person pronouns
("we have talked with the Chinese" → the speaker's side), supplies the actor of a verbal
event with no subject of its own, and tells experts' speculation apart. A statement's date is
that of its reporting verb; a later statement by the same speaker in the same paragraph with
no date of its own ("…, he said") shares it.

The speaker is the subject of the reporting verb the anchor's clause depends on, else the
resolved speaker of the quotation (from the quotes stage) the anchor stands in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dragoman.records import EventParty, Quote, Timex
from dragoman.stages.events import status as st
from dragoman.stages.events.roles import Context, PartyResolver
from dragoman.stages.timexes.extract import ClauseDates

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NEWLINE = re.compile("\n")


class Speech:
    def __init__(self, doc: Doc, resolver: PartyResolver, timexes: Sequence[Timex],
                 text: str, quotes: Sequence[Quote] = ()) -> None:
        self.doc = doc
        self.resolver = resolver
        self.dates = ClauseDates(doc, timexes)
        self._breaks = [m.start() for m in _NEWLINE.finditer(text)]
        # the quotes stage's quotations with a speaker, by start: [start, end) and the speaker
        self._quotes = sorted(((q.content[0], q.content[1], q) for q in quotes
                               if q.speaker.entity or q.speaker.span), key=lambda r: r[:2])
        self._quote_starts = [start for start, _, _ in self._quotes]
        self._speakers: dict[int, list[EventParty]] = {}
        self._quoted: dict[int, list[EventParty]] = {}
        self._last_date: dict[int, tuple[tuple[str | None, ...], str]] = {}
        self._last_counterpart: dict[int, tuple[tuple[str | None, ...], list[EventParty]]] = {}

    def paragraph(self, offset: int) -> int:
        return bisect_right(self._breaks, offset)

    # -- speakers -----------------------------------------------------------------------------
    def speaker_parties(self, anchor: Token) -> list[EventParty] | None:
        """Who makes the statement the anchor is in: the reporting verb's subject, else the
        speaker of the quotation around it; None outside reported speech."""
        head = st.reporting_head(anchor)
        token = _subject(head) if head is not None else None
        if token is not None:
            if token.i not in self._speakers:
                self._speakers[token.i] = self.resolver.parties(token, Context())
            return self._speakers[token.i] or None
        return self._quote_speaker(anchor.idx)

    def expert(self, anchor: Token, words: set[str]) -> bool:
        """Whether the statement's speaker is titled as an expert or analyst."""
        for party in self.speaker_parties(anchor) or []:
            entity = self.resolver.index.get(party.entity)
            title = (entity.title or "").lower() if entity else ""
            if any(w in title.split() for w in words):
                return True
        return False

    def _quote_speaker(self, offset: int) -> list[EventParty] | None:
        """The speaker of the innermost quotation around ``offset`` (the latest to start)."""
        index = bisect_right(self._quote_starts, offset)
        for start, end, quote in reversed(self._quotes[:index]):
            if offset < end:
                if start not in self._quoted:
                    self._quoted[start] = self._parties_of(quote)
                return self._quoted[start] or None
        return None

    def _parties_of(self, quote: Quote) -> list[EventParty]:
        entity = self.resolver.index.get(quote.speaker.entity)
        if entity is not None:
            return [self.resolver.entity_party(entity)]
        span = quote.speaker.span
        found = self.doc.char_span(*span, alignment_mode="expand") if span else None
        return self.resolver.parties(found.root, Context()) if found is not None else []

    # -- dates --------------------------------------------------------------------------------
    def weekday_dated(self, anchor: Token) -> bool:
        """Whether the anchor's clause is dated by a weekday name alone ("on Tuesday")."""
        return any(self.dates.by_weekday(t) for t in st.modality_chain(anchor))

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
