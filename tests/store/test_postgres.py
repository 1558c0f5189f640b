"""The PostgreSQL store against a real, throw-away server (tests/fixtures/postgres_server.py):
the same records, rows and answers as SQLite; migrations; read-only opening; whole batches only;
concurrent writers storing exactly one run's rows; copying between backends."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import ConfigError, StoreError
from dragoman.store import display_url, open_store
from dragoman.store.postgres.migrations import MIGRATIONS
from tests.fixtures.paths import ROOT
from tests.fixtures.web_records import build_store, records

DATA_TABLES = ("articles", "paragraphs", "entities", "timexes", "quotes", "actors",
               "actor_aliases", "entity_actors", "events", "event_mentions", "errors")


def table_rows(store: Any) -> dict[str, int]:
    return {t: store.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in DATA_TABLES}


def test_migrations_are_named_recorded_and_applied_once(postgres_url: str) -> None:
    store = open_store(postgres_url)
    assert store.migrate() == []  # type: ignore[attr-defined]
    names = [r["name"] for r in store.rows("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]
    assert store.counts()["articles"] == 0
    store.close()


def test_the_same_records_and_rows_as_sqlite(postgres_url: str, tmp_path: Path) -> None:
    build_store(postgres_url)
    build_store(tmp_path / "s.db")
    pg, lite = open_store(postgres_url, read_only=True), open_store(str(tmp_path / "s.db"))
    assert table_rows(pg) == table_rows(lite)
    for record in records():
        assert pg.get_record(record["id"]) == lite.get_record(record["id"])
    assert pg.get_record("2021-03-09-anchorage") == lite.get_record("2021-03-09-anchorage")
    # "added" is when each store's run started: the two were written seconds apart
    def merged(store: Any) -> list[dict[str, Any]]:
        return [{k: v for k, v in e.items() if k != "added"} for e in store.merged_events()]

    assert merged(pg) == merged(lite)
    assert list(pg.signatures()) == list(lite.signatures())
    pg.close()
    lite.close()


def test_full_text_search_matches_as_on_sqlite(postgres_url: str, tmp_path: Path) -> None:
    build_store(postgres_url)
    build_store(tmp_path / "s.db")
    pg, lite = open_store(postgres_url), open_store(str(tmp_path / "s.db"))
    for words in ("sanctions", "Anchorage talks", "halfway", "Whitfield", "METHANE",
                  "chip sanctions China", "nothing like this", 'say "what'):
        assert pg.quotes(search=words) == lite.quotes(search=words), words
        found = [a["id"] for a in pg.articles(search=words)]
        assert found == [a["id"] for a in lite.articles(search=words)], words
    pg.close()
    lite.close()


def test_a_read_only_store_never_writes_and_must_be_migrated(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="has no dragoman tables"):
        open_store(postgres_url, read_only=True)
    build_store(postgres_url)
    store = open_store(postgres_url, read_only=True)
    with pytest.raises(StoreError, match="read-only transaction"):
        store.rows("DELETE FROM articles")
    with pytest.raises(StoreError, match="read-only transaction"):
        store.write_batch(1, records()[:1], [], {})
    assert store.counts()["articles"] == 7
    store.close()


def test_a_read_over_its_time_budget_is_stopped(postgres_url: str) -> None:
    from dragoman.errors import QueryTooCostly

    build_store(postgres_url)
    store = open_store(postgres_url, read_only=True, timeout_s=0.05)
    with pytest.raises(QueryTooCostly, match="narrow it with filters"):
        store.rows("SELECT pg_sleep(2)")
    assert store.counts()["articles"] == 7   # the connection goes on serving
    store.close()


def test_a_bad_url_or_server_is_a_clear_error(postgres_server: Any) -> None:
    closed = postgres_server.url("no_such_database").replace("postgres@", "postgres:pw@")
    with pytest.raises(StoreError, match=r"cannot connect to the PostgreSQL store "
                                         r"postgresql://postgres:\*\*\*@"):
        open_store(closed)
    assert "pw" not in display_url(closed)
    with pytest.raises(ConfigError, match="postgresql://user:password@host"):
        open_store("mysql://localhost/x")


def test_a_failing_batch_leaves_nothing(postgres_url: str) -> None:
    store = open_store(postgres_url)
    run = store.begin_run("test", [], {}, "m")
    broken = {**records()[1], "paragraphs": None}   # fails after the first article's rows
    with pytest.raises(TypeError):
        store.write_batch(run, [records()[0], broken], [], {})
    assert table_rows(store) == dict.fromkeys(DATA_TABLES, 0)
    store.write_batch(run, records(), [], {})
    assert store.counts()["articles"] == 7
    store.close()


def test_merging_again_gives_the_events_sqlite_gives(postgres_url: str, tmp_path: Path) -> None:
    build_store(postgres_url)
    build_store(tmp_path / "s.db")
    pg, lite = open_store(postgres_url), open_store(str(tmp_path / "s.db"))
    # merged events get new ids: SQLite's start over, PostgreSQL's identity goes on
    def without_ids(store: Any) -> list[dict[str, Any]]:
        return [{k: v for k, v in e.items() if k != "id"} for e in store.events(limit=100)]

    assert pg.remerge_events(30) == lite.remerge_events(30)
    assert without_ids(pg) == without_ids(lite)
    assert pg.remerge_events(1) == lite.remerge_events(1)
    assert without_ids(pg) == without_ids(lite)
    pg.close()
    lite.close()


def _write_in_batches(url: str, order: str) -> None:
    """One writer: the records in batches of two, as an ingest writes them."""
    chosen = records() if order == "forward" else list(reversed(records()))
    store = open_store(url)
    run = store.begin_run("ingest", [order], {}, "m")
    for start in range(0, len(chosen), 2):
        store.write_batch(run, chosen[start:start + 2], [], {})
    store.finish_run(run, {})
    store.close()


@pytest.mark.parametrize("orders", [("forward", "forward"), ("forward", "backward")])
def test_concurrent_writers_store_one_runs_rows(store_url: str, tmp_path: Path,
                                                orders: tuple[str, str]) -> None:
    """Two processes writing the same articles at once (in the same order, or the
    opposite): each article once, its actors and merged events as one run links them."""
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_in_batches, args=(store_url, order))
               for order in orders]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
    assert [w.exitcode for w in writers] == [0, 0]
    build_store(tmp_path / "one.db")
    together, one = open_store(store_url), open_store(str(tmp_path / "one.db"))
    assert table_rows(together) == table_rows(one)
    assert together.counts()["runs"] == 2
    assert together.events(limit=100) == one.events(limit=100) or orders[1] == "backward"
    together.close()
    one.close()


def test_copy_moves_a_store_between_backends(postgres_url: str, tmp_path: Path) -> None:
    from dragoman.store.copy import copy_store

    build_store(tmp_path / "a.db")
    copied = copy_store(f"sqlite:///{tmp_path / 'a.db'}", postgres_url)
    assert copied["articles"] == 7 and copied["event_mentions"] == 13
    from click.testing import CliRunner

    from dragoman.cli import main

    result = CliRunner().invoke(main, ["copy", "--from", postgres_url,
                                       "--to", str(tmp_path / "b.db")])
    assert result.exit_code == 0 and "articles 7" in result.output, result.output
    a, pg, b = (open_store(u) for u in (str(tmp_path / "a.db"), postgres_url,
                                         str(tmp_path / "b.db")))
    for store in (pg, b):
        assert table_rows(store) == table_rows(a)
        assert store.events(limit=100) == a.events(limit=100)
        assert store.quotes(search="halfway") == a.quotes(search="halfway")
        assert store.actors(limit=100) == a.actors(limit=100)
        assert store.get_record(records()[0]["id"]) == a.get_record(records()[0]["id"])
    # the copy goes on as a store: its ids continue after the copied ones
    run = pg.begin_run("test", [], {}, "m")
    assert run == 2
    with pytest.raises(StoreError, match="already holds a store"):
        copy_store(str(tmp_path / "a.db"), postgres_url)
    for store in (a, pg, b):
        store.close()


def test_every_store_command_takes_a_postgresql_url(postgres_url: str, tmp_path: Path) -> None:
    """ingest, show, quotes, events, actors, merge-events, export, migrate with --db or
    DRAGOMAN_DB (ingest of the bundled examples runs the pipeline: one subprocess)."""
    from click.testing import CliRunner

    from dragoman.cli import main

    env = {"DRAGOMAN_DB": postgres_url}
    ingest = subprocess.run([sys.executable, "-m", "dragoman", "ingest"], env={
        **__import__("os").environ, **env}, capture_output=True, text=True, cwd=tmp_path,
        check=False)
    assert ingest.returncode in (0, 1), ingest.stderr
    assert not (tmp_path / "dragoman.db").exists()
    runner = CliRunner(env=env)
    articles = open_store(postgres_url).counts()["articles"]
    assert articles >= 3
    for command in (["quotes", "--limit", "2"], ["events", "--limit", "2"],
                    ["actors", "--limit", "2"], ["merge-events"], ["migrate"],
                    ["export", "events", "--format", "jsonl"]):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, (command, result.output)
    first = open_store(postgres_url).ingest_order(1)[0]["id"]
    shown = runner.invoke(main, ["show", first, "--json", "--db", postgres_url])
    assert shown.exit_code == 0 and first in shown.stdout
    assert ROOT.exists()


def _corpus(path: Path, n: int) -> None:
    """n distinct invented articles and one broken line, as JSON Lines."""
    import json

    places = ["Nairobi", "Lima", "Oslo", "Hanoi", "Accra", "Quito"]
    lines = [json.dumps({"id": f"k-{i:03d}", "published": f"2022-06-0{1 + i % 9}",
                         "text": "\n\n".join(
                             f"Article {i}: the envoy arrived in {places[(i + k) % 6]} on "
                             f"Tuesday for talks on trade, officials said." for k in range(3))})
             for i in range(n)]
    lines.insert(n // 2, "{broken json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """The data rows, without run ids, in a stable order."""
    store = open_store(url, read_only=True)
    found = {
        "articles": [tuple(r.values()) for r in store.rows(
            "SELECT id, content_hash, published, text, n_paragraphs, near_duplicate_of, "
            "minhash, version, model FROM articles ORDER BY id")],
        "paragraphs": [tuple(r.values()) for r in store.rows(
            'SELECT article_id, idx, start, "end", duplicate_of FROM paragraphs '
            "ORDER BY article_id, idx")],
        "errors": [tuple(r.values()) for r in store.rows(
            "SELECT origin, kind, stage, message FROM errors ORDER BY origin")],
        "counts": [tuple(store.counts().values())[:-1]],   # all but runs
    }
    store.close()
    return found


@pytest.mark.slow
def test_a_killed_ingest_run_again_equals_a_clean_run(postgres_server: Any,
                                                      tmp_path: Path) -> None:
    import os
    import signal
    import time

    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 60)
    clean, killed = postgres_server.database(), postgres_server.database()
    env = {**os.environ, "DRAGOMAN_BATCH_SIZE": "4"}
    command = [sys.executable, "-m", "dragoman", "ingest", str(corpus), "--db"]
    subprocess.run([*command, clean], env=env, capture_output=True, check=False)
    process = subprocess.Popen([*command, killed], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if open_store(killed, read_only=True).counts()["articles"] >= 12:
                break
        except StoreError:
            pass  # the tables are not made yet
        time.sleep(0.05)
    assert process.poll() is None, "ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 12 <= open_store(killed, read_only=True).counts()["articles"] < 60
    rerun = subprocess.run([*command, killed], env=env, capture_output=True, text=True,
                           check=False)
    assert rerun.returncode == 1 and "already stored" in rerun.stderr
    assert _snapshot(killed) == _snapshot(clean)
    assert len(_snapshot(clean)["articles"]) == 60
