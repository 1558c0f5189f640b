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

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from spacy.attrs import POS
from spacy.parts_of_speech import PRON

from dragoman.knowledge.keys import key
from dragoman.knowledge.sectors import TOPIC_WORDS
from dragoman.records import Entity, Span
from dragoman.text import fold_case

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
HONORIFICS = {"mr": "male", "mister": "male", "sir": "male", "ms": "female", "mrs": "female",
              "miss": "female", "madam": "female", "dame": "female", "dr": None, "prof": None}
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}
POSSESSIVE = {"'s", "’s", "'", "’"}
# Head nouns of titles and roles. Used to tell a title ("Councillor", "President") from a name
# when the recogniser mislabels it, and to read role nouns ("the press secretary").
TITLE_WORDS = {
    "president", "vice", "premier", "prime", "minister", "secretary", "councillor", "councilor",
    "chancellor", "king", "queen", "prince", "princess", "emir", "sheikh", "sultan", "ayatollah",
    "general", "admiral", "colonel", "commander", "ambassador", "envoy", "diplomat", "senator",
    "governor", "mayor", "chairman", "chairwoman", "chair", "director", "professor", "spokesman",
    "spokeswoman", "spokesperson", "official", "leader", "lawmaker", "representative", "judge",
    "justice", "attorney", "adviser", "advisor", "expert", "analyst", "researcher", "fellow",
    "head", "chief", "deputy", "foreign", "defence", "defense", "press", "state", "speaker",
    "lieutenant", "captain", "major", "sergeant", "officer", "commissioner", "pope", "cardinal",
    "bishop", "rabbi", "imam", "economist", "scholar", "dean", "ceo", "executive", "founder",
    # abbreviated ranks ("Sgt Ramil Sadikov"), compared without their full stop
    "sgt", "capt", "col", "gen", "lt", "maj", "cpl", "pte", "pvt", "cmdr", "adm", "brig",
}
NAME_TYPES = ("PERSON", "ORG", "FAC", "LOC", "GPE", "NORP")


class ActorKnowledge(Protocol):
    """What this stage asks of :class:`dragoman.knowledge.Knowledge`."""

    def country(self, text: str) -> str | None: ...
    def country_info(self, code: str) -> Any: ...
    def government(self, text: str) -> str | None: ...
    def place_country(self, text: str) -> str | None: ...
    def organisation(self, text: str) -> Any: ...
    def organisations_in(self, text: str) -> list[Any]: ...
    def sector(self, text: str) -> str | None: ...
    def people(self, name: str, on: str | None = None) -> list[Any]: ...


@dataclass
class Mention:
    start: int  # token indices
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    gender: str | None = None
    country_name: str | None = None  # ISO-3 when the mention names a country as such
    role: bool = False  # "the press secretary": a title standing for a person named before

    @cached_property
    def words(self) -> list[str]:
        return self.text.casefold().replace(".", "").split()


@dataclass
class Group:
    label: str
    mentions: list[Mention] = field(default_factory=list)
    title: str | None = None
    affiliation: str | None = None
    genders: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:
        named = [m for m in self.mentions if not m.role] or self.mentions
        best = max(named, key=lambda m: (len(m.words), -m.start))
        return best.text

    @property
    def words(self) -> set[str]:
        return {w for m in self.mentions for w in m.words}

    def last_before(self, token: int) -> int:
        starts = [m.start for m in self.mentions if m.start < token]
        return max(starts) if starts else -1


def extract_entities(doc: Doc, knowledge: ActorKnowledge | None = None,
                     published: str | None = None, text: str | None = None) -> list[Entity]:
    """The entities of one article; with ``knowledge``, with countries, sectors and Wikidata
    ids, office holders looked up as of ``published``. ``text`` is the article text the doc
    was parsed from, when at hand (spaCy rebuilds ``doc.text`` on every access)."""
    mentions = [m for m in (_clean(ent) for ent in doc.ents if ent.label_ in LABELS) if m]
    groups = _group(mentions, knowledge)
    for group in groups:
        if group.label == "PERSON":
            _read_titles(doc, group)
    _read_pronoun_genders(doc, groups)
    _add_role_mentions(doc, groups, doc.text if text is None else text)
    entities = [_to_entity(i, g, knowledge, published) for i, g in enumerate(groups, start=1)]
    return _family_countries(entities)


