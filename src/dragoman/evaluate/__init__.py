"""Scoring of `extract` records against gold, with the rules of ../shared/CONTRACT.md.

Quotes, timexes, events and duplicate paragraphs are each matched one-to-one per article:
as many required gold items as possible first, then optional ones with the predictions left
over. Optional gold items count neither as misses nor, when found, as false positives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Any

from dragoman.evaluate.duplicates import score_duplicates
from dragoman.evaluate.events import event_fits, event_sides_fit, location_right, score_events
from dragoman.evaluate.matching import Item, Tally, match_items
from dragoman.evaluate.quotes import fits_text, same_speaker, score_quotes
from dragoman.evaluate.timexes import score_timexes

__all__ = ["KINDS", "calibration_table", "evaluate", "event_fits", "event_sides_fit",
           "fits_text", "location_right", "match_items", "same_speaker"]

KINDS = ("quotes", "timexes", "events", "duplicates")


SCORERS: dict[str, tuple[str, Callable[[Tally, Item, Item], None]]] = {
    "quotes": ("quotes", score_quotes),
    "timexes": ("timexes", score_timexes),
    "events": ("events", score_events),
    "duplicates": ("paragraphs", score_duplicates),
}


def evaluate(gold: Iterable[Item], predictions: dict[str, Item],
             kinds: Sequence[str] = KINDS) -> dict[str, Any]:
    """Scores per kind: ``{kind: {"articles", "found": P/R/F1, ratios…}}``. Articles whose
    gold has no list for a kind are not scored for that kind."""
    tallies = {kind: Tally() for kind in kinds}
    missing = 0
    for line in gold:
        predicted = predictions.get(str(line["id"]))
        if predicted is None:
            missing += 1
            predicted = {}
        for kind in kinds:
            key, scorer = SCORERS[kind]
            if line.get(key) is not None:
                scorer(tallies[kind], line, predicted)
    report: dict[str, Any] = {kind: _report(kind, tallies[kind]) for kind in kinds}
    report["articles_without_prediction"] = missing
    return report


def _report(kind: str, tally: Tally) -> dict[str, Any]:
    data: dict[str, Any] = {"articles": tally.articles, **tally.found.scores()}
    if kind in ("quotes", "timexes"):
        strict = tally.strict.scores()
        data["end_to_end_f1" if kind == "quotes" else "value_f1"] = strict["f1"]
    for name, ratio in sorted(tally.ratios.items()):
        data[name] = ratio.value()
    if tally.calibration:
        data["calibration"] = calibration_table(tally.calibration)
    return data


def calibration_table(pairs: Sequence[tuple[float, bool]],
                      edges: Sequence[float] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)) -> list[Item]:
    """Predicted against observed by confidence bin: for each bin, how many predictions,
    their mean confidence and the share right (type and both sides, matched one-to-one
    against gold, optional items included)."""
    rows: list[Item] = []
    for low, high in pairwise(edges):
        inside = [(c, r) for c, r in pairs if low <= c < high or (high == edges[-1] == c)]
        if inside:
            rows.append({"bin": f"{low:.1f}-{high:.1f}", "n": len(inside),
                         "predicted": round(sum(c for c, _ in inside) / len(inside), 3),
                         "observed": round(sum(r for _, r in inside) / len(inside), 3)})
    return rows
