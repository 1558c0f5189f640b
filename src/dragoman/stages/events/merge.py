"""One record per distinct event in an article (CONTRACT: a second record for the same event
counts as a false positive).

Candidates merge into an earlier event when they report the same happening: the same type
(future meetings count as one family whether read as AGREE 036 or a speculative CONSULT), the
same parties, a compatible date and status. A definite event noun with no parties of its own
("the meeting would take place", "the ice-breaking call") refers back to the latest
compatible event. Merged readings become ``mentions``; the first record keeps its fields and
takes a date, location or mode that only a later mention gives. An event with no state
party on either side is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from dragoman.knowledge.cameo import JOINT
from dragoman.knowledge.sectors import STATE_SECTORS
from dragoman.records import Event, EventParty, Span
from dragoman.stages.events.roles import is_state

if TYPE_CHECKING:
    from spacy.tokens import Token

FUTURE = {"planned", "hypothetical"}
CHALLENGERS = frozenset({"REB", "OPP", "INS", "SEP", "UAF"})  # CAMEO: who fights a state
PHONE_NOUNS = {"call", "conversation", "videoconference"}


@dataclass
class Candidate:
    event: str
    base: str  # the type before PLOVER retyping (a planned CONSULT is AGREE, base CONSULT)
    cameo: str
    mode: str | None
    context: tuple[str, ...]
    actors: list[EventParty]
    recipients: list[EventParty]
    status: str
    date: str | None
    location: tuple[str, str | None] | None
    evidence: Span
    text: str = ""  # the evidence text, to recognise a repeated paragraph's copy
    noun: Token | None = None
    definite: bool = False
    paragraph: int = 0
    claimed_by: list[EventParty] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)  # parse cues for confidence

    @property
    def family(self) -> str:
        return "MEET" if self.base == "CONSULT" or self.cameo == "036" else self.event

    @property
    def parties(self) -> tuple[frozenset[str], frozenset[str]]:
        actors, recipients = _keys(self.actors), _keys(self.recipients)
        if self.event in JOINT or self.family == "MEET":
            return actors | recipients, frozenset()
        return actors, recipients


def split_recipients(candidate: Candidate) -> list[Candidate]:
    """One event per recipient country when one side acts towards several separately ("the
    chancellor phoned Kenya's president and the Japanese prime minister" is two calls), as
    ICEWS and PLOVER code dyads; parties acting jointly stay one event (CONTRACT), and so
    does a meeting, agreement or cooperation with several sides, which may be one
    multilateral act; calls are always one per counterpart. Recipients without a country go
    with the first country's event."""
    if candidate.event in JOINT and candidate.mode != "phone":
        return [candidate]
    groups: dict[str, list[EventParty]] = {}
    loose: list[EventParty] = []
    for party in candidate.recipients:
        if party.country and is_state(party.country):
            groups.setdefault(party.country, []).append(party)
        else:
            loose.append(party)
    if len(groups) < 2:
        return [candidate]
    parts = list(groups.values())
    parts[0] = parts[0] + loose
    return [replace(candidate, recipients=part, mentions=list(candidate.mentions),
                    signals={**candidate.signals, "split": 1.0}) for part in parts]


def merge_candidates(candidates: list[Candidate]) -> list[Event]:
    kept: list[Candidate] = []
    for candidate in candidates:
        if not candidate.actors and not candidate.recipients:
            target = _referent(candidate, kept) if candidate.definite else None
            if target is not None:
                _absorb(target, candidate)
            continue
        same = next((k for k in kept if k.evidence == candidate.evidence
                     and _same(k, candidate)), None) or \
            next((k for k in kept if _same(k, candidate)), None)
        if same is not None:
            _absorb(same, candidate)
        else:
            kept.append(candidate)
    # an event with no state on either side says nothing an analyst can place on the map
    # ("contributed to this report", "industries hit by the downturn", "the UN said the
    # agency would …"): dyadic event data (ICEWS, PLOVER) codes state dyads, and such
    # readings were wrong in nine cases of ten on annotated real news
    return [_event(c) for c in kept if any(is_state(p.country)
                                           for p in (*c.actors, *c.recipients))]



def _keys(parties: list[EventParty]) -> frozenset[str]:
    return frozenset(p.country or p.entity or p.name for p in parties)


def _sectors(parties: list[EventParty]) -> dict[str, set[bool]]:
    """For each country of a side, whether its parties are of the state (GOV, MIL, …: True)
    or fight it (REB, OPP, …: False); other sectors (civilians, media) say neither."""
    found: dict[str, set[bool]] = {}
    for party in parties:
        if party.country and party.sector in STATE_SECTORS | CHALLENGERS:
            found.setdefault(party.country, set()).add(party.sector in STATE_SECTORS)
    return found


def _other_sectors(old: Candidate, new: Candidate) -> bool:
    """Whether a side names the two camps of one country's civil conflict in the two
    readings, the state in one and those fighting it in the other ("government forces
    shelled the rebels" and "rebels attacked government troops": LBYGOV and LBYREB, both
    LBY). Inside one article the text names one party several ways ("Gaddafi", "the
    regime", "Libyan troops": GOV and MIL; "civilians" among "rebels") or with no sector
    ("Libya"), and annotated events are one per happening by country, so sides are
    compared by country unless they cross that line (knowledge/actor_codes.py; merging
    across articles keys on the whole codes, corpus/events.py)."""
    def sides(c: Candidate) -> list[list[EventParty]]:
        joint = c.event in JOINT or c.family == "MEET"
        return [c.actors + c.recipients] if joint else [c.actors, c.recipients]

    for before, after in zip(sides(old), sides(new), strict=True):
        known, given = _sectors(before), _sectors(after)
        if any(known[c].isdisjoint(given[c]) for c in known.keys() & given.keys()):
            return True
    return False


def _same(old: Candidate, new: Candidate) -> bool:
    if old.family != new.family:
        return False
    if old.evidence == new.evidence or (old.text == new.text and old.date != new.date):
        return _overlapping(old, new)  # the same sentence, or a repeated paragraph's copy
    if (old.mode == "phone") != (new.mode == "phone"):
        return False  # a call and a meeting between the same sides are two events
    if old.status != new.status and not {old.status, new.status} <= FUTURE:
        return False
    if _other_sectors(old, new):
        return False
    if old.parties != new.parties:
        # a repeat naming fewer sides, and no other day
        return _less_specific(new, old) and new.date in (None, old.date)
    return old.date == new.date or (old.status in FUTURE and not (old.date and new.date))


def _codes_of(parties: list[EventParty]) -> frozenset[str]:
    return frozenset(p.country for p in parties if p.country)


def _less_specific(new: Candidate, old: Candidate) -> bool:
    """A later report of an event that names fewer of its sides ("the attack" on X after
    "Y's attack on X"; "Syria was accused again" after "the US accused Syria"): each side's
    codes among the earlier report's, fewer of them, and some state named."""
    actors, recipients = _codes_of(new.actors), _codes_of(new.recipients)
    old_actors, old_recipients = _codes_of(old.actors), _codes_of(old.recipients)
    if not any(is_state(c) for c in actors | recipients):
        return False
    if new.event in JOINT:
        return actors | recipients < old_actors | old_recipients
    return actors <= old_actors and recipients <= old_recipients and \
        (actors, recipients) != (old_actors, old_recipients)


def _overlapping(old: Candidate, new: Candidate) -> bool:
    a_actors, a_recipients = old.parties
    b_actors, b_recipients = new.parties
    a, b = a_actors | a_recipients, b_actors | b_recipients
    return a <= b or b <= a


def _referent(candidate: Candidate, kept: list[Candidate]) -> Candidate | None:
    phone = candidate.noun is not None and candidate.noun.lemma_.lower() in PHONE_NOUNS
    for old in reversed(kept):
        if old.family != candidate.family:
            continue
        if candidate.family == "MEET" and (old.mode == "phone") != phone:
            continue
        return old
    return None


def _absorb(target: Candidate, other: Candidate) -> None:
    if other.evidence != target.evidence and other.evidence not in target.mentions:
        target.mentions.append(other.evidence)
    target.date = target.date or other.date
    target.location = target.location or other.location
    target.mode = target.mode or other.mode
    if other.evidence == target.evidence and _named(other) > _named(target):
        target.actors, target.recipients = other.actors, other.recipients
        target.cameo = other.cameo if target.event == other.event else target.cameo


def _named(candidate: Candidate) -> tuple[int, int]:
    """How much a reading says of its parties: those the text names (not a country filled
    in as a domestic target), then all of them."""
    parties = [*candidate.actors, *candidate.recipients]
    return sum(p.name != p.country for p in parties), len(parties)


def _event(c: Candidate) -> Event:
    return Event(event=c.event, cameo=c.cameo, evidence=c.evidence, mode=c.mode,
                 context=c.context, actors=tuple(c.actors), recipients=tuple(c.recipients),
                 status=c.status, date=c.date, location=c.location,
                 claimed_by=tuple(c.claimed_by), mentions=tuple(c.mentions),
                 signals=c.signals)
