"""Scoring events: type, both sides' states (joint types either way round), dates and
location."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dragoman.evaluate.matching import Item, Tally, match_items, overlap
from dragoman.knowledge.cameo import JOINT


def _states(parties: Iterable[Item] | None) -> frozenset[str]:
    """ISO-3 state codes only: organisation codes (IGOUNO) and unknowns are not compared."""
    codes = (p.get("country") for p in parties or ())
    return frozenset(c for c in codes if isinstance(c, str) and len(c) == 3 and c.isalpha()
                     and c.isupper())


def _interval(value: str) -> tuple[str, str]:
    start, _, end = value.partition("/")
    return start, end or start


def event_fits(p: Item, g: Item) -> float:
    """CONTRACT's event match: type, both sides' states and, where gold has one, the date."""
    return _event_fit(p, g, dated=True)


def event_sides_fit(p: Item, g: Item) -> float:
    """What ``confidence`` estimates: the type and both sides' states, whatever the date."""
    return _event_fit(p, g, dated=False)


def _event_fit(p: Item, g: Item, dated: bool) -> float:
    if p.get("event") not in {g.get("event"), *(g.get("alternatives") or [])}:
        return 0.0
    actors, recipients = _states(p.get("actors")), _states(p.get("recipients"))
    gold_actors, gold_recipients = _states(g.get("actors")), _states(g.get("recipients"))
    same = actors == gold_actors and recipients == gold_recipients
    if not same and g.get("event") in JOINT:
        same = (actors == gold_recipients and recipients == gold_actors) or (
            (not recipients or not gold_recipients)
            and actors | recipients == gold_actors | gold_recipients)
    if not same:
        return 0.0
    if dated and g.get("date"):
        if not p.get("date"):
            return 0.0
        (ps, pe), (gs, ge) = _interval(p["date"]), _interval(g["date"])
        if not (gs <= ps and pe <= ge):
            return 0.0
    evidence = 1.0
    if p.get("evidence") and g.get("evidence"):
        evidence += overlap(p["evidence"], g["evidence"]) / max(
            1, g["evidence"][1] - g["evidence"][0])
    return evidence


def _location_name(location: Any) -> str | None:
    if isinstance(location, dict):
        return location.get("name")
    return location if isinstance(location, str) else None


def location_right(predicted: Any, gold: Any) -> bool:
    """Right when the predicted name's words are among the gold name's words."""
    from dragoman.text import words

    p, g = _location_name(predicted), _location_name(gold)
    return bool(p and g and set(words(p)) <= set(words(g)) and words(p))


def _type_fits(p: Item, g: Item) -> float:
    return 1.0 if p.get("event") in {g.get("event"), *(g.get("alternatives") or [])} else 0.0


def score_events(tally: Tally, gold: Item, predicted: Item) -> None:
    gold_events = gold["events"]
    preds = predicted.get("events", [])
    pairs = match_items(gold_events, preds, event_fits)
    matched, _ = tally.record(gold_events, preds, pairs)
    # type recall: the type alone, whatever the parties (the first target)
    by_type = match_items(gold_events, preds, _type_fits)
    for i, g in enumerate(gold_events):
        if not g.get("optional"):
            tally.ratio("type_recall").add(i in by_type)
    right = set(match_items(gold_events, preds, event_sides_fit).values())
    for j, p in enumerate(preds):
        if isinstance(p.get("confidence"), int | float):
            tally.calibration.append((float(p["confidence"]), j in right))
    for g, p in matched:
        if g.get("status"):
            tally.ratio("status_accuracy").add(p.get("status") == g["status"])
        if g.get("mode"):
            tally.ratio("mode_accuracy").add(p.get("mode") == g["mode"])
        if _location_name(g.get("location")):
            tally.ratio("location_accuracy").add(location_right(p.get("location"),
                                                                g["location"]))
