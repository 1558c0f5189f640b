"""Where the time of `dragoman spark extract` goes: each phase, at local[1] and local[2].

    python benchmarks/spark_phases.py [--n 60] [--partitions 8] [--json]

Takes the first N articles of ../shared/corpora/timeline17 and runs the Spark extract once
per master (local[1], then local[2]), each in its own process, printing the seconds of each
phase: the session's start (JVM), the extraction (input sort and the pipeline on the
executors), the cross-article steps and table writes (run/spark_corpus.py), and the counts,
and the number of Spark jobs the run started (each costs a scheduling round-trip).
Phases of one run share the machine's state, so compare them within a run; the machine's
load average is printed beside them. benchmarks/spark_scaling.py gives the end-to-end
speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# run as a script, this folder is on sys.path
from throughput import CORPUS, take_articles


def one_run(sample: Path, output: Path, master: str, partitions: int) -> dict[str, Any]:
    """Run the extract in this process; the seconds of each phase, the session's start
    first."""
    from dragoman.run.spark import extract, session
    from dragoman.settings import Settings

    started = time.perf_counter()
    spark = session(master)
    spark.sparkContext.setLogLevel("ERROR")
    phases = {"session start": time.perf_counter() - started}
    summary = extract(spark, [str(sample)], str(output), Settings.from_env(), partitions)
    jobs = len(spark.sparkContext.statusTracker().getJobIdsForGroup())
    spark.stop()
    phases.update(summary.phases)
    phases["total"] = time.perf_counter() - started
    return {"master": master, "processed": summary.processed, "jobs": jobs,
            "phases": {name: round(seconds, 1) for name, seconds in phases.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60, help="articles to run (default 60)")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--one", nargs=3, metavar=("SAMPLE", "OUTPUT", "MASTER"),
                        help=argparse.SUPPRESS)  # the child process of one run
    args = parser.parse_args()
    if args.one:
        sample, output, master = args.one
        print(json.dumps(one_run(Path(sample), Path(output), master, args.partitions)))
        return
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (it lives in ../shared, read-only)")
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        articles, words = take_articles(args.corpus, args.n, sample)
        for cores in (1, 2):
            load = os.getloadavg()[0]
            done = subprocess.run(
                [sys.executable, __file__, "--partitions", str(args.partitions), "--one",
                 str(sample), str(Path(tmp) / f"out{cores}"), f"local[{cores}]"],
                capture_output=True, text=True, check=False)
            if done.returncode != 0:
                sys.exit(f"local[{cores}] failed:\n{done.stderr[-2000:]}")
            run = json.loads(done.stdout.strip().splitlines()[-1])
            run["load_average"] = [load, os.getloadavg()[0]]
            runs.append(run)
    if args.json:
        print(json.dumps({"articles": articles, "words": words, "runs": runs}, indent=2))
        return
    print(f"{articles} articles, {words:,} words, {args.partitions} partitions")
    names = list(runs[0]["phases"])
    print(f"{'phase':30}" + "".join(f"{run['master']:>12}" for run in runs))
    for name in names:
        print(f"{name:30}" + "".join(f"{run['phases'].get(name, 0):>12.1f}" for run in runs))
    print(f"{'Spark jobs':30}" + "".join(f"{run['jobs']:>12}" for run in runs))
    print(f"{'load average before/after':30}" + "".join(
        f"{run['load_average'][0]:>6.2f}{run['load_average'][1]:>6.2f}" for run in runs))


if __name__ == "__main__":
    main()
