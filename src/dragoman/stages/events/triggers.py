"""Event triggers: which words of a parsed sentence name an event, and its CAMEO code.

The lexicon is generated data (``knowledge/data/event_lexicon.tsv`` and ``event_codes.tsv``,
built by :mod:`dragoman.knowledge.build.events` from the CAMEO verb dictionary and the
CAMEO → PLOVER table, plus dragoman's own nouns and phrases). A verb is coded the way
PETRARCH reads CAMEO.2.0: the verb's blocks give phrase patterns (an object, a subject, a
preposition and its noun, a particle), the most specific matching pattern wins, else the
verb's own code. Event nouns ("talks", "sanctions") and multiword phrases ("talk on the
phone", "off limits for discussion") come from dragoman's extensions.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dragoman.knowledge import DATA

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

OBJECT_DEPS = {"dobj", "attr", "oprd", "dative", "nsubjpass", "acomp"}
SUBJECT_DEPS = {"nsubj", "csubj"}
# Specificity of a matched pattern argument (PETRARCH prefers the longest match).
_WEIGHT = {"pp": 3, "obj": 2, "subj": 2, "any": 2}


Entry = tuple[float, str, bool]  # a pattern's score, code, and whether the roles swap


@dataclass(frozen=True)
class Code:
    """A CAMEO code and its PLOVER 2.0 reading."""

    code: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Trigger:
    """Words that name an event: ``head`` is their syntactic head; ``reverse`` is set when
    the pattern says the recipient acts ("faced criticism from X")."""

    code: str
    head: Token
    start: int  # token range of the trigger words
    end: int
    kind: str  # verb, noun, phrase
    reverse: bool = False


@dataclass
class EventLexicon:
    codes: dict[str, Code] = field(default_factory=dict)
    verbs: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    blocks: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    patterns: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    light: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    stop: frozenset[str] = frozenset()
    verb_index: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    pattern_index: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)

    def code(self, code: str) -> Code | None:
        found = self.codes.get(code) or self.codes.get(code[:3])
        return found if found and found.event else None


def load_lexicon(folder: Path = DATA) -> EventLexicon:
    """The generated lexicon; the pipeline reads it once and passes it to every call."""
    lexicon = EventLexicon()
    for row in _rows(folder / "event_codes.tsv"):
        code, event, mode, context, label = row
        lexicon.codes[code] = Code(code, event, mode or None,
                                   tuple(c for c in context.split(";") if c), label)
    verbs: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    patterns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    stop = set()
    for kind, trigger, arg, code, source in _rows(folder / "event_lexicon.tsv"):
        if kind == "verb":
            verbs[trigger].append((arg, code, source))
        elif kind == "member":
            blocks[trigger].append((code, arg))
        elif kind == "pattern":
            patterns[trigger].append((arg, code))
        elif kind == "noun":
            lexicon.nouns[trigger] = code
        elif kind == "light":
            lexicon.light[trigger] = code
        elif kind == "phrase":
            words = tuple(trigger.split())
            phrases[words[0]].append((words, code))
        elif kind == "stop":
            stop.add(trigger)
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))
    lexicon.verb_index = {lemma: _index_verb(rows, lemma in stop)
                          for lemma, rows in verbs.items()}
    lexicon.pattern_index = {block: _index_patterns(rows) for block, rows in patterns.items()}
    lexicon.verbs, lexicon.blocks, lexicon.patterns = dict(verbs), dict(blocks), dict(patterns)
    lexicon.phrases, lexicon.stop = dict(phrases), frozenset(stop)
    return lexicon


def _index_verb(rows: list[tuple[str, str, str]], stopped: bool) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = defaultdict(list)
    for arg, code, source in rows:
        reverse, arg = arg.startswith("~"), arg.lstrip("~")
        if not arg and stopped and source != "dragoman":
            continue  # an everyday verb: only its patterns code it
        # a pattern written for this very verb beats a block-wide one of the same shape
        score = (_score(arg) + 0.25 if arg else 0.0) + (0.5 if source == "dragoman" else 0.0)
        index[arg].append((score, code, reverse))
    return dict(index)


def _index_patterns(rows: list[tuple[str, str]]) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = defaultdict(list)
    for arg, code in rows:
        reverse, arg = arg.startswith("~"), arg.lstrip("~")
        index[arg].append((_score(arg), code, reverse))
    return dict(index)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [row + [""] * (5 - len(row)) for row in csv.reader(lines[1:], delimiter="\t")]


# -- finding triggers -------------------------------------------------------------------------
def find_triggers(sentence: DocSpan, lexicon: EventLexicon) -> list[Trigger]:
    """Triggers of one sentence, in order; phrase words are not read again on their own."""
    found: list[Trigger] = []
    taken: set[int] = set()
    for token in sentence:
        if token.i in taken or token.ent_type_ in NAME_TYPES:
            continue  # "the Committee to *Protect* Journalists" names a group, not an act
        trigger = _phrase(token, sentence, lexicon) or _single(token, lexicon)
        if trigger is not None:
            found.append(trigger)
            taken.update(range(trigger.start, trigger.end))
    return found


# Entity types whose names hold no event words ("Save the Children", "Operation Desert
# Storm" is an event name, but its words code nothing by themselves).
NAME_TYPES = {"ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "EVENT"}


def _word(token: Token) -> str:
    return token.lemma_.lower()


def _phrase(token: Token, sentence: DocSpan, lexicon: EventLexicon) -> Trigger | None:
    for words, code in lexicon.phrases.get(_word(token), ()):
        end = token.i + len(words)
        if end > sentence.end:
            continue
        span = token.doc[token.i:end]
        if all(w in (_word(t), t.lower_) for w, t in zip(words, span, strict=True)):
            return Trigger(code, span.root, token.i, end, "phrase")
    return None


def _single(token: Token, lexicon: EventLexicon) -> Trigger | None:
    if token.lower_ == "according":
        return None  # "according to officials" names a source, not an accord
    if _publishing(token) or _newsroom(token):
        return None  # "released a statement", "contributed to this report", "I ask myself"
    if token.pos_ == "VERB":
        best = verb_code(token, lexicon)
        if best is not None and best[2] == 0.0 and _word(token) in LIGHT_GIVERS and any(
                _noun_code(c, lexicon) for c in token.children if c.dep_ == "dobj"):
            return None  # "send arms": the light noun names the event (AID), not "send"
        if best is not None:
            return Trigger(best[0], token, token.i, token.i + 1, "verb", best[1])
    elif token.pos_ == "NOUN":
        code = _noun_code(token, lexicon)
        if code is not None:
            return Trigger(code, token, token.i, token.i + 1, "noun")
        if token.dep_ == "compound" and _word(token.head) in EFFORT_NOUNS and \
                _word(token) in lexicon.nouns:
            # "a mediation mission between X and Y": the event is named by the modifier
            return Trigger(lexicon.nouns[_word(token)], token.head, token.i, token.i + 1,
                           "noun")
    return None


# What is released when "release" means publishing, not setting someone free.
DOCUMENT_NOUNS = {"statement", "report", "video", "footage", "photo", "photograph", "image",
                  "picture", "data", "figure", "result", "detail", "document", "list",
                  "information", "recording", "audio", "transcript", "text", "letter",
                  "record", "file", "plan", "budget", "version", "update", "study", "survey",
                  "poll", "book", "album", "film", "movie", "song", "game", "product",
                  "communique", "communiqué", "note", "memo", "paper", "review", "analysis",
                  "estimate", "forecast", "guideline", "rule", "name", "map", "trailer",
                  "story", "article", "reporting", "coverage"}


def _publishing(token: Token) -> bool:
    """"release" in the sense of publishing: its object, passive subject or the noun its
    participle describes is a document; "press release" as a noun."""
    if token.lemma_.lower() != "release":
        return False
    if token.pos_ == "NOUN":
        return any(c.dep_ == "compound" and c.lower_ in ("press", "news") for c in token.children)
    things = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ in ("acl", "relcl"):
        things.append(token.head)
    return any(t.lemma_.lower() in DOCUMENT_NOUNS for t in things)


REFLEXIVES = {"myself", "yourself", "himself", "herself", "itself", "ourselves",
              "yourselves", "themselves"}


def _newsroom(token: Token) -> bool:
    """A byline's "contributed to this report" and a question asked of oneself ("I ask
    myself") are no events."""
    lemma = token.lemma_.lower()
    if lemma == "contribute":
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lemma_.lower() in DOCUMENT_NOUNS for g in c.children) for c in token.children)
    if lemma == "ask":
        return any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in token.children)
    return False


