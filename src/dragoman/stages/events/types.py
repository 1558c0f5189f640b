"""From a trigger's CAMEO code to the event as PLOVER 2.0 types it, given what surrounds it.

The rules, each a reading of the PLOVER 2.0 manual or of CAMEO's own hierarchy:

- a verbal event is specified by its content: AGREE to meet is 036, REQUEST a release 1053,
  REJECT a meeting 125 (CAMEO's second and third digits);
- an intent to act against someone is a threat: "prepared to impose martial law" (AGREE +
  COERCE) and "will withdraw … unless" are THREATEN;
- a refusal of a future action is REJECT: "will not accept refugees", "would not meet";
- an obligation the speaker puts on someone ("X said Libya must hand over …") is the
  speaker's REQUEST of them;
- future meetings, visits, cooperation and support are AGREE; announced retreats CONCEDE;
- a visit without a named host is to the country where it takes place; a protest or an act
  of coercion without a named target is aimed at its own country (domestic events), an
  attack without one at the place it strikes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dragoman.records import EventParty
from dragoman.stages.events import status as st
from dragoman.stages.events.arguments import Reading
from dragoman.stages.events.roles import FIRST_PERSON, is_state
from dragoman.stages.events.triggers import Code, EventLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

# The statement is the event: its status is that of the saying, not of what is said.
STATEMENTS = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "CONCEDE"}
# Statements that are not turned into the reporter's demand by "must" ("X said Y must
# agree to …" is X's REQUEST; "X said Y must be rejected" stays a rejection).
DEMANDS = {"REQUEST", "REJECT", "THREATEN", "ACCUSE"}
CONFLICT = {"COERCE", "SANCTION", "ASSAULT", "MOBILIZE", "PROTEST"}
DOMESTIC = {"PROTEST", "COERCE"}
# Types whose untargeted or uncoded target is the actor's own country (PLOVER/CAMEO code a
# group by where it is: "police dispersed demonstrators", "banned opposition candidates").
HOME_TYPES = {"PROTEST", "COERCE", "ASSAULT", "REQUEST", "REJECT", "THREATEN", "ACCUSE",
              "CONCEDE"}
# (verbal type, content type) -> CAMEO code (CAMEO's own sub-codes for these contents).
CONTENT_CODES = {
    ("AGREE", "CONSULT"): "036", ("AGREE", "COOPERATE"): "031", ("AGREE", "AID"): "033",
    ("AGREE", "SUPPORT"): "032", ("AGREE", "RETREAT"): "035", ("AGREE", "CONCEDE"): "035",
    ("REQUEST", "CONSULT"): "106", ("REQUEST", "COOPERATE"): "101", ("REQUEST", "AID"): "103",
    ("REQUEST", "SUPPORT"): "102", ("REQUEST", "RETREAT"): "105", ("REQUEST", "CONCEDE"): "105",
    ("REJECT", "CONSULT"): "125", ("REJECT", "COOPERATE"): "121", ("REJECT", "AID"): "122",
    ("REJECT", "RETREAT"): "124", ("REJECT", "CONCEDE"): "124",
    ("THREATEN", "SANCTION"): "131", ("THREATEN", "COERCE"): "1312",
    ("THREATEN", "ASSAULT"): "138", ("THREATEN", "MOBILIZE"): "138",
    ("THREATEN", "PROTEST"): "133", ("THREATEN", "RETREAT"): "136",
    ("THREATEN", "CONSULT"): "134",
}
# A planned cooperative action is an expressed intent (PLOVER 2.0, AGREE and CONCEDE).
PLANNED_CODES = {"CONSULT": "036", "COOPERATE": "031", "AID": "033", "SUPPORT": "032"}
# CAMEO "express intent to yield" for a retreat (0841 release → 0353, …).
INTENT_TO_YIELD = {"084": "0353", "085": "0354", "086": "0355", "087": "0356"}


@dataclass
class Typed:
    cameo: str
    status: str
    actors: list[EventParty]
    recipients: list[EventParty]


def type_event(reading: Reading, code: Code, typed: Typed, lexicon: EventLexicon,
               speaker: list[EventParty] | None) -> Typed:
    """Apply the rules above to a trigger's code and read status and parties."""
    event = code.event
    content = content_event(reading, lexicon)
    if event == "AGREE" and content is not None and content.event in CONFLICT:
        event, threat = "THREATEN", content_code("THREATEN", content)
        typed.cameo = threat or "130"
    else:
        typed.cameo = content_code(event, content) or code.code if content else code.code
    if content is not None and code.event not in DEMANDS and _negated_content(reading):
        # "decided not to bother protesting"; but "urged Egypt not to crack down" is a
        # demand that was made
        typed.status = st.NEGATED
    if event == "CONCEDE" and _permits_force(reading):
        # "authorised the use of force against Iraq": no concession, a threat of force
        event, typed.cameo = "THREATEN", "138"
    if event in STATEMENTS and typed.status == st.PLANNED and reading.trigger.kind == "verb":
        typed.status = st.OCCURRED  # the statement happened; its content lies ahead
    if typed.status == st.NEGATED and _refusal(reading.anchor):
        typed.cameo = CONTENT_CODES.get(("REJECT", event), "120")
        typed.status = st.OCCURRED
    elif _ultimatum(reading.anchor) and event in CONFLICT | {"RETREAT", "CONSULT"}:
        typed.cameo = CONTENT_CODES.get(("THREATEN", event), "130")
        typed.status = st.OCCURRED
    elif _obligation(reading.anchor) and speaker and event not in DEMANDS and \
            (typed.actors or typed.recipients):  # "efforts should capture the oil": no one
        typed.cameo = CONTENT_CODES.get(("REQUEST", event), "100")
        typed.actors, typed.recipients = list(speaker), typed.actors + typed.recipients
        typed.status = st.OCCURRED
    elif typed.status == st.PLANNED and event in PLANNED_CODES:
        typed.cameo = PLANNED_CODES[event]
    elif typed.status == st.PLANNED and event == "RETREAT":
        typed.cameo = INTENT_TO_YIELD.get(code.code[:3], "035")
    return typed


