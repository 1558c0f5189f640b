"""The filters a page or API call may give, checked before any SQL sees them.

The checks are the store's (``store/queries.py``: the CLI uses them too, so a filter means the
same from both); a bad value raises :class:`FilterError`, which the app answers with 400 and
the message. :class:`Filters` is one page's filters, all kinds together; it gives the store's
query objects. Nothing here builds SQL text.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from dragoman.store.queries import (
    BUCKETS,
    CODE,
    EVENT_SORTS,
    ID,
    MAX_ID,
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_TERMS,
    MAX_TEXT,
    PLOVER_TYPES,
    STATUSES,
    ActorQuery,
    ArticleQuery,
    EventQuery,
    FilterError,
    QuoteQuery,
    actor_key,
    cameo_prefix,
    choice,
    code,
    day,
    day_number,
    is_code,
    number,
    pair,
    period,
    probability,
    search,
    side,
    sides,
    text,
)

Q = TypeVar("Q", ArticleQuery, QuoteQuery, EventQuery, ActorQuery)


@dataclass(frozen=True)
class Filters:
    search: str | None = None           # full-text words
    speaker: str | None = None          # part of a speaker's name or alias
    speaker_actor: int | None = None    # a cross-article actor's id
    speaker_country: str | None = None
    about: str | None = None            # quotes mentioning an entity of this country
    actor: str | None = None            # a side: actor code or name key (queries.side)
    recipient: str | None = None
    party: str | None = None            # either side
    actor_id: int | None = None         # events with this cross-article actor on a side
    between: tuple[str, str] | None = None
    directed: bool = False              # events between: the first side acts on the second
    joint: bool | None = None           # events of joint types only (True), or none (False)
    type: str | None = None
    status: str | None = None
    source: str | None = None
    name: str | None = None
    entity_type: str | None = None
    country: str | None = None
    min_confidence: float | None = None  # events of at least this confidence
    since: str | None = None
    until: str | None = None
    named_only: bool = False            # quotes: leave out those without a speaker
    cameo: str | None = None            # events with a CAMEO code starting so
    sort: str = "date"                  # events: date, mentions or sources
    limit: int = 50
    offset: int = 0

    def page(self, limit: int, offset: int = 0) -> Filters:
        return replace(self, limit=limit, offset=offset)

    def query(self, kind: builtins.type[Q]) -> Q:
        """The store's query object of ``kind`` with these filters, asking for one row more
        than the page holds so the caller can tell whether another page follows."""
        values: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(kind)
                                  if hasattr(self, f.name)}
        if kind is ActorQuery:
            values["type"] = self.entity_type
        values["limit"] = self.limit + 1
        return kind(**values)

    def articles(self) -> ArticleQuery:
        return self.query(ArticleQuery)

    def quotes(self) -> QuoteQuery:
        return self.query(QuoteQuery)

    def events(self) -> EventQuery:
        return self.query(EventQuery)

    def actors(self) -> ActorQuery:
        return self.query(ActorQuery)


__all__ = [
    "BUCKETS",
    "CODE",
    "EVENT_SORTS",
    "ID",
    "MAX_ID",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "MAX_TERMS",
    "MAX_TEXT",
    "PLOVER_TYPES",
    "STATUSES",
    "FilterError",
    "Filters",
    "actor_key",
    "cameo_prefix",
    "choice",
    "code",
    "day",
    "day_number",
    "is_code",
    "number",
    "pair",
    "period",
    "probability",
    "search",
    "side",
    "sides",
    "text",
]
