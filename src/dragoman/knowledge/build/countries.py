"""Country tables: codes and names, the name index, places and government metonyms.

Sources, in order of trust: curated/countries.tsv (hand-written facts and ambiguity rules),
actors/countrynames.txt (ICEWS names -> ISO-3, MIT), actors/CountryInfo.120116.txt (names,
adjectives, capitals, cities, regions; CC BY-SA 3.0, facts only) and the country blocks of
actors/Phoenix.Countries.actors.txt (cities and states listed under a country, MIT).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from dragoman.knowledge.build.countryinfo import CountryBlock, read_countryinfo
from dragoman.knowledge.build.tabari import ActorEntry, display_name
from dragoman.knowledge.cameo import fix_country
from dragoman.knowledge.keys import key

Row = tuple[str, ...]
# countrynames.txt codes that are not ISO 3166 alpha-3 (see cameo.CODE_FIXES for TMP/KSV):
# dependencies are written sovereign+territory (USAASM), Antarctica is ANT (ISO: ATA).
_NAME_CODE_FIXES = {"ANT": "ATA", "GBRIMY": "IMN", "PSEGZA": "", "---": ""}
_DEMONYM = re.compile(r"(an|ian|ese|ish|i|ic|ch|ot|er|iote|ais|ois|eek|ss|ai|ene|ite|ean|ani)$")
_NAME_KINDS = ("name", "alias", "demonym", "capital")


@dataclass
class CountryFacts:
    """Everything gathered about the countries, before writing."""

    names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    sovereign: dict[str, str] = field(default_factory=dict)
    # code -> {(priority, kind, text)}; priority 0 = curated, 1 = countrynames, 2 = CountryInfo
    entries: dict[str, set[tuple[int, str, str]]] = field(
        default_factory=lambda: defaultdict(set))
    places: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    metonyms: dict[str, tuple[str, str]] = field(default_factory=dict)  # text -> (code, kind)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    prefer: dict[str, str] = field(default_factory=dict)
    drop: set[tuple[str, str]] = field(default_factory=set)
    adjective: dict[str, str] = field(default_factory=dict)  # code -> usual adjective


def name_code(raw: str) -> tuple[str, str]:
    """A countrynames.txt code as (ISO-3 of the territory, sovereign or "")."""
    raw = raw.strip()
    if raw in _NAME_CODE_FIXES:
        return _NAME_CODE_FIXES[raw], ""
    if len(raw) == 6:
        return fix_country(raw[3:]), fix_country(raw[:3])
    return fix_country(raw), ""


def read_countrynames(path: Path, facts: CountryFacts) -> None:
    """countrynames.txt: ``name<TAB>code<TAB>cow``; the first name of a code is canonical."""
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] == "NULL":
            continue
        code, sovereign = name_code(parts[1])
        if not code:
            continue
        facts.names.setdefault(code, parts[0].strip())
        facts.entries[code].add((1, "alias", parts[0].strip()))
        if sovereign:
            facts.sovereign.setdefault(code, sovereign)


def _is_demonym(text: str, country_name: str) -> bool:
    words = text.split()
    return (len(words) <= 2 and key(text) != key(country_name)
            and bool(_DEMONYM.search(words[-1].lower())))


def add_countryinfo(blocks: list[CountryBlock], facts: CountryFacts) -> None:
    """Names, adjectives and capitals of each block; its cities and regions as places."""
    for block in blocks:
        code = fix_country(block.code)
        if not code:
            continue
        country_name = display_name(block.name.replace(",", ""))
        facts.names.setdefault(code, country_name)
        facts.entries[code].add((2, "alias", country_name))
        if block.parent:
            facts.sovereign.setdefault(code, fix_country(block.parent))
        for text in block.lists.get("Nationality", []):
            kind = "demonym" if _is_demonym(text, country_name) else "alias"
            facts.entries[code].add((2, kind, display_name(text)))
        for text in block.lists.get("Capital", []):
            facts.entries[code].add((2, "capital", display_name(text)))
        for tag in ("MajorCities", "Regions"):
            for text in block.lists.get(tag, []):
                facts.places[display_name(text)].add(code)


def add_phoenix_places(entries: list[ActorEntry], facts: CountryFacts) -> None:
    """Synonyms of a bare country entry in Phoenix.Countries (``AFGHANISTAN_ [AFG]`` with
    ``+KABUL_``, ``+HELMAND``): cities, provinces and states of that country."""
    for entry in entries:
        codes = {c.code for c in entry.codes}
        if len(codes) != 1:
            continue
        code = fix_country(next(iter(codes)))
        if code not in facts.names or any(c.start or c.end for c in entry.codes):
            continue
        for name in entry.names[1:]:
            facts.places[display_name(name)].add(code)


def add_curated(path: Path, facts: CountryFacts) -> None:
    """curated/countries.tsv: names, aliases, metonyms and the ambiguity rules."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("code\t"):
            continue
        code, kind, text = line.split("\t")
        if kind == "name":
            facts.names[code] = text
            facts.entries[code].add((0, "alias", text))
        elif kind in _NAME_KINDS:
            facts.entries[code].add((0, kind, text))
            if kind == "capital":
                facts.metonyms.setdefault(text, (code, "capital"))
        elif kind in ("metonym", "seat"):
            facts.metonyms[text] = (code, kind)
        elif kind == "place":
            facts.places[text] |= set(code.split("|"))
        elif kind == "sovereign":
            facts.sovereign[code] = text
        elif kind == "ambiguous":
            facts.ambiguous[key(text)] = code.split("|")
        elif kind == "prefer":
            facts.prefer[key(text)] = code
        elif kind == "drop":
            facts.drop.add((code, key(text)))
        elif kind == "adjective":
            facts.adjective[code] = text