def _family_countries(entities: list[Entity]) -> list[Entity]:
    """A person the text and knowledge place nowhere takes the country of the one other
    person of the article with the same family name ("Saif al-Islam Gaddafi" beside
    "Muammar Gaddafi", "his brother Hazem Ghonim" beside "Wael Ghonim")."""
    by_surname: dict[str, set[str]] = {}
    for e in entities:
        if e.type == "PERSON" and e.country and len(e.name.split()) > 1:
            by_surname.setdefault(key(e.name.split()[-1]), set()).add(e.country)
    result = []
    for e in entities:
        countries = by_surname.get(key(e.name.split()[-1]), set()) if e.name else set()
        if e.type == "PERSON" and e.country is None and len(e.name.split()) > 1 and \
                len(countries) == 1:
            e = replace(e, country=next(iter(countries)))
        result.append(e)
    return result


# -- mentions ----------------------------------------------------------------------------------
def _clean(ent: DocSpan) -> Mention | None:
    tokens = list(ent)
    gender = None
    while tokens and (tokens[0].lower_ in ("the", "a", "an")
                      or tokens[0].lower_.rstrip(".") in HONORIFICS):
        word = tokens.pop(0).lower_.rstrip(".")
        gender = HONORIFICS.get(word, gender)
    while tokens and (tokens[-1].text in POSSESSIVE or tokens[-1].is_punct):
        tokens.pop()
    if ent.label_ == "PERSON":  # "Councillor Wang Yi": the title is not part of the name
        while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in TITLE_WORDS:
            tokens.pop(0)
    if not tokens:
        return None
    if gender is None and ent.start > 0:
        before = ent.doc[ent.start - 1].lower_.rstrip(".")
        gender = HONORIFICS.get(before)
    label = ent.label_
    if all(t.lower_ in TITLE_WORDS for t in tokens):
        return None  # "Councillor", "State" (of Secretary of State): a title, not a name
    start, end = tokens[0].i, tokens[-1].i + 1
    text = ent.doc[start:end].text
    return Mention(start, end, ent.doc[start].idx, tokens[-1].idx + len(tokens[-1]), text,
                   label, gender)


# -- grouping ----------------------------------------------------------------------------------
def _group(mentions: list[Mention], knowledge: ActorKnowledge | None = None) -> list[Group]:
    people = [m for m in mentions if m.label == "PERSON" and len(m.words) > 1]
    person_words = {w for m in people for w in m.words}
    groups: list[Group] = []
    by_key: dict[tuple[str, ...], Group] = {}
    for mention in mentions:
        if len(mention.words) == 1 and mention.words[0] in person_words:
            mention.label = "PERSON"  # "Psaki" tagged ORG, "Blinken" tagged GPE
        if mention.label == "GPE" and knowledge is not None:
            mention.country_name = _country_name_code(mention.text, knowledge)
        group = _find_group(mention, groups, by_key)
        if group is None:
            group = Group(mention.label)
            groups.append(group)
        group.mentions.append(mention)
        by_key.setdefault(_key(mention), group)
        if mention.gender:
            group.genders[mention.gender] += 1
    return _merge_early_surnames(groups)


def _key(mention: Mention) -> tuple[str, ...]:
    if mention.country_name:  # "US", "U.S." and "the United States" are one country
        return ("COUNTRY", mention.country_name)
    return (mention.label if mention.label == "PERSON" else "NAME", *mention.words)


def _country_name_code(text: str, knowledge: ActorKnowledge) -> str | None:
    """The country a name names as a country: one of its names, not a capital ("Beijing"
    stays a city that can stand for the government), a demonym or a longer name that starts
    with one ("Chinese Academy of Social Sciences")."""
    code = knowledge.country(text)
    info = knowledge.country_info(code) if code else None
    if info is None or knowledge.government(text):
        return None
    return code if key(text) in info.name_keys else None


