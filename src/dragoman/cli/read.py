"""Commands that read a store: show, quotes, actors, events, and the code lookup."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from dragoman.cli.common import (
    date_options,
    db_option,
    guard,
    listing_options,
    main,
    min_confidence_option,
    with_store,
)


@main.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the stored record as JSON.")
def show(article_id: str, db_url: str, as_json: bool) -> None:
    """Print one stored article (id or unique id prefix) with its annotations highlighted."""
    from dragoman.report import print_record
    from dragoman.store import open_store

    with guard():
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


def _list(db_url: str, fmt: str, columns: tuple[str, ...],
          query: Callable[[Any], list[dict[str, Any]]]) -> None:
    """Open the store, run one listing query on it, print the rows."""
    from dragoman.report import print_rows
    from dragoman.store import open_store

    with guard():
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

    with guard():
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

    with guard():
        query = ActorQuery(name=check.text(name, "name"),
                           type=entity_type.upper() if entity_type else None,
                           country=check.code(country, "country"), limit=limit)
    _list(db_url, fmt, ("name", "type", "country", "sector", "wikidata", "articles", "aliases"),
          lambda store: store.actors(query))


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

    with guard():
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
    found = with_store(db_url, lambda store: (store.events(query), store.event_count(query)))
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
