"""The SQLite store: migrations, idempotent writes, read-only opening (the kill test is
in tests/reliability/test_kill.py)."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from dragoman.jobs import Summary, ingest
from dragoman.settings import Settings
from dragoman.store import open_store
from dragoman.store.migrations import MIGRATIONS
from tests.fixtures.corpora import table_rows, write_corpus

DRAGOMAN = [sys.executable, "-m", "dragoman"]



def test_migrations_are_named_recorded_and_applied_once(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "a.db"))
    assert store.migrate() == []
    names = [r[0] for r in store.db.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


@pytest.mark.parametrize("url", ["a.db", "sqlite:///{tmp}/b.db"])
def test_open_store_urls(tmp_path: Path, url: str) -> None:
    url = url.format(tmp=tmp_path)
    if "://" not in url:
        url = str(tmp_path / url)
    store = open_store(url)
    assert store.counts()["articles"] == 0
    store.close()


def test_unknown_scheme_is_a_config_error() -> None:
    from dragoman.errors import ConfigError

    with pytest.raises(ConfigError, match="mysql"):
        open_store("mysql://localhost/x")


def test_reingest_adds_nothing_and_id_conflicts_are_reported(
        tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "in.jsonl"
    write_corpus(corpus, 6)
    store = open_store(str(tmp_path / "s.db"))
    first = ingest([str(corpus)], store, settings, summary=Summary())
    before = table_rows(store.path)
    second = ingest([str(corpus)], store, settings, summary=Summary())
    assert (first.stored, second.stored, second.already_stored) == (6, 0, 6)
    assert table_rows(store.path) == before
    assert len(before["errors"]) == 2
    conflict = tmp_path / "conflict.jsonl"
    conflict.write_text(json.dumps({"id": "art-000", "text": "A different text."}) + "\n",
                        encoding="utf-8")
    third = ingest([str(conflict)], store, settings, summary=Summary())
    assert third.failures_by_kind == {"id_conflict": 1}
    assert store.get_record("art-000")["text"] != "A different text."
    store.close()


def test_record_round_trip(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "in.jsonl"
    write_corpus(corpus, 2)
    store = open_store(str(tmp_path / "s.db"))
    ingest([str(corpus)], store, settings, summary=Summary())
    record = store.get_record("art-001")
    assert record is not None and record["contract"] == 1
    assert [record["text"][s:e][:10] for s, e in (p["span"] for p in record["paragraphs"])] == [
        "Article 1:"] * len(record["paragraphs"])
    assert store.get_record("art-00") is None  # ambiguous prefix
    assert store.get_record("art-001")["dragoman"]["model"].startswith("en_core_web_sm")
    store.close()


def test_event_confidence_migration_on_a_store_written_before_it(tmp_path: Path) -> None:
    """A store written before 0007_event_confidence: no confidence columns, and records whose
    events have no confidence (or, written by a newer extract, one in the record only)."""
    from tests.fixtures.event_records import record, scored

    path = tmp_path / "old.db"
    store = open_store(str(path))
    store.write_batch(store.begin_run("test", [], {}, "m"), [
        record("a", "Wire", "2021-02-12", [scored(0.6), scored(0.3, "ACCUSE")]),
        record("b", "Post", "2021-02-12", [scored(None, "AGREE")])], [], {})
    store.close()
    con = sqlite3.connect(path)   # back to the schema and records of before the migration
    con.executescript("""
        ALTER TABLE event_mentions DROP COLUMN confidence;
        ALTER TABLE events DROP COLUMN confidence;
        UPDATE event_mentions SET data = json_remove(data, '$.confidence')
            WHERE article_id = 'b';
        DELETE FROM migrations WHERE name = '0007_event_confidence';
    """)
    con.close()

    store = open_store(str(path))   # applies the migration
    assert store.migrate() == []
    applied = [r[0] for r in store.db.execute("SELECT name FROM migrations")]
    assert "0007_event_confidence" in applied
    assert {r["event"]: r["confidence"] for r in store.events()} == {
        "CONSULT": 0.6, "ACCUSE": 0.3, "AGREE": None}   # copied from the records, else NULL
    assert store.get_record("b")["events"][0]["confidence"] is None
    assert {r["event"] for r in store.events(min_confidence=0.5)} == {"CONSULT"}
    assert len(store.events(min_confidence=0)) == 3
    # the old store keeps taking new articles, and they merge with its events
    store.write_batch(store.begin_run("test", [], {}, "m"),
                      [record("c", "Times", "2021-02-12", [scored(0.9, "AGREE")])], [], {})
    assert {r["event"]: (r["confidence"], r["mentions"]) for r in store.events()}["AGREE"] == (
        0.9, 2)


def _zoned_record() -> dict[str, Any]:
    paragraphs = ["Kenya and Tanzania agreed on Monday to reopen two border crossings.",
                  "Photo: Lorries queue at the crossing. (AP Photo/Jane Doe)",
                  "Finally. March 4, 2024 at 10:12 am | Reply"]
    text = "\n\n".join(paragraphs)
    starts = [text.index(p) for p in paragraphs]
    return {"id": "zoned", "published": "2024-03-04", "text": text, "origin": "test",
            "paragraphs": [{"span": [s, s + len(p)], "duplicate_of": None, "zone": z}
                           for s, p, z in zip(starts, paragraphs,
                                              ["body", "caption", "comments"], strict=True)],
            "entities": [], "quotes": [], "timexes": [], "events": [],
            "near_duplicate_of": None, "dragoman": {"version": "test", "model": "hand-made"}}


def test_paragraph_zones_are_stored_and_old_stores_read_as_body(tmp_path: Path) -> None:
    db = tmp_path / "z.db"
    store = open_store(str(db))
    run = store.begin_run("test", [], {}, "hand-made")
    store.write_batch(run, [_zoned_record()], [], {})
    assert [p["zone"] for p in store.get_record("zoned")["paragraphs"]] == [
        "body", "caption", "comments"]
    store.close()
    # a store written before zones: no column, no migration recorded
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE paragraphs DROP COLUMN zone")
    con.execute("DELETE FROM migrations WHERE name = '0008_paragraph_zones'")
    con.commit()
    con.close()
    store = open_store(str(db))
    assert [p["zone"] for p in store.get_record("zoned")["paragraphs"]] == ["body"] * 3
    store.close()


def _store_with_a_record(path: Path) -> Path:
    store = open_store(str(path))
    store.write_batch(store.begin_run("test", [], {}, "hand-made"), [_zoned_record()], [], {})
    store.close()
    con = sqlite3.connect(path)   # fold the WAL in, as an archived copy would be
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    return path


def test_a_read_only_store_reads_and_never_writes(tmp_path: Path) -> None:
    path = _store_with_a_record(tmp_path / "r.db")
    before = path.read_bytes()
    store = open_store(str(path), read_only=True)
    assert store.get_record("zoned")["id"] == "zoned"
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|attempt to write"):
        store.begin_run("test", [], {}, "m")
    store.close()
    assert path.read_bytes() == before


def test_a_store_on_read_only_media_is_opened_immutable(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """No -wal or -shm can be created beside it: SQLite reads it as immutable."""
    from dragoman.store import readonly

    path = _store_with_a_record(tmp_path / "r.db")
    monkeypatch.setattr(readonly.os, "access", lambda *args: False)   # as on a ro mount
    assert readonly.read_only_uri(path).endswith("?mode=ro&immutable=1")
    store = open_store(str(path), read_only=True)
    assert store.get_record("zoned")["id"] == "zoned"
    store.close()
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_read_only_open_refuses_a_store_that_needs_migrating(tmp_path: Path) -> None:
    from dragoman.errors import StoreError

    path = _store_with_a_record(tmp_path / "old.db")
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE paragraphs DROP COLUMN zone")
    con.execute("DELETE FROM migrations WHERE name = '0008_paragraph_zones'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match=r"needs migrating \(0008_paragraph_zones\); run "
                                         rf"`dragoman migrate --db {re.escape(str(path))}`"):
        open_store(str(path), read_only=True)
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "none.db"), read_only=True)
    assert not (tmp_path / "none.db").exists()
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreError, match="not a dragoman store"):
        open_store(str(tmp_path / "empty.db"), read_only=True)
    open_store(str(path)).close()   # read-write: applies it
    assert open_store(str(path), read_only=True).get_record("zoned") is not None
