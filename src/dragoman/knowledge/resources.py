"""The runtime knowledge a pipeline reads, loaded once and held by it.

:class:`Resources` gathers what the stages look up: the actor knowledge
(:class:`dragoman.knowledge.Knowledge`), the event lexicon, the event confidence model and
the cooperation–conflict scores. The generated files stay where they are
(``knowledge/data/``); this object only reads them. There is no module-level cache: two
pipelines built with different data folders never share a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dragoman.knowledge import DATA, Knowledge
from dragoman.knowledge.scores import Scores, load_scores
from dragoman.stages.events.confidence import ConfidenceModel, load_confidence_model
from dragoman.stages.events.triggers import EventLexicon, load_lexicon

__all__ = ["Resources"]


@dataclass(frozen=True)
class Resources:
    """Actors, event lexicon, confidence model (None when none is fitted: confidence then
    stays null) and scores (read on first use: only the exports and charts need them)."""

    actors: Knowledge
    lexicon: EventLexicon
    confidence: ConfidenceModel | None
    data_dir: Path = DATA

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Resources:
        """The shipped tables, or those generated into ``data_dir``."""
        folder = data_dir or DATA
        return cls(actors=Knowledge.load(folder), lexicon=load_lexicon(folder),
                   confidence=load_confidence_model(folder / "event_confidence.json"),
                   data_dir=folder)

    @cached_property
    def scores(self) -> Scores:
        return load_scores(self.data_dir / "scores.tsv")

    def load_all(self) -> None:
        """Read now the actor tables that otherwise load on first use (for a long-lived
        worker, which will need them all anyway; the scores it never needs)."""
        self.actors.load_all()
