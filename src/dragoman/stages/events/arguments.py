"""Actors and recipients of an event, read from the syntax around its trigger.

A verb's subject is its actor and its objects and "with/to/against/on" phrases its
recipients; a passive verb's "by" agent is the actor and its subject the recipient; control
and coordination pass a subject down ("agreed to meet", "urged X to withdraw"). An event
noun takes its parties from its modifiers ("US sanctions", "Xi's visit"), its prepositions
("talks between X and Y", "attack on X", "arrest of X") and, when a support verb carries it
("held talks", "are in talks", "China was ready to"), that verb's subject. A verbal event
with no recipient of its own finds it in its content clause ("demanded that Hamas …").
The parties themselves are resolved by :class:`dragoman.stages.events.roles.PartyResolver`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dragoman.knowledge.cameo import JOINT
from dragoman.records import EventParty
from dragoman.stages.events.roles import Context, PartyResolver, is_state
from dragoman.stages.events.triggers import Trigger, measured

if TYPE_CHECKING:
    from spacy.tokens import Token

VERBAL = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONCEDE"}
# Words that carry an event noun without adding meaning: "hold talks", "impose sanctions".
SUPPORT_VERBS = {"be", "remain", "stay", "hold", "have", "conduct", "carry", "launch", "stage",
                 "make", "pay", "begin", "start", "resume", "continue", "open", "impose",
                 "mount", "wage", "attend", "join", "participate", "organize", "organise",
                 "lead", "engage", "enter", "take", "announce", "plan", "prepare", "schedule",
                 "arrange", "get", "go", "keep", "call", "convene", "host", "finish", "end",
                 "complete", "conclude", "commit", "perpetrate", "suffer", "face", "undergo",
                 "provide", "send", "give", "deliver", "supply", "donate", "grant", "ship",
                 "extend", "airlift", "dispatch", "use", "fire", "renew", "restart",
                 "reopen", "undertake", "initiate",
                 # the actor speeding up, widening or ordering its own action
                 "speed", "accelerate", "intensify", "step", "escalate", "expand", "order",
                 "declare", "approve", "authorize", "authorise"}
# The parser's lemma for a few support verbs is wrong ("staged" -> "stag").
LEMMA_FIXES = {"stag": "stage"}
RECIPIENT_PREPS = {"with", "to", "against", "on", "at", "toward", "towards", "into", "upon"}
# Where an announced action's target stands: "cut off electricity to X", "withdraw from X".
TARGET_PREPS = (RECIPIENT_PREPS - {"at"}) | {"from"}
# A statement about a nominal act names that act's author as its target: "rejected calls
# *by Belarus*", "demanded the removal *of the president*", "a demand *from the US*".
VERBAL_OBJECT_PREPS = (RECIPIENT_PREPS - {"at"}) | {"by", "from", "of"}
ACCUSE_PREPS = {"against", "over", "about", "of", "on", "for"}


@dataclass
class Reading:
    """One trigger as read from its sentence, before coding into an Event."""

    trigger: Trigger
    anchor: Token
    noun: Token | None
    contents: list[Trigger] = field(default_factory=list)


def anchor_of(trigger: Trigger) -> tuple[Token, Token | None]:
    head = trigger.head
    if head.pos_ in ("VERB", "AUX"):
        return head, None
    return governor(head), head


def governor(token: Token, limit: int = 4) -> Token:
    """The verb an event noun depends on ("held *talks*", "plans are afoot for a *meeting*")."""
    current = token
    for _ in range(limit):
        if current.head == current:
            break
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return token


def roles(reading: Reading, event: str, resolver: PartyResolver,
           context: Context) -> tuple[list[EventParty], list[EventParty]]:
    """(actors, recipients) of the event ``reading`` names."""
    if reading.noun is not None:
        actors, recipients = _noun_roles(reading, event, resolver, context)
    else:
        actors, recipients = _verb_roles(reading.anchor, event, resolver, context)
    if not recipients:
        recipients = _phrase_recipients(reading, resolver, context)  # "imposed sanctions on X"
    if not recipients and event in VERBAL:
        recipients = _content_recipients(reading, event, resolver, context)
    if reading.trigger.reverse or reading.trigger.code == "043":
        actors, recipients = recipients, actors  # "hosted X": the visitor is the actor
    if not actors and event in VERBAL and context.speaker and reading.trigger.kind != "verb":
        actors = list(context.speaker)  # "X were off limits for discussion, he said"
    if not _coded(recipients):
        recipients = clause_targets(reading, event, actors, resolver, context) or recipients
    recipients = [r for r in recipients if r not in actors]
    return actors, recipients


def _phrase_recipients(reading: Reading, resolver: PartyResolver,
                       context: Context) -> list[EventParty]:
    trigger = reading.trigger
    found: list[EventParty] = []
    for token in trigger.head.doc[trigger.start:trigger.end]:
        if token == trigger.head:
            continue
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                found += _pobj_parties(child, resolver, context)
    return _unique(found)


def _verb_roles(verb: Token, event: str, resolver: PartyResolver,
                context: Context) -> tuple[list[EventParty], list[EventParty]]:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "csubj")
        and not any(c.dep_ == "aux" for c in verb.children))  # "when asked", "X, backed by"
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]
    subject = clause_subject(verb)
    actors: list[EventParty] = []
    recipients: list[EventParty] = []
    if passive and (agents or event not in JOINT):
        for agent in agents:
            actors += resolver.parties(agent, context)
        if subject is not None:
            recipients += resolver.parties(subject, context)
    elif subject is not None:
        actors += resolver.parties(subject, context)
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj"):
            child = _antecedent(child, verb)
            recipients += resolver.parties(child, context) or _noun_targets(
                child, resolver, context, VERBAL_OBJECT_PREPS if event in VERBAL else None)
        elif child.dep_ == "prep" and child.lower_ in _preps_for(event):
            recipients += _pobj_parties(child, resolver, context)
    if event == "ACCUSE" and not recipients:
        recipients = _prep_parties(verb, {"to"}, resolver, context)  # "complained to X"
    return _unique(actors), _unique(recipients)


def _antecedent(obj: Token, verb: Token) -> Token:
    """A relative pronoun object stands for the noun its clause describes: "Qatar's
    proposal, *which* Syria rejected" rejects the proposal (and so Qatar)."""
    if obj.tag_ not in ("WDT", "WP"):
        return obj
    token = verb
    for _ in range(3):
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ not in ("xcomp", "conj") or token.head == token:
            break
        token = token.head
    return obj


