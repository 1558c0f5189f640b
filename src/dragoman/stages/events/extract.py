"""Events: who did what to whom, when and where, coded in PLOVER 2.0 with the closest CAMEO code.

Per sentence, from the dependency parse:

1. triggers from the generated lexicon (:mod:`dragoman.stages.events.triggers`): verbs coded
   by their CAMEO.2.0 patterns, event nouns, multiword phrases;
2. a trigger inside the content of a verbal event ("agreed *to meet*", "threatened *to
   impose sanctions*", "condemned *the attack*") is that event's content, not an event of its
   own; it refines the verbal event's code (AGREE + meeting → 036, REQUEST + release → 1053);
3. actors and recipients from the syntax (:mod:`dragoman.stages.events.roles`), status from
   the modality around the anchor (:mod:`dragoman.stages.events.status`), the date from the
   timex attached to the anchor's clause, the location from an attached place;
4. PLOVER 2.0 retyping: references to future meetings and visits are AGREE; announced
   future retreats are CONCEDE (manual, AGREE and CONCEDE sections);
5. one event per distinct happening in the article (:mod:`dragoman.stages.events.merge`):
   repeated mentions, "the meeting" referring back, and speculation about an already
   planned meeting become ``mentions`` of the first record.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from dragoman.records import Entity, Event, EventParty, Quote, Span, Timex
from dragoman.stages.events.arguments import (
    SUPPORT_VERBS,
    VERBAL,
    Reading,
    anchor_of,
    carries,
    clause_subject,
    roles,
    support_lemma,
)
from dragoman.stages.events.cues import COMMENTATORS, sentence_cues
from dragoman.stages.events.dates import narrative_dates, status_and_date
from dragoman.stages.events.demands import (
    accusation_object,
    accusers,
    answer_accusations,
    appeals,
    crowd,
    wished,
    wishes,
)
from dragoman.stages.events.descriptions import descriptions
from dragoman.stages.events.merge import Candidate, merge_candidates, split_recipients
from dragoman.stages.events.roles import ActorKnowledge, Context, PartyResolver, phrase
from dragoman.stages.events.speech import Speech
from dragoman.stages.events.triggers import EventLexicon, Trigger, find_triggers, load_lexicon
from dragoman.stages.events.types import (
    Typed,
    home_recipients,
    located_actors,
    place_recipients,
    type_event,
)
from dragoman.text import dateline_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "attr", "oprd",
                "nsubjpass", "acomp", "dative", "advcl"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "throughout", "across"}
PLACE_NOUNS = {"town", "city", "village", "province", "region", "capital", "area", "district",
               "enclave", "state", "county", "port", "island", "border", "camp"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "parataxis", "conj", "csubj"}
# Verbs of travel, a visit (CONSULT) only when officials travel.
TRAVEL_VERBS = {"arrive", "travel", "fly", "journey"}
OFFICIAL_SECTORS = {"GOV", "IGO", "PTY", "JUD", "LEG", "ELI"}
# Causes that are no political actor: "an earthquake hit Japan", "the virus killed 40".
NATURAL_FORCES = {"earthquake", "quake", "tremor", "aftershock", "tsunami", "storm",
                  "hurricane", "typhoon", "cyclone", "tornado", "flood", "flooding", "rain",
                  "landslide", "mudslide", "avalanche", "drought", "wildfire", "blaze",
                  "eruption", "volcano", "heatwave", "virus", "disease", "outbreak",
                  "epidemic", "pandemic", "flu", "illness", "infection", "cancer", "accident",
                  "crash", "downturn", "recession", "crisis", "slump", "inflation"}


def extract_events(doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex],
                   published: str | None = None, knowledge: ActorKnowledge | None = None,
                   lexicon: EventLexicon | None = None, text: str | None = None,
                   quotes: Sequence[Quote] = (), skip: Sequence[Span] = (),
                   ) -> list[Event]:
    """Every distinct event the article reports, in order of first mention. The pipeline
    passes the knowledge and the lexicon it loaded once (without them the lexicon is read
    here and parties keep only what the entities carry), the article text (spaCy
    rebuilds ``doc.text`` on every access), the quotes stage's quotations, whose
    speakers claim the events inside them, and the spans not to read (paragraphs that are
    not the article's body: reader comments, captions, headlines), in text order: a
    sentence that starts in one of them is skipped."""
    lexicon = lexicon or load_lexicon()
    text = doc.text if text is None else text
    resolver = PartyResolver(doc, entities, knowledge, published)
    resolver.exclude_datelines(dateline_spans(text))
    speech = Speech(doc, resolver, timexes, text, quotes)
    candidates: list[Candidate] = []
    for sentence in _sentences(doc, skip):
        readings = [r for r in _readings(sentence, lexicon)
                    if not resolver.in_dateline(r.trigger.head.idx)]
        wanted = wishes(sentence)
        for reading in readings:
            candidate = _code(reading, sentence, lexicon, resolver, speech, published)
            wish = wanted.get(reading.anchor.i)
            if candidate is not None and wish is not None:
                candidate = wished(candidate, wish, lexicon, resolver, speech)
            if candidate is not None:
                candidates.extend(split_recipients(candidate))
        coded = {r.anchor.i for r in readings}
        for wish in (w for content, w in wanted.items() if content not in coded):
            appeal = wished(None, wish, lexicon, resolver, speech)
            candidates.extend(split_recipients(appeal) if appeal else [])
        anchors = {r.anchor.i for r in readings} | {r.trigger.head.i for r in readings}
        for appeal in appeals(sentence, anchors, lexicon, resolver, speech):
            candidates.extend(split_recipients(appeal))
        for accusation in descriptions(sentence, anchors, lexicon, resolver, speech):
            candidates.extend(split_recipients(accusation))
    answer_accusations(candidates)
    narrative_dates(candidates, published)
    return merge_candidates(candidates)


def _sentences(doc: Doc, skip: Sequence[Span]) -> Iterator[DocSpan]:
    starts = [start for start, _ in skip]
    for sentence in doc.sents:
        here = bisect.bisect_right(starts, sentence.start_char) - 1
        if here < 0 or sentence.start_char >= skip[here][1]:
            yield sentence


# -- readings: triggers with their anchors, content triggers folded in ----------------------
def _readings(sentence: DocSpan, lexicon: EventLexicon) -> list[Reading]:
    triggers = find_triggers(sentence, lexicon)
    owners = {t.start: _owner(t, triggers, lexicon) for t in triggers}
    readings = {t.start: Reading(t, *anchor_of(t)) for t in triggers if owners[t.start] is None}
    for trigger in triggers:
        owner = owners[trigger.start]
        while owner is not None and owners[owner.start] is not None:
            owner = owners[owner.start]  # content of content: "agreed to call for talks"
        if owner is not None:
            readings[owner.start].contents.append(trigger)
    return sorted(readings.values(), key=lambda r: r.trigger.start)


def _owner(trigger: Trigger, triggers: list[Trigger], lexicon: EventLexicon) -> Trigger | None:
    """The verbal trigger whose content ``trigger`` is, if any (the nearest above it). A verb
    coordinated with another ("congratulated the winners and urged them to …") is an act
    of its own, not the other's content."""
    token, steps = trigger.head, 0
    if trigger.kind == "verb" and token.dep_ == "conj" and token.pos_ == "VERB":
        return None
    while token.head != token and steps < 5:
        if token.dep_ not in CONTENT_DEPS and token.dep_ not in ("conj", "aux", "relcl"):
            return None
        token, steps = token.head, steps + 1
        for other in triggers:
            if other is not trigger and other.head == token:
                code = lexicon.code(other.code)
                if code and code.event in VERBAL and not _holder(other, trigger):
                    return other
                return None
    return None


def _holder(owner: Trigger, trigger: Trigger) -> bool:
    """A support verb carrying the noun ("hold talks") is not a verbal owner."""
    return owner.kind == "verb" and trigger.kind in ("noun", "phrase") and \
        support_lemma(owner.head) in SUPPORT_VERBS


# -- coding one reading -----------------------------------------------------------------------
def _code(reading: Reading, sentence: DocSpan, lexicon: EventLexicon, resolver: PartyResolver,
          speech: Speech, published: str | None) -> Candidate | None:
    code = lexicon.code(reading.trigger.code)
    if code is None or _opinion_only(reading, code.event, resolver) or _natural(reading):
        return None
    speaker = speech.speaker_parties(reading.anchor)
    actors, recipients = roles(reading, code.event, resolver, Context(speaker=speaker))
    if _admission(reading, code.event):
        return None  # "conceded that the talks were late": an admission, no concession
    if reading.noun is None and reading.trigger.head.lemma_.lower() in TRAVEL_VERBS and \
            not _officials(actors, resolver):
        return None  # "fighters arrived in Iraq": travel is a visit only for officials
    status, date = status_and_date(reading, code.event, speech, published)
    typed = type_event(reading, code, Typed(code.code, status, actors, recipients), lexicon,
                       speaker)
    final = lexicon.code(typed.cameo) or code
    location = _location(reading, resolver)
    typed.actors = located_actors(final.event, typed.actors, _subject_words(reading), location,
                                  _subject_person(reading, resolver))
    cameo, recipients = place_recipients(final.event, typed.cameo, typed.actors,
                                         typed.recipients, location)
    if final.event in VERBAL:
        if not typed.actors:
            return None  # a statement nobody makes ("when asked to confirm")
        recipients = recipients or _sibling_object(reading.anchor, resolver) or \
            speech.counterpart(reading.anchor)
        speech.remember_counterpart(reading.anchor, recipients)
    denial = final.event == "REJECT" and accusation_object(reading) is not None
    if denial:
        recipients = recipients or accusers(reading, resolver)
    else:
        recipients = home_recipients(final.event, typed.actors, recipients)
    final = lexicon.code(cameo) or final
    if final.event in ("REQUEST", "CONSULT") and crowd(reading.anchor) and lexicon.code("141"):
        # "protesters demanded his resignation", "crowds calling on him to go": the
        # demand is the protest's (PLOVER codes the demonstration, CAMEO 141); a crowd
        # that "converged on" or "met" somewhere gathered, it held no talks
        cameo, final = "141", lexicon.code("141") or final
    return Candidate(
        event=final.event, base=code.event, cameo=cameo, mode=final.mode,
        context=final.context, actors=typed.actors, recipients=recipients,
        claimed_by=_claimant(speaker, typed.actors),
        status=typed.status, date=date, location=location,
        evidence=(sentence.start_char, sentence.end_char), text=sentence.text,
        noun=reading.noun, definite=_definite(reading.noun),
        paragraph=speech.paragraph(sentence.start_char),
        signals={**_signals(reading, sentence, typed.actors, resolver),
                 **({"denial": 1.0} if denial else {}),
                 **({"cue:expert_speaker": 1.0} if speech.expert(reading.anchor, COMMENTATORS)
                    else {}),
                 **({"dateline_lead": 1.0} if resolver.in_dateline(sentence.start_char)
                    else {})})


BACKGROUND_DEPS = {"relcl", "acl", "amod", "pcomp", "csubj", "npadvmod"}


def _signals(reading: Reading, sentence: DocSpan, actors: list[EventParty],
             resolver: PartyResolver) -> dict[str, float]:
    """What the parse shows of a reading, for the confidence model: an event noun rather
    than a verb, a trigger in a background clause ("the uprisings *that ousted* …", "a
    soldier *killed* in Iraq") or under a preposition ("after the attack"), the anchor's
    depth below the sentence root, contents folded in, a subject the anchor has and
    whether an actor was read from it."""
    anchor, trigger = reading.anchor, reading.trigger.head
    depth, background, token = 0, False, trigger
    while token.head != token and depth < 12:
        background = background or token.dep_ in BACKGROUND_DEPS
        token, depth = token.head, depth + 1
    subjects = [c for c in anchor.children if c.dep_ in ("nsubj", "agent")]
    spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in subjects]
    mentions = [m for a in actors for m in getattr(resolver.index.get(a.entity), "mentions", ())]
    return {f"trigger:{trigger.lemma_.lower()}": 1.0,
            "noun_trigger": float(reading.noun is not None),
            "actor_is_subject": float(any(s < m[1] and m[0] < e for s, e in spans
                                          for m in mentions)),
            "under_preposition": float(reading.noun is not None and
                                       reading.noun.dep_ == "pobj"),
            "background_clause": float(background),
            "depth": min(depth, 6) / 6,
            "root_anchor": float(anchor.dep_ == "ROOT"),
            "folded_contents": float(bool(reading.contents)),
            "has_subject": float(any(c.dep_ in ("nsubj", "nsubjpass", "agent")
                                     for c in anchor.children)),
            "quote_mark": float(any(t.is_quote for t in sentence)),
            **sentence_cues(anchor, trigger, sentence)}


