"""Candidate quotations in one parsed article, before they are merged and attributed.

Three readings, each a :class:`Candidate`:

- **direct**: a quoted stretch with a reporting verb right after it ("“…,” Liu said",
  "“…,” said Chen Qi, …") or right before it ("Psaki told reporters: “…”");
- **reported**: a reporting verb of the lexicon (:mod:`.cues`) with its content
  read from the parse (:mod:`.frames`): "said (that) …", "…, he said", "according to
  …", "described Anchorage as a good “midpoint”"; content partly in quotation marks makes
  a *mixed* quote, content wholly in them a direct one (the headline form "Source: what
  they said" is read by :mod:`.headlines`);
- **uncued**: a quoted stretch that is a sentence of its own with no cue (news style
  continues a speaker's words in the next paragraph). Short stretches with no cue are
  titles or scare quotes and are dropped.

:meth:`Finder.merge_interrupted` joins a quote interrupted inside its sentence (“A,” he
said, “B.”) into one, spanning both parts. A quoted sentence after the cue clause's own
sentence (“A,” he said. “B.”) stays a quote of its own, marked as continuing the first one
(``Candidate.continues``), so it gets the same speaker.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LEMMA

from dragoman.records import Span, Speaker
from dragoman.stages.quotes.cues import Cue, cue_lemma_hashes
from dragoman.stages.quotes.frames import (
    SUBJECTS,
    asks_unnamed,
    content_of,
    cue_of,
    puts_it,
    source_of,
)
from dragoman.stages.quotes.marks import Quoted
from dragoman.text import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How far (in tokens) a cue may sit from the quotation mark it reports.
MAX_CUE_GAP = 30
# Stretches with fewer words than this and no cue are names, titles or scare quotes.
MIN_SENTENCE_WORDS = 4
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# Rule ranks: where two candidates report the same words, the lower rank is kept.
DIRECT, REPORTED, ACCORDING, UNCUED = 0, 1, 2, 3
# Dependents of a cue that may stand between it and the quote it introduces ("told
# reporters on Tuesday: “…”"); anything else there (an object, a clause) means the quote
# is part of a longer content.
INTRODUCING_DEPS = {"prep", "npadvmod", "advmod", "dative", "punct", "mark", "nsubj", "neg",
                    "aux", "advcl", "cc", "agent"}
BESIDE_QUOTES = ("speech", "manner")  # cue classes that may report a quotation beside them
# Entity types of titles and names, not of things said.
NAME_TYPES = {"WORK_OF_ART", "ORG", "EVENT", "LAW", "PRODUCT", "FAC"}
# First and second persons: in narration and transcripts they are the writer or the
# interviewer and guest, whose own views are not reported speech.
PERSONAL = {"i", "we", "you", "me", "us"}
# Words that may open a sentence before its quote: "But “…,” he said".
LEAD_POS = {"CCONJ", "ADV", "INTJ", "PUNCT", "SCONJ"}
ADDRESSEE_CUES = {"tell", "ask", "inform", "assure", "remind", "warn", "urge"}


@dataclass
class Candidate:
    content: Span
    kind: str
    cue: Token | None
    source: Token | None
    rank: int
    stretches: list[Quoted] = field(default_factory=list)
    speaker: Speaker = field(default_factory=Speaker)
    date: str | None = None
    stance: bool = False  # reported by a verb of holding a view ("believes"), not of saying
    # the quote whose speaker goes on in this one: “A,” she said. “B.” (B continues A)
    continues: Candidate | None = None


class Finder:
    def __init__(self, doc: Doc, text: str, quoted: list[Quoted],
                 paragraphs: list[Span]) -> None:
        self.doc = doc
        self.text = text  # doc.text, which spaCy rebuilds on every access
        self.quoted = quoted
        self.paragraphs = paragraphs
        self._paragraph_starts = [s for s, _ in paragraphs]
        # Attribute arrays, so that only the few tokens that matter become Token objects.
        columns = doc.to_array([IDX, LEMMA]) if len(doc) else None
        self._token_starts = columns[:, 0].tolist() if columns is not None else []
        self._lemmas = columns[:, 1].tolist() if columns is not None else []
        self.long_quotes = [q for q in quoted
                            if word_count(self.text, q.inner) >= MIN_SENTENCE_WORDS]
        self._long_starts = [q.inner[0] for q in self.long_quotes]

    def in_long_quote(self, offset: int) -> bool:
        """Inside a quoted stretch of a sentence or more (the speaker's own words)."""
        k = bisect.bisect_right(self._long_starts, offset) - 1
        return k >= 0 and offset < self.long_quotes[k].inner[1]

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self._token_starts, offset)

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)

    # pass 2 -------------------------------------------------------------------------------------
    def direct(self) -> list[Candidate]:
        found = []
        for quoted in self.quoted:
            if not any(ch.isalnum() for ch in self.text[quoted.inner[0]:quoted.inner[1]]) \
                    or self._is_name(quoted):
                continue
            cue = self._cue_after(quoted) or self._cue_before(quoted)
            if cue is not None:
                found.append(Candidate(_strip(self.text, quoted.inner), "direct", cue,
                                        source_of(cue), DIRECT, [quoted]))
                continue
            credit = self._credit_after(quoted)
            if credit is not None:
                found.append(Candidate(_strip(self.text, quoted.inner), "direct", credit[0],
                                        credit[1], DIRECT, [quoted]))
        return found

    def _is_name(self, quoted: Quoted) -> bool:
        """A title or name in quotation marks: one named entity of the recogniser's
        (“Sunday Morning Futures” as WORK_OF_ART), or a possessed noun ("Fox’s “Hannity”")."""
        doc = self.doc
        opening = self.token_at(quoted.outer[0])
        if opening > 0 and doc[opening - 1].tag_ == "POS":
            return True
        words = [t for t in doc[opening:self.token_at(quoted.inner[1])] if t.is_alpha]
        if not words or len(words) > 8:
            return False
        first = words[0]
        entity = next((e for e in doc.ents if e.start <= first.i < e.end), None) \
            if first.ent_type_ in NAME_TYPES else None
        return entity is not None and all(entity.start <= t.i < entity.end for t in words)

    def _credit_after(self, quoted: Quoted) -> tuple[Token, Token] | None:
        """"“…” [WaPo.]": a bracketed credit line right after the quote (news digests),
        when no other quote before it in the paragraph may claim it; returns the opening
        bracket and the credited name."""
        paragraph = self.paragraphs[self.paragraph_of(quoted.outer[0])]
        if any(paragraph[0] <= q.outer[0] < quoted.outer[0] for q in self.quoted):
            return None
        doc = self.doc
        k = self.token_at(quoted.outer[1])
        while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
            k += 1
        if k >= len(doc) or doc[k].text != "[":
            return None
        inside: list[Token] = []
        for token in doc[k + 1:k + 8]:
            if token.text == "]":
                names = [t for t in inside if t.pos_ == "PROPN" or t.is_upper]
                return (doc[k], names[-1]) if names else None
            inside.append(token)
        return None

    def _cue_after(self, quoted: Quoted) -> Token | None:
        last = quoted.inner[1] - 1
        while last > quoted.inner[0] and self.text[last].isspace():
            last -= 1
        if self.text[last] == ".":
            return None  # “… .” ends a sentence: a cue after it reports the next one
        doc = self.doc
        start = self.token_at(quoted.outer[1])
        while start < len(doc) and doc[start].is_punct and doc[start].text in ",—–-:":
            start += 1
        for k in range(start, min(len(doc), start + MAX_CUE_GAP)):
            token = doc[k]
            if _ends_scan(token):
                return None
            cue = cue_of(token)
            if cue is not None and cue.kind in (*BESIDE_QUOTES, "after"):
                fits = self._only_source_between(start, k, token) and \
                    self._opens_sentence(quoted, token) and not (
                        word_count(self.text, quoted.inner) < MIN_SENTENCE_WORDS
                        and self._reports_after(token, cue))
                return token if fits else None
        return None

    def _reports_after(self, verb: Token, cue: Cue) -> bool:
        """The cue after a short quote reports a clause of its own that follows it ("to
        chants of “Marco! Marco!,” the senator said his campaign was strong"), so the quote
        before is not what it reports."""
        found = content_of(verb, cue)
        return found is not None and found[0] > verb.i and not (
            self.doc[found[0]].is_quote or self.doc[found[0]].tag_ == "``")

    def _opens_sentence(self, quoted: Quoted, cue: Token) -> bool:
        """A quote reported by a cue after it starts its sentence ("But “…,” he said"),
        or hangs on that cue; one inside a phrase is a name or a scare quote ("on Fox’s
        “Hannity,” Gingrich said", "calling Trump “an orange buffoon,” she said")."""
        doc = self.doc
        opening = self.token_at(quoted.outer[0])
        k = opening - 1
        while k >= 0 and not _ends_scan(doc[k]) and (doc[k].pos_ in LEAD_POS or
                                                     doc[k].is_space):
            k -= 1
        if k < 0 or _ends_scan(doc[k]):
            return True
        inner = range(opening + 1, self.token_at(quoted.inner[1]))
        if any(k < doc[i].head.i < opening for i in inner if not doc[i].is_punct):
            return False  # its words hang on the phrase before it
        return any(doc[i].head.i == cue.i for i in inner)

    def _only_source_between(self, start: int, end: int, verb: Token) -> bool:
        """Tokens between a quote and the cue after it are the source and adverbials."""
        allowed = {verb.i}
        for child in verb.children:
            if child.dep_ in INTRODUCING_DEPS or child.dep_ in SUBJECTS or puts_it(child):
                allowed.update(t.i for t in child.subtree)
        return all(i in allowed or self.doc[i].is_punct for i in range(start, end))

    def _cue_before(self, quoted: Quoted) -> Token | None:
        doc = self.doc
        opening = self.token_at(quoted.outer[0])
        end = opening
        if end > 1 and doc[end - 1].is_space and doc[end - 2].text == ":":
            end -= 1  # "Cruz said:" at the end of the paragraph before the quote
        while end > 0 and (doc[end - 1].text in (",", ":", "—", "–")
                           or (doc[end - 1].lower_ == "that" and doc[end - 1].dep_ == "mark")):
            end -= 1
        for k in range(end - 1, max(-1, end - 1 - MAX_CUE_GAP), -1):
            token = doc[k]
            if _ends_scan(token):
                return None
            cue = cue_of(token)
            if cue is not None and cue.kind in BESIDE_QUOTES:
                return token if self._introduces(token, k + 1, end, opening) else None
        return None

    def _introduces(self, verb: Token, start: int, end: int, opening: int) -> bool:
        """Only the cue's setting (source, addressee, time, place) stands between it and
        the quote: "told reporters on Tuesday: “…”", "according to a statement, “…”". A
        quote inside the setting is a name ("said on Fox’s “Sunday Morning Futures”")."""
        allowed: set[int] = set()
        for child in verb.children:
            addressee = (child.dep_ == "dobj" and verb.lemma_ in ADDRESSEE_CUES) or \
                puts_it(child)
            if (child.dep_ in INTRODUCING_DEPS or addressee) and child.lower_ != "as":
                allowed.update(t.i for t in child.subtree)
        if self._hangs_on_setting(verb, opening):
            return False
        return all(i in allowed or self.doc[i].is_punct for i in range(start, end))

    def _hangs_on_setting(self, verb: Token, opening: int) -> bool:
        """The quote's words hang on a word of the setting before it (a preposition, a
        noun), not on the cue: then the quote is part of that phrase, a name."""
        doc = self.doc
        for token in doc[opening:min(len(doc), opening + 12)]:
            head = token.head
            if head.i < opening and head.i != verb.i and verb.i < head.i and \
                    not token.is_punct:
                return True
        return False

    # pass 3 -------------------------------------------------------------------------------------
    def reported(self, used: set[int]) -> list[Candidate]:
        found = []
        lexicon = cue_lemma_hashes(self.doc.vocab.strings)
        for i, lemma in enumerate(self._lemmas):
            if lemma not in lexicon or i in used or self.in_long_quote(self._token_starts[i]):
                continue
            token = self.doc[i]
            cue = cue_of(token)
            if cue is None or cue.kind not in ("speech", "stance"):
                continue
            found_range = content_of(token, cue)
            source = source_of(token)
            if found_range is None or (source is None and not asks_unnamed(token)):
                continue
            if cue.kind == "stance" and (source is None or source.lower_ in PERSONAL):
                continue  # "I think …" is the writer's or speaker's own voice
            inside = found_range[0] <= token.i < found_range[1]  # "X, he said, Y"
            if source is not None and found_range[0] <= source.i < found_range[1] and \
                    not inside:
                continue
            candidate = self.reported_candidate(token, source, found_range)
            if candidate is not None:
                candidate.stance = cue.kind == "stance"
                found.append(candidate)
        # a report inside what someone else reported is theirs ("said the violence was
        # claiming lives"); a view, also when only its verb is inside ("told reporters that
        # he thought …")
        return [c for c in found if not _within_another(c, found, whole=not c.stance)
                or (not c.stance and named_source(c))]

    def reported_candidate(self, cue: Token, source: Token | None,
                  tokens: tuple[int, int]) -> Candidate | None:
        doc = self.doc
        span = (doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1]))
        stretches = [q for q in self.quoted if _overlaps(q.inner, span)]
        kind = self._kind(span, stretches)
        if kind == "direct":
            span = (stretches[0].inner[0], stretches[-1].inner[1])
        rank = ACCORDING if cue.lower_ == "according" else REPORTED
        return Candidate(_strip(self.text, span), kind, cue, source, rank, stretches)

    def _kind(self, span: Span, stretches: list[Quoted]) -> str:
        if not stretches:
            return "indirect"
        outside = self.text[span[0]:span[1]]
        for q in reversed(stretches):
            a, b = max(q.outer[0], span[0]) - span[0], min(q.outer[1], span[1]) - span[0]
            outside = outside[:max(a, 0)] + " " + outside[max(b, 0):]
        return "mixed" if words(outside) else "direct"

    # pass 3b ------------------------------------------------------------------------------------
    def colon_statements(self, candidates: list[Candidate]) -> list[Candidate]:
        """"Her message is simple: …", "The ministry's position was clear: …": what follows
        the colon is the content of a statement the subject names; its owner is the source.
        Only where no other reading covers the colon."""
        taken = [c.content for c in candidates]
        found = []
        for token in self.doc:
            if token.text != ":" or self.in_long_quote(token.idx):
                continue
            noun = _statement_before(token)
            if noun is None:
                continue
            sentence = token.sent
            last = sentence.end - 1
            while last > token.i and (sentence.doc[last].is_punct
                                      or sentence.doc[last].is_space):
                last -= 1
            if last - token.i < 3:  # a few words at least: "Her answer: no." is no report
                continue
            span = (self.doc[token.i + 1].idx, self.doc[last].idx + len(self.doc[last]))
            if any(_overlaps(span, t) for t in taken):
                continue
            stretches = [q for q in self.quoted if _overlaps(q.inner, span)]
            kind = self._kind(span, stretches)
            if kind == "direct":  # "His answer was blunt: “…”": the words inside the marks
                span = (stretches[0].inner[0], stretches[-1].inner[1])
            found.append(Candidate(_strip(self.text, span), kind,
                                   token.head if token.head.i != token.i else None, noun,
                                   REPORTED, stretches))
        return found

    # pass 4 -------------------------------------------------------------------------------------
    def uncued(self, candidates: list[Candidate]) -> list[Candidate]:
        # the readings by start, with the furthest end up to each: a stretch overlaps one of
        # them if one that starts before its end ends after its start
        taken = sorted(c.content for c in candidates)
        starts = [s for s, _ in taken]
        reach = list(itertools.accumulate((e for _, e in taken), max))
        found = []
        for quoted in self.quoted:
            before = bisect.bisect_left(starts, quoted.inner[1])
            if before and reach[before - 1] > quoted.inner[0]:
                continue
            if self._is_sentence(quoted):
                found.append(Candidate(_strip(self.text, quoted.inner), "direct", None, None,
                                        UNCUED, [quoted]))
        return found

    def _is_sentence(self, quoted: Quoted) -> bool:
        """A stretch that is a sentence of its own: it starts a paragraph or follows the end
        of a sentence, nothing of the sentence follows it, and it has a finite verb."""
        text = self.text
        if word_count(text, quoted.inner) < MIN_SENTENCE_WORDS:
            return False
        before = text[self.paragraphs[self.paragraph_of(quoted.outer[0])][0]:quoted.outer[0]]
        if before.strip() and before.rstrip()[-1] not in ".?!:;\"”'’":
            return False
        after = text[quoted.outer[1]:self.paragraphs[self.paragraph_of(quoted.outer[0])][1]]
        after = after.lstrip()
        if after and not (after[0].isupper() or after[0] in "“\"'‘([—–-"):
            return False
        span = self.doc.char_span(*quoted.inner, alignment_mode="expand")
        return span is not None and any(t.tag_ in FINITE_TAGS for t in span)

    # pass 5 -------------------------------------------------------------------------------------
    def merge_interrupted(self, candidates: list[Candidate],
                          split: bool = False) -> list[Candidate]:
        """“A,” he said, “B.” → one quote from A to B: one sentence split around its cue.
        “A,” he said. “B.” → one quote from A to B as PolNeAR's annotators mark it, or with
        ``split`` two quotes, B continuing A: B is a sentence of its own, and a separate quote
        as the Timeline17 annotations and GenderGapTracker count it (README, "Quotes").
        Either only when B has no cue of its own (or the same one) and only A's cue clause
        stands between them."""
        quotes = sorted((c for c in candidates if c.rank in (DIRECT, UNCUED)),
                        key=lambda c: c.content)
        others = [c for c in candidates if c.rank not in (DIRECT, UNCUED)]
        merged: list[Candidate] = []
        for candidate in quotes:
            last = merged[-1] if merged else None
            gap = self._cue_clause_between(last, candidate) if last is not None else None
            if last is not None and gap is not None:
                if split and candidate.cue is None and self._ends_sentence(last, candidate):
                    candidate.continues = last
                else:
                    last.content = (last.content[0], candidate.content[1])
                    last.stretches += candidate.stretches
                    continue
            merged.append(candidate)
        return merged + others

    def _cue_clause_between(self, first: Candidate, second: Candidate) -> range | None:
        """The tokens between two quotes of one paragraph when they are only the first
        one's cue clause (and punctuation), and the second has no other cue; else None."""
        if first.cue is None or self.paragraph_of(first.content[0]) != \
                self.paragraph_of(second.content[0]):
            return None
        if second.cue is not None and second.cue.i != first.cue.i:
            return None
        gap = range(self.token_at(first.stretches[-1].outer[1]),
                    self.token_at(second.stretches[0].outer[0]))
        clause = {t.i for t in first.cue.subtree}
        if all(i in clause or self.doc[i].is_punct or self.doc[i].is_space for i in gap):
            return gap
        return None

    def _ends_sentence(self, first: Candidate, second: Candidate) -> bool:
        """The cue clause closes its sentence ("she said." rather than "she said,"), read
        from the characters before the second quote's opening mark: the full stop of an
        abbreviation at the end of the clause ("said a source close to News Corp.") is part
        of its token, not a token of its own."""
        between = self.text[first.stretches[-1].outer[1]:second.stretches[0].outer[0]]
        return between.rstrip()[-1:] in (".", "?", "!")


