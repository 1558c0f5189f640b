"""Status of an event from the words around its anchor: occurred, planned, hypothetical or
negated (CONTRACT ``events[].status``).

The anchor is the verb an event is read from ("talked", "engaged" in "engaged in talks", the
verb governing "a meeting"). The walk goes up from the anchor through the words that carry
its modality — infinitive and adjective complements, coordinated verbs sharing an auxiliary,
the noun a "to"-clause modifies — and stops at a reporting verb, whose clause is the
statement, not the event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

OCCURRED, PLANNED, HYPOTHETICAL, NEGATED = "occurred", "planned", "hypothetical", "negated"
REPORTING = {"say", "tell", "add", "state", "announce", "note", "stress", "underline",
             "insist", "claim", "argue", "explain", "declare", "confirm", "report", "write",
             "reiterate", "emphasise", "emphasize", "comment", "remark", "acknowledge",
             "admit", "predict", "believe", "think", "expect", "suggest", "describe",
             "quote", "according", "tweet", "recall", "disclose", "reveal", "indicate",
             "agree", "maintain", "assert", "contend", "hint", "speculate", "estimate"}
FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo"}
MODAL_AUX = {"could", "might", "may", "would", "should", "'d", "’d", "must", "can"}
DOUBT_WORDS = {"likely", "possibly", "probably", "perhaps", "maybe", "possible", "potential",
               "potentially", "unlikely", "hypothetical", "conceivably", "reportedly"}
PLAN_WORDS = {"plan", "intend", "expect", "schedule", "set", "due", "prepare", "aim",
              "arrange", "propose", "hope", "seek", "want", "wish", "decide", "go",
              "expected", "scheduled", "slated", "poised", "preparation", "afoot", "bid",
              "upcoming", "planned", "proposed", "future", "next", "forthcoming",
              "prospective", "coming"}
DENY_WORDS = {"deny", "denial", "refute", "dismiss"}
# Words whose object is an event someone wants to avoid ("warned against an attack").
AVERTING = {"warn", "prevent", "avert", "avoid", "deter", "forestall", "fear", "oppose",
            "caution"}
CONDITION_MARKS = {"if", "unless", "whether", "should"}
# Subordinators whose clause states a fact whatever the main clause's modality: "could cost
# votes *after* police fired on protesters" reports the shooting as done.
FACTUAL_MARKS = {"after", "because", "since", "although", "though", "as", "while", "whereas"}
# Dependencies along which modality passes down to the anchor.
_CARRIERS = {"xcomp", "acomp", "conj", "aux", "auxpass", "relcl", "acl", "pobj", "prep",
             "attr", "dobj", "nsubj", "nsubjpass", "ccomp", "advcl"}


def event_status(anchor: Token, noun: Token | None = None) -> str:
    """Status of the event anchored at ``anchor`` (a verb, or an event noun's governor);
    ``noun`` is the event noun itself when there is one."""
    if noun is not None:
        own = _noun_status(noun)
        if own:
            return own
    chain = modality_chain(anchor)
    # "denied attacking", "denied the attack" negate the attack; a verbal "denied the Red
    # Cross access" is itself the act
    denials = chain if noun is not None else chain[1:]
    if any(_negated(t) for t in chain[:2]) or any(_word(t) in DENY_WORDS for t in denials):
        return NEGATED
    if _imperative(anchor):
        return HYPOTHETICAL
    if any(_conditional(t) for t in chain) or _asked(anchor) or _disbelieved(anchor):
        return HYPOTHETICAL
    if any(_doubtful(t) for t in chain):
        return HYPOTHETICAL
    modal = _modal(chain)
    if modal == "would" and _reported(chain):
        return PLANNED  # "said the meeting would take place": future in the past
    if modal:
        return HYPOTHETICAL
    if any(_planned(t) for t in chain) or _future(chain) or _to_clause(anchor):
        return PLANNED
    return OCCURRED


def modality_chain(anchor: Token, limit: int = 5) -> list[Token]:
    """The anchor and the heads above it that its modality depends on, up to (not through)
    a reporting verb."""
    chain = [anchor]
    token = anchor
    for _ in range(limit):
        if token.dep_ not in _CARRIERS or token.head == token:
            break
        if token.dep_ in ("ccomp", "advcl") and _word(token.head) in REPORTING:
            break
        if _factual_clause(token):
            break
        token = token.head
        if _word(token) in REPORTING and token.pos_ == "VERB":
            break
        chain.append(token)
    return chain


def _factual_clause(token: Token) -> bool:
    """An adverbial clause of time, cause or concession ("after police fired"): the main
    clause's modal or condition does not reach it."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in FACTUAL_MARKS for c in token.children)


def reporting_head(anchor: Token, limit: int = 6) -> Token | None:
    """The reporting verb whose statement contains ``anchor`` ("he said", "saying")."""
    token = anchor
    for _ in range(limit):
        if token.head == token:
            return token if _reports(token) and token != anchor else None
        if token.dep_ in ("ccomp", "advcl", "parataxis", "xcomp", "conj") and \
                _reports(token.head):
            return token.head
        token = token.head
    return None


def reporting_word(token: Token) -> bool:
    """Whether the token is a verb of saying ("said", "told", "announced")."""
    return _word(token) in REPORTING


def _reports(token: Token) -> bool:
    return token.pos_ == "VERB" and _word(token) in REPORTING


def _word(token: Token) -> str:
    return token.lemma_.lower()


def _noun_status(noun: Token) -> str | None:
    words = {_word(c) for c in noun.children if c.dep_ in ("amod", "det", "compound", "neg")}
    if "no" in words or _denied_existence(noun):
        return NEGATED
    if words & {"possible", "potential", "hypothetical", "likely"}:
        return HYPOTHETICAL
    if words & PLAN_WORDS:
        return PLANNED
    if _averted(noun):
        return HYPOTHETICAL
    return None


# Nouns whose negation denies that what they are "of" exists: "no reports of gunfire",
# "no sign of an attack", "without evidence of shelling".
EVIDENCE_NOUNS = {"report", "sign", "evidence", "indication", "word", "trace", "record",
                  "confirmation", "proof", "suggestion", "mention", "hint"}


def _denied_existence(noun: Token) -> bool:
    """"There were no reports of gunfire": the event noun hangs by "of" from an evidence
    noun that "no" (or "without") negates."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    holder = noun.head.head
    if _word(holder) not in EVIDENCE_NOUNS:
        return False
    negated = any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not") for c in holder.children)
    return negated or (holder.dep_ == "pobj" and holder.head.lower_ == "without")


def _averted(noun: Token) -> bool:
    """"warned against an attack", "to prevent a war", "fears of an invasion": an event
    someone wants to avoid has not happened."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("against", "of") and head.head != head:
        head = head.head
    elif noun.dep_ not in ("dobj", "pobj"):
        return False
    return _word(head) in AVERTING


def _imperative(anchor: Token) -> bool:
    """"Kidnap me!", "Bring our kids home": a command, no report of a happening."""
    return anchor.tag_ == "VB" and anchor.dep_ == "ROOT" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in anchor.children)


