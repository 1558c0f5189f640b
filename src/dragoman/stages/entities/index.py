"""The index later stages use to find an article's entity at a position or by a name or title."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from dragoman.records import Entity


# -- lookups for later stages -------------------------------------------------------------------
class EntityIndex:
    """Find the entity behind a span, a pronoun or a role noun (used by quotes and events)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = list(entities)
        self._by_id = {e.id: e for e in self.entities}
        self._spans = sorted(((s, e, ent) for ent in self.entities for s, e in ent.mentions),
                             key=lambda span: (span[0], span[1]))
        self._starts = [s for s, _, _ in self._spans]
        self._longest = max((e - s for s, e, _ in self._spans), default=0)

    def get(self, entity_id: str | None) -> Entity | None:
        """The entity with id ``entity_id`` (None for None or an unknown id)."""
        return self._by_id.get(entity_id) if entity_id else None

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)`` (the longest overlap)."""
        best: tuple[int, Entity | None] = (0, None)
        # only mentions starting within one longest mention before ``start`` can overlap
        first = bisect_left(self._starts, start - self._longest)
        for s, e, entity in self._spans[first:bisect_left(self._starts, end)]:
            overlap = min(e, end) - max(s, start)
            if overlap > best[0]:
                best = (overlap, entity)
        return best[1]

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """``(start, end, entity)`` of every mention starting in ``[start, end)``."""
        return self._spans[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def people_before(self, offset: int, gender: str | None = None) -> list[Entity]:
        """People mentioned before ``offset``, the most recently mentioned first; with
        ``gender``, only those not known to be of the other gender."""
        last: dict[str, tuple[int, Entity]] = {}
        for s, e, entity in self._spans:
            if e <= offset and entity.type == "PERSON":
                last[entity.id] = (s, entity)
        ordered = [entity for _, entity in sorted(last.values(), key=lambda x: -x[0])]
        if gender:
            ordered = [p for p in ordered if p.gender in (None, gender)]
        return ordered

    def by_title(self, role: str, before: int) -> Entity | None:
        """The entity whose title has the role's head word ("the press secretary" → the
        entity titled "White House press secretary"), if exactly one such entity was
        mentioned before ``before``."""
        words = [w for w in role.casefold().split() if w not in ("the", "a", "an")]
        if not words:
            return None
        found = {p.id: p for p in self.people_before(before) + self._others_before(before)
                 if p.title and _title_matches(words, p.title)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _others_before(self, offset: int) -> list[Entity]:
        return [e for e in self.entities if e.type != "PERSON"
                and any(s < offset for s, _ in e.mentions)]


def _title_matches(role_words: list[str], title: str) -> bool:
    title_words = title.casefold().replace("-", " ").split()
    return role_words[-1] in title_words and all(w in title_words for w in role_words)
