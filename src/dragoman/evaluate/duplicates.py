"""Scoring repeated paragraphs: the pairs of a paragraph and the one it repeats."""

from __future__ import annotations

from collections.abc import Sequence

from dragoman.evaluate.matching import Item, Tally, half_overlap, match_items


def _dup_pairs(paragraphs: Sequence[Item]) -> list[Item]:
    return [{"span": p["span"], "of": paragraphs[p["duplicate_of"]]["span"]}
            for p in paragraphs if p.get("duplicate_of") is not None]


def score_duplicates(tally: Tally, gold: Item, predicted: Item) -> None:
    gold_pairs = _dup_pairs(gold["paragraphs"])
    predicted_pairs = _dup_pairs(predicted.get("paragraphs", []))

    def fits(p: Item, g: Item) -> float:
        return min(half_overlap(p["span"], g["span"]), half_overlap(p["of"], g["of"]))

    tally.record(gold_pairs, predicted_pairs, match_items(gold_pairs, predicted_pairs, fits))
