"""Quotations: direct, mixed and indirect, with their speakers resolved to entities.

:func:`extract_quotes` works in passes over one parsed article:

1. **Quoted stretches** (:mod:`.marks`): every stretch between quotation marks, by
   characters, including quotes that run over paragraphs; unbalanced marks never raise.
2. **Candidates** (:mod:`.finder`): direct quotes with a cue beside them, reported
   speech read from the parse (with the cue lexicon of :mod:`.cues`), headline
   attributions "Source: …" (:mod:`.headlines`), and quoted sentences with no cue.
3. **Assembly** (here): a quote interrupted inside its sentence (“A,” he said, “B.”) becomes
   one quote spanning both parts, and a quoted sentence right after the cue's sentence (“A,”
   he said. “B.”) a quote of its own with A's speaker; two readings of the same words keep
   the better one; speakers are resolved in text order (:mod:`.speakers`), so that "he said"
   can use the quotes before it; an unattributed quote goes to the speaker of the quote just
   before it (the same or the previous paragraph); the date comes from the cue's clause
   (:class:`dragoman.stages.timexes.extract.ClauseDates`) or, for the same speaker on the
   same occasion, from the quote before; quotes in repeated paragraphs point to their first
   report (``duplicate_of``). Quotes are read from the body and headlines only: a quote in a
   reader comment, a caption or site text is dropped (``paragraphs[].zone``).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dragoman.records import Entity, Paragraph, Quote, Span, Speaker, Timex
from dragoman.stages.paragraphs.extract import paragraph_spans
from dragoman.stages.paragraphs.zones import QUOTE_ZONES, in_zones
from dragoman.stages.quotes.finder import (
    DIRECT,
    Candidate,
    Finder,
    named_source,
)
from dragoman.stages.quotes.frames import ASKING, SUBJECTS
from dragoman.stages.quotes.headlines import headline_reports
from dragoman.stages.quotes.marks import find_quoted
from dragoman.stages.quotes.speaker_names import NamingKnowledge
from dragoman.stages.quotes.speakers import SpeakerResolver
from dragoman.stages.timexes.extract import ClauseDates
from dragoman.text import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def extract_quotes(doc: Doc, entities: Sequence[Entity] = (), timexes: Sequence[Timex] = (),
                   paragraphs: Sequence[Paragraph] = (), text: str | None = None,
                   knowledge: NamingKnowledge | None = None, published: str | None = None,
                   split_continuations: bool = False) -> list[Quote]:
    """Every quotation in ``doc`` in text order (see the module docstring). ``text`` is the
    article text ``doc`` was parsed from, when at hand (spaCy rebuilds ``doc.text``);
    ``knowledge`` names states' governments and gives speakers' countries and sectors, and
    office holders as of ``published``. With ``split_continuations``, “A,” she said. “B.”
    gives B as a quote of its own (setting quote_split_continuations)."""
    text = doc.text if text is None else text
    spans = [p.span for p in paragraphs] or paragraph_spans(text)
    finder = Finder(doc, text, find_quoted(text, spans), spans)
    candidates = finder.direct()
    candidates += finder.reported({c.cue.i for c in candidates if c.cue is not None})
    candidates = _without_quotes_in_reports(candidates)
    candidates += _without_reports_inside(headline_reports(finder), candidates)
    candidates += finder.colon_statements(candidates)
    candidates += finder.uncued(candidates)
    candidates = _dedupe(finder.merge_interrupted(candidates, split_continuations))
    # reader comments, captions and site text are no one's quotes (stages/paragraphs/zones.py)
    candidates = [c for c in candidates if in_zones(c.content, paragraphs, QUOTE_ZONES)]
    candidates.sort(key=lambda c: c.content)
    resolver = SpeakerResolver(doc, entities, [q.inner for q in finder.long_quotes],
                               knowledge, text, published)
    _attribute(candidates, resolver, finder, ClauseDates(doc, timexes))
    return _to_quotes(candidates, text, spans, paragraphs)


# -- assembly --------------------------------------------------------------------------------
def _without_reports_inside(headlines: list[Candidate],
                            others: list[Candidate]) -> list[Candidate]:
    """A "Source: …" reading whose words hold someone else's report ("The BBC's Jane Doe:
    refugees flee as UN chief Ban Ki-moon warns …", a caption run into the text) is no
    quote of that source's."""
    return [h for h in headlines if not any(
        o.cue is not None and h.content[0] <= o.cue.idx < h.content[1] for o in others)]