def gather(shared: Path, curated: Path, phoenix: list[ActorEntry]) -> CountryFacts:
    """All country facts from the sources (curated last, so it wins)."""
    actors = shared / "actors"
    facts = CountryFacts()
    read_countrynames(actors / "countrynames.txt", facts)
    blocks = read_countryinfo(actors / "CountryInfo.120116.txt")
    add_countryinfo(blocks, facts)
    add_phoenix_places(phoenix, facts)
    add_curated(curated, facts)
    for block in blocks:  # capitals are metonyms of their government unless curated says else
        for text in block.lists.get("Capital", []):
            code = fix_country(block.code)
            if code and not facts.sovereign.get(code):
                facts.metonyms.setdefault(display_name(text), (code, "capital"))
    return facts


def name_index(facts: CountryFacts) -> dict[str, tuple[list[str], str, str]]:
    """key -> (codes, kind, text). Several codes mean ambiguous (country() says None);
    a preference or an independent state over its dependencies settles a collision."""
    found: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    rank = {k: i for i, k in enumerate(_NAME_KINDS)}
    for code, items in facts.entries.items():
        for _, kind, text in sorted(items, key=lambda e: (e[0], rank[e[1]], e[2])):
            k = key(text)
            if k and (code, k) not in facts.drop:
                found[k].setdefault(code, (kind, text))
    index: dict[str, tuple[list[str], str, str]] = {}
    for k, by_code in found.items():
        codes = sorted(by_code)
        if k in facts.prefer:
            codes = [facts.prefer[k]]
        elif k in facts.ambiguous:
            codes = sorted(facts.ambiguous[k])
        elif len(codes) > 1:
            states = [c for c in codes if not facts.sovereign.get(c)]
            codes = states if len(states) == 1 else codes
        kind, text = by_code.get(codes[0], next(iter(by_code.values())))
        index[k] = (codes, kind, text)
    for k, codes in facts.ambiguous.items():
        index.setdefault(k, (sorted(codes), "alias", k))
    return index


def country_rows(facts: CountryFacts) -> list[Row]:
    return sorted((code, name, facts.sovereign.get(code, ""), facts.adjective.get(code, ""))
                  for code, name in facts.names.items())


def country_name_rows(facts: CountryFacts) -> list[Row]:
    return sorted((k, "|".join(codes), kind, text)
                  for k, (codes, kind, text) in name_index(facts).items())


def place_rows(facts: CountryFacts) -> list[Row]:
    """Cities and regions -> country; names that are also country names are left out."""
    country_keys = set(name_index(facts))
    rows: dict[str, tuple[set[str], str]] = {}
    for text, codes in facts.places.items():
        k = key(text)
        if not k or k in country_keys or len(k) < 3:
            continue
        known, first = rows.get(k, (set(), text))
        rows[k] = (known | codes, first)
    return sorted((k, "|".join(sorted(codes)), text) for k, (codes, text) in rows.items())


def metonym_rows(facts: CountryFacts) -> list[Row]:
    """Capitals and other names of governments; ``kind`` capital, seat (of a government or
    organisation that is not the capital: Brussels, The Hague) or metonym. The sector matcher
    uses only metonyms: "a Beijing-based analyst" is not the Chinese government."""
    rows: dict[str, tuple[str, str, str]] = {}
    for text, (code, kind) in sorted(facts.metonyms.items()):
        k = key(text)
        if k and (k not in rows or kind != "capital"):
            rows[k] = (code, kind, text)
    return sorted((k, code, kind, text) for k, (code, kind, text) in rows.items())
