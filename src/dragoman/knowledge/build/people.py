"""The people tables: who held which office, where, from when to when.

Sources, in order of trust: curated/office_holders.tsv (by hand, since about 2010),
actors/wikidata_leaders_history.csv (heads of state and government, Wikidata ids; CC0 facts),
and the dated person entries of the Phoenix actor dictionaries (officials to early 2014, MIT),
with office titles from CountryInfo.120116.txt's <Government> and <Leaders> (CC BY-SA, facts).
One person (a Wikidata id, else name + country) gathers the names and aliases of all sources.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dragoman.knowledge.build.countryinfo import CountryBlock
from dragoman.knowledge.build.tabari import ActorEntry, display_name
from dragoman.knowledge.cameo import parse_code
from dragoman.knowledge.keys import bound, key, strip_honorifics, word_set

Row = tuple[str, ...]
EARLIEST_END = "1990-01-01"  # offices that ended before this are left out (size)
# An open-ended leaders row that starts this long before another person's finished term in
# the same office ends is noise (a mayor listed as head of state of the USA in 2018); a
# shorter overlap is a handover the data records loosely (Erdogan, head of government from
# 2018-06-24, while Yildirim's term is given until 2018-07-09).
NOISE_OVERLAP_DAYS = 180
HEADS = ("head_of_state", "head_of_government")
# Heads of state and government have the same person as both in presidential systems; there a
# later term of someone else that starts inside an open-ended term marks the open one stale.
_ALIAS_NOISE = {"administration", "government", "regime", "cabinet", "ministry", "office",
                "spokesman", "forces", "loyalists", "supporters", "camp", "family", "era"}
# A dated Phoenix entry whose root name has one of these words is an organisation, not a
# person ("ISLAMIC_STATE_OF_IRAQ_AND_THE_LEVANT_ [IMGMUSISI >20130408]").
ORG_WORDS = word_set("""
organization organisation group party army front movement brigade brigades council committee
union ministry department agency state states forces league association government
administration office commission court bank fund company corporation tribunal assembly
parliament congress senate police military navy command institute university network
""")
# Family name first in English news (Xi Jinping, Kim Jong Un, Moon Jae-in).
FAMILY_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM"}
_ROMAN = re.compile(r"^[ivx]{1,4}$")
_PARTICLES = {"al", "el", "bin", "ibn", "von", "van", "de", "der", "den", "da", "du", "le",
              "la", "abu", "ben", "di", "del"}


@dataclass
class Term:
    country: str
    sector: str
    role: str
    title: str
    start: str
    end: str
    source: str


@dataclass
class Person:
    name: str
    wikidata: str = ""
    home: str = ""  # the country of its first term, for the id of a person without a QID
    aliases: set[str] = field(default_factory=set)
    terms: list[Term] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.wikidata or f"{self.home}:{key(self.name).replace(' ', '-')}"

    def name_keys(self) -> set[str]:
        return {key(n) for n in (self.name, *self.aliases)} - {""}


def _overlaps(a: Term, b: Term) -> bool:
    return (bound(a.start, False) <= bound(b.end, True)
            and bound(b.start, False) <= bound(a.end, True))


class People:
    """Persons by id, with an index of name keys -> ids, merged source by source."""

    def __init__(self) -> None:
        self.by_id: dict[str, Person] = {}
        self.by_key: dict[str, set[str]] = defaultdict(set)

    def add(self, person: Person) -> Person:
        known = self.by_id.get(person.id)
        if known is None:
            self.by_id[person.id] = known = person
        else:
            known.aliases |= person.aliases | ({person.name} - {known.name})
            known.terms.extend(person.terms)
        for k in known.name_keys():
            self.by_key[k].add(known.id)
        return known

    def find(self, names: Iterable[str], countries: set[str]) -> Person | None:
        """The one known person with one of ``names`` and a term in one of ``countries``."""
        ids = {i for n in names for i in self.by_key.get(key(n), ())}
        hits = [self.by_id[i] for i in sorted(ids)
                if any(t.country in countries for t in self.by_id[i].terms)]
        return hits[0] if len(hits) == 1 else None


def read_english_names(path: Path) -> dict[str, tuple[str, set[str]]]:
    """QID -> (English name, English aliases)."""
    return {r["wikidata"]: (r["name"], {a for a in r["aliases"].split("|") if a})
            for r in _tsv(path)}


def read_head_titles(path: Path) -> dict[tuple[str, str], list[str]]:
    return {(r["country"], r["role"]): r["titles"].split("|") for r in _tsv(path)}


def read_offices(path: Path) -> dict[str, list[tuple[str, str]]]:
    """phrase key -> [(role, country or "")]."""
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in _tsv(path):
        table[key(r["phrase"])].append((r["role"], r["country"]))
    return table


def _tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (ln.split("\t") + [""] * len(header))[:len(header)],
                     strict=True)) for ln in lines[1:]]


def head_title(titles: dict[tuple[str, str], list[str]], country: str, role: str) -> str:
    default = "President" if role == "head_of_state" else "Prime Minister"
    return titles.get((country, role), [default])[0]


def add_curated(path: Path, people: People) -> None:
    """curated/office_holders.tsv, one term per row (rows of one person share its id)."""
    for r in _tsv(path):
        term = Term(r["country"], r["sector"], r["role"], r["title"], r["start"], r["end"],
                    "curated")
        aliases = {a for a in r["aliases"].split("|") if a}
        people.add(Person(r["name"], r["wikidata"], r["country"], aliases, [term]))


def add_leaders(path: Path, people: People, english: dict[str, tuple[str, set[str]]],
                titles: dict[tuple[str, str], list[str]]) -> None:
    """wikidata_leaders_history.csv: cleaned (see `clean_leaders`), one person per QID."""
    for (qid, country, role), spans in clean_leaders(path).items():
        label = spans[0][2]
        name, more = english.get(qid, (label, set()))
        aliases = ({label} | more) - {name}
        terms = [Term(country, "GOV", role, head_title(titles, country, role), s, e, "wikidata")
                 for s, e, _ in spans]
        people.add(Person(name, qid, country, aliases, terms))


def clean_leaders(path: Path) -> dict[tuple[str, str, str], list[tuple[str, str, str]]]:
    """(qid, country, role) -> [(start, end, label)] with the noise taken out: rows without a
    start or a name, terms ended before 1990, fragments of one term merged, and open-ended
    terms that another person's later term shows to be over (ended there) or wrong (dropped)."""
    terms: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            start, end = row["start"][:10], row["end"][:10]
            qid, label = row["person_qid"], row["person"].strip()
            if not _valid_date(start) or (end and not _valid_date(end)):
                continue  # no start, or a malformed date ("20254-04-0")
            if not label or label == qid or (end and end < EARLIEST_END):
                continue
            terms[(qid, row["iso3"], row["role"])].append((start, end, label))
    merged = {k: _merge_spans(v) for k, v in terms.items()}
    return _settle_open_terms(merged)