def _without_quotes_in_reports(candidates: list[Candidate]) -> list[Candidate]:
    """A quotation whose cue and words both lie inside what someone else is reported to
    have said is part of that report ("The collapse signals “a dark day” for the town, said
    Chen Qi": the words are Chen Qi's, "signals" no cue of its own), unless a name or a
    person says it ("X said … and appealed to Y “…”", where the parser put the second verb
    inside the first one's clause)."""
    # the reports by start, with the furthest end of those starting up to each: one covers
    # [first, last) when one starting at or before ``first`` reaches ``last`` (comparing
    # each quotation with every report was quadratic in a storm of quotes)
    reports = sorted(c.content for c in candidates if c.rank != DIRECT and c.cue is not None)
    starts = [s for s, _ in reports]
    reach = list(itertools.accumulate((e for _, e in reports), max))

    def inside_a_report(cue: Token, content: Span) -> bool:
        first, last = min(cue.idx, content[0]), max(cue.idx + 1, content[1])
        k = bisect.bisect_right(starts, first)
        return k > 0 and reach[k - 1] >= last

    return [c for c in candidates if c.rank != DIRECT or c.cue is None or named_source(c)
            or not inside_a_report(c.cue, c.content)]


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """Two readings of the same words (or of the same cue) keep the lower-ranked rule's."""
    kept: list[Candidate] = []
    cues: set[int] = set()
    # the kept readings by where they start: a reading sharing 80% of the longer one's words
    # with this one starts at most one length of this one before it and before its end, so
    # only those are compared (comparing each with all kept was quadratic in the quotes)
    starts: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (c.rank, c.content)):
        if candidate.cue is not None and candidate.cue.i in cues:
            continue
        start, end = candidate.content
        lo = bisect.bisect_left(starts, (start - (end - start) - 1, -1))
        hi = bisect.bisect_right(starts, (end, len(kept)))
        if any(_same_words(candidate, kept[k]) for _, k in starts[lo:hi]):
            continue
        bisect.insort(starts, (start, len(kept)))
        kept.append(candidate)
        if candidate.cue is not None:
            cues.add(candidate.cue.i)
    return kept


def _same_words(a: Candidate, b: Candidate) -> bool:
    if a.cue is not None and b.cue is not None and a.cue.i == b.cue.i:
        return True
    common = min(a.content[1], b.content[1]) - max(a.content[0], b.content[0])
    longer = max(a.content[1] - a.content[0], b.content[1] - b.content[0])
    return common > 0 and common >= 0.8 * longer


def _attribute(candidates: list[Candidate], resolver: SpeakerResolver, finder: Finder,
               dates: ClauseDates) -> None:
    """Speakers and dates in text order, so pronouns and unattributed quotes can use the
    quotes before them."""
    previous: Candidate | None = None
    attributed: set[int] = set()
    for candidate in candidates:
        near = previous is not None and finder.paragraph_of(candidate.content[0]) - \
            finder.paragraph_of(previous.content[1]) <= 1
        continued = candidate.continues
        if continued is not None and id(continued) in attributed:
            # “A,” she said. “B.”: B is hers, whoever the cue clause also names
            candidate.speaker, candidate.date = continued.speaker, continued.date
        elif candidate.cue is None:
            candidate.speaker = _unattributed(candidate, previous, near, resolver, finder)
        else:
            candidate.speaker = resolver.resolve(candidate.source, candidate.content)
            candidate.date = _cue_date(candidate.cue, dates)
        if candidate.date is None and previous is not None and near and \
                candidate.speaker.entity and candidate.speaker.entity == previous.speaker.entity:
            candidate.date = previous.date  # the same speaker, still on the same occasion
        offset = candidate.source.idx if candidate.source is not None else candidate.content[0]
        resolver.hear(offset, candidate.speaker, candidate.source, candidate.content)
        attributed.add(id(candidate))
        previous = candidate


