"""Storage behind one interface: ``open_store(url)`` picks the backend from the URL.

See README.md in this folder for the interface, the URL forms and how the two backends
differ.
"""

from __future__ import annotations

from pathlib import Path

from dragoman.errors import ConfigError
from dragoman.store.base import Store

DEFAULT_DB = "dragoman.db"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(url: str | None = None, *, read_only: bool = False,
               timeout_s: float | None = None) -> Store:
    """``None`` → ``dragoman.db`` here; ``path.db`` or ``sqlite:///path.db`` → SQLite;
    ``postgresql://user:password@host:port/database`` → PostgreSQL.

    ``read_only``: open for reading only, never create or migrate; a store that lacks a
    migration raises StoreError naming ``dragoman migrate``. ``timeout_s``: stop any read
    that runs longer (QueryTooCostly), as the web app does."""
    url = url or DEFAULT_DB
    if url.startswith(POSTGRES_SCHEMES):
        from dragoman.store.postgres import PostgresStore

        return PostgresStore(url, read_only, timeout_s)
    from dragoman.store.sqlite import SQLiteStore

    return SQLiteStore(sqlite_path(url), read_only, timeout_s)


def sqlite_path(url: str) -> Path:
    """The file behind a SQLite store URL (a path, ``sqlite:///path`` or ``sqlite://path``);
    ConfigError for a URL of another scheme."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    if url.startswith("sqlite://"):
        return Path(url.removeprefix("sqlite://") or DEFAULT_DB)
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise ConfigError(f"unsupported store URL scheme {scheme!r} in {url!r}: give a file "
                          "path, sqlite:///path.db or postgresql://user:password@host:port/db")
    return Path(url)


def display_url(url: str) -> str:
    """The URL with any password replaced by ``***``, for messages and logs."""
    if url.startswith(POSTGRES_SCHEMES) and "@" in url:
        head, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        if ":" in credentials:
            credentials = credentials.split(":", 1)[0] + ":***"
        return f"{head}://{credentials}@{host}"
    return url


__all__ = ["DEFAULT_DB", "Store", "display_url", "open_store", "sqlite_path"]
