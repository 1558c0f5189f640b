"""The pipeline and its worker object: order, failures, workers, the public API."""

from __future__ import annotations

from dataclasses import replace

import pytest

import dragoman
from dragoman.errors import ConfigError
from dragoman.jobs import Summary, extract_stream
from dragoman.pipeline import Pipeline, Worker
from dragoman.records import Article, Event, Failure, confident, confident_events
from dragoman.settings import Settings

SPANISH = ("El ministro de Asuntos Exteriores afirmó el martes que las conversaciones con los "
           "países vecinos se reanudarán la próxima semana en Ginebra, según un comunicado.")


def test_outcomes_keep_order_and_a_bad_article_does_not_stop_the_batch(
        pipeline: Pipeline) -> None:
    articles = [Article("a", "Talks resumed on Monday."), Article("b", SPANISH, origin="x:2"),
                Article("c", "The envoys met.\n\nThey agreed to meet again.")]
    outcomes = pipeline.process(articles)
    assert [type(o).__name__ for o in outcomes] == ["Record", "Failure", "Record"]
    failure = outcomes[1]
    assert isinstance(failure, Failure)
    assert (failure.kind, failure.article_id, failure.origin) == ("language", "b", "x:2")
    assert "Spanish" in failure.message
    assert len(outcomes[2].paragraphs) == 2


def test_worker_maps_article_dicts_to_record_dicts(settings: Settings) -> None:
    worker = Worker(settings)
    (record, failure) = worker([{"id": "a", "text": "Talks resumed.", "published": "2021-03-10"},
                                {"id": "b", "text": SPANISH}])
    assert record["contract"] == 1 and record["published"] == "2021-03-10"
    assert failure["failure"]["kind"] == "language"


@pytest.mark.slow
def test_two_workers_give_the_same_records_as_one(tmp_path, settings: Settings) -> None:
    path = tmp_path / "in.jsonl"
    lines = [f'{{"id": "n{i}", "text": "Officials met in round {i}.\\n\\nThey talked."}}'
             for i in range(9)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(workers: int) -> list[dict]:
        chosen = settings.replace(workers=workers, batch_size=4)
        return [o for o in extract_stream([str(path)], chosen, summary=Summary())
                if isinstance(o, dict)]

    assert run(2) == run(1)


def test_public_extract(pipeline: Pipeline) -> None:
    record = dragoman.extract("Talks resumed.\n\nTalks resumed.", published="2021-03-10",
                              pipeline=pipeline)
    assert record["paragraphs"][1]["duplicate_of"] == 0
    assert record["id"].startswith("sha256-")


def test_a_failing_stage_keeps_the_article_and_the_other_stages(
        pipeline: Pipeline, monkeypatch) -> None:
    import dragoman.pipeline as module

    def broken(*args: object, **kwargs: object) -> list:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(module, "extract_events", broken)
    text = "“We will meet again,” Foreign Minister Amara Okonjo said on Tuesday."
    (record,) = pipeline.process([Article("a", text, "2021-03-10", origin="x:1")])
    data = record.to_dict()
    assert data["events"] == [] and data["quotes"] and data["entities"]
    assert data["errors"] == [{"origin": "x:1", "article_id": "a", "kind": "stage",
                               "stage": "events",
                               "message": "RecursionError: maximum recursion depth exceeded"}]


def scored_events(*args: object, **kwargs: object) -> list[Event]:
    """Four events as the events stage might give them: scored 0.2, 0.5 and 0.9, and one
    not scored (None)."""
    return [Event("CONSULT", "040", (0, 5), confidence=c) for c in (0.2, 0.5, 0.9, None)]


@pytest.mark.parametrize(("minimum", "kept"), [
    (0.0, [0.2, 0.5, 0.9, None]),   # 0 keeps everything, unscored events too
    (0.5, [0.5, 0.9]),              # at least the minimum: 0.5 itself is kept
    (0.51, [0.9]),
    (1.0, []),
])
def test_event_min_confidence_keeps_events_of_at_least_that_confidence(
        pipeline: Pipeline, monkeypatch, minimum: float, kept: list[float | None]) -> None:
    import dragoman.pipeline as module

    monkeypatch.setattr(module, "extract_events", scored_events)
    # keep the stage's own scores
    monkeypatch.setattr(pipeline, "resources", replace(pipeline.resources, confidence=None))
    monkeypatch.setattr(pipeline, "settings",
                        pipeline.settings.replace(event_min_confidence=minimum))
    (record,) = pipeline.process([Article("a", "The envoys met on Monday.", "2021-03-10")])
    assert [e["confidence"] for e in record.to_dict()["events"]] == kept


def test_confident_and_confident_events_mean_the_same_as_the_pipeline() -> None:
    assert confident(None, 0.0) and confident(0.0, 0.0)
    assert not confident(None, 0.1) and not confident(0.09, 0.1) and confident(0.1, 0.1)
    record = {"id": "a", "events": [{"confidence": 0.7}, {"confidence": None},
                                    {"confidence": 0.3}, {}]}
    assert confident_events(record, 0.0) is record
    assert confident_events(record, 0.5)["events"] == [{"confidence": 0.7}]
    assert len(record["events"]) == 4   # the record given is not changed


@pytest.mark.parametrize("value", ["-0.1", "1.5", "nan"])
def test_event_min_confidence_outside_0_1_is_refused(value: str) -> None:
    with pytest.raises(ConfigError, match=r"event_min_confidence is .*expected a probability "
                                          r"from 0 to 1"):
        Settings.from_env(environ={"DRAGOMAN_EVENT_MIN_CONFIDENCE": value})


def test_event_min_confidence_from_the_environment_and_a_flag() -> None:
    assert Settings.from_env(environ={}).event_min_confidence == 0.3
    environ = {"DRAGOMAN_EVENT_MIN_CONFIDENCE": "0.6"}
    assert Settings.from_env(environ=environ).event_min_confidence == 0.6
    assert Settings.from_env(environ=environ,
                             event_min_confidence=0.3).event_min_confidence == 0.3
    with pytest.raises(ConfigError, match="DRAGOMAN_EVENT_MIN_CONFIDENCE is 'high'"):
        Settings.from_env(environ={"DRAGOMAN_EVENT_MIN_CONFIDENCE": "high"})


def test_worker_records_carry_the_signature_of_their_text(settings: Settings) -> None:
    from dragoman.corpus.neardup import signature_to_bytes, text_signature

    text = "Officials of both countries met in Geneva on Monday to talk about the border."
    (record,) = Worker(settings)([{"id": "a", "text": text}])
    assert record["minhash"] == signature_to_bytes(text_signature(text,
                                                                  settings.neardup_num_perm))


def test_cached_worker_loads_once_per_process(settings: Settings) -> None:
    from dragoman.pipeline import cached_worker

    assert cached_worker(settings) is cached_worker(settings)


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("1", True), ("Yes", True),
                                            ("false", False), ("0", False), ("off", False)])
def test_a_switch_setting_reads_true_and_false(raw: str, value: bool) -> None:
    found = Settings.from_env({"DRAGOMAN_QUOTE_SPLIT_CONTINUATIONS": raw})
    assert found.quote_split_continuations is value


def test_a_switch_setting_refuses_other_words() -> None:
    with pytest.raises(ConfigError, match="expected true or false"):
        Settings.from_env({"DRAGOMAN_QUOTE_SPLIT_CONTINUATIONS": "maybe"})
