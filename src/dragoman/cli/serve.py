"""Serving a store: the web UI and API, and Datasette's canned queries."""

from __future__ import annotations

from pathlib import Path

import click

from dragoman.cli.common import db_option, guard, main


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default, loopback, keeps the store on this machine.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db_url: str, host: str, port: int) -> None:
    """Serve the store read-only: web pages for analysts and a JSON API under /api/."""
    from dragoman.web import serve as run_server

    with guard():
        run_server(db_url, host, port, announce=click.echo)


@main.command(name="datasette-metadata")
@click.option("--db", "db_url", default="dragoman.db", show_default=True,
              help="The store Datasette will open (its file name names the database).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def datasette_metadata(db_url: str, output: Path | None) -> None:
    """Datasette metadata with dragoman's canned queries for the store --db, whatever its
    file name: `datasette FILE -m METADATA.json`."""
    from dragoman.datasette import database_name, write_metadata

    with guard():
        text = write_metadata(db_url, output)
        name = database_name(db_url)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output} (canned queries for database {name!r}); run: datasette "
                   f"{db_url} -m {output}", err=True)
