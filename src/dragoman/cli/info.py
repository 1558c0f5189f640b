"""What dragoman is configured with: its settings and its stage table."""

from __future__ import annotations

import click

from dragoman.cli.common import main
from dragoman.settings import describe_settings


@main.command(name="settings")
def list_settings() -> None:
    """List every setting with its default and environment variable."""
    for name, default, help_text in describe_settings():
        click.echo(f"{name} (DRAGOMAN_{name.upper()}, default {default})\n    {help_text}")


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
