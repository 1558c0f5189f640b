"""Corpus passes: work that looks across articles (near-duplicates, actors, event merging)."""