def _unattributed(candidate: Candidate, previous: Candidate | None, near: bool,
                  resolver: SpeakerResolver, finder: Finder) -> Speaker:
    """A quote with no cue: the person named as its label ("Hayward: “…”"); the person
    the narration just before it is about, when a sentence stands between it and the last
    quote (or it opens the quotes); else the speaker of the quote just before it (the same
    or the previous paragraph)."""
    labelled = resolver.labelled(candidate.content[0])
    if labelled is not None:  # "Hayward: “…”"
        return labelled
    paragraph = finder.paragraph_of(candidate.content[0])
    start = finder.paragraphs[max(0, paragraph - 1)][0]
    if previous is not None:
        start = max(start, previous.content[1])
    narrated = resolver.narrated(start, candidate.content[0])
    if narrated is not None:  # also "Trump went even further: “…”"
        return narrated
    if previous is not None and near and not _asks(previous, finder.text):
        return previous.speaker
    # "“…” Ana Ruiz, a nurse in Leeds, has worked there for years.": the sentence after it
    after = resolver.narrated(candidate.content[1], finder.paragraphs[paragraph][1],
                              first_sentence=True)
    return after if after is not None else Speaker()


def _asks(quote: Candidate, text: str) -> bool:
    """A question put to someone: the quote after it is the answer, someone else's words
    (a speaker's own rhetorical question, "“What would we do?” he said.", is not)."""
    if quote.cue is not None:
        return quote.cue.lemma_ in ASKING
    return text[quote.content[0]:quote.content[1]].rstrip().rstrip("”\"'’").endswith("?")


def _cue_date(cue: Token, dates: ClauseDates) -> str | None:
    found = dates.date_of(cue)
    if found is None and cue.dep_ in ("advcl", "xcomp", "conj") and \
            not any(c.dep_ in SUBJECTS for c in cue.children):
        found = dates.date_of(cue.head)  # "at a news conference on Sunday, saying …"
    return found


def _to_quotes(candidates: list[Candidate], text: str, spans: list[Span],
               paragraphs: Sequence[Paragraph]) -> list[Quote]:
    quotes: list[Quote] = []
    starts = [s for s, _ in spans]
    for candidate in candidates:
        quote = Quote(content=candidate.content, kind=candidate.kind,
                      cue=_cue_span(candidate.cue), speaker=candidate.speaker,
                      date=candidate.date)
        original = _repeated(quote, quotes, text, starts, spans, paragraphs)
        quotes.append(replace(quote, duplicate_of=original) if original is not None else quote)
    return quotes


def _repeated(quote: Quote, earlier: list[Quote], text: str, starts: list[int],
              spans: list[Span], paragraphs: Sequence[Paragraph]) -> int | None:
    """The index of the earlier quote this one repeats, when it sits in a paragraph marked
    as a repeat of an earlier paragraph (paragraphs stage) and says the same words."""
    if not paragraphs:
        return None
    here = max(0, bisect.bisect_right(starts, quote.content[0]) - 1)
    original = paragraphs[here].duplicate_of if here < len(paragraphs) else None
    if original is None:
        return None
    first, last = spans[original]
    own = set(words(text[quote.content[0]:quote.content[1]]))
    for index, other in enumerate(earlier):
        if not (first <= other.content[0] and other.content[1] <= last):
            continue
        theirs = set(words(text[other.content[0]:other.content[1]]))
        shorter = min(len(own), len(theirs))
        if shorter and len(own & theirs) * 2 >= shorter and other.duplicate_of is None:
            return index
    return None


def _cue_span(cue: Token | None) -> Span | None:
    if cue is None:
        return None
    tokens = [cue] + [c for c in cue.children if c.dep_ == "prt"
                      or (cue.lower_ == "according" and c.lower_ == "to")]
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    doc = cue.doc
    return doc[first].idx, doc[last].idx + len(doc[last])
