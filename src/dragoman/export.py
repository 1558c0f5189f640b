"""Exports for R and pandas: merged events (CSV, JSON Lines, Parquet, or GDELT 2.0 event
rows) and their mentions (CSV, JSON Lines, Parquet, or GDELT 2.0 Mentions rows).

One event row per event merged across articles (``events``), described by its first
mention, with GDELT-style counts. Every row has a day: the one the text gives (``day``), the
first day of the range it gives (``week``, ``month``, ``year`` by the range's length), or, when
the text gives none, the day the earliest article reporting it was published (``published``,
as GDELT dates an event it cannot date from the text); ``date_precision`` says which and
``date_text`` keeps the text's own value. The ``gdelt`` format writes the 61 tab-separated
columns of a GDELT 2.0 event file (field list: ../shared/codebooks/gdelt/, GDELT 2.0 event
codebook), filling those dragoman knows — geo fields in FIPS 10-4 country codes, as GDELT —
and leaving the others empty.

One mention row per event mention (an article's report of a merged event; GDELT's Mentions
table): the merged event's id, the article, its source, the evidence sentence with its
offsets, and the mention's confidence. ``gdelt-mentions`` writes GDELT 2.0's 16 Mentions
columns. ``min_confidence`` keeps the merged events of at least that confidence, and the
mentions of those events, so the two tables join on the event id.

Column meanings: docs/codebook.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dragoman.errors import ConfigError
from dragoman.knowledge.actor_codes import party_code
from dragoman.store.base import Store

FORMATS = ("csv", "jsonl", "parquet", "gdelt")
MENTION_FORMATS = ("csv", "jsonl", "parquet", "gdelt-mentions")
COLUMNS = ("id", "date", "date_precision", "date_text", "event", "mode", "context", "cameo",
           "goldstein", "quad_class", "status", "claimed_by", "actors", "actor_countries",
           "actor_sectors", "actor_codes", "recipients", "recipient_countries",
           "recipient_sectors", "recipient_codes", "location", "location_country", "mentions",
           "articles", "sources", "first_seen", "article_id", "published", "source", "url",
           "title", "evidence", "confidence")
MENTION_COLUMNS = ("event_id", "mention_id", "article_id", "published", "source", "url",
                   "title", "event", "cameo", "status", "date_text", "start", "end", "sentence",
                   "mentions", "confidence")
INTEGERS = {"id", "mentions", "articles", "sources", "event_id", "mention_id", "start", "end"}
FLOATS = {"confidence", "goldstein"}
# GDELT 2.0 event file columns, in file order (GDELT 2.0 event codebook).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
    "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code",
    "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type",
    "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID", "Actor2Geo_Type",
    "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
)
# GDELT 2.0 Mentions file columns, in file order (GDELT 2.0 event codebook, Mentions table).
GDELT_MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)
# A range of up to a week is dated to the week, up to 31 days to the month, else the year.
RANGE_PRECISION = ((7, "week"), (31, "month"))


def export_events(store: Store, fmt: str, output: str,
                  min_confidence: float | None = None) -> int:
    """Write every merged event (with ``min_confidence``, those of at least that
    confidence) to ``output`` (``-`` for standard output; not for parquet) in ``fmt``;
    returns the number of events written."""
    _check(fmt, FORMATS, output)
    events = [dated(e) for e in store.merged_events(min_confidence)]
    if fmt == "gdelt":
        return _write_tsv((gdelt_row(e) for e in events), output)
    if fmt == "jsonl":
        return _write_jsonl(({**e, "goldstein": goldstein(e),
                              "quad_class": quad_class(e.get("cameo") or "") or None}
                             for e in events), output)
    return _write_table([flat_row(e) for e in events], COLUMNS, fmt, output)


def export_mentions(store: Store, fmt: str, output: str,
                    min_confidence: float | None = None) -> int:
    """Write every event mention (with ``min_confidence``, those of the merged events of at
    least that confidence) to ``output`` in ``fmt``; returns the number written."""
    _check(fmt, MENTION_FORMATS, output)
    mentions = store.mention_rows(min_confidence)
    if fmt == "gdelt-mentions":
        return _write_tsv(gdelt_mention_rows(store, mentions), output)
    rows = [mention_row(m) for m in mentions]
    if fmt == "jsonl":
        return _write_jsonl(rows, output)
    return _write_table(rows, MENTION_COLUMNS, fmt, output)


def _check(fmt: str, formats: tuple[str, ...], output: str) -> None:
    if fmt not in formats:
        raise ConfigError(f"unknown export format {fmt!r}; choose from {', '.join(formats)}")
    if fmt == "parquet" and output == "-":
        raise ConfigError("parquet is binary: give a file with -o FILE.parquet")


# -- dates ------------------------------------------------------------------------------------
def dated(event: dict[str, Any]) -> dict[str, Any]:
    """The merged event with a day for every row: ``date`` (a day), ``date_precision`` and
    ``date_text`` (the text's own value: a day, a ``start/end`` range, or None)."""
    text = event.get("date")
    day, precision = day_and_precision(text, event.get("first_seen"))
    return {**event, "date": day, "date_precision": precision, "date_text": text}


def day_and_precision(text: str | None, published: str | None) -> tuple[str | None, str | None]:
    """``("2011-03-19", "day")`` for a day the text gives; the first day of a range with
    ``week``/``month``/``year`` by its length; the publication day with ``published`` when
    the text gives none; ``(None, None)`` with neither."""
    if text and "/" in text:
        start, end = text.split("/", 1)
        days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
        return start, next((name for most, name in RANGE_PRECISION if days <= most), "year")
    if text:
        return text, "day"
    if published:
        return published[:10], "published"
    return None, None


# -- event rows -------------------------------------------------------------------------------
def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One merged event (:func:`dated`) as a flat row (parties joined with '; ')."""
    location = event.get("location") or {}
    row = {key: event.get(key) for key in COLUMNS}
    row["context"] = ";".join(event.get("context") or [])
    for side in ("actors", "recipients"):
        parties = event.get(side) or []
        singular = side[:-1]
        row[side] = "; ".join(p.get("name") or "" for p in parties)
        row[f"{singular}_countries"] = "; ".join(p.get("country") or "" for p in parties)
        row[f"{singular}_sectors"] = "; ".join(p.get("sector") or "" for p in parties)
        row[f"{singular}_codes"] = "; ".join(party_code(p) or "" for p in parties)
    row["claimed_by"] = "; ".join(p.get("name") or "" for p in event.get("claimed_by") or [])
    row["location"] = location.get("name")
    row["location_country"] = location.get("country")
    row["goldstein"] = goldstein(event)
    row["quad_class"] = quad_class(event.get("cameo") or "") or None
    return row


def goldstein(event: dict[str, Any]) -> float | None:
    """The Goldstein (1992) score of the event's CAMEO code (or of its parent code)."""
    from dragoman.knowledge.scores import load_scores

    return load_scores().score(event["event"], event.get("mode"), event.get("cameo"),
                               "goldstein")


def gdelt_row(event: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 columns of one merged event (:func:`dated`); fields dragoman cannot
    fill are empty."""
    from dragoman.knowledge.fips import fips_code

    values: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    day = event.get("date") or ""
    cameo = event.get("cameo") or ""
    values.update({
        "GLOBALEVENTID": event["id"], "EventCode": cameo, "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2], "QuadClass": quad_class(cameo),
        "GoldsteinScale": goldstein(event),
        "NumMentions": event["mentions"], "NumSources": event["sources"],
        "NumArticles": event["articles"], "IsRootEvent": int(bool(event.get("root"))),
        "SOURCEURL": event.get("url") or "", "DATEADDED": event.get("added") or "",
    })
    if day:
        values.update({"SQLDATE": day.replace("-", ""), "MonthYear": day[:7].replace("-", ""),
                       "Year": day[:4], "FractionDate": _fraction(day)})
    for number, side in ((1, "actors"), (2, "recipients")):
        parties = event.get(side) or []
        if parties:
            first = parties[0]
            country, sector = first.get("country") or "", first.get("sector") or ""
            values.update({f"Actor{number}Code": party_code(first) or "",
                           f"Actor{number}Name": (first.get("name") or "").upper(),
                           f"Actor{number}CountryCode": country if len(country) == 3 else "",
                           f"Actor{number}Type1Code": sector})
    location = event.get("location") or {}
    if location.get("name"):
        values.update({"ActionGeo_FullName": location["name"],
                       "ActionGeo_CountryCode": fips_code(location.get("country"))})
    return ["" if values[c] is None else str(values[c]) for c in GDELT_COLUMNS]


def quad_class(cameo: str) -> str:
    """CAMEO root code → GDELT QuadClass: 1 verbal cooperation (01–05), 2 material
    cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20)."""
    if len(cameo) < 2 or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return "1" if root <= 5 else "2" if root <= 8 else "3" if root <= 13 else "4"


def _fraction(day: str) -> str:
    date = dt.date.fromisoformat(day)
    return f"{date.year + (date.timetuple().tm_yday - 1) / 365:.4f}"


# -- mention rows -----------------------------------------------------------------------------
def mention_row(mention: dict[str, Any]) -> dict[str, Any]:
    row = {key: mention.get(key) for key in MENTION_COLUMNS}
    row["date_text"] = mention.get("date")
    return row


def gdelt_mention_rows(store: Store, mentions: Iterable[dict[str, Any]]
                       ) -> Iterator[list[str]]:
    """GDELT 2.0 Mentions rows; the actors' offsets are those of the sides' first entities'
    mentions nearest the evidence (the entities of one article are read once)."""
    spans: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for mention in mentions:
        article = mention["article_id"]
        if article not in spans:
            spans = {article: store.entity_spans(article)}  # mentions come article by article
        yield gdelt_mention_row(mention, spans[article])


def gdelt_mention_row(mention: dict[str, Any],
                      entity_spans: dict[str, list[tuple[int, int]]]) -> list[str]:
    """The 16 GDELT 2.0 Mentions columns of one event mention."""
    record = json.loads(mention["data"])
    url = mention.get("url")
    confidence = mention.get("confidence")
    values: dict[str, Any] = dict.fromkeys(GDELT_MENTION_COLUMNS, "")
    values.update({
        "GLOBALEVENTID": mention["event_id"], "EventTimeDate": mention["event_added"],
        "MentionTimeDate": mention["mention_added"],
        # 1 = web (the identifier is a URL), 2 = citation only (here: the article's id)
        "MentionType": 1 if url else 2, "MentionSourceName": mention.get("source") or "",
        "MentionIdentifier": url or mention["article_id"],
        "Actor1CharOffset": _party_offset(record.get("actors"), mention, entity_spans),
        "Actor2CharOffset": _party_offset(record.get("recipients"), mention, entity_spans),
        "ActionCharOffset": mention["start"] if mention.get("start") is not None else -1,
        "InRawText": 1, "MentionDocLen": mention.get("doc_length") or "",
        "Confidence": round(confidence * 100) if confidence is not None else "",
    })
    return ["" if values[c] is None else str(values[c]) for c in GDELT_MENTION_COLUMNS]


def _party_offset(parties: list[dict[str, Any]] | None, mention: dict[str, Any],
                  entity_spans: dict[str, list[tuple[int, int]]]) -> int:
    """Where the side's first entity is mentioned, nearest the evidence's start; -1 (GDELT's
    "not found") for a side with no entity, such as one filled in from the context."""
    entity = next((p.get("entity") for p in parties or [] if p.get("entity")), None)
    found = entity_spans.get(entity or "", [])
    anchor = mention.get("start") or 0
    return min((s for s, _ in found), key=lambda s: (s < anchor, abs(s - anchor)),
               default=-1)


# -- writing ----------------------------------------------------------------------------------
def _write_table(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str,
                 output: str) -> int:
    if fmt == "parquet":
        _write_parquet(rows, columns, Path(output))
        return len(rows)
    with output_file(output) as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def _write_jsonl(rows: Iterable[dict[str, Any]], output: str) -> int:
    written = 0
    with output_file(output) as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    return written


def _write_tsv(rows: Iterable[list[str]], output: str) -> int:
    """GDELT's files: tab-separated, no header line."""
    written = 0
    with output_file(output) as out:
        tsv = csv.writer(out, delimiter="\t", lineterminator="\n")
        for row in rows:
            tsv.writerow(row)
            written += 1
    return written


def _write_parquet(rows: list[dict[str, Any]], columns: tuple[str, ...], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=pa.schema(
        [(c, pa.int64() if c in INTEGERS else pa.float64() if c in FLOATS else pa.string())
         for c in columns]))
    pq.write_table(table, path)


class output_file:
    """A file to write text to, or standard output for ``-`` (left open)."""

    def __init__(self, output: str) -> None:
        self.output = output
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        import sys

        if self.output == "-":
            return sys.stdout
        self.handle = open(self.output, "w", encoding="utf-8", newline="")
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()
