"""Cross-article actors: the same person or organisation across articles becomes one actor.

Entities merge by Wikidata id when they have one, else by type and canonical name with a
compatible country; a one-word person name ("Psaki") joins the only actor of that type whose
name ends with it; transliterations of one name ("Muammar Gaddafi", "Moamer Kadhafi",
"Qadhafi") join when their consonant skeletons agree (:func:`sound_key`) and so do their
country and sector. Every mention text becomes an alias, so a search for "Psaki", "Jen
Psaki", "Kadhafi" or a title finds the same actor; a bare one-word title ("President") is
no alias.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from dragoman.text import words

# Arabic article and particles, spelt apart or joined ("al-Assad", "el-Sisi"), left out of a
# name's sound.
PARTICLES = ("al", "el", "ad", "ash", "as", "ar", "an", "at", "az", "ibn", "bin", "ben", "abu")
# Letters that transliterations of one sound trade for each other (Arabic qaf as q, k, g;
# the dh/d of dhal; ou/u/o/w and i/e/y as vowels, which are left out).
_SOUND = str.maketrans({"q": "k", "g": "k", "c": "k", "z": "s", "j": "k", "p": "b",
                        "v": "f", "w": "", "y": ""})
# A skeleton this short names too many people ("Assad", "Saad": "sd") to join by sound.
MIN_SOUND = 3
SIMILAR_SPELLING = 0.6  # difflib ratio of two spellings of one name
# Titles and honorifics that alone name nobody in particular.
BARE_TITLES = {"president", "minister", "premier", "prime", "secretary", "chancellor",
               "king", "queen", "prince", "emir", "sheikh", "general", "colonel", "captain",
               "sgt", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson",
               "official", "leader", "senator", "governor", "mayor", "chairman", "director",
               "commander", "judge", "mr", "mrs", "ms", "dr", "sir", "lord"}


@dataclass(frozen=True)
class ActorCandidate:
    id: int
    name: str
    type: str
    country: str | None
    wikidata: str | None
    alias_keys: frozenset[str] = frozenset()
    sector: str | None = None


def name_key(name: str) -> str:
    """Case, punctuation and apostrophes ignored: "Jen Psaki" == "jen psaki"."""
    return " ".join(words(name))


def sound_key(word: str) -> str:
    """The consonant skeleton of a transliterated word: accents, vowels, h after a consonant
    and doubled letters dropped, letters of one sound made one ("Gaddafi", "Gadhafi",
    "Kadhafi", "Qadhafi" → "kdf"; "Muammar", "Moamer" → "mr")."""
    text = unicodedata.normalize("NFKD", word.casefold())
    text = "".join(c for c in text if c.isalpha())
    for particle in PARTICLES:
        if text.startswith(particle) and len(text) > len(particle) + 3 and word[
                len(particle):len(particle) + 1] in "-’'":
            text = text[len(particle):]
    text = text.replace("kh", "k").replace("gh", "k").replace("dh", "d").replace(
        "th", "t").replace("ph", "f").replace("sh", "s")
    text = text.translate(_SOUND)
    skeleton: list[str] = []
    for i, ch in enumerate(text):
        if ch in "aeiou" or (ch == "h" and i > 0):
            continue
        if not skeleton or skeleton[-1] != ch:
            skeleton.append(ch)
    return "".join(skeleton)


def person_sound(entity: dict[str, Any]) -> str | None:
    """The sound key a person actor is found by: its surname's skeleton."""
    found = _name_words(entity["name"]) if entity["type"] == "PERSON" else []
    return sound_key(found[-1]) if found else None


def _name_words(name: str) -> list[str]:
    return [w for w in name.replace("-", " - ").split()
            if w.casefold().strip(".") not in PARTICLES and any(c.isalpha() for c in w)
            and w != "-"]


def same_transliteration(a: str, b: str) -> bool:
    """Two spellings of one name: surnames of one sound (at least :data:`MIN_SOUND`
    consonants) spelt alike enough, and given names, where both have one, of one sound."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    last_a, last_b = sound_key(wa[-1]), sound_key(wb[-1])
    if last_a != last_b or len(last_a) < MIN_SOUND:
        return False
    if SequenceMatcher(None, wa[-1].casefold(), wb[-1].casefold()).ratio() < SIMILAR_SPELLING:
        return False
    if len(wa) > 1 and len(wb) > 1:
        return sound_key(wa[0]) == sound_key(wb[0])
    return True


def _transliterated(entity: dict[str, Any], candidates: list[ActorCandidate]) -> list[
        ActorCandidate]:
    """Actors whose name is another spelling of this person's, of the same country and, where
    both are known, the same sector."""
    country, sector = entity.get("country"), entity.get("sector")
    if entity["type"] != "PERSON" or not country:
        return []
    return [c for c in candidates if c.type == "PERSON" and c.country == country
            and (not sector or not c.sector or c.sector == sector)
            and same_transliteration(entity["name"], c.name)]


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
    spelt = _transliterated(entity, candidates)
    if len({c.id for c in spelt}) == 1:
        return spelt[0]
    return None


def aliases(entity: dict[str, Any], text: str) -> set[str]:
    """The names an entity goes by in one article: its name, each mention, its title."""
    found = {entity["name"]}
    found.update(" ".join(text[s:e].split()) for s, e in entity.get("mentions", []))
    if entity.get("title"):
        found.add(entity["title"])
    return {a for a in found if a.strip() and not _bare_title(a)}


def _bare_title(alias: str) -> bool:
    """"President", "the Minister": a title any holder goes by, never an alias."""
    left = [w for w in alias.casefold().replace(".", "").split() if w not in ("the", "a")]
    return len(left) == 1 and left[0] in BARE_TITLES


def nocase(text: str) -> str:
    """SQLite's NOCASE: ASCII letters folded, every other character as it is."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lookup_keys(entity: dict[str, Any], text: str) -> set[str]:
    """Every key by which this entity can find an actor, or an actor made or joined by it
    can be found (the store's actor lookup in store/sqlite.py ``_link_actor``): two entities
    without a key in common never meet, so an engine can link each group apart."""
    key = name_key(entity["name"])
    last = key.split()[-1] if key else ""
    keys = {f"k:{key}", f"a:{nocase(entity['name'])}"}
    keys.update(f"a:{nocase(alias)}" for alias in aliases(entity, text))
    if entity.get("wikidata"):
        keys.add(f"w:{entity['wikidata']}")
    if entity["type"] == "PERSON":
        keys.update({f"k:{last}", f"l:{last}", f"l:{key}", f"s:{person_sound(entity)}"})
    return keys


