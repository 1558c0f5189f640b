"""Actors below the state (issue 15): CAMEO-style actor codes on event sides and speakers,
side filters by code, by country and by name, directed pairs, merging on codes and the
evidence a merged event shows, on the hand-made civil war of tests/fixtures/civil_war.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from dragoman.corpus.events import event_key, mention_score
from dragoman.knowledge.actor_codes import actor_code, code_label
from dragoman.store import open_store
from dragoman.store.queries import EventQuery, FilterError, side, sides
from tests.fixtures import civil_war
from tests.fixtures.web_records import build_store


@pytest.mark.parametrize(("country", "sector", "code"), [
    ("LBY", "REB", "LBYREB"),
    ("USA", "GOV", "USAGOV"),
    ("LBY", None, "LBY"),          # no sector known: the bare country
    ("IGOUNO", "IGO", "IGOUNO"),   # an organisation's code is whole
    (None, "REB", None),           # rebels of no known state are no actor code
    ("LBY", "", "LBY"),
])
def test_actor_code(country: str | None, sector: str | None, code: str | None) -> None:
    assert actor_code(country, sector) == code


def test_code_labels() -> None:
    names = {"LBY": "Libya"}
    assert code_label("LBYREB", names) == "Libya, rebels"
    assert code_label("LBY", names) == "Libya"
    assert code_label("IGOUNO", names) == "IGOUNO"


@pytest.mark.parametrize(("value", "found"), [
    ("lby", "LBY"), ("LBYREB", "LBYREB"), ("lbyreb", "LBYREB"), ("IGOUNO", "IGOUNO"),
    ("France", "france"),            # a name, not the code FRANCE
    ("Israel", "israel"), ("igouno", "igouno"),
    ("Hillary Clinton", "hillary clinton"),
])
def test_side_filters(value: str, found: str) -> None:
    assert side(value, "actor") == found


def test_between_takes_two_values_or_one_text() -> None:
    assert sides(("LBYGOV", "LBYREB")) == ("LBYGOV", "LBYREB")
    assert sides("LBYGOV,LBYREB") == ("LBYGOV", "LBYREB")
    assert sides("Dana Whitfield, LBY") == ("dana whitfield", "LBY")
    assert sides("USA CHN") == ("USA", "CHN")
    for bad in ("LBY", "LBY,LBY", ("LBY", "")):
        with pytest.raises(FilterError, match="between"):
            sides(bad)


def test_government_and_rebels_are_two_sides_of_the_merge_key() -> None:
    shelled = civil_war.brega_shelled()["events"]
    assert event_key(shelled[1]).actors == "LBYGOV"
    assert event_key(shelled[1]).recipients == "LBYREB"
    assert event_key(shelled[2]).actors == "LBYREB"   # the rebels' attack, the other way


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = build_store(tmp_path_factory.mktemp("war") / "war.db", civil_war.records())
    found = open_store(str(path))
    yield found
    found.close()


def _events(store: Any, **fields: Any) -> list[tuple[str, str, str]]:
    return sorted((r["event"], r["actors"], r["recipients"])
                  for r in store.events(EventQuery(**fields)))


def test_a_country_covers_its_sectors_and_a_code_only_itself(store: Any) -> None:
    libya = _events(store, actor="LBY")
    assert ("ASSAULT", "LBYGOV", "LBYREB") in libya
    assert ("ASSAULT", "LBYREB", "LBYGOV") in libya
    assert _events(store, actor="LBYREB") == [("ACCUSE", "LBYREB", "LBYGOV"),
                                              ("ASSAULT", "LBYREB", "LBYGOV")]
    assert _events(store, actor="LBYRE") == []   # not a code's member: a prefix of letters


def test_names_resolve_through_the_actors(store: Any) -> None:
    whitfield = _events(store, actor="dana whitfield")
    assert ("REQUEST", "USAGOV", "LBYGOV") in whitfield
    assert all(actors == "USAGOV" for _, actors, _ in whitfield)
    # a state's name stands for its code: every Libyan recipient
    assert _events(store, recipient="libya") == _events(store, recipient="LBY")
    assert ("ACCUSE", "LBYREB", "LBYGOV") in _events(store, party="salem ferjani")
    assert _events(store, actor="nobody known") == []


def test_between_either_way_and_directed(store: Any) -> None:
    both = _events(store, between=("LBYGOV", "LBYREB"))
    assert both == [("ACCUSE", "LBYREB", "LBYGOV"), ("ASSAULT", "LBYGOV", "LBYREB"),
                    ("ASSAULT", "LBYREB", "LBYGOV")]
    forth = _events(store, between=("LBYGOV", "LBYREB"), directed=True)
    back = _events(store, between=("LBYREB", "LBYGOV"), directed=True)
    assert forth == [("ASSAULT", "LBYGOV", "LBYREB")]
    assert sorted(forth + back) == both


def test_a_merged_event_shows_its_declarative_mention(store: Any) -> None:
    shelling = [r for r in store.events(EventQuery(actor="LBYGOV", type="ASSAULT"))]
    assert len(shelling) == 1
    assert shelling[0]["mentions"] == 3 and shelling[0]["articles"] == 2
    assert shelling[0]["evidence"].startswith("Government forces led by Defence Minister")
    exported = [e for e in store.merged_events() if e["id"] == shelling[0]["id"]]
    assert exported[0]["evidence"] == shelling[0]["evidence"]


@pytest.mark.parametrize(("index", "score"), [
    (0, 10),   # a headline: no full stop at its paragraph's end
    (1, 14),   # a declarative body sentence naming both sides
])
def test_mention_scores(index: int, score: int) -> None:
    record = civil_war.brega_shelled()
    assert mention_score(record["events"][index], record) == score


def test_a_question_scores_below_a_statement() -> None:
    record = civil_war.brega_asked()
    assert mention_score(record["events"][0], record) == 6
    assert mention_score(record["events"][1], record) == 14


def test_speakers_carry_their_code(store: Any) -> None:
    codes = {r["speaker_code"] for r in store.rows("SELECT speaker_code FROM quotes")}
    assert codes == {"USAGOV", "CHNGOV", "VNMGOV"}


# Back to the schema and rows of before the migration, on each backend.
ROLLBACK = {
    "sqlite": ("0012_actor_codes", """
        DROP INDEX quotes_speaker_code;
        ALTER TABLE quotes DROP COLUMN speaker_code;
        DROP INDEX event_mentions_best;
        ALTER TABLE event_mentions DROP COLUMN score;
        UPDATE event_mentions SET data = json_remove(json_remove(data, '$.actors[0].code'),
            '$.recipients[0].code');
    """),
    "postgresql": ("0004_actor_codes", """
        DROP INDEX quotes_speaker_code;
        ALTER TABLE quotes DROP COLUMN speaker_code;
        DROP INDEX event_mentions_best;
        ALTER TABLE event_mentions DROP COLUMN score;
        UPDATE event_mentions SET data = (data::jsonb #- '{actors,0,code}'
            #- '{recipients,0,code}')::text;
    """),
}
COUNTRY_SIDES = """
    UPDATE event_mentions SET actors = replace(replace(replace(actors, 'GOV', ''), 'REB', ''),
        'LBY|LBY', 'LBY'), recipients = replace(replace(recipients, 'GOV', ''), 'REB', '');
    UPDATE events SET actors = replace(replace(actors, 'GOV', ''), 'REB', ''),
        recipients = replace(replace(recipients, 'GOV', ''), 'REB', '');
    DELETE FROM migrations WHERE name = '{name}';
"""


def _roll_back(url: str, backend: str) -> None:
    name, script = ROLLBACK[backend]
    script += COUNTRY_SIDES.format(name=name)
    if backend == "sqlite":
        con = sqlite3.connect(url)
        con.executescript(script)
        con.close()
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute(script)


def test_a_store_of_country_sides_migrates_to_actor_codes(store_url: str) -> None:
    """A store written before 0012_actor_codes (PostgreSQL: 0004): sides of countries, no
    speaker codes, no scores, parties without codes in the stored records."""
    backend = "sqlite" if store_url.startswith("sqlite") else "postgresql"
    build_store(store_url, civil_war.records())
    _roll_back(store_url.removeprefix("sqlite:///"), backend)
    store = open_store(store_url)   # applies the migration
    assert store.rows("SELECT count(*) AS n FROM events WHERE actors = 'LBY'")[0]["n"] == 0
    rows = store.rows("SELECT m.actors, m.recipients, c.actors AS c_actors, "
                      "c.recipients AS c_recipients FROM event_mentions m "
                      "JOIN events c ON c.id = m.cluster_id WHERE m.article_id LIKE '2011-%'")
    assert {(r["actors"], r["recipients"]) for r in rows} == {
        ("LBYGOV", "LBYREB"), ("LBYREB", "LBYGOV"), ("USAGOV", "LBYGOV")}
    assert all((r["c_actors"], r["c_recipients"]) == (r["actors"], r["recipients"])
               for r in rows)
    assert {r["speaker_code"] for r in store.rows("SELECT speaker_code FROM quotes")} == {
        "USAGOV", "CHNGOV", "VNMGOV"}
    # merging again scores the mentions: the shelling shows its declarative sentence
    assert store.remerge_events(1)[0] == len(store.rows("SELECT id FROM event_mentions"))
    shelling = store.events(EventQuery(actor="LBYGOV", type="ASSAULT"))
    assert shelling[0]["evidence"].startswith("Government forces led by")
    store.close()
