"""Golden records: the whole record of every bundled example, pinned in ``tests/golden/``, so
that any change in what dragoman extracts shows up in review as a diff of those files.

Extraction runs as ``dragoman extract`` runs it (default settings, no ``DRAGOMAN_*``
variables, one worker); the ``dragoman`` block (version, model) is left out. After a change
that is meant to change output, re-pin with ``pytest tests/test_golden.py --update-golden``
and commit the files with the change.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from dragoman.jobs import Summary, extract_stream
from dragoman.records import Failure
from dragoman.settings import Settings
from tests.fixtures.paths import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
VOLATILE = ("dragoman",)  # the version and model that wrote the record
REPIN = "pytest tests/test_golden.py --update-golden"


def golden_name(origin: str) -> str:
    """``examples/2024-04-10-hanoi-manila-phone-call.txt`` → ``2024-04-10-hanoi-manila-phone-
    call.json``; ``examples/wire.jsonl:2`` → ``wire-2.json``."""
    file, _, line = origin.partition(":")
    return Path(file).stem + (f"-{line}" if line else "") + ".json"


def golden_text(record: dict[str, Any]) -> str:
    """The record as pinned: volatile fields out, keys sorted, the origin relative to the
    examples' parent folder (as when `dragoman extract examples` runs beside them)."""
    kept = {k: v for k, v in record.items() if k not in VOLATILE}
    kept["origin"] = golden_origin(record)
    return json.dumps(kept, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def golden_origin(record: dict[str, Any]) -> str:
    return str(record["origin"]).removeprefix(f"{EXAMPLES.parent}/")


@pytest.fixture(scope="module")
def extracted() -> dict[str, str]:
    settings = Settings.from_env(environ={}, workers=1)
    outcomes = list(extract_stream([str(EXAMPLES)], settings, summary=Summary()))
    failures = [o for o in outcomes if isinstance(o, Failure)]
    assert not failures, failures
    texts = {golden_name(golden_origin(o)): golden_text(o) for o in outcomes
             if isinstance(o, dict)}
    assert len(texts) == len(outcomes), "two examples map to one golden file name"
    return texts


def test_golden_names() -> None:
    assert golden_name("examples/a-b.txt") == "a-b.json"
    assert golden_name("examples/wire.jsonl:2") == "wire-2.json"
    assert golden_name("/x/examples/c.html") == "c.json"


def test_every_bundled_example_has_its_golden_record(extracted: dict[str, str],
                                                      update_golden: bool) -> None:
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        for stale in set(p.name for p in GOLDEN.glob("*.json")) - set(extracted):
            (GOLDEN / stale).unlink()
        for name, text in extracted.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    pinned = sorted(p.name for p in GOLDEN.glob("*.json"))
    assert pinned == sorted(extracted), f"examples and tests/golden/ differ: run `{REPIN}`"


def test_records_equal_their_golden_files(extracted: dict[str, str]) -> None:
    changed = {}
    for name, text in sorted(extracted.items()):
        path = GOLDEN / name
        pinned = path.read_text(encoding="utf-8") if path.is_file() else ""
        if text != pinned:
            changed[name] = "".join(difflib.unified_diff(
                pinned.splitlines(keepends=True), text.splitlines(keepends=True),
                f"golden/{name}", "extracted", n=2))
    shown = "\n".join(diff[:3000] for diff in changed.values())
    assert not changed, (f"{len(changed)} record(s) changed: {', '.join(changed)}. If meant, "
                         f"re-pin with `{REPIN}` and commit tests/golden/.\n{shown}")
