"""Roles: a title or description that stands for one person of the article.

"the press secretary" is the one person with that title mentioned before; "a government
spokesman" or "Syria's UN ambassador" the one person the article gives that title, before
or after; "the UN secretary-general" the office's holder on the publication day by actor
knowledge, when the article names them; "our correspondent" the outlet's reporter named
before ("the BBC's Jim Muir"); a title phrase may hold the name itself ("U.N. High
Commissioner for Human Rights Navi Pillay"); "a Catholic priest" the one person the article
names in apposition to that noun elsewhere ("the priest, Tran Van Long,", "Tran Van Long, a
priest in the town,").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dragoman.records import Entity
from dragoman.stages.entities.index import EntityIndex
from dragoman.stages.entities.mentions import TITLE_WORDS
from dragoman.stages.quotes.speaker_names import (
    ORGANISATION_NOUNS,
    Namer,
    is_organisation,
    is_person,
)
from dragoman.stages.quotes.speaker_salience import Salience

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The outlet's own people ("our correspondent says").
REPORTER_NOUNS = {"correspondent", "reporter", "editor", "journalist"}
# Words that date a role rather than name it ("the former prime minister").
TIME_ADJECTIVES = {"former", "then", "late", "new", "current", "outgoing", "incoming", "acting",
                   "interim", "longtime", "long-time", "veteran", "ex", "first"}


class Roles:
    """Finds the person (or organisation) a role noun of one article stands for."""

    def __init__(self, doc: Doc, index: EntityIndex, namer: Namer, salience: Salience) -> None:
        self.doc = doc
        self.index = index
        self.namer = namer
        self.salience = salience
        # noun → the people it is apposed to → the words of that noun's phrase
        self._apposed: dict[str, dict[str, list[tuple[int, set[str], bool]]]] | None = None

    def holder(self, head: Token) -> Entity | None:
        return self._role(head) or self._titled(head) or self._office(head) or \
            self._our_reporter(head) or self._described(head)

    def _described(self, head: Token) -> Entity | None:
        """"a Catholic priest said": the one person the article names in apposition to
        the same noun, before or after ("Tran Van Long, a priest in the town,"), when
        what the description says of its kind ("a rebel spokesman", "a spokesman for the
        ministry") is said there too, or when that apposition is the bare "the
        spokesman, Omar Nasser" after it, which refers back to it. Several such people,
        or none, and it stays a description."""
        if head.tag_ != "NN":
            return None
        people = self._apposed_people().get(head.lemma_.lower(), {})
        if len(people) != 1:
            return None
        [(entity_id, phrases)] = people.items()
        kinds = _kind_words(head)
        if any(kinds <= words or (bare and at > head.i) for at, words, bare in phrases):
            return self.index.get(entity_id)
        return None

    def _apposed_people(self) -> dict[str, dict[str, list[tuple[int, set[str], bool]]]]:
        """For each singular common noun, the people named in apposition to it (which
        makes it a noun for a person: "priest", "official"), each with where the noun
        is, the words of its phrase and whether it is a bare "the <noun>": one pass over
        the article, made the first time a description asks, not once per quote."""
        if self._apposed is None:
            self._apposed = {}
            for token in self.doc:
                if token.dep_ != "appos" or token.head.i == token.i:
                    continue
                for noun, name in ((token.head, token), (token, token.head)):
                    entity = self.index.at(name.idx, name.idx + len(name))
                    if noun.tag_ != "NN" or entity is None or not is_person(entity):
                        continue
                    lefts = list(noun.lefts)
                    bare = [t.lower_ for t in lefts] == ["the"] and not any(
                        c.dep_ == "prep" for c in noun.rights)
                    people = self._apposed.setdefault(noun.lemma_.lower(), {})
                    people.setdefault(entity.id, []).append(
                        (noun.i, _kind_words(noun) | {t.lower_ for t in lefts}, bare))
        return self._apposed

    def name_inside(self, head: Token) -> Entity | None:
        """A title or an organisation noun whose phrase holds the name: "U.N. High
        Commissioner for Human Rights Navi Pillay", "Turkish Ambassador to Libya Levent
        Sahin Kaya", "the monitoring group Human Rights Watch" (the parser often heads such
        a phrase with the title or the noun)."""
        lemma = head.lemma_.lower()
        title = head.lower_ in TITLE_WORDS or lemma in TITLE_WORDS
        if not title and lemma not in ORGANISATION_NOUNS:
            return None
        doc = head.doc
        end = head.i
        for token in doc[head.i + 1:head.i + 12]:  # the phrase after it, up to a comma
            if token.is_punct or token.pos_ in ("VERB", "AUX", "PART") or token.is_space:
                break
            end = token.i
        last = doc[end]  # the name ends the phrase ("… after the fall of Saddam's regime")
        entity = self.index.at(last.idx, last.idx + len(last)) if end > head.i else None
        if entity is None or last.dep_ == "poss":
            return None
        return entity if (is_person(entity) if title else is_organisation(entity)) \
            else None

    def unrecognised_name(self, head: Token) -> tuple[str, int] | None:
        """"the monitoring group Human Rights Watch" where the recogniser found no name:
        the capitalised words right after an organisation noun, up to the phrase's end;
        returns the name and where it ends."""
        if head.lemma_.lower() not in ORGANISATION_NOUNS:
            return None
        doc = head.doc
        words = []
        for token in doc[head.i + 1:head.i + 8]:
            if token.is_punct or token.is_space or token.pos_ in ("VERB", "AUX"):
                break
            if token.pos_ != "PROPN" or not token.text[:1].isupper() or \
                    token.ent_type_ in ("GPE", "LOC", "NORP", "DATE"):
                return None
            words.append(token)
        if len(words) < 2:
            return None
        return doc[words[0].i:words[-1].i + 1].text, words[-1].idx + len(words[-1])

    def _role(self, head: Token) -> Entity | None:
        """"the press secretary" → the one entity with that title; only definite roles
        ("a spokesman" is nobody in particular)."""
        if head.pos_ not in ("NOUN", "PROPN") or (head.lower_ not in TITLE_WORDS and \
                head.lemma_.lower() not in TITLE_WORDS):
            return None
        definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this"))
                       or c.ent_type_ for c in head.lefts)
        if not definite:
            return None
        words = [t.text for t in head.lefts if t.dep_ in ("compound", "amod")
                 and not t.ent_type_] + [head.text]
        return self.index.by_title(" ".join(words), before=head.idx)

    def _titled(self, head: Token) -> Entity | None:
        """"a government spokesman", "Syria's UN ambassador": a role the article gives one
        person of (that country) as their title, before or after, is that person."""
        if head.tag_ not in ("NN", "NNP") or (head.lower_ not in TITLE_WORDS
                                              and head.lemma_.lower() not in TITLE_WORDS):
            return None
        if any(c.dep_ == "prep" and c.lower_ in ("for", "at", "from", "with")
               for c in head.children):
            return None  # "a spokesman for an opposition group": an affiliation of its own
        words = [t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod") and (
            t.lower_ in TITLE_WORDS or (not t.ent_type_ and t.pos_ != "PROPN"))
            and t.lower_ not in TIME_ADJECTIVES] + [head.lower_]
        country = self.namer.country_in(head)
        people = [e for e in self.index.entities if is_person(e) and e.title
                  and head.lower_ in _title_words(e.title)
                  and (country is None or e.country in (None, country))]
        found = {e.id: e for e in people if all(w in _title_words(e.title) for w in words)}
        if not found and len(words) > 1:
            # "a government spokesman" after "Musa Ibrahim, a spokesman for the ministry":
            # the one person with that head title and the description's sector
            sector = self.namer.knowledge.sector(" ".join(words)) \
                if self.namer.knowledge is not None else None
            found = {e.id: e for e in people if sector is not None and e.sector == sector}
        return next(iter(found.values())) if len(found) == 1 else None

    def _office(self, head: Token) -> Entity | None:
        """"the Syrian president", "Russia's foreign minister", "the president" in an
        article about one state: the holder of that office that day, by actor knowledge,
        when the article names them."""
        if head.tag_ not in ("NN", "NNP") or not _definite_role(head):
            return None
        titled = [t.i for t in head.lefts if t.dep_ in ("compound", "amod")
                  and t.lower_ in TITLE_WORDS]
        role = head.doc[min(titled, default=head.i):head.i + 1].text.lower()  # "secretary-general"
        if not any(w in TITLE_WORDS for w in role.replace("-", " ").split()):
            return None
        country = self.namer.country_in(head) or self._organisation_in(head) or \
            self.namer.home_country
        return self.namer.office_holder(role, country)

    def _our_reporter(self, head: Token) -> Entity | None:
        """"our correspondent says": the outlet's reporter the article names ("the BBC's
        Jim Muir", "the BBC's UN correspondent Barbara Plett"), the last one before."""
        if head.lemma_.lower() not in REPORTER_NOUNS or not any(
                c.dep_ == "poss" and c.lower_ == "our" for c in head.children):
            return None
        last = None
        for start, _, entity in self.index.mentions_between(0, head.idx):
            if is_person(entity) and self._outlets_own(start):
                last = entity
        return last

    def _outlets_own(self, offset: int) -> bool:
        """A name right after an outlet's possessive, a role between at most ("the BBC's
        Jim Muir", "the BBC's UN correspondent Barbara Plett")."""
        i = self.salience.token_at(offset).i
        for k in range(i - 1, max(-1, i - 5), -1):
            token = self.doc[k]
            if token.tag_ == "POS" or token.lower_ in ("'s", "’s"):
                owner = self.index.at(self.doc[k - 1].idx, self.doc[k - 1].idx + 1) \
                    if k > 0 else None
                return owner is not None and is_organisation(owner)
            if token.is_punct or token.pos_ == "VERB":
                return False
        return False

    def _organisation_in(self, head: Token) -> str | None:
        """The code of an organisation named before a role ("the UN secretary-general")."""
        for token in head.lefts:
            entity = self.index.at(token.idx, token.idx + len(token))
            if entity is not None and is_organisation(entity) and entity.country:
                return entity.country
        return None


def _kind_words(noun: Token) -> set[str]:
    """What a person noun's phrase says of their kind: its compounds ("rebel spokesman")
    and the words of its affiliation ("spokesman for the interior ministry")."""
    words = {t.lower_ for t in noun.lefts if t.dep_ == "compound"}
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with", "from"):
            words.update(t.lower_ for t in prep.subtree
                         if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i != prep.i)
    return words


def _definite_role(head: Token) -> bool:
    """"the president", "Syria's president", "the Syrian president"; not "a minister"."""
    return any((c.dep_ == "det" and c.lower_ in ("the", "this")) or c.dep_ == "poss"
               for c in head.lefts)


def _in_clause(token: Token, head: Token) -> bool:
    while token.i != head.i:
        if token.dep_ in ("relcl", "acl", "advcl", "ccomp") and token.head.i != token.i:
            return True
        token = token.head
    return False


def _title_words(title: str | None) -> list[str]:
    return (title or "").casefold().replace("-", " ").split()
