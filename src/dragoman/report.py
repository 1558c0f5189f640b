"""Terminal output: runs as they go and their summary, one highlighted article, listings,
evaluation tables."""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

# How each kind of annotation is shown in `dragoman show`: (field, style).
HIGHLIGHTS = (
    ("events", "underline"),
    ("quotes", "green"),
    ("entities", "bold cyan"),
    ("timexes", "bold magenta"),
)


class ArticlesPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "… articles/s")


class RunDisplay:
    """What an extract or ingest run shows on standard error: "loading model …" at once, then,
    in a terminal, a live bar from the first second (elapsed time while the model loads,
    then articles done, articles/s and the time left); elsewhere plain lines."""

    def __init__(self, model: str, workers: int, total: int | None, *,
                 console: Console | None = None, live: bool | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self.model, self.workers, self.total = model, workers, total
        live = self.console.is_terminal if live is None else live
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                            MofNCompleteColumn(), ArticlesPerSecond(), TimeElapsedColumn(),
                            TextColumn("left"), TimeRemainingColumn(), console=self.console,
                            transient=True, disable=not live)
        self.task = self.bar.add_task("starting", total=total)
        self._started = 0.0

    def __enter__(self) -> RunDisplay:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def loading(self) -> None:
        where = f" in {self.workers} worker processes" if self.workers > 1 else ""
        self._started = time.perf_counter()
        self.bar.update(self.task, description=f"loading model {self.model}")
        self.bar.console.print(f"loading model {self.model}{where} … (this takes a while; "
                               "the articles follow)")

    def ready(self) -> None:
        seconds = time.perf_counter() - self._started
        # the speed and time left count from here, not from the start of the model load
        self.bar.reset(self.task, total=self.total, description="articles")
        self.bar.console.print(f"model ready in {seconds:.1f} s"
                               + (f"; {self.total} articles to read" if self.total else ""))

    def advanced(self, articles: int) -> None:
        self.bar.advance(self.task, articles)


FOUND_NAMES = {"entities": "entities", "quotes": "quotes", "events": "event mentions",
               "timexes": "dates"}


def print_run_summary(summary: dict[str, Any], db: str | None = None,
                      store_counts: dict[str, int] | None = None,
                      console: Console | None = None) -> None:
    """The closing report of a run: what was found, the errors by reason, what the store
    now holds (ingest) and the commands to run next."""
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    found = summary.get("found") or {}
    if summary.get("processed"):
        console.print("found: " + ", ".join(f"{found.get(k, 0):,} {name}"
                                            for k, name in FOUND_NAMES.items())
                      + f" in {summary['processed']:,} article"
                      + ("s" if summary["processed"] != 1 else ""))
    reasons = sorted(summary.get("failures_by_kind", {}).items(), key=lambda kv: -kv[1])
    if reasons:
        where = ("listed in the store's errors table" if db else "each printed above")
        console.print("errors by reason: " + ", ".join(f"{k} {v}" for k, v in reasons)
                      + f" ({where})")
    if store_counts is not None and db is not None:
        console.print(f"the store {db} now holds: " + ", ".join(
            f"{value:,} {name.replace('_', ' ')}" for name, value in store_counts.items()))
    console.print("next:")
    for command, why in next_commands(db, bool(reasons)):
        console.print(f"  {command}    # {why}", markup=False)


def next_commands(db: str | None, errors: bool) -> list[tuple[str, str]]:
    """What to run after a run: after ingest, the ways to look at the store; after extract,
    the way to store the records."""
    if db is None:
        return [("dragoman ingest INPUT... --db dragoman.db", "store and merge them"),
                ("dragoman eval GOLD.jsonl --predictions FILE", "score them against gold")]
    at = "" if db == "dragoman.db" else f" --db {db}"
    commands = [(f"dragoman serve{at}", "browse it in the web UI and API"),
                (f"dragoman events{at}", "events merged across articles"),
                (f"dragoman quotes{at}", "quotations"),
                (f"dragoman export events{at} -o events.csv", "a table for R or pandas"),
                (f"dragoman show ID{at}", "one article, annotations highlighted")]
    if errors:
        client = "psql" if db.startswith(("postgresql:", "postgres:")) else "sqlite3"
        commands.append((f'{client} {db} "SELECT origin, kind, message FROM errors"',
                         "the articles that failed and why"))
    return commands


