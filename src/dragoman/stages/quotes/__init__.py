"""Quotations: quote marks (:mod:`.marks`), speech cues (:mod:`.cues`), candidates
(:mod:`.finder`, :mod:`.frames`, :mod:`.headlines`), speakers (:mod:`.speakers` with
:mod:`.speaker_names`, :mod:`.speaker_roles`, :mod:`.speaker_salience`), assembled by
:func:`extract_quotes`."""

from dragoman.stages.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
