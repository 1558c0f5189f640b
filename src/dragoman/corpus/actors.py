"""Cross-article actors: the same person or organisation across articles becomes one actor.

Entities merge by Wikidata id when they have one, else by type and canonical name with a
compatible country; a one-word person name ("Psaki") joins the only actor of that type whose
name ends with it. Every mention text becomes an alias, so a search for "Psaki", "Jen Psaki"
or a title finds the same actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dragoman.text import words


@dataclass(frozen=True)
class ActorCandidate:
    id: int
    name: str
    type: str
    country: str | None
    wikidata: str | None
    alias_keys: frozenset[str] = frozenset()


def name_key(name: str) -> str:
    """Case, punctuation and apostrophes ignored: "Jen Psaki" == "jen psaki"."""
    return " ".join(words(name))


def choose_actor(entity: dict[str, Any], candidates: list[ActorCandidate]) -> ActorCandidate | None:
    """The stored actor this entity is, among candidates sharing its Wikidata id, name key or
    surname; None when it is a new actor (or when a one-word name is ambiguous)."""
    wikidata = entity.get("wikidata")
    if wikidata:
        same = [c for c in candidates if c.wikidata == wikidata]
        if same:
            return same[0]
    key = name_key(entity["name"])
    country = entity.get("country")
    compatible = [c for c in candidates if c.type == entity["type"]
                  and (not wikidata or not c.wikidata)
                  and (country is None or c.country is None or c.country == country)]
    exact = [c for c in compatible if name_key(c.name) == key or key in c.alias_keys]
    if exact:
        return exact[0]
    if entity["type"] == "PERSON" and len(key.split()) == 1:
        by_surname = [c for c in compatible if name_key(c.name).split()[-1:] == [key]]
        if len(by_surname) == 1:
            return by_surname[0]
    if entity["type"] == "PERSON":  # "Joe Biden" after articles that only said "Biden"
        short = [c for c in compatible if name_key(c.name) == key.split()[-1]]
        if len(short) == 1:
            return short[0]
    return None


def aliases(entity: dict[str, Any], text: str) -> set[str]:
    """The names an entity goes by in one article: its name, each mention, its title."""
    found = {entity["name"]}
    found.update(" ".join(text[s:e].split()) for s, e in entity.get("mentions", []))
    if entity.get("title"):
        found.add(entity["title"])
    return {a for a in found if a.strip()}