def print_rows(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...],
               console: Console | None = None) -> None:
    """Rows as a terminal table, CSV or JSON Lines on standard output."""
    import csv
    import json
    import sys

    if fmt == "json":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(columns))
        writer.writeheader()
        writer.writerows(rows)
        return
    console = console or Console(highlight=False)
    table = Table(show_lines=False, expand=True)
    for column in columns:
        # columns of long text wrap in the room left; the short ones keep to one line
        longest = max((len(_cell(row.get(column))) for row in rows), default=0)
        table.add_column(HEADERS.get(column, column), **({"no_wrap": True} if longest <= SHORT else
                                    {"ratio": 1} if longest > LONG else {}))
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)
    console.print(f"{len(rows)} row(s)")


# The events table's columns, widest terminal first: (least width to show it, column, header,
# its Rich options). Narrower terminals leave the later columns out rather than break cells.
EVENT_COLUMNS: tuple[tuple[int, str, str, dict[str, Any]], ...] = (
    (0, "date", "date", {"no_wrap": True, "min_width": 10}),
    (0, "event", "event", {"no_wrap": True}),
    (0, "actors", "actor", {"no_wrap": True, "overflow": "ellipsis", "max_width": 12}),
    (0, "recipients", "recipient", {"no_wrap": True, "overflow": "ellipsis", "max_width": 12}),
    (100, "status", "status", {"no_wrap": True}),
    (100, "confidence", "confidence", {"no_wrap": True, "justify": "right"}),
    (130, "mentions", "m", {"no_wrap": True, "justify": "right"}),
    (130, "articles", "a", {"no_wrap": True, "justify": "right"}),
    (130, "sources", "s", {"no_wrap": True, "justify": "right"}),
    (0, "evidence", "evidence", {"ratio": 1, "min_width": 20}),
)


def print_events(rows: list[dict[str, Any]], total: int, offset: int = 0,
                 console: Console | None = None) -> None:
    """Merged events as a table that fits the terminal: the evidence sentence wraps in its
    column, the short columns never do, and a narrow terminal shows fewer of them; then the
    total."""
    console = console or Console(highlight=False)
    shown = [c for c in EVENT_COLUMNS if console.width >= c[0]]
    table = Table(show_lines=False, expand=True)
    for _, _, header, options in shown:
        table.add_column(header, **options)
    for row in rows:
        table.add_row(*(_event_cell(row, column) for _, column, _, _ in shown))
    console.print(table)
    first = offset + 1 if rows else offset
    console.print(f"events {first}–{offset + len(rows)} of {total}" if rows else
                  f"no events of {total}", markup=False)


