"""SIGKILL an ingest at a random point, run it again, and get exactly what a clean run stores.

With one worker (killed twice: the first re-run is killed too) and with a pool of two (the
whole process group is killed, pool included). Every data table is compared row for row with
a clean run's, leaving out only the bookkeeping of runs (run ids, the runs that met an error)
and the full-text indexes (rebuilt from the tables they index). The kill points are drawn at
random; the seed is in the assertion messages, and ``KILL_SEED=<seed>`` replays it.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.corpora import table_rows, write_corpus

DRAGOMAN = [sys.executable, "-m", "dragoman"]
ARTICLES = 120
BATCH = 4



def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet, or locked for a moment
        return 0


def ingest(corpus: Path, db: Path, workers: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DRAGOMAN, "ingest", str(corpus), "--db", str(db)], env=env(workers),
                          capture_output=True, text=True, check=False, timeout=600)


def env(workers: int) -> dict[str, str]:
    return {**os.environ, "DRAGOMAN_BATCH_SIZE": str(BATCH), "DRAGOMAN_WORKERS": str(workers)}


def kill_when_stored(corpus: Path, db: Path, workers: int, at: int) -> int:
    """Start an ingest, SIGKILL its whole process group once ``at`` articles are stored;
    returns the number stored when it died."""
    process = subprocess.Popen([*DRAGOMAN, "ingest", str(corpus), "--db", str(db)],
                               env=env(workers), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and process.poll() is None and stored(db) < at:
            time.sleep(0.01)
        assert process.poll() is None, f"the ingest ended before {at} articles were stored"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return stored(db)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("kill")
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, ARTICLES, seed=11)
    db = folder / "clean.db"
    result = ingest(corpus, db, workers=1)
    assert result.returncode == 1, result.stderr  # the two bad lines
    rows = table_rows(db)
    assert len(rows["articles"]) == ARTICLES and len(rows["errors"]) == 2
    assert rows["quotes"] and rows["timexes"] and rows["entities"]
    return corpus, rows


@pytest.mark.slow
@pytest.mark.parametrize(("workers", "kills"), [(1, 2), (2, 1)])
def test_killed_ingest_rerun_equals_clean_run(clean: tuple[Path, dict[str, Any]],
                                              tmp_path: Path, workers: int,
                                              kills: int) -> None:
    corpus, expected = clean
    seed = int(os.environ.get("KILL_SEED") or random.randrange(2**32))
    rng = random.Random(seed)
    db = tmp_path / "killed.db"
    done = 0
    for kill in range(1, kills + 1):  # the k-th kill of n within the first k/(n+1) of the run
        at = rng.randrange(done + BATCH, ARTICLES * kill // (kills + 1))
        done = kill_when_stored(corpus, db, workers, at)
        assert at <= done < ARTICLES, f"seed {seed}: killed at {done}, aimed at {at}"
    rerun = ingest(corpus, db, workers)
    assert rerun.returncode == 1, rerun.stderr
    assert f"stored {ARTICLES - done} new, {done} already stored" in rerun.stderr, seed
    assert table_rows(db) == expected, f"seed {seed}: killed at {done} articles"