def _noun_code(token: Token, lexicon: EventLexicon) -> str | None:
    lemma = _word(token)
    if lemma == "talk" and token.lower_ != "talks":
        return None  # "a talk" is a lecture; "talks" are negotiations
    if token.dep_ == "compound":
        return None  # "meeting room", "protest movement"
    if lemma in lexicon.nouns:
        if lemma == "call" and any(c.dep_ == "prep" and c.lower_ in ("for", "on", "to")
                                   for c in token.children):
            return "020"  # "a call for talks" is an appeal
        if lemma == "strike":
            return _strike(token) or lexicon.nouns[lemma]
        return lexicon.nouns[lemma]
    light = lexicon.light.get(lemma) or lexicon.light.get(token.lower_)
    if light and is_given(token):
        return light
    return None


AERIAL = {"air", "airstrike", "missile", "drone", "aerial", "bombing", "bomber", "jet"}
ARMED = {"military", "coalition", "coordinated", "preemptive", "pre-emptive", "retaliatory",
         "precision", "nuclear", "surgical", "rocket", "artillery", "naval", "army", "troop",
         "allied", "punitive", "cruise"}


def _strike(token: Token) -> str | None:
    """A military strike ("air strikes", "a coalition strike", "strikes against Libya"), not a
    walkout ("a general strike"): its CAMEO code, or None for a walkout."""
    words = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if words & AERIAL:
        return "195"
    if words & ARMED:
        return "190"
    targets = [g for prep in token.children if prep.dep_ == "prep" and
               prep.lower_ in ("against", "on") for g in prep.children if g.dep_ == "pobj"]
    if any(g.ent_type_ in ("GPE", "FAC") or g.lemma_.lower() in ("target", "position")
           for g in targets):
        return "190"
    return None


