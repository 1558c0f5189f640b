"""Entities: named mentions grouped into people, organisations, places and groups.

From spaCy's named entities, per article:

1. clean each mention (drop "the", possessive "’s", honorifics — which give gender);
2. group mentions: a person's later "Biden" or "Wang" joins the earlier "Joe Biden" or
   "Wang Yi" (surname or, for names written family-name first, the first token); an
   organisation's "the Post" joins "the South China Morning Post"; country variants join;
3. read titles and affiliations from the syntax around person mentions (premodifiers
   "press secretary Jen Psaki", appositions "Liu Weidong, a US affairs expert from …",
   "X, who is Y");
4. learn gender from the article itself ("Mr", "Ms", "she said" right after a named person);
5. add country, sector and Wikidata id from the text first, then from actor knowledge
   (:mod:`dragoman.knowledge`), dated by the article's publication date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dragoman.records import Entity
from dragoman.stages.entities.countries import family_countries, to_entity
from dragoman.stages.entities.knowledge import ActorKnowledge
from dragoman.stages.entities.mentions import (
    LABELS,
    clean_mention,
    group_mentions,
    read_pronoun_genders,
)
from dragoman.stages.entities.titles import add_role_mentions, read_titles

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_entities(doc: Doc, knowledge: ActorKnowledge | None = None,
                     published: str | None = None, text: str | None = None) -> list[Entity]:
    """The entities of one article; with ``knowledge``, with countries, sectors and Wikidata
    ids, office holders looked up as of ``published``. ``text`` is the article text the doc
    was parsed from, when at hand (spaCy rebuilds ``doc.text`` on every access)."""
    mentions = [m for m in (clean_mention(ent) for ent in doc.ents if ent.label_ in LABELS) if m]
    groups = group_mentions(mentions, knowledge)
    for group in groups:
        if group.label == "PERSON":
            read_titles(doc, group)
    read_pronoun_genders(doc, groups)
    add_role_mentions(doc, groups, doc.text if text is None else text)
    entities = [to_entity(i, g, knowledge, published) for i, g in enumerate(groups, start=1)]
    return family_countries(entities)
