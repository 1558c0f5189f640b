"""Cross-article actors and the store's quote search through them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dragoman.corpus.actors import ActorCandidate, choose_actor
from dragoman.store import open_store

PSAKI = ActorCandidate(1, "Jen Psaki", "PERSON", "USA", None)
WANG_YI = ActorCandidate(2, "Wang Yi", "PERSON", "CHN", "Q16196")
WANG_QISHAN = ActorCandidate(3, "Wang Qishan", "PERSON", "CHN", None)
UN = ActorCandidate(4, "United Nations", "ORG", "IGOUNO", None, frozenset({"un"}))


def entity(name: str, kind: str = "PERSON", country: str | None = None,
           wikidata: str | None = None) -> dict[str, Any]:
    return {"name": name, "type": kind, "country": country, "wikidata": wikidata}


@pytest.mark.parametrize(("new", "expected"), [
    (entity("Jen Psaki"), PSAKI),
    (entity("jen psaki", country="USA"), PSAKI),
    (entity("Psaki"), PSAKI),                               # surname only
    (entity("Jen Psaki", country="GBR"), None),             # same name, another country
    (entity("Jen Psaki", kind="ORG"), None),
    (entity("Wang Yi", wikidata="Q16196"), WANG_YI),
    (entity("Wang"), None),                                 # Wang Yi or Wang Qishan?
    (entity("UN", kind="ORG"), UN),                         # a known alias
    (entity("Yi", wikidata="Q99"), None),
])
def test_choose_actor(new: dict[str, Any], expected: ActorCandidate | None) -> None:
    assert choose_actor(new, [PSAKI, WANG_YI, WANG_QISHAN, UN]) == expected


def record(article_id: str, text: str, entities: list[dict[str, Any]],
           quotes: list[dict[str, Any]], published: str) -> dict[str, Any]:
    return {"id": article_id, "text": text, "published": published, "paragraphs": [],
            "entities": entities, "quotes": quotes, "timexes": [], "events": [],
            "near_duplicate_of": None, "origin": "test", "dragoman": {"version": "t",
                                                                     "model": "m"}}


def test_quotes_found_by_any_alias_words_and_dates(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    run = store.begin_run("test", [], {}, "m")
    one = "“We are engaged,” press secretary Jen Psaki said."
    two = "“Tariffs will stay,” the press secretary said. Psaki spoke on Friday."
    psaki_1 = {"id": "e1", "name": "Jen Psaki", "type": "PERSON", "title": "press secretary",
               "country": "USA", "mentions": [[34, 43]]}
    psaki_2 = {"id": "e1", "name": "Psaki", "type": "PERSON", "title": None,
               "country": "USA", "mentions": [[47, 52]]}
    quote_1 = {"content": [1, 15], "kind": "direct", "speaker": {"entity": "e1",
               "name": "Jen Psaki", "span": [34, 43]}, "date": "2021-03-09"}
    quote_2 = {"content": [1, 18], "kind": "direct", "speaker": {"entity": "e1",
               "name": "Psaki", "span": [21, 42]}, "date": None}
    store.write_batch(run, [record("a", one, [psaki_1], [quote_1], "2021-03-10"),
                            record("b", two, [psaki_2], [quote_2], "2021-05-01")], [], {})
    assert {r["article_id"] for r in store.quotes(speaker="jen psaki")} == {"a", "b"}
    assert {r["article_id"] for r in store.quotes(speaker="press secretary")} == {"a", "b"}
    assert [r["content"] for r in store.quotes(search="tariffs")] == ["Tariffs will stay"]
    assert [r["article_id"] for r in store.quotes(since="2021-04-01")] == ["b"]
    assert [r["date"] for r in store.quotes(until="2021-03-31")] == ["2021-03-09"]
    assert store.quotes(search='"unbalanced AND (') == []  # user text is never FTS syntax
    (actor,) = store.actors(name="Psaki")
    assert actor["name"] == "Jen Psaki" and actor["articles"] == 2
    store.close()


# -- transliterations (issue 12) -------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b", "same"), [
    ("Muammar Gaddafi", "Moamer Kadhafi", True),
    ("Moammar Gadhafi", "Qadhafi", True),
    ("Hosni Mubarak", "Husni Moubarak", True),
    ("Bashar al-Assad", "Saad Hariri", False),
    ("Assad", "Saad", False),                   # a two-consonant skeleton joins nobody
    ("Hosni Mubarak", "Gamal Mubarak", False),  # another given name
])
def test_same_transliteration(a: str, b: str, same: bool) -> None:
    from dragoman.corpus.actors import same_transliteration

    assert same_transliteration(a, b) is same


def test_transliterations_join_when_country_and_sector_agree() -> None:
    leader = ActorCandidate(9, "Muammar Gaddafi", "PERSON", "LBY", None, sector="GOV")
    assert choose_actor(entity("Moamer Kadhafi", country="LBY"), [leader]) == leader
    assert choose_actor(entity("Moamer Kadhafi", country="EGY"), [leader]) is None
    assert choose_actor(entity("Moamer Kadhafi"), [leader]) is None  # no country: no guess
    writer = {**entity("Moamer Kadhafi", country="LBY"), "sector": "EDU"}
    assert choose_actor(writer, [leader]) is None


def test_a_bare_title_is_no_alias() -> None:
    from dragoman.corpus.actors import aliases

    text = "President Amara Okonjo spoke. The President left."
    found = aliases({"name": "Amara Okonjo", "title": "President",
                     "mentions": [[10, 22], [30, 43]]}, text)
    assert found == {"Amara Okonjo"}


def test_two_articles_with_two_spellings_give_one_actor(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dragoman.cli import main

    corpus = tmp_path / "in.jsonl"
    articles = [
        {"id": "one", "published": "2011-03-01", "text": "Libyan leader Muammar Gaddafi said "
         "on Monday that his forces would retake Benghazi within days."},
        {"id": "two", "published": "2011-03-02", "text": "Libyan leader Moamer Kadhafi said "
         "on Tuesday that the rebels would be crushed before the weekend."},
    ]
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert CliRunner().invoke(main, ["ingest", str(corpus), "--db", db]).exit_code == 0
    store = open_store(db)
    (actor,) = store.actors(name="Kadhafi")
    assert actor["articles"] == 2 and "Muammar Gaddafi" in actor["aliases"]
    assert {q["article_id"] for q in store.quotes(speaker="Gaddafi")} == {"one", "two"}
    store.close()
