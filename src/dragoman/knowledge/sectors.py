"""The sector of a title or role phrase ("State Councillor and Foreign Minister" -> GOV).

Rules, in order (what a careful analyst does with a CAMEO agent table):

1. The phrase is cut at its first preposition outside a known multiword term (of, at, from,
   for, in, with, to, on, under): before it is the *head* ("secretary general"), after it the
   *affiliation* ("Tsinghua University's Centre for International Security and Strategy").
   Known terms are matched longest first, singular or plural ("rebels"), possessive or not.
2. A *strong* term in the head decides, the rightmost one (English heads come last:
   "rebel commander" is REB, "Tsinghua University professor" EDU).
3. Else a strong term in the affiliation, the first one ("president of the World Bank" is
   IGO, "expert at the foreign ministry" GOV, "secretary general of Tsinghua University's
   Centre ..." EDU).
4. Else a *weak* term's default (curated/sectors.tsv: "expert" EDU, "president" GOV,
   "spokesman" nothing), head before affiliation.
5. Else a country in the affiliation: its government ("member of Serbia's negotiating
   team"); a country before the head does not count ("a US affairs expert").
6. "former"/"ex-" in front turns a state sector (GOV, MIL, LEG, JUD, COP, SPY) into ELI,
   CAMEO's code for former officials.

Terms are the sector table (agent dictionaries + curated), organisation names (multiword,
long, or written in capitals: "WHO chief" is the WHO, "who said" is not) and government
metonyms that are not capitals (the White House, the Kremlin; "a Beijing-based analyst" is
not the Chinese government).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dragoman.knowledge.keys import singular_forms

PREPOSITIONS = frozenset({"of", "at", "from", "for", "in", "with", "to", "on", "under",
                          "within", "by"})
FORMER = frozenset({"former", "ex", "erstwhile", "onetime", "retired"})
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# Words after a country name that make it a topic, not an allegiance: "a US affairs expert",
# "the Centre for American Studies".
TOPIC_WORDS = frozenset({"affairs", "studies", "policy", "relations", "issues", "politics",
                         "history", "economy", "desk", "correspondent", "watcher", "specialist",
                         "expert"})
MAX_TERM_WORDS = 9


@dataclass(frozen=True)
class Term:
    """A matched term: word span, what the lookup gave (a sector, "" = none; or an
    organisation id), weak or strong."""

    start: int
    end: int
    value: str
    weak: bool


Lookup = Callable[[str], tuple[str, bool] | None]


def match_terms(words: list[str], lookup: Lookup) -> list[Term]:
    """Known terms in ``words``, longest first, left to right, not overlapping."""
    terms: list[Term] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_TERM_WORDS, len(words) - i), 0, -1):
            found = _lookup_phrase(words[i:i + n], lookup)
            if found is not None:
                terms.append(Term(i, i + n, found[0], found[1]))
                i += n
                break
        else:
            i += 1
    return terms


def _lookup_phrase(words: list[str], lookup: Lookup) -> tuple[str, bool] | None:
    phrase = " ".join(words)
    found = lookup(phrase)
    if found is not None:
        return found
    head = " ".join(words[:-1])
    for form in singular_forms(words[-1]):
        found = lookup(f"{head} {form}" if head else form)
        if found is not None:
            return found
    return None


def sector_of(words: list[str], lookup: Lookup, country: Lookup | None = None
              ) -> str | None:
    """The sector of a keyed title phrase (see the module docstring for the rules).
    ``country`` finds country names: when nothing else decides, a country in the
    affiliation means its government ("member of Serbia's negotiating team" -> GOV)."""
    former = bool(words) and words[0] in FORMER
    if former:
        words = words[1:]
    terms = match_terms(words, lookup)
    split = _split_point(words, terms)
    head = [t for t in terms if t.start < split]
    affiliation = [t for t in terms if t.start >= split]
    sector = _decide(head, affiliation)
    if sector is None and country is not None:
        rest = words[split:]
        allegiances = [t for t in match_terms(rest, country)
                       if t.end >= len(rest) or rest[t.end] not in TOPIC_WORDS]
        sector = "GOV" if allegiances else None
    if former and sector in STATE_SECTORS:
        return "ELI"
    return sector


def _split_point(words: list[str], terms: list[Term]) -> int:
    inside = {i for t in terms for i in range(t.start, t.end)}
    for i, word in enumerate(words):
        if i > 0 and word in PREPOSITIONS and i not in inside:
            return i
    return len(words)


def _decide(head: list[Term], affiliation: list[Term]) -> str | None:
    strong_head = [t for t in head if not t.weak and t.value]
    if strong_head:
        return strong_head[-1].value
    strong_aff = [t for t in affiliation if not t.weak and t.value]
    if strong_aff:
        return strong_aff[0].value
    weak_head = [t for t in head if t.weak and t.value]
    if weak_head:
        return weak_head[-1].value
    weak_aff = [t for t in affiliation if t.weak and t.value]
    return weak_aff[0].value if weak_aff else None
