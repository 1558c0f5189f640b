"""Read-only access to a SQLite store for the web app: one connection per worker thread.

The store is checked once with ``open_store(url, read_only=True)`` (refused when it lacks a
migration); the app reads through connections opened ``mode=ro`` (``immutable`` on read-only
media, store/readonly.py) with ``PRAGMA query_only``, so no request can write. Each statement
runs under a time budget: SQLite's progress handler interrupts a query that runs over it, and
the app answers 400 asking for narrower filters instead of tying up a thread.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any

from dragoman.errors import ConfigError, QueryTooCostly, StoreError
from dragoman.store.readonly import read_only_uri

QUERY_TIMEOUT_S = 3.0
CACHE_ENTRIES = 256
# Rows are only ever added to the store, so the last rowids tell whether it changed.
VERSION_SQL = ("SELECT (SELECT max(seq) FROM articles) AS a, (SELECT max(id) FROM "
               "event_mentions) AS e, "
               "(SELECT max(id) FROM quotes) AS q")
PROGRESS_STEPS = 20_000  # SQLite VM instructions between two looks at the clock


def sqlite_path(url: str) -> Path:
    """The file behind a store URL, with the rules of ``open_store``."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    if url.startswith("sqlite://"):
        return Path(url.removeprefix("sqlite://") or "dragoman.db")
    if "://" in url:
        raise ConfigError(f"the web UI reads SQLite stores; {url!r} is not one: give a file "
                          "path or sqlite:///path.db")
    return Path(url)


class Reader:
    """Rows as dicts from read-only, per-thread connections to one SQLite file."""

    def __init__(self, path: Path, timeout_s: float = QUERY_TIMEOUT_S) -> None:
        self.path = path
        self.timeout_s = timeout_s
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()
        # close() ends a generation: a thread's connection of an earlier one is closed, and
        # the next query opens another (an app whose lifespan runs again keeps working)
        self._generation = 0
        self.rows("SELECT 1 FROM articles LIMIT 1")  # fail now, not on the first request

    def _connection(self) -> tuple[sqlite3.Connection, list[float]]:
        found = getattr(self._local, "db", None)
        if found is not None and found[2] == self._generation:
            return found[0], found[1]
        try:
            db = sqlite3.connect(read_only_uri(self.path), uri=True, timeout=10,
                                 check_same_thread=False)
            db.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path} for reading: {exc}") from exc
        db.row_factory = sqlite3.Row
        deadline = [0.0]
        db.set_progress_handler(lambda: int(time.monotonic() > deadline[0]), PROGRESS_STEPS)
        self._local.db = (db, deadline, self._generation)
        with self._lock:
            self._all.append(db)
        return db, deadline

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        db, deadline = self._connection()
        deadline[0] = time.monotonic() + self.timeout_s
        try:
            return [dict(row) for row in db.execute(sql, list(params))]
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTooCostly(
                    f"the query ran over {self.timeout_s:g} s and was stopped; narrow it with "
                    "filters (a period, an actor, an event type) or a smaller limit") from None
            raise StoreError(f"cannot read {self.path}: {exc}") from exc
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered until the store changes (for whole-store aggregates such
        as the overview's pairs and the network, which scan every merged event)."""
        version = tuple(self.rows(VERSION_SQL)[0].values())
        with self._lock:
            if (key, version) in self._cache:
                self._cache.move_to_end((key, version))
                return self._cache[(key, version)]
        value = compute()
        with self._lock:
            self._cache[(key, version)] = value
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return value

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                db.close()
            self._all.clear()
            self._generation += 1
