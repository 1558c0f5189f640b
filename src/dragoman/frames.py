"""Store tables as pandas DataFrames, for notebooks.

Each function reads through the store's public read methods (``events``, ``quotes``,
``actors``), which return one flat dict per row, so ``pandas.DataFrame(rows)`` takes them as
they are; the filters are those methods' keyword arguments (``limit`` included: the store's
default is 100 rows). pandas is an optional dependency: ``pip install 'dragoman[pandas]'``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from dragoman.errors import ConfigError

if TYPE_CHECKING:
    import pandas


class Readable(Protocol):
    def events(self, **filters: Any) -> list[dict[str, Any]]: ...

    def quotes(self, **filters: Any) -> list[dict[str, Any]]: ...

    def actors(self, **filters: Any) -> list[dict[str, Any]]: ...


# A frame of no rows still has the store's columns, so code that selects them works on it.
EVENT_COLUMNS = ("id", "event", "mode", "cameo", "actors", "recipients", "confidence", "day",
                 "date", "status", "mentions", "articles", "sources", "article_id", "idx",
                 "start", "end", "title", "published", "evidence")
QUOTE_COLUMNS = ("article_id", "idx", "date", "speaker", "speaker_actor", "speaker_country",
                 "kind", "content", "start", "end", "title", "source", "published")


def events_frame(store: Readable, **filters: Any) -> pandas.DataFrame:
    """Events merged across articles (``store.events(**filters)``), one row each."""
    return _frame(store.events(**filters), EVENT_COLUMNS)


def quotes_frame(store: Readable, **filters: Any) -> pandas.DataFrame:
    """Stored quotations (``store.quotes(**filters)``), one row each."""
    return _frame(store.quotes(**filters), QUOTE_COLUMNS)


def actors_frame(store: Readable, **filters: Any) -> pandas.DataFrame:
    """Cross-article actors (``store.actors(**filters)``), one row each."""
    return _frame(store.actors(**filters), ())


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pandas.DataFrame:
    pandas = _pandas()
    if not rows and columns:
        return pandas.DataFrame(columns=list(columns))
    return pandas.DataFrame(rows)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ConfigError("store tables as DataFrames need pandas, which is not installed: "
                          "pip install 'dragoman[pandas]'") from exc
    return pandas


class FramesMixin:
    """``store.events_frame(...)``, ``quotes_frame(...)``, ``actors_frame(...)``: the
    functions above as methods of a store."""

    def events_frame(self: Readable, **filters: Any) -> pandas.DataFrame:
        return events_frame(self, **filters)

    def quotes_frame(self: Readable, **filters: Any) -> pandas.DataFrame:
        return quotes_frame(self, **filters)

    def actors_frame(self: Readable, **filters: Any) -> pandas.DataFrame:
        return actors_frame(self, **filters)
