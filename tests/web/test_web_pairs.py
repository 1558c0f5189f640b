"""The pair page and the network with actor codes (issue 15): a civil war's government and
rebels (tests/fixtures/civil_war.py) as two sides, each direction apart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from dragoman.web import create_app
from tests.fixtures import civil_war
from tests.fixtures.web_records import build_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_store(tmp_path_factory.mktemp("war") / "war.db", civil_war.records())
    with TestClient(create_app(str(path))) as test_client:
        yield test_client


def _section(page: str, anchor: str) -> str:
    return page.split(f'id="{anchor}"')[1].split("</section>")[0]


def test_the_pair_page_shows_each_direction_apart(client: TestClient) -> None:
    response = client.get("/pair/LBYGOV/LBYREB")
    assert response.status_code == 200
    page = response.text
    assert "Libya, government" in page and "Libya, rebels" in page
    forth, back = _section(page, "forth"), _section(page, "back")
    assert "Defence Minister Omar Haddad shelled rebel positions" in forth   # best mention
    assert "Rebels attacked government troops" not in forth
    assert "Rebels attacked government troops" in back
    assert "accused the government of firing on civilians" in back
    assert "between=LBYGOV%2CLBYREB&amp;directed=true&amp;joint=false" in page  # A→B's API
    assert "Nothing done together" in _section(page, "together")


def test_the_pair_of_a_name_and_a_code(client: TestClient) -> None:
    page = client.get("/pair/Dana%20Whitfield/LBYGOV").text
    assert "urged the Libyan government to stop the shelling" in _section(page, "forth")


@pytest.mark.parametrize(("url", "status"), [
    ("/pair/LBY/LBY", 400), ("/pair/LBYGOV/lbygov", 400), ("/pair/lbygov/lbyreb", 200),
    ("/actor/LBYGOV", 200),
    ("/network", 200), ("/network?level=country", 200), ("/network?level=sector", 400),
])
def test_pair_actor_and_network_pages(client: TestClient, url: str, status: int) -> None:
    assert client.get(url).status_code == status


def test_the_pair_form_keeps_codes_and_names(client: TestClient) -> None:
    response = client.get("/pair?a=lbygov&b=LBYREB", follow_redirects=False)
    assert response.headers["location"] == "/pair/LBYGOV/LBYREB"
    response = client.get("/pair?a=LBYGOV&b=Dana+Whitfield", follow_redirects=False)
    assert response.headers["location"] == "/pair/LBYGOV/Dana%20Whitfield"


def test_the_network_links_the_camps(client: TestClient) -> None:
    graph = client.get("/api/network").json()
    assert {"LBYGOV", "LBYREB"} <= {n["id"] for n in graph["nodes"]}
    assert any({e["a"], e["b"]} == {"LBYGOV", "LBYREB"} for e in graph["edges"])
    assert "Strongest links" in client.get("/network").text
    pairs = client.get("/api/pairs?level=country").json()["items"]
    assert all(p["a"] != p["b"] for p in pairs)   # a country with itself is no pair


def test_a_code_names_its_country_and_sector(client: TestClient) -> None:
    assert client.get("/api/actors/LBYGOV").json() == {
        "kind": "code", "code": "LBYGOV", "name": "Libya, government"}
    quotes = client.get("/api/quotes?speaker=whitfield&mentions=true").json()["items"]
    assert quotes and {q["speaker_code"] for q in quotes} == {"USAGOV"}
