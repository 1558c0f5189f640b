"""The pipeline and its worker object: order, failures, workers, the public API."""

from __future__ import annotations

import dragoman
from dragoman.jobs import Summary, extract_stream
from dragoman.pipeline import Pipeline, Worker
from dragoman.records import Article, Failure
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

    def broken(*args: object) -> list:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(module, "extract_events", broken)
    text = "“We will meet again,” Foreign Minister Amara Okonjo said on Tuesday."
    (record,) = pipeline.process([Article("a", text, "2021-03-10", origin="x:1")])
    data = record.to_dict()
    assert data["events"] == [] and data["quotes"] and data["entities"]
    assert data["errors"] == [{"origin": "x:1", "article_id": "a", "kind": "stage",
                               "stage": "events",
                               "message": "RecursionError: maximum recursion depth exceeded"}]
