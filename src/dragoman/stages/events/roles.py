"""Actors and recipients: the parties a syntactic argument names, resolved to entities.

An argument token is resolved, in order, as a pronoun (he/she → the last person mentioned;
we/our inside a statement → the speaker; their/its → the subject of the clause), a named
entity, a plural reference to two sides ("the two presidents", "both sides": the two
countries the article has been about, only when that is unambiguous), or a common noun read
through its modifiers ("Chinese and US diplomats", "opposition groups in Zimbabwe",
"Xi's envoy"). Countries and sectors come from the entities; where the entities stage left
them empty, from :class:`dragoman.knowledge.Knowledge` when that is available. A group named
only by its kind ("the government", "police", "protesters") belongs to the article's own
country when one dominates the article.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from dragoman.records import Entity, EventParty
from dragoman.stages.entities.countries import nationality
from dragoman.stages.entities.index import EntityIndex
from dragoman.stages.entities.knowledge import ActorKnowledge
from dragoman.stages.entities.mentions import PRONOUN_GENDER

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Third-person pronouns that stand for a person of the article, by gender.
THIRD_PERSON = {w: PRONOUN_GENDER[w] for w in ("he", "him", "his", "she", "her")}
FIRST_PERSON = {"we", "us", "our", "i", "me", "my", "ours"}
# Plural nouns that, with "two" or "both", refer to the two sides of a bilateral story.
PAIR_NOUNS = {"president", "leader", "side", "country", "nation", "government", "state",
              "minister", "delegation", "capital", "head", "power", "neighbour", "neighbor",
              "rival", "foreign minister", "diplomat", "administration"}
PAIR_SECTORS = {"president": "GOV", "leader": "GOV", "government": "GOV", "minister": "GOV",
                "delegation": "GOV", "head": "GOV", "diplomat": "GOV", "administration": "GOV"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod", "appos"}
OWNER_PREPS = {"of", "in", "from"}
# Nouns for doers whose "of" names who they act on ("the killers of two soldiers").
VICTIM_OF_NOUNS = {"kidnapper", "killer", "attacker", "abductor", "captor", "murderer",
                   "assassin", "torturer", "critic", "opponent", "enemy", "jailer",
                   "persecutor", "assailant", "bomber"}
# Participles whose hyphenated modifier names the party ("US-led", "Vietnamese-led",
# "Geneva-based"); "Syrian-backed" names a supporter, not the party itself.
LEADING = {"lead", "led", "base", "based", "run", "ruled", "rule"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
QUANTITY_NOUNS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million",
                  "millions", "score", "scores", "ten", "tens", "crowd", "crowds", "handful"}
FORMER_WORDS = {"former", "ex", "onetime", "erstwhile", "retired"}


@dataclass
class Context:
    """What resolution needs beyond the token: the speaker of the statement the token is in
    (for "we"), and the subject parties of the clause (for "their")."""

    speaker: list[EventParty] | None = None


class PartyResolver:
    def __init__(self, doc: Doc, entities: Sequence[Entity],
                 knowledge: ActorKnowledge | None = None, published: str | None = None) -> None:
        self.doc = doc
        self.published = published
        self.index = EntityIndex(entities)
        self.knowledge = knowledge
        self._resolving: set[int] = set()  # tokens being resolved: a cycle resolves to none
        self._descriptions: dict[str, tuple[str, str | None] | None] = {}
        self._datelines: list[tuple[int, int]] = []
        self._country_mentions = sorted(
            (start, country) for entity in entities
            for country in [self._country(entity)[0]] if is_state(country)
            for start, _ in entity.mentions)

    # -- public -------------------------------------------------------------------------------
    def parties(self, token: Token, context: Context | None = None) -> list[EventParty]:
        """Every party the noun phrase headed by ``token`` names, its conjuncts included."""
        found: list[EventParty] = []
        for head in map(counted, conjuncts(token)):
            for party in self._resolve(head, context or Context()) or self._domestic(head):
                if party not in found:
                    found.append(party)
        return found

    def entity_party(self, entity: Entity, sector: str | None = None) -> EventParty:
        country, own_sector = self._country(entity)
        if country is None and entity.type == "PERSON":
            country, role_sector = self._described(entity)
            own_sector = own_sector or role_sector
        return EventParty(name=entity.name, entity=entity.id, country=country,
                          sector=own_sector or sector)

    def place(self, token: Token) -> tuple[str, str | None] | None:
        """(name, country) of a place token, or None when it names no GPE/LOC/FAC."""
        entity = self._entity(token)
        if entity is None or entity.type not in PLACE_TYPES:
            return None
        return entity.name, self._country(entity)[0]

    def person(self, token: Token) -> Entity | None:
        entity = self._entity(token)
        return entity if entity is not None and entity.type == "PERSON" else None

    # -- resolution ---------------------------------------------------------------------------
    def _resolve(self, token: Token, context: Context) -> list[EventParty]:
        """Guarded: "their" → the clause subject → its modifiers → "their" again ends here."""
        if token.i in self._resolving:
            return []
        self._resolving.add(token.i)
        try:
            return self._resolve_once(token, context)
        finally:
            self._resolving.discard(token.i)

    def exclude_datelines(self, spans: list[tuple[int, int]]) -> None:
        """Words of a dateline ("BEIRUT | Sat Sep 10, 2011 … (Reuters) -") name no party."""
        self._datelines = sorted(spans)

    def in_dateline(self, offset: int) -> bool:
        i = bisect_right(self._datelines, (offset, 1 << 62)) - 1
        return i >= 0 and self._datelines[i][0] <= offset < self._datelines[i][1]

    def _resolve_once(self, token: Token, context: Context) -> list[EventParty]:
        if self._datelines and self.in_dateline(token.idx):
            # "NAIROBI (Reuters) - Kenya and Tanzania agreed": the parser may hang the
            # subject on the dateline's place as an apposition
            return [p for c in token.children if c.dep_ == "appos" and
                    not self.in_dateline(c.idx) for p in self.parties(c, context)]
        lower = token.lower_
        if token.pos_ == "PRON" or lower in THIRD_PERSON:
            return self._pronoun(token, context)
        entity = self._entity(token)
        if entity is not None:
            party = self.entity_party(entity)
            located = self._located(token, entity, party)
            if located is not None:
                return [located]
            if party.country is None and token.pos_ in ("NOUN", "PROPN"):
                # "Iraqi Kurds", "King Hassan of Morocco": the modifier says whose
                coded = [p for p in self._through_modifiers(token, context) if p.country]
                if coded:
                    return [EventParty(party.name, party.entity, coded[0].country,
                                       party.sector or coded[0].sector)]
            return [party]
        pair = self._pair(token)
        if pair is not None:
            return pair
        if token.pos_ in ("NOUN", "PROPN"):
            return self._through_modifiers(token, context)
        return []

    def _domestic(self, token: Token) -> list[EventParty]:
        """"the government", "police", "protesters" with no country of their own: the
        article's own country when one dominates it (CAMEO codes such groups by where they
        are)."""
        if token.pos_ != "NOUN" or not (token.tag_ == "NNS" or any(
                c.dep_ == "det" and c.lower_ == "the" for c in token.children)):
            return []  # "the army", "protesters"; not "other military intelligence"
        sector = self._sector(token)
        home = self.home_country if sector else None
        if home is None:
            return []
        return [EventParty(name=phrase(token), country=home, sector=sector)]

    @cached_property
    def home_country(self) -> str | None:
        """The country at least half of the article's country mentions (two or more) name."""
        counts = Counter(c for _, c in self._country_mentions)
        top = counts.most_common(1)
        if top and top[0][1] >= 2 and top[0][1] * 2 >= sum(counts.values()):
            return str(top[0][0])
        return None

    def _located(self, token: Token, entity: Entity,
                 party: EventParty) -> EventParty | None:
        """"ethnic Albanians in Serbia", "the Albanians of southern Serbia": a people named
        with the state it lives in is coded by that state (CAMEO codes ethnic groups by
        country of residence); "King Hassan of Morocco": a ruler by the state he rules."""
        if entity.type == "PERSON":
            preps = {"of"}  # "King Hassan of Morocco"
        elif entity.type == "NORP" and token.tag_ in ("NNPS", "NNS"):
            preps = {"in", "of"}
        else:
            return None
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                place = self._region_of(obj) if obj.dep_ == "pobj" else None
                if place and is_state(place[1]) and place[1] != party.country:
                    return EventParty(party.name, party.entity, place[1], party.sector)
        return None

    def _described(self, entity: Entity) -> tuple[str | None, str | None]:
        """A person the text describes by a role of one state's or organisation's ("a key
        U.S. lawmaker, Senator Jim Webb"; "Ali Aujali, who resigned as Libya's ambassador"):
        that code and the role's sector, when every such description names the same one. A
        former role ("a former Swedish minister") counts only when the text gives no
        current one ("special representative of the UN …"): ex-officials keep their
        country, envoys act for whom they now serve."""
        if entity.id not in self._descriptions:
            self._descriptions[entity.id] = None  # a description naming him again ends here
            roles = [role for start, end in entity.mentions
                     for span in [self.doc.char_span(start, end, alignment_mode="expand")]
                     if span is not None for role in self._roles(span.root)]
            current = [r for r in roles if not _former(r)]
            found = {found for role in (current or roles) for found in self._role_codes(role)}
            if len({code for code, _ in found}) == 1:
                self._descriptions[entity.id] = next(iter(found))
        return self._descriptions[entity.id] or (None, None)

    @staticmethod
    def _roles(name: Token) -> list[Token]:
        """The nouns in apposition to a name or naming its role in a relative clause on it
        ("who is Libya's envoy", "who resigned as Libya's ambassador")."""
        roles = [c for c in name.children if c.dep_ == "appos"]
        if name.dep_ == "appos":
            roles.append(name.head)
        for clause in (c for c in name.children if c.dep_ == "relcl"):
            roles += [t for t in clause.subtree if t.dep_ in ("attr", "oprd") or
                      (t.dep_ == "pobj" and t.head.lower_ == "as")]
        return [r for r in roles if r.pos_ == "NOUN"]

    def _role_codes(self, role: Token) -> set[tuple[str, str | None]]:
        """(code, sector) of a role noun whose modifiers name a state or organisation
        ("Libya's ambassador", "U.S. lawmaker"); none for a word that is no role ("a man")."""
        sector = self._sector(role)
        if not sector:
            return set()
        return {(p.country, p.sector or sector) for p in self._through_modifiers(role, Context())
                if p.country}

    def _region_of(self, token: Token) -> tuple[str, str | None] | None:
        """The place a noun names, or the place of the part it names ("North Macedonia's
        west", "the north of Syria")."""
        place = self.place(token)
        if place is not None or token.lemma_.lower() not in REGION_WORDS:
            return place
        for child in token.children:
            if child.dep_ in ("poss", "compound"):
                place = self.place(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                place = next((self.place(g) for g in child.children if g.dep_ == "pobj"), None)
            if place is not None:
                return place
        return None

    def _pronoun(self, token: Token, context: Context) -> list[EventParty]:
        lower = token.lower_
        if lower in THIRD_PERSON:
            people = self.index.people_before(token.idx, THIRD_PERSON[lower])
            return [self.entity_party(people[0])] if people else []
        if lower in FIRST_PERSON:
            return list(context.speaker or [])
        if lower in ("their", "its"):
            return self._clause_subject(token, context)
        if lower in ("they", "it") and context.speaker and \
                not any(map(self.is_person, context.speaker)):
            return list(context.speaker)  # "Iraq said it would allow …"; never a person
        if lower in ("them", "him", "her") and token.dep_ in ("dobj", "dative"):
            return self._coordinated_object(token, context)
        return []

    def _coordinated_object(self, token: Token, context: Context) -> list[EventParty]:
        """"congratulated the winners and urged *them* to …": an object pronoun of a verb
        coordinated with an earlier one is that verb's object."""
        verb = token.head
        if verb.dep_ != "conj" or verb.head.pos_ != "VERB":
            return []
        objects = [c for c in verb.head.children if c.dep_ in ("dobj", "dative")]
        return self.parties(objects[0], context) if objects else []

    def is_person(self, party: EventParty) -> bool:
        entity = self.index.get(party.entity)
        return entity is not None and entity.type == "PERSON"

    def _clause_subject(self, token: Token, context: Context) -> list[EventParty]:
        """"China and the US are in talks for their top diplomats": "their" is the clause's
        subject."""
        head = token.head
        for _ in range(6):
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                        and token not in c.subtree]
            if subjects:
                return self.parties(subjects[0], context)
            if head.head == head:
                break
            head = head.head
        return []

    def _through_modifiers(self, token: Token, context: Context) -> list[EventParty]:
        """"Chinese and US diplomats", "Israeli troops", "Xi's envoy", "groups in Zimbabwe"."""
        sector: str | None = None
        found: list[EventParty] = []
        for child in token.children:
            if child.dep_ == "amod" and child.lemma_.lower() in LEADING:
                # "Vietnamese-led forces", "a London-based group": who leads, where based
                heads = [g for g in child.children if g.dep_ in ("npadvmod", "compound", "nmod")]
            elif child.dep_ in MODIFIER_DEPS:
                heads = conjuncts(child)
            elif child.dep_ == "prep" and child.lower_ in OWNER_PREPS:
                if child.lower_ == "of" and token.lemma_.lower() in VICTIM_OF_NOUNS:
                    continue  # "the kidnappers of a Swedish citizen" are not Swedish
                if found and any(p.country for p in found):
                    # "Cambodian refugee camp in Thailand": "in" is only where; "the Turkish
                    # and Greek sides of Cyprus": "of" is the whole they are sides of
                    continue
                heads = [g for c in child.children if c.dep_ == "pobj" for g in conjuncts(c)]
            else:
                continue
            for head in heads:
                if sector is None and head.ent_type_ in ("GPE", "NORP"):
                    sector = self._head_sector(token) or ""  # looked up only when needed
                for party in self._modifier_party(head, sector or None, context):
                    if party not in found:
                        found.append(party)
        return found

    def _modifier_party(self, token: Token, sector: str | None,
                        context: Context) -> list[EventParty]:
        """A modifier's party; a place or nationality takes the head noun's sector
        ("Israeli troops" → ISR MIL)."""
        entity = self._entity(token)
        if entity is None:
            if token.pos_ in ("ADJ", "PROPN") and self.knowledge is not None:
                # "Ghanaian authorities", "US Predator attacks": missed by NER
                code = self._demonym(token.text)
                if code is None and token.text.replace(".", "").isupper():
                    code = self.knowledge.country(token.text)  # "US", "UAE"
                if code:
                    return [EventParty(token.text, None, code, sector)]
            if token.pos_ in ("ADJ", "ADV", "NUM", "DET"):
                return []
            return self._resolve(token, context)
        party = self.entity_party(entity)
        if party.country is None or self._located(token, entity, party) is not None:
            return self._resolve(token, context)  # "Iraqi Kurds", "Albanians in Serbia"
        if entity.type in ("GPE", "NORP") and sector:
            party = EventParty(party.name, party.entity, party.country, sector)
        return [party]

    def _pair(self, token: Token) -> list[EventParty] | None:
        """"the two presidents", "both sides": the two countries the article has named so
        far, when exactly two stand out; else no parties (never a guess)."""
        lemma = token.lemma_.lower()
        if lemma not in PAIR_NOUNS or token.tag_ not in ("NNS", "NNPS"):
            return None
        counted = any(c.lower_ in ("two", "both") for c in token.children) or \
            token.lower_ == "both"
        if not counted or any(c.ent_type_ in ("NORP", "GPE") for c in token.children):
            return None  # "two Russian diplomats" are Russians, not both sides
        pair = self.two_countries(token.idx)
        if pair is None:
            return []
        sector = PAIR_SECTORS.get(lemma)
        phrase = f"{token.doc[token.left_edge.i:token.i + 1].text}"
        return [EventParty(name=f"{phrase} ({code})", country=code, sector=sector)
                for code in pair]

    def two_countries(self, offset: int) -> tuple[str, str] | None:
        counts = Counter(c for start, c in self._country_mentions if start < offset)
        ranked = counts.most_common(3)
        if len(ranked) < 2:
            return None
        if len(ranked) == 3 and ranked[2][1] * 3 > ranked[1][1]:
            return None  # a third country is too present to tell which two are meant
        first, second = sorted((str(ranked[0][0]), str(ranked[1][0])))
        return first, second

    # -- lookups ------------------------------------------------------------------------------
    def _entity(self, token: Token) -> Entity | None:
        if not token.ent_type_ and token.pos_ not in ("PROPN",):
            return None
        return self.index.at(token.idx, token.idx + len(token.text))

    def _country(self, entity: Entity) -> tuple[str | None, str | None]:
        return entity.country, entity.sector

    def _demonym(self, name: str) -> str | None:
        return nationality(self.knowledge, name) if self.knowledge is not None else None

    def _sector(self, token: Token) -> str | None:
        if self.knowledge is None:
            return None
        return self.knowledge.sector(token.lemma_.lower())

    def _head_sector(self, token: Token) -> str | None:
        """The sector a nationality takes from the noun it qualifies: the noun's, else that
        of the nearest word before it that qualifies it too ("Libyan government forces":
        GOV), so a civil war's two camps get their codes (knowledge/actor_codes.py)."""
        found = self._sector(token)
        if found or self.knowledge is None:
            return found
        for child in reversed(list(token.lefts)):
            if child.dep_ in ("compound", "amod") and not child.ent_type_:
                qualifier = self.knowledge.sector(child.lemma_.lower())
                if qualifier:
                    return qualifier
        return found


