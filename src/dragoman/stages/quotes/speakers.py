"""Speakers: from the source token of a quote to a name (and entity) of the article.

Names go through the entities stage (:class:`EntityIndex`), with a state speaking named as
its government and an organisation by its fullest name (:mod:`.speaker_names`); a title
with the name inside the phrase ("U.N. High Commissioner for Human Rights Navi Pillay") is
that person; role nouns ("the press secretary", "a government spokesman", "the UN
secretary-general", "our correspondent") go to the one person of the article they stand for
(:mod:`.speaker_roles`); a statement or minute speaks for its owner ("its statement", "Lord
Goldsmith's minute"); "the ministry" and "the group" refer back to the organisation last
named with that word or talked about; other descriptions keep their words, or, for an
unnamed or collective source ("a diplomat", "a spokesman", "officials") or a document, a
description and no name. Pronouns — he/she for people, it/its/they for organisations and
states — go to the most salient referent before them (:mod:`.speaker_salience`). A quote
with no cue goes to the person named as its label ("Hayward: “…”"), else to the person the
narration just before it is about, else to the speaker of the quote before it, else to the
person the sentence after it introduces. When nothing
fits, the name stays null: a guess is worse.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.attrs import POS, SENT_START
from spacy.parts_of_speech import PRON

from dragoman.records import Entity, Span, Speaker
from dragoman.stages.entities.index import EntityIndex
from dragoman.stages.entities.mentions import PRONOUN_GENDER, TITLE_WORDS
from dragoman.stages.quotes.speaker_names import (
    GENERIC_ORGANISATION_NOUNS,
    GOVERNMENT_NOUNS,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    Namer,
    NamingKnowledge,
    is_organisation,
    is_person,
)
from dragoman.stages.quotes.speaker_roles import Roles
from dragoman.stages.quotes.speaker_salience import Candidate, Heard, Salience

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Pronouns that can stand for a speaker, and those a speaker's chain of mentions may hold.
SPEAKER_PRONOUNS = {w: PRONOUN_GENDER[w] for w in ("he", "him", "she", "her")}
CHAIN_GENDER = {w: PRONOUN_GENDER[w] for w in (*SPEAKER_PRONOUNS, "his", "himself", "herself")}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
DASHES = {"-", "–", "—", "--"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
NAMED_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")  # LOC: "the Post" mis-tagged
# Phrase parts kept in a source span: "press secretary Jen Psaki", "the Post".
PHRASE_DEPS = ("compound", "amod", "det", "poss", "case", "nmod", "nummod", "flat")
# Sources that speak for someone else: "a statement from Hanoi", "a spokesman for X",
# "its statement", "Lord Goldsmith's confidential minute".
PROXY_NOUNS = {"statement", "report", "release", "communique", "communiqué", "readout",
               "letter", "memo", "post", "tweet", "message", "announcement", "transcript",
               "editorial", "column", "op-ed", "minute", "advice", "website", "account",
               "office", "position", "view", "verdict", "answer", "response", "reply",
               "warning", "point", "argument", "demand", "plea", "stance"}
# People who speak for someone, but are themselves an unnamed single source unless the
# article names them ("Syria's representative", "a spokesman for the ministry").
AGENT_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "representative", "spokesmen",
               "lawyer", "lawyers", "aide", "aides", "envoy", "delegate"}
# Kinds of news outlet ("the newspaper said").
MEDIA_NOUNS = {"newspaper", "paper", "daily", "weekly", "broadcaster", "channel", "network",
               "station", "magazine", "outlet", "website", "tv", "television", "radio"}
# Marks that may open a quotation, and honorifics a speaker label may carry ("Mr Hayward:").
OPENING_MARKS = "\"“‘'«„"
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "rep", "sen", "gov"}
# "They said" refers back only this far (sentences): plural pronouns mostly mean people.
THEY_SENTENCES = 2


class SpeakerResolver:
    """Resolves source tokens in text order; remembers who spoke, for later pronouns."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], quoted: Sequence[Span],
                 knowledge: NamingKnowledge | None = None, text: str | None = None,
                 published: str | None = None) -> None:
        self.doc = doc
        self.index = EntityIndex(entities)
        self.quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self.quoted]
        self.namer = Namer(doc, self.index, doc.text if text is None else text, knowledge,
                           published)
        starts = doc.to_array(SENT_START).tolist() if len(doc) else []
        sentence_starts = [i for i, s in enumerate(starts) if s == 1] or [0]
        self.salience = Salience(doc, sentence_starts, self.in_quote)
        self.roles = Roles(doc, self.index, self.namer, self.salience)
        self.heard: list[Heard] = []
        self._genders: dict[str, str] = {}  # entity id → gender its pronouns showed
        self._reported = _Union()  # contents of the reports heard so far
        self._current: Span | None = None  # content of the quote being attributed
        # he/she/his/her outside quotations, resolved in text order as they are needed:
        # the chain of pronouns carries a person's salience on (Lappin & Leass's
        # equivalence classes)
        self._gendered = _gendered_pronouns(doc)
        self._chain: dict[int, Entity] = {}  # offset → the person the pronoun means
        self._chained = 0  # how many of ``_gendered`` were looked at

    def resolve(self, head: Token | None, content: Span | None = None) -> Speaker:
        """The speaker whose source token is ``head``, for the quote saying ``content``
        (the people the quote itself names are not who its "he" or "she" is)."""
        gendered = head is not None and head.lower_ in SPEAKER_PRONOUNS
        self._current = content if gendered else None
        try:
            return self._resolve(head)
        finally:
            self._current = None

    def _resolve(self, head: Token | None) -> Speaker:
        if head is None:
            return Speaker()
        head = _antecedent_of_relative(head)
        span = _phrase(head)
        if head.pos_ == "PRON":
            return self._pronoun(head)
        entity, mention = self._named(head)
        if entity is not None and (entity.name.islower() or entity.type == "NORP"):
            entity = None  # "defence ministry" tagged ORG, "another Republican": descriptions
        if entity is not None:
            where = mention or span
            return self.namer.entity(entity, where, self.namer.text[where[0]:where[1]])
        inside = self.roles.name_inside(head)
        if inside is not None:
            return self.namer.entity(inside, span)
        dashed = self._before_dash(head)
        if dashed is not None:
            return self.namer.entity(dashed[0], dashed[1], self.namer.text[slice(*dashed[1])])
        unrecognised = self.roles.unrecognised_name(head)
        if unrecognised is not None:
            return Speaker(name=unrecognised[0], span=(span[0], unrecognised[1]))
        owner = self._behind(head)
        if owner is not None:
            return replace(owner, span=span)
        role = self.roles.holder(head)
        if role is not None:
            return self.namer.entity(role, span)
        return self._refers_back(head, span) or self.namer.described(head, span)

    def hear(self, offset: int, speaker: Speaker, source: Token | None = None,
             content: Span | None = None) -> None:
        """Remember that ``speaker`` was reported speaking at ``offset`` and saying
        ``content``: people named in what was said are not who "he said" refers to next."""
        if content is not None:
            self._reported.add(*content)
        if source is None or (speaker.name is None and speaker.description is None
                              and not _one_person(source)):
            return
        entity = self.index.get(speaker.entity)
        named = f"{speaker.name or ''} {speaker.description or ''}".casefold().split()
        if entity is not None:
            person = is_person(entity)
        else:  # "the ministry" is no "he", "a nurse" is
            person = _one_person(source) and not any(
                w in ORGANISATION_NOUNS or w in GOVERNMENT_NOUNS for w in named)
        weight = self.salience.weight(source)
        self.heard.append(Heard(offset, speaker, person, weight))

    def narrated(self, start: int, end: int, first_sentence: bool = False) -> Speaker | None:
        """The last person who is the subject of the last sentence of narration in ``[start,
        end)``, outside quotations: news style quotes someone right after a sentence about
        them ("…, but Captain Ana Ruiz was upbeat. [new paragraph] “…”"); with
        ``first_sentence``, the first person who is the subject of its first sentence."""
        if first_sentence:
            return self._first_narrated(start, end)
        i = self.salience.token_at(max(start, end - 1)).i
        while i > 0 and (self.doc[i].is_space or self.doc[i].is_quote or self.doc[i].idx >= end):
            i -= 1  # the last word before the quotation's opening mark
        k = self.salience.sentence_of(i)
        first, _ = self.salience.char_range(k)
        last = None
        for offset, stop, entity in self.index.mentions_between(max(start, first), end):
            token = self.salience.token_at(offset)
            if is_person(entity) and not self.in_quote(offset) and \
                    self.salience.is_main_subject(token):
                last = (entity, (offset, stop))
        return self.namer.entity(*last) if last is not None else None

    def labelled(self, start: int) -> Speaker | None:
        """"Hayward: “I understand your concern.”": a person named right before a colon
        and the quotation opening at ``start`` (transcripts, live blogs) is its speaker;
        the label starts its line or sentence and holds only the name and a title."""
        text = self.namer.text
        colon = start
        while colon > 0 and (text[colon - 1].isspace() or text[colon - 1] in OPENING_MARKS):
            colon -= 1
        if colon == 0 or text[colon - 1] != ":":
            return None
        colon -= 1
        label_start = max(text.rfind(c, 0, colon) for c in ".?!:\n") + 1
        mentions = [m for m in self.index.mentions_between(label_start, colon)
                    if is_person(m[2])]
        if len(mentions) != 1 or text[mentions[0][1]:colon].strip():
            return None
        first, end, entity = mentions[0]
        lead = text[label_start:first].replace(".", " ").split()
        if any(w.casefold() not in TITLE_WORDS and w.casefold() not in HONORIFICS
               for w in lead):
            return None  # "Strongest rebuttal from Hayward:" is narration about him
        return self.namer.entity(entity, (first, end))

    def _first_narrated(self, start: int, end: int) -> Speaker | None:
        i = self.salience.token_at(start).i
        while i < len(self.doc) - 1 and (self.doc[i].is_space or self.doc[i].is_punct
                                         or self.doc[i].idx < start):
            i += 1
        if i >= len(self.doc) or self.doc[i].idx >= end or self.in_quote(self.doc[i].idx):
            return None
        _, stop = self.salience.char_range(self.salience.sentence_of(i))
        for offset, until, entity in self.index.mentions_between(self.doc[i].idx,
                                                                 min(stop, end)):
            token = self.salience.token_at(offset)
            if is_person(entity) and not self.in_quote(offset) and \
                    self.salience.is_main_subject(token):
                return self.namer.entity(entity, (offset, until))
        return None

    # -- names and roles ----------------------------------------------------------------------
    def _named(self, head: Token) -> tuple[Entity | None, Span | None]:
        """The entity named by the head or its apposition ("the minister, Wang Yi,"), or
        that the head stands in apposition to ("Wissam Tarif, an activist, who said")."""
        around = [head.head] if head.dep_ == "appos" and head.head.i != head.i else []
        for token in [head, *(c for c in head.children if c.dep_ == "appos"), *around]:
            entity = self.index.at(token.idx, token.idx + len(token))
            if entity is not None and entity.type in NAMED_TYPES:
                mention = next((m for m in entity.mentions
                                if m[0] <= token.idx < m[1]), None)
                return entity, mention
        return self._by_surname(head), None

    def _by_surname(self, head: Token) -> Entity | None:
        """A name the recogniser missed ("Karim said" at the start of a sentence) that is
        a word of exactly one person named before."""
        if head.pos_ not in ("PROPN", "NOUN") or not head.text[:1].isupper() or any(
                c.dep_ == "det" for c in head.children):
            return None  # also "Price said", tagged as the noun "price"
        word = head.lower_
        people = {e.id: e for e in self.index.people_before(head.idx)
                  if word in e.name.casefold().split()}
        if not people:  # "Hala Elnaggar" tagged ORG: a name that looks like a person's
            people = {e.id: e for s, _, e in self.index.mentions_between(0, head.idx)
                      if e.type == "ORG" and _looks_like_person(e)
                      and e.name.casefold().split()[-1] == word}
        return next(iter(people.values())) if len(people) == 1 else None

    def _behind(self, head: Token) -> Speaker | None:
        """"a statement from Hanoi", "its statement", "Lord Goldsmith's minute": the owner a
        statement speaks for ("a spokesman for X" is a source of its own: CONTRACT names no
        one for an unnamed spokesman)."""
        if head.lemma_.lower() not in PROXY_NOUNS and head.lower_ not in PROXY_NOUNS:
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None:  # "the minister's message": the minister, named or not
            speaker = self._resolve(owner)
            return speaker if speaker.name is not None or speaker.description else None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "for", "of", "by", "in"):
                for obj in prep.children:
                    entity, mention = self._named(obj) if obj.dep_ == "pobj" else (None, None)
                    if entity is not None and entity.type in ("ORG", "GPE", "PERSON", "FAC"):
                        return self.namer.entity(entity, mention)
        return None

    def _refers_back(self, head: Token, span: Span) -> Speaker | None:
        """"the ministry said" after "Kyrgyzstan's defence ministry", "the group said"
        after "Amnesty International": an organisation noun with "the", adjectives at most
        and no name of its own is the organisation last named with that noun or, for a
        generic noun, the most salient organisation before it (not a state)."""
        lemma = head.lemma_.lower()
        lefts = list(head.lefts)
        if lemma not in ORGANISATION_NOUNS or head.tag_ not in ("NN", "NNP") or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in lefts) or any(
                c.dep_ not in ("det", "amod", "punct") for c in lefts):
            return None
        word = head.lower_
        for item in reversed(self.heard):
            name = (item.speaker.name or "").casefold()
            if not item.person and item.offset < head.idx and word in name.split():
                return replace(item.speaker, span=span)
        named = [(s, e) for s, _, e in self.index.mentions_between(0, head.idx)
                 if e.type in ("ORG", "FAC") and word in e.name.casefold().split()]
        if named:
            return self.namer.entity(named[-1][1], span)
        if lemma in MEDIA_NOUNS:  # "the newspaper": the news outlet named last
            outlets = [e for _, _, e in self.index.mentions_between(0, head.idx)
                       if e.sector == "MED" and is_organisation(e)]
            if outlets:
                return self.namer.entity(outlets[-1], span)
        if lemma not in GENERIC_ORGANISATION_NOUNS:
            return None
        found = self._salient(head, person=False, sentences=3, organisations=True)
        return replace(found, span=span) if found is not None else None

    def _before_dash(self, head: Token) -> tuple[Entity, Span] | None:
        """"Iran - Syria's closest ally - has urged …": a name set off by a dash at the start
        of the source phrase is the source; the phrase after the dash describes it."""
        first = head.left_edge
        mentions = self.index.mentions_between(first.idx, first.idx + 1)
        if not mentions:
            return None
        start, end, entity = mentions[0]
        after = next((t for t in head.doc[first.i:head.i] if t.idx >= end), None)
        if after is None or after.text not in DASHES:
            return None
        return entity, (start, end)

    # -- pronouns -----------------------------------------------------------------------------
    def _pronoun(self, pronoun: Token) -> Speaker:
        span = (pronoun.idx, pronoun.idx + len(pronoun))
        lower = pronoun.lower_
        # "his statement said": the owner of a statement is a possessive pronoun
        gender = (CHAIN_GENDER if pronoun.dep_ == "poss" else SPEAKER_PRONOUNS).get(lower)
        found = None
        if gender is not None:
            found = self._salient(pronoun, person=True, gender=gender)
            entity = self.index.get(found.entity) if found is not None else None
            if entity is not None:
                self._genders.setdefault(entity.id, gender)
                self._chain[pronoun.idx] = entity
        elif lower in GROUP_PRONOUNS:
            plural = lower in ("they", "them", "their")
            found = self._salient(pronoun, person=False,
                                  sentences=THEY_SENTENCES if plural else 4,
                                  heard_only=plural)
        return replace(found, span=span) if found is not None else Speaker(span=span)

    def _salient(self, before: Token, person: bool, gender: str | None = None,
                 sentences: int = 6, heard_only: bool = False,
                 organisations: bool = False) -> Speaker | None:
        """The most salient person (or organisation or state) before ``before``; with
        ``organisations``, organisations only, in any role."""
        if person:
            self._resolve_pronouns_before(before.i)

        def mentions(start: int, end: int) -> list[tuple[int, Entity]]:
            if heard_only:
                return []
            found = [(s, e) for s, _, e in self.index.mentions_between(start, end)
                     if is_person(e) == person and e.type in NAMED_TYPES
                     and (person or self._acts(s))]
            if person:
                found += self._pronoun_mentions(start, end)
                found.sort(key=lambda m: m[0])
            return found

        def fits(candidate: Candidate) -> bool:
            speaker = candidate.speaker
            entity = candidate.entity or (self.index.get(speaker.entity)
                                          if speaker is not None else None)
            if entity is not None:
                if organisations and not is_organisation(entity):
                    return False
                return is_person(entity) == person and (
                    not gender or self.fits(entity, gender))
            heard = next((h for h in self.heard if h.speaker is speaker), None)
            return heard is not None and heard.person == person and not (
                organisations and heard.speaker.sector == "GOV")

        best = self.salience.rank(before, mentions, self.heard, fits, sentences)
        if best is None:
            return None
        if best.entity is not None:
            return self.namer.entity(best.entity, None)
        return best.speaker

    def _resolve_pronouns_before(self, i: int) -> None:
        while self._chained < len(self._gendered) and self._gendered[self._chained][0] < i:
            token_i, gender = self._gendered[self._chained]
            self._chained += 1
            token = self.doc[token_i]
            if token.idx in self._chain or self.in_quote(token.idx):
                continue
            found = self._salient(token, person=True, gender=gender)
            entity = self.index.get(found.entity) if found is not None else None
            if entity is not None:
                self._chain[token.idx] = entity

    def _pronoun_mentions(self, start: int, end: int) -> list[tuple[int, Entity]]:
        return [(offset, entity) for offset, entity in self._chain.items()
                if start <= offset < end]

    def _acts(self, offset: int) -> bool:
        """An organisation or state mention that is a subject ("Amnesty said", "Syria
        insists"), not a place things happen in: only those are "it"."""
        token = self.salience.token_at(offset)
        for _ in range(3):
            if token.dep_ in ("compound", "flat") and token.head.i != token.i:
                token = token.head
        return token.dep_ in ("nsubj", "nsubjpass")

    def fits(self, entity: Entity, gender: str) -> bool:
        """Not known to be of the other gender, from the entities stage or from a pronoun
        already resolved to this person in the article."""
        return self._genders.get(entity.id, entity.gender) in (None, gender)

    def in_quote(self, offset: int) -> bool:
        """Inside someone's words: a quotation, or the content of a report heard so far."""
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        if i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]:
            return True
        if self._current is not None and self._current[0] <= offset < self._current[1]:
            return True
        return offset in self._reported


