"""Temporal expressions (TIMEX3) in an article, normalised against its publication date.

Recognition takes candidates from two places: the patterns written here (weekdays, "on the
weekend", durations, "now", "recently", holidays, sets such as "annual" — which the spaCy NER
misses or cuts badly), tried only near trigger words, and the NER's own DATE/TIME entities.
Candidates are trimmed and tried longest first; one counts only when it is plausible in its
sentence and :func:`.timeml.normalize_timex` gives it a value (the normaliser is the
validator), and no shorter candidate may overlap it. The tense of the clause an expression
sits in decides which "Tuesday" or "February 11" it means, and comparisons ("a year
earlier") count from the last date the article named outright.

:class:`ClauseDates` gives the quotes stage the date of a clause: the day or interval of the
timex attached to its verb (:func:`clause_date` is the same for a single verb).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span as DocSpanType

from dragoman.records import Span, Timex
from dragoman.stages.timexes import calendar as dates
from dragoman.stages.timexes.calendar import FUTURE, PAST, PRESENT
from dragoman.stages.timexes.lists import resolve_list_years
from dragoman.stages.timexes.timeml import normalize_timex
from dragoman.text import fold_case

if TYPE_CHECKING:
    from datetime import date

    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

# Month and weekday names must be capitalised ("march" is a verb, "may" a modal).
_MONTH = (r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|"
          r"Dec\.|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?= \d))|"
          r"(?:JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|"
          r"DECEMBER))")
_WEEKDAY = r"(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?)"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1[6-9]|20)\d\d\b(?!-\d|,\d|\.\d|%)"
_PART = r"(?:morning|afternoon|evening|night)"
_NUM = (r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
        r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
        r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|a few|few|"
        r"a couple of|couple of|many|some|a dozen|dozens of|(?:twenty|thirty|forty|fifty)"
        r"[- ](?:one|two|three|four|five|six|seven|eight|nine))")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|" \
        r"years?|decades?|century|centuries)"
_MOD = (r"(?:(?:early|late|mid|earlier|later|the end of|the beginning of|the start of|"
        r"the middle of|end of|the first half of|the second half of)[- ])?")
_REL = (r"(?:(?:this|last|next|past|the past|the coming|the previous|the following|"
        r"the current|the same|the latest|the most recent|the|that|this past|coming|previous|"
        r"current|latest)\s)")
# Before a month or weekday "the" is no relation ("the Aug. 7 bombings").
_REL_NAMED = r"(?:(?:this|last|next|this past|the following|the previous|that)\s)"
# Years said in words, as broadcast transcripts write them: "nineteen ninety-six".
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPELLED_YEAR = (r"(?:(?:eighteen|nineteen)[- ](?:hundred(?: and)? |oh[- ])?(?:ten|eleven|"
                 rf"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_TENS}"
                 r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|"
                 r"four|five|six|seven|eight|nine)\b|(?<=the year )two thousand(?:[- ](?:and[- ])?"
                 r"(?:one|two|three|four|five|six|seven|eight|nine|ten))?\b)")
_TENS_PLURAL = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
_ORDINAL_WORD = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
                 r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
                 r"nineteenth|twentieth|twenty[- ]first|twenty[- ]second)")
_HOLIDAY = (r"(?-i:Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Thanksgiving(?: Day)?|"
            r"Independence Day|Halloween|Valentine's Day|Boxing Day|Veterans Day)")

_PATTERNS = [
    # dates with a day: Friday, Aug. 7, 1998 / 7 August 1998 / March 9
    rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAYNUM}(?:,? {_YEAR}|,? '\d\d\b)?",
    rf"(?:{_WEEKDAY},? )?(?:the )?{_DAYNUM} (?:of )?{_MONTH}(?:,? {_YEAR})?",
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)\b",
    rf"{_MOD}{_MONTH},? (?:of )?{_YEAR}",
    rf"{_MOD}{_MONTH},? (?:of )?(?:this|last|next) year\b",
    rf"(?:the year )?(?:{_MONTH} )?{_SPELLED_YEAR}",
    rf"(?:the )?{_MOD}(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_WORD})[- ]century\b",
    rf"{_MOD}{_REL_NAMED}?{_MONTH}",
    rf"{_MOD}(?:fiscal |calendar |the year )?{_YEAR}",
    rf"(?:the )?{_MOD}(?:\d{{3}}0|'\d0)s\b",
    rf"the {_MOD}(?:nineteen[- ])?{_TENS_PLURAL}\b",
    # weekdays and parts of days
    rf"{_MOD}{_REL_NAMED}?{_WEEKDAY}(?: {_PART})?",
    rf"(?:early |late )?(?:today|tonight|yesterday|tomorrow)(?: {_PART})?",
    rf"(?:last night|this {_PART})",
    rf"(?:early |late |mid[- ])?{_PART} (?:yesterday|today|tomorrow)",
    r"mid[- ](?:morning|afternoon)\b",
    # clock times, with the day they fall on
    rf"(?:about |around )?(?:\d{{1,2}}(?::\d\d)? ?[ap]\.m\b\.?|noon|midnight)"
    rf"(?: [A-Z]{{2}}T)?(?:,? (?:on )?(?:{_WEEKDAY}|today|tonight|yesterday|tomorrow|"
    rf"{_MONTH} {_DAYNUM}))?",
    # relative: last week, earlier this year, the weekend, next summer, third quarter
    rf"{_MOD}{_REL}(?:fiscal )?(?:week|weekend|month|quarter|year|period|spring|summer|fall|"
    r"autumn|winter)\b(?![- ]old)",
    r"(?:early|late|mid|in|during|by|until|since)[- ](?P<t>(?:spring|summer|fall|autumn|"
    r"winter))\b",
    r"\byear[- ]end\b",
    rf"{_MOD}(?:spring|summer|fall|autumn|winter) (?:of )?(?:{_YEAR}|{_SPELLED_YEAR})",
    rf"{_NUM}[- ]{_UNIT} (?:ago|earlier|later|before|from now|hence)",
    r"(?:the )?year[- ](?:earlier|ago)(?: (?:quarter|period|level|month))?",
    rf"(?:the )?(?:{_YEAR}(?:'s)? |(?:this|last|next) year's |year[- ](?:ago|earlier) )?"
    r"(?:(?:comparable|corresponding|same) )?(?:fiscal[- ])?(?:first|second|third|fourth|last|"
    rf"final)[- ](?:fiscal[- ])?(?:quarter|half)(?: of (?:fiscal )?{_YEAR})?",
    rf"(?:the )?(?:{_YEAR}|(?:this|last|next) year's) (?:fiscal )?(?:quarter|period)\b",
    # durations: the past three months, a decade, two-year, two hours
    rf"{_NUM}(?: and a half|-and-a-half| 1/2)[- ]{_UNIT}\b",
    rf"(?:a|an|one) {_UNIT} and a half\b",
    r"(?:the )?(?:(?:past|last|next|first|coming|previous|final|following|latest|remaining|"
    rf"recent|initial|entire|whole|full|other) )*{_NUM}[- ](?:more |additional |straight |"
    rf"consecutive )?{_UNIT}(?:[- ]long)?\b(?![- ](?:old|olds)\b)",
    r"(?:for|over|in|within|after|than) (?P<t>years|months|weeks|decades|days|hours|centuries)",
    # references and sets
    r"\b(?:now|currently|current|recently|formerly|lately|nowadays|these days|at present|"
    r"presently|right now)\b",
    r"\b(?:the (?:near |foreseeable |distant |recent )?future|the (?:recent )?past|"
    r"(?:the )?recent (?:years|months|weeks|days|times)|"
    r"the (?:months and years|years|months|weeks|days) (?:ahead|to come)|"
    r"the coming (?:years|months|weeks|days)|the (?:long|short|near) (?:term|run))\b",
    r"\b(?:daily|weekly|monthly|annual|annually|yearly|hourly|nightly)\b",
    rf"\b(?:every|each|per) (?:other )?(?:{_NUM} )?(?:{_UNIT}|{_WEEKDAY}|{_MONTH})",
    r"(?:\d%?|once|twice|times|cents|dollars|percent|\$\S+) (?P<t>a (?:day|week|month|year))\b",
    rf"(?:the )?(?:eve|day|night) (?:of|before|after) (?:the )?{_HOLIDAY}|{_HOLIDAY}",
]
# Each pattern starts at the start of a word (a cheap test that lets the scan skip most
# positions).
_WORD_START = r"(?<![\w'.-])(?=[\w'])"
_RECOGNIZER = [re.compile(_WORD_START + "(?:" + p + ")", re.IGNORECASE) for p in _PATTERNS]


def _for_folded_text(pattern: str) -> str:
    """``pattern`` to match case-sensitively on folded text: its letters in lower case (not
    those of escapes such as ``\\S``), without its "t" group. It matches wherever ``pattern``
    matches the text with IGNORECASE, and also where ``pattern`` asks for a capital
    (``(?-i:May)``), as no such part stands in a negative lookaround."""
    pattern = pattern.replace("(?P<t>", "(?:")
    return re.sub(r"\\.|[A-Z]",
                  lambda m: m.group() if m.group().startswith("\\") else m.group().lower(),
                  pattern)


# The places where any pattern may match, found in one scan (a lookahead, so every such place
# is reported): each pattern is then tried only there, on the text itself, instead of being
# run over the whole text once per pattern. The scan reads the text case-folded and matches
# case-sensitively, several times faster than with IGNORECASE (dragoman.text.fold_case).
_ANY_PATTERN = re.compile(
    _WORD_START + "(?=" + "|".join("(?:" + _for_folded_text(p) + ")" for p in _PATTERNS) + ")")
# Every pattern contains one of these words or a digit; the patterns only run near them.
# Matched on the case-folded text, as the scan above.
_TRIGGER = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|period|"
    r"half|spring|summer|fall|autumn|winter|today|tonight|yesterday|tomorrow|now|current|"
    r"recent|formerly|lately|nowaday|present|future|past|term|run|ahead|daily|annual|"
    r"yearly|hourly|nightly|noon|midnight|christmas|new year|thanksgiving|independence|"
    r"halloween|valentine|boxing|veterans|eighteen|nineteen|thousand|"
    r"(?:twen|thir|for|fif|six|seven|eigh|nine)ties)")
_WINDOW_BEFORE, _WINDOW_AFTER = 80, 60
_HOLIDAY_WORDS = re.compile(_HOLIDAY)
# "the eve of the Lunar New Year on February 11": the named occasion takes the explicit date.
_OCCASION_TEXT = (r"(?:the )?(?:eve|day|night|morning) of (?:the )?(?:[A-Z][\w'-]*\s?){1,4}"
                  r"(?:,\s|\s)(?:on\s)?")
_OCCASION = re.compile(_OCCASION_TEXT + "$")
_OCCASION_PREFIX = re.compile(_OCCASION_TEXT)
_NER_LABELS = {"DATE", "TIME"}
# Entities that own their words: a date inside them is part of a name or a title.
_BLOCKING = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC", "NORP", "LAW"}
_TEMPORAL_BEFORE = {"in", "since", "until", "till", "by", "from", "through", "of", "during",
                    "before", "after", "to", "last", "next", "this", "early", "late", "mid",
                    "between", "and", "or", "on", "-", "that", "each", "every", "around",
                    "about", "as", "fiscal", "throughout", "into", "within", "for", "the", "a",
                    "an"}
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "\u2019ll", "would", "'d"}
_BARE_MONTH = re.compile(r"(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December)", re.IGNORECASE)


def extract_timexes(doc: Doc, published: str | None, text: str | None = None) -> list[Timex]:
    """Every temporal expression in ``doc`` with its TIMEX3 type and value, in text order.
    ``text`` is the article text ``doc`` was parsed from, when at hand (spaCy rebuilds
    ``doc.text`` on every access)."""
    article = _Article(doc, dates.parse_published(published), doc.text if text is None else text)
    timexes: list[Timex] = []
    reference: str | None = None
    for start, end in _select(article):
        result = _normalize(article, start, end, reference)
        if result is None:
            continue
        timexes.append(Timex((start, end), *result))
        # Comparisons ("a year earlier") take their period from the last date named outright;
        # chaining them would move the reference back a year each time.
        if result[0] == "DATE" and result[1][:1].isdigit() \
                and not _COMPARISON.search(article.text[start:end]):
            reference = result[1]
    return resolve_list_years(article.text, timexes, article.anchor)


def clause_date(verb: Token | DocSpan, timexes: Sequence[Timex]) -> str | None:
    """The day (``2021-03-09``) or interval (``2021-03-06/2021-03-07``) the clause of
    ``verb`` refers to: the first dated timex attached to that verb in the parse, else None.
    Callers asking for many verbs of one article build a :class:`ClauseDates` once."""
    token = verb.root if isinstance(verb, DocSpanType) else verb
    return ClauseDates(token.doc, timexes).date_of(token)


class ClauseDates:
    """The dated timexes of one article by the verb each attaches to, computed once."""

    def __init__(self, doc: Doc, timexes: Sequence[Timex]) -> None:
        self._by_verb: dict[int, str] = {}
        self._weekdays: set[int] = set()  # verbs dated by a weekday name alone ("on Tuesday")
        for timex in timexes:
            if timex.type not in ("DATE", "TIME"):
                continue
            span = doc.char_span(*timex.span, alignment_mode="expand")
            interval = dates.value_interval(timex.value) if span is not None else None
            if span is not None and interval:
                verb = _governor(span.root).i
                if verb not in self._by_verb and _WEEKDAY_ONLY.fullmatch(span.text):
                    self._weekdays.add(verb)
                self._by_verb.setdefault(verb, dates.interval_text(*interval))

    def date_of(self, verb: Token | DocSpan) -> str | None:
        token = verb.root if isinstance(verb, DocSpanType) else verb
        return self._by_verb.get(token.i)

    def by_weekday(self, verb: Token) -> bool:
        """Whether the verb's date is a weekday name alone, resolved to the latest such day."""
        return verb.i in self._weekdays


