"""Entities: mentions grouped into people, organisations and places, with titles, countries
and sectors; the index later stages use to resolve speakers and event parties."""

from dragoman.stages.entities.extract import extract_entities

__all__ = ["extract_entities"]
