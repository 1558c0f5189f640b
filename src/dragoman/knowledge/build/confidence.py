"""Fit the event confidence model on annotated real news.

    python -m dragoman.knowledge.build confidence [--shared ../shared] [--gold FILE]...

Runs the pipeline over the training gold (by default ``data/events/real-train.jsonl``:
whole Timeline17 reports with every event annotated, never an evaluation set), labels each
predicted event right when it matches a gold event (required or optional) in type and both
sides' states, as ``confidence`` promises (:func:`dragoman.evaluate.event_sides_fit`), and
fits an L2-regularised logistic regression (scikit-learn, a development dependency; the
pipeline itself only evaluates the fitted weights). The regularisation strength is chosen by
cross-validated log loss, folds split by article so an article's events never train the
model that scores them. Writes ``data/event_confidence.json`` with the cross-validated
calibration table and, for a range of thresholds, the cross-validated precision, recall and
F1 (CONTRACT's match, dates included) of the events a threshold keeps, and the lowest
threshold whose precision reaches ``TARGET_PRECISION`` (what ``event_min_confidence``
defaults to).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_GOLD = ("data/events/real-train.jsonl",)
STRENGTHS = (0.03, 0.1, 0.2, 0.3, 0.5, 1.0, 3.0)
FOLDS = 8
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(12))  # 0.2 … 0.75
TARGET_PRECISION = 0.6
# Features that only ever speak against an event (:mod:`dragoman.stages.events.cues`).
NEGATIVE_CUES = ("cue:",)
Row = tuple[str, dict[str, float], bool]


def labelled_events(gold_lines: Sequence[dict[str, Any]]) -> list[Row]:
    """(article id, features, right) for every event the pipeline predicts on the gold."""
    return [(article, features, right)
            for article, features, right, _ in predicted_events(gold_lines)]


def predicted_events(gold_lines: Sequence[dict[str, Any]]
                     ) -> list[tuple[str, dict[str, float], bool, dict[str, Any]]]:
    """As :func:`labelled_events`, with each event's record dict (for scoring thresholds)."""
    from dragoman.evaluate import event_sides_fit, match_items
    from dragoman.pipeline import Pipeline
    from dragoman.pipeline import article_from_dict as to_article
    from dragoman.records import Record
    from dragoman.settings import Settings
    from dragoman.stages.events.confidence import ArticleView, article_features

    pipeline = Pipeline(Settings.from_env(event_min_confidence=0.0))  # every event
    articles = [to_article({"id": str(g["id"]), "text": g["text"],
                            "published": g.get("published")}) for g in gold_lines]
    rows: list[tuple[str, dict[str, float], bool, dict[str, Any]]] = []
    for gold, outcome in zip(gold_lines, pipeline.process(articles), strict=True):
        if not isinstance(outcome, Record):
            continue
        events = list(outcome.events)
        dicts = [e.to_dict() for e in events]
        right = set(match_items(gold["events"], dicts, event_sides_fit).values())
        view = ArticleView.of(gold["text"], outcome.quotes,  # type: ignore[arg-type]
                              outcome.paragraphs, outcome.entities)  # type: ignore[arg-type]
        for j, features in enumerate(article_features(events, view)):  # type: ignore[arg-type]
            rows.append((str(gold["id"]), features, j in right, dicts[j]))
    return rows


def threshold_sweep(gold_lines: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]],
                    articles: Sequence[str], held_out: Sequence[float]) -> list[dict[str, Any]]:
    """Precision, recall and F1 (CONTRACT's event match) of the events each threshold keeps,
    each event rated by the model that did not see its article."""
    from dragoman.evaluate import evaluate

    table: list[dict[str, Any]] = []
    for threshold in THRESHOLDS:
        kept: dict[str, dict[str, list[dict[str, Any]]]] = {
            str(g["id"]): {"events": []} for g in gold_lines}
        for event, article, p in zip(events, articles, held_out, strict=True):
            if p >= threshold:
                kept[article]["events"].append(event)
        found = evaluate(gold_lines, kept, ("events",))["events"]
        table.append({"min_confidence": threshold, "precision": found["precision"],
                      "recall": found["recall"], "f1": found["f1"]})
    return table


