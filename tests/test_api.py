"""The notebook API: dragoman.load, Pipeline.__call__ and .pipe, the cached default pipeline,
store tables as DataFrames."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest

import dragoman
from dragoman.errors import ConfigError, InputError
from dragoman.frames import events_frame
from dragoman.pipeline import Pipeline
from dragoman.records import Failure, Record
from dragoman.settings import Settings
from tests.test_pipeline import SPANISH

TALKS = "Kenya's foreign minister met his Ugandan counterpart in Nairobi on Tuesday."


def test_calling_a_pipeline_gives_a_frozen_record_whose_dict_is_the_contract_record(
        pipeline: Pipeline) -> None:
    record = pipeline(TALKS, published="2024-03-12", id="talks")
    assert isinstance(record, Record)
    with pytest.raises(AttributeError):
        record.events = ()  # type: ignore[misc]
    data = record.to_dict()
    assert data == pipeline.process([record.article])[0].to_dict()
    assert (data["id"], data["published"], data["contract"]) == ("talks", "2024-03-12", 1)
    assert json.loads(json.dumps(data)) == data


def test_calling_a_pipeline_on_an_unreadable_text_raises_input_error(
        pipeline: Pipeline) -> None:
    with pytest.raises(InputError, match="Spanish") as caught:
        pipeline(SPANISH, id="es")
    assert caught.value.kind == "language"


def test_pipe_keeps_order_and_gives_failures_in_place(pipeline: Pipeline) -> None:
    items = [TALKS, {"id": "es", "text": SPANISH}, {"id": "no-text"},
             {"id": "b", "text": "The envoys met.", "published": "2024-03-12"}]
    outcomes = list(pipeline.pipe(items))
    assert [type(o).__name__ for o in outcomes] == ["Record", "Failure", "Failure", "Record"]
    assert isinstance(outcomes[1], Failure) and outcomes[1].kind == "language"
    assert isinstance(outcomes[2], Failure) and outcomes[2].kind == "missing_text"
    assert outcomes[3].to_dict()["published"] == "2024-03-12"
    # the same record as one call gives, but for the origin, which names the item
    assert outcomes[0].to_dict() == {**pipeline(TALKS).to_dict(), "origin": "item 0"}


def test_pipe_reads_what_read_articles_yields(pipeline: Pipeline, tmp_path: Path) -> None:
    from dragoman.readers import read_articles

    (tmp_path / "a.txt").write_text("date 2024-03-12\n" + TALKS, encoding="utf-8")
    reads = read_articles([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")],
                          max_bytes=1000)
    (record, failure) = pipeline.pipe(reads)
    assert isinstance(record, Record) and record.article.published == "2024-03-12"
    assert isinstance(failure, Failure) and failure.kind == "missing_file"


@pytest.mark.slow
def test_pipe_with_two_workers_gives_the_same_records(pipeline: Pipeline) -> None:
    texts = [f"Officials met in round {i}.\n\nThey talked on Monday." for i in range(5)]
    texts.insert(2, SPANISH)
    one = [o.to_dict() for o in pipeline.pipe(texts)]
    two = [o.to_dict() for o in pipeline.pipe(texts, workers=2)]
    assert two == one and len(two) == 6


def test_load_takes_a_model_and_settings(monkeypatch) -> None:
    import dragoman.pipeline as module

    seen: list[str] = []

    def no_model(name: str) -> None:
        seen.append(name)
        raise ConfigError(f"no model {name}")

    monkeypatch.setattr(module, "load_pipeline", no_model)
    settings = Settings.from_env(environ={}, event_min_confidence=0.0)
    with pytest.raises(ConfigError, match="no model other_model"):
        dragoman.load(model="other_model", settings=settings)
    with pytest.raises(ConfigError):
        dragoman.load(settings=settings)
    assert seen == ["other_model", settings.model]


def test_extract_reuses_one_default_pipeline(monkeypatch, pipeline: Pipeline) -> None:
    built: list[Pipeline] = []

    def load() -> Pipeline:
        built.append(pipeline)
        return pipeline

    monkeypatch.setattr(dragoman, "load", load)
    dragoman._default_pipeline.cache_clear()
    try:
        first = dragoman.extract(TALKS, published="2024-03-12")
        second = dragoman.extract(TALKS, published="2024-03-12")
    finally:
        dragoman._default_pipeline.cache_clear()
    assert len(built) == 1 and first == second == pipeline(TALKS, published="2024-03-12"
                                                           ).to_dict()


class RowsStore:
    """The read methods a store has, over fixed rows."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows
        self.asked: list[dict] = []

    def events(self, **filters: object) -> list[dict]:
        self.asked.append(filters)
        return self.rows

    quotes = actors = events


def test_events_frame_passes_the_filters_and_keeps_the_columns_when_empty() -> None:
    pandas = pytest.importorskip("pandas")
    rows = [{"id": 1, "event": "CONSULT", "actors": "KEN", "recipients": "UGA"}]
    store = RowsStore(rows)
    frame = events_frame(store, actor="KEN", limit=5)
    assert store.asked == [{"actor": "KEN", "limit": 5}]
    assert frame.equals(pandas.DataFrame(rows))
    assert list(events_frame(RowsStore([])).columns)[:3] == ["id", "event", "mode"]


def test_frames_without_pandas_name_the_extra(monkeypatch) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ConfigError, match=r"pip install 'dragoman\[pandas\]'"):
        events_frame(RowsStore([]))


def test_store_readers_and_frames_on_a_stored_record(tmp_path: Path,
                                                     pipeline: Pipeline) -> None:
    pandas = pytest.importorskip("pandas")
    store = dragoman.open_store(str(tmp_path / "s.db"))
    text = '"We agreed to reopen the border," Foreign Minister Amara Okonjo said. ' + TALKS
    record = pipeline(text, published="2024-03-12").to_dict()
    run = store.begin_run("test", [], {}, pipeline.model)
    store.write_batch(run, [record], [], {}, event_merge_days=1)
    for rows, frame in ((store.events(), store.events_frame()),
                        (store.quotes(), store.quotes_frame()),
                        (store.actors(), store.actors_frame())):
        assert rows and frame.equals(pandas.DataFrame(rows))
    store.close()


def test_py_typed_is_shipped() -> None:
    assert (Path(dragoman.__file__).parent / "py.typed").is_file()