@dataclass
class _Actor:
    candidate: ActorCandidate
    name_key: str
    surname: str | None
    sound: str | None
    aliases: dict[str, int]


class ActorRegistry:
    """The store's actor linking (``_link_actor``) over actors held in memory: entities are
    linked one at a time, in the order they are stored, to the actor :func:`choose_actor`
    picks among the same candidates the store's query finds (in the order they were made),
    or to a new one. Actors are indexed by each key the query looks them up by, so linking
    takes about the same time whatever the number of actors."""

    def __init__(self) -> None:
        self.actors: list[_Actor] = []
        self._index: dict[str, set[int]] = {}

    def link(self, entity: dict[str, Any], names: set[str]) -> int:
        """The number (from 0, in order of creation) of the actor the entity belongs to;
        ``names`` are the entity's :func:`aliases` in its article."""
        key = name_key(entity["name"])
        last = key.split()[-1] if key else ""
        sound = person_sound(entity)
        chosen = choose_actor(entity, [self.actors[n].candidate for n in self._candidates(
            entity, key, last, sound)])
        if chosen is None:
            number = len(self.actors)
            surname = last if entity["type"] == "PERSON" else None
            self.actors.append(_Actor(
                ActorCandidate(number, entity["name"], entity["type"], entity.get("country"),
                               entity.get("wikidata"), frozenset(), entity.get("sector")),
                key, surname, sound, {}))
            self._add(number, f"k:{key}", f"w:{entity.get('wikidata') or ''}",
                      f"l:{surname or ''}", f"s:{sound or ''}")
        else:
            number = chosen.id
            self._update(number, entity, key)
        actor = self.actors[number]
        for alias in sorted(names):
            actor.aliases[alias] = actor.aliases.get(alias, 0) + 1
            self._add(number, f"a:{nocase(alias)}")
        actor.candidate = _with_aliases(actor.candidate, actor.aliases)
        return number

    def _add(self, number: int, *keys: str) -> None:
        for key in keys:
            if not key.endswith(":"):  # no value: never looked up by it
                self._index.setdefault(key, set()).add(number)

    def _find(self, key: str) -> set[int]:
        return self._index.get(key, set())

    def _candidates(self, entity: dict[str, Any], key: str, last: str,
                    sound: str | None) -> list[int]:
        """The store's query: same name key, same Wikidata id, a person whose surname is the
        name (or whose name is the surname) or whose surname sounds the same, or an alias
        equal to the name."""
        found = self._find(f"k:{key}") | self._find(f"a:{nocase(entity['name'])}")
        if entity.get("wikidata"):
            found |= self._find(f"w:{entity['wikidata']}")
        people = self._find(f"l:{key}") | self._find(f"k:{last}")
        if sound is not None:
            people |= self._find(f"s:{sound}")
        found |= {n for n in people if self.actors[n].candidate.type == "PERSON"}
        return sorted(found)

    def _update(self, number: int, entity: dict[str, Any], key: str) -> None:
        """Fill what the actor lacks; a longer name becomes its name (as the store does)."""
        actor = self.actors[number]
        old = actor.candidate
        longer = len(key.split()) > len(name_key(old.name).split())
        actor.candidate = ActorCandidate(
            old.id, entity["name"] if longer else old.name, old.type,
            old.country or entity.get("country"), old.wikidata or entity.get("wikidata"),
            old.alias_keys, old.sector or entity.get("sector"))
        if not old.wikidata and entity.get("wikidata"):
            self._add(number, f"w:{entity['wikidata']}")
        if longer:
            self._index.get(f"k:{actor.name_key}", set()).discard(number)
            actor.name_key = key
            self._add(number, f"k:{key}")


def _with_aliases(candidate: ActorCandidate, found: dict[str, int]) -> ActorCandidate:
    return ActorCandidate(candidate.id, candidate.name, candidate.type, candidate.country,
                          candidate.wikidata, frozenset(name_key(a) for a in found),
                          candidate.sector)
