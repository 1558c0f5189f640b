"""The store's actor linking held in memory (what the Spark job replays per group)."""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.corpus.actors import ActorRegistry, lookup_keys


def person(name: str, country: str | None = None, wikidata: str | None = None) -> dict[str, Any]:
    return {"name": name, "type": "PERSON", "country": country, "sector": None,
            "wikidata": wikidata, "mentions": []}


@pytest.mark.parametrize(("names", "expected"), [
    (["Jen Psaki", "Psaki"], [0, 0]),  # a surname joins the only person of that name
    (["Biden", "Joe Biden"], [0, 0]),  # the full name joins the earlier surname
    (["Muammar Gaddafi", "Moamer Kadhafi"], [0, 0]),  # one sound, one country
    (["Alan Smith", "Mary Smith", "Smith"], [0, 1, 2]),  # an ambiguous surname is new
    (["Angela Merkel", "Emmanuel Macron"], [0, 1]),
])
def test_entities_link_as_in_the_store(names: list[str], expected: list[int]) -> None:
    registry = ActorRegistry()
    assert [registry.link(person(n, "LBY"), {n}) for n in names] == expected


def test_a_longer_name_becomes_the_actors_name_and_aliases_count_mentions() -> None:
    registry = ActorRegistry()
    registry.link(person("Psaki", "USA"), {"Psaki"})
    registry.link(person("Jen Psaki", "USA"), {"Jen Psaki", "Psaki"})
    (actor,) = registry.actors
    assert actor.candidate.name == "Jen Psaki"
    assert actor.aliases == {"Psaki": 2, "Jen Psaki": 1}


def test_entities_that_can_meet_share_a_lookup_key() -> None:
    psaki = lookup_keys(person("Jen Psaki"), "")
    assert psaki & lookup_keys(person("Psaki"), "")
    assert not psaki & lookup_keys(person("Angela Merkel"), "")
