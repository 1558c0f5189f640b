"""Cross-article linking inside a write: each entity to its actor (corpus/actors.py), each
event mention to its merged event (corpus/events.py), each quote to its quotation
(corpus/quotations.py). The rules are in ``corpus/``; here is only the SQL that finds the
candidates and records the choice, shared by both backends.

Linking reads what earlier batches linked, so two writers must not link at once: the stores
run each batch as one transaction that holds the store's write lock (SQLite: ``BEGIN
IMMEDIATE``; PostgreSQL: a transaction-level advisory lock).
"""

from __future__ import annotations

from typing import Any

from dragoman.corpus.actors import ActorCandidate, aliases, choose_actor, name_key, person_sound
from dragoman.corpus.events import (
    EventCandidate,
    EventKey,
    choose_event,
    event_key,
    reference_days,
    span,
)
from dragoman.corpus.quotations import choose_quotation, content_key, speaker_key
from dragoman.knowledge.cameo import JOINT
from dragoman.store.sql.dialect import Dialect

SEP = chr(31)  # joins a candidate's aliases: a character no name has


class Linker:
    """Actor and event linking over ``self.db`` (a connection with ``execute``)."""

    db: Any
    dialect: Dialect

    def _link_actor(self, article: str, entity: dict[str, Any], text: str,
                    stamp: tuple[str, str]) -> None:
        """Attach the entity to its cross-article actor (corpus/actors.py), made if new."""
        d = self.dialect
        key = name_key(entity["name"])
        last = key.split()[-1] if key else ""
        sound = person_sound(entity)
        rows = self.db.execute(
            f"SELECT id, name, type, country, wikidata, (SELECT {d.agg('alias', d.unit_separator)} "
            "FROM actor_aliases WHERE actor_id = actors.id), sector FROM actors "
            # one indexed lookup per way of naming the actor: as one WHERE of ORs, PostgreSQL
            # scanned every actor for every entity (ingest slowed as the store grew)
            "WHERE id IN (SELECT id FROM actors WHERE name_key = ? "
            "UNION SELECT id FROM actors WHERE wikidata = ? "
            "UNION SELECT id FROM actors WHERE type = 'PERSON' AND surname = ? "
            "UNION SELECT id FROM actors WHERE type = 'PERSON' AND name_key = ? "
            "UNION SELECT id FROM actors WHERE type = 'PERSON' AND sound = ? "
            f"UNION SELECT actor_id FROM actor_aliases WHERE {d.nocase_eq('alias')}) "
            "ORDER BY id",  # first stored first
            (key, entity.get("wikidata"), key, last, sound, entity["name"])).fetchall()
        candidates = [ActorCandidate(row[0], row[1], row[2], row[3], row[4],
                                     frozenset(name_key(a) for a in (row[5] or "").split(SEP)),
                                     row[6])
                      for row in rows]
        actor = choose_actor(entity, candidates)
        if actor is None:
            actor_id = self.db.execute(
                "INSERT INTO actors (name, name_key, type, country, sector, wikidata, surname, "
                "sound, version, model) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                (entity["name"], key, entity["type"], entity.get("country"),
                 entity.get("sector"), entity.get("wikidata"),
                 last if entity["type"] == "PERSON" else None, sound, *stamp)).fetchone()[0]
        else:
            actor_id = actor.id
            longer = len(key.split()) > len(name_key(actor.name).split())
            self.db.execute(
                "UPDATE actors SET country = coalesce(country, ?), sector = coalesce(sector, ?), "
                "wikidata = coalesce(wikidata, ?), name = CASE WHEN ? THEN ? ELSE name END, "
                "name_key = CASE WHEN ? THEN ? ELSE name_key END WHERE id = ?",
                (entity.get("country"), entity.get("sector"), entity.get("wikidata"),
                 longer, entity["name"], longer, key, actor_id))
        self.db.execute("INSERT INTO entity_actors (article_id, entity_id, actor_id) "
                        "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        (article, entity["id"], actor_id))
        self.db.executemany(
            "INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?) "
            "ON CONFLICT(actor_id, alias) DO UPDATE SET mentions = actor_aliases.mentions + 1",
            [(actor_id, alias) for alias in sorted(aliases(entity, text))])

    def _link_quotes(self, article: str) -> None:
        """Attach each quote of the article (repeats inside it aside) to the quotation of
        its speaker whose words it repeats, or make it a quotation of its own."""
        rows = self.db.execute(
            "SELECT q.id, q.content, q.speaker_name, (SELECT ea.actor_id FROM entity_actors ea "
            "WHERE ea.article_id = q.article_id AND ea.entity_id = q.speaker_entity) "
            "FROM quotes q WHERE q.article_id = ? AND q.duplicate_of IS NULL ORDER BY q.idx",
            (article,)).fetchall()
        for quote, content, name, actor in rows:
            words, speaker = content_key(content), speaker_key(actor, name)
            found = None
            if speaker is not None:
                found = choose_quotation(words, self.db.execute(
                    "SELECT quotation_id, content_key FROM quotes WHERE speaker_key = ? "
                    "AND quotation_id IS NOT NULL ORDER BY quotation_id, id",
                    (speaker,)).fetchall())
            self.db.execute("UPDATE quotes SET quotation_id = ?, speaker_key = ?, "
                            "content_key = ? WHERE id = ?",
                            (quote if found is None else found, speaker, words, quote))

    def _cluster_for(self, event: dict[str, Any], published: str | None,
                     merge_days: int) -> int:
        """The id of the cross-article event a mention joins, made (or its days narrowed)
        here."""
        key = event_key(event)
        days = reference_days(event, published)
        if days is not None:
            chosen = choose_event(days, self._event_candidates(key, days, merge_days),
                                  merge_days, key)
            if chosen is not None:
                self.db.execute("UPDATE events SET first_day = ?, last_day = ? WHERE id = ?",
                                (*span((*chosen.days, days)), chosen.id))
                return int(chosen.id)
        # with no date at all (no event date, no article date) a mention stays on its own
        cluster: int = self.db.execute(
            "INSERT INTO events (event, actors, recipients, first_day, last_day) "
            "VALUES (?,?,?,?,?) RETURNING id",
            (key.event, key.actors, key.recipients, *(days or (None, None)))).fetchone()[0]
        return cluster

    def _event_candidates(self, key: EventKey, days: tuple[int, int],
                          merge_days: int) -> list[EventCandidate]:
        """The stored events of ``key``'s group (the same states on each side) a mention
        dated ``days`` may join, with the days and keys of their mentions (an event's
        first_day/last_day within the window is necessary). A stored side begins with the
        first state of its group's side, so the side index finds them by that prefix."""
        group = key.group
        firsts = {group.actors, group.recipients} if key.event in JOINT else {group.actors}
        days_of: dict[int, list[tuple[int, int]]] = {}
        keys_of: dict[int, list[EventKey]] = {}
        for first in sorted(firsts):
            found_before = set(days_of)  # by the other side's prefix (joint types)
            low, high = _side_range(first)
            for cluster, date, article_date, actors, recipients in self.db.execute(
                    "SELECT c.id, e.date, a.published, e.actors, e.recipients FROM events c "
                    "JOIN event_mentions e ON e.cluster_id = c.id "
                    "JOIN articles a ON a.id = e.article_id "
                    "WHERE c.event = ? AND c.actors >= ? AND c.actors <= ? "
                    "AND c.first_day <= ? AND c.last_day >= ? ORDER BY c.id, e.id",
                    (key.event, low, high, days[1] + merge_days,
                     days[0] - merge_days)).fetchall():
                if cluster in found_before:
                    continue
                mention_key = EventKey(key.event, actors, recipients)
                if mention_key.group != group:
                    continue
                mention_days = reference_days({"date": date}, article_date)
                if mention_days is not None:
                    days_of.setdefault(cluster, []).append(mention_days)
                    keys_of.setdefault(cluster, []).append(mention_key)
        return [EventCandidate(cluster, tuple(d), tuple(keys_of[cluster]))
                for cluster, d in sorted(days_of.items())]


def _side_range(side: str) -> tuple[str, str]:
    """The stored sides whose states may be ``side``'s (a side of states and name keys):
    those starting with its first state (``USA`` → ``USA``…``USA~``, which holds ``USAGOV``
    and ``USA|GBR``); a side of name keys alone is stored as it is."""
    if side[:1].isupper():
        return side[:3], side[:3] + "~"
    return side, side
