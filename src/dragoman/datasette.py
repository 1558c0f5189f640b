"""Datasette metadata for a store of any file name: the canned queries of ``datasette.json``.

Datasette names a database after its file (``runs/libya.db`` is ``libya``) and applies the
canned queries of a metadata file only to the database of that name, so the queries are kept
here under the placeholder name ``dragoman`` and written out under the store's own name:

    dragoman datasette-metadata --db runs/libya.db -o libya.json
    datasette runs/libya.db -m libya.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dragoman.errors import ConfigError
from dragoman.store import sqlite_path

QUERIES = Path(__file__).parent / "datasette.json"
PLACEHOLDER = "dragoman"


def database_name(url: str) -> str:
    """The name Datasette gives the database of a store URL or path: the file's stem."""
    if "://" in url and not url.startswith("sqlite:"):
        raise ConfigError(f"Datasette opens SQLite files; {url!r} is not one: give the "
                          "store's file path (e.g. runs/libya.db)")
    name = sqlite_path(url).stem
    if not name:
        raise ConfigError(f"{url!r} names no SQLite file; expected a path such as runs/libya.db")
    return name


def metadata_for(url: str) -> dict[str, Any]:
    """The metadata with the canned queries under the database name of ``url``."""
    metadata: dict[str, Any] = json.loads(QUERIES.read_text(encoding="utf-8"))
    databases = metadata["databases"]
    databases[database_name(url)] = databases.pop(PLACEHOLDER)
    return metadata


def write_metadata(url: str, output: Path | None) -> str:
    """Write the metadata for ``url`` to ``output`` (or return it when None) as JSON text."""
    text = json.dumps(metadata_for(url), indent=2, ensure_ascii=False) + "\n"
    if output is not None:
        output.write_text(text, encoding="utf-8")
    return text
