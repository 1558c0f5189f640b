"""What differs between SQLite's SQL and PostgreSQL's, as fragments the shared SQL of
``reader.py``, ``writer.py`` and ``linking.py`` is assembled from.

Everything else (tables, columns, the queries themselves) is one text for both backends:
statements are written with ``?`` placeholders, which the PostgreSQL connection turns into
psycopg's ``%s``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    name: str
    like: str                 # case-insensitive LIKE: SQLite's LIKE is, PostgreSQL's ILIKE
    hint: str                 # SQLite's unary + keeps the planner off an index; nothing in PG
    ordered_join: str         # SQLite's CROSS JOIN … ON fixes the join order; PG plans it
    entity_order: str         # the order entities were written in (record order)

    def agg(self, expr: str, sep: str) -> str:
        """Values of a group joined by ``sep`` (an SQL expression)."""
        return f"group_concat({expr}, {sep})" if self.sqlite else f"string_agg({expr}, {sep})"

    @property
    def unit_separator(self) -> str:
        """chr(31) as an SQL expression (it joins aliases: no name has it)."""
        return "char(31)" if self.sqlite else "chr(31)"

    def statuses(self, cluster: str) -> str:
        """The distinct statuses of a merged event's mentions, sorted, joined by commas."""
        if self.sqlite:
            return ("(SELECT group_concat(s) FROM (SELECT DISTINCT e.status AS s FROM "
                    f"event_mentions e WHERE e.cluster_id = {cluster} ORDER BY s))")
        return ("(SELECT string_agg(DISTINCT e.status, ',' ORDER BY e.status) FROM "
                f"event_mentions e WHERE e.cluster_id = {cluster})")

    def shown_mention(self, cluster: str) -> str:
        """``JOIN`` of ``m``, the mention that describes the merged event ``cluster``: its
        best-scored (corpus/events.py ``mention_score``: a declarative body sentence naming
        both sides), the first stored of those. PostgreSQL would hash-join every mention for
        a subquery form; a LATERAL subquery reads one mention per event off
        event_mentions_best."""
        if self.sqlite:
            return ("JOIN event_mentions m ON m.id = (SELECT e.id FROM event_mentions e "
                    f"WHERE e.cluster_id = {cluster} ORDER BY e.score DESC, e.id LIMIT 1)")
        return ("JOIN LATERAL (SELECT * FROM event_mentions e WHERE e.cluster_id = "
                f"{cluster} ORDER BY e.score DESC, e.id LIMIT 1) m ON true")

    def day(self, expr: str) -> str:
        """A stored day number (Python's date ordinal) as YYYY-MM-DD."""
        if self.sqlite:
            return f"date({expr} + 1721424.5)"
        return f"to_char(DATE '0001-01-01' + ({expr} - 1)::int, 'YYYY-MM-DD')"

    def right(self, expr: str, n: int) -> str:
        return f"substr({expr}, -{n})" if self.sqlite else f"right({expr}, {n})"

    def contains_bar(self, column: str) -> str:
        return f"instr({column}, '|') > 0" if self.sqlite else f"strpos({column}, '|') > 0"

    def find(self, haystack: str, needle: str) -> str:
        """The position of ``needle`` in ``haystack`` (0: absent), case-sensitive."""
        return (f"instr({haystack}, {needle})" if self.sqlite
                else f"strpos({haystack}, {needle})")

    def starts(self, column: str) -> str:
        """``column`` begins with a bound prefix made by :meth:`prefix`, case-sensitive and
        served by an index on the column (SQLite's GLOB; LIKE on PostgreSQL's "C" columns)."""
        return f"{column} GLOB ?" if self.sqlite else f"{column} LIKE ?"

    def prefix(self, code: str) -> str:
        """The pattern of :meth:`starts` for an actor code (capital letters only)."""
        return code + ("*" if self.sqlite else "%")

    def is_not(self, left: str, right: str) -> str:
        return f"{left} IS NOT {right}" if self.sqlite else f"{left} IS DISTINCT FROM {right}"

    def nocase_eq(self, column: str) -> str:
        """``column`` equals a bound value, ignoring case (an index serves it)."""
        return f"{column} = ? COLLATE NOCASE" if self.sqlite else f"lower({column}) = lower(?)"

    def json_items(self, data: str, key: str) -> str:
        """The items of the JSON list ``key`` of a JSON text column, as rows of ``value``."""
        if self.sqlite:
            return f"json_each({data}, '$.{key}')"
        return f"jsonb_array_elements(({data})::jsonb -> '{key}')"

    def json_int(self, value: str, index: int) -> str:
        """Item ``index`` of a JSON list value, as a number."""
        if self.sqlite:
            return f"json_extract({value}, '$[{index}]')"
        return f"({value} ->> {index})::int"

    def json_text(self, value: str, key: str) -> str:
        """Field ``key`` of a JSON object value, as text."""
        if self.sqlite:
            return f"json_extract({value}, '$.{key}')"
        return f"({value} ->> '{key}')"

    @property
    def sqlite(self) -> bool:
        return self.name == "sqlite"


SQLITE = Dialect("sqlite", like="LIKE", hint="+", ordered_join="CROSS JOIN",
                 entity_order="rowid")
POSTGRES = Dialect("postgresql", like="ILIKE", hint="", ordered_join="JOIN",
                   entity_order="seq")

# Full text (FTS5 on SQLite, tsvector + GIN on PostgreSQL): user words become terms that must
# all occur, never query syntax. PostgreSQL's are stored tsvector columns with GIN indexes
# (store/postgres/migrations.py 0003): a row is tested without parsing its text again.
# ``{t}`` is the table's alias and a dot, or nothing.
PG_QUOTE_TEXT = "{t}text_search"  # to_tsvector('simple', content || ' ' || speaker_name)
PG_ARTICLE_TEXT = "{t}text_search"  # to_tsvector('simple', title || ' ' || text)
