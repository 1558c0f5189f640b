"""Cues that a sentence reports no event, for the confidence model to weigh.

Whole news reports mix reports of acts with comment on them: opinion ("the two sides
should talk now"), speculation and conditions ("may push for", "if the talks fail"),
questions, generic or habitual statements in the present tense ("the ministry insists on
bilateral talks"), descriptions in relative clauses about a person ("the envoy, who
resigned as minister in May"), and what analysts, experts or commentators say, who speak
for no state. None of these is decisive on its own — a statement in the present tense can
be a report of today's act, a spokesman's "could" can be a threat — so they are graded
features (:mod:`dragoman.stages.events.confidence`) rather than rules; the status rules of
:mod:`dragoman.stages.events.status` settle what the grammar does decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dragoman.stages.events.status import MODAL_AUX, modality_chain, reporting_head

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

# Who comments rather than acts: their words are opinion, not a state's statement.
COMMENTATORS = {"analyst", "expert", "commentator", "columnist", "commentary", "editorial",
                "critic", "observer", "scholar", "academic", "professor", "researcher",
                "pundit", "historian", "economist", "specialist", "blogger", "writer",
                "newspaper", "paper", "columnists", "fellow"}
# Words of opinion and judgement in the sentence ("a tough dilemma", "it is clear that").
OPINION_WORDS = {"dilemma", "opinion", "view", "seem", "appear", "arguably", "clearly",
                 "obviously", "surely", "ought", "needs", "need", "must", "should",
                 "perhaps", "apparently", "probably", "likely", "unlikely", "hope",
                 "wonder", "question", "think", "believe", "feel", "fear", "worry"}
CONDITION_WORDS = {"if", "unless", "whether", "lest"}
# Dependencies of a clause describing a noun: "X, who resigned", "the man who led".
DESCRIBING = {"relcl", "acl"}


def sentence_cues(anchor: Token, trigger: Token, sentence: DocSpan) -> dict[str, float]:
    """The cues of one reading (features named ``cue:…``; absent cues are left out)."""
    words, modal, negated = set(), False, False
    for token in sentence:  # one pass: the stage runs this for every reading
        words.add(token.lemma_.lower())
        modal = modal or token.tag_ == "MD"
        negated = negated or token.dep_ == "neg"
    cues = {"cue:modal_sentence": modal,
            "cue:modal_anchor": _modal_anchor(anchor),
            "cue:question": _question(sentence),
            "cue:condition": bool(words & CONDITION_WORDS),
            "cue:opinion_words": bool(words & OPINION_WORDS),
            "cue:present_simple": _present_simple(anchor),
            "cue:perfect": _perfect(anchor),
            "cue:person_clause": _describes_person(trigger),
            "cue:commentator": _commentator(anchor, sentence),
            "cue:negation": negated}
    return {name: 1.0 for name, value in cues.items() if value}


def _question(sentence: DocSpan) -> bool:
    """The sentence ends with "?" (closing quotation marks aside)."""
    for token in reversed(sentence):
        if not (token.is_quote or token.is_space):
            return token.text == "?"
    return False


def _modal_anchor(anchor: Token) -> bool:
    """A modal on the anchor or on a verb its modality depends on ("could impose")."""
    return any(c.dep_ == "aux" and c.lower_ in MODAL_AUX
               for t in modality_chain(anchor) for c in t.children)


def _present_simple(anchor: Token) -> bool:
    """A verb in the simple present with no auxiliary: generic or habitual statements
    ("the law allows flogging"), though headlines use it for news too."""
    return anchor.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in anchor.children)


def _perfect(anchor: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in anchor.children)


def _describes_person(trigger: Token) -> bool:
    """The trigger sits in a clause describing a named person or a noun ("the general, who
    led the mission", "the protests that toppled the king"): background to the news."""
    token = trigger
    for _ in range(8):
        if token.dep_ in DESCRIBING:
            return token.head.pos_ in ("PROPN", "NOUN", "PRON")
        if token.head == token:
            return False
        token = token.head
    return False


def _commentator(anchor: Token, sentence: DocSpan) -> bool:
    """The statement's speaker is an analyst, expert, commentator or paper: the subject of
    the reporting verb above the anchor (or of the sentence's root) is one of them."""
    head = reporting_head(anchor) or sentence.root
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(w.lemma_.lower() in COMMENTATORS
               for s in subjects for w in s.subtree if w.pos_ == "NOUN")
