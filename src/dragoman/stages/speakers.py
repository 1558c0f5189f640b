"""Speakers: from the source token of a quote to an entity of the article.

Names go through the entities stage (:class:`EntityIndex`); role nouns ("the press
secretary") through the titles it read; he/she through a short, syntax-aware look back:
the speakers of the quotes just reported, then the people who were subjects, sentence by
sentence (the centering preference for subjects, Grosz, Joshi & Weinstein 1995). News
style makes the current speaker the default referent of "he said"; people named inside a
quotation are not candidates. When no candidate fits, the name stays null: a guess is worse.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.attrs import SENT_START

from dragoman.records import Entity, Span, Speaker
from dragoman.stages.entities import TITLE_WORDS, EntityIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
SUBJECTS = ("nsubj", "nsubjpass")
NAMED_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")  # LOC: "the Post" mis-tagged
# Phrase parts kept in a source span: "press secretary Jen Psaki", "the Post".
PHRASE_DEPS = ("compound", "amod", "det", "poss", "case", "nmod", "nummod", "flat")
LOOK_BACK_SENTENCES = 6
# Sources that speak for someone else: "a statement from Hanoi", "a spokesman for X".
PROXY_NOUNS = {"statement", "report", "release", "communique", "communiqué", "readout",
               "spokesman", "spokeswoman", "spokesperson", "representative", "letter",
               "memo", "post", "tweet", "message", "announcement", "transcript",
               "editorial", "column", "op-ed"}


class SpeakerResolver:
    """Resolves source tokens in text order; remembers who spoke, for later pronouns."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], quoted: Sequence[Span]) -> None:
        self.doc = doc
        self.index = EntityIndex(entities)
        self.quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self.quoted]
        starts = doc.to_array(SENT_START).tolist() if len(doc) else []
        self._sentence_starts = [i for i, s in enumerate(starts) if s == 1] or [0]
        self._sentence_ends = [*self._sentence_starts[1:], len(doc)]
        # (offset, entity) of each reported speaker; None for a named or titled speaker the
        # article does not resolve, who still is the likeliest "he" of the next sentence.
        self.heard: list[tuple[int, Entity | None]] = []
        self._genders: dict[str, str] = {}  # entity id → gender its pronouns showed
        self._reported: list[Span] = []  # contents of the reports heard so far

    def resolve(self, head: Token | None) -> Speaker:
        if head is None:
            return Speaker()
        head = _antecedent_of_relative(head)
        span = _phrase(head)
        if head.pos_ == "PRON":
            gender = PRONOUN_GENDER.get(head.lower_)
            entity = self.antecedent(head, gender) if gender else None
            if entity is not None and gender:
                self._genders.setdefault(entity.id, gender)
            return _speaker(entity, (head.idx, head.idx + len(head)))
        entity, mention = self._named(head)
        if entity is not None:
            return _speaker(entity, mention or span)
        return _speaker(self._role(head) or self._behind(head), span)

    def hear(self, offset: int, speaker: Speaker, source: Token | None = None,
             content: Span | None = None) -> None:
        """Remember that ``speaker`` was reported speaking at ``offset`` and saying
        ``content``: people named in what was said are not who "he said" refers to next."""
        if content is not None:
            self._reported.append(content)
        entity = self.index.get(speaker.entity)
        if entity is not None:
            self.heard.append((offset, entity))
        elif source is not None and _one_person(source):
            self.heard.append((offset, None))

    # -- names and roles ----------------------------------------------------------------------
    def _named(self, head: Token) -> tuple[Entity | None, Span | None]:
        """The entity named by the head or its apposition ("the minister, Wang Yi,")."""
        for token in [head, *(c for c in head.children if c.dep_ == "appos")]:
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
        return next(iter(people.values())) if len(people) == 1 else None

    def _behind(self, head: Token) -> Entity | None:
        """"a statement from Hanoi", "a spokesman for the White House": the named
        organisation or person a statement or spokesperson speaks for."""
        if head.lemma_.lower() not in PROXY_NOUNS:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "for", "of", "by", "in"):
                for obj in prep.children:
                    entity, _ = self._named(obj) if obj.dep_ == "pobj" else (None, None)
                    if entity is not None and entity.type in ("ORG", "GPE", "PERSON"):
                        return entity
        return None

    def _role(self, head: Token) -> Entity | None:
        """"the press secretary" → the one entity with that title; only definite roles
        ("a spokesman" is nobody in particular)."""
        if head.pos_ != "NOUN" or (head.lower_ not in TITLE_WORDS and \
                head.lemma_.lower() not in TITLE_WORDS):
            return None
        definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this"))
                       or c.ent_type_ for c in head.lefts)
        if not definite:
            return None
        words = [t.text for t in head.lefts if t.dep_ in ("compound", "amod")
                 and not t.ent_type_] + [head.text]
        return self.index.by_title(" ".join(words), before=head.idx)

    # -- pronouns -----------------------------------------------------------------------------
    def antecedent(self, pronoun: Token, gender: str) -> Entity | None:
        """The person "he"/"she" refers to: the nearest recent speaker or subject of a
        compatible gender, sentence by sentence back; else the only compatible person."""
        here = bisect.bisect_right(self._sentence_starts, pronoun.i) - 1
        first = max(0, here - LOOK_BACK_SENTENCES + 1)
        for k in range(here, first - 1, -1):
            start = self._sentence_starts[k]
            end = pronoun.i if k == here else self._sentence_ends[k]
            start_char = self.doc[start].idx
            end_char = self.doc[end].idx if end < len(self.doc) else pronoun.idx
            speakers = [e for offset, e in self.heard if start_char <= offset < end_char
                        and (e is None or self.fits(e, gender))]
            if speakers:
                return speakers[-1]  # None: the last speaker is someone the text leaves open
            subjects = self._subjects(start, end, gender)
            if subjects:
                return subjects[-1]
        return self._only_person(self.doc[self._sentence_starts[first]].idx, pronoun.idx,
                                 gender)

    def fits(self, entity: Entity, gender: str) -> bool:
        """Not known to be of the other gender, from the entities stage or from a pronoun
        already resolved to this person in the article."""
        return self._genders.get(entity.id, entity.gender) in (None, gender)

    def _subjects(self, start: int, end: int, gender: str) -> list[Entity]:
        found = []
        for token in self.doc[start:end]:
            if token.dep_ not in SUBJECTS or self.in_quote(token.idx):
                continue
            entity = self.index.at(token.idx, token.idx + len(token))
            if entity is not None and entity.type == "PERSON" and self.fits(entity, gender):
                found.append(entity)
        return found

    def _only_person(self, start: int, end: int, gender: str) -> Entity | None:
        people = {e.id: e for e in self.index.entities
                  if e.type == "PERSON" and self.fits(e, gender)
                  and any(start <= s and m_end <= end and not self.in_quote(s)
                          for s, m_end in e.mentions)}
        return next(iter(people.values())) if len(people) == 1 else None

    def in_quote(self, offset: int) -> bool:
        """Inside someone's words: a quotation, or the content of a report heard so far."""
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        if i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]:
            return True
        return any(start <= offset < end for start, end in self._reported)


def _one_person(token: Token) -> bool:
    """A singular named or titled source ("Karim", "the senator"), not "officials"."""
    lower = token.lemma_.lower()
    return token.tag_ == "NNP" or (token.tag_ == "NN" and lower in TITLE_WORDS)


def _speaker(entity: Entity | None, span: Span | None) -> Speaker:
    if entity is None:
        return Speaker(span=span)
    return Speaker(entity.id, entity.name, span)


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