def _sibling_object(anchor: Token, resolver: PartyResolver) -> list[EventParty]:
    """"met his Greek counterpart and *warned* against new drilling": a statement with no
    addressee of its own, coordinated with an act towards someone, is addressed to them."""
    if anchor.dep_ != "conj" or anchor.head.pos_ != "VERB":
        return []
    objects = [c for c in anchor.head.children if c.dep_ in ("dobj", "dative")]
    return resolver.parties(objects[0]) if objects else []


def _claimant(speaker: list[EventParty] | None,
              actors: list[EventParty]) -> list[EventParty]:
    """Who claims the event when it is read from reported speech: the speaker, unless the
    speaker is its actor (a statement reporting the speaker's own act is that act)."""
    if not speaker or any(p in actors or (p.entity and p.entity in {a.entity for a in actors})
                          for p in speaker):
        return []
    return list(speaker)


def _opinion_only(reading: Reading, event: str, resolver: PartyResolver) -> bool:
    """"agreed that a meeting could help": accord with an opinion, not an agreement to act
    (that needs a party as the subject of the agreed clause: "agreed that their countries
    should cooperate")."""
    head = reading.trigger.head
    if event != "AGREE" or head.pos_ != "VERB":
        return False
    if any(c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("on", "to"))
           for c in head.children):
        return False
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    subject = clause_subject(clauses[0])
    return subject is None or not resolver.parties(subject)


