"""Click pieces every command group shares: the ``dragoman`` group itself, the store and
pipeline flags, dates, listings, and the guard that turns library errors into one line."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from dragoman import __version__
from dragoman.errors import DragomanError
from dragoman.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


db_option = click.option(
    "--db", "db_url", default="dragoman.db", show_default=True, envvar="DRAGOMAN_DB",
    help="Store: a SQLite file (path.db or sqlite:///path.db) or a PostgreSQL database "
         "(postgresql://user:password@host:5432/dbname) [env: DRAGOMAN_DB].")


def pipeline_options(func: F) -> F:
    """Flags shared by the commands that run the pipeline (each also a DRAGOMAN_* setting)."""
    options = [
        click.option("--model", help="spaCy pipeline: installed package name or path "
                     "[setting: model]."),
        click.option("--workers", type=click.IntRange(min=1),
                     help="Worker processes [setting: workers]."),
        click.option("--batch-size", type=click.IntRange(min=1),
                     help="Articles per batch [setting: batch_size]."),
        click.option("--min-confidence", type=click.FloatRange(0, 1),
                     help="Keep only events of at least this confidence, 0 to 1 "
                          "[setting: event_min_confidence]."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def pipeline_settings(model: str | None, workers: int | None, batch_size: int | None,
              min_confidence: float | None) -> Settings:
    return Settings.from_env(model=model, workers=workers, batch_size=batch_size,
                             event_min_confidence=min_confidence)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dragoman")
def main() -> None:
    """dragoman: who did what to whom, who said what, and when, from dated news."""


def _iso_day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from dragoman.readers import parse_published

    try:
        return parse_published(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; expected YYYY-MM-DD") from None


def listing_options(func: F) -> F:
    """--db, --limit and --format, shared by the commands that list stored records."""
    options = [
        db_option,
        click.option("--limit", type=click.IntRange(1, 100_000), default=100,
                     show_default=True),
        click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                     default="table", show_default=True, help="json: one JSON object per line."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def date_options(func: F) -> F:
    func = click.option("--until", callback=_iso_day, help="Last day, YYYY-MM-DD.")(func)
    return click.option("--since", callback=_iso_day, help="First day, YYYY-MM-DD.")(func)


min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1),
    help="Only events of at least this confidence (0 to 1): a merged event's is its best "
         "mention's; above 0, events without one are left out.")


class guard:
    """Turn library errors into a one-line message and exit code 2."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
        if isinstance(exc, DragomanError):
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        if isinstance(exc, sqlite3.Error):  # e.g. a damaged file: "disk image is malformed"
            click.echo(f"error: the store cannot be read or written: {exc} (check it with "
                       "sqlite3 FILE 'PRAGMA integrity_check')", err=True)
            sys.exit(2)
        if type(exc).__module__.startswith("psycopg"):  # e.g. the server went away
            click.echo(f"error: the PostgreSQL store cannot be read or written: "
                       f"{str(exc).strip()}", err=True)
            sys.exit(2)
        if type(exc).__module__.startswith(("pyspark", "py4j")):  # a job failed on Spark
            lines = [line for line in str(exc).splitlines() if line.strip()]
            click.echo(f"error: the Spark job failed: {lines[-1].strip() if lines else exc} "
                       "(Spark's log above has the whole trace)", err=True)
            sys.exit(2)
        if isinstance(exc, OSError):  # an output in a missing folder, a full device, …
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)


def with_store(db_url: str, write: Callable[[Any], Any]) -> Any:
    """Open the store read-only, run one reading (a listing, an export) on it, close it."""
    from dragoman.store import open_store

    with guard():
        store = open_store(db_url, read_only=True)
        try:
            return write(store)
        finally:
            store.close()


def print_summary(summary: dict[str, Any], stored: bool = False) -> None:
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary["failures_by_kind"].items()))
    rate = summary["processed"] / summary["seconds"] if summary["seconds"] else 0.0
    parts = [f"read {summary['read']}", f"processed {summary['processed']}"]
    if stored:
        parts += [f"stored {summary['stored']} new", f"{summary['already_stored']} already stored"]
    parts += [f"near-duplicates {summary['near_duplicates']}",
              f"failed {summary['failed']}" + (f" ({kinds})" if kinds else ""),
              f"{summary['seconds']:.1f}s ({rate:.1f} articles/s)"]
    click.echo("summary: " + ", ".join(parts), err=True)
