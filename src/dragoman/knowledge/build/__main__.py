"""``python -m dragoman.knowledge.build {actors,events,scores,codes,fips,all,confidence}``:
regenerate the knowledge tables in ``dragoman/knowledge/data/`` from ``../shared`` (see the
knowledge README).

``all`` runs the deterministic builders, whose output tests compare byte for byte;
``confidence`` refits the event confidence model, which needs scikit-learn (the dev extra) and
the spaCy model, and takes minutes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dragoman.knowledge.build import (
    DATA,
    DEFAULT_SHARED,
    codes,
    confidence,
    events,
    fips,
    scores,
    tables,
)


def _write(out: Path, files: dict[str, str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
        print(f"{name}\t{content.count(chr(10))} lines")


def build_actors(shared: Path, out: Path) -> None:
    for name, count in sorted(tables.build(shared, out).items()):
        print(f"{name}.tsv\t{count} rows")


def build_events(shared: Path, out: Path) -> None:
    _write(out, events.build(shared / "codebooks"))


def build_scores(shared: Path, out: Path) -> None:
    _write(out, {scores.FILE_NAME: scores.build(shared)})


def build_codes(shared: Path, out: Path) -> None:
    _write(out, {codes.FILE_NAME: codes.build(shared)})


def build_fips(shared: Path, out: Path) -> None:
    _write(out, {fips.FILE_NAME: fips.build(shared)})


def build_all(shared: Path, out: Path) -> None:
    for builder in (build_actors, build_events, build_scores, build_codes, build_fips):
        builder(shared, out)


TABLES: dict[str, Callable[[Path, Path], None]] = {
    "actors": build_actors, "events": build_events, "scores": build_scores,
    "codes": build_codes, "fips": build_fips, "all": build_all}


def fit_confidence(shared: Path, gold: Sequence[str], out: Path) -> None:
    data = confidence.fit_and_sweep(confidence.read_gold(shared, gold))
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {data['trained_on']}, C={data['C']}, "
          f"cross-validated log loss {data['cv_log_loss']}", file=sys.stderr)
    for row in data["cv_calibration"]:
        print(f"  {row['bin']}: n={row['n']} predicted {row['predicted']:.2f} "
              f"observed {row['observed']:.2f}", file=sys.stderr)
    for row in data["cv_thresholds"]:
        print(f"  min {row['min_confidence']:.2f}: P {row['precision']:.3f} "
              f"R {row['recall']:.3f} F1 {row['f1']:.3f}", file=sys.stderr)
    target = confidence.TARGET_PRECISION
    print(f"  lowest threshold with cross-validated precision >= {target}: "
          f"{data[f'min_confidence_for_precision_{target}']}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m dragoman.knowledge.build",
                                  description="Regenerate the knowledge tables in "
                                  "dragoman/knowledge/data/ from ../shared.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    helps = {"actors": "actor tables (countries, people, organisations, sectors, …)",
             "events": "event_codes.tsv and event_lexicon.tsv",
             "scores": "scores.tsv", "codes": "codes.tsv (PLOVER and CAMEO codes and names)",
             "fips": "fips.tsv (ISO-3 to FIPS 10-4 country codes, for the GDELT export)",
             "all": "actors, events, scores, codes and fips"}
    for name, about in helps.items():
        sub = commands.add_parser(name, help=about)
        sub.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                         help="folder holding codebooks/ (default: %(default)s)")
        sub.add_argument("--out", type=Path, default=DATA,
                         help="folder to write to (default: the package data)")
    fit = commands.add_parser("confidence", help="refit data/event_confidence.json "
                                                 "(needs the dev extra)")
    fit.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                     help="folder holding the training gold (default: %(default)s)")
    fit.add_argument("--gold", action="append",
                     help=f"training gold, relative to --shared (default: "
                          f"{', '.join(confidence.DEFAULT_GOLD)}); repeatable")
    fit.add_argument("--out", type=Path, default=DATA / "event_confidence.json",
                     help="file to write the model to (default: the package's)")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "confidence":
            fit_confidence(args.shared, args.gold or confidence.DEFAULT_GOLD, args.out)
        else:
            TABLES[args.command](args.shared, args.out)
    except FileNotFoundError as exc:
        print(f"error: {exc.filename or exc}: not found; pass --shared (the folder holding "
              "codebooks/ and data/)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