PERMIT_VERBS = {"authorize", "authorise", "allow", "permit", "approve", "sanction",
                "endorse", "clear"}
FORCE_WORDS = {"force", "strike", "airstrike", "attack", "action", "war", "invasion",
               "intervention", "operation", "raid", "bombing", "offensive", "deployment"}


def _permits_force(reading: Reading) -> bool:
    """Whether a permission verb's object is the use of force ("authorised the use of
    force", "approved military strikes"): CAMEO's 08x "allow" is easing a restriction on
    others, not licensing one's own attack."""
    verb = reading.trigger.head
    if reading.noun is not None or verb.lemma_.lower() not in PERMIT_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    words = {t.lemma_.lower() for o in objects for t in o.subtree}
    return bool(words & FORCE_WORDS)


def _negated_content(reading: Reading) -> bool:
    """Whether a negation stands between the verbal trigger and its content ("decided *not*
    to bother protesting", "agreed not to attack")."""
    owner = reading.trigger.head
    for content in reading.contents:
        token = content.head
        while token != owner and token.head != token:
            if any(c.dep_ == "neg" for c in token.children):
                return True
            token = token.head
    return False


def content_event(reading: Reading, lexicon: EventLexicon) -> Code | None:
    for content in reading.contents:
        inner = lexicon.code(content.code)
        if inner is not None:
            return inner
    return None


def content_code(event: str, content: Code | None) -> str | None:
    if content is None:
        return None
    code = CONTENT_CODES.get((event, content.event))
    if code == "035":
        return INTENT_TO_YIELD.get(content.code[:3], "035")
    if code == "105" and content.code[:3] in INTENT_TO_YIELD:
        return "105" + INTENT_TO_YIELD[content.code[:3]][-1]  # demand a release: 1053
    return code


