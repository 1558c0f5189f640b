"""Two ingests into one SQLite store: the second is refused with a message naming the first,
stores nothing and exits 2; the summary of a run says what that run stored itself."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.store import open_store

DRAGOMAN = [sys.executable, "-m", "dragoman"]
TEXTS = ["The minister said on Tuesday that talks would resume.",
         "The court rejected the appeal filed by the opposition in March.",
         "The envoy met the delegation in the capital on Friday."]


def write_corpus(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"id": f"c{i}", "published": "2022-01-05",
                                        "text": f"{TEXTS[i % 3]} (number {i})"}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


def ingest(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr


def articles(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_an_ingest_is_refused_while_another_holds_the_store(tmp_path: Path) -> None:
    corpus, db = write_corpus(tmp_path / "c.jsonl", 3), tmp_path / "s.db"
    holder = open_store(str(db))
    holder.lock_for_ingest()  # what a running ingest holds
    code, stderr = ingest("--db", str(db), str(corpus))
    assert code == 2
    assert f"another dragoman ingest (pid {os.getpid()}, started " in stderr
    assert "is writing to" in stderr and "Traceback" not in stderr
    assert articles(db) == 0
    holder.close()  # the ingest ends: the next one runs
    code, stderr = ingest("--db", str(db), str(corpus))
    assert code == 0 and "stored 3 new, 0 already stored" in stderr


def test_a_store_counts_only_what_it_stored(tmp_path: Path) -> None:
    """A record whose id is stored already (by another writer since the run looked) is not
    stored again nor counted as stored."""
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    record = {"id": "a", "text": "Words.", "paragraphs": [{"span": [0, 6], "duplicate_of": None}],
              "dragoman": {"version": "test", "model": "m"}}
    assert store.write_batch(run, [record], [], {}) == 1
    assert store.write_batch(run, [record, {**record, "id": "b"}], [], {}) == 1
    store.close()


@pytest.mark.slow
def test_two_ingest_processes_at_once_store_everything_once(tmp_path: Path) -> None:
    corpus, db = write_corpus(tmp_path / "c.jsonl", 12), tmp_path / "s.db"
    open_store(str(db)).close()  # created and migrated before the race
    command = [*DRAGOMAN, "ingest", "--db", str(db), str(corpus)]
    first, second = (subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
                     for _ in range(2))
    results = sorted((p.returncode, stderr) for p in (first, second)
                     for stderr in [p.communicate(timeout=600)[1]])
    (ok, ok_err), (refused, refused_err) = results
    assert (ok, refused) == (0, 2), results
    assert "stored 12 new, 0 already stored" in ok_err
    assert "another dragoman ingest (pid " in refused_err and "Traceback" not in refused_err
    assert articles(db) == 12
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 0 and "stored 0 new, 12 already stored" in again.stderr
