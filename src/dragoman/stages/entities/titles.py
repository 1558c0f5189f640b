"""Titles and affiliations read from the syntax around person mentions, and role mentions
("the press secretary") that stand for a person named before."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dragoman.stages.entities.mentions import TITLE_WORDS, Group, Mention
from dragoman.text import fold_case

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan


# -- titles and affiliations ------------------------------------------------------------------
def read_titles(doc: Doc, group: Group) -> None:
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


def add_role_mentions(doc: Doc, groups: list[Group], text: str) -> None:
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