def _preps_for(event: str) -> set[str]:
    """Prepositions naming an event's target: the accused is what a complaint is "over" or
    "about", not whom it is made "to"."""
    return ACCUSE_PREPS if event == "ACCUSE" else RECIPIENT_PREPS


def _noun_targets(noun: Token, resolver: PartyResolver, context: Context,
                  preps: set[str] | None = None) -> list[EventParty]:
    """"break relations *with Russia*", "impose restrictions *against German goods*"."""
    return _prep_parties(noun, preps or RECIPIENT_PREPS - {"at"}, resolver, context)


def _prep_parties(token: Token, preps: set[str], resolver: PartyResolver,
                  context: Context) -> list[EventParty]:
    found: list[EventParty] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found += _pobj_parties(child, resolver, context)
    return found


def clause_subject(verb: Token) -> Token | None:
    """The subject of ``verb``'s clause, looking through control and coordination ("agreed
    to meet", "urged X to withdraw", "talked and agreed", "the troops who fired")."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            subject = subjects[0]
            if subject.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                return token.head
            return subject
        if token.dep_ == "xcomp":
            objects = [c for c in token.head.children if c.dep_ == "dobj"]
            if objects:
                return objects[0]
        if _for_subject(token) is not None:
            return _for_subject(token)
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head
        if token.dep_ not in ("xcomp", "conj", "advcl", "acomp", "ccomp") or \
                token.head == token:
            return None
        token = token.head
    return None


def _for_subject(verb: Token) -> Token | None:
    """"talks for their top diplomats to meet": the "for" object is the infinitive's
    subject."""
    if verb.dep_ not in ("relcl", "acl", "advcl", "xcomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i < verb.i:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _noun_roles(reading: Reading, event: str, resolver: PartyResolver,
                context: Context) -> tuple[list[EventParty], list[EventParty]]:
    noun = reading.noun
    assert noun is not None
    actors: list[EventParty] = []
    recipients: list[EventParty] = []
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod"):
            actors += resolver.parties(child, context)
        elif child.dep_ == "prep" and reading.trigger.code[:3] == "045" and \
                child.lower_ in ("between", "among"):
            recipients += _pobj_parties(child, resolver, context)  # mediating between
        elif child.dep_ == "prep":
            _noun_prep(child, event, resolver, context, actors, recipients)
    if event == "CONSULT" and actors and not recipients and \
            noun.lemma_.lower() in VISIT_NOUNS:
        recipients += _host(noun, actors, resolver, context)
    anchor = reading.anchor
    if anchor != noun and noun.dep_ == "nsubj" and noun.head == anchor and not recipients:
        for child in anchor.children:  # "a car bomb *killed two soldiers*"
            if child.dep_ == "dobj":
                recipients += resolver.parties(child, context)
    if anchor != noun and carries(anchor, noun):
        if not actors:
            subject = clause_subject(anchor)
            if subject is not None and noun not in subject.subtree:
                actors += resolver.parties(subject, context)
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS and \
                    noun not in child.subtree:
                recipients += _pobj_parties(child, resolver, context)
            elif child.dep_ in ("dative", "iobj"):  # "gave *the Ivory Coast* $5m of aid"
                recipients += resolver.parties(child, context)
    return _unique(actors), _unique(recipients)


VISIT_NOUNS = {"visit", "trip", "tour", "stopover"}
OF_TARGET_TYPES = {"ASSAULT", "COERCE", "RETREAT", "ACCUSE", "REJECT", "SANCTION"}


def _host(noun: Token, actors: list[EventParty], resolver: PartyResolver,
          context: Context) -> list[EventParty]:
    """"the minister spoke to reporters *during a visit by* Peru's foreign minister": a visit
    with no destination is hosted by the subject of the clause it happens in, when that
    subject is of another country."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    subject = clause_subject(noun.head.head)
    if subject is None or noun in subject.subtree:
        return []
    visitors = {a.country for a in actors}
    return [p for p in resolver.parties(subject, context) if p.country and
            p.country not in visitors]


