"""The ``dragoman`` command: thin commands that parse, call one library function, format.

Library errors become CLI errors here only. Exit codes: 0 all went well, 1 some articles
failed (the rest were processed; see the errors), 2 a usage, setting, model or store error.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from dragoman import __version__
from dragoman.errors import DragomanError
from dragoman.settings import Settings, describe_settings

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db", "db_url", default="dragoman.db", show_default=True, envvar="DRAGOMAN_DB",
    help="Store: a SQLite file (path.db or sqlite:///path.db) or a PostgreSQL database "
         "(postgresql://user:password@host:5432/dbname) [env: DRAGOMAN_DB].")

BUNDLED_EXAMPLES = Path(__file__).parent / "examples"


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


def _settings(model: str | None, workers: int | None, batch_size: int | None,
              min_confidence: float | None) -> Settings:
    return Settings.from_env(model=model, workers=workers, batch_size=batch_size,
                             event_min_confidence=min_confidence)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dragoman")
def main() -> None:
    """dragoman: who did what to whom, who said what, and when, from dated news."""


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
    with _guard():
        settings = _settings(model, workers, batch_size, min_confidence)
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
    _print_summary(summary.as_dict())
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
    with _guard():
        settings = _settings(model, workers, batch_size, min_confidence)
        store = open_store(db_url)
        with _run_display(settings, sources) as hooks:
            run_ingest(sources, store, settings, summary=summary, hooks=hooks)
        counts = store.counts()
        store.close()
    _print_summary(summary.as_dict(), stored=True)
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


@main.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the stored record as JSON.")
def show(article_id: str, db_url: str, as_json: bool) -> None:
    """Print one stored article (id or unique id prefix) with its annotations highlighted."""
    from dragoman.report import print_record
    from dragoman.store import open_store

    with _guard():
        store = open_store(db_url, read_only=True)
        record = store.get_record(article_id)
        store.close()
    if record is None:
        from dragoman.store import display_url

        raise click.ClickException(f"no article with id (or unique id prefix) {article_id!r} "
                                   f"in {display_url(db_url)}")
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print_record(record)


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


def _list(db_url: str, fmt: str, columns: tuple[str, ...],
          query: Callable[[Any], list[dict[str, Any]]]) -> None:
    """Open the store, run one listing query on it, print the rows."""
    from dragoman.report import print_rows
    from dragoman.store import open_store

    with _guard():
        store = open_store(db_url, read_only=True)
        rows = query(store)
        store.close()
    print_rows(rows, fmt, columns=columns)


@main.command()
@click.option("--speaker", help="Part of the speaker's name or of any alias of the speaker's "
              "actor (e.g. Psaki).")
@click.option("--country", help="The speaker's country code (e.g. SYR; also IGOUNO).")
@click.option("--about", help="Country code of an entity named inside the quote.")
@click.option("--between", help="Two country codes, USA,CHN: quotes by a speaker of either "
              "about the other.")
@click.option("--source", help="The article's source, exactly.")
@click.option("--search", help="Words the quote must contain (full-text search).")
@click.option("--mentions", is_flag=True, help="Every quote, each occurrence in an article "
              "(newest article first), instead of the quotations.")
@click.option("--all", "show_all", is_flag=True,
              help="Also the quotes without a speaker (no name, no country).")
@date_options
@listing_options
def quotes(speaker: str | None, country: str | None, about: str | None, between: str | None,
           source: str | None, search: str | None, mentions: bool, show_all: bool,
           since: str | None, until: str | None, db_url: str, limit: int, fmt: str) -> None:
    """Quotations across articles — the same words by the same speaker once, with the
    number of articles reporting them and the day first said — newest first: the rows of
    /api/quotes for the same filters. Quotes without a speaker are left out unless --all."""
    from dragoman.store import queries as check  # the API's rules: the same filters
    from dragoman.store.queries import QuoteQuery

    with _guard():
        query = QuoteQuery(speaker=check.text(speaker, "speaker"),
                           speaker_country=check.code(country, "country"),
                           about=check.code(about, "about"), between=check.pair(between),
                           source=check.text(source, "source"), search=check.search(search),
                           since=since, until=until, named_only=not show_all, limit=limit)
    if mentions:
        _list(db_url, fmt, ("date", "speaker", "speaker_country", "kind", "content",
                            "article_id"), lambda store: store.quotes(query))
    else:
        _list(db_url, fmt, ("first_seen", "speaker", "speaker_country", "occurrences",
                            "content"), lambda store: store.quotations(query))


@main.command()
@click.option("--name", help="Part of any name the actor goes by (e.g. Psaki).")
@click.option("--type", "entity_type", help="PERSON, ORG, GPE, NORP, …")
@click.option("--country", help="Country code (e.g. USA).")
@listing_options
def actors(name: str | None, entity_type: str | None, country: str | None, db_url: str,
           limit: int, fmt: str) -> None:
    """People, organisations and places merged across articles, with their aliases: the
    rows of /api/entities."""
    from dragoman.store import queries as check
    from dragoman.store.queries import ActorQuery

    with _guard():
        query = ActorQuery(name=check.text(name, "name"),
                           type=entity_type.upper() if entity_type else None,
                           country=check.code(country, "country"), limit=limit)
    _list(db_url, fmt, ("name", "type", "country", "sector", "wikidata", "articles", "aliases"),
          lambda store: store.actors(query))


min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1),
    help="Only events of at least this confidence (0 to 1): a merged event's is its best "
         "mention's; above 0, events without one are left out.")


@main.command()
@click.option("--actor", help="Actor side: an actor code (LBY: every Libyan actor; LBYREB: "
              "the rebels; IGOUNO) or an actor's name (\"Hillary Clinton\", Britain).")
@click.option("--recipient", help="Recipient side: an actor code or an actor's name.")
@click.option("--party", help="Either side: an actor code or an actor's name.")
@click.option("--between", nargs=2, default=None, metavar="A B",
              help="Two actor codes or names: events between them, either way round.")
@click.option("--directed", is_flag=True,
              help="With --between A B: only events A acts in towards B (CONSULT, COOPERATE "
                   "and AGREE, done together, either way round).")
@click.option("--joint/--one-way", "joint", default=None,
              help="Only the types two sides do together (CONSULT, COOPERATE, AGREE), or "
                   "only the others.")
@click.option("--type", "event_type", help="PLOVER event type (CONSULT, ACCUSE, …).")
@click.option("--status", type=click.Choice(["occurred", "planned", "hypothetical", "negated"]))
@click.option("--source", help="A mention is in an article of this source, exactly.")
@click.option("--cameo", help="The first digits of a CAMEO event code a mention has (19: "
                              "fight; 0831).")
@click.option("--sort", type=click.Choice(["date", "mentions", "sources"]), default="date",
              show_default=True, help="Most first; ties newest first.")
@min_confidence_option
@date_options
@listing_options
def events(actor: str | None, recipient: str | None, party: str | None,
           between: tuple[str, str] | None, directed: bool, joint: bool | None,
           event_type: str | None, status: str | None, source: str | None, cameo: str | None,
           sort: str, min_confidence: float | None, since: str | None, until: str | None,
           db_url: str, limit: int, fmt: str) -> None:
    """Events merged across articles, most recent first, with their mention, article and
    source counts, their confidence and evidence sentence: the rows of /api/events for the
    same filters (CONSULT, COOPERATE and AGREE match actor and recipient either way round).
    The table fits the terminal and ends with the total."""
    from dragoman.report import print_events
    from dragoman.store import queries as check
    from dragoman.store.queries import EventQuery

    with _guard():
        query = EventQuery(
            actor=check.side(actor, "actor"), recipient=check.side(recipient, "recipient"),
            party=check.side(party, "party"), between=check.sides(between),
            directed=directed, joint=joint,
            type=check.choice(event_type, "type", check.PLOVER_TYPES, upper=True),
            status=status, source=check.text(source, "source"),
            min_confidence=min_confidence or None, since=since, until=until,
            cameo=check.cameo_prefix(cameo), sort=sort, limit=limit)
    if fmt != "table":
        _list(db_url, fmt, (), lambda store: store.events(query))
        return
    found = _export(db_url, lambda store: (store.events(query), store.event_count(query)))
    print_events(*found)


@main.command()
@click.argument("query", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="json: one JSON object per line.")
def codes(query: str | None, fmt: str) -> None:
    """PLOVER types, modes and contexts and CAMEO event codes with their names.

    QUERY is a code (RETREAT, RETREAT:resign, 08, 0831: the code and what it covers) or
    words of a name (leadership); none lists every code."""
    from dataclasses import asdict

    from dragoman.knowledge.codes import find_codes
    from dragoman.report import print_rows

    found = [asdict(c) for c in find_codes(query)]
    if not found and fmt == "table":
        raise click.ClickException(f"no code or code name matches {query!r}; try "
                                   "`dragoman codes` for the whole list")
    print_rows(found, fmt, columns=("code", "kind", "name", "plover", "quad"))


@main.command(name="merge-events")
@db_option
@click.option("--days", type=click.IntRange(0), default=None,
              help="Days apart mentions of one event may be dated [setting: event_merge_days].")
def merge_events(db_url: str, days: int | None) -> None:
    """Merge the stored event mentions across articles again (after changing
    event_merge_days, or a store written by an older dragoman)."""
    from dragoman.store import open_store

    with _guard():
        window = days if days is not None else Settings.from_env().event_merge_days
        store = open_store(db_url)
        mentions, merged = store.remerge_events(window)
        store.close()
    click.echo(f"merged {mentions} event mentions into {merged} events "
               f"(event_merge_days {window})", err=True)


@main.group()
def spark() -> None:
    """Run dragoman on Apache Spark (pip install 'dragoman[spark]', Java 17)."""


@spark.command(name="extract")
@click.argument("inputs", nargs=-1, required=True)
@click.argument("output")
@click.option("--master", help="Spark master URL: local[2], spark://host:7077, yarn, … "
                               "(default: spark-submit's, else local[*]).")
@click.option("--partitions", type=click.IntRange(min=1),
              help="Partitions the articles are cut into (default: Spark's parallelism).")
@click.option("--model", help="spaCy pipeline: installed package name or path "
              "[setting: model].")
@click.option("--batch-size", type=click.IntRange(min=1),
              help="Articles per batch [setting: batch_size].")
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              help="Keep only events of at least this confidence, 0 to 1 "
                   "[setting: event_min_confidence].")
def spark_extract(inputs: tuple[str, ...], output: str, master: str | None,
                  partitions: int | None, model: str | None, batch_size: int | None,
                  min_confidence: float | None) -> None:
    """Extract INPUTS on Spark and write Parquet tables to the OUTPUT folder.

    INPUTS are paths Spark reads (local, hdfs://, s3a://): .jsonl/.txt/.html files (also
    .gz) or folders of them, or .parquet with id, text, published, … columns. OUTPUT gets
    records, articles, paragraphs, entities, quotes, timexes, event_mentions, events,
    actors, actor_aliases, entity_actors, repeated_paragraphs and errors
    (docs/parquet.md); a re-run overwrites them. Spark's executors are the workers.
    """
    from dragoman.run.spark import extract as run_extract
    from dragoman.run.spark import session

    with _guard():
        settings = _settings(model, None, batch_size, min_confidence)
        spark_session = session(master)
        summary = run_extract(spark_session, list(inputs), output, settings, partitions)
    click.echo(f"{output}: tables {', '.join(summary.tables)}", err=True)
    _print_summary(summary.as_dict())
    sys.exit(1 if summary.failed else 0)


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
    with _guard():
        store = open_store(db_url)
        load_tables(output, store, Settings.from_env(), summary=summary)
        counts = store.counts()
        store.close()
    _print_summary(summary.as_dict(), stored=True)
    print_run_summary(summary.as_dict(), db_url, counts)
    sys.exit(1 if summary.failed else 0)


@main.command()
@db_option
def migrate(db_url: str) -> None:
    """Apply the store's pending schema migrations (the read commands and serve only read, so
    a store written by an older dragoman needs this once)."""
    from dragoman.errors import StoreError
    from dragoman.store import POSTGRES_SCHEMES, display_url, open_store, sqlite_path

    with _guard():
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

    with _guard():
        counts = copy_store(source, target)
    shown = ", ".join(f"{table} {n}" for table, n in counts.items())
    click.echo(f"copied {display_url(source)} to {display_url(target)}: {shown}", err=True)


@main.group()
def export() -> None:
    """Export stored records in standard formats."""


@export.command(name="events")
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "gdelt"]),
              default="csv", show_default=True,
              help="gdelt: the 61 tab-separated GDELT 2.0 event columns, those dragoman "
                   "cannot fill left empty.")
@click.option("-o", "--output", default="-", show_default=True,
              help="File to write (standard output by default; parquet needs a file).")
@min_confidence_option
def export_events_command(db_url: str, fmt: str, output: str,
                          min_confidence: float | None) -> None:
    """Every event merged across articles, one row each, with a day for every row (and its
    precision), its counts, source, Goldstein score and confidence (docs/codebook.md)."""
    from dragoman.export import export_events

    written = _export(db_url, lambda store: export_events(store, fmt, output, min_confidence))
    click.echo(f"exported {written} events as {fmt}", err=True)


@export.command(name="mentions")
@db_option
@click.option("--format", "fmt",
              type=click.Choice(["csv", "jsonl", "parquet", "gdelt-mentions"]),
              default="csv", show_default=True,
              help="gdelt-mentions: the 16 tab-separated GDELT 2.0 Mentions columns.")
@click.option("-o", "--output", default="-", show_default=True,
              help="File to write (standard output by default; parquet needs a file).")
@min_confidence_option
def export_mentions_command(db_url: str, fmt: str, output: str,
                            min_confidence: float | None) -> None:
    """Every event mention, one row per article reporting a merged event: the event's id,
    the article, its source, the evidence sentence and its offsets, the confidence."""
    from dragoman.export import export_mentions

    written = _export(db_url, lambda store: export_mentions(store, fmt, output,
                                                            min_confidence))
    click.echo(f"exported {written} event mentions as {fmt}", err=True)


@export.command(name="network")
@db_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "csv"]), default="graphml",
              show_default=True, help="graphml: nodes and edges, for Gephi, networkx or "
                                      "igraph; csv: the edges with both ends' names.")
@click.option("-o", "--output", default="-", show_default=True,
              help="File to write (standard output by default).")
@min_confidence_option
def export_network_command(db_url: str, fmt: str, output: str,
                           min_confidence: float | None) -> None:
    """Actors (country or organisation codes, with names) linked by directed edges, one per
    event type, weighted by the number of merged events from actor to recipient."""
    from dragoman.network import export_network

    nodes, edges = _export(db_url, lambda store: export_network(store, fmt, output,
                                                                min_confidence))
    click.echo(f"exported {nodes} actors and {edges} edges as {fmt}", err=True)


def _export(db_url: str, write: Callable[[Any], Any]) -> Any:
    """Open the store read-only, run one export on it, close it."""
    from dragoman.store import open_store

    with _guard():
        store = open_store(db_url, read_only=True)
        try:
            return write(store)
        finally:
            store.close()


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score these extract records instead of running the pipeline on GOLD.")
@click.option("--only", default=",".join(("quotes", "timexes", "events", "duplicates")),
              show_default=True, help="Comma-separated kinds to score.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@pipeline_options
def evaluate(gold: str, predictions: str | None, only: str, as_json: bool, model: str | None,
             workers: int | None, batch_size: int | None, min_confidence: float | None) -> None:
    """Score extract output against a GOLD file with CONTRACT.md's rules.

    The events scored are those event_min_confidence keeps; in --predictions, written by
    any system, all of them unless --min-confidence or DRAGOMAN_EVENT_MIN_CONFIDENCE sets a
    minimum (so one extract at 0 can be scored at several thresholds)."""
    from dragoman.evaluate import KINDS
    from dragoman.evaluate import evaluate as score
    from dragoman.jobs import load_jsonl, predict_gold
    from dragoman.records import confident_events
    from dragoman.report import print_scores

    kinds = [k.strip() for k in only.split(",") if k.strip()]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise click.BadParameter(f"unknown kind(s) {', '.join(unknown)}; choose from "
                                 f"{', '.join(KINDS)}", param_hint="--only")
    with _guard():
        gold_lines = load_jsonl(Path(gold))
        settings = _settings(model, workers, batch_size, min_confidence)
        if predictions:
            chosen = min_confidence is not None or \
                "DRAGOMAN_EVENT_MIN_CONFIDENCE" in os.environ
            minimum = settings.event_min_confidence if chosen else 0.0
            predicted = {str(r["id"]): confident_events(r, minimum)
                         for r in load_jsonl(Path(predictions))}
        else:
            predicted = predict_gold(gold_lines, settings)
        report = score(gold_lines, predicted, kinds)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        print_scores(report, title=f"dragoman eval {gold}")


@main.command(name="settings")
def list_settings() -> None:
    """List every setting with its default and environment variable."""
    for name, default, help_text in describe_settings():
        click.echo(f"{name} (DRAGOMAN_{name.upper()}, default {default})\n    {help_text}")


@main.command(name="datasette-metadata")
@click.option("--db", "db_url", default="dragoman.db", show_default=True,
              help="The store Datasette will open (its file name names the database).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def datasette_metadata(db_url: str, output: Path | None) -> None:
    """Datasette metadata with dragoman's canned queries for the store --db, whatever its
    file name: `datasette FILE -m METADATA.json`."""
    from dragoman.datasette import database_name, write_metadata

    with _guard():
        text = write_metadata(db_url, output)
        name = database_name(db_url)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output} (canned queries for database {name!r}); run: datasette "
                   f"{db_url} -m {output}", err=True)


@main.command(name="pipeline")
def show_pipeline() -> None:
    """Print the stage table: each stage in order, what it requires and provides, its module."""
    from dragoman.pipeline import GIVEN, STAGES

    rows = [("stage", "requires", "provides", "module")]
    rows += [(s.name + ("" if s.guarded else " *"), ", ".join(s.requires), s.provides, s.module)
             for s in STAGES]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
                   + "  " + row[3])
    click.echo(f"\ngiven before the stages: {', '.join(GIVEN)}\n* not guarded: a failure "
               "fails the article (the others leave their findings empty and go on)")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default, loopback, keeps the store on this machine.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db_url: str, host: str, port: int) -> None:
    """Serve the store read-only: web pages for analysts and a JSON API under /api/."""
    from dragoman.web import serve as run_server

    with _guard():
        run_server(db_url, host, port, announce=click.echo)


class _guard:
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
        if isinstance(exc, OSError):  # an output in a missing folder, a full device, …
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)


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


def _print_summary(summary: dict[str, Any], stored: bool = False) -> None:
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary["failures_by_kind"].items()))
    rate = summary["processed"] / summary["seconds"] if summary["seconds"] else 0.0
    parts = [f"read {summary['read']}", f"processed {summary['processed']}"]
    if stored:
        parts += [f"stored {summary['stored']} new", f"{summary['already_stored']} already stored"]
    parts += [f"near-duplicates {summary['near_duplicates']}",
              f"failed {summary['failed']}" + (f" ({kinds})" if kinds else ""),
              f"{summary['seconds']:.1f}s ({rate:.1f} articles/s)"]
    click.echo("summary: " + ", ".join(parts), err=True)
