"""Named mentions cleaned and grouped into one entity per person, organisation or place."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.attrs import POS
from spacy.parts_of_speech import PRON

from dragoman.knowledge.keys import key
from dragoman.stages.entities.knowledge import ActorKnowledge

if TYPE_CHECKING:
    from spacy.tokens import Doc
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


# -- mentions ----------------------------------------------------------------------------------
def clean_mention(ent: DocSpan) -> Mention | None:
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
def group_mentions(mentions: list[Mention], knowledge: ActorKnowledge | None = None) -> list[Group]:
    people = [m for m in mentions if m.label == "PERSON" and len(m.words) > 1]
    person_words = {w for m in people for w in m.words}
    groups: list[Group] = []
    by_key: dict[tuple[str, ...], Group] = {}
    for mention in mentions:
        if len(mention.words) == 1 and mention.words[0] in person_words:
            mention.label = "PERSON"  # "Psaki" tagged ORG, "Blinken" tagged GPE
        if mention.label == "GPE" and knowledge is not None:
            mention.country_name = country_name_code(mention.text, knowledge)
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


def country_name_code(text: str, knowledge: ActorKnowledge) -> str | None:
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


# -- gender ----------------------------------------------------------------------------------
def read_pronoun_genders(doc: Doc, groups: list[Group]) -> None:
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