class _Union:
    """A union of half-open character ranges, kept as sorted disjoint ranges, so that
    whether an offset lies in any of them is a binary search, not a scan of every report
    heard so far (which made quotation-heavy articles quadratic)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        lo = bisect.bisect_left(self._ends, start)  # first range that ends at or after start
        hi = bisect.bisect_right(self._starts, end)  # ranges from ``lo`` up to here touch it
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]


def _gendered_pronouns(doc: Doc) -> list[tuple[int, str]]:
    """(token index, gender) of each he/she/his/her, found in an attribute array."""
    parts_of_speech = doc.to_array(POS).tolist() if len(doc) else []
    found = []
    for i, pos in enumerate(parts_of_speech):
        if pos == PRON:
            gender = CHAIN_GENDER.get(doc[i].lower_)
            if gender is not None:
                found.append((i, gender))
    return found


def _looks_like_person(entity: Entity) -> bool:
    """Two or three capitalised words, none an organisation noun, unknown to knowledge."""
    words = entity.name.split()
    return 2 <= len(words) <= 3 and entity.sector is None and entity.country is None and \
        all(w[:1].isupper() and w[1:].islower() and w.casefold() not in ORGANISATION_NOUNS
            for w in words)


def _one_person(token: Token) -> bool:
    """A singular named or titled source ("Karim", "the senator", "a nurse"), not
    "officials"."""
    lower = token.lemma_.lower()
    return token.tag_ == "NNP" or (token.tag_ == "NN" and lower in PERSON_NOUNS)


def _antecedent_of_relative(token: Token) -> Token:
    """"officials who said …": the source is "officials"."""
    if token.lower_ not in RELATIVE_PRONOUNS or token.head.dep_ != "relcl":
        return token
    noun = token.head.head
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ == "attr" and first.head.lemma_ == "be":
        # "Trump is a serial liar … who has pledged": the subject of the copula
        subject = next((c for c in first.head.children if c.dep_ == "nsubj"), None)
        return subject if subject is not None else noun
    if token.lower_ in ("who", "whom") and noun.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
        # "Wissam Tarif, an activist based in Beirut, who said": who is a person
        for ancestor in noun.ancestors:
            if ancestor.ent_type_ == "PERSON" or (ancestor.pos_ in ("NOUN", "PROPN") and
                                                  ancestor.lemma_.lower() in PERSON_NOUNS):
                return ancestor
    return noun


def _phrase(head: Token) -> Span:
    """The source as written: the head with its determiners, compounds and modifiers
    ("the White House", "press secretary Jen Psaki"), without appositions or clauses."""
    left = [t for t in head.lefts if t.dep_ in PHRASE_DEPS]
    start = min((min(t.i for t in c.subtree) for c in left), default=head.i)
    right = [t for t in head.rights if t.dep_ in ("compound", "flat")]
    end = max((max(t.i for t in c.subtree) for c in right), default=head.i)
    doc = head.doc
    return doc[start].idx, doc[end].idx + len(doc[end])
