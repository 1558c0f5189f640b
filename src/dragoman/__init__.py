"""dragoman: who did what to whom, who said what, and when, read from dated news.

The public API::

    from dragoman import extract, Pipeline, Settings, open_store

    record = extract("The minister said on Tuesday …", published="2021-03-10")
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import Any

from dragoman.errors import (
    ConfigError,
    DragomanError,
    InputError,
    ModelError,
    StoreError,
)
from dragoman.settings import Settings


def extract(text: str, *, published: str | None = None, id: str | None = None,
            pipeline: Any = None) -> dict[str, Any]:
    """The CONTRACT record of one article. Pass a ``Pipeline`` to reuse a loaded model."""
    from dragoman.pipeline import Pipeline
    from dragoman.readers import make_article
    from dragoman.records import Failure

    pipe = pipeline or Pipeline()
    data: dict[str, Any] = {"text": text, "published": published}
    if id is not None:
        data["id"] = id
    article = make_article(data, origin=id or "text", max_bytes=pipe.settings.max_article_bytes)
    if isinstance(article, InputError):
        raise article
    (outcome,) = pipe.process([article])
    if isinstance(outcome, Failure):
        raise InputError(outcome.message, origin=outcome.origin, kind=outcome.kind)
    return outcome.to_dict()


def open_store(url: str | None = None) -> Any:
    """Open (and migrate) the store at ``url``: a SQLite file path or ``sqlite:///path``."""
    from dragoman.store import open_store as _open

    return _open(url)


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from dragoman.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)


__all__ = [
    "ConfigError",
    "DragomanError",
    "InputError",
    "ModelError",
    "Pipeline",
    "Settings",
    "StoreError",
    "__version__",
    "extract",
    "open_store",
]
