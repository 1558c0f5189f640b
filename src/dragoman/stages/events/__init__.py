"""Events: triggers (:mod:`.triggers`), arguments and parties (:mod:`.arguments`,
:mod:`.roles`, :mod:`.demands`, :mod:`.speech`), codes (:mod:`.types`), status and dates
(:mod:`.status`, :mod:`.dates`), merging within the article (:mod:`.merge`) and
confidence (:mod:`.confidence`), assembled by :func:`extract_events`."""

from dragoman.stages.events.extract import extract_events

__all__ = ["extract_events"]
