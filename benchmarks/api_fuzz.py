"""Schema-driven fuzzing of the JSON API at scale: requests, server errors, schema mismatches.

The same checks as tests/reliability/test_api_fuzz.py, with more examples, over the same
hand-made store (tests/fixtures/web_records.py), through the whole ASGI app in this process.

    .venv/bin/python benchmarks/api_fuzz.py                      # 200 examples per operation
    .venv/bin/python benchmarks/api_fuzz.py --examples 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import schemathesis
import schemathesis.checks
from schemathesis import GenerationMode

from dragoman.web import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for tests/
from tests.fixtures.api_fuzz import fuzz_operation
from tests.fixtures.web_records import build_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200,
                        help="examples per operation and mode")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build_store(Path(folder) / "fuzz.db")
        schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(db)))
        tally: Counter[str] = Counter()
        failures: Counter[str] = Counter()
        started = time.perf_counter()
        operations = [result.ok() for result in schema.get_all_operations()]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for operation in operations:
                result = fuzz_operation(operation, mode, args.examples)
                tally["requests"] += result.sent
                tally["5xx"] += result.server_errors
                failures.update(result.kinds)
        seconds = time.perf_counter() - started
    print(f"{len(operations)} operations, {tally['requests']} requests in {seconds:.0f} s: "
          f"{tally['5xx']} server errors, {sum(failures.values())} failed checks")
    for failure, count in failures.most_common():
        print(f"{count:6}  {failure}")


if __name__ == "__main__":
    main()
