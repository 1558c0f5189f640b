"""PostgreSQL store (psycopg 3): the tables of the SQLite store on a server, for a team that
runs several ingests at once and queries the data from R, pandas or a BI tool.

The reads and writes are the shared SQL of store/sql/ (``?`` placeholders become psycopg's
``%s`` here). Every write transaction first takes one transaction-level advisory lock, so
batches of concurrent ingests are written one after the other: linking sees every batch
committed before it, an article two ingests both extracted is stored once (``ON CONFLICT DO
NOTHING`` after the other's commit), and no two writers can deadlock. Extraction, the slow
part, still runs in parallel. Migrations take the same lock.

A store opened ``read_only`` uses ``default_transaction_read_only``; with ``timeout_s``,
``statement_timeout`` stops a read that runs longer (QueryTooCostly). The web app's worker
threads each get their own connection.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from dragoman.errors import ConfigError, QueryTooCostly, StoreError
from dragoman.store.postgres.migrations import MIGRATIONS
from dragoman.store.sql import SQLStore
from dragoman.store.sql.dialect import POSTGRES
from dragoman.store.sql.writer import now

# pg_advisory_xact_lock key of dragoman's writes: "dragoman" as 8 bytes
WRITE_LOCK = int.from_bytes(b"dragoman", "big") & (2**63 - 1)


IDENTITIES = (("runs", "id"), ("articles", "seq"), ("errors", "id"), ("entities", "seq"),
              ("quotes", "id"), ("actors", "id"), ("events", "id"), ("event_mentions", "id"))


@lru_cache(maxsize=1024)
def to_psycopg(sql: str) -> str:
    """``?`` placeholders as ``%s``; a literal ``%`` doubled (psycopg's own syntax)."""
    return sql.replace("%", "%%").replace("?", "%s")


class Connection:
    """A psycopg connection that takes the shared SQL's ``?`` placeholders."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(to_psycopg(sql), list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.raw.cursor() as cursor:
                cursor.executemany(to_psycopg(sql), rows)

    def close(self) -> None:
        self.raw.close()


class PostgresStore(SQLStore):
    dialect = POSTGRES

    def __init__(self, url: str, read_only: bool = False,
                 timeout_s: float | None = None) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise ConfigError("PostgreSQL stores need psycopg 3: pip install "
                              "'psycopg[binary]' (CI and `make setup` install it)") from exc
        from dragoman.store import display_url

        self.url = url
        self.shown = display_url(url)
        self.read_only = read_only
        self.timeout_s = timeout_s
        self.db_errors = (psycopg.Error,)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Connection] = []
        self._generation = 0  # close() ends one; the next query of a reader reconnects
        self.db = self._connect()
        if read_only:
            self._refuse_pending()
        else:
            self.migrate()

    # -- connections --------------------------------------------------------------------
    def _connect(self) -> Connection:
        import psycopg

        options = []
        if self.read_only:
            options.append("-c default_transaction_read_only=on")
        if self.timeout_s is not None:
            options.append(f"-c statement_timeout={max(1, int(self.timeout_s * 1000))}")
        # a store's pages are mostly in memory (or on SSD): index lookups cost little more
        # than reading in order, so the planner should not scan a table to avoid them
        options.append("-c random_page_cost=1.1")
        # the store's queries are short; compiling one (JIT, for estimated costs above
        # 100,000, which filters on actor codes reach) took longer than running it
        options.append("-c jit=off")
        try:
            raw = psycopg.connect(self.url, autocommit=True, options=" ".join(options),
                                  connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the PostgreSQL store {self.shown}: "
                             f"{str(exc).strip()}") from exc
        connection = Connection(raw)
        self._local.db = (connection, self._generation)
        with self._lock:
            self._all.append(connection)
        return connection

    def _connection(self) -> Connection:
        found = getattr(self._local, "db", None)
        if found is not None and found[1] == self._generation:
            return found[0]
        return self._connect()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        import psycopg

        try:
            cursor = self._connection().execute(sql, params)
            names = [column.name for column in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except psycopg.errors.QueryCanceled:
            raise QueryTooCostly(
                f"the query ran over {self.timeout_s:g} s and was stopped; narrow it with "
                "filters (a period, an actor, an event type) or a smaller limit") from None
        except psycopg.Error as exc:
            raise StoreError(f"cannot read {self.shown}: {str(exc).strip()}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction holding dragoman's write lock (released at its end)."""
        with self.db.raw.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])
            yield

    def _defer_constraints(self) -> None:
        self.db.execute("SET CONSTRAINTS ALL DEFERRED")

    # -- whole tables (dragoman copy) ------------------------------------------------------
    def stream(self, sql: str, size: int = 2000) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of ``sql`` in chunks through a server-side cursor."""
        with self.db.raw.transaction(), self.db.raw.cursor(name="dragoman_stream") as cursor:
            cursor.execute(to_psycopg(sql))
            while chunk := cursor.fetchmany(size):
                yield [tuple(row) for row in chunk]

    def bulk_insert(self, table: str, columns: Sequence[str],
                    rows: Sequence[Sequence[Any]]) -> None:
        """Rows with their own ids through COPY, in one transaction."""
        names = ", ".join(f'"{c}"' for c in columns)
        with self._transaction(), self.db.raw.cursor() as cursor, \
                cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def columns(self, table: str) -> list[str]:
        return [row["column_name"] for row in self.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = current_schema() ORDER BY ordinal_position", [table])]

    def after_bulk_insert(self) -> None:
        """Identity columns continue after the highest id copied in; the planner's
        statistics describe the rows copied in (autovacuum would, some time later)."""
        with self._transaction():
            for table, column in IDENTITIES:
                self.db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)")
        self.db.execute("ANALYZE")

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied (under the write lock, so two ingests
        starting at once migrate once); returns their names."""
        applied: list[str] = []
        try:
            with self._transaction():
                self.db.execute("CREATE TABLE IF NOT EXISTS migrations "
                                '(name TEXT COLLATE "C" PRIMARY KEY, applied TEXT NOT NULL)')
                done = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
                for name, sql in MIGRATIONS:
                    if name not in done:
                        self.db.raw.execute(sql)
                        self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))
                        applied.append(name)
        except self.db_errors as exc:
            raise StoreError(f"cannot create or migrate the tables of {self.shown}: "
                             f"{str(exc).strip()} (the user needs CREATE on the database's "
                             "schema; store/README.md)") from exc
        return applied

    def _refuse_pending(self) -> None:
        """A read-only store must be migrated already: say which command does it."""
        found = self.rows("SELECT to_regclass('migrations') IS NOT NULL AS ok")[0]["ok"]
        if not found:
            raise StoreError(f"{self.shown} has no dragoman tables: build them with "
                             f"`dragoman ingest --db URL` or `dragoman migrate --db URL`")
        done = {row["name"] for row in self.rows("SELECT name FROM migrations")}
        pending = [name for name, _ in MIGRATIONS if name not in done]
        if pending:
            raise StoreError(f"the store {self.shown} needs migrating ({', '.join(pending)}); "
                             "run `dragoman migrate --db URL` once as a user who may write")

    def lock_for_ingest(self) -> None:
        """Nothing to claim: ingests into one PostgreSQL store may run at once, their batches
        taking turns under the write lock (``_transaction``)."""

    def close(self) -> None:
        with self._lock:
            for connection in self._all:
                connection.close()
            self._all.clear()
            self._generation += 1
