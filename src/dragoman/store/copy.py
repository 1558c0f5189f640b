"""``dragoman copy``: every row of one store into another, SQLite or PostgreSQL either way.

Rows are copied as they are, ids included (runs, articles' ingest order, actors, merged
events), table by table in an order that keeps every foreign key satisfied, in chunks that
are never all in memory. Nothing is extracted or linked again, so the target answers every
query as the source does. The target must be empty (a new file or database): copying into a
store that has rows would mix two id sequences.
"""

from __future__ import annotations

from dragoman.errors import StoreError
from dragoman.store.base import Store

# Parents before children; each table read in the order it was written.
TABLES = (("runs", "id"), ("articles", "seq"), ("paragraphs", "article_id, idx"),
          ("errors", "id"), ("entities", None), ("timexes", "article_id, idx"),
          ("quotes", "id"), ("actors", "id"), ("actor_aliases", "actor_id, alias"),
          ("entity_actors", "article_id, entity_id"), ("events", "id"),
          ("event_mentions", "id"))
CHUNK = 2000


def copy_store(source_url: str, target_url: str) -> dict[str, int]:
    """Copy the store at ``source_url`` into the empty store at ``target_url`` (made and
    migrated if missing); the rows copied per table."""
    from dragoman.store import display_url, open_store

    if source_url == target_url:
        raise StoreError(f"--from and --to are the same store ({display_url(source_url)})")
    source = open_store(source_url, read_only=True)
    target = open_store(target_url)
    try:
        if any(target.counts()[t] for t in ("runs", "articles")):
            raise StoreError(f"{display_url(target_url)} already holds a store; copy into a "
                             "new file or an empty database")
        copied = {table: _copy_table(source, target, table, order) for table, order in TABLES}
        target.after_bulk_insert()
    finally:
        source.close()
        target.close()
    return copied


def _copy_table(source: Store, target: Store, table: str, order: str | None) -> int:
    """The columns both stores have (PostgreSQL's entities.seq is filled by order)."""
    wanted = set(target.columns(table))
    columns = [c for c in source.columns(table) if c in wanted]
    if table == "entities":
        columns = [c for c in columns if c != "seq"]
        order = source.dialect.entity_order
    names = ", ".join(f'"{c}"' for c in columns)
    total = 0
    for chunk in source.stream(
            f"SELECT {names} FROM {table} ORDER BY {order}", CHUNK):
        target.bulk_insert(table, columns, chunk)
        total += len(chunk)
    return total
