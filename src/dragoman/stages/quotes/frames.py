"""Reading a cue verb's frame from the dependency parse: is it a report at all, who is its
source, and which tokens carry what was reported.

spaCy's English dependency labels (ClearNLP, Choi & Palmer 2012) are used as they come:
``ccomp`` a clausal complement ("said [that …]"), ``parataxis``/``ccomp`` on the cue for an
inverted report ("[…], he said"), ``dobj``/``oprd`` objects and predicates, ``xcomp``
infinitives, ``prep``/``pobj`` prepositional objects, ``nsubj`` the source.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dragoman.stages.quotes.cues import Cue, find_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Objects that carry no content of their own ("denied it", "the claims, which he denied").
EMPTY_OBJECTS = {"it", "this", "that", "these", "those", "them", "him", "her", "me", "us",
                 "you", "what", "which", "who", "whom", "something", "anything", "nothing",
                 "so", "one", "himself", "herself", "itself", "themselves", "myself",
                 "ourselves", "yourself"}
# A participle reporting for the clause it hangs on: "…, saying …", "…, adding …".
CLIMB_DEPS = ("advcl", "xcomp", "conj", "acl", "pcomp", "relcl")
ASKING = {"ask", "wonder", "question", "inquire", "enquire"}
QUESTION_WORDS = {"if", "whether", "what", "who", "whom", "which", "why", "how", "when", "where"}
TokenRange = tuple[int, int]  # token indices [start, end)


def cue_of(token: Token) -> Cue | None:
    """The lexicon entry when ``token`` is a reporting verb used as a report: a verb (or
    "according"), finite or a participle, active, not an infinitive ("asked to confirm")."""
    if token.pos_ not in ("VERB", "AUX") and token.lower_ != "according":
        return None
    cue = find_cue(token.lemma_, token.lower_)
    if cue is None:
        return None
    if token.lower_ == "according":
        return cue if _according_source(token) is not None else None
    if cue.lemma == "accord":
        return None
    children = list(token.children)
    if cue.lemma == "put" and not any(puts_it(c) for c in children):
        return None  # only "as one diplomat put it, “…”"; "put forward", "put off" are not
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and not _goes_on(token):
        return None  # an infinitive: "asked to confirm", "declined to say"
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        return None  # a passive: "details have not been disclosed"
    if _bare_participle(token):
        # "when asked to confirm …" is no report; "Asked whether …," is a question put by
        # someone the text does not name.
        return cue if asks_unnamed(token) else None
    if token.dep_ in ("amod", "compound") or (token.tag_ == "VBN" and token.dep_ == "acl"):
        return None  # "the so-called", "a man called John"
    return cue


def puts_it(child: Token) -> bool:
    """The "it" of "as she put it": the words she put are the quotation beside it."""
    return child.dep_ == "dobj" and child.lower_ == "it" and child.head.lemma_ == "put"


def _goes_on(token: Token) -> bool:
    """"went on to say", "continued to insist": the infinitive is said all the same."""
    head = token.head
    return token.dep_ == "xcomp" and (
        head.lemma_ in ("continue", "proceed") or (
            head.lemma_ == "go" and any(c.lower_ == "on" for c in head.children)))


def _bare_participle(token: Token) -> bool:
    return token.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj") for c in token.children)


def asks_unnamed(token: Token) -> bool:
    """"Asked if he was ever bullied, …": a question whose asker the text does not name."""
    if token.lemma_ != "ask" or not _bare_participle(token):
        return False
    return _question(token) is not None


def _question(token: Token) -> Token | None:
    """The embedded question of "asked (them) whether/if/how …" (the parser often reads
    "if …" as a condition)."""
    for child in token.children:
        if child.dep_ in ("ccomp", "advcl", "xcomp") and child.i > token.i and any(
                t.lower_ in QUESTION_WORDS for t in child.lefts):
            return child
    return None


def source_of(cue_token: Token) -> Token | None:
    """The head token of the source: the subject, the object of "according to", or for a
    participle ("…, saying …") the subject of the clause it hangs on."""
    if cue_token.lower_ == "according":
        return _according_source(cue_token)
    if _bare_participle(cue_token):  # the one asked is not the one asking, but "by" is
        agent = next((c for c in cue_token.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    token, shared = cue_token, False
    for _ in range(4):
        subject = _subject(token, passive=shared or token.lemma_ == "quote")
        if subject is not None:
            return subject  # "X was quoted as saying", "X was forced … and said"
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            break
        shared = token.dep_ == "conj"
        if token.dep_ == "acl" and token.head.dep_ in ("dobj", "pobj"):
            token = token.head  # "issued a statement saying …": the issuer
        token = token.head
        if token.pos_ == "ADP" and token.dep_ == "prep":
            token = token.head  # "rallied thousands by promising …"
        if token.pos_ not in ("VERB", "AUX"):
            break
    return _inverted_subject(cue_token) or _subject_before(cue_token)


def _inverted_subject(verb: Token) -> Token | None:
    """"“…,” said Skelly, explaining …", "“…,” added another Republican": after a quote
    the parser often takes the inverted subject for an adverb or an object."""
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and doc[k].text in (",", " "):
        k -= 1
    if k < 0 or not (doc[k].is_quote or doc[k].tag_ == "''"):
        return None
    return next((c for c in verb.children if c.i > verb.i and (
        c.pos_ in ("PROPN", "NOUN") or (c.text[:1].isupper() and c.is_alpha))  # "Skelly"/RB
        and c.dep_ in ("dobj", "advmod", "npadvmod", "attr", "oprd", "dep")), None)


def _subject_before(verb: Token) -> Token | None:
    """A subject the parser lost: a name set off by commas before the verb, past any
    insertions ("Senator Harry Reid, the minority leader, said …", "Sanders, meanwhile,
    who sits at zero endorsements, said …"), or a noun phrase opening the clause."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    segments: list[list[Token]] = []
    k = verb.i - 1
    while k >= 0 and doc[k].text == "," and len(segments) < 4:
        segment: list[Token] = []
        k -= 1
        while k >= 0 and doc[k].text != "," and not _ends_clause(doc[k]):
            segment.insert(0, doc[k])
            k -= 1
        if k >= 0 and _ends_clause(doc[k]) and doc[k].text != ",":
            segment = segment if doc[k].is_punct or doc[k].is_space else [doc[k], *segment]
            segments.append(segment)
            break
        segments.append(segment)
    for segment in segments:
        if segment and _is_name(segment[-1]) and not _has_verb(segment) and \
                segment[0].pos_ != "ADP":  # "Trump, in Kentucky, said": not Kentucky
            return segment[-1]
    opening = segments[-1] if segments else []
    if opening and opening[-1].pos_ == "NOUN" and not _has_verb(opening) and \
            opening[0].lower_ in ("the", "a", "an"):
        return opening[-1]
    return None


def _is_name(token: Token) -> bool:
    """A proper name, also when tagged as a noun at the start of a sentence ("Sanders")."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper()
                                     and (token.ent_type_ != "" or bool(token.is_sent_start)))


def _has_verb(tokens: list[Token]) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _ends_clause(token: Token) -> bool:
    return token.is_sent_start or token.text in (".", ";", ":", "?", "!") or (
        token.is_space and "\n" in token.text)


def _subject(verb: Token, passive: bool = False) -> Token | None:
    """The subject; of two, the one after the verb ("[…], said Alan Abramowitz" where the
    parser took the clause before for a second subject), else the one nearest before it
    ("Washington (AFP) – Senator Moreau has criticised": not the dateline)."""
    deps = ("nsubj", "csubj", "nsubjpass") if passive else ("nsubj", "csubj")
    subjects = [c for c in verb.children if c.dep_ in deps]
    doc = verb.doc
    after = [c for c in subjects if c.i > verb.i and not any(  # not in the next paragraph
        "\n" in t.text for t in doc[verb.i + 1:c.i] if t.is_space)]
    if after:
        return after[0]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else None


def _according_source(token: Token) -> Token | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


# -- content ---------------------------------------------------------------------------------
def content_of(cue_token: Token, cue: Cue) -> TokenRange | None:
    """The tokens that carry what was reported, by the first frame of the cue that fits."""
    if cue_token.lower_ == "according":
        return _according_content(cue_token)
    readers = (("C", _clause), ("A", _predicate), ("O", _object), ("I", _infinitive))
    for frame, reader in readers:
        if cue.takes(frame):
            found = _in_paragraph(cue_token, reader(cue_token, cue))
            if found:
                return found
    for preposition in sorted(cue.prepositions):
        found = _in_paragraph(cue_token, _prepositional(cue_token, preposition))
        if found:
            return found
    return None


def _in_paragraph(cue_token: Token, found: TokenRange | None) -> TokenRange | None:
    """The part of ``found`` in the cue's own paragraph: the parser sometimes hangs the
    paragraph before on a verb ("“…” [new paragraph] Karim said …")."""
    if found is None:
        return None
    doc = cue_token.doc
    start, end = found
    breaks = _shape(doc).breaks
    k = bisect.bisect_left(breaks, cue_token.i)  # the last break before the cue, the first after
    if k > 0 and breaks[k - 1] >= start:
        start = breaks[k - 1] + 1
    k = bisect.bisect_right(breaks, cue_token.i)
    if k < len(breaks) and breaks[k] < end:
        end = breaks[k]
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    return (start, end) if start < end and start != cue_token.i else None


def _clause(token: Token, cue: Cue) -> TokenRange | None:
    clauses = [c for c in token.children if (c.dep_ == "ccomp" and _is_clause(c))
               or _gerund_clause(token, c)]
    question = _question(token) if cue.lemma in ASKING else None
    if question is not None and question not in clauses:
        clauses.append(question)
    if clauses:
        # One side of the cue only, and not the cue's own: "which I said [was …]" keeps
        # the relative pronoun out.
        after = [c for c in clauses if c.i > token.i]
        clauses = after or clauses
        found = _whole_subtree(clauses, token)
        if found is not None:
            return found
        tokens = [t for c in clauses for t in c.subtree if (t.i > token.i) == (c.i > token.i)]
        nested = {t.i for a in tokens if a.lower_ == "according" for t in a.subtree}
        return _trimmed(t for t in tokens if t.i not in nested)
    return _hung_on(token) or _before_attribution(token)


def _gerund_clause(cue: Token, child: Token) -> bool:
    """"said [legalizing it could put thousands to work]": the parser takes a clause that
    opens with a gerund for the cue's own participle complement (xcomp), which it is only
    when nothing of a clause hangs on the gerund ("denied [taking the money]" stays the
    object's reading, a clause either way)."""
    return child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i == cue.i + 1 and \
        not any(a.dep_ == "aux" for a in child.children) and \
        any(c.dep_ in ("ccomp", "conj") and _is_clause(c) for c in child.children)


@dataclass
class _Shape:
    """What the frame readers look up in a doc again and again, computed once per doc."""

    breaks: list[int]  # tokens that are spaces with a line break, in order
    sizes: list[int]  # tokens in each token's subtree
    according: list[int]  # tokens that are "according", in order
    words: list[int]  # tokens before each index that are words or numbers


def _shape(doc: Doc) -> _Shape:
    shape = doc.user_data.get("dragoman.quote_frames")
    if isinstance(shape, _Shape) and len(shape.sizes) == len(doc):
        return shape
    heads = [t.head.i for t in doc]
    children: list[list[int]] = [[] for _ in heads]
    roots: list[int] = []
    for i, head in enumerate(heads):
        (roots if head == i else children[head]).append(i)
    sizes = [1] * len(heads)
    order: list[int] = []  # parents before children
    stack = list(roots)
    while stack:
        i = stack.pop()
        order.append(i)
        stack.extend(children[i])
    for i in reversed(order):
        if heads[i] != i:
            sizes[heads[i]] += sizes[i]
    words = [0, *itertools.accumulate(int(t.is_alpha or t.like_num) for t in doc)]
    shape = _Shape([t.i for t in doc if t.is_space and "\n" in t.text], sizes,
                   [t.i for t in doc if t.lower_ == "according"], words)
    doc.user_data["dragoman.quote_frames"] = shape
    return shape


def _whole_subtree(clauses: list[Token], cue: Token) -> TokenRange | None:
    """``_trimmed`` of the clauses' subtrees on their side of the cue when each subtree is
    one unbroken run of tokens with no "according" in it, found from their edges instead of
    a walk of every subtree (reports nested in reports made that quadratic); None when one
    is not, or when no word is left."""
    doc = cue.doc
    shape = _shape(doc)
    ranges = []
    for clause in clauses:
        left, right = clause.left_edge.i, clause.right_edge.i + 1
        if shape.sizes[clause.i] != right - left:
            return None
        if clause.i > cue.i:
            left = max(left, cue.i + 1)
        else:
            right = min(right, cue.i + 1)
        k = bisect.bisect_left(shape.according, left)
        if k < len(shape.according) and shape.according[k] < right:
            return None
        if left < right:
            ranges.append((left, right))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for left, right in ranges:
        if merged and left <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return _trimmed_ranges(doc, merged, shape.words)


def _trimmed_ranges(doc: Doc, ranges: list[tuple[int, int]],
                    words: list[int]) -> TokenRange | None:
    """``_trimmed`` of the tokens of ``ranges`` (sorted, disjoint [start, end) pairs)."""
    first = next((i for left, right in ranges for i in range(left, right)
                  if not (_is_edge(doc[i]) or (doc[i].dep_ == "mark"
                                               and doc[i].lower_ == "that"))), None)
    if first is None:
        return None
    last = next(i for left, right in reversed(ranges) for i in range(right - 1, left - 1, -1)
                if i < first or not _is_edge(doc[i]))
    if last < first:
        return None
    if not any(words[min(right, last + 1)] > words[max(left, first)]
               for left, right in ranges if left <= last and right > first):
        return None
    return first, last + 1


def _hung_on(token: Token) -> TokenRange | None:
    """"[Hong Kong … were China’s own affair], he said" and the parenthetical "[Biden,
    Rubio said, had been in the Senate for years]": the cue hangs on the content's verb."""
    head = token.head
    as_said = token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as"
                                            for c in token.children)  # "As the Post reported"
    if (token.dep_ not in ("parataxis", "ccomp") and not as_said) or not _is_clause(head) \
            or cue_of(head) is not None:  # "Rubio says he feels …" is Rubio's report
        return None
    own = {t.i for t in token.subtree}
    if head.i > token.i and not (as_said or _parenthetical(token, own)):
        return None
    if as_said:
        return _trimmed(t for t in head.subtree if t.i not in own)
    return _trimmed(t for t in head.subtree if t.i not in own or head.i > token.i)


def _parenthetical(token: Token, own: set[int]) -> bool:
    doc = token.doc
    words = [i for i in own if not doc[i].is_punct]
    first, last = min(words), max(words)
    return first > 0 and doc[first - 1].text == "," and last + 1 < len(doc) and \
        doc[last + 1].text == ","


def _before_attribution(token: Token) -> TokenRange | None:
    """"[The promise … appeals to whites], said Alan Abramowitz": a trailing attribution
    after a comma when the parser did not link it to the clause before."""
    doc = token.doc
    sentence = token.sent
    subject = _subject(token)
    lead = {t.i for t in subject.subtree} if subject is not None and subject.i < token.i \
        else set()
    comma = (min(lead) if lead else token.i) - 1
    if comma <= sentence.start or doc[comma].text not in (",", "—", "--", "–"):
        return None
    for t in doc[token.i + 1:sentence.end]:
        if t.is_punct or t.is_space or (subject is not None and t.i in
                                        {s.i for s in subject.subtree}):
            continue
        if t.head.i != token.i and not any(a.i == token.i for a in t.ancestors):
            return None
        if t.dep_ not in ("prep", "npadvmod", "advmod", "pobj", "det", "amod", "compound",
                          "appos", "nsubj", "agent") and t.head.i == token.i:
            return None
    found = _trimmed(doc[sentence.start:comma])
    inverted = subject is not None and subject.i > token.i  # "…, said Geert Wilders"
    if found is None or not (inverted or any(t.pos_ in ("VERB", "AUX")
                                             for t in doc[found[0]:found[1]])):
        return None
    return found


def _is_clause(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ in SUBJECTS for c in token.children)


# The complement that carries what was said of the object: "accused Dushanbe [of preparing a
# provocation]", "blamed the rebels [for the attack]", "criticised Brussels [over its plan]".
OBJECT_COMPLEMENTS = {"of", "for", "over", "about"}


def _object(token: Token, cue: Cue) -> TokenRange | None:
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lower_ in EMPTY_OBJECTS:
        return None
    tokens = list(obj.subtree)
    complement = next((c for c in token.children if c.dep_ == "prep" and c.i > obj.i
                       and c.lower_ in OBJECT_COMPLEMENTS), None)
    if complement is not None:
        tokens += list(complement.subtree)
    return _trimmed(tokens)


def _predicate(token: Token, cue: Cue) -> TokenRange | None:
    """"described [Anchorage as a good “midpoint”]", "called [it a disaster]"."""
    predicate = next((c for c in token.children if c.dep_ == "oprd"
                      or (c.dep_ == "prep" and c.lower_ == "as")), None)
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if predicate is None and obj is not None:
        predicate = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"),
                         None)
    if predicate is None:
        return _quoted_label(token) if obj is not None or _has_predicate_word(token) else None
    tokens = list(predicate.subtree)
    if obj is not None and obj.lower_ not in EMPTY_OBJECTS - {"it", "them", "him", "her"}:
        tokens += [t for t in obj.subtree if t.i < predicate.i]
    return _trimmed(tokens)


