"""SQLite store: one file, WAL journal (readers work during an ingest), named migrations
(store/migrations.py). The reads and writes are the shared SQL of store/sql/; here are the
connections, the write transaction and the schema.

A store opened ``read_only`` (every read command, ``serve``) reads through ``mode=ro``
connections (store/readonly.py), one per thread, so the web app's worker threads read at once;
with ``timeout_s``, a statement running over it is interrupted (QueryTooCostly).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dragoman.errors import QueryTooCostly, StoreError
from dragoman.store.ingest_lock import IngestLock
from dragoman.store.migrations import MIGRATIONS
from dragoman.store.readonly import connect_read_only, read_only_uri
from dragoman.store.sql import SQLStore
from dragoman.store.sql.dialect import SQLITE
from dragoman.store.sql.writer import now, text_hash

PROGRESS_STEPS = 20_000  # SQLite VM instructions between two looks at the clock

__all__ = ["MIGRATIONS", "SQLiteStore", "text_hash"]


WAL_WAIT_S = 30.0  # how long opening waits for another process that holds the file


def _enter_wal(db: sqlite3.Connection) -> None:
    """Switch to the WAL journal. Two processes creating one store at once can get
    "database is locked" here at once (SQLite does not call the busy handler while it
    changes the journal mode), so the switch is retried until the other one is done."""
    deadline = time.monotonic() + WAL_WAIT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class SQLiteStore(SQLStore):
    dialect = SQLITE
    db_errors = (sqlite3.Error,)

    def __init__(self, path: Path, read_only: bool = False,
                 timeout_s: float | None = None) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
        self.read_only = read_only
        self.timeout_s = timeout_s
        self._local = threading.local()
        self._lock = threading.Lock()
        self._others: list[sqlite3.Connection] = []
        self._ingest_lock: IngestLock | None = None
        # close() ends a generation: a thread's connection of an earlier one is not used
        # again, a read-only store's next query opens another (an app whose lifespan runs
        # again keeps working)
        self._generation = 0
        if read_only:  # store/readonly.py: mode=ro, refused when a migration is pending
            self.db = connect_read_only(path)
            self._watch(self.db)
            return
        try:
            if path.parent and not path.parent.exists():
                path.parent.mkdir(parents=True)
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            _enter_wal(self.db)
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the SQLite store {str(path)!r}: {exc}") from exc
        self._watch(self.db)

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; returns their names."""
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations "
                        "(name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self._transaction():
                # another process may have applied it since `done` was read
                if self.db.execute("SELECT 1 FROM migrations WHERE name = ?",
                                   (name,)).fetchone():
                    continue
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))
            applied.append(name)
        return applied

    # -- connections --------------------------------------------------------------------
    def _watch(self, db: sqlite3.Connection) -> None:
        """Interrupt a statement that runs over ``timeout_s`` (SQLite's progress handler)."""
        deadline = [float("inf")]
        if self.timeout_s is not None:
            db.set_progress_handler(lambda: int(time.monotonic() > deadline[0]), PROGRESS_STEPS)
        self._local.db = (db, deadline, self._generation)

    def _connection(self) -> tuple[sqlite3.Connection, list[float]]:
        """This thread's connection: the store's own, or a read-only one of its own in
        another thread (the web app's workers)."""
        found = getattr(self._local, "db", None)
        if found is not None and found[2] == self._generation:
            return found[0], found[1]
        if not self.read_only:
            raise StoreError(f"{self.url} is open for writing in another thread; open it "
                             "read-only to read from several threads")
        try:
            db = sqlite3.connect(read_only_uri(self.path), uri=True, timeout=10,
                                 check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path} for reading: {exc}") from exc
        db.row_factory = sqlite3.Row
        with self._lock:
            self._others.append(db)
        self._watch(db)
        return db, self._local.db[1]

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        db, deadline = self._connection()
        if self.timeout_s is not None:
            deadline[0] = time.monotonic() + self.timeout_s
        try:
            return [dict(row) for row in db.execute(sql, list(params))]
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTooCostly(
                    f"the query ran over {self.timeout_s:g} s and was stopped; narrow it with "
                    "filters (a period, an actor, an event type) or a smaller limit") from None
            raise StoreError(f"cannot read {self.url}: {exc}") from exc
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.url}: {exc}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error (autocommit connection): the
        write lock is taken at the start, so linking sees every earlier batch."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _defer_constraints(self) -> None:
        self.db.execute("PRAGMA defer_foreign_keys = ON")

    # -- whole tables (dragoman copy) ------------------------------------------------------
    def stream(self, sql: str, size: int = 2000) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of ``sql`` in chunks, never all in memory."""
        cursor = self.db.execute(sql)
        while chunk := cursor.fetchmany(size):
            yield [tuple(row) for row in chunk]

    def bulk_insert(self, table: str, columns: Sequence[str],
                    rows: Sequence[Sequence[Any]]) -> None:
        """Rows with their own ids, in one transaction (the FTS triggers index them)."""
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        with self._transaction():
            self.db.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.db.execute(f"PRAGMA table_info({table})")]

    def after_bulk_insert(self) -> None:
        """Nothing to do: SQLite's next id is always above the highest."""

    def lock_for_ingest(self) -> None:
        """Refuse (StoreError) while another ingest writes to this store; held until close
        (store/ingest_lock.py)."""
        if self._ingest_lock is None and str(self.path) != ":memory:":
            lock = IngestLock(self.path)
            lock.acquire()
            self._ingest_lock = lock

    def close(self) -> None:
        with self._lock:
            for db in self._others:
                db.close()
            self._others.clear()
            self._generation += 1
        self.db.close()
        if self._ingest_lock is not None:
            self._ingest_lock.release()
            self._ingest_lock = None


def _statements(sql: str) -> list[str]:
    """Split a script into statements; a trigger body's semicolons stay inside its statement."""
    statements: list[str] = []
    current = ""
    for piece in sql.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    if current.strip(" \n;"):
        statements.append(current.strip())
    return statements
