"""``dragoman eval``: scores against gold with CONTRACT.md's rules."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from dragoman.cli.common import guard, main, pipeline_options, pipeline_settings


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score these extract records instead of running the pipeline on GOLD.")
@click.option("--only", default=",".join(("quotes", "timexes", "events", "duplicates")),
              show_default=True, help="Comma-separated kinds to score.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@pipeline_options
def evaluate(gold: str, predictions: str | None, only: str, as_json: bool, model: str | None,
             workers: int | None, batch_size: int | None, min_confidence: float | None) -> None:
    """Score extract output against a GOLD file with CONTRACT.md's rules.

    The events scored are those event_min_confidence keeps; in --predictions, written by
    any system, all of them unless --min-confidence or DRAGOMAN_EVENT_MIN_CONFIDENCE sets a
    minimum (so one extract at 0 can be scored at several thresholds)."""
    from dragoman.evaluate import KINDS
    from dragoman.evaluate import evaluate as score
    from dragoman.jobs import load_jsonl, predict_gold
    from dragoman.records import confident_events
    from dragoman.report import print_scores

    kinds = [k.strip() for k in only.split(",") if k.strip()]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise click.BadParameter(f"unknown kind(s) {', '.join(unknown)}; choose from "
                                 f"{', '.join(KINDS)}", param_hint="--only")
    with guard():
        gold_lines = load_jsonl(Path(gold))
        settings = pipeline_settings(model, workers, batch_size, min_confidence)
        if predictions:
            chosen = min_confidence is not None or \
                "DRAGOMAN_EVENT_MIN_CONFIDENCE" in os.environ
            minimum = settings.event_min_confidence if chosen else 0.0
            predicted = {str(r["id"]): confident_events(r, minimum)
                         for r in load_jsonl(Path(predictions))}
        else:
            predicted = predict_gold(gold_lines, settings)
        report = score(gold_lines, predicted, kinds)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        print_scores(report, title=f"dragoman eval {gold}")
