"""The store interface every backend implements (SQLite now; others plug in here)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from dragoman.records import Failure


class Store(Protocol):
    url: str

    def begin_run(self, command: str, inputs: Sequence[str], settings: dict[str, Any],
                  model: str) -> int:
        """Record a run; its id tags every row the run writes."""
        ...

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None: ...

    def known_articles(self, ids: Sequence[str]) -> dict[str, str]:
        """``{id: content hash}`` for those of ``ids`` already stored."""
        ...

    def lock_for_ingest(self) -> None:
        """Claim the store for one ingest until ``close``; StoreError (naming the holder)
        while another ingest holds it."""
        ...

    def write_batch(self, run_id: int, records: Sequence[dict[str, Any]],
                    failures: Sequence[Failure], signatures: dict[str, bytes],
                    event_merge_days: int = 1) -> int:
        """Store records and failures in one transaction: all of the batch or none of it.
        Returns the number of records stored (an id stored already is kept as it was)."""
        ...

    def signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        """``(article id, MinHash bytes, near_duplicate_of)`` in ingest order."""
        ...

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        """The CONTRACT record of a stored article (an id or a unique id prefix)."""
        ...

    def quotes(self, *, speaker: str | None = None, search: str | None = None,
               since: str | None = None, until: str | None = None, country: str | None = None,
               limit: int = 100) -> list[dict[str, Any]]: ...

    def actors(self, *, name: str | None = None, limit: int = 100) -> list[dict[str, Any]]: ...

    def events(self, *, actor: str | None = None, recipient: str | None = None,
               event: str | None = None, status: str | None = None, since: str | None = None,
               until: str | None = None, min_confidence: float | None = None,
               limit: int = 100) -> list[dict[str, Any]]: ...

    def merged_events(self, min_confidence: float | None = None
                      ) -> Iterator[dict[str, Any]]: ...

    def remerge_events(self, event_merge_days: int) -> tuple[int, int]: ...

    def counts(self) -> dict[str, int]: ...

    def articles(self, limit: int = 50) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...
