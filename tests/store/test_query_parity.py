"""One data-access layer: every filter gives the same rows from the CLI and from the JSON
API, on both backends (the hand-made stores of tests/fixtures/web_records.py and
civil_war.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from dragoman.cli import main
from dragoman.web import create_app
from tests.fixtures import civil_war
from tests.fixtures.web_records import build_store

# (CLI command and flags, API path and parameters)
CASES = [
    (["events"], "/api/events?"),
    (["events", "--actor", "USA"], "/api/events?actor=USA"),
    (["events", "--recipient", "JPN"], "/api/events?recipient=JPN"),   # CONSULT either way
    (["events", "--actor", "CHN", "--recipient", "USA"], "/api/events?actor=CHN&recipient=USA"),
    (["events", "--actor", "Nobody Known"], "/api/events?actor=Nobody%20Known"),  # a name key
    (["events", "--party", "JPN"], "/api/events?party=JPN"),
    (["events", "--between", "USA", "CHN"], "/api/events?between=USA,CHN"),
    # actor codes below the state and names resolved through the actors (issue 15)
    (["events", "--actor", "LBY"], "/api/events?actor=LBY"),
    (["events", "--actor", "LBYREB"], "/api/events?actor=LBYREB"),
    (["events", "--recipient", "lbygov"], "/api/events?recipient=lbygov"),  # a code, any case
    (["events", "--actor", "Dana Whitfield"], "/api/events?actor=Dana%20Whitfield"),
    (["events", "--recipient", "Libya"], "/api/events?recipient=Libya"),
    (["events", "--party", "Salem Ferjani"], "/api/events?party=Salem%20Ferjani"),
    (["events", "--between", "LBYGOV", "LBYREB"], "/api/events?between=LBYGOV,LBYREB"),
    (["events", "--between", "LBYREB", "LBYGOV", "--directed"],
     "/api/events?between=LBYREB,LBYGOV&directed=true"),
    (["events", "--between", "USA", "CHN", "--one-way"],
     "/api/events?between=USA,CHN&joint=false"),
    (["events", "--party", "USA", "--joint"], "/api/events?party=USA&joint=true"),
    (["events", "--between", "Dana Whitfield", "LBY"],
     "/api/events?between=Dana%20Whitfield,LBY"),
    (["events", "--type", "consult"], "/api/events?type=consult"),
    (["events", "--status", "planned"], "/api/events?status=planned"),
    (["events", "--source", "Metro Times"], "/api/events?source=Metro%20Times"),
    (["events", "--min-confidence", "0.55"], "/api/events?min_confidence=0.55"),
    (["events", "--since", "2021-04-01", "--until", "2021-04-30"],
     "/api/events?since=2021-04-01&until=2021-04-30"),
    (["events", "--cameo", "04"], "/api/events?cameo=04"),
    (["events", "--cameo", "1"], "/api/events?cameo=1"),
    (["events", "--sort", "mentions"], "/api/events?sort=mentions"),
    (["events", "--sort", "sources", "--actor", "CHN"], "/api/events?sort=sources&actor=CHN"),
    (["quotes"], "/api/quotes?"),
    (["quotes", "--speaker", "whitfield"], "/api/quotes?speaker=whitfield"),
    (["quotes", "--speaker", "Secretary of State"], "/api/quotes?speaker=Secretary%20of%20State"),
    (["quotes", "--search", "halfway"], "/api/quotes?search=halfway"),
    (["quotes", "--search", "Whitfield"], "/api/quotes?search=Whitfield"),
    (["quotes", "--country", "VNM"], "/api/quotes?country=VNM"),
    (["quotes", "--about", "USA"], "/api/quotes?about=USA"),
    (["quotes", "--between", "USA,CHN"], "/api/quotes?between=USA,CHN"),
    (["quotes", "--source", "Metro Times"], "/api/quotes?source=Metro%20Times"),
    (["quotes", "--since", "2021-04-01", "--until", "2021-04-30"],
     "/api/quotes?since=2021-04-01&until=2021-04-30"),
    (["actors"], "/api/entities?"),
    (["actors", "--name", "whit"], "/api/entities?name=whit"),
    (["actors", "--type", "gpe"], "/api/entities?type=GPE"),
    (["actors", "--country", "CHN"], "/api/entities?country=CHN"),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, TestClient]]:
    if request.param == "postgresql":
        url = str(build_store(request.getfixturevalue("postgres_server").database(),
                              civil_war.records()))
    else:
        path = tmp_path_factory.mktemp("parity") / "web.db"
        url = f"sqlite:///{build_store(path, civil_war.records())}"
    with TestClient(create_app(url)) as client:
        yield url, client


@pytest.mark.parametrize(("flags", "path"), CASES)
def test_the_cli_and_the_api_give_the_same_rows(store: tuple[str, TestClient],
                                                flags: list[str], path: str) -> None:
    url, client = store
    result = CliRunner().invoke(main, [*flags, "--db", url, "--format", "json",
                                       "--limit", "1000"])
    assert result.exit_code == 0, result.output
    from_cli = [json.loads(line) for line in result.stdout.splitlines()]
    response = client.get(f"{path}&limit=1000")
    assert response.status_code == 200, response.text
    from_api: list[dict[str, Any]] = response.json()["items"]
    assert from_cli == from_api
    assert from_api or "Nobody" in path


def test_recipient_jpn_finds_the_joint_events_either_way_round(
        store: tuple[str, TestClient]) -> None:
    """The bundled examples' disagreement (issue 13): the CLI now reads the API's filter."""
    url, _ = store
    result = CliRunner().invoke(main, ["events", "--recipient", "JPN", "--db", url,
                                       "--format", "json"])
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(e["event"] for e in found) == ["CONSULT", "COOPERATE"]
    assert all(e["actors"] == "JPN" for e in found)   # stored JPN → USA, asked the other way


def test_the_cli_refuses_a_bad_filter_as_the_api_does(store: tuple[str, TestClient]) -> None:
    url, client = store
    result = CliRunner().invoke(main, ["quotes", "--country", "U5A", "--db", url])
    assert result.exit_code == 2
    api = client.get("/api/quotes?country=U5A").json()["error"]
    assert api in result.output
