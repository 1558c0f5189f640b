"""Resources: the runtime knowledge one pipeline owns, read from one data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.errors import ConfigError
from dragoman.knowledge import DATA
from dragoman.knowledge.resources import Resources


def test_the_shipped_resources() -> None:
    resources = Resources.load()
    assert resources.actors.country("Kenyan") == "KEN"
    assert resources.lexicon.code("040") is not None
    assert resources.confidence is not None
    assert resources.scores.score("CONSULT", None, None) is not None


def test_a_folder_without_the_tables_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=str(tmp_path)):
        Resources.load(tmp_path)


def test_without_a_fitted_confidence_model_confidence_stays_off(tmp_path: Path) -> None:
    for table in DATA.iterdir():
        if table.name != "event_confidence.json":
            (tmp_path / table.name).symlink_to(table)
    resources = Resources.load(tmp_path)
    assert resources.confidence is None
    assert resources.lexicon.codes == Resources.load().lexicon.codes