def _merge_spans(spans: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for start, end, label in sorted(spans):
        if out and (not out[-1][1] or start <= out[-1][1]):
            prev = out[-1]
            new_end = "" if not prev[1] or not end else max(prev[1], end)
            out[-1] = (prev[0], new_end, prev[2])
        else:
            out.append((start, end, label))
    return out


def _settle_open_terms(terms: dict[tuple[str, str, str], list[tuple[str, str, str]]]
                       ) -> dict[tuple[str, str, str], list[tuple[str, str, str]]]:
    by_office: dict[tuple[str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    for (qid, country, role), own in terms.items():
        by_office[(country, role)].extend((s, e, qid, lab) for s, e, lab in own)
    result: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for (country, role), office in by_office.items():
        shared = _shared_office(office)
        for start, end, qid, label in office:
            others = [o for o in office if o[2] != qid]
            if not end and not shared:
                if any(o[0] < start and _days(start, o[1]) > NOISE_OVERLAP_DAYS
                       for o in others if o[1]):
                    continue  # starts well inside someone else's finished term: noise
                later = sorted(o[0] for o in others if o[0] > start)
                end = later[0] if later else ""
            result[(qid, country, role)].append((start, end, label))
    return dict(result)


def _shared_office(spans: list[tuple[str, str, str, str]]) -> bool:
    """Whether several people hold the office at once (co-princes of Andorra, captains
    regent of San Marino, Bosnia's presidency): two finished terms of different people
    overlap by more than NOISE_OVERLAP_DAYS. Open terms are then left as they are."""
    closed = sorted((s, e, q) for s, e, q, _ in spans if e)
    for i, (_, end, qid) in enumerate(closed):
        for other_start, other_end, other in closed[i + 1:]:
            if other_start >= end:
                break
            if other != qid and _days(other_start, min(end, other_end)) > NOISE_OVERLAP_DAYS:
                return True
    return False


def _valid_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _days(a: str, b: str) -> int:
    """Days from ISO date ``a`` to ``b``."""
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def title_index(blocks: list[CountryBlock]) -> dict[tuple[str, str], str]:
    """(name key, start) -> office title from CountryInfo <Government> and <Leaders>."""
    index: dict[tuple[str, str], str] = {}
    for block in blocks:
        for office in block.offices:
            if not office.title:
                continue
            for name in office.names:
                index.setdefault((key(name), office.span.start or office.span.end),
                                 office.title)
    return index


def add_phoenix(entries: list[ActorEntry], people: People, countries: set[str],
                titles: dict[tuple[str, str], str], offices: dict[str, list[tuple[str, str]]],
                source: str = "phoenix") -> None:
    """Dated person entries of a Phoenix actor file. A person already known (same name or
    alias, same country) gets the new aliases, and only terms that do not overlap its own."""
    for entry in entries:
        if not is_person_name(entry.names[0]):
            continue
        terms = _phoenix_terms(entry, countries, titles, offices, source)
        if not terms:
            continue
        names = [display_name(n) for n in entry.names]
        aliases = {n for n in names[1:] if _good_alias(n)}
        known = people.find(names, {t.country for t in terms})
        if known is None:
            people.add(Person(names[0], "", terms[0].country, aliases, terms))
            continue
        known.aliases |= aliases | ({names[0]} - {known.name})
        for k in known.name_keys():
            people.by_key[k].add(known.id)
        own = list(known.terms)
        known.terms.extend(t for t in terms if not any(_overlaps(t, o) for o in own))


def is_person_name(name: str) -> bool:
    """False for names with an organisation word (see ORG_WORDS)."""
    return not set(key(name).split()) & ORG_WORDS


def _good_alias(name: str) -> bool:
    words = set(key(name).split())
    return len(key(name)) > 2 and not words & _ALIAS_NOISE


def _phoenix_terms(entry: ActorEntry, countries: set[str], titles: dict[tuple[str, str], str],
                   offices: dict[str, list[tuple[str, str]]], source: str) -> list[Term]:
    terms: list[Term] = []
    name_keys = [key(n) for n in entry.names]
    for span in entry.codes:
        if not (span.start or span.end) or (span.end and span.end < EARLIEST_END):
            continue
        country, sector = parse_code(span.code, countries)
        if not country or not sector or sector == "ELI":
            continue  # ELI spans are the years before and after office, not an office
        title = next((titles[(k, span.start or span.end)] for k in name_keys
                      if (k, span.start or span.end) in titles), "")
        role = _title_role(title, country, offices)
        terms.append(Term(country, sector, role, title, span.start, span.end, source))
    return terms


# CountryInfo titles of the offices the lookups care most about ("Minister of Foreign and
# European Affairs", "Minister of National Defense and Veterans"); junior posts excluded.
_TITLE_PATTERNS = (
    (re.compile(r"^minister (of|for) (foreign|external) (affairs|relations)"
                r"|^minister (of|for) foreign and "), "foreign_minister"),
    (re.compile(r"^(minister|secretary) (of|for) (national )?defen[cs]e"
                r"|^secretary of state for defen[cs]e"), "defence_minister"),
    (re.compile(r"^minister (of|for) finance"), "finance_minister"),
    (re.compile(r"^vice president$"), "vice_president"),
)


def _title_role(title: str, country: str, offices: dict[str, list[tuple[str, str]]]) -> str:
    """The office key of a CountryInfo title ("Minister of Foreign Affairs" ->
    foreign_minister); national presidents and prime ministers are heads."""
    k = key(title)
    if k in ("prime minister", "premier"):
        return "head_of_government"
    if k == "president":
        return "head_of_state"
    role = next((r for r, c in offices.get(k, []) if c in ("", country)), "")
    if role:
        return role
    return next((r for pattern, r in _TITLE_PATTERNS if pattern.match(k)), "")


def fill_wikidata(people: People, leaders_csv: Path) -> None:
    """Give a curated person without a QID the QID the leaders CSV has for the same name, when
    that name has exactly one QID there (QIDs from the CSV are authoritative)."""
    qids: dict[str, set[str]] = defaultdict(set)
    with leaders_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            qids[key(row["person"])].add(row["person_qid"])
    for pid, person in list(people.by_id.items()):
        found = qids.get(key(person.name), set())
        if person.wikidata or len(found) != 1:
            continue
        qid = next(iter(found))
        del people.by_id[pid]
        for ids in people.by_key.values():
            ids.discard(pid)
        person.wikidata = qid
        people.add(person)


def surname_keys(name: str, country: str) -> set[str]:
    """Keys a lone family name can take: the last word (and the last two of longer names, for
    "Jean-Pierre"), a particle tail ("von der Leyen", "bin Salman"), the first word where
    the family name comes first (FAMILY_FIRST), and the name of a monarch without its
    number or realm ("Salman of Saudi Arabia", "Charles III" -> "salman", "charles")."""
    words = key(name).split()
    if " of " in f" {' '.join(words)} " or (len(words) == 2 and _ROMAN.match(words[-1])):
        head = " ".join(words).split(" of ")[0].split()
        head = head[:-1] if len(head) > 1 and _ROMAN.match(head[-1]) else head
        return {" ".join(head)} - {key(name)}
    if len(words) < 2:
        return set()
    found = {words[-1]}
    if len(words) >= 3:
        found.add(" ".join(words[-2:]))
    for i, word in enumerate(words[1:-1], start=1):
        if word in _PARTICLES:
            found.add(" ".join(words[i:]))
            break
    if country in FAMILY_FIRST:
        found.add(words[0])
    return found - {key(name)}


def people_rows(people: People) -> list[Row]:
    rows = set()
    for person in people.by_id.values():
        for t in person.terms:
            rows.add((person.id, person.name, person.wikidata, t.country, t.sector, t.role,
                      t.title, t.start, t.end, t.source))
    return sorted(rows)


def person_name_rows(people: People, country_words: set[str]) -> list[Row]:
    """Name, alias and family-name keys. Aliases that are a name with a title in front
    ("Russian Foreign Minister Sergey Lavrov") are left out: people() strips titles from
    queries (keys.strip_honorifics), so they would only repeat the name."""
    rows: set[Row] = set()
    for person in people.by_id.values():
        if not person.terms:
            continue
        name_key = key(person.name)
        rows.add((name_key, person.id, "name"))
        for alias in person.aliases:
            words = key(alias).split()
            titled = strip_honorifics(words, country_words) != words
            if words and not titled and " ".join(words) != name_key:
                rows.add((" ".join(words), person.id, "alias"))
        country = person.terms[0].country
        for name in (person.name, *person.aliases):
            for k in surname_keys(name, country):
                rows.add((k, person.id, "surname"))
    return sorted(rows)
