"""One-to-one matching of gold and predicted items, the counts kept while scoring, and
span helpers the kinds share."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Item = dict[str, Any]


def match_items(gold: Sequence[Item], predicted: Sequence[Item],
                fits: Callable[[Item, Item], float]) -> dict[int, int]:
    """``{gold index: predicted index}``: a maximum matching of required gold items, then of
    optional ones over the predictions left. ``fits`` returns 0 for no match, else a score
    (higher first when several predictions fit)."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for optional in (False, True):
        group = [i for i, g in enumerate(gold) if bool(g.get("optional")) == optional]
        options = {i: _ranked(gold[i], predicted, fits, used) for i in group}
        owner: dict[int, int] = {}
        for i in group:
            _augment(i, options, owner, set())
        for p, g in owner.items():
            pairs[g] = p
            used.add(p)
    return pairs


def _ranked(gold_item: Item, predicted: Sequence[Item], fits: Callable[[Item, Item], float],
            used: set[int]) -> list[int]:
    scored = [(fits(p, gold_item), j) for j, p in enumerate(predicted) if j not in used]
    return [j for score, j in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0]


def _augment(i: int, options: dict[int, list[int]], owner: dict[int, int],
             visited: set[int]) -> bool:
    """Kuhn's augmenting path step for gold item ``i``."""
    for j in options[i]:
        if j in visited:
            continue
        visited.add(j)
        if j not in owner or _augment(owner[j], options, owner, visited):
            owner[j] = i
            return True
    return False


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.right += int(right)
        self.total += 1

    def value(self) -> float | None:
        return round(self.right / self.total, 4) if self.total else None


@dataclass
class Tally:
    """What one kind accumulates over the articles of a gold file."""

    found: Counts = field(default_factory=Counts)
    strict: Counts = field(default_factory=Counts)  # value F1, end-to-end F1
    ratios: dict[str, Ratio] = field(default_factory=dict)
    calibration: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, right)
    articles: int = 0

    def ratio(self, name: str) -> Ratio:
        return self.ratios.setdefault(name, Ratio())

    def record(self, gold: Sequence[Item], predicted: Sequence[Item],
               pairs: dict[int, int]) -> tuple[list[tuple[Item, Item]], int]:
        """Count found/missed/extra; returns the required (gold, predicted) pairs and the
        number of predictions that are false positives."""
        required = [i for i, g in enumerate(gold) if not g.get("optional")]
        matched = [(gold[i], predicted[pairs[i]]) for i in required if i in pairs]
        fp = len(predicted) - len(pairs)
        self.found.add(len(matched), fp, len(required) - len(matched))
        self.articles += 1
        return matched, fp


def stripped(span: Sequence[int], text: str) -> tuple[int, int]:
    start, end = span
    while start < end and _is_trim(text[start]):
        start += 1
    while end > start and _is_trim(text[end - 1]):
        end -= 1
    return start, end


def _is_trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith(("P", "Z"))


def overlap(a: Sequence[int], b: Sequence[int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def half_overlap(a: Sequence[int], b: Sequence[int]) -> float:
    shorter = min(a[1] - a[0], b[1] - b[0])
    common = overlap(a, b)
    return common / shorter if shorter > 0 and common * 2 >= shorter else 0.0
