"""Storage behind one small interface: ``open_store(url)`` picks the backend from the URL."""

from __future__ import annotations

from pathlib import Path

from dragoman.errors import ConfigError
from dragoman.store.base import Store

DEFAULT_DB = "dragoman.db"


def open_store(url: str | None = None, *, read_only: bool = False) -> Store:
    """``None`` → ``dragoman.db`` here; ``path.db`` or ``sqlite:///path.db`` → SQLite.

    ``read_only``: open for reading only (``mode=ro``), never create or migrate; a store that
    lacks a migration raises StoreError naming ``dragoman migrate``."""
    from dragoman.store.sqlite import SQLiteStore

    url = url or DEFAULT_DB
    if url.startswith("sqlite:///"):
        return SQLiteStore(Path(url.removeprefix("sqlite:///")), read_only)
    if url.startswith("sqlite://"):
        return SQLiteStore(Path(url.removeprefix("sqlite://") or DEFAULT_DB), read_only)
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise ConfigError(f"unsupported store URL scheme {scheme!r} in {url!r}; this version "
                          "stores to SQLite: give a file path or sqlite:///path.db")
    return SQLiteStore(Path(url), read_only)


__all__ = ["DEFAULT_DB", "Store", "open_store"]
