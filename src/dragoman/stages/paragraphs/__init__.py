"""Paragraphs: spans, repeated paragraphs and the zone of the page each belongs to."""

from dragoman.stages.paragraphs.extract import extract_paragraphs

__all__ = ["extract_paragraphs"]