# How many tokens an object may take between "called" and the quoted words it is called.
MAX_LABEL_GAP = 16
# Words that end the object phrase before a quotation could be its label.
LABEL_STOPS = {",", ";", ":", "—", "–", "(", "--"}


def _has_predicate_word(token: Token) -> bool:
    """"called John Smith “…”": the parser took the object for the predicate."""
    return any(c.dep_ in ("oprd", "attr") for c in token.children)


def _quoted_label(token: Token) -> TokenRange | None:
    """"called the use of emergency powers “quite reckless.”": the quoted words the object
    is called, where the parser hung them on the object (or on a word inside it) instead of
    making them its predicate. The content runs from the object to the closing mark, when
    a quotation opens after a few words of object with no comma or clause break between."""
    doc = token.doc
    sentence_end = token.sent.end
    opening = None
    for k in range(token.i + 1, min(sentence_end, token.i + 1 + MAX_LABEL_GAP)):
        current = doc[k]
        if _is_quote_mark(current):
            opening = k
            break
        if current.text in LABEL_STOPS or (current.is_space and "\n" in current.text) or \
                (current.dep_ == "cc" and current.head.i == token.i):
            return None
    if opening is None or opening == token.i + 1:
        return None  # no quotation, or one right after the verb: a name, not a label
    limit = min(len(doc), sentence_end + 2)  # the closing mark may follow the full stop
    closing = next((k for k in range(opening + 1, limit) if _is_quote_mark(doc[k])), None)
    if closing is None:
        return None
    return _trimmed(doc[token.i + 1:closing + 1])


