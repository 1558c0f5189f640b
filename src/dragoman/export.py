"""Export of the merged events: CSV, JSON Lines, Parquet, or GDELT 2.0 event rows.

One row per event merged across articles (``events``), described by its first
mention, with GDELT-style counts. The ``gdelt`` format writes the 61 tab-separated columns
of a GDELT 2.0 event file (field list: ../shared/codebooks/gdelt/, GDELT 2.0 event codebook),
filling those dragoman knows and leaving the others empty.

``confidence`` (the merged event's: its best mention's, corpus/events.py) is a column of the
csv, jsonl and parquet rows. GDELT's event table has no such column — GDELT gives a
``Confidence`` percent per mention in its separate Mentions table, which this export does not
write — so the ``gdelt`` rows stay the 61 event columns; ``min_confidence`` filters them like
the others.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from dragoman.errors import ConfigError
from dragoman.knowledge.actor_codes import party_code
from dragoman.store.base import Store

FORMATS = ("csv", "jsonl", "parquet", "gdelt")
COLUMNS = ("id", "date", "event", "mode", "context", "cameo", "status", "claimed_by",
           "actors", "actor_countries", "actor_sectors", "actor_codes", "recipients",
           "recipient_countries", "recipient_sectors", "recipient_codes", "location",
           "location_country", "mentions", "articles", "sources", "first_seen", "article_id",
           "url", "evidence", "confidence")
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


def export_events(store: Store, fmt: str, output: str,
                  min_confidence: float | None = None) -> int:
    """Write every merged event (with ``min_confidence``, those of at least that
    confidence) to ``output`` (``-`` for standard output; not for parquet) in ``fmt``;
    returns the number of events written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "parquet" and output == "-":
        raise ConfigError("parquet is binary: give a file with -o FILE.parquet")
    events = list(store.merged_events(min_confidence))
    if fmt == "parquet":
        _write_parquet((flat_row(e) for e in events), Path(output))
        return len(events)
    with _open(output) as out:
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(flat_row(e) for e in events)
        elif fmt == "jsonl":
            for event in events:
                out.write(json.dumps(event, ensure_ascii=False) + "\n")
        else:
            tsv = csv.writer(out, delimiter="\t", lineterminator="\n")
            tsv.writerows(gdelt_row(e) for e in events)
    return len(events)


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One merged event as a flat row (parties joined with '; ')."""
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
    return row


def gdelt_row(event: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 columns of one merged event; fields dragoman cannot fill are empty."""
    from dragoman.knowledge.scores import load_scores

    values: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    day = (event.get("date") or event.get("first_seen") or "")[:10]
    cameo = event.get("cameo") or ""
    values.update({
        "GLOBALEVENTID": event["id"], "EventCode": cameo, "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2], "QuadClass": quad_class(cameo),
        "GoldsteinScale": load_scores().score(event["event"], event.get("mode"), cameo,
                                              "goldstein"),
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
                       "ActionGeo_CountryCode": location.get("country") or ""})
    return ["" if values[c] is None else str(values[c]) for c in GDELT_COLUMNS]


def quad_class(cameo: str) -> str:
    """CAMEO root code → GDELT QuadClass: 1 verbal cooperation (01–05), 2 material
    cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20)."""
    if len(cameo) < 2 or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return "1" if root <= 5 else "2" if root <= 8 else "3" if root <= 13 else "4"


def _fraction(day: str) -> str:
    import datetime as dt

    date = dt.date.fromisoformat(day)
    return f"{date.year + (date.timetuple().tm_yday - 1) / 365:.4f}"


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(rows)
    table = pa.Table.from_pylist(rows, schema=pa.schema(
        [(c, pa.int64() if c in ("id", "mentions", "articles", "sources") else
          pa.float64() if c == "confidence" else pa.string()) for c in COLUMNS]))
    pq.write_table(table, path)


class _open:
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


