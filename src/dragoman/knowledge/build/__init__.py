"""Generators of the knowledge tables in ``dragoman/knowledge/data/``: build-time only.

One command runs them (``python -m dragoman.knowledge.build --help``):

- ``actors``: countries, places, metonyms, people, offices, organisations and sector words
  (:mod:`.tables`, from :mod:`.countries`, :mod:`.people` and :mod:`.actors`, which read the
  TABARI/PETRARCH dictionaries through :mod:`.tabari` and CountryInfo through
  :mod:`.countryinfo`);
- ``events``: the event lexicon and the CAMEO → PLOVER code table (:mod:`.events`);
- ``scores``: the cooperation–conflict scores (:mod:`.scores`);
- ``codes``: PLOVER types, modes and contexts and CAMEO event codes with their names
  (:mod:`.codes`), for ``dragoman codes`` and the web UI's labels;
- ``fips``: ISO-3 → FIPS 10-4 country codes for the GDELT export's geo fields (:mod:`.fips`);
- ``confidence``: fits the event confidence model (:mod:`.confidence`; needs scikit-learn,
  from the dev extra, and the spaCy model).

The pipeline never imports this package: the runtime lookups live one level up
(:class:`dragoman.knowledge.Knowledge`, :mod:`dragoman.knowledge.scores`).
"""

from __future__ import annotations

from dragoman.knowledge import DATA

KNOWLEDGE = DATA.parent
CURATED = KNOWLEDGE / "curated"
# ../shared beside the checkout (src/dragoman/knowledge → the folder holding the repo).
DEFAULT_SHARED = KNOWLEDGE.parents[3] / "shared"

__all__ = ["CURATED", "DATA", "DEFAULT_SHARED", "KNOWLEDGE"]
