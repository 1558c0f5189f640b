"""Shared fixtures: one spaCy pipeline per test session, paths to ../shared data."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dragoman.pipeline import Pipeline
from dragoman.settings import Settings
from tests.fixtures.paths import SEED_GOLD, SHARED


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the bundled examples instead of comparing")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `shared` need ../shared (CI has it, read-only); say so if it is absent."""
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{SHARED} is not here")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def settings() -> Settings:
    # every event the stage finds, whatever its confidence: stage tests check the stage;
    # the minimum's own tests set it
    return Settings.from_env(environ={}, event_min_confidence=0.0)


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline) -> Any:
    return pipeline.nlp


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Any]:
    """One throw-away PostgreSQL cluster for the session (tests/fixtures/postgres_server.py)."""
    from tests.fixtures.postgres_server import INSTALL_HINT, PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    pytest.importorskip("psycopg", reason="psycopg 3 is missing: pip install -e '.[dev,web]'")
    server = PostgresServer(bindir).start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: Any) -> str:
    """The URL of a new, empty PostgreSQL database."""
    url: str = postgres_server.database()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store's URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_server").database()
    return url
