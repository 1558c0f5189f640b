"""Event error analysis on annotated whole articles (real-train by default).

    python benchmarks/event_errors.py [--gold FILE] [--out FILE.jsonl] [--show wrong|right|missed]

Runs the pipeline with every event kept (``event_min_confidence`` 0), matches the predictions
to gold with the evaluator's own one-to-one matching (type and both sides' states, as
``confidence`` promises), and writes one JSON line per predicted event (right or wrong, its
confidence, features and sentence) and per missed required gold event. Prints counts by
type, and precision, recall and F1 at a range of confidence thresholds (CONTRACT's match,
dates included). Use it on training gold; real-dev is for measuring only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
THRESHOLDS = (0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def _sentence(text: str, span: list[int]) -> str:
    return " ".join(text[span[0]:span[1]].split())


def _sides(event: dict[str, Any]) -> str:
    def names(parties: list[dict[str, Any]]) -> str:
        return "+".join(f"{p.get('name')}[{p.get('country')}]" for p in parties) or "-"
    return f"{names(event.get('actors') or [])} -> {names(event.get('recipients') or [])}"


def analyse(gold_lines: list[dict[str, Any]]) -> tuple[list[dict[str, Any]],
                                                       list[tuple[dict[str, Any], list[Any]]]]:
    """Rows for predicted and missed events; and per article (gold, predicted dicts)."""
    from dragoman.evaluate import event_sides_fit, match_items
    from dragoman.pipeline import Pipeline
    from dragoman.pipeline import article_from_dict as to_article
    from dragoman.records import Record
    from dragoman.settings import Settings
    from dragoman.stages.events.confidence import ArticleView, article_features

    pipeline = Pipeline(Settings.from_env(event_min_confidence=0.0))
    articles = [to_article({"id": str(g["id"]), "text": g["text"],
                            "published": g.get("published")}) for g in gold_lines]
    rows: list[dict[str, Any]] = []
    scored: list[tuple[dict[str, Any], list[Any]]] = []
    for gold, outcome in zip(gold_lines, pipeline.process(articles), strict=True):
        if not isinstance(outcome, Record):
            continue
        preds = [e.to_dict() for e in outcome.events]
        scored.append((gold, preds))
        pairs = match_items(gold["events"], preds, event_sides_fit)
        by_pred = {p: g for g, p in pairs.items()}
        view = ArticleView.of(gold["text"], outcome.quotes, outcome.paragraphs,
                              outcome.entities)
        features = article_features(list(outcome.events), view)
        for j, (p, f) in enumerate(zip(preds, features, strict=True)):
            g = gold["events"][by_pred[j]] if j in by_pred else None
            rows.append({"article": gold["id"], "kind": "right" if g else "wrong",
                         "optional_match": bool(g and g.get("optional")),
                         "event": p["event"], "cameo": p["cameo"], "sides": _sides(p),
                         "status": p["status"], "confidence": p["confidence"],
                         "sentence": _sentence(gold["text"], p["evidence"]),
                         "features": {k: v for k, v in f.items() if v}})
        for i, g in enumerate(gold["events"]):
            if i not in pairs and not g.get("optional"):
                rows.append({"article": gold["id"], "kind": "missed", "event": g["event"],
                             "sides": _sides(g), "sentence":
                             _sentence(gold["text"], g["evidence"]) if g.get("evidence")
                             else ""})
    return rows, scored


def sweep(scored: list[tuple[dict[str, Any], list[Any]]]) -> list[str]:
    """P/R/F1 (CONTRACT's match) when only events of at least each threshold are kept."""
    from dragoman.evaluate import evaluate

    lines = []
    for t in THRESHOLDS:
        preds = {str(g["id"]): {"events": [p for p in ps if (p["confidence"] or 0) >= t]}
                 for g, ps in scored}
        found = evaluate([g for g, _ in scored], preds, ("events",))["events"]
        lines.append(f"min {t:.2f}: P {found['precision']:.3f} R {found['recall']:.3f} "
                     f"F1 {found['f1']:.3f} (tp {found['tp']} fp {found['fp']})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default=str(SHARED / "data/events/real-train.jsonl"))
    parser.add_argument("--out", help="write every row as JSON lines here")
    parser.add_argument("--show", choices=("right", "wrong", "missed"),
                        help="print the rows of this kind")
    args = parser.parse_args(argv)
    gold_path = Path(args.gold)
    if not gold_path.exists():
        print(f"no gold at {gold_path}", file=sys.stderr)
        return 1
    gold = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x]
    rows, scored = analyse(gold)
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    if args.show:
        for r in rows:
            if r["kind"] == args.show:
                print(f"{r['event']:9} {r.get('confidence') or '':5} {r['sides']}\n"
                      f"    {r['sentence'][:300]}")
    table = Counter((r["event"], r["kind"]) for r in rows)
    for event in sorted({e for e, _ in table}):
        print(f"{event:10} right {table[event, 'right']:3}  wrong {table[event, 'wrong']:3}  "
              f"missed {table[event, 'missed']:3}")
    print("\n".join(sweep(scored)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