def is_given(token: Token) -> bool:
    """"sent arms", "aid was delivered", "gave $5m of aid": a light noun carried by a verb of
    giving."""
    carried = measured(token) or token
    return carried.head.pos_ == "VERB" and _word(carried.head) in LIGHT_GIVERS and \
        carried.dep_ in ("dobj", "nsubjpass")


def measured(noun: Token) -> Token | None:
    """The quantity ``noun`` is counted by ("5.1 million dollars *of aid*", "ten days *of war
    games*", "tons of food"), or None."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    amount = noun.head.head
    if amount.like_num or amount.ent_type_ in ("MONEY", "QUANTITY", "DATE", "CARDINAL") or \
            any(c.dep_ == "nummod" or c.like_num for c in amount.children):
        return amount
    return None


# Heads that only frame the event their modifier names ("mediation effort", "peace mission").
EFFORT_NOUNS = {"effort", "mission", "attempt", "bid", "initiative", "campaign", "drive"}
LIGHT_GIVERS = {"provide", "send", "give", "deliver", "supply", "donate", "grant", "ship",
                "extend", "airlift", "dispatch", "offer", "pledge", "promise"}


# -- coding a verb ------------------------------------------------------------------------------
def verb_code(token: Token, lexicon: EventLexicon) -> tuple[str, bool, float] | None:
    """(code, reverse, score) of the best pattern for this verb (score 0: the verb's own
    default code), or None when no PLOVER event."""
    lemma = _word(token)
    keys = _feature_keys(token)
    best: Entry | None = None
    own = lexicon.verb_index.get(lemma, {})
    for key in keys:
        for entry in own.get(key, ()):
            best = _better(best, entry, lexicon)
    for block, particle in lexicon.blocks.get(lemma, ()):
        if particle and f"any:{particle}" not in keys:
            continue  # a member only as "take over", "find out"
        patterns = lexicon.pattern_index.get(block, {})
        for key in keys:
            for entry in patterns.get(key, ()):
                best = _better(best, entry, lexicon)
    if best is None or lexicon.code(best[1]) is None:
        return None
    return best[1], best[2], best[0]


def _better(old: Entry | None, new: Entry, lexicon: EventLexicon) -> Entry:
    """The higher-scoring entry; between equals, one that codes a PLOVER event (CAMEO's
    statement codes 01x name none: "condemned the attack" is 111 as well as 018), then the
    lower code."""
    if old is None or new[0] > old[0]:
        return new
    if new[0] == old[0]:
        new_known, old_known = lexicon.code(new[1]) is not None, lexicon.code(old[1]) is not None
        if (new_known, old[1]) > (old_known, new[1]):
            return new
    return old


def _score(arg: str) -> float:
    kind = arg.split(":", 1)[0]
    weight = _WEIGHT.get(kind, 1)
    if kind == "pp" and arg.endswith(":"):
        weight = 1
    return float(weight)


def _feature_keys(token: Token) -> set[str]:
    """The pattern arguments this verb's dependents satisfy: ``obj:sanction``,
    ``pp:on:iran``, ``pp:on:``, ``any:up`` … and ``""`` for the verb's own code. Nouns also
    match their plural ("obj:sanctions")."""
    keys = {""}
    for child in token.children:
        forms = _plural(_forms(child))
        keys.update(f"any:{f}" for f in forms)
        if child.dep_ in OBJECT_DEPS:
            keys.update(f"obj:{f}" for f in forms)
        elif child.dep_ in SUBJECT_DEPS:
            keys.update(f"subj:{f}" for f in forms)
        elif child.dep_ in ("prep", "agent"):
            keys.add(f"pp:{child.lower_}:")
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    keys.update(f"pp:{child.lower_}:{f}"
                                for f in _plural(_forms(grandchild)))
    return keys


def _forms(token: Token) -> set[str]:
    return {_word(token), token.lower_}


def _plural(forms: set[str]) -> set[str]:
    return forms | {f + "s" for f in forms}