def _find_group(mention: Mention, groups: list[Group],
                by_key: dict[tuple[str, ...], Group]) -> Group | None:
    if mention.label == "PERSON":
        found = _person_group(mention, groups)
        # the same words tagged otherwise before ("Pristina" as a place, then as a person)
        return found or by_key.get(("NAME", *mention.words))
    same = by_key.get(_key(mention)) or by_key.get(("PERSON", *mention.words))
    if same is not None:
        return same
    return _organisation_group(mention, groups)


def _person_group(mention: Mention, groups: list[Group]) -> Group | None:
    """The most recent person group this mention names: the same full name, or one token of a
    longer name (the surname first, else the first token: "Wang" for "Wang Yi")."""
    words = mention.words
    candidates = [g for g in groups if g.label == "PERSON"]
    if len(words) > 1:
        for group in candidates:
            longest = max((m.words for m in group.mentions), key=len)
            if longest == words or _same_person(longest, words):
                return group
        return None
    scored = []
    for group in candidates:
        longest = max((m.words for m in group.mentions), key=len)
        if words[0] == longest[-1]:
            scored.append((2, group.last_before(mention.start), group))
        elif words[0] in longest:
            scored.append((1, group.last_before(mention.start), group))
    if not scored:
        return None
    return max(scored, key=lambda s: (s[0], s[1]))[2]


def _same_person(a: list[str], b: list[str]) -> bool:
    """"Joe Biden" and "Joseph R Biden": same surname and compatible first names."""
    if a[-1] != b[-1]:
        return False
    return a[0] == b[0] or (a[0][0] == b[0][0] and (len(a[0]) == 1 or len(b[0]) == 1))


def _organisation_group(mention: Mention, groups: list[Group]) -> Group | None:
    """"the Post" → "the South China Morning Post"; "UN" → "United Nations"."""
    words = mention.words
    for group in reversed(groups):
        if group.label in ("PERSON", "GPE", "NORP") or mention.label in ("GPE", "NORP"):
            continue
        for other in group.mentions:
            longer = other.words
            if len(longer) > len(words) and longer[-len(words):] == words and words[-1] not in (
                    "university", "ministry", "party", "council", "agency", "government"):
                return group
            if len(words) == 1 and len(longer) > 1 and mention.text.isupper() and (
                    "".join(w[0] for w in longer if w not in ("of", "the", "and", "for"))
                    == words[0]):
                return group
    return None


def _merge_early_surnames(groups: list[Group]) -> list[Group]:
    """"Biden said … President Joe Biden": a one-word person group mentioned before the full
    name joins the only longer group with that word."""
    merged: list[Group] = []
    for group in groups:
        if group.label == "PERSON" and all(len(m.words) == 1 for m in group.mentions):
            word = group.mentions[0].words[0]
            owners = [g for g in groups if g is not group and g.label == "PERSON"
                      and any(len(m.words) > 1 and word in m.words for m in g.mentions)]
            if len(owners) == 1:
                owners[0].mentions.extend(group.mentions)
                owners[0].mentions.sort(key=lambda m: m.start)
                owners[0].genders.update(group.genders)
                continue
        merged.append(group)
    for group in merged:
        labels = Counter(m.label for m in group.mentions)
        full_name = any(m.label == "PERSON" and len(m.words) > 1 for m in group.mentions)
        titled = any(m.gender for m in group.mentions)  # "Ms Lina Ostrova" tagged ORG
        if full_name or titled or labels["PERSON"] * 2 > len(group.mentions):
            group.label = "PERSON"
        else:
            labels.pop("PERSON", None)
            group.label = labels.most_common(1)[0][0]
    return merged


# -- titles and affiliations ------------------------------------------------------------------
def _read_titles(doc: Doc, group: Group) -> None:
    for mention in group.mentions:
        title, affiliation = _title_of(doc, mention)
        if title and (group.title is None or len(title) > len(group.title)):
            group.title, group.affiliation = title, affiliation or group.affiliation
        if group.title and group.affiliation:
            return


