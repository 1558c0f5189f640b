"""Scaling of `dragoman spark extract`: local[1] against local[2], and against the local runner.

    python benchmarks/spark_scaling.py [--n 500] [--partitions 8] [--json]

Takes the first N articles of ../shared/corpora/timeline17 (real dated news) and runs, each
in its own process and timed end to end (JVM start, model loads and the cross-article
steps included):

1. ``dragoman spark extract FILE OUT --master local[1]``;
2. the same with ``local[2]``;
3. ``dragoman extract FILE --workers 2`` (the local runner's pool).

Prints articles/s of each, the speed-up of local[2] over local[1] (the target is 1.8×, on
two free cores), and peak memory: of each Python worker process (one per executor core,
each holding one spaCy pipeline) and of the JVM, sampled from /proc every 0.2 s. The
machine's load average is printed too: on a shared machine the numbers are only as good
as the cores that were free.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

# run as a script, this folder is on sys.path
from throughput import CORPUS, take_articles

PAGE_MIB = os.sysconf("SC_PAGE_SIZE") / 2**20


def descendants(pid: int) -> list[int]:
    """The process ids below ``pid`` (children, their children, …), read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def rss_and_name(pid: int) -> tuple[float, str]:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        name = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, ValueError):
        return 0.0, ""
    return pages * PAGE_MIB, name


class PeakMemory(threading.Thread):
    """Peak RSS (MiB) of a process tree's JVM and of its largest Python process."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.python = 0.0
        self.jvm = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            for pid in [self.pid, *descendants(self.pid)]:
                rss, name = rss_and_name(pid)
                if "java" in name.split(" ", 1)[0]:
                    self.jvm = max(self.jvm, rss)
                elif "python" in name.split(" ", 1)[0]:
                    self.python = max(self.python, rss)


def timed(command: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    memory = PeakMemory(process.pid)
    memory.start()
    _, stderr = process.communicate()
    memory.done.set()
    memory.join()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{stderr.decode()[-2000:]}")
    summary = [line for line in stderr.decode().splitlines() if line.startswith("summary:")]
    if not summary:  # exit 1 is "some articles failed"; with no summary the run itself did
        sys.exit(f"{' '.join(command)} gave no summary:\n{stderr.decode()[-2000:]}")
    return {"seconds": round(seconds, 1), "peak_python_process_mib": round(memory.python),
            "peak_jvm_mib": round(memory.jvm), "summary": summary[-1] if summary else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="articles to run (default 500)")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (it lives in ../shared, read-only)")
    load_before = os.getloadavg()
    dragoman = [sys.executable, "-m", "dragoman"]
    runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        articles, words = take_articles(args.corpus, args.n, sample)
        for cores in (1, 2):
            runs[f"spark local[{cores}]"] = timed(
                [*dragoman, "spark", "extract", str(sample), str(Path(tmp) / f"out{cores}"),
                 "--master", f"local[{cores}]", "--partitions", str(args.partitions)])
        runs["local --workers 2"] = timed([*dragoman, "extract", str(sample), "--workers", "2",
                                           "-o", os.devnull])
    for run in runs.values():
        run["articles_per_s"] = round(articles / run["seconds"], 2)
    one, two = runs["spark local[1]"], runs["spark local[2]"]
    result = {"articles": articles, "words": words, "partitions": args.partitions,
              "cpus": os.cpu_count(), "load_average_before": load_before,
              "load_average_after": os.getloadavg(), "runs": runs,
              "speedup_local2_over_local1": round(one["seconds"] / two["seconds"], 2)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{articles} articles, {words:,} words, {args.partitions} partitions, "
          f"load average before {load_before[0]:.2f}, after {result['load_average_after'][0]:.2f}")
    print(f"{'':20}{'seconds':>9}{'articles/s':>12}{'python MiB':>12}{'JVM MiB':>9}")
    for name, run in runs.items():
        print(f"{name:20}{run['seconds']:>9.1f}{run['articles_per_s']:>12.2f}"
              f"{run['peak_python_process_mib']:>12}{run['peak_jvm_mib']:>9}")
    print(f"speed-up local[2] / local[1]: {result['speedup_local2_over_local1']:.2f}x")


if __name__ == "__main__":
    main()
