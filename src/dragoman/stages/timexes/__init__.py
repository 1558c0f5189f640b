"""Dates: temporal expressions found in an article and normalised in TimeML
(:mod:`.timeml`, with the calendar arithmetic of :mod:`.calendar` and the word tables of
:mod:`.words`)."""

from dragoman.stages.timexes.extract import extract_timexes

__all__ = ["extract_timexes"]
