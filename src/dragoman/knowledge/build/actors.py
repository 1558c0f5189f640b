"""Organisation and sector tables.

Organisations: curated/organisations.tsv first, then the undated entries of
Phoenix.International (IGOs, NGOs, companies), Phoenix.MilNonState (armed groups) and the
national organisations of Phoenix.Countries (``WHITE_HOUSE_ [USAGOV]``). Sectors: role and
institution words from curated/sectors.tsv, Phoenix.agents.txt (CAMEO codes),
PLOVER_agents.txt (PLOVER codes mapped back to CAMEO) and agentnames.txt (ICEWS sector
names; only rows whose code is a sector, since that file's later rows are misaligned).
All MIT except the curated files (dragoman's own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dragoman.knowledge.build.people import is_person_name
from dragoman.knowledge.build.tabari import ActorEntry, AgentEntry, display_name
from dragoman.knowledge.cameo import PLOVER_TO_CAMEO, ROLES, parse_code, role_sector, segments
from dragoman.knowledge.keys import key

Row = tuple[str, ...]
# agentnames.txt codes that are sectors; religion, ethnicity and the misaligned NGO/REF rows
# ("Nongovernmental Organizations => IGO", "National Religious => REF") are left out.
_ICEWS_SKIP = {"IGO", "REF", "REL", "ETN"}


@dataclass
class Org:
    name: str
    code: str
    sector: str
    cameo: str
    source: str
    aliases: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return f"{self.code or '-'}:{key(self.name).replace(' ', '-')}"


def curated_orgs(path: Path) -> list[Org]:
    orgs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, code, sector, aliases = [*line.split("\t"), "", "", ""][:4]
        orgs.append(Org(name, code.strip(), sector.strip(), "", "curated",
                        {a for a in aliases.split("|") if a}))
    return orgs


def phoenix_orgs(entries: list[ActorEntry], countries: set[str], source: str) -> list[Org]:
    """Entries with an undated code that is not a bare country (country blocks are read by
    build_countries), and dated ones named like an organisation (build_people.ORG_WORDS).
    Legislatures and courts coded GOVLEG/GOVJUD get LEG/JUD."""
    orgs = []
    for entry in entries:
        undated = [c.code for c in entry.codes if not (c.start or c.end)]
        dated = [c.code for c in entry.codes if c.start or c.end]
        if dated and is_person_name(entry.names[0]):
            continue  # a person: build_people reads it
        if not undated and not dated:
            continue
        code = (undated or dated)[0]
        if len(code) == 3 and code in countries:
            continue
        country, sector = parse_code(code, countries)
        names = [display_name(n) for n in entry.names]
        sector = _org_sector(code, sector, names[0])
        if sector is None and country is None:
            continue
        orgs.append(Org(names[0], country or "", sector or "", code, source, set(names[1:])))
    return orgs


def _org_sector(code: str, sector: str | None, name: str) -> str | None:
    """Phoenix codes legislatures and courts under government (USAGOVLEG = Congress); as an
    organisation's own sector they are LEG and JUD (a justice *ministry* stays GOV)."""
    roles = segments(code)[1:]
    if sector == "GOV" and "LEG" in roles:
        return "LEG"
    if sector == "GOV" and "JUD" in roles and not {"ministry", "department", "minister"} & set(
            key(name).split()):
        return "JUD"
    return sector


def org_tables(orgs: list[Org], reserved: set[str]) -> tuple[list[Row], list[Row]]:
    """(organisations rows, name rows). A name key goes to the first organisation that has it
    (curated first, then file order); keys in ``reserved`` (country names) are left out."""
    merged: dict[str, Org] = {}
    owner: dict[str, str] = {}
    for org in orgs:
        known = merged.setdefault(org.id, org)
        if known is not org:
            known.aliases |= org.aliases | {org.name}
        for name in (org.name, *org.aliases):
            k = key(name)
            if k and k not in reserved and len(k) > 1:
                owner.setdefault(k, known.id)
    used = set(owner.values())
    org_rows: list[Row] = sorted((o.id, o.name, o.code, o.sector, o.cameo, o.source)
                                 for o in merged.values() if o.id in used)
    return org_rows, sorted(owner.items())


@dataclass(frozen=True)
class SectorTerm:
    phrase: str
    sector: str
    cameo: str
    weak: bool
    source: str


def curated_sectors(path: Path) -> list[SectorTerm]:
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("phrase\t"):
            continue
        phrase, sector, weak = [*line.split("\t"), "", ""][:3]
        terms.append(SectorTerm(phrase, sector.strip(), sector.strip(), weak.strip() == "1",
                                "curated"))
    return terms


def agent_sectors(agents: list[AgentEntry], source: str, plover: bool = False
                  ) -> list[SectorTerm]:
    """Agent phrases with the sector of their code (the primary role: GOVMIL -> GOV)."""
    terms = []
    for agent in agents:
        code = agent.code.replace("~", "")
        if plover:
            code = PLOVER_TO_CAMEO.get(code, PLOVER_TO_CAMEO.get(code[:3], code[:3]) + code[3:])
        sector = role_sector(segments(code))
        if sector and sector not in {"UNK", "PPL"}:
            terms.append(SectorTerm(agent.phrase, sector, code, False, source))
    return terms


def icews_sectors(path: Path) -> list[SectorTerm]:
    """agentnames.txt: ``Name<TAB>CODE<TAB>...``; "A / B" names give one phrase each."""
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or parts[1][:3] in _ICEWS_SKIP or parts[1][:3] not in ROLES:
            continue
        sector = role_sector(segments(parts[1]))
        for phrase in parts[0].replace("(", "").replace(")", "").split("/"):
            if sector and 0 < len(phrase.split()) <= 3:
                terms.append(SectorTerm(phrase.strip(), sector, parts[1], False, "icews"))
    return terms


def sector_rows(terms: list[SectorTerm]) -> list[Row]:
    """One row per phrase key: the first source that has it wins (curated, Phoenix, PLOVER,
    ICEWS)."""
    rows: dict[str, Row] = {}
    for term in terms:
        k = key(term.phrase)
        if k and k not in rows:
            rows[k] = (k, term.sector, term.cameo, "1" if term.weak else "0", term.source)
    return sorted(rows.values())
