"""Docs stay honest: README starts with the two commands, documents every CLI command and
setting, and its Python API examples run; .ci/run runs README's test command."""

from __future__ import annotations

import re

import pytest

from dragoman.cli import main
from dragoman.settings import describe_settings
from tests.fixtures.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def first_commands() -> list[str]:
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", README, re.S)
    assert block, "README must start with a code block holding the two commands"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines()
            if line.strip() and not line.startswith("#")]


def test_readme_starts_with_setup_and_test_commands() -> None:
    assert first_commands() == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_every_command_is_documented() -> None:
    for name in main.commands:
        assert f"dragoman {name}" in README, f"README does not document `dragoman {name}`"


def test_every_setting_is_documented() -> None:
    for name, _, _ in describe_settings():
        assert f"`{name}`" in README and f"DRAGOMAN_{name.upper()}" in README, name


def test_the_codebook_documents_every_export_column() -> None:
    from dragoman.export import COLUMNS, GDELT_COLUMNS, GDELT_MENTION_COLUMNS, MENTION_COLUMNS
    from dragoman.network import EDGE_COLUMNS, KEYS

    codebook = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    mentions = codebook[codebook.index("## mentions"):]
    for column in (*COLUMNS, *MENTION_COLUMNS):
        assert f"| `{column}` |" in codebook, f"docs/codebook.md lacks the column {column}"
    for column in GDELT_MENTION_COLUMNS:
        assert f"`{column}`" in mentions, f"docs/codebook.md lacks the column {column}"
    network = codebook[codebook.index("## network"):]
    for column in (*EDGE_COLUMNS, *(key for key, *_ in KEYS)):
        assert f"`{column}`" in network, f"docs/codebook.md lacks the network field {column}"
    for column in COLUMNS:
        assert f"| `{column}` |" in codebook, f"docs/codebook.md lacks the column {column}"
    # GDELT columns may be named one by one or by a pattern (`Actor*EthnicCode`)
    named = [re.escape(t).replace(r"\*", ".*") for t in re.findall(r"`([\w*]+)`", codebook)]
    for column in GDELT_COLUMNS:
        assert any(re.fullmatch(n, column) for n in named), f"no GDELT column {column}"
    assert "dragoman export events" in README and "docs/codebook.md" in README


def python_api_section() -> str:
    found = re.search(r"^## Python API\n(.*?)^## ", README, re.S | re.M)
    assert found, "README must have a '## Python API' section"
    return "\n".join(re.findall(r"```python\n(.*?)```", found.group(1), re.S))


def test_readme_python_api_examples_run() -> None:
    """The README's Python API section, run as a doctest on the bundled examples."""
    import doctest

    pytest.importorskip("pandas", reason="the DataFrame examples need the dev extra (pandas)")
    test = doctest.DocTestParser().get_doctest(python_api_section(), {}, "README.md",
                                               "README.md", 0)
    assert test.examples, "the Python API section has no >>> examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} README example(s) failed (printed above)"