ADMITTING_VERBS = {"concede", "admit", "acknowledge", "confess", "grant", "accept"}


def _admission(reading: Reading, event: str) -> bool:
    """A concession verb with only a clause for its object ("conceded that the plan was
    late", "acknowledged that mistakes were made") admits a fact; it yields nothing."""
    verb = reading.trigger.head
    if event != "CONCEDE" or reading.noun is not None or \
            verb.lemma_.lower() not in ADMITTING_VERBS:
        return False
    deps = {c.dep_ for c in verb.children}
    return "ccomp" in deps and not deps & {"dobj", "xcomp", "dative"}


def _subject_words(reading: Reading) -> str | None:
    """The words of the anchor's subject when it is a common noun phrase ("prisoners",
    "a roadside bombing"), to name a party it resolves to no entity."""
    if reading.noun is not None and reading.noun.dep_ != "nsubj" and \
            not carries(reading.anchor, reading.noun):
        return None  # "troops crushed the protests": the subject acts on the event
    subject = clause_subject(reading.anchor)
    if subject is None or subject.pos_ != "NOUN" or subject == reading.noun or \
            subject.dep_ == "nsubjpass":
        return None  # a passive subject is who it was done to
    return phrase(subject)


def _subject_person(reading: Reading, resolver: PartyResolver) -> frozenset[str]:
    """The entity id of a named person who is the anchor's subject himself ("Nasser fought
    in Syria"; not "supporters of Nasser blocked roads"), for :func:`located_actors`."""
    subject = clause_subject(reading.anchor)
    person = resolver.person(subject) if subject is not None else None
    return frozenset([person.id]) if person is not None else frozenset()