def _title_of(doc: Doc, mention: Mention) -> tuple[str | None, str | None]:
    root = doc[mention.start:mention.end].root
    title = _premodifier(doc, mention, root)
    if title:
        words = doc[title[0]:title[1]]
        return words.text, _affiliation(words)
    if root.dep_ == "appos" and root.head.i < mention.start and root.head.pos_ == "NOUN":
        # "The European Union’s foreign policy chief, Josep Borrell, …"
        return _described(doc, root.head, before=mention.start)
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= mention.end and not child.ent_type_:
            return _described(doc, child)
        if child.dep_ == "relcl" and child.lemma_ == "be":
            attr = next((c for c in child.children if c.dep_ in ("attr", "acomp")), None)
            if attr is not None:
                return _described(doc, attr)
    return None, None


def _premodifier(doc: Doc, mention: Mention, root: Token) -> tuple[int, int] | None:
    """Token range of a title written before the name: "US Secretary of State Antony Blinken",
    "State Councillor and Foreign Minister Wang Yi"."""
    left = [c for c in root.lefts if c.i < mention.start and (
        c.dep_ in ("compound", "nmod", "amod", "appos") or
        (c.dep_ == "poss" and c.ent_type_ == "GPE"))]  # "Jordan's King Abdullah"
    start = min((min(t.i for t in c.subtree) for c in left), default=mention.start)
    head = root.head
    if root.dep_ == "conj" and head.i < mention.start and head.lower_ in TITLE_WORDS:
        start = min(start, min(t.i for t in head.subtree))
    while start < mention.start and doc[start].lower_ in ("the", "a", "an", "former", ",", "’s"):
        start += 1
    if start >= mention.start:
        return None
    words = doc[start:mention.start]
    if not any(t.lower_ in TITLE_WORDS or t.lemma_.lower() in TITLE_WORDS for t in words):
        return None
    return start, mention.start


def _described(doc: Doc, head: Token, before: int | None = None,
               ) -> tuple[str | None, str | None]:
    """Title and affiliation from an apposition or predicate: "a professor at the Centre for
    American Studies at Fudan University" → ("professor", "Centre for … Fudan University");
    "the European Union’s foreign policy chief" → ("foreign policy chief", "European Union")."""
    limit = len(doc) if before is None else before
    tokens = sorted(t.i for t in head.subtree if not _in_clause(t, head) and t.i < limit)
    if not tokens:
        return None, None
    start, end = tokens[0], tokens[-1] + 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    affiliation = None
    owner = next((t for t in head.lefts if t.dep_ == "poss" and t.ent_type_), None)
    if owner is not None:
        owned = sorted(t.i for t in owner.subtree)
        affiliation = _strip_the(doc[owned[0]:owned[-1] + 1].text)
        affiliation = affiliation.removesuffix("’s").removesuffix("'s")
        start = owned[-1] + 1
    while start < end and doc[start].lower_ in ("a", "an", "the", "’s", "'s"):
        start += 1
    title_end = end
    for token in doc[start:end]:
        if token.dep_ == "prep" and token.lower_ in ("of", "at", "from", "with", "for") and \
                token.head.i <= head.i and any(t.ent_type_ for t in token.subtree):
            title_end, first = token.i, token.i + 1
            while first < end and doc[first].lower_ == "the":
                first += 1
            last = end
            while last > first and doc[last - 1].is_punct:
                last -= 1
            affiliation = doc[first:last].text if last > first else None
            break
    while title_end > start and doc[title_end - 1].is_punct:
        title_end -= 1
    title = doc[start:title_end].text if title_end > start else None
    return title, affiliation


def _in_clause(token: Token, head: Token) -> bool:
    """Relative clauses and participles ("… who often serves as …") are not part of a title."""
    while token.i != head.i:
        if token.dep_ in ("relcl", "acl", "punct") and token.head.i != token.i:
            return True
        token = token.head
    return False


