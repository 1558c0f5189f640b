"""``dragoman serve`` binds to loopback unless told otherwise, and says so when it is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from tests.fixtures.web_records import build_store


@pytest.mark.parametrize(("flags", "host", "warned"), [
    ([], "127.0.0.1", False),
    (["--host", "::1"], "::1", False),
    (["--host", "0.0.0.0"], "0.0.0.0", True),
])
def test_serve_binds_to_loopback_unless_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             flags: list[str], host: str, warned: bool) -> None:
    import uvicorn

    bound: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: bound.update(kw))
    db = build_store(tmp_path / "web.db")
    result = CliRunner().invoke(main, ["serve", "--db", str(db), *flags])
    assert result.exit_code == 0, result.output
    assert bound["host"] == host
    assert ("anyone who can reach this machine can read the store" in result.output) is warned