def _within_another(candidate: Candidate, others: list[Candidate], whole: bool = False) -> bool:
    """Whether the candidate's cue (and with ``whole`` its source and content too) lies in
    what another candidate reports."""
    at = candidate.cue.idx if candidate.cue is not None else candidate.content[0]
    start, end = candidate.content
    if whole and candidate.source is not None:
        start = min(start, candidate.source.idx)
    return any(o is not candidate and o.content[0] <= at < o.content[1] and (
        not whole or (o.content[0] <= start and end <= o.content[1])) for o in others)


def named_source(candidate: Candidate) -> bool:
    """A source with a name or a person behind it ("Russia said", "he said"): a report of its
    own even inside another's (run-on captions lose the sentence ends between them)."""
    source = candidate.source
    return source is not None and (bool(source.ent_type_) or source.pos_ in ("PROPN", "PRON"))


def _ends_scan(token: Token) -> bool:
    """Where the search for a cue stops: a paragraph break, a sentence end, another quote."""
    return (token.is_space and "\n" in token.text) or token.text in (".", "?", "!", ";") \
        or token.tag_ in ("``", "''") or token.text in ("“", "”", '"', "''", "``") \
        or _ends_with_abbreviation(token)


def _ends_with_abbreviation(token: Token) -> bool:
    """"… close to News Corp. “He …”": an abbreviation's full stop is part of its token,
    and ends the sentence when the next token opens a new one."""
    doc = token.doc
    return len(token.text) > 1 and token.text.endswith(".") and token.i + 1 < len(doc) \
        and bool(doc[token.i + 1].is_sent_start)


# -- small helpers ---------------------------------------------------------------------------
def _strip(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def word_count(text: str, span: Span) -> int:
    return len(text[span[0]:span[1]].split())


# What a statement is called when its gist follows a colon ("Her message is simple: …").
STATEMENT_NOUNS = {"message", "statement", "position", "view", "verdict", "answer", "response",
                   "reply", "warning", "point", "argument", "advice", "demand", "plea", "stance"}


def _statement_before(colon: Token) -> Token | None:
    """The statement noun of "<owner's> <noun> (to voters) is/was (adverb) (adjective) :",
    the colon closing that clause; None for any other colon."""
    i = colon.i - 1
    doc = colon.doc
    start = colon.sent.start
    while i > start and doc[i].pos_ in ("ADJ", "ADV"):
        i -= 1
    if i <= start or doc[i].lemma_ != "be":
        return None
    noun = next((c for c in doc[i].children if c.dep_ == "nsubj"), None)
    if noun is None or noun.lemma_.lower() not in STATEMENT_NOUNS or noun.pos_ != "NOUN":
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or noun.left_edge.i != start:
        return None  # a statement of someone's, opening the sentence
    return noun
