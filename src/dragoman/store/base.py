"""The store interface every backend implements (SQLite, PostgreSQL).

Reads take the backend-neutral query objects of ``store/queries.py`` (or their fields as
keywords) and give rows as dicts; the SQL behind both backends is ``store/sql/``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any, Protocol

from dragoman.records import Failure
from dragoman.store.queries import ActorQuery, ArticleQuery, EventQuery, QuoteQuery
from dragoman.store.sql.dialect import Dialect

Rows = list[dict[str, Any]]


class Store(Protocol):
    url: str
    dialect: Dialect

    # -- writes -------------------------------------------------------------------------------
    def begin_run(self, command: str, inputs: Sequence[str], settings: dict[str, Any],
                  model: str) -> int:
        """Record a run; its id tags every row the run writes."""
        ...

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None: ...

    def lock_for_ingest(self) -> None:
        """Claim the store for one ingest until ``close``; StoreError (naming the holder)
        while another ingest holds it. SQLite only: ingests into one PostgreSQL store may run
        at once (their batches take turns under an advisory lock)."""
        ...

    def write_batch(self, run_id: int, records: Sequence[dict[str, Any]],
                    failures: Sequence[Failure], signatures: dict[str, bytes],
                    event_merge_days: int = 1) -> int:
        """Store records and failures in one transaction: all of the batch or none of it.
        Returns the number of records stored (an id stored already is kept as it was)."""
        ...

    def remerge_events(self, event_merge_days: int) -> tuple[int, int]: ...

    # -- records ------------------------------------------------------------------------------
    def known_articles(self, ids: Sequence[str]) -> dict[str, str]:
        """``{id: content hash}`` for those of ``ids`` already stored."""
        ...

    def signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        """``(article id, MinHash bytes, near_duplicate_of)`` in ingest order."""
        ...

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        """The CONTRACT record of a stored article (an id or a unique id prefix)."""
        ...

    def record_with_actors(self, article_id: str) -> dict[str, Any] | None: ...

    # -- listings (CLI, API, pages) -----------------------------------------------------------
    def articles(self, query: ArticleQuery | None = None, /, **fields: Any) -> Rows: ...

    def quotes(self, query: QuoteQuery | None = None, /, **fields: Any) -> Rows: ...

    def quotations(self, query: QuoteQuery | None = None, /, **fields: Any) -> Rows: ...

    def events(self, query: EventQuery | None = None, /, **fields: Any) -> Rows: ...

    def event_count(self, query: EventQuery) -> int: ...

    def actors(self, query: ActorQuery | None = None, /, **fields: Any) -> Rows: ...

    def actor(self, actor_id: int) -> dict[str, Any] | None: ...

    def quote_days(self, query: QuoteQuery) -> Rows: ...

    def event_points(self, query: EventQuery, cap: int = 100_000) -> Rows: ...

    def side_pairs(self, query: EventQuery) -> Rows: ...

    def speakers(self, limit: int) -> Rows: ...

    def country_names(self, codes: list[str]) -> dict[str, str]: ...

    def merged_events(self, min_confidence: float | None = None
                      ) -> Iterator[dict[str, Any]]: ...

    def mention_rows(self, min_confidence: float | None = None
                     ) -> Iterator[dict[str, Any]]: ...

    def entity_spans(self, article_id: str) -> dict[str, list[tuple[int, int]]]: ...

    def counts(self) -> dict[str, int]: ...

    def overview_counts(self) -> dict[str, Any]: ...

    def ingest_order(self, limit: int = 50) -> Rows: ...

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered until the store changes."""
        ...

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        """Rows of one read statement in the backend's SQL (``?`` placeholders)."""
        ...

    # -- whole tables (dragoman copy) ------------------------------------------------------
    def columns(self, table: str) -> list[str]: ...

    def stream(self, sql: str, size: int = 2000) -> Iterator[list[tuple[Any, ...]]]: ...

    def bulk_insert(self, table: str, columns: Sequence[str],
                    rows: Sequence[Sequence[Any]]) -> None: ...

    def after_bulk_insert(self) -> None: ...

    def close(self) -> None: ...