def _officials(parties: list[EventParty], resolver: PartyResolver) -> bool:
    """Whether a party is a named person or a government, party or organisation body."""
    return any(resolver.is_person(p) or p.sector in OFFICIAL_SECTORS for p in parties)


def _natural(reading: Reading) -> bool:
    """"An earthquake hit Japan", "the virus killed 40", "hit by the downturn": disasters,
    illness and economic forces do things no political actor does."""
    if reading.noun is not None:
        return False
    anchor = reading.anchor
    doers = [c for c in anchor.children if c.dep_ == "nsubj"] + [
        g for c in anchor.children if c.dep_ == "agent" for g in c.children
        if g.dep_ == "pobj"]
    return any(d.lemma_.lower() in NATURAL_FORCES or any(
        c.dep_ == "compound" and c.lemma_.lower() in NATURAL_FORCES for c in d.children)
        for d in doers)


def _definite(noun: Token | None) -> bool:
    return noun is not None and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                    for c in noun.children)


def _location(reading: Reading, resolver: PartyResolver) -> tuple[str, str | None] | None:
    """A place attached to the event ("met in Anchorage", "talks in Geneva"), else one in
    the same clause ("police in Jericho confiscated …", "killed in the city of Basra")."""
    for token in (reading.noun, reading.trigger.head, reading.anchor):
        if token is None:
            continue
        for prep in token.children:
            place = _place_of(prep, resolver)
            if place:
                return place
    for token in reading.anchor.subtree:
        if token.dep_ == "prep" and _same_clause(token, reading.anchor):
            place = _place_of(token, resolver)
            if place:
                return place
    return None


def _place_of(prep: Token, resolver: PartyResolver) -> tuple[str, str | None] | None:
    if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
        return None
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        place = resolver.place(obj)
        if place is None and obj.lemma_.lower() in PLACE_NOUNS:  # "the town of Gorazde"
            named = [g for c in obj.children if c.dep_ in ("prep", "appos", "compound")
                     for g in ([c] if c.dep_ != "prep" else c.children)]
            place = next((p for p in map(resolver.place, named) if p), None)
        if place:
            return place
    return None


def _same_clause(token: Token, anchor: Token) -> bool:
    current = token
    for _ in range(6):
        if current == anchor:
            return True
        if current.dep_ in CLAUSE_DEPS:
            return False
        current = current.head
    return False