def counted(token: Token) -> Token:
    """"thousands of protesters", "a crowd of students": the people counted, not the count."""
    if token.lemma_.lower() not in QUANTITY_NOUNS:
        return token
    return next((obj for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for obj in prep.children if obj.dep_ == "pobj"), token)


def _former(role: Token) -> bool:
    return any(c.lower_ in FORMER_WORDS for c in role.children)


def phrase(token: Token) -> str:
    """A common noun's phrase as a party name, articles left out ("Israeli army
    bulldozers")."""
    words = token.doc[token.left_edge.i:token.i + 1]
    return " ".join(t.text for t in words if t.pos_ != "DET") or token.text


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the heads coordinated with it ("China and the United States")."""
    found = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ == "conj" and child not in found:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)




# Nouns naming a part of a country ("in Syria's north", "the south of Lebanon").
REGION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
                "southwest", "centre", "center", "interior", "border", "borderlands", "part",
                "region", "heartland", "coast", "capital", "outskirts"}


def is_state(code: str | None) -> bool:
    """Whether ``code`` is an ISO-3 state code ("IRQ"), not an organisation code
    ("IGOUNO")."""
    return code is not None and len(code) == 3 and code.isalpha() and code.isupper()


def children(token: Token, *deps: str) -> Iterator[Token]:
    return (c for c in token.children if c.dep_ in deps)