def _disbelieved(anchor: Token) -> bool:
    """"I don't believe they are occupying it", "nobody said that Iran attacked": a
    statement the speaker does not make asserts nothing."""
    head = reporting_head(anchor)
    return head is not None and (_negated(head) or any(
        c.dep_ == "nsubj" and c.lower_ in ("nobody", "no one", "none") for c in head.children))


def _asked(anchor: Token) -> bool:
    """"Will Israel attack Syria?": the anchor's clause is a question (the next sentence
    mark after it in its sentence is "?")."""
    for token in anchor.doc[anchor.i + 1:anchor.sent.end]:
        if token.text in (".", ";", "!", "?"):
            return token.text == "?"
    return False


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _conditional(token: Token) -> bool:
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS
                                     for c in token.children):
        return True
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if"
                                          for m in c.children) for c in token.children)


def _doubtful(token: Token) -> bool:
    if _word(token) in DOUBT_WORDS:
        return True
    return any(c.dep_ in ("advmod", "acomp", "amod") and _word(c) in DOUBT_WORDS
               for c in token.children)


def _auxes(token: Token) -> list[str]:
    return [c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")]


def _modal(chain: list[Token]) -> str | None:
    for token in chain:
        for aux in _auxes(token):
            if aux in MODAL_AUX:
                return "would" if aux in ("would", "'d", "’d") else aux
    return None


def _future(chain: list[Token]) -> bool:
    for token in chain:
        auxes = _auxes(token)
        if any(a in FUTURE_AUX for a in auxes):
            return True
        if "going" in auxes or (_word(token) == "be" and any(
                c.dep_ == "xcomp" and c.tag_ == "VB" for c in token.children)):
            return True  # "is going to visit", "is to visit"
    return False


def _planned(token: Token) -> bool:
    if _word(token) in PLAN_WORDS and token.pos_ in ("VERB", "ADJ", "NOUN"):
        return True
    if token.pos_ == "AUX" and any(c.dep_ == "acomp" and _word(c) in PLAN_WORDS
                                   for c in token.children):
        return True  # "was due on Tuesday to travel", "is set to visit"
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_word(s) in ("plan", "preparation", "arrangement") for s in subjects)


def _to_clause(anchor: Token) -> bool:
    """An infinitive modifying a noun ("talks for their diplomats to meet")."""
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)
    return has_to and anchor.dep_ in ("relcl", "acl") and anchor.tag_ == "VB"


def _reported(chain: list[Token]) -> bool:
    top = chain[-1]
    head = top.head
    return top.dep_ == "ccomp" and _reports(head) and head.tag_ == "VBD"
