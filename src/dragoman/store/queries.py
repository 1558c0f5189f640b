"""Backend-neutral query objects: what the CLI, the JSON API, the web pages and the exports
ask a store for.

Each is a frozen dataclass of already validated values (``web/filters.py`` checks what users
type); a store turns it into SQL of its dialect (``store/sql/reader.py``). ``limit`` and
``offset`` page the rows; a store gives back at most ``limit`` rows.

Event sides (``actor``, ``recipient``, ``party``) are stored as ``|``-joined sorted country
codes, or name keys where a party's country is unknown (``corpus/events.py`` ``side``): give a
code (``USA``) or the key of a name. A joint type (CONSULT, COOPERATE, AGREE) matches actor
and recipient either way round, as event merging does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArticleQuery:
    search: str | None = None       # full-text words, all required
    source: str | None = None       # the article's source, exactly
    actor: str | None = None        # a country code an entity has, or part of an actor alias
    type: str | None = None         # articles with an event of this PLOVER type
    since: str | None = None        # YYYY-MM-DD, on the published date
    until: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class QuoteQuery:
    speaker: str | None = None          # part of the speaker's name or of an actor alias
    search: str | None = None           # full-text words, all required
    speaker_actor: int | None = None    # the speaker's cross-article actor id
    speaker_country: str | None = None  # the speaker's country code
    about: str | None = None            # an entity of this country is named in the quote
    between: tuple[str, str] | None = None  # a speaker of either country about the other
    source: str | None = None
    since: str | None = None            # on the quote's date, else the article's
    until: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class EventQuery:
    actor: str | None = None            # actor side: a country code or a name key
    recipient: str | None = None
    party: str | None = None            # either side
    between: tuple[str, str] | None = None  # the two sides, either way round
    actor_id: int | None = None         # a cross-article actor on a side
    type: str | None = None             # PLOVER type
    status: str | None = None           # a mention has this status
    source: str | None = None           # a mention is in an article of this source
    min_confidence: float | None = None  # the merged event's (its best mention's)
    since: str | None = None            # the event's days overlap the period
    until: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class ActorQuery:
    name: str | None = None             # part of any alias
    type: str | None = None             # PERSON, ORG, GPE, …
    country: str | None = None
    limit: int = 50
    offset: int = 0