def _event_cell(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if column == "date":
        return str(row.get("date") or row.get("day") or "")[:21]
    if column in ("actors", "recipients"):
        return (value or "").replace("|", ", ")
    if column == "event" and row.get("cameo"):
        return f"{value} {row['cameo']}"
    if column == "evidence":
        return " ".join(str(value or "").split())   # the sentence on as few lines as fit
    return _cell(value)


SHORT = 12   # characters: a column whose values are all this short never wraps (dates)
LONG = 40    # a column with longer values (a quote, a sentence) takes the room left
HEADERS = {"speaker_country": "country", "occurrences": "articles"}  # shorter, for room


def _cell(value: Any) -> str:
    """A value in a terminal table: nothing for None, two decimals for a fraction."""
    if value is None:
        return ""
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def print_record(record: dict[str, Any], console: Console | None = None) -> None:
    """The article paragraph by paragraph, annotations highlighted, repeats greyed, and
    paragraphs that are not the article's body greyed with their zone ("[comments]")."""
    console = console or Console(highlight=False)
    text: str = record["text"]
    head = f"{record['id']}  published {record.get('published') or 'unknown'}"
    if record.get("title"):
        head += f"  {record['title']}"
    console.print(Text(head, style="bold"))
    near = record.get("near_duplicate_of")
    if near:
        console.print(Text(f"near-duplicate of {near['id']} (similarity {near['similarity']})",
                           style="yellow"))
    spans = _highlight_spans(record)
    for index, paragraph in enumerate(record["paragraphs"]):
        start, end = paragraph["span"]
        line = Text(f"¶{index} ", style="dim")
        body = Text(text[start:end])
        for (s, e), style in spans:
            if s < end and e > start:
                body.stylize(style, max(s, start) - start, min(e, end) - start)
        if paragraph.get("duplicate_of") is not None:
            body.stylize("dim")
            line.append(f"[repeats ¶{paragraph['duplicate_of']}] ", style="yellow")
        zone = paragraph.get("zone") or "body"
        if zone != "body":  # not the article: no events read here (quotes in headlines)
            body.stylize("dim")
            line.append(f"[{zone}] ", style="cyan")
        line.append_text(body)
        console.print(line)
        console.print()
    _print_annotation_lists(record, console)


def _highlight_spans(record: dict[str, Any]) -> list[tuple[tuple[int, int], str]]:
    spans: list[tuple[tuple[int, int], str]] = []
    for field_name, style in HIGHLIGHTS:
        for item in record.get(field_name, []):
            if field_name == "entities":
                spans += [((s, e), style) for s, e in item.get("mentions", [])]
            else:
                span = item.get("evidence") or item.get("content") or item.get("span")
                if span:
                    spans.append(((span[0], span[1]), style))
    return spans


def speaker_label(speaker: dict[str, Any]) -> str:
    """"Syrian government [SYR GOV]", "(a diplomat)" for an unnamed source."""
    name = speaker.get("name") or (f"({speaker['description']})" if speaker.get("description")
                                   else "unknown speaker")
    codes = " ".join(c for c in (speaker.get("country"), speaker.get("sector")) if c)
    return f"{name} [{codes}]" if codes else name


def _print_annotation_lists(record: dict[str, Any], console: Console) -> None:
    text = record["text"]
    for item in record.get("quotes", []):
        speaker = speaker_label(item.get("speaker") or {})
        s, e = item["content"]
        console.print(Text(f"quote ({item['kind']}) {speaker}: {text[s:e][:100]}", style="green"))
    for item in record.get("timexes", []):
        s, e = item["span"]
        console.print(Text(f"timex {text[s:e]!r} = {item['value']} ({item['type']})",
                           style="magenta"))
    for item in record.get("events", []):
        actors = "+".join(a.get("name") or "?" for a in item.get("actors", []))
        recipients = "+".join(a.get("name") or "?" for a in item.get("recipients", []))
        confidence = item.get("confidence")
        console.print(f"event {item['event']} ({item.get('cameo')}) {actors} → {recipients} "
                      f"{item.get('status')} {item.get('date') or ''}"
                      + (f" confidence {confidence:.2f}" if confidence is not None else ""))


def print_scores(report: dict[str, Any], title: str, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=title)
    for column in ("kind", "articles", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    details = []
    for kind, scores in report.items():
        if not isinstance(scores, dict):
            continue
        table.add_row(kind, str(scores["articles"]), f"{scores['precision']:.3f}",
                      f"{scores['recall']:.3f}", f"{scores['f1']:.3f}", str(scores["tp"]),
                      str(scores["fp"]), str(scores["fn"]))
        extra = [f"{k} {_fmt(v)}" for k, v in scores.items() if k not in
                 {"articles", "precision", "recall", "f1", "tp", "fp", "fn", "calibration"}]
        if scores.get("calibration"):
            details.append(f"{kind} calibration (confidence bin: n, mean predicted, observed "
                           "right): " + "; ".join(
                               f"{row['bin']}: {row['n']}, {row['predicted']:.2f}, "
                               f"{row['observed']:.2f}" for row in scores["calibration"]))
        if extra:
            details.append(f"{kind}: " + ", ".join(extra))
    console.print(table)
    for line in details:
        console.print(line)
    if report.get("articles_without_prediction"):
        console.print(f"articles without a prediction: {report['articles_without_prediction']}")


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