def _affiliation(words: DocSpan) -> str | None:
    """The first organisation named in a title ("White House" in "White House press
    secretary"), read from the tokens' entity tags (``Span.ents`` rebuilds the doc's)."""
    tokens = list(words)
    for i, token in enumerate(tokens):
        if token.ent_iob_ != "B" or token.ent_type_ not in ("ORG", "FAC"):
            continue
        end = i + 1
        while end < len(tokens) and tokens[end].ent_iob_ == "I":
            end += 1
        if not all(t.lower_ in TITLE_WORDS for t in tokens[i:end]):
            return _strip_the(words.doc[tokens[i].i:tokens[end - 1].i + 1].text)
    return None


def _strip_the(text: str) -> str:
    return text.removeprefix("the ").removeprefix("The ")


# -- role nouns ------------------------------------------------------------------------------
# Head nouns of roles one person holds at a time in a story: "the president", "the foreign
# minister", "the press secretary" (not "the official" or "the expert": there are many).
ROLE_HEADS = {"president", "premier", "minister", "secretary", "chancellor", "king", "queen",
              "emir", "sultan", "ambassador", "envoy", "governor", "mayor", "chairman",
              "chairwoman", "spokesman", "spokeswoman", "spokesperson", "director", "pope",
              "commissioner", "councillor", "councilor", "general"}


# Found in the case-folded text, case-sensitively: faster than IGNORECASE over a whole article.
_ROLE_WORD = re.compile(r"\b(?:" + "|".join(sorted(ROLE_HEADS)) + r")\b")


def _add_role_mentions(doc: Doc, groups: list[Group], text: str) -> None:
    """"the president", "the press secretary": a mention of the one person mentioned before
    whose title has those words (none when several could be meant)."""
    if not any(g.label == "PERSON" and g.title for g in groups):
        return
    taken = {i for g in groups for m in g.mentions for i in range(m.start, m.end)}
    for match in _ROLE_WORD.finditer(fold_case(text)):
        found = doc.char_span(match.start(), match.end())
        if found is None:
            continue
        token = found[0]
        if token.pos_ != "NOUN" or token.i in taken:
            continue
        if token.dep_ in ("compound", "nmod") and token.head.pos_ == "PROPN":
            continue  # "President Joe Biden": a title in front of the name
        start = _role_start(doc, token)
        if start is None:
            continue
        words = [t.lower_ for t in doc[start:token.i + 1]]
        owners = [g for g in groups if g.label == "PERSON" and g.title
                  and g.last_before(token.i) >= 0 and _holds_role(words, g.title)]
        if len(owners) == 1:
            owners[0].mentions.append(Mention(start, token.i + 1, doc[start].idx,
                                              token.idx + len(token),
                                              doc[start:token.i + 1].text, "PERSON", role=True))
            owners[0].mentions.sort(key=lambda m: m.start)


def _role_start(doc: Doc, head: Token) -> int | None:
    """Where "the [foreign] minister" starts after its "the"; None unless definite."""
    left = [t for t in head.lefts if t.dep_ in ("det", "compound", "amod")]
    if not left or left[0].lower_ != "the":
        return None
    return left[0].i + 1


def _holds_role(words: list[str], title: str) -> bool:
    title_words = title.casefold().replace("-", " ").split()
    return all(w in title_words for w in words)


# -- gender ----------------------------------------------------------------------------------
def _read_pronoun_genders(doc: Doc, groups: list[Group]) -> None:
    """A he/she whose only candidate in this or the previous sentence is one person votes for
    that person's gender ("Jen Psaki said … she said")."""
    people = [g for g in groups if g.label == "PERSON"]
    starts = {m.start: g for g in people for m in g.mentions}
    if not starts:
        return
    sentence_starts = [sentence.start for sentence in doc.sents]
    for i, gender in _gendered_pronouns(doc):
        sentence = bisect_right(sentence_starts, i) - 1
        window_start = sentence_starts[max(sentence - 1, 0)]
        seen = {id(starts[j]): starts[j] for j in range(window_start, i) if j in starts}
        if len(seen) == 1:
            next(iter(seen.values())).genders[gender] += 1


