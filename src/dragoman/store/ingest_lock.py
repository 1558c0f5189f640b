"""One ingest at a time into a SQLite store: a second one is refused, with a message naming
the first.

Two ingests of the same files into one store would both parse every article not stored yet
and store each once: twice the work, for a summary that cannot say which run stored what.
So ``dragoman ingest`` holds an exclusive ``flock`` on ``<store>-ingest`` (beside the
store's ``-wal`` and ``-shm`` files) while it runs; the file holds the holder's pid and start
time for the message. The operating system releases the lock when the holder ends, however
it ends (a SIGKILL included), so a killed ingest never blocks the next one. Readers (the web
app, ``dragoman quotes``) never take it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import IO

from dragoman.errors import StoreError

try:
    import fcntl
except ImportError:  # not POSIX: no lock, SQLite's own locking still keeps the file whole
    fcntl = None  # type: ignore[assignment]


class IngestLock:
    """``acquire()`` or StoreError; ``release()`` (also when the process ends)."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.path = store.with_name(store.name + "-ingest")
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        if fcntl is None or self._handle is not None:
            return
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot create the ingest lock {str(self.path)!r} beside the "
                             f"store: {exc.strerror}") from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StoreError(
                f"another dragoman ingest ({holder}) is writing to {str(self.store)!r}; wait "
                "until it ends and run this one again (it will skip what the other stored), "
                "or ingest into another store") from None
        handle.seek(0)
        handle.truncate()
        started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        handle.write(f"pid {os.getpid()}, started {started}")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the flock
            self._handle = None
