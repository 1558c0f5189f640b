"""Time `dragoman extract` on generated quotation storms (issue 17: no article may stall a run).

    python benchmarks/quote_storm.py [--sizes 4 16 31 80] [--kind all] [--timeout 300] [--json]

Each storm is one article of about N thousand characters, one paragraph repeating a unit:

- ``pairs``: ``“We will go,” she said, “and they will stay.” `` (a quote split by its cue);
- ``nested``: ``she said that they said that `` (reports inside reports: one sentence);
- ``chain``: ``“We will go,” she said and “they will stay,” he said and `` (one sentence of
  quotes).

Each run is its own process (`python -m dragoman extract FILE -o /dev/null`, model load
included), so the times are what a user waits. The issue's target is at most 20 s for a
31 K-character storm.
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

UNITS = {
    "pairs": "“We will go,” she said, “and they will stay.” ",
    "nested": "she said that they said that ",
    "chain": "“We will go,” she said and “they will stay,” he said and ",
}


def storm(kind: str, chars: int) -> str:
    unit = UNITS[kind]
    return unit * max(1, chars // len(unit))


def run(path: Path, timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "dragoman", "extract", str(path), "-o",
                                os.devnull], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return {"seconds": None, "timeout": timeout}
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    return {"seconds": round(seconds, 2), "status": process.returncode,
            "summary": stderr.strip().splitlines()[-1] if stderr.strip() else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 16, 31, 80],
                        help="thousands of characters")
    parser.add_argument("--kind", choices=[*UNITS, "all"], default="all")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    kinds = list(UNITS) if args.kind == "all" else [args.kind]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for kind in kinds:
            for size in args.sizes:
                text = storm(kind, size * 1000)
                path = Path(folder) / f"{kind}{size}.jsonl"
                path.write_text(json.dumps({"id": f"{kind}-{size}k", "text": text}) + "\n",
                                encoding="utf-8")
                result = {"kind": kind, "chars": len(text), **run(path, args.timeout)}
                results.append(result)
                if not args.json:
                    took = (f"{result['seconds']:.1f} s" if result["seconds"] is not None
                            else f"over {args.timeout:.0f} s")
                    print(f"{kind:7} {len(text):>7,} chars  {took}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