def _gendered_pronouns(doc: Doc) -> Iterator[tuple[int, str]]:
    """(token index, gender) of each he/she pronoun; the pronouns are found in an attribute
    array, so only they, not all words, become Token objects."""
    parts_of_speech = doc.to_array(POS).tolist() if len(doc) else []
    for i, pos in enumerate(parts_of_speech):
        if pos == PRON:
            gender = PRONOUN_GENDER.get(doc[i].lower_)
            if gender is not None:
                yield i, gender


# -- records ---------------------------------------------------------------------------------
def _to_entity(number: int, group: Group, knowledge: ActorKnowledge | None,
               published: str | None) -> Entity:
    votes = group.genders.most_common(2)
    gender = votes[0][0] if votes else None
    if len(votes) == 2 and votes[0][1] == votes[1][1]:
        gender = None  # as many votes each way: the article does not say
    honorifics = {m.gender for m in group.mentions if m.gender}
    if len(honorifics) == 1:
        gender = honorifics.pop()  # "Mr", "Ms": surer than a pronoun's vote
    facts = _Facts()
    if knowledge is not None:
        facts = _facts(group, knowledge, published)
    mentions: tuple[Span, ...] = tuple((m.start_char, m.end_char) for m in group.mentions)
    return Entity(id=f"e{number}", name=facts.name or group.name, type=group.label,
                  mentions=mentions, title=group.title or facts.title,
                  affiliation=group.affiliation, country=facts.country, sector=facts.sector,
                  wikidata=facts.wikidata, gender=gender)


@dataclass
class _Facts:
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    title: str | None = None
    name: str | None = None


def _facts(group: Group, knowledge: ActorKnowledge, published: str | None) -> _Facts:
    """Country and sector from the text first (title, affiliation, the name itself), then
    from actor knowledge dated by the article."""
    name = group.name
    if group.label in ("ORG", "LOC", "FAC") and _country_name_code(name, knowledge):
        group.label = "GPE"  # "the Democratic People's Republic of Korea" tagged ORG
    if group.label == "PERSON" and _place_not_person(group, knowledge):
        group.label = "GPE"  # "Kyiv" tagged as a person
    if group.label in ("LOC", "FAC") and not knowledge.government(name):
        org = knowledge.organisation(name)
        if org is not None:  # "the South China Morning Post" tagged as a place
            group.label = "ORG"
            return _Facts(country=org.code, sector=org.sector)
    if group.label in ("GPE", "LOC", "FAC", "NORP"):
        government = knowledge.government(name) if group.label != "NORP" else None
        country = place_country(knowledge, name) or government
        if group.label == "FAC" and government:  # "the White House", "the Kremlin"
            return _Facts(country=government, sector="GOV")
        return _Facts(country=country)
    if group.label == "ORG" and _known_person(name, knowledge):
        group.label = "PERSON"  # "Moody Awori" tagged ORG
    if group.label == "PERSON":
        return _person_facts(group, knowledge, published)
    government = knowledge.government(name)
    if government:
        return _Facts(country=government, sector="GOV")
    org = knowledge.organisation(name)
    if org is not None:  # a group known without a state ("Palestinian Islamic Jihad")
        return _Facts(country=org.code or _country_in(knowledge, [name]), sector=org.sector)
    return _Facts(country=_country_in(knowledge, [name]), sector=knowledge.sector(name))


def _place_not_person(group: Group, knowledge: ActorKnowledge) -> bool:
    """A one-word "person" with no title or honorific that is a country, capital or known
    place and nobody's name in actor knowledge."""
    name = group.name
    if len(name.split()) != 1 or group.title or group.genders:
        return False
    if not (_country_name_code(name, knowledge) or knowledge.place_country(name)):
        return False
    return not any(key(t.name).split()[-1:] == key(name).split() for t in knowledge.people(name))


def _known_person(name: str, knowledge: ActorKnowledge) -> bool:
    """Whether an organisation-tagged name is the full name of a known person and of no known
    organisation."""
    if len(name.split()) < 2 or knowledge.organisation(name) is not None:
        return False
    return any(key(t.name) == key(name) for t in knowledge.people(name))


