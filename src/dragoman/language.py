"""Language gate: articles not in English are skipped with a reason, before parsing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dragoman.errors import LanguageError

if TYPE_CHECKING:
    from lingua import LanguageDetector

# Below this many letters the detectors guess; such short texts are let through.
MIN_LETTERS = 40


class LanguageGate:
    """Detects an article's language from its first ``sample_chars`` characters."""

    def __init__(self, sample_chars: int) -> None:
        self.sample_chars = sample_chars
        self._detector: LanguageDetector | None = None

    def check(self, text: str, origin: str = "") -> None:
        """Raise LanguageError when ``text`` is confidently not English."""
        if self.sample_chars <= 0:
            return
        sample = text[: self.sample_chars]
        if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
            return
        found = self._detect(sample)
        if found is not None and found != "ENGLISH":
            raise LanguageError(
                f"the article is in {found.title()}, not English; dragoman's pipeline reads "
                "English (set language_check_chars to 0 to skip this check)", origin=origin)

    def _detect(self, sample: str) -> str | None:
        if self._detector is None:
            from lingua import LanguageDetectorBuilder

            # Low-accuracy mode uses trigram models only: fast and small, and plenty for a
            # thousand characters of running text.
            self._detector = (LanguageDetectorBuilder.from_all_languages()
                              .with_low_accuracy_mode().build())
        language = self._detector.detect_language_of(sample)
        return None if language is None else language.name
