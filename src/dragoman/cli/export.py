"""``dragoman export``: merged events, mentions and the actor network as files."""

from __future__ import annotations

import click

from dragoman.cli.common import db_option, main, min_confidence_option, with_store


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

    written = with_store(db_url, lambda store: export_events(store, fmt, output, min_confidence))
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

    written = with_store(db_url, lambda store: export_mentions(store, fmt, output,
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

    nodes, edges = with_store(db_url, lambda store: export_network(store, fmt, output,
                                                                min_confidence))
    click.echo(f"exported {nodes} actors and {edges} edges as {fmt}", err=True)