def _aux_words(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def _refusal(anchor: Token) -> bool:
    """"will not accept", "would not meet", "cannot allow": a refusal, not a non-event."""
    for token in st.modality_chain(anchor)[:2]:
        if _aux_words(token) & (st.FUTURE_AUX | {"would", "can", "ca", "could"}):
            return True
    return False


def _ultimatum(anchor: Token) -> bool:
    """"will withdraw its force unless …": a conditional future action."""
    for token in st.modality_chain(anchor)[:2]:
        for child in token.children:
            if child.dep_ == "advcl" and any(m.lower_ == "unless" for m in child.children):
                return True
    return False


OBLIGING_AUX = {"must", "should", "ought"}
OBLIGING_VERBS = {"need", "have"}  # "needs to", "had to": with an infinitive


def obliged(anchor: Token) -> bool:
    """Whether what the anchor says is put as an obligation: "Libya must hand over the
    suspects", "the laws should be scrapped", "those elected had to make sure …"."""
    chain = st.modality_chain(anchor)[:2]
    if any(_aux_words(t) & OBLIGING_AUX for t in chain):
        # "should have done": hindsight about the past, no appeal
        return not any(c.dep_ == "aux" and c.lower_ == "have" for c in anchor.children)
    return anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in OBLIGING_VERBS and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)


def _obligation(anchor: Token) -> bool:
    """An obligation put by someone else ("Libya must hand over the suspects", said by the
    UN): the statement is a demand."""
    subject = next((c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.pos_ == "PRON" and subject.lower_ in FIRST_PERSON:
        return False  # "we must stop the fighting": the speaker's own intent
    return obliged(anchor) and st.reporting_head(anchor) is not None


def place_recipients(event: str, cameo: str, actors: list[EventParty],
                     recipients: list[EventParty],
                     location: tuple[str, str | None] | None) -> tuple[str, list[EventParty]]:
    """A visit's host is the country it takes place in; an attack or a show of force with
    no named target is aimed at the place it happens in; a protest or act of coercion with
    no named target at its own country."""
    if recipients or not actors:
        return cameo, recipients

    countries = {a.country for a in actors if a.country}
    place_country = location[1] if location else None
    if event == "CONSULT" and len(countries) == 1 and place_country and \
            place_country not in countries and cameo in ("040", "042"):
        assert location is not None
        return "042", [EventParty(name=location[0], country=place_country)]
    if event in DOMESTIC or event in ("ASSAULT", "MOBILIZE"):
        home = place_country
        if event in DOMESTIC and home is None and len(countries) == 1:
            home = next(iter(countries))
        if home:
            return cameo, [EventParty(name=location[0] if location else home, country=home)]
    return cameo, recipients


# Sectors of organisations that are not the state or a domestic political group.
PRIVATE_SECTORS = {"BUS", "MED", "NGO"}
# Physical events whose unnamed or uncoded perpetrators are coded by where they act (ICEWS and
# CAMEO coders code "gunmen in Basra" or "a roadside bomb near Samarra" as the place's country).
LOCAL_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}


def located_actors(event: str, actors: list[EventParty], subject: str | None,
                   location: tuple[str, str | None] | None,
                   people: frozenset[str] = frozenset()) -> list[EventParty]:
    """Actors for a physical event whose actors name no country: the people it names (or
    nobody) acting where it happens ("prisoners rioted at a jail in Dili" → TLS). A named
    person (an entity id in ``people``) travels: fighting in Afghanistan does not make
    him Afghan."""
    if event not in LOCAL_TYPES or any(a.country for a in actors) or \
            location is None or not is_state(location[1]):
        return actors  # "a NATO strike in Tripoli" stays NATO's
    if actors:
        return [a if a.entity in people else EventParty(a.name, a.entity, location[1],
                                                        a.sector) for a in actors]
    return [EventParty(name=subject or f"unnamed ({location[0]})", country=location[1])]


def home_recipients(event: str, actors: list[EventParty],
                    recipients: list[EventParty]) -> list[EventParty]:
    """An event whose target names no country (nobody, or "demonstrators", "opposition
    candidates", "Karen guerrillas") is domestic: CAMEO and PLOVER code the target by where
    it is, the actor's own country (e.g. a government banning its opposition). A company,
    a news outlet or an NGO acts abroad as often as at home: its target is left open."""
    if event not in HOME_TYPES or any(r.country for r in recipients) or \
            (actors and all(a.sector in PRIVATE_SECTORS for a in actors)):
        return recipients
    countries = {a.country for a in actors if is_state(a.country)}
    if len(countries) != 1:
        return recipients
    home = next(iter(countries))
    assert home is not None
    return [*recipients, EventParty(name=home, country=home)]

