"""The one exception tree of dragoman.

::

    DragomanError               anything dragoman raises on purpose
     ├── InputError             an input record is unusable (bad JSON, no text, bad date, …)
     │    └── LanguageError     the article is not in a language the pipeline reads
     ├── ConfigError            a setting, flag or URL is wrong
     ├── ModelError             the spaCy pipeline is missing or unusable
     ├── StoreError             the database cannot be opened, migrated or written
     └── QueryTooCostly         a read ran over its time budget and was stopped

Messages say what was wrong, what was expected and how to fix it. Library code raises these;
the CLI turns them into messages and exit codes at its boundary only.
"""

from __future__ import annotations


class DragomanError(Exception):
    """Base class of every error dragoman raises on purpose."""


class InputError(DragomanError):
    """An input record cannot be read as an article.

    ``origin`` names where it came from (``file.jsonl:17``, ``stdin``), ``kind`` is a short
    machine-readable reason (``json``, ``missing_text``, ``published``, ``encoding``, ``id``,
    ``empty``, ``too_large``, ``gzip``, ``read``, ``language``) that the errors table and the
    run summary count.
    """

    def __init__(self, message: str, *, origin: str = "", kind: str = "input") -> None:
        super().__init__(f"{origin}: {message}" if origin else message)
        self.origin = origin
        self.kind = kind
        self.reason = message


class LanguageError(InputError):
    """The article's language is not one the pipeline reads (English)."""

    def __init__(self, message: str, *, origin: str = "") -> None:
        super().__init__(message, origin=origin, kind="language")


class ConfigError(DragomanError):
    """A setting, command-line flag or store URL is wrong."""


class ModelError(DragomanError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(DragomanError):
    """The store cannot be opened, migrated or written."""


class QueryTooCostly(DragomanError):
    """A read ran over the store's time budget (``open_store(…, timeout_s=…)``, as the
    web app opens it) and was stopped; the request should be narrowed (the web answers
    400), the store itself is fine."""
