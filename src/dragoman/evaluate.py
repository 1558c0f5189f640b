"""Scoring of `extract` records against gold, with the rules of ../shared/CONTRACT.md.

Quotes, timexes, events and duplicate paragraphs are each matched one-to-one per article:
as many required gold items as possible first, then optional ones with the predictions left
over. Optional gold items count neither as misses nor, when found, as false positives.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

KINDS = ("quotes", "timexes", "events", "duplicates")
# PLOVER types two parties do together: actor and recipient may be given either way round.
JOINT_EVENTS = {"CONSULT", "COOPERATE", "AGREE"}

Item = dict[str, Any]


# -- one-to-one matching --------------------------------------------------------------------
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


# -- counts -----------------------------------------------------------------------------------
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


# -- spans --------------------------------------------------------------------------------------
def _stripped(span: Sequence[int], text: str) -> tuple[int, int]:
    start, end = span
    while start < end and _is_trim(text[start]):
        start += 1
    while end > start and _is_trim(text[end - 1]):
        end -= 1
    return start, end


def _is_trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith(("P", "Z"))


def _overlap(a: Sequence[int], b: Sequence[int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _half_overlap(a: Sequence[int], b: Sequence[int]) -> float:
    shorter = min(a[1] - a[0], b[1] - b[0])
    common = _overlap(a, b)
    return common / shorter if shorter > 0 and common * 2 >= shorter else 0.0


# -- quotes -----------------------------------------------------------------------------------
def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Equal after case-folding, or the same surname with no conflicting given name."""
    if not predicted or not gold:
        return False
    a, b = _name_words(predicted), _name_words(gold)
    if a == b:
        return True
    if not a or not b or a[-1] != b[-1]:
        return False
    given_a, given_b = a[:-1], b[:-1]
    if not given_a or not given_b:
        return True
    x, y = given_a[0], given_b[0]
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _name_words(name: str) -> list[str]:
    words = [w.strip(".,") for w in name.casefold().split()]
    words = [w for w in words if w]
    return words[1:] if words[:1] == ["the"] else words


def score_quotes(tally: Tally, gold: Item, predicted: Item) -> None:
    text = gold["text"]
    gold_quotes = gold["quotes"]
    preds = _countable_quotes(predicted, gold)

    def fits(p: Item, g: Item) -> float:
        return _half_overlap(_stripped(p["content"], text), _stripped(g["content"], text))

    pairs = match_items(gold_quotes, preds, fits)
    matched, fp = tally.record(gold_quotes, preds, pairs)
    right_speakers = 0
    for g, p in matched:
        right = _speaker_right(p.get("speaker"), g.get("speaker"))
        right_speakers += right
        if (g.get("speaker") or {}).get("name"):
            tally.ratio("speaker_accuracy").add(right)
        if (g.get("speaker") or {}).get("span"):
            tally.ratio("speaker_span_accuracy").add(_span_right(p.get("speaker"),
                                                                 g["speaker"]))
        tally.ratio(f"recall_{g.get('kind', 'unknown')}").add(True)
    for i, g in enumerate(gold_quotes):
        if not g.get("optional") and i not in pairs:
            tally.ratio(f"recall_{g.get('kind', 'unknown')}").add(False)
    required = sum(1 for g in gold_quotes if not g.get("optional"))
    tally.strict.add(right_speakers, fp + len(matched) - right_speakers,
                     required - right_speakers)


def _speaker_right(predicted: Item | None, gold: Item | None) -> bool:
    predicted, gold = predicted or {}, gold or {}
    if gold.get("name"):
        return same_speaker(predicted.get("name"), gold["name"])
    if gold.get("span") and predicted.get("span"):  # corpora without resolved names
        return _overlap(predicted["span"], gold["span"]) > 0
    return not gold.get("span") and not predicted.get("name")


def _span_right(predicted: Item | None, gold: Item) -> bool:
    """The predicted speaker mention overlaps the gold source span (PolNeAR's sources)."""
    span = (predicted or {}).get("span")
    return span is not None and _overlap(span, gold["span"]) > 0


def _countable_quotes(predicted: Item, gold: Item) -> list[Item]:
    """Drop predicted quotes that re-report a quote from a repeated paragraph."""
    quotes = [q for q in predicted.get("quotes", []) if q.get("duplicate_of") is None]
    paragraphs = gold.get("paragraphs") or predicted.get("paragraphs") or []
    text = gold["text"]
    kept: list[Item] = []
    for quote in quotes:
        original = _repeated_paragraph_original(quote, paragraphs)
        if original is not None and any(
                _inside(q["content"], original) and fits_text(q, quote, text) for q in quotes):
            continue
        kept.append(quote)
    return kept


def _repeated_paragraph_original(quote: Item, paragraphs: Sequence[Item]) -> list[int] | None:
    for paragraph in paragraphs:
        if paragraph.get("duplicate_of") is not None and _inside(quote["content"],
                                                                  paragraph["span"]):
            return list(paragraphs[paragraph["duplicate_of"]]["span"])
    return None


def _inside(span: Sequence[int], outer: Sequence[int]) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def fits_text(a: Item, b: Item, text: str) -> bool:
    """Two quotes say the same words (at least half of the shorter one's words)."""
    from dragoman.text import words

    wa = set(words(text[a["content"][0]:a["content"][1]]))
    wb = set(words(text[b["content"][0]:b["content"][1]]))
    shorter = min(len(wa), len(wb))
    return shorter > 0 and len(wa & wb) * 2 >= shorter


# -- timexes ---------------------------------------------------------------------------------
def score_timexes(tally: Tally, gold: Item, predicted: Item) -> None:
    gold_timexes = gold["timexes"]
    preds = predicted.get("timexes", [])

    def fits(p: Item, g: Item) -> float:
        return _overlap(p["span"], g["span"]) / max(1, g["span"][1] - g["span"][0])

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


# -- events ----------------------------------------------------------------------------------
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
    if not same and g.get("event") in JOINT_EVENTS:
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
        evidence += _overlap(p["evidence"], g["evidence"]) / max(
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


# -- duplicate paragraphs --------------------------------------------------------------------
def _dup_pairs(paragraphs: Sequence[Item]) -> list[Item]:
    return [{"span": p["span"], "of": paragraphs[p["duplicate_of"]]["span"]}
            for p in paragraphs if p.get("duplicate_of") is not None]


def score_duplicates(tally: Tally, gold: Item, predicted: Item) -> None:
    gold_pairs = _dup_pairs(gold["paragraphs"])
    predicted_pairs = _dup_pairs(predicted.get("paragraphs", []))

    def fits(p: Item, g: Item) -> float:
        return min(_half_overlap(p["span"], g["span"]), _half_overlap(p["of"], g["of"]))

    tally.record(gold_pairs, predicted_pairs, match_items(gold_pairs, predicted_pairs, fits))


# -- whole files ---------------------------------------------------------------------------------
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
