"""Scoring timexes: spans and normalised values."""

from __future__ import annotations

from dragoman.evaluate.matching import Item, Tally, match_items, overlap


def score_timexes(tally: Tally, gold: Item, predicted: Item) -> None:
    gold_timexes = gold["timexes"]
    preds = predicted.get("timexes", [])

    def fits(p: Item, g: Item) -> float:
        return overlap(p["span"], g["span"]) / max(1, g["span"][1] - g["span"][0])

    pairs = match_items(gold_timexes, preds, fits)
    matched, fp = tally.record(gold_timexes, preds, pairs)
    right = 0
    for g, p in matched:
        same = p.get("value") == g.get("value")
        right += same
        tally.ratio("value_accuracy").add(same)
        tally.ratio("type_accuracy").add(p.get("type") == g.get("type"))
    required = sum(1 for g in gold_timexes if not g.get("optional"))
    tally.strict.add(right, fp + len(matched) - right, required - right)