_WEEKDAY_ONLY = re.compile(r"(?i)(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                           r"(?:\s+(?:morning|afternoon|evening|night))?")


_COMPARISON = re.compile(r"(?i)\b(?:ago|earlier|later|before|after)\b")


class _Article:
    """The parsed text with what every step reads, computed once (``Doc.text`` and
    ``Doc.ents`` are rebuilt on every access)."""

    def __init__(self, doc: Doc, anchor: date | None, text: str) -> None:
        self.doc, self.anchor, self.text = doc, anchor, text
        self.ents = list(doc.ents)
        self.blocked = bytearray(len(doc))
        for ent in self.ents:
            if ent.label_ in _BLOCKING:
                self.blocked[ent.start:ent.end] = b"\x01" * (ent.end - ent.start)

    def span(self, start: int, end: int) -> DocSpan | None:
        return self.doc.char_span(start, end, alignment_mode="expand")


# -- recognition ------------------------------------------------------------------------------
def _candidates(article: _Article) -> Iterator[Span]:
    text = article.text
    folded = fold_case(text)
    for first, last in _regions(folded):
        for match in _pattern_matches(text, folded, first, last):
            start, end = match.span("t") if match.groupdict().get("t") else match.span()
            if _is_word_boundary(text, start, end):
                yield start, end
    for ent in article.ents:
        if ent.label_ in _NER_LABELS:
            yield ent.start_char, ent.end_char


def _pattern_matches(text: str, folded: str, first: int, last: int
                     ) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text, first, last)`` gives for each pattern, in text
    order, each pattern tried only where :data:`_ANY_PATTERN` finds one may match in the
    ``folded`` text. Like ``finditer``, a pattern looks for its next match from the end of
    its last one (no pattern matches the empty string)."""
    resume = [first] * len(_RECOGNIZER)
    for place in _ANY_PATTERN.finditer(folded, first, last):
        position = place.start()
        for number, pattern in enumerate(_RECOGNIZER):
            if position < resume[number]:
                continue
            match = pattern.match(text, position, last)
            if match is not None:
                resume[number] = match.end()
                yield match


def _regions(folded: str) -> list[Span]:
    """Stretches of the (folded) text around trigger words, merged; the rest cannot hold a
    timex."""
    regions: list[Span] = []
    for match in _TRIGGER.finditer(folded):
        first = max(0, match.start() - _WINDOW_BEFORE)
        last = min(len(folded), match.end() + _WINDOW_AFTER)
        if regions and first <= regions[-1][1]:
            regions[-1] = (regions[-1][0], last)
        else:
            regions.append((first, last))
    return regions


def _is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not (after.isalnum() and text[end - 1].isalnum())


def _select(article: _Article) -> list[Span]:
    """Non-overlapping candidate spans, longest first, each one the normaliser accepts."""
    text = article.text
    chosen: list[Span] = []
    taken = bytearray(len(text) + 1)
    candidates = sorted({_trim(text, s, e) for s, e in _candidates(article)},
                        key=lambda s: (s[0] - s[1], s[0]))
    for start, end in candidates:
        if end <= start or any(taken[start:end]):
            continue
        if not _plausible(article, start, end):
            continue
        if _normalize(article, start, end, None) is None:
            continue
        chosen.append((start, end))
        taken[start:end] = b"\x01" * (end - start)
    return _merge_occasions(text, sorted(chosen))


def _trim(text: str, start: int, end: int) -> Span:
    """Drop the spaces, punctuation and clause words an NER entity may include."""
    while start < end and not text[start].isalnum() and text[start] != "'":
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    lead = _LEAD.match(text, start, end)
    if lead and end > lead.end():
        start = lead.end()
    return start, end


_LEAD = re.compile(r"(?i)(?:on|in|at|for|over|during|since|until|by|from|through|about|"
                   r"around|within|of)\s+")


def _plausible(article: _Article, start: int, end: int) -> bool:
    """Filters for the traps: a month that is a name or a verb, a year in a title ("2020
    Vision"), a duration inside a title ("One Hundred Years of Solitude"), an age."""
    span = article.span(start, end)
    if span is None or any(article.blocked[span.start:span.end]):
        return False
    text = span.text
    if any(_capitalised_mid_sentence(t) and t.lower_ in _TITLE_TRAPS for t in span) \
            and not _HOLIDAY_WORDS.search(text):
        return False
    if span[-1].lower_ in ("old", "-old") or text.lower().endswith("-old"):
        return False  # ages ("a 6-year-old") are not timexes in TimeML
    if not _plausible_words(article, span, end):
        return False
    if _BARE_MONTH.fullmatch(text):
        before = article.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before not in _TEMPORAL_BEFORE or span[0].pos_ in ("VERB", "AUX"):
            return False
    if _YEAR_ONLY.fullmatch(text):
        return _plausible_year(span)
    return True


def _plausible_words(article: _Article, span: DocSpan, end: int) -> bool:
    """Words that look temporal but are not, by TimeBank's annotation: the fraction in
    "three-quarters of its food", the ordinal in "a second group", an age in "his 30s", the
    adjective in "its quarterly dividend"."""
    text, last = span.text.lower(), span[-1]
    if _FRACTION.fullmatch(text) and (
            "-" in text or _OF_NOT_YEAR.match(article.text, end)):
        return False
    if last.lower_ == "second" and len(span) > 1 and last.dep_ == "amod":
        return False
    if _BARE_DECADE.fullmatch(text) and span.start > 0 \
            and article.doc[span.start - 1].tag_ == "PRP$":
        return False
    # TimeBank leaves "quarterly" unannotated when it describes a noun (dividend, results).
    return not (text == "quarterly" and (last.dep_ == "amod" or last.pos_ == "NOUN"))


_FRACTION = re.compile(r"(?:(?:more than|less than|about|nearly|almost|roughly) )?"
                       r"(?:a|one|two|three)[- ]quarters?")
_OF_NOT_YEAR = re.compile(r"\s+of\s+(?!(?:fiscal\s+)?\d{4}|(?:this|next|last)\s+year)")
_BARE_DECADE = re.compile(r"(?:early |mid-?|late )?\d0s")
_YEAR_ONLY = re.compile(r"\d{4}")
# Lower-case time words that, capitalised mid-sentence, belong to a name or a title.
_TITLE_TRAPS = {"years", "year", "days", "day", "weeks", "week", "months", "month", "hours",
                "minutes", "hundred", "thousand", "decades", "centuries", "now", "daily",
                "weekly", "monthly", "annual", "future", "past", "soon", "today", "tomorrow",
                "yesterday", "night", "nights", "summer", "winter", "spring", "fall"}


def _capitalised_mid_sentence(token: Token) -> bool:
    if not token.is_title or token.is_sent_start or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return not (before.is_punct or before.is_quote or before.is_space)


def _plausible_year(span: DocSpan) -> bool:
    token = span[0]
    head = token.head
    # "its 2020 Vision plan": a number modifying a capitalised name is part of that name.
    if token.dep_ in ("nummod", "compound", "amod") and head.i > token.i and head.is_title \
            and not _BARE_MONTH.fullmatch(head.text):
        return False
    if token.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is None:
        return True
    if nxt.is_title and nxt.pos_ == "PROPN" and not _BARE_MONTH.fullmatch(nxt.text):
        return False  # the first word of a name: "2020 Vision"
    return nxt.lower_ not in ("people", "percent", "%", "shares", "times")


def _merge_occasions(text: str, spans: list[Span]) -> list[Span]:
    """Join "the eve of the Lunar New Year" to the explicit date right after it."""
    merged: list[Span] = []
    for start, end in spans:
        window = text[max(0, start - 60):start]
        match = _OCCASION.search(window)
        if match and not text[start].isdigit():
            start = start - (len(window) - match.start())
            if merged and merged[-1][1] > start:
                merged.pop()
        merged.append((start, end))
    return merged


# -- normalisation in context -----------------------------------------------------------------
def _normalize(article: _Article, start: int, end: int,
               reference: str | None) -> tuple[str, str] | None:
    text = article.text[start:end]
    occasion = _OCCASION_PREFIX.match(text)
    if occasion and occasion.end() < len(text):
        text = text[occasion.end():]
    span = article.span(start, end)
    tense = _tense(span) if span is not None else PRESENT
    result = normalize_timex(text, article.anchor, tense, reference)
    if result is None:
        return None
    after = article.text[end:end + 12].lower()
    before = article.text[max(0, start - 12):start]
    if result[1] != "P1Y" and _FISCAL_PERIOD.fullmatch(text) and after.startswith(
            (" ended", " ending", " that ended")):
        return "DURATION", "P1Y"  # "the year ended March 31": a reporting period, not 2021
    if result[0] == "DURATION" and text.lower().startswith(("a ", "per ")) \
            and _RATE.search(before):
        return "SET", result[1]  # "$5 a year", "twice a week"
    return result


_FISCAL_PERIOD = re.compile(r"(?i)the (?:fiscal )?year")
_RATE = re.compile(r"(?i)(?:\d%?|once|twice|times|cents|dollars|percent|\$\S+)\s$")


def _governor(token: Token) -> Token:
    """The verb a phrase attaches to: up the heads from its root to the first verb."""
    steps = 0
    while token.pos_ not in ("VERB", "AUX") and token.head != token and steps < 8:
        token = token.head
        steps += 1
    return token


def _tense(span: DocSpan) -> str:
    """past, future or present ("") of the clause the expression modifies."""
    root = span.root
    if root.dep_ == "poss" or _names_a_noun(root):
        return PRESENT  # "Wednesday's ruling", "payable Dec. 7": a day, whatever the clause does
    verb = _governor(root)
    tense = _clause_tense(verb)
    if tense == PAST and root.dep_ == "pobj" and root.head.lower_ in _FORWARD_PREPOSITIONS:
        return PRESENT  # "extended to Nov. 16": a past clause, a later end point
    return tense


def _clause_tense(verb: Token) -> str:
    if verb.pos_ not in ("VERB", "AUX"):
        return PRESENT
    if verb.lemma_ in _PLANNING:
        return FUTURE  # "planned a demonstration on Saturday"
    own = _verb_tense(verb)
    if own is not None:
        return own
    # An infinitive looks ahead when its governor plans or expects: "is due to meet Friday".
    if _is_infinitive(verb) and _governor(verb.head).lemma_ in _PLANNING | {"be", "expect"}:
        return FUTURE
    return PRESENT


# Verbs whose object happens later than the clause: their dates look ahead.
_PLANNING = {"plan", "schedule", "expect", "intend", "slate", "set", "prepare", "hope",
             "aim", "propose", "want", "due", "vow", "promise", "threaten", "going"}
# A past clause can name a later end point: "the offer was extended to Nov. 16".
_FORWARD_PREPOSITIONS = {"by", "until", "till", "through", "to"}
# Modals that put their clause after the moment of speaking ("must be returned by Jan. 14").
_FUTURE_MODALS = {"must", "should", "may", "might", "ought"}


def _names_a_noun(root: Token) -> bool:
    """A date that modifies a noun or an adjective rather than the verb ("stock of record
    Nov. 22", "effective Feb. 1", "the Jan. 14 deadline") takes no tense from the clause."""
    head = root.head
    if head == root or head.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return False
    return root.dep_ in ("npadvmod", "nmod", "compound")


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _verb_tense(verb: Token) -> str | None:
    """The tense the verb's own form and auxiliaries give; None when they give none."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if "going" in words and any(c.lower_ == "to" for c in verb.children):
        return FUTURE
    if any(a.tag_ == "VBD" for a in auxes) or words & {"have", "has", "'ve", "had"}:
        return PAST  # "was extended", "had been due", "has fallen", "could have met"
    if words & _FUTURE_MODALS:
        return FUTURE
    if "to" in words:
        return None  # an infinitive: its governor decides
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and not auxes):
        return PAST  # a bare participle too: "the ruling issued Thursday"
    if verb.tag_ in ("VBZ", "VBP", "VBN") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PRESENT  # "the case is heard in May"
    return None
