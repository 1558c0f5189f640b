"""The Parquet tables a Spark run writes (docs/parquet.md): the store's columns, as rows.

Pure Python, no Spark: each function turns one CONTRACT record (or failure) into the rows of
one table, so the tables hold exactly what the SQLite store would (store/migrations.py),
less the store's own keys (run ids, row ids). ``SCHEMAS`` are Spark DDL strings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from dragoman.corpus.events import event_key, mention_score, reference_days, side
from dragoman.knowledge.actor_codes import actor_code
from dragoman.store.sqlite import text_hash

Row = tuple[Any, ...]

SCHEMAS: dict[str, str] = {
    "records": "seq BIGINT, id STRING, record STRING, minhash BINARY",
    "articles": "seq BIGINT, id STRING, content_hash STRING, published STRING, title STRING, "
                "url STRING, source STRING, origin STRING, text STRING, n_paragraphs INT, "
                "near_duplicate_of STRING, near_duplicate_similarity DOUBLE, minhash BINARY, "
                "version STRING, model STRING",
    "paragraphs": "article_id STRING, idx INT, start INT, `end` INT, duplicate_of INT, "
                  "zone STRING, version STRING, model STRING",
    "entities": "article_id STRING, entity_id STRING, name STRING, type STRING, title STRING, "
                "country STRING, sector STRING, wikidata STRING, data STRING, version STRING, "
                "model STRING",
    "timexes": "article_id STRING, idx INT, start INT, `end` INT, type STRING, value STRING, "
               "data STRING, version STRING, model STRING",
    "quotes": "article_id STRING, idx INT, start INT, `end` INT, kind STRING, content STRING, "
              "speaker_entity STRING, speaker_name STRING, speaker_country STRING, "
              "speaker_sector STRING, speaker_code STRING, date STRING, duplicate_of INT, "
              "data STRING, "
              "version STRING, model STRING",
    "event_mentions": "article_id STRING, idx INT, seq BIGINT, event STRING, mode STRING, "
                      "cameo STRING, status STRING, date STRING, actors STRING, "
                      "recipients STRING, location STRING, start INT, `end` INT, "
                      "mentions INT, confidence DOUBLE, score INT, key_actors STRING, "
                      "key_recipients STRING, first_day INT, last_day INT, source STRING, "
                      "data STRING, version STRING, model STRING",
    "errors": "origin STRING, article_id STRING, kind STRING, stage STRING, message STRING, "
              "version STRING, model STRING",
}


def _json(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def _stamp(record: dict[str, Any]) -> tuple[str, str]:
    meta = record["dragoman"]
    return meta["version"], meta["model"]


def article_rows(seq: int, record: dict[str, Any], minhash: bytes | None) -> list[Row]:
    near = record.get("near_duplicate_of") or {}
    return [(seq, record["id"], text_hash(record["text"]), record.get("published"),
             record.get("title"), record.get("url"), record.get("source"),
             record.get("origin", ""), record["text"], len(record["paragraphs"]),
             near.get("id"), near.get("similarity"), minhash, *_stamp(record))]


def paragraph_rows(seq: int, record: dict[str, Any], minhash: bytes | None) -> list[Row]:
    return [(record["id"], i, p["span"][0], p["span"][1], p["duplicate_of"],
             p.get("zone") or "body", *_stamp(record))
            for i, p in enumerate(record["paragraphs"])]


def entity_rows(seq: int, record: dict[str, Any], minhash: bytes | None) -> list[Row]:
    return [(record["id"], e["id"], e["name"], e["type"], e.get("title"), e.get("country"),
             e.get("sector"), e.get("wikidata"), _json(e), *_stamp(record))
            for e in record.get("entities", [])]


def timex_rows(seq: int, record: dict[str, Any], minhash: bytes | None) -> list[Row]:
    return [(record["id"], i, t["span"][0], t["span"][1], t["type"], t["value"], _json(t),
             *_stamp(record)) for i, t in enumerate(record.get("timexes", []))]


def quote_rows(seq: int, record: dict[str, Any], minhash: bytes | None) -> list[Row]:
    entities = {e["id"]: e for e in record.get("entities", [])}
    rows = []
    for i, quote in enumerate(record.get("quotes", [])):
        speaker = quote.get("speaker") or {}
        entity = entities.get(speaker.get("entity") or "") or {}
        start, end = quote["content"]
        country = speaker.get("country") or entity.get("country")
        sector = speaker.get("sector") or entity.get("sector")
        rows.append((record["id"], i, start, end, quote["kind"], record["text"][start:end],
                     speaker.get("entity"), speaker.get("name"), country, sector,
                     actor_code(country, sector), quote.get("date"),
                     quote.get("duplicate_of"), _json(quote), *_stamp(record)))
    return rows


def event_mention_rows(seq: int, record: dict[str, Any], minhash: bytes | None) -> list[Row]:
    """One row per event mention, with what merging needs: the merge key (corpus/events.py,
    sides in one order for joint types), the days it is dated to, and the source it counts
    for (a near-duplicate counts as its original, resolved when the events are counted)."""
    rows = []
    for i, event in enumerate(record.get("events", [])):
        key = event_key(event)
        days = reference_days(event, record.get("published"))
        location = event.get("location")
        evidence = event.get("evidence") or [None, None]
        rows.append((record["id"], i, seq, event["event"], event.get("mode"),
                     event.get("cameo"), event.get("status"), event.get("date"),
                     side(event.get("actors", [])), side(event.get("recipients", [])),
                     location.get("name") if isinstance(location, dict) else location,
                     evidence[0], evidence[1], 1 + len(event.get("mentions") or []),
                     event.get("confidence"), mention_score(event, record), key.actors,
                     key.recipients,
                     *(days or (None, None)), record.get("source"), _json(event),
                     *_stamp(record)))
    return rows


def error_rows(record: dict[str, Any]) -> list[Row]:
    """The failures of stages on a record that was kept (its ``errors``)."""
    return [failure_row(f, *_stamp(record)) for f in record.get("errors", [])]


def failure_row(failure: dict[str, Any], version: str, model: str) -> Row:
    return (failure["origin"], failure.get("article_id"), failure["kind"], failure["stage"],
            failure["message"], version, model)


# The tables made from each record, in the order they are written.
RECORD_TABLES: dict[str, Callable[[int, dict[str, Any], bytes | None], list[Row]]] = {
    "articles": article_rows,
    "paragraphs": paragraph_rows,
    "entities": entity_rows,
    "timexes": timex_rows,
    "quotes": quote_rows,
    "event_mentions": event_mention_rows,
}
