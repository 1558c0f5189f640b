"""Event codes and their names: the generated table matches its sources, and lookups by code,
prefix and words find what an analyst types (and nothing for what is no code)."""

from __future__ import annotations

import pytest

from dragoman.knowledge.build.codes import build
from dragoman.knowledge.codes import TABLE, code_of, find_codes, label, load_codes
from tests.fixtures.paths import SHARED


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "codebooks").is_dir(), reason=f"{SHARED} is not here")
def test_generated_codes_match_a_fresh_build() -> None:
    assert build(SHARED) == TABLE.read_text(encoding="utf-8"), (
        "data/codes.tsv is stale: run `python -m dragoman.knowledge.build codes`")


def test_the_table_holds_every_plover_type_and_the_cameo_codes() -> None:
    codes = load_codes()
    types = {c.code for c in codes.values() if c.kind == "plover_type"}
    assert len(types) == 16 and {"AGREE", "ASSAULT", "RETREAT", "SANCTION"} <= types
    cameo = [c for c in codes.values() if c.kind == "cameo"]
    assert len(cameo) > 300 and all(c.code.isdigit() for c in cameo)  # codes stay strings
    assert codes["0831"].parent == "083" and codes["083"].parent == "08"


@pytest.mark.parametrize(("code", "name", "plover", "quad"), [
    ("0831", "Accede to demands for change in leadership", "RETREAT:resign",
     "material cooperation"),
    ("042", "Make a visit", "CONSULT:visit", "verbal cooperation"),
    ("044", "Meet at a 'third' location", "CONSULT:third-party", "verbal cooperation"),
    ("19", "Fight", "ASSAULT", "material conflict"),
    ("CONSULT", "Consult", "", "verbal cooperation"),
    ("consult:visit", "visit", "", "verbal cooperation"),
    ("Political_Institutions", "Political Institutions", "", ""),
])
def test_code_of(code: str, name: str, plover: str, quad: str) -> None:
    found = code_of(code)
    assert found is not None
    assert (found.name, found.plover, found.quad) == (name, plover, quad)


@pytest.mark.parametrize("code", ["", "0999", "CONSULT:fly", "USA", "08x", "<script>"])
def test_no_code(code: str) -> None:
    assert code_of(code) is None
    assert label(code) == ""


def test_labels_are_what_the_pages_show_on_hover() -> None:
    assert label("0831") == ("CAMEO 0831 Accede to demands for change in leadership "
                             "(PLOVER RETREAT:resign)")
    assert label("RETREAT") == "PLOVER RETREAT: material cooperation"
    assert label("RETREAT", "resign") == "PLOVER RETREAT mode 'resign' (material cooperation)"
    assert label("RETREAT", "no-such-mode") == "PLOVER RETREAT: material cooperation"
    assert label(None) == ""


def test_find_a_code_with_what_it_covers() -> None:
    assert [c.code for c in find_codes("083")] == ["083", "0831", "0832", "0833", "0834"]
    assert [c.code for c in find_codes("consult:visit")] == ["CONSULT:visit", "042", "043"]
    retreat = find_codes("RETREAT")
    assert retreat[0].code == "RETREAT"
    assert {"RETREAT:resign", "RETREAT:ceasefire", "0831", "0871"} <= {c.code for c in retreat}
    assert all(c.plover.startswith("RETREAT") for c in retreat if c.kind == "cameo")


def test_find_codes_by_the_words_of_their_name() -> None:
    found = {c.code for c in find_codes("change leadership")}
    assert {"0241", "0341", "0831", "1041"} <= found
    assert all("leadership" in code_of(c).name.lower() for c in found)  # type: ignore[union-attr]
    assert find_codes("xyzzy") == []
    assert len(find_codes()) == len(load_codes())
