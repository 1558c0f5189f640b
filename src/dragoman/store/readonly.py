"""Opening a SQLite store read-only, as ``serve`` and every read command do.

The connection is ``mode=ro`` with ``PRAGMA query_only``, so nothing can write and a store on
read-only media (an archive, a mounted snapshot) can be read. A WAL store whose ``-wal`` and
``-shm`` files cannot be created there (a read-only folder) is opened ``immutable``: nothing
can change it while it is read. A store that lacks a migration is refused with a message that
names the command applying it, because reading it unmigrated would fail half-way.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from dragoman.errors import StoreError
from dragoman.store.migrations import MIGRATIONS


def read_only_uri(path: Path) -> str:
    """The ``file:`` URI that opens ``path`` for reading only."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    wal = Path(f"{path}-wal")
    if not os.access(path.parent if str(path.parent) else Path("."), os.W_OK) \
            and not wal.exists():
        uri += "&immutable=1"
    return uri


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the store at ``path``; StoreError when it cannot be read."""
    if not path.is_file():
        raise StoreError(f"no store at {str(path)!r}: build one with "
                         f"`dragoman ingest --db {path}` (no INPUT: the bundled examples)")
    try:
        db = sqlite3.connect(read_only_uri(path), uri=True, timeout=30, isolation_level=None,
                             check_same_thread=False)  # closed by the thread that ends it
        db.execute("PRAGMA query_only = ON")
        db.row_factory = sqlite3.Row
        pending = pending_migrations(db, path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the store {str(path)!r}: {exc}") from exc
    if pending:
        db.close()
        raise StoreError(f"the store {str(path)!r} needs migrating ({', '.join(pending)}); "
                         f"run `dragoman migrate --db {path}` once where it is writable")
    return db


def pending_migrations(db: sqlite3.Connection, path: Path) -> list[str]:
    """The names of the migrations not applied to the store (all of them for no store)."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = "
                                           "'table'")}
    if "migrations" not in tables:
        if "articles" not in tables:
            raise StoreError(f"{str(path)!r} is not a dragoman store (no tables): build one "
                             f"with `dragoman ingest --db {path}`")
        return [name for name, _ in MIGRATIONS]
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    return [name for name, _ in MIGRATIONS if name not in done]
