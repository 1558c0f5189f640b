"""Paragraph zones: which part of the page each paragraph is.

A news page as scraped holds more than the article: reader comments, teaser headlines of
other stories, story-highlight lists, photo and video captions, bylines and datelines, and
site boilerplate. Read as news, they give absurd events and quotes ("Reply" threads are full
of accusations). :func:`zone_paragraphs` gives each paragraph one of :data:`ZONES`:

- ``comments``: a reader comment thread. Comments carry a handle and a timestamp with
  "Reply" or "Report abuse" beside them ("At 10:49 am on 9 Jun 2010, jdoe wrote:" before
  them), or follow a thread opener ("Views expressed in the comments …", a "23 Comments"
  heading); once a thread starts, the paragraphs after it are comments until it is closed
  ("This discussion is now closed") or an article starts again (a dateline). Comments run
  into the article's last paragraph (the first comment before the first time stamp) stay
  body.
- ``caption``: a photo or video caption: a short paragraph that starts with "Photo:",
  "Watch:", "Image 2 of 5" or ends with a photo credit ("(AP Photo/…)").
- ``headline``: titles and subheadings (short lines without final punctuation), teasers of
  other stories ("Read more: …", "Related: …"), story highlights.
- ``boilerplate``: bylines and datelines standing alone ("By Jane Doe, CNN", "Updated 1545
  GMT"), reporting credits, and site text (copyright, share and follow links, sign-up and
  cookie notices) — a paragraph where such sentences are at least half the text.
- ``body``: everything else. The cues are one-sided on purpose: a paragraph is only taken
  out of the body on a clear cue, because a false zone loses real content.

The stages read events from ``body`` paragraphs only (:data:`EVENT_ZONES`) and quotes from
the body and headlines (:data:`QUOTE_ZONES`; a title often quotes its story's speaker).
Works on characters only, no parse. Cues follow the page furniture of news sites as
described by boilerplate-removal work (Kohlschütter et al. 2010, "Boilerplate detection using
shallow text features": short lines, link-like text, position).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dragoman.records import Paragraph, Span
from dragoman.text import fold_case

ZONES = ("body", "headline", "caption", "comments", "boilerplate")
EVENT_ZONES = frozenset({"body"})
QUOTE_ZONES = frozenset({"body", "headline"})

# -- comments --------------------------------------------------------------------------------
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_CLOCK = r"\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?"
# One posted comment: "January 28, 2011 at 12:44 pm | Reply" (or "|" alone), "Posted by:
# jdoe | September 17, 2008 10:53 AM | Report abuse", "3 hours ago | Reply", "Reply · Like ·
# 12". Sites put them after the comment's text, so a paragraph with one is comments.
_COMMENT_POST = re.compile(
    rf"{_CLOCK}(?:\s*(?:[A-Z]{{2,4}}))?\s*\|\s*(?:Reply|Report abuse|Recommend|Flag)\b"
    rf"|\b{_MONTH} \d{{1,2}}, \d{{4}} at {_CLOCK}\s*\|"
    r"|\bPosted by:?\s*[^|\n]{1,60}\|[^|\n]{1,40}\|\s*(?:Report abuse|Reply)\b"
    r"|\|\s*Report abuse\b"
    r"|\b(?:\d+|an?) (?:minutes?|hours?|days?) ago\s*(?:\||·)\s*(?:Reply|Report|Like)\b"
    r"|\bReply\s*·\s*(?:Like|Report|Flag)\b"
    r"|\b[Tt]his comment (?:was|has been) removed\b|\b[Cc]omplain about this comment\b"
    r"|\b(?:in reply to|in response to) @?\w+\b(?=[^.]{0,40}\|)")
# A comment's heading, before its text: "At 10:49 am on 09 Jun 2010, jdoe wrote:", "At 12:19
# 26th Apr 2009, jdoe wrote:", "8th November 2011 - 23:07". What comes before the first one in
# its paragraph is the end of the article.
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_COMMENT_HEADING = re.compile(
    rf"\b(?:[Aa]t|[Oo]n) {_CLOCK},? (?:on )?(?:{_DAY} {_MONTH}|{_MONTH} {_DAY})"
    r"(?:,? \d{4})?,? [^\n:]{1,40} wrote:"
    rf"|\b{_DAY} {_MONTH} \d{{4}} - \d{{1,2}}:\d{{2}}\b")
# What a site puts above a thread (the thread starts after it): a disclaimer, anywhere in a
# paragraph, or a heading, as a paragraph of its own ("Post a comment on my blog" in a
# presenter's sentence opens no thread).
_THREAD_OPENER = re.compile(
    r"(?i)\bviews expressed in the comments\b|\bwe welcome comments that\b"
    r"|\bcomments are not pre-?screened\b|\bwelcomes a lively and courteous discussion\b")
_THREAD_HEADING = re.compile(
    r"(?i)^\W*(?:(?:add|post|leave) (?:a|your) comment|(?:show|view|read) (?:all )?\d* ?comments"
    r"|\d* ?(?:reader )?comments?(?: \(\d+\))?|sort (?:comments )?by (?:oldest|newest|best)"
    r"|join the (?:discussion|conversation)|have your say)\W*$")
# A heading alone opens a thread only after some of the article.
_BODY_BEFORE_HEADING = 2
# What a site puts below a thread.
_THREAD_CLOSER = re.compile(
    r"(?i)\b(?:this|the) (?:discussion|thread|conversation) is (?:now )?closed\b"
    r"|\bcomments (?:are|have been) (?:now )?closed\b"
    r"|\bwe welcome comments on our articles for a limited period\b")
# An article (re)starts: "TRIPOLI (Reuters) -", "(CNN) --", "CAIRO, Feb. 2 (AP) —".
_DATELINE_START = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:[ ,/][A-Z][A-Za-z.'’-]+){0,4}(?:,\s*[^()\n]{1,30})?\s*)?"
    r"\((?:Reuters|AP|AFP|CNN|UPI|BBC|Bloomberg|dpa|Xinhua|Associated Press)\)\s*[-–—]")

# -- captions --------------------------------------------------------------------------------
_CAPTION_START = re.compile(
    r"(?i)^\W{0,3}(?:photo(?:graph)?s?|picture|pic|image|images|caption|video|watch|gallery|"
    r"in pictures|graphic|slideshow|listen)\s*[:|–—]"
    r"|^\W{0,3}image \d+ of \d+\b|^\W{0,3}(?:photo|slide) \d+ of \d+\b")
# A photo credit ending a caption: "(AP Photo/Jane Doe)", "Photograph: Jane Doe/Getty Images",
# "REUTERS/Jane Doe", "(Jane Doe - AP)", "(Getty Images)", "Credit: Jane Doe". Names and
# agencies are capitalised words, so a credit run together with the article's next sentence
# ("Photograph: Jim Young/Reuters What does this mean?") ends no caption.
_NAME = r"(?:[A-Z][\w.'’&-]*\s?)"
_CREDIT_END = re.compile(
    rf"(?:\((?:AP|AFP|Reuters|EPA|UPI) Photo[^)]*\)"
    rf"|\bPhoto(?:graph)?:\s*{_NAME}{{1,4}}(?:/\s?{_NAME}{{1,3}}){{0,2}}"
    rf"|\b(?:REUTERS|AFP|AP|EPA)/{_NAME}{{1,4}}"
    rf"|\({_NAME}{{1,4}}[-–—] (?:AP|AFP|Reuters|Getty Images|Bloomberg|EPA)\)"
    rf"|\((?:Getty Images|AFP/Getty Images|(?:The )?Associated Press)\)"
    rf"|\b(?:Credit|Image credit|Photo courtesy):\s*{_NAME}{{1,4}})\W*$")
_CAPTION_WORDS = 60

# -- headlines -------------------------------------------------------------------------------
_TEASER = re.compile(
    r"(?i)^\W{0,3}(?:read more|related(?: stories| articles| content| coverage| links)?|"
    r"see also|more on this(?: story)?|more from [\w .]{1,30}|also (?:read|on [\w .]{1,30})|"
    r"recommended|most (?:read|popular|viewed|shared)|top stories|you may also like|"
    r"editor'?s picks|trending|latest news|more news|don'?t miss)\s*(?:[:|»›>–—]|$)")
_HIGHLIGHTS = re.compile(
    r"(?i)^\W{0,3}(?:story highlights|highlights|key points|in brief|at a glance|"
    r"what we know|the latest|summary)\s*:?\s*(?:\n|$)")
_BULLET = re.compile(r"^\s*(?:[•·▪►■●◦‣*]|[-–—](?=\s))\s*")
_HIGHLIGHT_WORDS = 25  # a highlight is a line; an article's lead is longer
_HEADLINE_WORDS = 16
_FINAL = tuple(".!?:;,…")  # a line ending so is a sentence, not a heading
_CLOSERS = "\"”’')]»"
_SMALL = (
    "a an and as at but by for from in into of off on onto or over per than the to up upon "
    "via vs with is are was be its it his her their our")
_SMALL_WORDS = frozenset(_SMALL.split())

# -- boilerplate -----------------------------------------------------------------------------
# Matched case-sensitively against text.fold_case(sentence), several times faster than
# IGNORECASE (see dragoman.text.fold_case): the pattern is lower case.
_SITE_TEXT = re.compile(
    r"\bcopyright\s*(?:©|\(c\))?\s*\d{4}|\ball rights reserved\b"
    r"|\b(?:share|e-?mail|print|tweet|save) (?:this|the) (?:article|story|page|post|video)\b"
    r"|\bshare (?:on|via) (?:facebook|twitter|whatsapp|linkedin|e-?mail)\b"
    r"|^\W*follow (?:us|@\w+|the latest|[^.\n]{0,60} on (?:twitter|facebook|instagram))"
    r"|\blike us on facebook\b|^\W*sign up\b|\bsubscribe (?:now|today|here)\b"
    r"|\b(?:sign up|subscribe) (?:for|to) (?:our|the) (?:free )?(?:newsletter|daily|weekly|"
    r"e-?mail|alerts?|updates|podcast|channel|feed|rss)\b"
    r"|\b(?:our|free|daily|weekly) newsletters?\b|\bnewsletter sign[- ]?up\b"
    r"|\b(?:we|this (?:web)?site) uses? cookies\b|\bcookie (?:policy|settings|notice)\b"
    r"|\baccept (?:all )?cookies\b|\bclick here\b|\btap here\b"
    r"|\bterms of (?:service|use)\b|\bprivacy policy\b|\brules of conduct\b"
    r"|\bmay not be (?:published|reproduced|redistributed)\b|\benter your e-?mail\b"
    r"|\breset (?:your )?password\b|\bcreate a screen name\b|\b(?:log|sign) ?in to\b"
    r"|\ba version (?:of this article )?appeared (?:on|in) p"
    r"|\bskip to (?:main )?content\b|\bback to top\b|^\W*advertisement\W*$"
    r"|\bjump to (?:navigation|main|content|comments)\b"
    r"|^\W*(?:filed|posted) under:|^\W*tags?:|\brelated topics\b"
    r"|\b(?:story|article) continues (?:below|after)\b|\bsend us (?:an e-?mail|your)\b"
    r"|\b(?:share|send) your (?:images|photos|pictures|videos|views|story|stories)\b"
    r"|\bhave your say\b|\bdownload (?:the|our) (?:free )?app\b"
    r"|\bnotify me of (?:new|follow-up) comments\b|\brequired, but will not be displayed\b")
# Words one of which every _SITE_TEXT match holds: a paragraph with none of them is not
# scanned sentence by sentence (most paragraphs; the regular expression is slow).
_SITE_WORDS = (
    "copyright", "rights reserved", "this article", "the article", "this story", "the story",
    "this page", "the page", "this post", "the post", "this video", "the video", "share on",
    "share via", "share your", "follow", "facebook", "sign up", "sign in", "signin", "log in",
    "login", "subscribe", "newsletter", "cookie", "click here", "tap here", "terms of",
    "privacy", "rules of conduct", "may not be", "enter your", "password", "screen name",
    "a version", "skip to", "back to top", "advertisement", "jump to", "under:", "tag",
    "related topics", "continues", "send us", "send your", "have your say", "download",
    "notify me", "required, but", "reporting by", "writing by", "editing by", "edited by",
    "compiled by", "contributing by", "produced by", "closed", "limited period", "©")
# © after a letter is mojibake of é ("rÃ©sumÃ©"), not a copyright notice
_COPYRIGHT_SIGN = re.compile(r"(?<![\w\u0300-\u036f])©\s*(?:\d{4}|[A-Z])")
_CREDIT_LINE = re.compile(
    r"(?i)^\W*(?:(?:additional )?reporting|writing|editing|compiled|edited|contributing|"
    r"produced) by\b[^()\n]{0,150}\)?\W*$")
_BYLINE = re.compile(
    r"^(?:By|BY|by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
    r"(?:\s*[,|–—-]\s*[^.\n]{0,60})?\s*$")
_NOT_A_NAME = re.compile(rf"^(?:By|BY|by)\s+(?:{_MONTH}|Monday|Tuesday|Wednesday|Thursday|"
                         r"Friday|Saturday|Sunday|Then|Now|Late|Early|The|This|That|Noon)\b")
_STAMP = (
    "updated last page published posted first modified at on am pm a.m p.m gmt bst utc et est "
    "edt cet hkt local time monday tuesday wednesday thursday friday saturday sunday mon tue "
    "wed thu fri sat sun january february march april may june july august september october "
    "november december jan feb mar apr jun jul aug sep sept oct nov dec")
_STAMP_WORDS = frozenset(_STAMP.split())
_DATE_OR_TIME = re.compile(rf"\d{{1,2}}[:.]\d{{2}}|\b\d{{4}}\b|{_MONTH}\s+\d|\d\s+{_MONTH}")
_DATELINE_ALONE = re.compile(
    r"^(?!.*\.\s*$)[A-Z][A-Z.'’-]+(?:[ ,/]+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.]*(?: [A-Z]?[\w.]+){0,2})?\s*"
    r"(?:\(\s*(?:Reuters|AP|AFP|CNN|UPI|BBC|Bloomberg|dpa|Xinhua)\s*\))?\s*[-–—_]*\s*$")
# A heading in capitals: "PLEDGED DELEGATES.", "TOP STORIES", "HAYWARD:".
_CAPITALS_LINE = re.compile(r"^[^a-z\n]*[A-Z]{2}[^a-z\n]*$")
_REST_WORDS = 15
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\s+\|\s+|\s*\n\s*")


@dataclass
class _Cues:
    """What one paragraph says about itself, before its neighbours are looked at."""

    zone: str | None = None      # a zone the paragraph shows on its own
    opens_thread: bool = False   # a comment thread starts in or after it
    closes_thread: bool = False  # a thread ends here
    highlights: bool = False     # a "STORY HIGHLIGHTS" header: short lines after it follow
    heading_only: bool = False   # opens a thread by a heading alone ("Comments")


def zone_paragraphs(texts: Sequence[str]) -> list[str]:
    """The zone of each paragraph (one of :data:`ZONES`), from its own cues and its place
    among the others (see the module docstring)."""
    cues = [_own_cues(text) for text in texts]
    zones = _follow_context(texts, cues)
    if not _hard_wrapped(texts):
        _mark_headings(texts, zones)
    return zones


def in_zones(span: Span, paragraphs: Sequence[Paragraph], zones: frozenset[str]) -> bool:
    """True when ``span`` starts in a paragraph whose zone is one of ``zones`` (or outside
    every paragraph, or when there are no paragraphs: nothing to hold against it)."""
    starts = [p.span[0] for p in paragraphs]
    here = bisect.bisect_right(starts, span[0]) - 1
    if here < 0 or span[0] >= paragraphs[here].span[1]:
        return True
    return paragraphs[here].zone in zones


def spans_outside(paragraphs: Sequence[Paragraph], zones: frozenset[str]) -> list[Span]:
    """The spans of the paragraphs not in ``zones``, in text order."""
    return [p.span for p in paragraphs if p.zone not in zones]


# -- one paragraph on its own ----------------------------------------------------------------
def _own_cues(text: str) -> _Cues:
    cues = _Cues()
    heading = _THREAD_HEADING.match(text)
    opener = _THREAD_OPENER.search(text) or heading or _COMMENT_HEADING.search(text)
    cues.heading_only = heading is not None and opener is heading
    if _THREAD_CLOSER.search(text):
        # inside a thread the paragraph is comments (see _follow_context), else site text
        cues.closes_thread = True
        cues.zone = "boilerplate" if _site_text(text) else None
        return cues
    if ("|" in text or "·" in text or "comment" in text) and _COMMENT_POST.search(text):
        cues.zone, cues.opens_thread = "comments", True
        return cues
    if opener:
        cues.opens_thread = True
        # the opener after body text (the article's last sentences share its paragraph)
        # leaves that paragraph in the body; the thread starts with the next one
        if _only_furniture(text[:opener.start()]):
            cues.zone = "comments"
        return cues
    if _HIGHLIGHTS.match(text) and len(text.split()) <= 4 * _HIGHLIGHT_WORDS:
        cues.zone, cues.highlights = "headline", True
        return cues
    cues.zone = _furniture_zone(text)
    return cues


def _furniture_zone(text: str) -> str | None:
    words = text.split()
    if _CREDIT_LINE.match(text) or _stamp_line(text, words) or _DATELINE_ALONE.match(text):
        return "boilerplate"
    if len(words) <= 15 and _BYLINE.match(text) and not _NOT_A_NAME.match(text):
        return "boilerplate"
    if len(words) <= 8 and _CAPITALS_LINE.match(text):
        return "headline"
    if _caption(text, words):
        return "caption"
    if len(words) <= 40 and _TEASER.match(text):
        return "headline"
    if _site_text(text):
        return "boilerplate"
    return None


def _site_text(text: str) -> bool:
    """At least half site text, and what is left too short to be the article's last
    sentence run into the footer ("… the report said. A version appeared on p7 of …")."""
    site, rest = _site_share(text)
    return site >= 0.5 and rest < _REST_WORDS


def _caption(text: str, words: list[str]) -> bool:
    """A caption is a sentence or two. A long paragraph that starts with a credit is the
    credit of the photo above run together with the article ("Photograph: Jane Doe/AP The
    company said …")."""
    if len(words) > _CAPTION_WORDS:
        return False
    sentences = len([s for s in _SENTENCE_END.split(text) if s.strip()])
    if _CAPTION_START.match(text):
        return sentences <= 2 and len(words) <= 40
    return sentences <= 3 and _CREDIT_END.search(text) is not None


def _only_furniture(prefix: str) -> bool:
    """Nothing of the article before a thread opener: blank, or a reporting credit."""
    prefix = prefix.strip()
    return not prefix or _CREDIT_LINE.match(prefix) is not None or len(prefix.split()) <= 3




def _stamp_line(text: str, words: list[str]) -> bool:
    """A date or time standing alone: "Updated 1545 GMT (2345 HKT) October 5, 2011",
    "Monday 17 May 2010 22.40 BST", "Page last updated at 07:48 GMT, Tuesday"."""
    if len(words) > 14 or not _DATE_OR_TIME.search(text):
        return False
    letters = re.findall(r"[A-Za-z][A-Za-z.]*", text)
    return all(w.lower().rstrip(".") in _STAMP_WORDS or (w.isupper() and len(w) <= 4)
               for w in letters)


def _site_share(text: str) -> tuple[float, int]:
    """The share of the paragraph's characters in sentences of site text, and the number of
    words in its other sentences."""
    folded = fold_case(text)
    if not any(word in folded for word in _SITE_WORDS):
        return 0.0, len(text.split())
    total = site = rest = 0
    for sentence in _SENTENCE_END.split(text):
        size = len(sentence.strip())
        total += size
        if size and (_SITE_TEXT.search(fold_case(sentence)) or _CREDIT_LINE.match(sentence)
                     or ("©" in sentence and _COPYRIGHT_SIGN.search(sentence))
                     or _THREAD_CLOSER.search(sentence)):
            site += size
        else:
            rest += len(sentence.split())
    return (site / total if total else 0.0), rest


# -- neighbours ------------------------------------------------------------------------------
def _follow_context(texts: Sequence[str], cues: list[_Cues]) -> list[str]:
    """Zones with the paragraphs' order taken into account: a comment thread runs on until
    it is closed or an article starts again; story highlights run on over short lines."""
    zones: list[str] = []
    in_thread = False
    highlights_left = body_seen = 0
    for text, cue in zip(texts, cues, strict=True):
        if cue.heading_only and body_seen < _BODY_BEFORE_HEADING:
            cue = _Cues()  # "Comments" at the top of a page is a section's name
        zone = cue.zone
        if zone is None and in_thread:
            if _DATELINE_START.match(text.lstrip()):
                in_thread = False
            else:
                zone = "comments"
        if zone is None and highlights_left and len(text.split()) <= _HIGHLIGHT_WORDS and \
                not _DATELINE_START.match(text.lstrip()):
            zone = "headline"
            highlights_left -= 1
        else:
            highlights_left = 4 if cue.highlights else 0
        in_thread = (in_thread or cue.opens_thread) and not cue.closes_thread
        zones.append(zone or "body")
        body_seen += zone is None
    return zones


def _mark_headings(texts: Sequence[str], zones: list[str]) -> None:
    """Titles, subheadings and lists of teaser headlines: short lines without final
    punctuation. The first paragraph of a page is its title when it is shaped so; elsewhere
    a heading is in Title Case or one of a run of such lines."""
    shaped = [zone == "body" and _heading_shaped(text) for text, zone in zip(texts, zones,
                                                                              strict=True)]
    for i, text in enumerate(texts):
        if not shaped[i]:
            continue
        in_run = (i > 0 and shaped[i - 1]) or (i + 1 < len(texts) and shaped[i + 1])
        first = i == 0 and len(texts) > 1
        if first or in_run or _title_case(text):
            zones[i] = "headline"


def _heading_shaped(text: str) -> bool:
    """A short line without final punctuation, or a block of two or more such lines (a
    list of teasers)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return all(_line_shaped(line) for line in lines) and 0 < len(lines) <= 12


def _line_shaped(line: str) -> bool:
    line = _BULLET.sub("", line.strip())
    words = line.split()
    return 0 < len(words) <= _HEADLINE_WORDS and not _ends_sentence(line) and \
        any(c.isalpha() for c in line)


def _ends_sentence(line: str) -> bool:
    """Ends with a stop, a comma or a colon, also inside closing quotes or brackets (a
    title may end with a quotation: ``Minister: “We Will Not Wait”``)."""
    return line.rstrip(_CLOSERS).endswith(_FINAL) or (
        line.endswith(_FINAL) and not line.endswith(_CLOSERS))


def _title_case(text: str) -> bool:
    content = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    if len(content) < 2:
        return False
    return sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _hard_wrapped(texts: Sequence[str]) -> bool:
    """A text broken into lines of a fixed width (and no blank lines) has many "paragraphs"
    that end mid-sentence, the next one going on in lower case: their shape says nothing
    about headings then. (A list of teasers has short lines too, each a title of its own.)"""
    open_ended = [i for i, t in enumerate(texts) if not _ends_sentence(t.rstrip())]
    carried_on = sum(i + 1 < len(texts) and texts[i + 1].lstrip()[:1].islower()
                     for i in open_ended)
    return carried_on >= 2 and carried_on >= 0.3 * len(open_ended)
