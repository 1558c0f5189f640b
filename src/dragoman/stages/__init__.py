"""Stages: each a plain function from a parsed Doc (and earlier stages' records) to records.

One package per stage; each exposes its ``extract_*`` function, re-exported here flat::

    from dragoman.stages import extract_quotes
"""

from dragoman.stages.entities import extract_entities
from dragoman.stages.events import extract_events
from dragoman.stages.paragraphs import extract_paragraphs
from dragoman.stages.quotes import extract_quotes
from dragoman.stages.timexes import extract_timexes

__all__ = ["extract_entities", "extract_events", "extract_paragraphs", "extract_quotes",
           "extract_timexes"]