def _infinitive(token: Token, cue: Cue) -> TokenRange | None:
    verb = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp")
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if verb is None:
        return None
    tokens = list(verb.subtree)
    obj = next((c for c in token.children if c.dep_ in ("dobj", "dative") and c.i < verb.i),
               None)
    if obj is not None:  # "urged [Congress to act]"
        tokens += list(obj.subtree)
    return _trimmed(tokens)


def _prepositional(token: Token, preposition: str) -> TokenRange | None:
    """"warned of [a crisis]", "called on [the UN to act]" (the object with the infinitive
    it is asked to do), "called for [Blair to be tried]" (a for-to clause)."""
    prep = next((c for c in token.children if c.dep_ == "prep"
                 and c.lower_ == preposition), None)
    if prep is None:
        if preposition != "for":
            return None
        clause = next((c for c in token.children if c.dep_ == "advcl" and c.i > token.i and any(
            m.dep_ == "mark" and m.lower_ == "for" for m in c.children)), None)
        return _trimmed(t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)
                        ) if clause is not None else None
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        return None
    tokens = list(obj.subtree)
    wanted = next((c for c in token.children if c.dep_ == "xcomp" and c.i > obj.i and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if wanted is not None and preposition in ("on", "to", "upon"):
        tokens += list(wanted.subtree)
    return _trimmed(tokens)


def _according_content(token: Token) -> TokenRange | None:
    """"[The toll rose to 40], according to officials": the clause the phrase hangs on."""
    head = token.head
    if head.i == token.i or _reported_by_another(token):
        return None
    head_cue = cue_of(head)
    if head_cue is not None and content_of(head, head_cue):
        return None  # "X reported …, according to a source": X's report is the quote
    own = {t.i for t in token.subtree}
    return _trimmed(t for t in head.subtree if t.i not in own)


def _reported_by_another(token: Token) -> bool:
    """"X reported that …, according to a source": the phrase sources X's report."""
    for ancestor in token.ancestors:
        cue = cue_of(ancestor)
        if cue is not None and cue.lemma != "accord" and cue.takes("C") and any(
                c.dep_ == "ccomp" for c in ancestor.children):
            return True
    return False


def _trimmed(tokens: Iterable[Token]) -> TokenRange | None:
    """The range from the first to the last token, without a leading "that" and without
    edge punctuation and spaces (quotation marks stay); None when no word is left."""
    ordered = sorted(tokens, key=lambda t: t.i)
    while ordered and (_is_edge(ordered[0])
                       or (ordered[0].dep_ == "mark" and ordered[0].lower_ == "that")):
        ordered.pop(0)
    while ordered and _is_edge(ordered[-1]):
        ordered.pop()
    if not any(t.is_alpha or t.like_num for t in ordered):
        return None
    return ordered[0].i, ordered[-1].i + 1


def _is_edge(token: Token) -> bool:
    return (token.is_punct or token.is_space) and not _is_quote_mark(token)


def _is_quote_mark(token: Token) -> bool:
    return token.tag_ in ("''", "``") or token.text in ("”", "“", '"', "''", "’", "‘")
