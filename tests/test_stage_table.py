"""The declared stage table: checked when a pipeline is built, run in order over one context."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dragoman.errors import ConfigError
from dragoman.pipeline import STAGES, ArticleContext, Pipeline, Stage, check_stages
from dragoman.records import Article, Timex
from dragoman.settings import Settings


def stage(name: str, requires: tuple[str, ...], provides: str) -> Stage:
    return Stage(name, requires, provides, lambda c: [], "tests")


def test_the_shipped_table_is_consistent() -> None:
    check_stages(STAGES)
    assert [s.name for s in STAGES] == ["paragraphs", "entities", "timexes", "quotes", "events",
                                        "confidence"]


def test_a_stage_requiring_what_no_earlier_stage_provides_is_refused() -> None:
    quotes_first = (stage("quotes", ("doc", "entities"), "quotes"),
                    stage("entities", ("doc",), "entities"))
    with pytest.raises(ConfigError, match="stage 'quotes' requires entities, which no earlier "
                                          "stage provides"):
        check_stages(quotes_first)


def test_a_stage_providing_something_the_record_does_not_hold_is_refused() -> None:
    with pytest.raises(ConfigError, match="stage 'x' provides 'opinions'"):
        check_stages([stage("x", ("doc",), "opinions")])


def test_the_pipeline_checks_its_table_before_loading_the_model(monkeypatch) -> None:
    import dragoman.pipeline as module

    def no_model(name: str) -> None:
        raise AssertionError("the model was loaded before the table was checked")

    monkeypatch.setattr(module, "load_pipeline", no_model)
    broken = [s for s in STAGES if s.name != "timexes"]   # quotes require timexes
    with pytest.raises(ConfigError, match="'quotes' requires timexes"):
        Pipeline(Settings.from_env(environ={}), stages=broken)


def test_timexes_in_repeated_paragraphs_are_dropped_by_the_timex_stage(
        pipeline: Pipeline) -> None:
    text = "Talks resumed on Monday.\n\nTalks resumed on Monday."
    article = Article("a", text, "2021-03-10")
    context = ArticleContext(doc=pipeline.nlp(text), article=article,
                             resources=pipeline.resources, settings=pipeline.settings)
    (paragraphs, timexes) = (s for s in STAGES if s.name in ("paragraphs", "timexes"))
    context.paragraphs = paragraphs.run(context)
    found = timexes.run(context)
    monday = text.index("Monday")
    assert [t.span for t in found] == [(monday, monday + 6)]   # not the repeat's Monday
    assert all(isinstance(t, Timex) for t in found)


def test_a_custom_table_runs_in_order_over_one_context(settings: Settings,
                                                      pipeline: Pipeline) -> None:
    seen: list[str] = []

    def entities(c: ArticleContext) -> list:
        seen.append(f"entities after {len(c.paragraphs)} paragraphs")
        return []

    table = (STAGES[0], replace(STAGES[1], run=entities))
    mine = Pipeline(settings, resources=pipeline.resources, stages=table)
    (record,) = mine.process([Article("a", "One.\n\nTwo.")])
    assert seen == ["entities after 2 paragraphs"]
    assert len(record.paragraphs) == 2 and record.quotes == () and record.events == ()


def test_the_pipeline_command_prints_the_table_in_order() -> None:
    from click.testing import CliRunner

    from dragoman.cli import main

    result = CliRunner().invoke(main, ["pipeline"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines()[1:len(STAGES) + 1]]
    assert [row[0] for row in rows] == [s.name for s in STAGES]
    quotes = next(line for line in result.output.splitlines() if line.startswith("quotes"))
    assert "entities, timexes, paragraphs" in quotes and "dragoman.stages.quotes" in quotes
