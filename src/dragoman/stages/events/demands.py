"""Events that statements imply: demands, wishes and denials.

What one party says another should, must or has to do, or wants it to do, is an appeal to
it (PLOVER REQUEST, CAMEO 10); protesters' demands are their protest (CAMEO 141); denying
or dismissing an accusation rejects it (CAMEO 120), addressed to the accuser the phrase
names or to the latest one who accused the denier.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dragoman.records import EventParty
from dragoman.stages.events import status as st
from dragoman.stages.events.arguments import Reading, clause_subject
from dragoman.stages.events.merge import Candidate
from dragoman.stages.events.roles import FIRST_PERSON, PartyResolver, counted
from dragoman.stages.events.speech import Speech
from dragoman.stages.events.triggers import EventLexicon
from dragoman.stages.events.types import content_code, obliged

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

# the speaker or the one spoken to: "we must", "you should" are no appeal to a third party
SPEAKING_SIDE = FIRST_PERSON | {"you"}


def speaking_side(token: Token) -> bool:
    """Whether a subject is the speaker or the one spoken to (a pronoun: "US" is a state)."""
    return token.pos_ == "PRON" and token.lower_ in SPEAKING_SIDE
WISH_VERBS = {"want", "wish", "need"}


def wishes(sentence: DocSpan) -> dict[int, Token]:
    """``{content verb: wishing verb}`` for "X wants Y to do Z" (the anchor of Z → want)."""
    found: dict[int, Token] = {}
    for verb in sentence:
        if verb.lemma_.lower() not in WISH_VERBS or verb.pos_ != "VERB":
            continue
        contents = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if contents and _wished_party(verb, contents[0]) is not None:
            found[contents[0].i] = verb
    return found


def _wished_party(wish: Token, content: Token) -> Token | None:
    """Whom "X wants *Y* to do Z" asks: the object of want, or the subject the parser gives
    the infinitive."""
    for token, deps in ((wish, ("dobj",)), (content, ("nsubj",))):
        for child in token.children:
            if child.dep_ in deps:
                return child
    return None


def wished(candidate: Candidate | None, wish: Token, lexicon: EventLexicon,
            resolver: PartyResolver, speech: Speech) -> Candidate | None:
    """"The kidnappers want Sweden's king to take part in talks", "Egypt wants Israel to
    withdraw": what one party wants another to do is its demand (REQUEST, CAMEO 10), coded
    by the wanted act; the wanted act itself has not happened."""
    subject = clause_subject(wish)
    content = next(c for c in wish.children if c.dep_ in ("xcomp", "ccomp") and c.i > wish.i)
    wanted = _wished_party(wish, content)
    if subject is None or speaking_side(subject) or wanted is None:
        return candidate
    actors = resolver.parties(subject)
    if not actors and candidate is not None:
        return replace(candidate, status=st.HYPOTHETICAL)  # wanted by someone unnamed
    recipients = [p for p in resolver.parties(wanted) if p not in actors]
    act = lexicon.code(candidate.cameo) if candidate is not None else None
    code = lexicon.code(content_code("REQUEST", act) or "100") if act else lexicon.code("100")
    if not actors or not recipients or code is None:
        return candidate
    sentence = wish.sent
    return Candidate(
        event="REQUEST", base="REQUEST", cameo=code.code, mode=code.mode, context=code.context,
        actors=actors, recipients=recipients, status=st.OCCURRED,
        date=speech.date(wish, True), location=None,
        evidence=(sentence.start_char, sentence.end_char), text=sentence.text,
        paragraph=speech.paragraph(sentence.start_char),
        signals={"appeal": 1.0, "quote_mark": float(any(t.is_quote for t in sentence))})


def appeals(sentence: DocSpan, anchors: set[int], lexicon: EventLexicon,
             resolver: PartyResolver, speech: Speech) -> list[Candidate]:
    """What someone says another party should, must or has to do is an appeal to it
    (REQUEST, CAMEO 10): "the laws in Libya should be scrapped, the envoy said", "the
    League should open all channels, the minister said". Verbs that code an event of their
    own are typed by :func:`type_event` (an obligation to act is a demand of that act);
    here the obliged act codes no event."""
    code = lexicon.code("100")
    found: list[Candidate] = []
    for verb in sentence:
        if verb.pos_ not in ("VERB", "AUX") or verb.i in anchors or not obliged(verb):
            continue
        subject = clause_subject(verb)
        if subject is None or speaking_side(subject) or code is None:
            continue
        speaker = speech.speaker_parties(verb)
        recipients = resolver.parties(subject) if speaker else []
        recipients = [r for r in recipients if r not in speaker and r.country] if speaker else []
        if not speaker or not recipients:
            continue
        found.append(Candidate(
            event="REQUEST", base="REQUEST", cameo=code.code, mode=code.mode,
            context=code.context, actors=list(speaker), recipients=recipients,
            status=st.OCCURRED, date=speech.date(verb, True), location=None,
            evidence=(sentence.start_char, sentence.end_char), text=sentence.text,
            paragraph=speech.paragraph(sentence.start_char),
            signals={"appeal": 1.0, "quote_mark": float(any(t.is_quote for t in sentence))}))
    return found


ACCUSATION_NOUNS = {"allegation", "accusation", "charge", "claim", "report"}


def accusation_object(reading: Reading) -> Token | None:
    """The accusation a verb denies or dismisses ("denied *the allegations*")."""
    verb = reading.trigger.head
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                 and c.lemma_.lower() in ACCUSATION_NOUNS), None)


def accusers(reading: Reading, resolver: PartyResolver) -> list[EventParty]:
    """Who made the denied accusation, when the phrase says: "the US Senate's
    allegations", "the allegations made by the Senate"."""
    accusation = accusation_object(reading)
    if accusation is None:
        return []
    found: list[EventParty] = []
    for child in accusation.children:
        if child.dep_ in ("poss", "compound", "amod"):
            found += resolver.parties(child)
        elif child.dep_ in ("acl", "prep"):
            for by in ([child] if child.dep_ == "prep" else child.children):
                if by.dep_ in ("agent", "prep") and by.lower_ in ("by", "from"):
                    found += [p for g in by.children if g.dep_ == "pobj"
                              for p in resolver.parties(g)]
    return found


def answer_accusations(candidates: list[Candidate]) -> None:
    """A denial that names no accuser answers the latest accusation against its actor
    ("the Senate accused him of … Galloway denied the allegations")."""
    for i, candidate in enumerate(candidates):
        if not candidate.signals.get("denial") or candidate.recipients:
            continue
        actors = {p.entity or p.country for p in candidate.actors}
        for earlier in reversed(candidates[:i]):
            if earlier.event == "ACCUSE" and actors & {p.entity or p.country
                                                       for p in earlier.recipients}:
                candidate.recipients = list(earlier.actors)
                break


CROWD_WORDS = {"protester", "protestor", "demonstrator", "marcher", "crowd", "rioter",
               "protesters", "demonstrators", "crowds", "marchers"}


def crowd(anchor: Token) -> bool:
    """Whether the anchor's subject, or the noun it describes ("protesters *demanding*
    reforms"), is a crowd of protesters ("thousands of demonstrators" too)."""
    subject = clause_subject(anchor)
    if subject is None and anchor.dep_ in ("acl", "relcl"):
        subject = anchor.head
    return subject is not None and counted(subject).lemma_.lower() in CROWD_WORDS
