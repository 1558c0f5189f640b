"""Schema-driven fuzzing of the JSON API at scale: requests, server errors, schema mismatches.

The same checks as tests/reliability/test_api_fuzz.py, with more examples, over the same
hand-made store (tests/web_records.py), through the whole ASGI app in this process.

    .venv/bin/python benchmarks/api_fuzz.py                      # 200 examples per operation
    .venv/bin/python benchmarks/api_fuzz.py --examples 1000
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import schemathesis
import schemathesis.checks
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from dragoman.web import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for tests/
from tests.fixtures.web_records import build_store


def fuzz(operation: Any, mode: GenerationMode, examples: int, tally: Counter[str],
         failures: Counter[str]) -> None:
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case: Any) -> None:
        response = case.call()
        tally["requests"] += 1
        tally["5xx"] += response.status_code >= 500
        try:
            case.validate_response(
                response, excluded_checks=[schemathesis.checks.positive_data_acceptance])
        except BaseException as exc:  # a FailureGroup of the failed checks
            for failure in getattr(exc, "exceptions", [exc]):
                title = str(failure).splitlines()[0] if str(failure) else type(failure).__name__
                failures[f"{operation.label}: {title}"] += 1

    # an operation without parameters has no schema-breaking request
    with contextlib.suppress(Unsatisfiable):
        call()


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
                fuzz(operation, mode, args.examples, tally, failures)
        seconds = time.perf_counter() - started
    print(f"{len(operations)} operations, {tally['requests']} requests in {seconds:.0f} s: "
          f"{tally['5xx']} server errors, {sum(failures.values())} failed checks")
    for failure, count in failures.most_common():
        print(f"{count:6}  {failure}")


if __name__ == "__main__":
    main()
