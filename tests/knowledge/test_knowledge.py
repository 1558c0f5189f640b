"""Actor knowledge: the generated tables match their sources, and the lookups the entities,
quotes and events stages rely on give what an analyst expects (and nothing where they
should not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.errors import ConfigError
from dragoman.knowledge import DATA, Knowledge, Person, to_plover_sector
from dragoman.knowledge.build.__main__ import main as build_command
from dragoman.knowledge.build.tables import build
from dragoman.knowledge.keys import key
from tests.fixtures.paths import SHARED

CODEBOOKS = SHARED / "codebooks"


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return Knowledge.load()


@pytest.mark.shared
@pytest.mark.skipif(not CODEBOOKS.is_dir(), reason=f"{CODEBOOKS} is not here")
def test_generated_data_matches_a_fresh_build(tmp_path: Path) -> None:
    """The data-integrity test: rebuilding from ../shared gives the committed files exactly.
    After changing a source or the builder, run `python -m dragoman.knowledge.build actors`."""
    counts = build(SHARED, tmp_path)
    fresh = sorted(p.name for p in tmp_path.glob("*.tsv"))
    assert fresh == sorted(f"{name}.tsv" for name in counts)
    for name in fresh:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
            f"data/{name} is stale: run `python -m dragoman.knowledge.build actors`")



@pytest.mark.shared
@pytest.mark.skipif(not CODEBOOKS.is_dir(), reason=f"{CODEBOOKS} is not here")
def test_the_build_command_writes_the_event_and_score_tables(tmp_path: Path) -> None:
    assert build_command(["events", "--shared", str(SHARED), "--out", str(tmp_path)]) == 0
    assert build_command(["scores", "--shared", str(SHARED), "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["event_codes.tsv", "event_lexicon.tsv", "scores.tsv"]
    for name in written:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_the_build_command_names_a_missing_shared_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build_command(["scores", "--shared", str(tmp_path), "--out", str(tmp_path)]) == 2
    assert "pass --shared" in capsys.readouterr().err
    assert not (tmp_path / "scores.tsv").exists()

ACTOR_TABLES = ("countries", "country_names", "places", "metonyms", "people", "person_names",
                "offices", "head_titles", "organisations", "organisation_names", "sectors")


def test_every_table_names_its_sources() -> None:
    for path in (DATA / f"{name}.tsv" for name in ACTOR_TABLES):
        head = path.read_text(encoding="utf-8").splitlines()[:8]
        assert head[0].startswith("# dragoman knowledge:"), path.name
        assert any(line.startswith("# source:") for line in head), path.name


@pytest.mark.parametrize(("text", "expected"), [
    ("U.S.", "us"), ("the United States", "united states"), ("al-Assad", "al assad"),
    ("PRESIDENT_OBAMA_", "president obama"), ("António Guterres", "antonio guterres"),
    ("China's", "chinas"), ("Élysée", "elysee"),
])
def test_keys(text: str, expected: str) -> None:
    assert key(text) == expected


@pytest.mark.parametrize(("text", "code"), [
    ("US", "USA"), ("U.S.", "USA"), ("the United States", "USA"), ("America", "USA"),
    ("American", "USA"), ("Americans", "USA"), ("Chinese", "CHN"), ("Chinese diplomats", "CHN"),
    ("US officials", "USA"), ("Chad Smith", None),
    ("China's", "CHN"), ("People's Republic of China", "CHN"), ("Britain", "GBR"),
    ("UK", "GBR"), ("British", "GBR"), ("Burma", "MMR"), ("Myanmar", "MMR"),
    ("Russians", "RUS"), ("Beijing", "CHN"), ("Kyiv", "UKR"), ("Kosovo", "KOS"),
    ("East Timor", "TLS"), ("Timor-Leste", "TLS"), ("Ivory Coast", "CIV"), ("Holland", "NLD"),
    ("Saudi", "SAU"), ("Iranian", "IRN"), ("Türkiye", "TUR"), ("DPRK", "PRK"),
    ("South Korean", "KOR"), ("Georgian", "GEO"), ("Tbilisi", "GEO"), ("Dominican", "DOM"),
    # Must find nothing: a company, ambiguous names (the US state of Georgia; two Congos and
    # Koreas), a region that is no country.
    ("Apple", None), ("Georgia", None), ("Congo", None), ("Korea", None), ("Europe", None),
    ("the West", None), ("", None),
])
def test_country(kb: Knowledge, text: str, code: str | None) -> None:
    assert kb.country(text) == code


def test_ambiguous_names_keep_their_candidates(kb: Knowledge) -> None:
    assert kb.country_candidates("Georgia") == ["GEO", "USA"]
    assert kb.country_candidates("Congo") == ["COD", "COG"]


def test_country_info(kb: Knowledge) -> None:
    usa = kb.country_info("USA")
    assert usa is not None and usa.name == "United States"
    assert "American" in usa.demonyms and "Washington" in usa.capitals
    pri = kb.country_info("PRI")
    assert pri is not None and pri.sovereign == "USA"


@pytest.mark.parametrize(("text", "code"), [
    ("the White House", "USA"), ("White House", "USA"), ("Washington", "USA"),
    ("the Kremlin", "RUS"), ("Moscow", "RUS"), ("Beijing", "CHN"), ("Zhongnanhai", "CHN"),
    ("Downing Street", "GBR"), ("Whitehall", "GBR"), ("the Elysee", "FRA"),
    ("Élysée Palace", "FRA"), ("Tehran", "IRN"), ("Ankara", "TUR"), ("Kiev", "UKR"),
    ("Pyongyang", "PRK"), ("Brussels", "IGOEEC"),
    ("the Biden administration", "USA"), ("the Chinese government", "CHN"),
    ("the Assad regime", "SYR"), ("Russian authorities", "RUS"),
    # A country name is not a metonym (country() reads it); a city is not a government.
    ("China", None), ("Jordan", None), ("Apple", None), ("Chinese", None),
    ("the government", None), ("Anchorage", None),
])
def test_government(kb: Knowledge, text: str, code: str | None) -> None:
    assert kb.government(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("Chicago", "USA"), ("Shanghai", "CHN"), ("Beijing", "CHN"), ("Texas", "USA"),
    ("Zealand", None), ("Atlantis", None),
])
def test_place_country(kb: Knowledge, text: str, code: str | None) -> None:
    assert kb.place_country(text) == code


@pytest.mark.parametrize(("text", "name", "code", "sector"), [
    ("United Nations", "United Nations", "IGOUNO", "IGO"),
    ("the UN", "United Nations", "IGOUNO", "IGO"),
    ("U.N.", "United Nations", "IGOUNO", "IGO"),
    ("UN Security Council", "UN Security Council", "IGOUNO", "IGO"),
    ("NATO", "North Atlantic Treaty Organization", "IGONAT", "IGO"),
    ("the EU", "European Union", "IGOEEC", "IGO"),
    ("WHO", "World Health Organization", "IGOUNOWHO", "IGO"),
    ("IMF", "International Monetary Fund", "IGOIMF", "IGO"),
    ("World Bank", "World Bank", "IGOUNOWBK", "IGO"),
    ("Arab League", "Arab League", "IGOARL", "IGO"),
    ("Amnesty International", "Amnesty International", "NGOAMN", "NGO"),
    ("Hamas", "Hamas", "PSE", "REB"),
    ("Hezbollah", "Hezbollah", "LBN", "REB"),
    ("the Taliban", "Taliban", "AFG", "REB"),
    ("al-Qaeda", "Al-Qaeda", "IMGALQ", "REB"),
    ("the Pentagon", "Pentagon", "USA", "MIL"),
    ("Congress", "US Congress", "USA", "LEG"),
    ("Chinese Academy of Social Sciences", "Chinese Academy of Social Sciences", "CHN", "EDU"),
    ("Tsinghua University", "Tsinghua University", "CHN", "EDU"),
    ("South China Morning Post", "South China Morning Post", None, "MED"),
    ("Xinhua", "Xinhua", "CHN", "MED"),
])
def test_organisation(kb: Knowledge, text: str, name: str, code: str | None,
                      sector: str) -> None:
    org = kb.organisation(text)
    assert org is not None, text
    assert (org.name, org.code, org.sector) == (name, code, sector)


def test_phoenix_organisations_keep_their_cameo_code(kb: Knowledge) -> None:
    org = kb.organisation("International Labour Organization")
    assert org is not None and (org.code, org.sector, org.cameo) == (
        "IGOUNOILO", "IGO", "IGOUNOLABILO")


@pytest.mark.parametrize("text", ["Georgia", "the weather", "Biden", ""])
def test_organisation_not_found(kb: Knowledge, text: str) -> None:
    assert kb.organisation(text) is None


@pytest.mark.parametrize(("text", "sector"), [
    ("State Councillor and Foreign Minister", "GOV"),
    ("foreign minister", "GOV"), ("Foreign Ministers", "GOV"), ("president", "GOV"),
    ("US Secretary of State", "GOV"), ("White House press secretary", "GOV"),
    ("Foreign Ministry spokesman", "GOV"), ("Kremlin spokesman", "GOV"),
    ("Communist Party official in charge of foreign affairs", "GOV"),
    ("expert at the foreign ministry", "GOV"),
    ("general", "MIL"), ("army", "MIL"), ("troops", "MIL"), ("rebel commander", "REB"),
    ("professor", "EDU"), ("university", "EDU"), ("academy", "EDU"), ("scholar", "EDU"),
    ("a US affairs expert", "EDU"), ("analyst at a university", "EDU"),
    ("US affairs expert from the Chinese Academy of Social Sciences", "EDU"),
    ("secretary general of Tsinghua University's Centre for International Security and "
     "Strategy", "EDU"),
    ("professor of international relations at Fudan University", "EDU"),
    ("a Beijing-based analyst", "EDU"),
    ("rebels", "REB"), ("police", "COP"), ("riot police", "COP"), ("judge", "JUD"),
    ("court", "JUD"), ("lawmaker", "LEG"), ("senator", "LEG"), ("parliament", "LEG"),
    ("opposition", "OPP"), ("protesters", "OPP"), ("company", "BUS"),
    ("businessman", "BUS"), ("journalist", "MED"), ("doctor", "HLH"), ("hospital", "HLH"),
    ("president of the World Bank", "IGO"), ("former president", "ELI"),
    ("EU spokesperson", "IGO"), ("WHO chief", "IGO"), ("opposition politician", "OPP"),
    ("member of Serbia's negotiating team", "GOV"), ("expert on China", "EDU"),
    # A spokesman's sector is his organisation's; alone it says nothing.
    ("spokesman", None), ("who said", None), ("", None),
])
def test_sector(kb: Knowledge, text: str, sector: str | None) -> None:
    assert kb.sector(text) == sector


def test_organisations_in_a_longer_text(kb: Knowledge) -> None:
    found = kb.organisations_in("secretary general of Tsinghua University's Centre for "
                                "International Security and Strategy")
    assert [(o.name, o.code) for o in found][:1] == [("Tsinghua University", "CHN")]
    assert [o.name for o in kb.organisations_in("the WHO and the UN said")] == [
        "World Health Organization", "United Nations"]
    assert kb.organisations_in("officials who said") == []


def test_plover_sector_names() -> None:
    assert [to_plover_sector(s) for s in ("MED", "HLH", "GOV", None)] == [
        "JRN", "MED", "GOV", None]


@pytest.mark.parametrize(("role", "country", "on", "name"), [
    ("president", "USA", "2019-05-01", "Donald Trump"),
    ("president", "USA", "2021-03-10", "Joe Biden"),
    ("president", "USA", "2021-01-20", "Joe Biden"),  # inauguration day: the successor
    ("president", "USA", "2025-03-01", "Donald Trump"),
    ("the president", "USA", "2016-06-01", "Barack Obama"),
    ("secretary of state", "USA", "2019-05-01", "Mike Pompeo"),
    ("secretary of state", "USA", "2021-03-10", "Antony Blinken"),
    ("US Secretary of State", None, "2021-03-10", "Antony Blinken"),
    ("foreign minister", "USA", "2021-03-10", "Antony Blinken"),
    ("foreign minister", "CHN", "2021-03-10", "Wang Yi"),
    ("foreign minister", "CHN", "2023-03-10", "Qin Gang"),
    ("foreign minister", "CHN", "2023-09-01", "Wang Yi"),
    ("Chinese foreign minister", None, "2010-06-01", "Yang Jiechi"),
    ("foreign affairs chief", "CHN", "2021-03-10", "Yang Jiechi"),
    ("press secretary", "USA", "2021-03-10", "Jen Psaki"),
    ("White House press secretary", None, "2023-01-10", "Karine Jean-Pierre"),
    ("national security adviser", "USA", "2021-03-10", "Jake Sullivan"),
    ("defense secretary", "USA", "2021-03-10", "Lloyd Austin"),
    ("secretary-general", "IGOUNO", "2021-03-10", "António Guterres"),
    ("UN secretary-general", None, "2015-06-01", "Ban Ki-moon"),
    ("NATO secretary general", None, "2025-01-15", "Mark Rutte"),
    ("foreign minister", "RUS", "2021-03-10", "Sergey Lavrov"),
    ("Kremlin spokesman", None, "2021-03-10", "Dmitry Peskov"),
    ("foreign minister", "UKR", "2022-03-01", "Dmytro Kuleba"),
    ("prime minister", "GBR", "2020-01-01", "Boris Johnson"),
    ("foreign secretary", "GBR", "2020-01-01", "Dominic Raab"),
    ("king", "GBR", "2023-05-06", "Charles III"),
    ("chancellor", "DEU", "2022-01-01", "Olaf Scholz"),
    ("president", "DEU", "2022-01-01", "Frank-Walter Steinmeier"),
    ("premier", "CHN", "2022-01-01", "Li Keqiang"),
    ("president", "CHN", "2022-01-01", "Xi Jinping"),
    ("president", "IRN", "2022-01-01", "Ebrahim Raisi"),
    ("supreme leader", "IRN", "2022-01-01", "Ali Khamenei"),
    ("president", "TUR", "2020-01-01", "Recep Tayyip Erdoğan"),
    ("emperor", "JPN", "2020-01-01", "Naruhito"),
    ("president", "UKR", "2022-06-01", "Volodymyr Zelenskyy"),
    ("foreign minister", "FRA", "2009-01-01", "Bernard Kouchner"),  # Phoenix/CountryInfo
])
def test_office_holder(kb: Knowledge, role: str, country: str | None, on: str,
                       name: str) -> None:
    holder = kb.office_holder(role, country, on)
    assert holder is not None and holder.name == name


@pytest.mark.parametrize(("role", "country", "on"), [
    ("prime minister", "TUR", "2020-01-01"),  # Erdogan is president; no prime minister
    ("president", "GBR", "2020-01-01"),       # a monarchy
    ("prime minister", "USA", "2021-03-10"),
    ("foreign minister", "CHN", "1850-01-01"),
    ("foreign ministry spokesperson", "CHN", "2022-01-01"),  # several at once: ambiguous
])
def test_office_holder_none(kb: Knowledge, role: str, country: str, on: str) -> None:
    assert kb.office_holder(role, country, on) is None


def test_office_holders_lists_every_holder(kb: Knowledge) -> None:
    names = {p.name for p in kb.office_holders("foreign ministry spokesperson", "CHN",
                                               "2022-01-01")}
    assert {"Wang Wenbin", "Zhao Lijian", "Hua Chunying"} <= names


@pytest.mark.parametrize(("name", "on", "first", "role"), [
    ("Joe Biden", "2021-03-10", "Joe Biden", "head_of_government"),
    ("Joe Biden", "2012-03-10", "Joe Biden", "vice_president"),
    ("Biden", "2021-03-10", "Joe Biden", "head_of_government"),
    ("Mr Biden", "2021-03-10", "Joe Biden", "head_of_government"),
    ("President Joe Biden", "2021-03-10", "Joe Biden", "head_of_government"),
    ("Wang Yi", "2021-03-10", "Wang Yi", "state_councillor"),
    ("Wang Yi", "2024-01-10", "Wang Yi", "foreign_minister"),  # also foreign affairs chief
    ("Lavrov", "2022-01-01", "Sergey Lavrov", "foreign_minister"),
    ("Sergei Lavrov", "2022-01-01", "Sergey Lavrov", "foreign_minister"),
    ("Psaki", "2021-03-10", "Jen Psaki", "press_secretary"),
    ("Antonio Guterres", "2021-03-10", "António Guterres", "secretary_general"),
    ("Guterres", "1999-01-01", "António Guterres", "head_of_government"),
    ("Jens Stoltenberg", "2020-01-01", "Jens Stoltenberg", "secretary_general"),
    ("Zelensky", "2022-03-01", "Volodymyr Zelenskyy", "head_of_state"),
    ("von der Leyen", "2022-01-01", "Ursula von der Leyen", "commission_president"),
    ("Kim Jong Un", "2020-01-01", "Kim Jong-un", "head_of_state"),
    ("Xi", "2020-01-01", "Xi Jinping", "head_of_state"),
    ("Jake Sullivan", "2021-03-10", "Jake Sullivan", "national_security_adviser"),
])
def test_people(kb: Knowledge, name: str, on: str, first: str, role: str) -> None:
    found = kb.people(name, on)
    assert found and (found[0].name, found[0].role) == (first, role)
    assert found[0].in_office(on)


def test_people_carry_wikidata_ids(kb: Knowledge) -> None:
    assert kb.people("Joe Biden")[0].wikidata == "Q6279"
    assert kb.people("Donald Trump")[0].wikidata == "Q22686"
    assert kb.people("António Guterres")[0].wikidata == "Q311440"
    # a curated person who also led a country gets the leaders table's id
    assert kb.people("Jens Stoltenberg")[0].wikidata == "Q57665"


def test_people_without_a_match(kb: Knowledge) -> None:
    assert kb.people("Nobody Atall") == []
    assert kb.people("") == []


def test_open_terms_of_old_sources_end_at_their_horizon() -> None:
    old = Person("x", "X", None, "USA", "GOV", None, None, "2010-01-01", None, "phoenix")
    assert old.in_office("2013-06-01") and not old.in_office("2020-06-01")
    new = Person("y", "Y", None, "USA", "GOV", None, None, "2010-01-01", None, "wikidata")
    assert new.in_office("2020-06-01")
    partial = Person("z", "Z", None, "CHN", "GOV", None, None, "2020-07", "2024", "curated")
    assert partial.in_office("2020-07-01") and partial.in_office("2024-12-31")
    assert not partial.in_office("2020-06-30")


def test_missing_tables_say_how_to_build_them(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"python -m dragoman\.knowledge\.build"):
        Knowledge.load(tmp_path)


def test_dates_must_be_iso(kb: Knowledge) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        kb.people("Joe Biden", "10 March 2021")