def _person_facts(group: Group, knowledge: ActorKnowledge, published: str | None) -> _Facts:
    described = " ".join(t for t in (group.title, group.affiliation) if t)
    sector = knowledge.sector(described) if described else None
    country = None
    if group.affiliation:
        orgs = knowledge.organisations_in(group.affiliation)
        country = next((o.code for o in orgs if o.code and len(o.code) == 3), None)
    if not country and group.title:  # "Arab League chief": an international body's code
        orgs = knowledge.organisations_in(group.title)
        country = next((o.code for o in orgs if o.code and len(o.code) > 3), None)
    country = country or _country_in(knowledge, [group.affiliation, group.title])
    facts = _Facts(country=country, sector=sector)
    terms = _known_terms(group, knowledge, published)
    countries = {t.country for t in terms}
    if len(countries) == 1 and country in (None, *countries):
        # one country, even when several people share the name ("Bush")
        known = terms[0]
        facts.country = known.country
        if published is None or known.in_office(published):
            facts.sector = facts.sector or known.sector
        if len({t.name for t in terms}) == 1 and (len(group.name.split()) > 1 or
                                                  len({t.id for t in terms}) == 1):
            facts.wikidata = known.wikidata
            facts.name = known.name if len(known.name) > len(group.name) else None
            if published is not None and known.in_office(published):
                facts.title = known.title
    elif not terms and facts.country is None:
        facts.country = nationality(knowledge, group.name)  # "Bosnian Serbs" tagged PERSON
    return facts


def _known_terms(group: Group, knowledge: ActorKnowledge, published: str | None) -> list[Any]:
    """The terms of office in actor knowledge the article's name can mean: those in office
    that day if any; when they span several countries, the title in the text picks the
    office ("President Bush", not a co-prince of Andorra). A lone name counts only people
    whose office its title names, or untitled, leaders and curated or Wikidata people."""
    terms = knowledge.people(group.name, on=published)
    if len(group.name.split()) == 1:
        # a lone name is a known person only if the title in the text is theirs ("King
        # Edward" is no commerce secretary Edward Yau) or, untitled ("Kurd", "Bush"), if a
        # leader goes by it: a minor official of that name is more likely someone else
        terms = [t for t in terms if _same_office(group.title, t.title or t.role or "")
                 ] if group.title else [t for t in terms if t.role or t.source != "phoenix"]
    current = [t for t in terms if published is not None and t.in_office(published)]
    terms = current or terms
    if group.title and len({t.country for t in terms}) > 1:
        terms = [t for t in terms if _same_office(group.title, t.title or t.role or "")]
    return terms


HEAD_WORDS = {"president", "king", "queen", "emir", "sultan", "monarch"}


def _same_office(title: str, office: str) -> bool:
    """Whether a title read from the text ("President", "Prime Minister") names an office
    ("president", "head_of_state" for a president or king, "prime_minister")."""
    said = set(title.lower().replace("-", " ").split())
    held = set(office.lower().replace("_", " ").replace("-", " ").split())
    if said & HEAD_WORDS and held & {"head", "president", "king", "state"}:
        return True
    return bool(said & held - {"of", "the", "minister", "state"}) or said == held


DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
              "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
              "northwestern", "southeastern", "southwestern", "upper", "lower"}
FEATURES = {"strip", "region", "province", "district", "valley", "peninsula", "heights",
            "state", "enclave", "territory", "territories"}


