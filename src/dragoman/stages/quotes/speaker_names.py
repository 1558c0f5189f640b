"""Names for speakers: what a quote record calls the one who spoke.

CONTRACT's conventions (``speaker.name``): the resolved entity's fullest name; a state or
its capital speaking is its government ("Syria said", "Damascus said" → "Syrian
government"); a description that is not a named entity keeps the article's words without
the determiner ("the state news agency" → "state news agency"); an unnamed single source
("a diplomat said") and collective sources ("officials said") name no one and keep their
description. Countries and sectors come from the text (a modifier naming a state, the
article's own state for "the government") and from actor knowledge.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from dragoman.records import Entity, Span, Speaker
from dragoman.stages.entities.index import EntityIndex
from dragoman.stages.entities.mentions import TITLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns that stand for a state's government ("the Syrian authorities", "the regime").
GOVERNMENT_NOUNS = {"government", "authorities", "regime", "administration", "cabinet",
                    "junta", "leadership"}
# Nouns that name an organisation (not a person): "the ministry", "the group", "state TV".
ORGANISATION_NOUNS = {
    "ministry", "department", "office", "agency", "group", "organisation", "organization",
    "council", "committee", "commission", "body", "party", "movement", "coalition",
    "alliance", "front", "army", "military", "force", "forces", "police", "command",
    "newspaper", "paper", "daily", "broadcaster", "channel", "tv", "television", "radio",
    "network", "outlet", "website", "company", "firm", "bank", "court", "tribunal",
    "parliament", "assembly", "congress", "senate", "opposition", "embassy", "consulate",
    "observatory", "union", "association", "federation", "institute", "foundation",
    "charity", "university", "mission", "service", "inquiry", "board", "authority",
    "watch", "watchdog", "international", "centre", "center", "society", "league", "fund",
    "bloc", "club", "team", "community", "programme", "program", "monitor", "station",
    "bureau", "secretariat",
}
# Generic organisation nouns that refer back to the organisation just talked about ("the
# group said", "the organisation added") whatever its name.
GENERIC_ORGANISATION_NOUNS = {"group", "organisation", "organization", "body", "movement",
                              "agency", "company", "firm", "newspaper", "paper",
                              "broadcaster", "channel", "network", "charity", "alliance",
                              "coalition", "ministry", "office", "institute", "party",
                              "watchdog", "observatory", "commission", "council"}
# Entity types of words that are no speaker's name ("February said").
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "NORP",
             "LAW", "WORK_OF_ART", "LANGUAGE"}
# Documents: they report what someone said, but name no speaker ("the UN resolution says").
DOCUMENT_NOUNS = {"resolution", "report", "statement", "draft", "plan", "bill", "law", "letter",
                  "document", "study", "survey", "poll", "deal", "agreement", "proposal",
                  "declaration", "decision", "order", "decree", "communique", "memo", "text",
                  "minute", "advice", "note", "tweet", "post", "message", "poster", "article",
                  "editorial", "book", "film", "footage", "video", "image", "images"}
# People described by what they are ("a fire-safety expert", "the retiree").
PERSON_NOUNS = TITLE_WORDS | {
    "man", "woman", "boy", "girl", "resident", "witness", "nurse", "doctor", "teacher",
    "student", "lawyer", "activist", "journalist", "reporter", "correspondent", "editor",
    "worker", "farmer", "soldier", "fighter", "rebel", "protester", "source", "retiree",
    "mother", "father", "son", "daughter", "wife", "husband", "driver", "owner", "victim",
    "survivor", "citizen", "villager", "engineer", "scientist", "pilot", "veteran", "aide",
    "colleague", "friend", "neighbour", "neighbor", "member", "supporter", "critic",
    "observer", "employee", "manager", "insider", "person", "someone", "one",
}
_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "i", "ic", "ch")
# "<relative>'s (eldest) son <given name>" right before a mention: the relative's name ends
# at group 1.
_KIN_BEFORE = re.compile(
    r"(\w[\w-]*)['’]s (?:(?:eldest|youngest|elder|younger|second|third|late) )?"
    r"(?:son|daughter|brother|sister|wife|husband|nephew|niece|cousin|grandson|"
    r"granddaughter|half-brother),? $")


class NamingKnowledge(Protocol):
    """What naming asks of :class:`dragoman.knowledge.Knowledge`."""

    def country(self, text: str) -> str | None: ...
    def country_info(self, code: str) -> Any: ...
    def government(self, text: str) -> str | None: ...
    def sector(self, text: str) -> str | None: ...
    def office_holder(self, role: str, country: str | None = None,
                      on: str | None = None) -> Any: ...


class Namer:
    """Speaker records for entities and for descriptions, in one article."""

    def __init__(self, doc: Doc, index: EntityIndex, text: str,
                 knowledge: NamingKnowledge | None = None, published: str | None = None
                 ) -> None:
        self.doc = doc
        self.index = index
        self.text = text
        self.knowledge = knowledge
        self.published = published
        self._spelt: dict[str, str] = {}  # an abbreviation → as this article writes it

    def office_holder(self, role: str, country: str | None) -> Entity | None:
        """The person of the article who, by actor knowledge, held ``role`` in ``country``
        on the publication day ("the Syrian president" → Bashar al-Assad)."""
        if self.knowledge is None or self.published is None:
            return None
        holder = self.knowledge.office_holder(role, country, self.published)
        if holder is None:
            return None
        surname = holder.name.casefold().split()[-1]
        found = {e.id: e for e in self.index.entities if is_person(e) and (
            (holder.wikidata and e.wikidata == holder.wikidata)
            or e.name.casefold().split()[-1] == surname)}
        return next(iter(found.values())) if len(found) == 1 else None

    # -- entities -----------------------------------------------------------------------------
    def entity(self, entity: Entity, span: Span | None, mention: str = "") -> Speaker:
        """The speaker record of an entity: a state (or its capital) speaking is its
        government; an organisation goes by the fullest name the article gives it."""
        state = self._state_of(entity, mention or entity.name)
        if state is not None:
            return Speaker(entity.id, self.government_name(state), span, state, "GOV")
        fuller = self._fuller(entity)
        name = self._with_family_name(fuller) if is_person(fuller) else fuller.name
        return Speaker(fuller.id, name, span, fuller.country or entity.country,
                       fuller.sector or entity.sector)

    def _with_family_name(self, person: Entity) -> str:
        """A person the article names by a given name only, as a relative of someone it
        names in full ("Muammar Gaddafi's son Saif" → "Saif Gaddafi", "the president's
        wife Asma"): the given name and the relative's family name."""
        for start, _ in person.mentions:
            found = _KIN_BEFORE.search(self.text, max(0, start - 80), start)
            if found is None:
                continue
            relative = self.index.at(found.start(1), found.end(1))
            if relative is None or relative.id == person.id or not is_person(relative):
                continue
            family = relative.name.split()
            if len(family) > 1 and family[-1] not in person.name.split():
                return f"{person.name} {family[-1]}"
        return person.name

    def _state_of(self, entity: Entity, mention: str) -> str | None:
        if entity.type != "GPE" or not _is_state(entity.country) or self.knowledge is None \
                or is_organisation(entity):
            return None
        code = self.knowledge.government(mention) or self.knowledge.country(mention)
        return code if code == entity.country else None

    def _fuller(self, entity: Entity) -> Entity:
        """The fullest name the article gives: "Amnesty" → "Amnesty International", "the
        Observatory" → "the Syrian Observatory for Human Rights" (the one longer
        organisation name holding all its words), "Khabbaz Hamoui" → "Faysal Khabbaz
        Hamoui" (the one longer name of a person ending with all its words)."""
        words = entity.name.casefold().split()
        if is_person(entity) or (entity.country is None and entity.sector is None
                                 and not is_organisation(entity)):
            # also "Abu Salem" tagged as a place, after the person "Tariq Abu Salem"
            longer = [e for e in self.index.entities if is_person(e) and e.id != entity.id
                      and len(e.name.split()) > len(words) > 1
                      and e.name.casefold().split()[-len(words):] == words]
            return longer[0] if len(longer) == 1 else entity
        if not is_organisation(entity) or entity.name.isupper():
            return entity  # an acronym is a name of its own ("UN", not "UN General Assembly")
        longer = sorted((e for e in self.index.entities if is_organisation(e)
                         and e.id != entity.id and _contains(e.name.casefold().split(), words)),
                        key=lambda e: len(e.name))
        if longer and all(_contains(e.name.casefold().split(), longer[0].name.casefold().split())
                          for e in longer[1:]):
            return longer[0]  # "Amnesty International", also with "Amnesty International USA"
        return entity

    def government_name(self, code: str) -> str:
        return f"{self.adjective(code)} government"

    def adjective(self, code: str) -> str:
        """The state's adjective: the one the article uses ("Israeli"), else the
        knowledge table's likeliest."""
        info = self.knowledge.country_info(code) if self.knowledge is not None else None
        if info is None:
            return code
        if info.adjective:
            return self._as_spelt(info.adjective)  # the knowledge's usual one ("US", "British")
        used = [d for d in info.demonyms if d in self._article_words
                and not d.endswith("stan")]
        if used:
            return str(max(used, key=lambda d: self._article_words[d]))
        stem = info.name[:3].casefold()
        # "Syrian", "Israeli"; of a name of several words, the one spelt like it all
        # ("South African", "Costa Rican")
        likely = [str(d) for d in info.demonyms if d.casefold().startswith(stem)
                  and d.endswith(_ADJECTIVE_ENDINGS) and not d.endswith("stan")
                  and len(d.split()) == len(str(info.name).split())]
        return min(likely, key=len) if likely else str(info.name)

    def _as_spelt(self, adjective: str) -> str:
        """An abbreviation as the article writes it: "U.S." in an article that writes
        "U.S." more often than "US" (news styles differ; names follow the article)."""
        if not (adjective.isupper() and adjective.isalpha() and len(adjective) <= 3):
            return adjective
        if adjective not in self._spelt:
            dotted = ".".join(adjective) + "."
            plain_uses = len(re.findall(rf"\b{adjective}\b(?!\.)", self.text))
            dotted_uses = len(re.findall(rf"(?<![\w.]){re.escape(dotted)}", self.text))
            self._spelt[adjective] = dotted if dotted_uses > plain_uses else adjective
        return self._spelt[adjective]

    @cached_property
    def _article_words(self) -> Counter[str]:
        return Counter(self.text.replace("’s", " ").replace("'s", " ").split())

    @cached_property
    def home_country(self) -> str | None:
        """The state at least half of the article's state mentions (two or more) name."""
        counts: Counter[str] = Counter()
        for entity in self.index.entities:
            if entity.type in ("GPE", "NORP") and _is_state(entity.country):
                counts[str(entity.country)] += len(entity.mentions)
        top = counts.most_common(1)
        if top and top[0][1] >= 2 and top[0][1] * 2 >= sum(counts.values()):
            return top[0][0]
        return None

    # -- descriptions -------------------------------------------------------------------------
    def described(self, head: Token, span: Span) -> Speaker:
        """A source that is no named entity: a government, an organisation as the text
        spells it, a described person (named only when the text names them elsewhere)."""
        words = self.text[span[0]:span[1]]
        bare = _without_determiner(words)
        lemma = head.lemma_.lower()
        country = self.country_in(head)
        definite = _definite(head)
        owner = next((t for t in head.lefts if t.dep_ == "poss" and t.pos_ == "PROPN"), None)
        owned = owner is not None
        if owner is not None and country is None:  # "Assad's government": his state's
            leader = self.index.at(owner.idx, owner.idx + len(owner))
            if leader is not None and is_person(leader) and _is_state(leader.country):
                country = leader.country
        if (lemma in GOVERNMENT_NOUNS or head.lower_ in GOVERNMENT_NOUNS) and \
                head.lower_ != "governments" and (country or not owned):
            # "NATO's leadership" is NATO's, not the government of the article's state
            country = country or (self.home_country if definite else None)
            if country is not None:
                return Speaker(None, self.government_name(country), span, country, "GOV")
        person = lemma in PERSON_NOUNS or head.lower_ in PERSON_NOUNS
        sector = self.knowledge.sector(bare) if self.knowledge is not None else None
        plural = head.tag_ in ("NNS", "NNPS")
        name_like = (head.tag_ == "NNP" or (head.text[:1].isupper() and head.is_alpha and not
                                            head.is_sent_start)) and not (  # "Skelly" as RB
            head.tag_ in ("NNS", "NNPS") or head.ent_type_ in NOT_NAMES)  # "Democrats"
        if name_like and not person and head.text[:1].isupper() and not any(
                t.dep_ == "det" and t.lower_ in ("a", "an", "another", "one", "some")
                for t in head.lefts):  # "another New Hampshire Republican" is nobody named
            return Speaker(None, bare, span, country, sector)  # a name
        # an organisation, or a phrase with a name in it ("Japan's main opposition");
        # not a thing ("the plan", "the draft": documents name no speaker)
        organisation = lemma in ORGANISATION_NOUNS or (lemma not in DOCUMENT_NOUNS and any(
            t.ent_type_ or t.pos_ == "PROPN" for t in head.lefts))
        if person or plural or not definite or not organisation:
            return Speaker(span=span, country=country, sector=sector, description=words)
        return Speaker(None, bare, span, country, sector)

    def country_in(self, head: Token) -> str | None:
        """The state a modifier names: "Kyrgyzstan's defence ministry", "the Syrian
        authorities", "Bulgaria's new government"."""
        for token in head.lefts:
            if token.dep_ not in ("poss", "amod", "compound", "nmod"):
                continue
            entity = self.index.at(token.idx, token.idx + len(token))
            if entity is not None and entity.type in ("GPE", "NORP") and \
                    _is_state(entity.country):
                return entity.country
            if self.knowledge is not None and token.pos_ in ("PROPN", "ADJ"):
                code = self.knowledge.country(token.text)
                if _is_state(code):
                    return code
        return None


def is_person(entity: Entity) -> bool:
    return entity.type == "PERSON" and not is_organisation(entity)


def is_organisation(entity: Entity) -> bool:
    """An organisation whatever the recogniser's label ("the Syrian Observatory for Human
    Rights" tagged GPE or PERSON)."""
    return entity.type in ("ORG", "FAC") or any(
        w in ORGANISATION_NOUNS for w in entity.name.casefold().split())


def _is_state(code: str | None) -> bool:
    return bool(code) and len(str(code)) == 3 and str(code).isupper()


def _contains(longer: Sequence[str], words: Sequence[str]) -> bool:
    words = [w for w in words if w != "the"]
    return len(longer) > len(words) > 0 and all(w in longer for w in words)


def _definite(head: Token) -> bool:
    """"the ministry", "its office", "Kyrgyzstan's defence ministry", "State TV"."""
    for token in head.lefts:
        if token.dep_ == "det":
            return token.lower_ in ("the", "this", "that")
        if token.dep_ == "poss":
            return True
    return any(t.dep_ in ("compound", "amod") and (t.pos_ == "PROPN" or t.ent_type_)
               for t in head.lefts) or (head.text[:1].isupper() and not head.is_sent_start)


def _without_determiner(words: str) -> str:
    first, _, rest = words.partition(" ")
    if first.casefold() in ("the", "a", "an", "this", "that") and rest:
        return rest
    return words
