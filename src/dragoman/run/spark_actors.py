"""Cross-article actors as a Spark job: the store's linking rule, replayed group by group.

An entity finds the actors it may join by a few keys (name, surname, sound of a person's
surname, Wikidata id, aliases: corpus/actors.py :func:`lookup_keys`). Entities are joined
into groups that share a key, directly or through others (connected groups, as for
near-duplicates), and each group is linked in stored order (article input order, then the
record's entity order) by :class:`~dragoman.corpus.actors.ActorRegistry`, the store's rule
held in memory. Groups never interact, so the actors are those a store would make.

A key every article shares (a country's name) makes one large group: it is linked by one
task, which bounds how far this step scales (docs/scaling.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from dragoman.corpus.actors import ActorRegistry, aliases, lookup_keys

# An entity's number: its article's seq times this, plus its place among the record's
# entities (an article has far fewer entities).
ENTITY_SLOTS = 1 << 20

ACTORS = ("id BIGINT, name STRING, name_key STRING, type STRING, country STRING, "
          "sector STRING, wikidata STRING, surname STRING, sound STRING")
ALIASES = "actor_id BIGINT, alias STRING, mentions INT"
ENTITY_ACTORS = "article_id STRING, entity_id STRING, actor_id BIGINT"


def write_actors(spark: Any, vertices: Any, output: str, write: Any) -> list[str]:
    """Write ``actors``, ``actor_aliases`` and ``entity_actors`` from the records'
    :func:`entity_vertices`; returns their names."""
    from pyspark.sql import functions as F

    from dragoman.run.spark_corpus import connected_groups, numbered

    entities = spark.createDataFrame(vertices,
                                     "vertex BIGINT, article_id STRING, entity STRING, "
                                     "names ARRAY<STRING>, keys ARRAY<STRING>")
    keyed = entities.select("vertex", F.explode("keys").alias("key"))
    roots = keyed.groupBy("key").agg(F.min("vertex").alias("root"))
    edges = (keyed.join(roots, "key").where("vertex != root")
             .select(F.col("root").alias("first"), F.col("vertex").alias("second"))
             .distinct())
    groups = connected_groups(spark, edges)
    members = (entities.join(groups.withColumnRenamed("seq", "vertex"), "vertex", "left")
               .withColumn("group", F.coalesce("group", "vertex")))
    linked = members.rdd.map(lambda row: (row.group, (row.vertex, row.article_id, row.entity,
                                                      row.names))).groupByKey().map(
        lambda pair: _link_group(pair[1])).cache()
    actors = linked.flatMap(lambda found: found[0])
    ids = numbered(spark, actors.map(lambda actor: (actor[0],)),
                   "first BIGINT, actor_id BIGINT")
    actor_rows = spark.createDataFrame(actors, "first BIGINT, name STRING, name_key STRING, "
                                       "type STRING, country STRING, sector STRING, "
                                       "wikidata STRING, surname STRING, sound STRING")
    alias_rows = spark.createDataFrame(linked.flatMap(lambda found: found[1]),
                                       "first BIGINT, alias STRING, mentions INT")
    link_rows = spark.createDataFrame(linked.flatMap(lambda found: found[2]),
                                      "article_id STRING, entity_id STRING, first BIGINT")
    return [
        write(actor_rows.join(ids, "first").withColumnRenamed("actor_id", "id")
                        .select(*[c.split()[0] for c in ACTORS.split(", ")]).orderBy("id"),
                        output, "actors"),
        write(alias_rows.join(ids, "first").select("actor_id", "alias",
                                                                     "mentions"),
                               output, "actor_aliases"),
        write(link_rows.join(ids, "first").select("article_id", "entity_id",
                                                                    "actor_id"),
                               output, "entity_actors"),
    ]


def entity_vertices(seq: int, record: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """The record's entities as vertices: number, article, entity JSON, names, keys."""
    for position, entity in enumerate(record.get("entities", [])):
        yield (seq * ENTITY_SLOTS + position, record["id"], json.dumps(entity),
               sorted(aliases(entity, record["text"])),
               sorted(lookup_keys(entity, record["text"])))


def _link_group(members: Iterable[tuple[int, str, str, list[str]]]
                ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """One group's actors (keyed by their first entity's number), aliases and links."""
    registry = ActorRegistry()
    firsts: list[int] = []
    links = []
    for vertex, article_id, data, names in sorted(members):
        entity = json.loads(data)
        number = registry.link(entity, set(names))
        if number == len(firsts):
            firsts.append(vertex)
        links.append((article_id, entity["id"], firsts[number]))
    actors = []
    alias_rows = []
    for first, actor in zip(firsts, registry.actors, strict=True):
        found = actor.candidate
        actors.append((first, found.name, actor.name_key, found.type, found.country,
                       found.sector, found.wikidata, actor.surname, actor.sound))
        alias_rows += [(first, alias, count) for alias, count in sorted(actor.aliases.items())]
    return actors, alias_rows, links
