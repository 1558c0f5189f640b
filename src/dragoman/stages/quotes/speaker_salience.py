"""Salience: who a pronoun or a generic noun ("he", "it", "the group") most likely means.

A small, cheap version of Lappin & Leass (1994, "An algorithm for pronominal anaphora
resolution"): every mention before the pronoun, sentence by sentence back, earns points for
its grammatical role (the subject of the main clause most, then embedded subjects, objects,
other mentions), and the points halve — here shrink by :data:`DECAY` — with each sentence
of distance; the points of one referent add up. News adds two preferences: the speakers of
the quotes just reported (the current speaker is the default "he said"), and a person just
introduced with an apposition ("Ahmed Saleh, a retiree,") who is usually quoted next.
Mentions inside quotations and reported contents are not candidates: the people a speaker
talks about are not who "he said" refers to.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX

from dragoman.records import Entity, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Points per role; recency is the base every mention gets.
RECENCY, MAIN_SUBJECT, SUBJECT, OBJECT, HEAD_NOUN, NON_ADVERBIAL = 50, 150, 50, 30, 30, 20
SPEAKER, INTRODUCED = 100, 60
DECAY = 0.5  # per sentence of distance, as Lappin & Leass
# A referent scores its best mention and this share of its others: a long chain of
# mentions further back must not outweigh the subject of the sentence just before.
OTHERS = 0.1
LOOK_BACK_SENTENCES = 6
MAX_SENTENCES = 40  # at most this many sentences back, quoted ones included
SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class Heard:
    """A quote's speaker as reported at ``offset`` (the source mention): ``person`` is
    whether it is one person (he/she), else an organisation or state (it/they);
    ``weight`` the role points of its source mention."""

    offset: int
    speaker: Speaker
    person: bool
    weight: float = 0.0


@dataclass(frozen=True)
class Candidate:
    key: str
    speaker: Speaker | None  # for a speaker not resolved to an entity
    entity: Entity | None


class Salience:
    """Scores the referents of one article's mentions before a given token."""

    def __init__(self, doc: Doc, sentence_starts: list[int],
                 in_quote: Callable[[int], bool]) -> None:
        self.doc = doc
        self.sentence_starts = sentence_starts
        self.in_quote = in_quote
        self._token_starts = doc.to_array(IDX).tolist() if len(doc) else []
        self._text_length = len(doc.text)  # doc.text joins every token anew on each call
        self._first_subjects: dict[int, int] = {}  # sentence → token index of its subject

    def sentence_of(self, token_i: int) -> int:
        return bisect.bisect_right(self.sentence_starts, token_i) - 1

    def char_range(self, k: int, stop: Token | None = None) -> tuple[int, int]:
        start = self.doc[self.sentence_starts[k]].idx
        ends = self.sentence_starts[k + 1] if k + 1 < len(self.sentence_starts) else len(
            self.doc)
        end = self.doc[ends].idx if ends < len(self.doc) else self._text_length
        return start, min(end, stop.idx) if stop is not None else end

    def token_at(self, offset: int) -> Token:
        i = max(0, bisect.bisect_right(self._token_starts, offset) - 1)
        return self.doc[i]

    def rank(self, before: Token, mentions: Callable[[int, int], list[tuple[int, Entity]]],
             heard: list[Heard], fits: Callable[[Candidate], bool],
             sentences: int = LOOK_BACK_SENTENCES) -> Candidate | None:
        """The best-scoring candidate that ``fits``, from the mentions of entities and the
        speakers heard in the ``sentences`` up to ``before``."""
        here = self.sentence_of(before.i)
        scores: dict[str, list[float]] = {}
        found: dict[str, Candidate] = {}
        distance = 0  # sentences of narration back: quoted sentences do not count
        for k in range(here, max(-1, here - MAX_SENTENCES), -1):
            start, end = self.char_range(k, before if k == here else None)
            if k != here and self.in_quote(start) and self.in_quote(max(start, end - 2)):
                continue  # a sentence of someone's words: no candidates, no distance
            if distance >= sentences:
                break
            decay = DECAY ** distance
            distance += 1
            for offset, entity in mentions(start, end):
                if self.in_quote(offset):
                    continue
                candidate = Candidate(entity.id, None, entity)
                if not fits(candidate):
                    continue
                found.setdefault(entity.id, candidate)
                scores.setdefault(entity.id, []).append(
                    decay * self.weight(self.token_at(offset)))
            for item in heard:
                if not start <= item.offset < end or self.in_quote(item.offset):
                    continue
                key = item.speaker.entity or f"@{item.offset}"
                candidate = Candidate(key, item.speaker, None)
                if not fits(candidate):
                    continue
                found.setdefault(key, candidate)
                scores.setdefault(key, []).append(decay * (SPEAKER + item.weight))
        if not scores:
            return None
        totals = {k: max(v) + OTHERS * (sum(v) - max(v)) for k, v in scores.items()}
        best = max(totals, key=lambda k: (totals[k], -len(found[k].key)))
        return found[best]

    def is_subject(self, token: Token) -> bool:
        """Whether the mention headed by ``token`` is a subject (or a passive's agent)."""
        token = _mention_head(token)
        if token.dep_ == "appos" and token.head.i != token.i:
            token = token.head
        return token.dep_ in SUBJECT_DEPS or (token.dep_ == "pobj"
                                              and token.head.dep_ == "agent")

    def is_main_subject(self, token: Token) -> bool:
        """Whether the mention headed by ``token`` is the subject of its sentence."""
        head = _mention_head(token)
        if head.dep_ == "appos" and head.head.i != head.i:
            head = head.head
        return self.is_subject(token) and not _of_infinitive(head) and \
            self._main_subject(head)

    def weight(self, token: Token) -> float:
        """Role points of a mention whose head is ``token``."""
        token = _mention_head(token)
        if token.dep_ == "appos" and token.head.i != token.i:
            token = token.head  # "the Conservative leader, Michael Howard," as the leader
        points = RECENCY
        dep = token.dep_
        if dep in SUBJECT_DEPS or (dep == "pobj" and token.head.dep_ == "agent"):
            if _of_infinitive(token):
                points += OBJECT  # "called for Blair to be tried": Blair is no topic
            else:
                points += MAIN_SUBJECT if self._main_subject(token) else SUBJECT
                if any(c.dep_ == "appos" for c in token.children):
                    points += INTRODUCED
        elif dep in ("dobj", "attr", "oprd", "dative"):
            points += OBJECT
        if dep not in ("poss", "compound"):
            points += HEAD_NOUN
        if dep != "pobj" or token.head.dep_ == "agent":
            points += NON_ADVERBIAL
        return points


    def _main_subject(self, token: Token) -> bool:
        """The subject of the sentence's main verb, or its first subject (the parser often
        takes a main verb for a relative clause: "The playwright Harold Pinter has
        called …")."""
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"):
            return True
        k = self.sentence_of(token.i)
        if k not in self._first_subjects:
            end = self.sentence_starts[k + 1] if k + 1 < len(self.sentence_starts) else len(
                self.doc)
            self._first_subjects[k] = next((t.i for t in self.doc[self.sentence_starts[k]:end]
                                            if t.dep_ in SUBJECT_DEPS), -1)
        return self._first_subjects[k] == token.i


def _mention_head(token: Token) -> Token:
    """The head word of the name a token is part of ("Ayad" → "Allawi")."""
    for _ in range(3):
        if token.dep_ in ("compound", "flat") and token.head.i != token.i:
            token = token.head
    return token


def _of_infinitive(token: Token) -> bool:
    verb = token.head
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or any(
        c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)
