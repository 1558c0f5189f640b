"""dragoman: who did what to whom, who said what, and when, read from dated news.

The public API (README, "Python API")::

    import dragoman

    nlp = dragoman.load()                   # the model and knowledge, loaded once
    record = nlp("The minister said on Tuesday …", published="2021-03-10")
    record.to_dict()                        # the CONTRACT record `dragoman extract` writes
    for outcome in nlp.pipe(texts): ...     # Records (or Failures) in order
    dragoman.extract(text)                  # the CONTRACT dict, from a cached pipeline
"""

from __future__ import annotations

__version__ = "0.1.0"

import dataclasses
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dragoman.errors import (
    ConfigError,
    DragomanError,
    InputError,
    ModelError,
    StoreError,
)
from dragoman.settings import Settings

if TYPE_CHECKING:
    from dragoman.pipeline import Pipeline

# The bundled example articles (`dragoman ingest` with no input reads them).
EXAMPLES = Path(__file__).resolve().parent / "examples"


def load(model: str | None = None, settings: Settings | None = None) -> Pipeline:
    """A pipeline with the spaCy ``model`` (default: the ``model`` setting) and the shipped
    knowledge loaded. ``settings`` default to the environment's (``DRAGOMAN_*``)."""
    from dragoman.pipeline import Pipeline

    chosen = settings or Settings.from_env()
    if model is not None:
        chosen = dataclasses.replace(chosen, model=model)
    return Pipeline(chosen)


@cache
def _default_pipeline() -> Pipeline:
    # Loading takes about 0.4 s and an article about 0.006 s: load once per process.
    return load()


def extract(text: str, *, published: str | None = None, id: str | None = None,
            pipeline: Pipeline | None = None) -> dict[str, Any]:
    """The CONTRACT record of one article, as a dict. Without ``pipeline`` the default one is
    loaded on the first call and reused after (``load()`` with the environment's settings
    then). ``load()(text).to_dict()`` is the same record."""
    pipe = pipeline or _default_pipeline()
    return pipe(text, published=published, id=id).to_dict()


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
    "EXAMPLES",
    "ConfigError",
    "DragomanError",
    "InputError",
    "ModelError",
    "Pipeline",
    "Settings",
    "StoreError",
    "__version__",
    "extract",
    "load",
    "open_store",
]