def place_country(knowledge: ActorKnowledge, name: str) -> str | None:
    """A place's country; a part named by its direction ("South Lebanon", "southern
    Serbia") or by a kind of land ("the Gaza Strip") lies in the whole."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in DIRECTIONS:
        words = words[1:]
    if len(words) > 1 and words[-1].lower() in FEATURES:
        words = words[:-1]
    for candidate in dict.fromkeys((name, " ".join(words))):
        code = knowledge.country(candidate) or knowledge.place_country(candidate)
        if code:
            return code
    return None


def nationality(knowledge: ActorKnowledge, name: str) -> str | None:
    """The country of a nationality or country name the recogniser took for something else
    ("Ugandan", "Sri Lanka", "Bosnian Serbs"): a country's name, or a name led by its
    demonym."""
    code = knowledge.country(name)
    info = knowledge.country_info(code) if code else None
    if info is None:
        return None
    first = name.split()[0].lower()
    if first in {d.lower() for d in info.demonyms} or name.lower() in {
            n.lower() for n in (info.name, *info.aliases)}:
        return code
    return None


def _country_in(knowledge: ActorKnowledge, texts: Iterable[str | None]) -> str | None:
    """The first country named by a word or two of the texts ("US" in "US Secretary of
    State", "Chinese" in "Chinese Academy of Social Sciences"), unless it names a topic."""
    for text in texts:
        if not text:
            continue
        words = text.replace("’s", "").replace("'s", "").split()
        for i in range(len(words)):
            for size in (3, 2, 1):
                phrase = words[i:i + size]
                after = words[i + size].lower() if i + size < len(words) else ""
                if len(phrase) < size or after in TOPIC_WORDS:
                    continue
                if i > 0 and words[i - 1].lower() in ("for", "on"):
                    continue  # "Centre for American Studies", "envoy on Syria"
                code = knowledge.country(" ".join(phrase))
                if code:
                    return code
    return None


# -- lookups for later stages -------------------------------------------------------------------
class EntityIndex:
    """Find the entity behind a span, a pronoun or a role noun (used by quotes and events)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = list(entities)
        self._by_id = {e.id: e for e in self.entities}
        self._spans = sorted(((s, e, ent) for ent in self.entities for s, e in ent.mentions),
                             key=lambda span: (span[0], span[1]))
        self._starts = [s for s, _, _ in self._spans]
        self._longest = max((e - s for s, e, _ in self._spans), default=0)

    def get(self, entity_id: str | None) -> Entity | None:
        """The entity with id ``entity_id`` (None for None or an unknown id)."""
        return self._by_id.get(entity_id) if entity_id else None

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)`` (the longest overlap)."""
        best: tuple[int, Entity | None] = (0, None)
        # only mentions starting within one longest mention before ``start`` can overlap
        first = bisect_left(self._starts, start - self._longest)
        for s, e, entity in self._spans[first:bisect_left(self._starts, end)]:
            overlap = min(e, end) - max(s, start)
            if overlap > best[0]:
                best = (overlap, entity)
        return best[1]

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """``(start, end, entity)`` of every mention starting in ``[start, end)``."""
        return self._spans[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def people_before(self, offset: int, gender: str | None = None) -> list[Entity]:
        """People mentioned before ``offset``, the most recently mentioned first; with
        ``gender``, only those not known to be of the other gender."""
        last: dict[str, tuple[int, Entity]] = {}
        for s, e, entity in self._spans:
            if e <= offset and entity.type == "PERSON":
                last[entity.id] = (s, entity)
        ordered = [entity for _, entity in sorted(last.values(), key=lambda x: -x[0])]
        if gender:
            ordered = [p for p in ordered if p.gender in (None, gender)]
        return ordered

    def by_title(self, role: str, before: int) -> Entity | None:
        """The entity whose title has the role's head word ("the press secretary" → the
        entity titled "White House press secretary"), if exactly one such entity was
        mentioned before ``before``."""
        words = [w for w in role.casefold().split() if w not in ("the", "a", "an")]
        if not words:
            return None
        found = {p.id: p for p in self.people_before(before) + self._others_before(before)
                 if p.title and _title_matches(words, p.title)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _others_before(self, offset: int) -> list[Entity]:
        return [e for e in self.entities if e.type != "PERSON"
                and any(s < offset for s, _ in e.mentions)]


def _title_matches(role_words: list[str], title: str) -> bool:
    title_words = title.casefold().replace("-", " ").split()
    return role_words[-1] in title_words and all(w in title_words for w in role_words)

