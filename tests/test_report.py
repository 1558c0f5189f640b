"""Terminal output of runs: the live view while the model loads and articles go by, and the
closing summary."""

from __future__ import annotations

import io

from rich.console import Console

from dragoman.report import RunDisplay, next_commands, print_run_summary


def _console(out: io.StringIO, terminal: bool) -> Console:
    return Console(file=out, force_terminal=terminal, width=120, highlight=False,
                   soft_wrap=True)


def test_a_terminal_sees_the_model_load_then_a_bar_with_speed_and_time_left() -> None:
    out = io.StringIO()
    with RunDisplay("en_test_model", 2, 10, console=_console(out, True), live=True) as display:
        display.loading()
        display.bar.refresh()
        loading = out.getvalue()
        display.ready()
        display.advanced(4)
        display.bar.refresh()
    said = out.getvalue()
    assert "loading model en_test_model in 2 worker processes" in loading
    assert "model ready in" not in loading  # the bar runs while the model loads
    assert "model ready in" in said and "10 articles to read" in said
    assert "4/10" in said and "articles/s" in said and "left" in said


def test_elsewhere_plain_lines_and_no_bar() -> None:
    out = io.StringIO()
    with RunDisplay("en_test_model", 1, None, console=_console(out, False),
                    live=False) as display:
        display.loading()
        display.ready()
        display.advanced(3)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("loading model en_test_model …")
    assert lines[1].startswith("model ready in") and len(lines) == 2


def test_summary_gives_counts_errors_by_reason_and_next_commands() -> None:
    out = io.StringIO()
    summary = {"processed": 3, "found": {"entities": 40, "quotes": 7, "events": 5,
                                         "timexes": 9},
               "failures_by_kind": {"too_large": 1, "language": 2}}
    print_run_summary(summary, "runs/libya.db", {"articles": 3, "events": 4},
                      console=_console(out, False))
    said = out.getvalue()
    assert "found: 40 entities, 7 quotes, 5 event mentions, 9 dates in 3 articles" in said
    assert "errors by reason: language 2, too_large 1 (listed in the store's errors table)" \
        in said
    assert "the store runs/libya.db now holds: 3 articles, 4 events" in said
    assert "  dragoman serve --db runs/libya.db    # " in said
    assert 'sqlite3 runs/libya.db "SELECT origin, kind, message FROM errors"' in said


def test_next_commands() -> None:
    assert next_commands("dragoman.db", False)[0][0] == "dragoman serve"  # the default db
    assert not any("sqlite3" in c for c, _ in next_commands("x.db", False))
    assert next_commands(None, True)[0][0].startswith("dragoman ingest")


def test_the_errors_command_fits_the_backend() -> None:
    sqlite = next_commands("x.db", True)[-1][0]
    postgres = next_commands("postgresql://me@db.example:5432/news", True)[-1][0]
    assert sqlite.startswith("sqlite3 x.db ")
    assert postgres.startswith("psql postgresql://me@db.example:5432/news ")