def carries(anchor: Token, noun: Token) -> bool:
    """Whether the anchor's subject is the noun's actor: a support verb with the noun as
    object ("held talks") or in an "in" phrase ("are in talks", "engaged in talks"), or a
    copula with an adjective ("China was ready to")."""
    lemma = support_lemma(anchor)
    if noun.pos_ == "ADJ":
        return noun.dep_ == "acomp"
    amount = measured(noun)
    if amount is not None and amount.head == anchor:
        noun = amount  # "gave $5m *of aid*", "launched ten days *of war games*"
    in_phrase = noun.dep_ == "pobj" and noun.head.lower_ in ("in", "into") and \
        noun.head.head == anchor
    if lemma in ("be", "remain", "stay"):
        return in_phrase
    return lemma in SUPPORT_VERBS and (in_phrase or noun.dep_ in ("dobj", "nsubjpass"))


def support_lemma(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    return LEMMA_FIXES.get(lemma, lemma)


def _noun_prep(prep: Token, event: str, resolver: PartyResolver, context: Context,
               actors: list[EventParty], recipients: list[EventParty]) -> None:
    word = prep.lower_
    parties = _pobj_parties(prep, resolver, context)
    if word in ("between", "among", "by") or (word == "from" and event in VERBAL):
        actors += parties
    elif word == "of":
        # "an attack of X", "criticism of X", "rejection of X's plan", "the expulsion of X"
        # name the target; "a visit of X", "the support of X" the actor
        (recipients if event in OF_TARGET_TYPES else actors).extend(parties)
    elif word in RECIPIENT_PREPS or (word == "from" and event == "RETREAT"):
        recipients += parties  # "attack on X"; "withdrawal from X" is aimed at X


def _pobj_parties(prep: Token, resolver: PartyResolver, context: Context) -> list[EventParty]:
    found: list[EventParty] = []
    for obj in prep.children:
        if obj.dep_ == "pobj":
            found += resolver.parties(obj, context)
    return found


def _content_recipients(reading: Reading, event: str, resolver: PartyResolver,
                        context: Context) -> list[EventParty]:
    """"demanded that Hamas renounce …", "threatened to attack Lebanon": the recipient is in
    the content clause (its subject, else its object)."""
    head = reading.trigger.head
    if event == "THREATEN":
        conditioned = _condition_parties(head, resolver, context)
        if conditioned:
            return conditioned
    for child in head.children:
        if child.dep_ == "ccomp" and event in ("REQUEST", "ACCUSE", "THREATEN"):
            subject = clause_subject(child)
            if subject is not None:
                return resolver.parties(subject, context)
    for content in reading.contents:
        anchor, noun = anchor_of(content)
        if noun is not None:
            _, recipients = _noun_roles(Reading(content, anchor, noun), event, resolver,
                                        context)
        else:  # "withdraw its troops *from Lebanon*": the prepositional target first
            recipients = _prep_parties(anchor, TARGET_PREPS, resolver, context) or \
                _verb_roles(anchor, event, resolver, context)[1]
        if recipients:
            return recipients
    return _action_targets(head, resolver, context)


def _action_targets(head: Token, resolver: PartyResolver,
                    context: Context) -> list[EventParty]:
    """"threatened to cut off electricity *to Nakhichevan*", "offered to hand over *to
    Britain*", "is willing to withdraw its troops *from Lebanon*", "threatened to ban
    *Ugandan* candidates": a statement's target is the one its announced action is aimed
    at, read from the infinitive's objects and prepositions (nearest clause first)."""
    for verb in _infinitives(head):
        # the prepositional target first: "withdraw its troops from Lebanon" is aimed at
        # Lebanon, not at the owner of the troops
        found = _prep_parties(verb, TARGET_PREPS, resolver, context)
        for child in verb.children:
            if not found and child.dep_ in ("dobj", "dative"):
                found = resolver.parties(child, context) or _noun_targets(
                    child, resolver, context, TARGET_PREPS)
        if not found:
            found = _prep_parties(verb, {"in"}, resolver, context)  # "activities in Israel"
        if found:
            return _unique(found)
    return []


def _condition_parties(head: Token, resolver: PartyResolver,
                       context: Context) -> list[EventParty]:
    """"threatened to stop the talks *if the United States* goes ahead", "will strike
    *unless Israel* rescinds …": a threat is aimed at whoever must meet its condition."""
    for verb in [head, *_infinitives(head)]:
        for clause in verb.children:
            if clause.dep_ != "advcl" or not any(
                    m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                continue
            subject = clause_subject(clause)
            if subject is not None and subject.head == clause:
                found = resolver.parties(subject, context)
                if found:
                    return found
    return []


def _infinitives(head: Token) -> list[Token]:
    """The action clauses a statement announces: its xcomp ("threatened *to ban*") and,
    through an adjective ("is willing *to withdraw*"), that adjective's, with their
    coordinated verbs."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            found += [child] + [c for c in child.children if c.dep_ == "conj"]
        elif child.dep_ == "acomp":
            found += [g for g in child.children if g.dep_ == "xcomp"]
    return found[:4]


# Where a clause scan for an event's target does not look: subjects, reported speech, relative
# clauses, coordinated clauses and agents; it does look into infinitives ("refused
# to commit to the war against Iraq") and purposes ("to show their disapproval for X").
SKIP_SCAN = {"nsubj", "nsubjpass", "csubj", "relcl", "ccomp", "parataxis", "conj",
             "npadvmod", "agent"}


def clause_targets(reading: Reading, event: str, actors: list[EventParty],
                   resolver: PartyResolver, context: Context) -> list[EventParty]:
    """The first other country named in the event's own clause when its arguments name none:
    "denounced as an ugly crime Serbia's suppression of …" (a misparsed object), "refused
    to commit to any assistance to the US-led war". Parties of the actor's own country are
    passed over; an event without actors or a joint event of several takes no such target."""
    if not actors or (event in JOINT and len(actors) != 1):
        return []  # a target alone makes no event of a clause about something else
    own = {a.country for a in actors}
    anchor = reading.anchor
    stack = [c for c in anchor.children if c.i > anchor.i and c.dep_ not in SKIP_SCAN]
    for token in sorted(_scan(stack), key=lambda t: t.i):
        if not (token.ent_type_ in ("GPE", "NORP") or token.pos_ == "PROPN"):
            continue
        found = [p for p in resolver.parties(token, context)
                 if is_state(p.country) and p.country not in own]
        if found:
            return found[:1]
    return []


def _scan(stack: list[Token]) -> list[Token]:
    """The tokens under ``stack``, leaving out subjects, reported speech and relative
    clauses (SKIP_SCAN)."""
    found: list[Token] = []
    while stack:
        token = stack.pop()
        found.append(token)
        stack += [c for c in token.children if c.dep_ not in SKIP_SCAN]
    return found


def _coded(parties: list[EventParty]) -> bool:
    return any(is_state(p.country) for p in parties)



def _unique(parties: list[EventParty]) -> list[EventParty]:
    seen: list[EventParty] = []
    for party in parties:
        if party not in seen:
            seen.append(party)
    return seen