def precision_threshold(sweep: Sequence[dict[str, Any]],
                        target: float = TARGET_PRECISION) -> float | None:
    """The lowest threshold whose cross-validated precision reaches ``target``."""
    return next((row["min_confidence"] for row in sweep if row["precision"] >= target), None)


def fit(rows: Sequence[Row]) -> dict[str, Any]:
    """The fitted model as JSON data, with the chosen strength, its cross-validated
    calibration and its cross-validated (held-out) probabilities under ``held_out``.
    Cues that a sentence reports no event (``cue:…``) may only lower the confidence: one
    the training articles give a positive weight is left out and the model refitted."""
    import numpy as np

    y = np.array([r[2] for r in rows], dtype=int)
    groups = [r[0] for r in rows]
    features = [r[1] for r in rows]
    dropped: set[str] = set()
    while True:
        loss, strength, held_out, vectorizer, model = _cross_validated(features, y, groups)
        weights = {name: float(w) for name, w in
                   zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)}
        wrong_sign = {k for k, w in weights.items() if k.startswith(NEGATIVE_CUES) and w > 0}
        if not wrong_sign:
            break
        dropped |= wrong_sign
        features = [{k: v for k, v in f.items() if k not in dropped} for f in features]
    from dragoman.evaluate import calibration_table

    return {"about": "dragoman event confidence: logistic model; generated by "
                     "`python -m dragoman.knowledge.build confidence`, do not edit by hand",
            "trained_on": {"events": len(rows), "right": int(y.sum()),
                           "articles": len(set(groups))},
            "C": strength, "cv_log_loss": round(float(loss), 4),
            "cues_left_out": sorted(dropped),
            "cv_calibration": calibration_table(list(zip(held_out, y.astype(bool), strict=True))),
            "held_out": held_out,
            "intercept": round(float(model.intercept_[0]), 5),
            "weights": {k: round(w, 5) for k, w in weights.items()}}


def _cross_validated(features: Sequence[dict[str, float]], y: Any, groups: Sequence[str]
                     ) -> tuple[float, float, list[float], Any, Any]:
    """(log loss, strength, held-out probabilities, vectorizer, model on all rows) for the
    regularisation strength with the lowest cross-validated log loss."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold

    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(features)
    best: tuple[float, float, list[float]] | None = None
    for strength in STRENGTHS:
        held = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
            model = LogisticRegression(C=strength, max_iter=2000).fit(x[train], y[train])
            held[test] = model.predict_proba(x[test])[:, 1]
        loss = log_loss(y, held)
        if best is None or loss < best[0]:
            best = (loss, strength, held.tolist())
    assert best is not None
    loss, strength, held_out = best
    model = LogisticRegression(C=strength, max_iter=2000).fit(x, y)
    return loss, strength, held_out, vectorizer, model


def fit_and_sweep(gold_lines: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The model fitted on ``gold_lines`` with its cross-validated threshold table and the
    threshold for :data:`TARGET_PRECISION`, as written to ``event_confidence.json``."""
    predicted = predicted_events(gold_lines)
    data = fit([(a, f, r) for a, f, r, _ in predicted])
    held_out = data.pop("held_out")
    sweep = threshold_sweep(gold_lines, [e for *_, e in predicted],
                            [a for a, *_ in predicted], held_out)
    weights = data.pop("weights")
    return {**data, "cv_thresholds": sweep,
            f"min_confidence_for_precision_{TARGET_PRECISION}": precision_threshold(sweep),
            "weights": weights}


def read_gold(shared: Path, names: Sequence[str] = DEFAULT_GOLD) -> list[dict[str, Any]]:
    """The training gold lines of every file in ``names`` (paths relative to ``shared``)."""
    lines: list[dict[str, Any]] = []
    for name in names:
        text = (shared / name).read_text(encoding="utf-8")
        lines += [json.loads(line) for line in text.splitlines() if line.strip()]
    return lines
