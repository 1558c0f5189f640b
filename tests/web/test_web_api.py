"""The JSON API and pages over a hand-made store: every endpoint, 400s on bad filters, limits,
read-only access, no path traversal."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dragoman.errors import QueryTooCostly, StoreError
from dragoman.store import open_store
from dragoman.store import sqlite as sqlite_store
from dragoman.store.migrations import MIGRATIONS
from dragoman.store.sql import reader as store_reader
from dragoman.web import create_app
from tests.fixtures.web_records import build_store, records

ANNOUNCED = "2021-03-09-anchorage-talks-announced"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(build_store(tmp_path_factory.mktemp("web") / "web.db"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, store_path: Path) -> Iterator[TestClient]:
    """The app over the hand-made store, on each backend: the same answers."""
    url = str(store_path)
    if request.param == "postgresql":
        url = str(build_store(request.getfixturevalue("postgres_server").database()))
    with TestClient(create_app(url)) as test_client:
        yield test_client


def items(client: TestClient, url: str) -> list[dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["items"]
    return found


def test_overview_counts_pairs_events_and_speakers(client: TestClient) -> None:
    data = client.get("/api/overview").json()
    assert data["counts"]["articles"] == 7
    assert data["counts"]["quotes"] == 8           # the repeated quote is left out
    top = data["pairs"][0]
    # pairs of actor codes: the states (CHN–USA) apart from their governments (CHNGOV)
    assert (top["a"], top["b"], top["events"]) == ("CHNGOV", "USA", 3)
    assert data["speakers"][0]["speaker"] == "Dana Whitfield"
    assert data["events"][0]["event"] == "COOPERATE" and len(data["events"]) == 10


@pytest.mark.parametrize(("url", "expected"), [
    ("/api/articles", 7),
    ("/api/articles?search=sanctions", 3),                 # title and text, copy included
    ("/api/articles?search=Anchorage%20talks", 2),
    ("/api/articles?source=Metro%20Times", 1),
    ("/api/articles?actor=VNM", 1),
    ("/api/articles?actor=whitfield", 3),
    ("/api/articles?type=AID", 1),
    ("/api/articles?since=2021-05-01&until=2021-06-30", 2),
    ("/api/articles?search=nothing%20like%20this", 0),
])
def test_articles_filters(client: TestClient, url: str, expected: int) -> None:
    assert len(items(client, url)) == expected


def test_article_search_snippet_marks_hits(client: TestClient) -> None:
    found = items(client, "/api/articles?search=methane")
    assert "\ue000methane\ue001" in found[0]["snippet"]


def test_article_record_is_the_stored_record(client: TestClient) -> None:
    record = client.get(f"/api/articles/{ANNOUNCED}").json()
    assert record["contract"] == 1
    assert record["quotes"][0]["speaker"]["name"] == "Dana Whitfield"
    assert record["paragraphs"][3]["duplicate_of"] == 1
    assert set(record["actors"]) == {e["id"] for e in record["entities"]}
    response = client.get(f"/api/articles/{ANNOUNCED}?format=csv&kind=timexes")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["value"] for r in rows] == ["2021-03-18", "2021-03-09"]


@pytest.mark.parametrize(("url", "speakers"), [
    ("/api/quotes?speaker=whitfield", {"Dana Whitfield"}),
    ("/api/quotes?speaker=Secretary%20of%20State", {"Dana Whitfield"}),   # an alias
    ("/api/quotes?search=halfway", {"Liu Wen"}),
    ("/api/quotes?speaker_country=VNM", {"Tran Van Long"}),
    ("/api/quotes?about=USA", {"Liu Wen", "Dana Whitfield"}),   # she names Washington
    ("/api/quotes?between=USA,CHN", {"Dana Whitfield", "Liu Wen"}),
    ("/api/quotes?between=CHN,VNM", {"Tran Van Long"}),
    ("/api/quotes?since=2021-04-01&until=2021-04-30", {"Mei Hua"}),
    ("/api/quotes?speaker=nobody", set()),
])
def test_quotes_filters(client: TestClient, url: str, speakers: set[str]) -> None:
    assert {q["speaker"] for q in items(client, url)} == speakers


def test_quotes_by_either_side_about_the_other(client: TestClient) -> None:
    found = items(client, "/api/quotes?between=USA,CHN")
    assert len(found) == 5     # Mei Hua's quote mentions only China: not about the other side
    assert all(q["speaker_country"] in {"USA", "CHN"} for q in found)


@pytest.mark.parametrize(("url", "expected"), [
    ("/api/events", 10),
    ("/api/events?actor=USA", 6),          # USA acts, or is either side of a joint type
    ("/api/events?actor=USA&recipient=CHN", 4),
    ("/api/events?actor=CHN&recipient=USA", 6),   # CONSULT/AGREE either way round
    ("/api/events?actor=USAGOV", 2),       # the US government's, not the state's
    ("/api/events?party=JPN", 2),
    ("/api/events?between=USA,CHN", 7),
    ("/api/events?between=USAGOV,CHNGOV", 2),
    ("/api/events?between=CHNGOV,USA&directed=true", 5),  # USA covers USAGOV
    ("/api/events?type=consult", 3),
    ("/api/events?status=planned", 2),
    ("/api/events?since=2021-04-01&until=2021-04-30", 2),
    ("/api/events?source=Metro%20Times", 2),
    ("/api/events?actor_id=1", 2),          # Dana Whitfield
    ("/api/events?type=ASSAULT", 0),
])
def test_events_filters(client: TestClient, url: str, expected: int) -> None:
    assert len(items(client, url)) == expected


@pytest.mark.parametrize(("minimum", "expected"), [
    ("", 10), ("0", 10),           # 0 filters nothing: the unscored THREATEN and AID too
    ("0.2", 8), ("0.45", 6), ("0.55", 5), ("0.56", 4), ("0.9", 2), ("0.95", 1), ("1", 0),
])
def test_events_min_confidence(client: TestClient, minimum: str, expected: int) -> None:
    found = items(client, f"/api/events?min_confidence={minimum}")
    assert len(found) == expected
    assert all(e["confidence"] >= float(minimum or 0) for e in found if minimum not in ("",
                                                                                       "0"))


def test_events_give_the_confidence_of_their_best_mention(client: TestClient) -> None:
    found = {(e["event"], e["day"]): e["confidence"] for e in items(client, "/api/events")}
    assert found[("SANCTION", "2021-04-02")] == 0.8     # mentions at 0.8 and 0.8
    assert found[("THREATEN", "2021-04-02")] is None    # not scored
    assert items(client, "/api/events?min_confidence=0.8&type=SANCTION")[0][
        "mentions"] == 2                                # every mention still counts
    record = client.get(f"/api/articles/{ANNOUNCED}").json()
    assert [e["confidence"] for e in record["events"]] == [0.9, 0.55]
    table = client.get(f"/api/articles/{ANNOUNCED}?format=csv&kind=events").text
    assert "confidence" in table.splitlines()[0]
    assert "confidence" in client.get("/api/events?format=csv").text.splitlines()[0]


def test_min_confidence_narrows_the_timeline_pairs_and_network(client: TestClient) -> None:
    everything = client.get("/api/timeline?bucket=year").json()["types"]
    assert sum(sum(counts) for counts in everything.values()) == 10
    confident = client.get("/api/timeline?bucket=year&min_confidence=0.9").json()
    assert confident["types"] == {"CONSULT": [2]}  # USAGOV–CHNGOV at 0.9, JPN–USA at 0.95
    pairs = {(p["a"], p["b"]): p["events"] for p in items(client, "/api/pairs")}
    fewer = {(p["a"], p["b"]): p["events"] for p in items(client,
                                                          "/api/pairs?min_confidence=0.9")}
    assert sum(fewer.values()) == 2 < sum(pairs.values())
    edges = client.get("/api/network?min_confidence=0.9").json()["edges"]
    assert sum(e["events"] for e in edges) == 2


def test_events_merge_mentions_and_give_evidence(client: TestClient) -> None:
    # the talks as their officials' meeting (USAGOV, CHNGOV) in one article and as the
    # states' (USA, CHN) in the other: one event, a side of states being the same side as
    # one of their sectors (corpus/events.py)
    talks = items(client, "/api/events?type=CONSULT&since=2021-03-18&until=2021-03-18")
    assert [(t["actors"], t["mentions"], t["articles"], t["sources"]) for t in talks] == [
        ("USAGOV", 2, 2, 2)]
    assert set(talks[0]["status"].split(",")) == {"planned", "occurred"}
    assert talks[0]["evidence"].startswith("Secretary of State Dana Whitfield will meet")
    sanction = items(client, "/api/events?type=SANCTION")[0]
    assert (sanction["articles"], sanction["sources"]) == (2, 1)   # a syndicated copy


def test_entities_speakers_pairs(client: TestClient) -> None:
    assert items(client, "/api/entities?name=liu")[0]["name"] == "Liu Wen"
    assert {e["name"] for e in items(client, "/api/entities?type=person&country=CHN")} == {
        "Liu Wen", "Mei Hua"}
    assert items(client, "/api/speakers?limit=2")[1]["quotes"] == 2
    assert [(p["a"], p["b"]) for p in items(client, "/api/pairs?type=AID")] == [("CHN", "VNM")]


def test_timeline_counts_types_and_scores(client: TestClient) -> None:
    data = client.get("/api/timeline?between=USA,CHN&bucket=month").json()
    assert data["periods"] == ["2021-03", "2021-04", "2021-05"]
    assert data["types"]["SANCTION"] == [0, 1, 0]
    # April: SANCTION -6 and THREATEN -3.5 (PLOVER 2.0 scores)
    assert data["score"][1] == pytest.approx(-4.75)
    goldstein = client.get("/api/timeline?between=USA,CHN&bucket=month&scale=goldstein").json()
    assert goldstein["score"][1] == pytest.approx((-8.0 - 4.4) / 2)


def test_timeline_fills_empty_periods(client: TestClient) -> None:
    data = client.get("/api/timeline?party=USA&bucket=day&since=2021-03-17&until=2021-03-20"
                      ).json()
    assert data["periods"] == ["2021-03-18"]
    wide = client.get("/api/timeline?between=USA,CHN&bucket=day").json()
    assert len(wide["periods"]) == 65 and wide["types"]["AGREE"][-1] == 1


def test_network_nodes_links_and_csv(client: TestClient) -> None:
    graph = client.get("/api/network").json()   # actor codes: the governments apart
    assert {n["id"] for n in graph["nodes"]} == {"USA", "CHN", "JPN", "VNM", "USAGOV",
                                                 "CHNGOV"}
    assert all(-1 <= n["x"] <= 1 and -1 <= n["y"] <= 1 for n in graph["nodes"])
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    assert (names["CHN"], names["CHNGOV"]) == ("China", "China, government")
    assert client.get("/api/network?type=AID").json()["edges"][0]["a"] == "CHN"
    rows = list(csv.DictReader(io.StringIO(client.get("/api/network?format=csv").text)))
    assert {(r["a"], r["b"]) for r in rows} == {("CHN", "USA"), ("JPN", "USA"), ("CHN", "VNM"),
                                                ("CHNGOV", "USA"), ("CHNGOV", "USAGOV")}
    countries = client.get("/api/network?format=csv&level=country").text
    assert {(r["a"], r["b"]) for r in csv.DictReader(io.StringIO(countries))} == {
        ("CHN", "USA"), ("JPN", "USA"), ("CHN", "VNM")}


def test_actor_profiles(client: TestClient) -> None:
    assert client.get("/api/actors/1").json()["name"] == "Dana Whitfield"
    assert client.get("/api/actors/chn").json() == {"kind": "code", "code": "CHN",
                                                    "name": "China"}
    assert client.get("/api/actors/999").status_code == 404


def test_csv_of_a_list(client: TestClient) -> None:
    response = client.get("/api/events?between=USA,CHN&format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 7 and rows[0]["event"] == "AGREE"


def test_paging(client: TestClient) -> None:
    first = client.get("/api/events?limit=4").json()
    assert len(first["items"]) == 4 and first["next_offset"] == 4
    rest = client.get("/api/events?limit=4&offset=8").json()
    assert len(rest["items"]) == 2 and rest["next_offset"] is None
    ids = [e["id"] for e in first["items"] + items(client, "/api/events?limit=4&offset=4")
           + rest["items"]]
    assert len(set(ids)) == 10


@pytest.mark.parametrize(("url", "message"), [
    ("/api/articles?since=2021-13-01", "'since' is '2021-13-01', expected a date YYYY-MM-DD"),
    ("/api/articles?since=10/03/2021", "expected a date YYYY-MM-DD"),
    ("/api/quotes?since=2021-05-01&until=2021-04-01", "'since' (2021-05-01) is after 'until'"),
    ("/api/events?type=MEET", "'type' is 'MEET', expected one of AGREE, CONSULT"),
    ("/api/events?status=maybe", "'status' is 'maybe', expected one of occurred"),
    ("/api/events?between=USA", "expected two different actor codes or names"),
    ("/api/events?between=USA,USA", "expected two different actor codes or names"),
    ("/api/quotes?speaker_country=U5A", "expected a country code such as USA"),
    ("/api/events?limit=0", "'limit'"),
    ("/api/events?limit=1001", "less than or equal to 1000"),
    ("/api/events?offset=10001", "'offset'"),
    ("/api/events?limit=ten", "'limit'"),
    ("/api/events?format=xml", "'format'"),
    ("/api/articles?search=" + "w%20" * 13, "at most 12 are accepted"),
    ("/api/articles?search=" + "x" * 201, "'search'"),
    ("/api/quotes?speaker=a%01b", "control characters"),
    ("/api/timeline?bucket=week", "'bucket' is 'week'"),
    ("/api/timeline?scale=other", "'scale' is 'other'"),
    (f"/api/articles/{ANNOUNCED}?format=csv", "'kind' is None"),
    ("/api/entities?type=P%25", "expected an entity label"),
    ("/api/network?nodes=1000", "'nodes'"),
    ("/api/events?min_confidence=high", "'min_confidence' is 'high', expected a number from "
                                        "0 to 1"),
    ("/api/events?min_confidence=1.5", "'min_confidence' is '1.5', expected a number from 0"),
    ("/api/events?min_confidence=-0.1", "'min_confidence' is '-0.1'"),
    ("/api/events?min_confidence=nan", "'min_confidence' is 'nan'"),
    ("/api/events?min_confidence=inf", "'min_confidence' is 'inf'"),
    ("/api/timeline?min_confidence=2", "'min_confidence' is '2'"),
    ("/api/pairs?min_confidence=x", "'min_confidence' is 'x'"),
    ("/api/network?min_confidence=x", "'min_confidence' is 'x'"),
    ("/api/events?min_confidence=" + "1" * 21, "'min_confidence'"),
])
def test_bad_filters_answer_400_with_a_clear_message(client: TestClient, url: str,
                                                     message: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text
    assert message in response.json()["error"]


def test_bad_filter_on_a_page_is_an_html_400(client: TestClient) -> None:
    response = client.get("/search?since=yesterday")
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"]
    assert "expected a date YYYY-MM-DD" in response.text


@pytest.mark.parametrize("text", ['" OR 1=1 --', "%' OR '1'='1", "NEAR(a b)", "*", "a:b"])
def test_user_text_is_never_sql_or_fts_syntax(client: TestClient, text: str) -> None:
    for url in ("/api/articles?search=", "/api/quotes?search=", "/api/quotes?speaker=",
                "/api/entities?name=", "/api/events?actor="):
        response = client.get(url, params={url.split("?")[1].rstrip("="): text})
        assert response.status_code in (200, 400), (url, response.text)
        assert response.json().get("items", []) == []


@pytest.mark.parametrize("url", [
    "/vendor/../../etc/passwd", "/vendor/..%2F..%2Fetc%2Fpasswd", "/vendor/plotly.min.js",
    "/static/../app.py", "/static/..%2Fapp.py", "/static/%2e%2e/db.py",
    "/api/articles/..%2F..%2Fetc%2Fpasswd", "/article/../../etc/passwd",
])
def test_no_path_traversal(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_vendored_plotly_is_served_compressed_and_cached(client: TestClient) -> None:
    page = client.get("/pair/USA/CHN").text
    src = page.split('<script src="/vendor/')[1].split('"')[0]
    response = client.get(f"/vendor/{src}")
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"]
    assert len(response.content) > 1_000_000
    plain = client.get(f"/vendor/{src}", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and b"plotly" in plain.content[:2000].lower()


@pytest.mark.parametrize("url", [
    "/", "/search", "/search?q=talks&show=quotes&actor=USA", f"/article/{ANNOUNCED}",
    "/pair/USA/CHN", "/pair/usa/chn?bucket=day&scale=goldstein", "/actor/USA", "/actor/1",
    "/network?type=CONSULT", "/api/docs", "/codes", "/codes?q=visit", "/codes/0831",
    "/codes/RETREAT:resign",
])
def test_pages_render(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert "</html>" in response.text
    assert "https://" not in response.text.replace('href="https://', "")  # nothing remote


def test_article_page_says_who_claims_an_event(client: TestClient) -> None:
    page = client.get("/article/2021-04-02-chip-sanctions").text
    assert "claimed by Commerce Department" in page


def test_article_page_shows_each_events_confidence(client: TestClient) -> None:
    page = client.get(f"/article/{ANNOUNCED}").text
    assert "confidence 0.90" in page and "confidence 0.55" in page
    unscored = client.get("/article/2021-06-20-flood-aid").text
    assert "confidence" not in unscored.split("<h2>Events")[1].split("<h2>")[0]


def test_event_lists_show_confidence_and_pages_filter_by_it(client: TestClient) -> None:
    page = client.get("/pair/USA/CHN").text
    assert "conf.</th>" in page and "0.90" in page and "0.35" in page
    assert 'name="min_confidence"' in page
    confident = client.get("/pair/USA/CHN?min_confidence=0.9").text
    assert "0.90" in confident and "0.35" not in confident
    assert 'value="0.9"' in confident and "min_confidence=0.9" in confident   # form, API links
    assert "0.35" not in client.get("/actor/USA?min_confidence=0.5").text
    assert client.get("/network?min_confidence=0.9").status_code == 200
    assert client.get("/pair/USA/CHN?min_confidence=7").status_code == 400


def test_pair_form_redirects_and_unknown_pages_are_404(client: TestClient) -> None:
    response = client.get("/pair?a=usa&b=chn", follow_redirects=False)
    assert response.headers["location"] == "/pair/USA/CHN"
    assert client.get("/article/no-such-article").status_code == 404
    assert client.get("/pair/USA/USA").status_code == 400


def test_datasette_events_between_gives_confidence(store_path: Path) -> None:
    import sqlite3

    from dragoman.datasette import metadata_for

    canned = metadata_for(str(store_path))
    sql = canned["databases"]["web"]["queries"]["events_between"]["sql"]
    con = sqlite3.connect(store_path)
    con.row_factory = sqlite3.Row
    rows = [dict(r) for r in con.execute(sql, {"a": "usa", "b": "chn"})]
    con.close()
    assert len(rows) == 7 and {r["confidence"] for r in rows} >= {0.9, None}


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/quotes", "/api/events", "/api/entities",
                 "/api/timeline", "/api/network", "/api/overview"):
        assert path in spec["paths"]
    quote_params = {p["name"] for p in spec["paths"]["/api/quotes"]["get"]["parameters"]}
    assert {"speaker", "search", "since", "until"} <= quote_params
    event_params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "recipient", "type", "status", "min_confidence", "since",
            "until"} <= event_params
    assert not any(path.startswith("/pair") for path in spec["paths"])


def test_a_costly_query_is_stopped_with_400(client: TestClient, store_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    reader = open_store(str(store_path), read_only=True, timeout_s=0.0)
    with pytest.raises(QueryTooCostly, match="narrow it with filters"):
        reader.rows("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                    "LIMIT 10000000) SELECT count(*) FROM n")
    def too_costly(*args: Any) -> None:
        raise QueryTooCostly("the query ran over 3 s and was stopped; narrow it")

    monkeypatch.setattr(client.app.state.store, "articles", too_costly)  # type: ignore[attr-defined]
    response = client.get("/api/articles?search=talks")
    assert response.status_code == 400
    assert "ran over" in response.json()["error"]


def test_reader_cannot_write(store_path: Path) -> None:
    reader = open_store(str(store_path), read_only=True)
    with pytest.raises(StoreError, match=r"readonly|read-only|attempt to write"):
        reader.rows("DELETE FROM articles")
    assert reader.rows("SELECT count(*) AS n FROM articles")[0]["n"] == 7


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dragoman.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store at" in result.output and "dragoman ingest" in result.output
    assert not (tmp_path / "none.db").exists()


def test_web_migration_indexes_a_store_written_before_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = [m for m in MIGRATIONS if m[0] != "0005_web_indexes"]
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", earlier)
    store = open_store(str(tmp_path / "old.db"))
    store.write_batch(store.begin_run("test", [], {}, "m"), records()[:2], [], {})
    store.close()
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", MIGRATIONS)
    with pytest.raises(StoreError, match=r"needs migrating \(0005_web_indexes\); run "
                                         r"`dragoman migrate --db"):
        create_app(str(tmp_path / "old.db"))   # serving only reads: it never migrates
    open_store(str(tmp_path / "old.db")).close()   # what `dragoman migrate` does
    with TestClient(create_app(str(tmp_path / "old.db"))) as old:
        assert len(items(old, "/api/articles?search=Anchorage")) == 2


def test_sides_of_several_parties(tmp_path: Path) -> None:
    from tests.fixtures.web_records import Article

    a = Article("joint-sanctions", "2022-03-01", "Wire", "Joint sanctions",
                ["The United States and Britain imposed sanctions on Russia on Tuesday."])
    usa = a.entity("United States", "GPE", ["United States"], "USA")
    gbr = a.entity("Britain", "GPE", ["Britain"], "GBR")
    rus = a.entity("Russia", "GPE", ["Russia"], "RUS")
    a.event("SANCTION", [(usa, "USA"), (gbr, "GBR")], [(rus, "RUS")],
            "The United States and Britain imposed sanctions on Russia", "2022-03-01")
    store = open_store(str(tmp_path / "multi.db"))
    store.write_batch(store.begin_run("test", [], {}, "m"), [a.record], [], {})
    store.close()
    with TestClient(create_app(str(tmp_path / "multi.db"))) as multi:
        for url, expected in [("actor=GBR", 1), ("actor=USA&recipient=RUS", 1),
                              ("party=RUS", 1), ("between=GBR,RUS", 1), ("actor=RUS", 0),
                              ("recipient=USA", 0), ("between=GBR,USA", 0)]:
            assert len(items(multi, f"/api/events?{url}")) == expected, url
        assert items(multi, "/api/events")[0]["actors"] == "GBR|USA"
        pairs = {(p["a"], p["b"]) for p in items(multi, "/api/pairs")}
        assert pairs == {("RUS", "USA"), ("GBR", "RUS")}


def test_a_broad_speaker_filter_gives_the_same_quotes(client: TestClient,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for path, found in (("/api/quotes?speaker=i&mentions=true", 7),
                        ("/api/quotes?speaker=i", 6)):   # Mei Hua's words in two articles
        monkeypatch.setattr(store_reader, "BROAD_NAMES", 200)
        narrow = items(client, path)
        monkeypatch.setattr(store_reader, "BROAD_NAMES", 0)  # walk the newest quotes instead
        assert items(client, path) == narrow and len(narrow) == found


def test_article_page_and_record_show_the_zones(tmp_path: Path) -> None:
    paragraphs = ["Kenya and Tanzania agreed on Monday to reopen two border crossings.",
                  "Photo: Lorries queue at the crossing. (AP Photo/Jane Doe)",
                  "Finally. March 4, 2024 at 10:12 am | Reply"]
    text = "\n\n".join(paragraphs)
    starts = [text.index(p) for p in paragraphs]
    record = {"id": "zoned", "published": "2024-03-04", "text": text, "origin": "test",
              "paragraphs": [{"span": [s, s + len(p)], "duplicate_of": None, "zone": z}
                             for s, p, z in zip(starts, paragraphs,
                                                ["body", "caption", "comments"], strict=True)],
              "entities": [], "quotes": [], "timexes": [], "events": [],
              "near_duplicate_of": None, "dragoman": {"version": "test", "model": "hand-made"}}
    store = open_store(str(tmp_path / "z.db"))
    store.write_batch(store.begin_run("test", [], {}, "hand-made"), [record], [], {})
    store.close()
    with TestClient(create_app(str(tmp_path / "z.db"))) as zoned:
        assert [p["zone"] for p in zoned.get("/api/articles/zoned").json()["paragraphs"]] == [
            "body", "caption", "comments"]
        page = zoned.get("/article/zoned").text
    assert '<p id="p0" class="para">' in page
    assert 'class="para zone zone-comments"' in page and 'data-zone="caption"' in page
    assert "Not the article's body <small>2</small>" in page


BIG = "9223372036854775808"  # 2**63: above any SQLite integer


@pytest.mark.parametrize(("url", "status"), [
    (f"/api/quotes?speaker_actor={BIG}", 400),
    (f"/api/events?actor_id={BIG}", 400),
    (f"/api/timeline?actor_id={BIG}", 400),
    (f"/api/quotes?speaker_actor=1{BIG}", 400),
    (f"/api/actors/{BIG}", 404),
    (f"/api/actors/{BIG}{BIG}", 404),
    (f"/api/actors/{'9' * 5000}", 404),           # more digits than int() takes
    ("/api/actors/999999", 404),
    ("/api/actors/%20", 400),                      # only spaces
    ("/api/actors/%C2%B2", 400),                   # '²': str.isdigit() but no number
    ("/api/actors/%D9%A3", 400),                   # an Arabic-Indic 3 is not actor 3
    ("/api/actors/%EF%BC%91", 400),                # a fullwidth 1
    ("/api/actors/-1", 400),
    ("/api/articles/no-such-article", 404),
    ("/api/nothing-here", 404),
])
def test_hostile_ids_answer_a_json_4xx(client: TestClient, url: str, status: int) -> None:
    for method in ("GET", "HEAD"):
        response = client.request(method, url)
        assert response.status_code == status, (method, response.text)
        assert response.headers["content-type"] == "application/json"
    assert set(client.get(url).json()) == {"error"}


@pytest.mark.parametrize(("url", "status"), [
    (f"/actor/{BIG}", 404), ("/actor/%20", 400), ("/actor/%C2%B2", 400),
    (f"/actor/USA?actor_id={BIG}", 400), (f"/pair/USA/CHN?actor_id={BIG}", 400),
    (f"/search?page={BIG}", 400),
])
def test_hostile_ids_on_pages_answer_an_html_4xx(client: TestClient, url: str,
                                                 status: int) -> None:
    for method in ("GET", "HEAD"):
        response = client.request(method, url)
        assert response.status_code == status, method
        assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("url", ["/", "/api/overview", "/api/actors/USA", "/actor/USA",
                                 f"/article/{ANNOUNCED}", "/openapi.json", "/static/app.css"])
def test_head_answers_where_get_does_without_a_body(client: TestClient, url: str) -> None:
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_an_unexpected_failure_is_a_json_500(store_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> None:
        raise RuntimeError("boom")

    app = create_app(str(store_path))
    monkeypatch.setattr(app.state.store, "overview_counts", broken)
    with TestClient(app, raise_server_exceptions=False) as fresh:
        response = fresh.get("/api/overview")
        page = fresh.get("/")
    assert response.status_code == 500
    assert response.json() == {"error": "internal error (RuntimeError); the server log has "
                                        "the details"}
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/api/overview", "/api/actors/%20", "/nothing",
                                 "/static/app.js", "/openapi.json", "/api/docs"])
def test_every_response_has_the_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp.split("style-src")[0]   # no inline script ever runs


@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.org/a?b=1", True), ("http://example.org/", True),
    ("HTTPS://EXAMPLE.ORG/", True), ("javascript:alert(1)", False),
    (" javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False), ("//evil.example/", False),
    ("http://a b/\"onmouseover=x", False), ("vbscript:x", False),
])
def test_only_http_urls_become_links(tmp_path: Path, url: str, linked: bool) -> None:
    record = records()[0] | {"id": "linked", "url": url}
    store = open_store(str(tmp_path / "u.db"))
    store.write_batch(store.begin_run("test", [], {}, "hand-made"), [record], [], {})
    store.close()
    with TestClient(create_app(str(tmp_path / "u.db"))) as one:
        page = one.get("/article/linked").text
    assert ('rel="noreferrer">original</a>' in page) is linked
    if not linked:
        assert "href=\"javascript" not in page.lower() and "href=\"data:text" not in page
        assert "original <code>" in page


def test_a_store_on_read_only_media_is_served(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """No -wal or -shm can be made beside it (store/readonly.py opens it immutable)."""
    import sqlite3

    from dragoman.store import readonly

    path = build_store(tmp_path / "archived.db")
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    before = path.read_bytes()
    monkeypatch.setattr(readonly.os, "access", lambda *args: False)
    with TestClient(create_app(str(path))) as archived:
        assert len(items(archived, "/api/articles")) == 7
        assert archived.head("/").status_code == 200
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_codes_api_lists_finds_and_explains_codes(client: TestClient) -> None:
    every = items(client, "/api/codes")
    assert len(every) > 400 and {"code", "kind", "name", "plover", "quad"} <= set(every[0])
    assert [c["code"] for c in items(client, "/api/codes?q=083")][:2] == ["083", "0831"]
    assert items(client, "/api/codes?q=xyzzy") == []
    one = client.get("/api/codes/0831").json()
    assert one["name"] == "Accede to demands for change in leadership"
    assert one["plover"] == "RETREAT:resign" and one["covers"] == []
    consult = client.get("/api/codes/consult").json()
    assert {"CONSULT:visit", "042"} <= {c["code"] for c in consult["covers"]}
    assert client.get("/api/codes/0999").status_code == 404
    assert client.get("/api/codes?format=csv").text.startswith("code,kind,name")


def test_codes_pages_and_every_shown_code_has_a_label_and_a_link(client: TestClient) -> None:
    page = client.get("/codes?q=leadership").text
    assert "Accede to demands for change in leadership" in page and 'href="/codes/0831"' in page
    one = client.get("/codes/0831").text
    assert "PLOVER RETREAT:resign" in one and 'href="/codes/083"' in one
    assert client.get("/codes/0999").status_code == 404
    pair = client.get("/pair/USA/CHN").text
    assert '<a class="etype t-CONSULT" href="/codes/CONSULT" ' \
           'title="PLOVER CONSULT: verbal cooperation">CONSULT</a>' in pair
    article = client.get(f"/article/{ANNOUNCED}").text
    assert 'href="/codes/CONSULT"' in article and 'title="CAMEO 0' in article
    assert "· CAMEO 043 Host a visit (PLOVER CONSULT:visit)" in article  # on the highlight
    overview = client.get("/").text
    assert 'href="/codes/CONSULT" title="PLOVER CONSULT: verbal cooperation"' in overview


def test_overview_lists_the_latest_articles_events_first_and_flags_late_dates(
        tmp_path: Path) -> None:
    """An event misdated a year after its article (an October list's "March 19" read as next
    March) neither leads the recent events nor passes unflagged."""
    from tests.fixtures.web_records import Article

    misdated = Article("misdated", "2011-10-20", "Wire", "A look back",
                       ["France struck Libya on March 19."])
    fra, lby = (misdated.entity("France", "GPE", ["France"], "FRA"),
                misdated.entity("Libya", "GPE", ["Libya"], "LBY"))
    misdated.event("ASSAULT", [(fra, "FRA")], [(lby, "LBY")], "France struck Libya",
                   "2012-03-19")
    latest = Article("latest", "2011-10-22", "Wire", "Talks",
                     ["Britain met Libya on Friday."])
    gbr, lby2 = (latest.entity("Britain", "GPE", ["Britain"], "GBR"),
                 latest.entity("Libya", "GPE", ["Libya"], "LBY"))
    latest.event("CONSULT", [(gbr, "GBR")], [(lby2, "LBY")], "Britain met Libya",
                 "2011-10-21")
    path = tmp_path / "late.db"
    store = open_store(str(path))
    store.write_batch(store.begin_run("test", [], {}, "m"), [misdated.record, latest.record],
                      [], {})
    store.close()
    with TestClient(create_app(str(path))) as late:
        events = late.get("/api/overview").json()["events"]
        assert [e["event"] for e in events] == ["CONSULT", "ASSAULT"]
        page = late.get("/").text
        assert page.index("Britain met Libya") < page.index("France struck Libya")
        assert page.count('class="flag"') == 1
        assert "dated after its article, published 2011-10-20" in page


def test_serve_prints_the_address_before_building_the_app(store_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from dragoman.web import app as web_app

    said: list[str] = []
    monkeypatch.setattr(web_app, "create_app", lambda url: said.append("built") or object())
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: said.append("run"))
    web_app.serve(str(store_path), announce=said.append)
    assert said[0].startswith("dragoman: serving") and "http://127.0.0.1:8000/" in said[0]
    assert said[1:] == ["built", "run"]


def test_a_planned_event_dated_after_its_article_is_not_flagged(store_path: Path) -> None:
    """Talks announced on the 9th for the 18th are planned, not misdated."""
    with TestClient(create_app(str(store_path))) as client:
        page = client.get("/events?type=CONSULT&status=planned").text
        assert "Anchorage on March 18" in page and 'class="flag"' not in page
        assert "occurred, planned" in page


@pytest.mark.parametrize(("params", "events", "total"), [
    ("cameo=04", ["CONSULT", "CONSULT", "CONSULT"], 3),
    ("cameo=0311", ["AGREE"], 1),
    ("cameo=16&type=SANCTION", ["SANCTION"], 1),
    ("cameo=2", [], 0),
    ("sort=mentions&limit=3", ["THREATEN", "SANCTION", "CONSULT"], 10),   # 2 each, newest 1st
    ("sort=sources&limit=1", ["CONSULT"], 10),                 # the only one of 2 sources
])
def test_events_by_cameo_prefix_sorted_with_their_total(client: TestClient, params: str,
                                                        events: list[str], total: int) -> None:
    found = client.get(f"/api/events?{params}").json()
    assert [e["event"] for e in found["items"]] == events
    assert found["total"] == total


@pytest.mark.parametrize("params", ["cameo=19x", "cameo=12345", "sort=newest"])
def test_bad_event_search_values_are_refused(client: TestClient, params: str) -> None:
    response = client.get(f"/api/events?{params}")
    assert response.status_code == 400
    assert ("CAMEO event code" in response.text) or ("date, mentions, sources" in response.text)


def test_pages_list_quotations_with_their_other_articles(client: TestClient) -> None:
    """The same words by the same speaker in two articles (a syndicated copy) are one row of
    the search page's quotes, with the other article counted, as /api/quotes gives them."""
    page = client.get("/search?q=necessary+measures&show=quotes").text
    assert page.count("measures to protect Chinese firms") == 1 and "and 1 more" in page
    [quotation] = items(client, "/api/quotes?search=necessary+measures&all=true")
    assert quotation["occurrences"] == 2
    assert "and 1 more" in client.get("/actor/CHN").text
