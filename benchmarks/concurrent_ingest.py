"""Two `dragoman ingest` processes into one store at once end with the rows one run gives.

Runs one ingest of INPUTS into the empty store ONE, then two at once into the empty store
TWO — both on all of INPUTS (``--same``, the default) or each on half of the files
(``--split``) — and compares the rows of every data table. Works on either backend:

    .venv/bin/python benchmarks/concurrent_ingest.py --one a.db --two b.db
    .venv/bin/python benchmarks/concurrent_ingest.py \\
        --one postgresql://u:pw@127.0.0.1/one --two postgresql://u:pw@127.0.0.1/two --split
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from dragoman.store import display_url, open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "dragoman" / "examples"
ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".jsonl", ".ndjson", ".gz"}
TABLES = ("articles", "paragraphs", "entities", "timexes", "quotes", "actors",
          "actor_aliases", "entity_actors", "events", "event_mentions", "errors")


def ingest(url: str, inputs: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DRAGOMAN_DB": url}
    return subprocess.Popen([sys.executable, "-m", "dragoman", "ingest", *inputs], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait(*processes: subprocess.Popen[bytes]) -> None:
    for process in processes:
        _, err = process.communicate()
        if process.returncode not in (0, 1):  # 1: some articles failed, the rest stored
            raise SystemExit(f"ingest failed ({process.returncode}): {err.decode()[-2000:]}")


def rows(url: str) -> dict[str, int]:
    store = open_store(url, read_only=True)
    found = {t: int(store.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in TABLES}
    store.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="files or folders (default: the examples)")
    parser.add_argument("--one", required=True, help="empty store for the single run")
    parser.add_argument("--two", required=True, help="empty store for the two at once")
    parser.add_argument("--split", action="store_true", help="each process half the files")
    args = parser.parse_args()
    inputs = args.inputs or [str(EXAMPLES)]
    started = time.perf_counter()
    wait(ingest(args.one, inputs))
    single = time.perf_counter() - started
    if args.split:
        files = sorted(str(p) for i in inputs for p in
                       (Path(i).iterdir() if Path(i).is_dir() else [Path(i)])
                       if p.suffix in ARTICLE_SUFFIXES)
        halves = [files[0::2], files[1::2]]
    else:
        halves = [inputs, inputs]
    started = time.perf_counter()
    wait(*(ingest(args.two, half) for half in halves))
    double = time.perf_counter() - started
    one, two = rows(args.one), rows(args.two)
    print(f"one run into {display_url(args.one)}: {single:.0f} s; two at once "
          f"({'halves' if args.split else 'the same input'}) into {display_url(args.two)}: "
          f"{double:.0f} s")
    print("| table | one run | two at once |\n|---|---:|---:|")
    for table in TABLES:
        print(f"| {table} | {one[table]} | {two[table]} |")
    print("equal" if one == two else "DIFFERENT")
    sys.exit(0 if one == two else 1)


if __name__ == "__main__":
    main()
