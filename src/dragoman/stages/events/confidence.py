"""How likely an event record is right: a calibrated ``confidence`` in [0, 1].

CONTRACT defines it as the probability that the record is right in its type and in both
sides' countries. The estimate is a logistic model over what the record and its article
show about it (the type, the status, whether the sides are named or filled in, whether it
is read from a quotation, how often the article reports it, …). Its weights are fitted on
annotated real news that is not used for evaluation (``real-train``) by
:mod:`dragoman.knowledge.build.confidence`, which writes ``data/event_confidence.json``; a
logistic model fitted by maximum likelihood is calibrated on its training distribution
(predicted probabilities average to the observed rate in every direction of its features),
and ``dragoman eval`` prints the calibration table on held-out gold.

Features are computed from the record itself so that the fitting script and the pipeline
read exactly the same thing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dragoman.records import Entity, Event, EventParty, Paragraph, Quote, Span
from dragoman.stages.events.roles import is_state

MODEL_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "event_confidence.json"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("occurred", "planned", "hypothetical", "negated")


@dataclass(frozen=True)
class ArticleView:
    """What the features read of the article besides the event: its length, its quotation
    spans, its paragraphs and entity types by id."""

    length: int
    quotes: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    entity_types: dict[str, str]
    text: str = ""  # the article text, where the features read words of the evidence

    @classmethod
    def of(cls, text: str, quotes: Sequence[Quote], paragraphs: Sequence[Paragraph],
           entities: Sequence[Entity]) -> ArticleView:
        return cls(len(text), tuple(q.content for q in quotes),
                   tuple(p.span for p in paragraphs), {e.id: e.type for e in entities}, text)


def _filled(party: EventParty) -> bool:
    """A side the text does not name: a country put in as a domestic target."""
    return party.entity is None and party.name == party.country


def _overlaps(span: Span, spans: Sequence[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def article_features(events: Sequence[Event], view: ArticleView) -> list[dict[str, float]]:
    """The features of each event of one article."""
    counts = sentence_counts(events)
    salience = salience_features(events)
    return [{**event_features(e, view), "sentence_events": math.log(counts[e.evidence]),
             **salience[i]} for i, e in enumerate(events)]


def _states(parties: Sequence[EventParty]) -> frozenset[str]:
    return frozenset(p.country for p in parties if p.country and is_state(p.country))


def salience_features(events: Sequence[Event]) -> list[dict[str, float]]:
    """How central each event's parties are to the article: a report is about a few states,
    and its events between them are the ones annotators code, while a state named once in
    passing is more often a misreading. Also whether an earlier record already has the same
    type and sides (a repeat mention is not coded again)."""
    sides = [(_states(e.actors), _states(e.recipients)) for e in events]
    others = max(1, len(events) - 1)
    rows: list[dict[str, float]] = []
    for i, (actors, recipients) in enumerate(sides):
        rest = [s for j, s in enumerate(sides) if j != i]
        same = sum(1 for s in rest if s == (actors, recipients))
        repeat = any(sides[j] == (actors, recipients) and events[j].event == events[i].event
                     for j in range(i))
        rows.append({"salience:same_sides": math.log1p(same),
                     "salience:actor_share": sum(1 for a, r in rest if actors & (a | r)) / others,
                     "salience:recipient_share":
                         sum(1 for a, r in rest if recipients & (a | r)) / others,
                     "salience:repeat": float(repeat),
                     "salience:article_events": math.log(len(events))})
    return rows


def event_features(event: Event, view: ArticleView) -> dict[str, float]:
    """The named features of one event record read on its own; absent features are 0."""
    f: dict[str, float] = {f"type:{event.event}": 1.0, f"status:{event.status}": 1.0}
    actor_states = {a.country for a in event.actors if is_state(a.country)}
    recipient_states = {r.country for r in event.recipients if is_state(r.country)}
    f["actor_state"] = float(bool(actor_states))
    f["recipient_state"] = float(bool(recipient_states))
    f["actor_code_only"] = float(bool(event.actors) and not actor_states)
    f["no_actor"] = float(not event.actors)
    f["no_recipient"] = float(not event.recipients)
    f["several_actors"] = float(len(event.actors) > 1)
    f["several_recipients"] = float(len(event.recipients) > 1)
    f["self_dyad"] = float(bool(actor_states) and actor_states == recipient_states)
    f["dyad"] = float(bool(actor_states) and bool(recipient_states) and not f["self_dyad"])

    f["filled_recipient"] = float(any(_filled(r) for r in event.recipients))
    f["unnamed_actor"] = float(any(a.entity is None for a in event.actors))
    kinds = {view.entity_types.get(a.entity or "", "") for a in event.actors}
    f["actor_person"] = float("PERSON" in kinds)
    f["actor_place"] = float(bool(kinds & {"GPE", "LOC", "FAC"}))
    for side, parties in (("actor", event.actors), ("recipient", event.recipients)):
        sectors = {p.sector for p in parties if p.sector}
        f[f"{side}_no_sector"] = float(bool(parties) and not sectors)
        for sector in sectors:
            f[f"{side}_sector:{sector}"] = 1.0
    f["claimed"] = float(bool(event.claimed_by))
    f["in_quote"] = float(_overlaps(event.evidence, view.quotes))
    f["dated"] = float(event.date is not None)
    f["located"] = float(event.location is not None)
    f["mentions"] = math.log1p(len(event.mentions))
    f["position"] = event.evidence[0] / max(1, view.length)
    f["first_paragraph"] = float(bool(view.paragraphs) and
                                 event.evidence[0] < view.paragraphs[0][1])
    f["long_sentence"] = min(1.0, (event.evidence[1] - event.evidence[0]) / 400)
    f["generic_code"] = float(len(event.cameo) == 3 and event.cameo.endswith("0"))
    f.update(_party_features(event, view))
    f.update(_sentence_features(event, view))
    f.update(event.signals)
    return f


# Sectors of political actors: what makes a happening political (a state's organs, parties,
# rebels, opposition, organisations) rather than an accident, a crime or business news.
POLITICAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "OPP", "IGO", "SPY",
                     "ELI", "INS"}
ENTITY_KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place",
                "ORG": "org", "NORP": "group"}
SPEECH_WORDS = {"said", "says", "told", "tells", "added", "according"}
PAST_WORDS = {"once", "previously", "formerly", "former", "ousted", "earlier", "ago", "last"}


def _political(party: EventParty, view: ArticleView) -> bool:
    """A party a political event needs: a state's organ or a political group by its sector,
    an organisation by its CAMEO code, or a state named as such ("Lebanon", "Beijing")."""
    return (party.sector in POLITICAL_SECTORS or
            (party.country is not None and not is_state(party.country)) or
            (is_state(party.country) and
             view.entity_types.get(party.entity or "") == "GPE"))


def _party_features(event: Event, view: ArticleView) -> dict[str, float]:
    """What kind of party each side is: its entity type, a named party whose country is
    unknown (the scorer then sees no state there), a political actor at all."""
    f: dict[str, float] = {}
    for side, parties in (("actor", event.actors), ("recipient", event.recipients)):
        for party in parties:
            kind = ENTITY_KINDS.get(view.entity_types.get(party.entity or "", ""), "noun")
            f[f"{side}_kind:{kind}"] = 1.0
            if party.country is None:
                f[f"{side}_stateless"] = 1.0
        f[f"{side}_political"] = float(any(_political(p, view) for p in parties))
    f["no_political_side"] = float(not f["actor_political"] and not f["recipient_political"])
    return f


def _sentence_features(event: Event, view: ArticleView) -> dict[str, float]:
    """Words of the evidence sentence: reported speech, a mark of past background, a
    bulleted summary line ("* China statements appear aimed at …")."""
    sentence = view.text[event.evidence[0]:event.evidence[1]]
    words = {w.strip('.,;:"\'()').lower() for w in sentence.split()}
    return {"speech_sentence": float(bool(words & SPEECH_WORDS)),
            "past_marker": float(bool(words & PAST_WORDS)),
            "bullet": float(sentence.lstrip().startswith("*") or " * " in sentence)}


def sentence_counts(events: Sequence[Event]) -> dict[Span, int]:
    """How many events each evidence sentence gives: one of many readings of a sentence is
    less likely right than a sentence's only one."""
    counts: dict[Span, int] = {}
    for e in events:
        counts[e.evidence] = counts.get(e.evidence, 0) + 1
    return counts


@dataclass(frozen=True)
class ConfidenceModel:
    """A fitted logistic model: weights by feature name and an intercept."""

    weights: dict[str, float]
    intercept: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def rate(self, events: Sequence[Event], view: ArticleView) -> list[Event]:
        """The events with ``confidence`` set (rounded to three places)."""
        return [replace(e, confidence=round(self.probability(f), 3))
                for e, f in zip(events, article_features(events, view), strict=True)]

    def to_dict(self) -> dict[str, object]:
        return {"intercept": self.intercept, "weights": dict(sorted(self.weights.items()))}


def load_confidence_model(path: Path = MODEL_PATH) -> ConfidenceModel | None:
    """The shipped model, or None when none has been fitted (confidence then stays null)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return ConfidenceModel({str(k): float(v) for k, v in data["weights"].items()},
                           float(data["intercept"]))
