"""The ISO-3 → FIPS 10-4 table of the GDELT export: regenerating it gives the committed file,
and the codes an analyst checks against GDELT are right."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.knowledge import DATA
from dragoman.knowledge.build.__main__ import main as build_command
from dragoman.knowledge.build.fips import read_pairs
from dragoman.knowledge.fips import fips_code, load_fips
from tests.fixtures.paths import SHARED


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "codebooks").is_dir(), reason=f"{SHARED} is not here")
def test_regenerating_the_fips_table_gives_the_committed_file(tmp_path: Path) -> None:
    assert build_command(["fips", "--shared", str(SHARED), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "fips.tsv").read_bytes() == (DATA / "fips.tsv").read_bytes(), (
        "data/fips.tsv is stale: run `python -m dragoman.knowledge.build fips`")


@pytest.mark.parametrize(("iso3", "fips"), [
    ("LBY", "LY"), ("EGY", "EG"), ("GBR", "UK"), ("DEU", "GM"), ("CHN", "CH"), ("RUS", "RS"),
    ("ISR", "IS"), ("TUN", "TS"), ("KOS", "KV"), ("SRB", "RI"), ("MMR", "BM"), ("ZAF", "SF"),
    ("GTM", "GT"), ("COG", "CF"), ("COD", "CG"),
    ("IGOUNO", ""), ("XYZ", ""), (None, ""),   # organisations and unknown codes have none
])
def test_fips_code(iso3: str | None, fips: str) -> None:
    assert fips_code(iso3) == fips


def test_every_country_has_its_own_fips_code() -> None:
    table = load_fips()
    assert len(table) > 200
    assert len(set(table.values())) == len(table)


def test_a_block_with_another_countrys_code_fields_is_not_read() -> None:
    text = ("<Country>\n<CountryCode>AAA</CountryCode>\n<CountryName>A</CountryName>\n"
            "<FIPS-10>AA</FIPS-10>\n<ISO3166-alpha3>AAA</ISO3166-alpha3>\n"
            "<Country>\n<CountryCode>BBB</CountryCode>\n<CountryName>B</CountryName>\n"
            "<FIPS-10>AA</FIPS-10>\n<ISO3166-alpha3>AAA</ISO3166-alpha3>\n"
            "<Country>\n<CountryCode>CCC</CountryCode>\n<CountryName>C</CountryName>\n"
            "#<FIPS-10>XX</FIPS-10>\n<FIPS-10>--</FIPS-10>\n")
    assert read_pairs(text) == {"AAA": "AA"}
