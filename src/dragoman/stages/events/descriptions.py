"""Accusations made by describing a party: "the minister said the president was *a liar*",
"'Iran remains *a state sponsor of terror*,' a spokesman said", "Israel called Iran *a
terrorist state*".

No verb of accusing names these, so the trigger lexicon finds nothing; CAMEO codes a
statement that condemns or disparages a party as 111 (Criticize or denounce, PLOVER
ACCUSE, real-news conventions in ``../shared/data/README.md``). The speaker of the
statement accuses; the party described is accused. Only a statement someone is reported
to make counts — the reporter's own description is no one's accusation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dragoman.stages.events import status as st
from dragoman.stages.events.merge import Candidate
from dragoman.stages.events.roles import PartyResolver, is_state
from dragoman.stages.events.speech import Speech
from dragoman.stages.events.triggers import EventLexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

# Nouns and adjectives that condemn whoever they describe.
CONDEMNING = {"liar", "criminal", "murderer", "killer", "butcher", "terrorist", "thug",
              "tyrant", "dictator", "traitor", "failure", "gangster", "guilty",
              "illegitimate", "corrupt", "culpable", "complicit", "murderous"}
TERROR = {"terror", "terrorism"}
LINKING = {"be", "remain", "become"}
# Verbs of naming: "called Iran a terrorist state", "described the general as a butcher".
NAMING = {"call", "brand", "label", "deem", "consider", "describe", "denounce", "dub"}
VERBS = LINKING | NAMING
CRITICISE = "111"


def descriptions(sentence: DocSpan, anchors: set[int], lexicon: EventLexicon,
                 resolver: PartyResolver, speech: Speech) -> list[Candidate]:
    """The accusations by description in one sentence (verbs already read as triggers,
    ``anchors``, are left to their own coding)."""
    code = lexicon.code(CRITICISE)
    if code is None:
        return []
    found: list[Candidate] = []
    for verb in sentence:
        if verb.i in anchors or verb.lemma_.lower() not in VERBS:
            continue
        parts = _description(verb)
        if parts is None:
            continue
        described, namer = parts
        accusers = resolver.parties(namer) if namer is not None else \
            speech.speaker_parties(verb) or []
        accused = [p for p in resolver.parties(described) if p not in accusers]
        if not any(is_state(p.country) for p in accusers) or not accused:
            continue
        if st.event_status(verb) != st.OCCURRED:
            continue  # "could be called a failure", "is not responsible"
        found.append(Candidate(
            event=code.event, base=code.event, cameo=code.code, mode=code.mode,
            context=code.context, actors=list(accusers), recipients=accused,
            status=st.OCCURRED, date=speech.date(verb, True), location=None,
            evidence=(sentence.start_char, sentence.end_char), text=sentence.text,
            paragraph=speech.paragraph(sentence.start_char),
            signals={"description": 1.0,
                     "quote_mark": float(any(t.is_quote for t in sentence))}))
    return found


def _description(verb: Token) -> tuple[Token, Token | None] | None:
    """(the party described, who names it so) for a condemning description: "the president
    was a liar" (named by the statement's speaker: None), "Israel called Iran a terrorist
    state" (by the subject), "Iran is considered a sponsor of terror by France"."""
    lemma = verb.lemma_.lower()
    deps = {c.dep_: c for c in reversed(list(verb.children))}
    predicate = next((c for c in verb.children if c.dep_ in ("attr", "acomp", "oprd")
                      and _condemning(c)), None)
    if predicate is None and "prep" in deps:  # "described the general as a butcher"
        predicate = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                          for g in c.children if g.dep_ == "pobj" and _condemning(g)), None)
    if predicate is None:
        return None
    if lemma in LINKING and "nsubj" in deps:
        return _named(deps["nsubj"], None)
    if lemma in NAMING and "dobj" in deps:
        return _named(deps["dobj"], deps.get("nsubj"))
    if lemma in NAMING and "nsubjpass" in deps:
        agent = next((g for g in deps["agent"].children if g.dep_ == "pobj"), None) \
            if "agent" in deps else None
        return _named(deps["nsubjpass"], agent)
    return None


def _named(described: Token, namer: Token | None) -> tuple[Token, Token | None] | None:
    if described.pos_ not in ("PROPN", "NOUN"):
        return None  # "it was a failure": no party named
    return described, namer


def _condemning(word: Token) -> bool:
    """A condemning word ("a liar", "guilty"), a noun it modifies ("a terrorist state",
    "a criminal regime") or "a sponsor of terror(ism)"."""
    lemma = word.lemma_.lower()
    if lemma in CONDEMNING or any(c.dep_ == "amod" and c.lemma_.lower() in CONDEMNING
                                  for c in word.children):
        return True
    if lemma == "sponsor" and any(g.lemma_.lower() in TERROR for c in word.children
                                  if c.dep_ == "prep" for g in c.children):
        return True
    return any(c.dep_ == "conj" and _condemning(c) for c in word.children)
