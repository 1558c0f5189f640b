"""Commands that run the pipeline or write a store: extract, ingest, merge-events, load,
migrate, copy."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from dragoman.cli.common import (
    db_option,
    guard,
    main,
    pipeline_options,
    pipeline_settings,
    print_summary,
)
from dragoman.settings import Settings

BUNDLED_EXAMPLES = Path(__file__).parent.parent / "examples"


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write JSON Lines records here (default: standard output).")
@pipeline_options
def extract(inputs: tuple[str, ...], output: str, model: str | None, workers: int | None,
            batch_size: int | None, min_confidence: float | None) -> None:
    """Write one CONTRACT record (JSON) per article in INPUTS; no database.

    INPUTS are .jsonl files, .txt files (optional 'date YYYY-MM-DD' header), .html files,
    directories of them, or - for standard input. An id seen again in the same run is
    written again, with one warning per id.
    """
    from dragoman.jobs import Summary, extract_stream
    from dragoman.records import Failure
    from dragoman.report import print_run_summary

    summary = Summary()
    seen: dict[str, bool] = {}  # id → already warned about
    with guard():
        settings = pipeline_settings(model, workers, batch_size, min_confidence)
        with click.open_file(output, "w", encoding="utf-8") as out, \
                _run_display(settings, list(inputs)) as hooks:
            for outcome in extract_stream(list(inputs), settings, summary=summary,
                                          hooks=hooks):
                if isinstance(outcome, Failure):
                    _print_failure(outcome)
                    continue
                _warn_repeated_id(outcome, seen)
                out.write(json.dumps(outcome, ensure_ascii=False) + "\n")
                for failure in outcome.get("errors", []):
                    _print_failure(Failure.from_dict(failure))
    print_summary(summary.as_dict())
    print_run_summary(summary.as_dict())
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("inputs", nargs=-1)
@db_option
@pipeline_options
def ingest(inputs: tuple[str, ...], db_url: str, model: str | None, workers: int | None,
           batch_size: int | None, min_confidence: float | None) -> None:
    """Extract INPUTS and store them (default: the bundled example articles).

    Articles already stored are skipped, so running the same ingest twice adds nothing, and
    an ingest that was interrupted can simply be run again.
    """
    from dragoman.jobs import Summary
    from dragoman.jobs import ingest as run_ingest
    from dragoman.report import print_run_summary
    from dragoman.store import display_url, open_store

    sources = list(inputs) or [str(BUNDLED_EXAMPLES)]
    summary = Summary()
    with guard():
        settings = pipeline_settings(model, workers, batch_size, min_confidence)
        store = open_store(db_url)
        with _run_display(settings, sources) as hooks:
            run_ingest(sources, store, settings, summary=summary, hooks=hooks)
        counts = store.counts()
        store.close()
    print_summary(summary.as_dict(), stored=True)
    print_run_summary(summary.as_dict(), display_url(db_url), counts)
    sys.exit(1 if summary.failed else 0)


@contextmanager
def _run_display(settings: Settings, sources: list[str]) -> Iterator[Any]:
    """The live view of a run on standard error; yields the hooks that feed it."""
    from rich.console import Console

    from dragoman.jobs import RunHooks
    from dragoman.readers import count_articles
    from dragoman.report import RunDisplay

    console = Console(stderr=True, highlight=False)
    # Counted only for a bar someone sees: a count costs a listing of every folder.
    total = count_articles(sources) if console.is_terminal else None
    with RunDisplay(settings.model, settings.workers, total, console=console) as display:
        yield RunHooks(loading=display.loading, ready=display.ready,
                       advanced=display.advanced)


@main.command(name="merge-events")
@db_option
@click.option("--days", type=click.IntRange(0), default=None,
              help="Days apart mentions of one event may be dated [setting: event_merge_days].")
def merge_events(db_url: str, days: int | None) -> None:
    """Merge the stored event mentions across articles again (after changing
    event_merge_days, or a store written by an older dragoman)."""
    from dragoman.store import open_store

    with guard():
        window = days if days is not None else Settings.from_env().event_merge_days
        store = open_store(db_url)
        mentions, merged = store.remerge_events(window)
        store.close()
    click.echo(f"merged {mentions} event mentions into {merged} events "
               f"(event_merge_days {window})", err=True)


@main.command()
@click.argument("output")
@click.option("--db", "db_url", default="dragoman.db", show_default=True,
              help="Store: a SQLite file path or sqlite:///path.")
def load(output: str, db_url: str) -> None:
    """Load the Parquet tables of 'dragoman spark extract' (its OUTPUT folder) into a store,
    so the web UI serves a corpus built on Spark. Articles already stored are kept."""
    from dragoman.jobs import Summary, load_tables
    from dragoman.report import print_run_summary
    from dragoman.store import open_store

    summary = Summary()
    with guard():
        store = open_store(db_url)
        load_tables(output, store, Settings.from_env(), summary=summary)
        counts = store.counts()
        store.close()
    print_summary(summary.as_dict(), stored=True)
    print_run_summary(summary.as_dict(), db_url, counts)
    sys.exit(1 if summary.failed else 0)


@main.command()
@db_option
def migrate(db_url: str) -> None:
    """Apply the store's pending schema migrations (the read commands and serve only read, so
    a store written by an older dragoman needs this once)."""
    from dragoman.errors import StoreError
    from dragoman.store import POSTGRES_SCHEMES, display_url, open_store, sqlite_path

    with guard():
        if not db_url.startswith(POSTGRES_SCHEMES) and not sqlite_path(db_url).is_file():
            raise StoreError(f"no store at {str(sqlite_path(db_url))!r}")
        open_store(db_url).close()  # opening it read-write applies the pending migrations
    click.echo(f"{display_url(db_url)}: schema up to date", err=True)


@main.command()
@click.option("--from", "source", required=True, help="The store to copy (a store URL).")
@click.option("--to", "target", required=True,
              help="An empty store to copy it into (made if missing; a store URL).")
def copy(source: str, target: str) -> None:
    """Copy every row of one store into another, between SQLite and PostgreSQL either way,
    without extracting again: the same ids, runs, actors and merged events."""
    from dragoman.store import display_url
    from dragoman.store.copy import copy_store

    with guard():
        counts = copy_store(source, target)
    shown = ", ".join(f"{table} {n}" for table, n in counts.items())
    click.echo(f"copied {display_url(source)} to {display_url(target)}: {shown}", err=True)


def _warn_repeated_id(record: dict[str, Any], seen: dict[str, bool]) -> None:
    """Warn (once per id) when a run writes a second record with an id it wrote before."""
    article_id = str(record["id"])
    if article_id not in seen:
        seen[article_id] = False
    elif not seen[article_id]:
        seen[article_id] = True
        where = record.get("origin") or "input"
        click.echo(f"warning: {where}: id {article_id!r} was already written in this run; "
                   "this record is written too (ingest would keep only the first), give each "
                   "article its own id", err=True)


def _print_failure(failure: Any) -> None:
    # while the progress bar runs, rich redirects standard error to print above it
    where = failure.origin or failure.article_id or "input"
    click.echo(f"error: {where}: {failure.message} [{failure.kind}]", err=True)

