"""The pipeline: one spaCy load, the declared stage table, and the worker object every runner
uses.

:data:`STAGES` is the table: each :class:`Stage` row names what it requires from the
:class:`ArticleContext` (the parse, the article, the runtime knowledge, earlier findings) and
what it provides; :func:`check_stages` refuses a table whose order cannot work when a
pipeline is built (``dragoman pipeline`` prints it). ``Pipeline`` turns Articles into
Records. ``Worker`` wraps it for scale-out: it is built once per process from Settings and
maps a batch of article dicts (CONTRACT input lines) to a batch of outcome dicts, so the
local runner, a process pool or Spark's ``mapPartitions`` all call the same code.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dragoman import __version__
from dragoman.corpus.neardup import signature_to_bytes, text_signature
from dragoman.errors import ConfigError, InputError
from dragoman.knowledge import Knowledge
from dragoman.knowledge.resources import Resources
from dragoman.language import LanguageGate
from dragoman.nlp import load_pipeline, model_label
from dragoman.readers import make_article
from dragoman.records import (
    Article,
    Entity,
    Event,
    Failure,
    Paragraph,
    Quote,
    Record,
    Timex,
    confident,
)
from dragoman.settings import Settings
from dragoman.stages.entities import extract_entities
from dragoman.stages.events.confidence import ArticleView
from dragoman.stages.events.extract import extract_events
from dragoman.stages.paragraphs.extract import extract_paragraphs, in_repeated_paragraph
from dragoman.stages.paragraphs.zones import EVENT_ZONES, spans_outside
from dragoman.stages.quotes.extract import extract_quotes
from dragoman.stages.timexes.extract import extract_timexes

if TYPE_CHECKING:
    from spacy.tokens import Doc

Outcome = Record | Failure
# What Pipeline.pipe reads: a text, a CONTRACT input dict, or what read_articles yields
Item = str | Mapping[str, Any] | Article | InputError

# Texts longer than this many characters are parsed block by block (see Pipeline._parse_blocks)
PARSE_BLOCK_CHARS = 50_000


@dataclass
class ArticleContext:
    """What the stages of one article read and write: the parse, the article, the runtime
    knowledge and settings, and each stage's findings (filled in table order)."""

    doc: Doc
    article: Article
    resources: Resources
    settings: Settings
    paragraphs: list[Paragraph] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def text(self) -> str:
        # spaCy rebuilds doc.text on every access: the stages read the article's
        return self.article.text

    @property
    def published(self) -> str | None:
        return self.article.published


# What the context holds before any stage runs.
GIVEN = ("doc", "text", "published", "resources", "settings")


@dataclass(frozen=True)
class Stage:
    """A row of the stage table: ``run`` reads ``requires`` from the context and returns
    the findings stored as ``provides``. A guarded stage's failure is isolated (its findings
    stay empty, the record names it in ``errors``) and the time budget is checked after it;
    an unguarded one is cheap bookkeeping whose failure fails the article."""

    name: str
    requires: tuple[str, ...]
    provides: str
    run: Callable[[ArticleContext], list[Any]]
    module: str
    guarded: bool = True


def _paragraphs(c: ArticleContext) -> list[Any]:
    return extract_paragraphs(c.text, c.settings.paragraph_dup_threshold)


def _entities(c: ArticleContext) -> list[Any]:
    return extract_entities(c.doc, c.resources.actors, c.published, c.text)


def _timexes(c: ArticleContext) -> list[Any]:
    # a repeated paragraph (a pull quote, a syndicated block) would date the article twice
    return [t for t in extract_timexes(c.doc, c.published, c.text)
            if not in_repeated_paragraph(t.span, c.paragraphs)]


def _quotes(c: ArticleContext) -> list[Any]:
    return extract_quotes(c.doc, entities=c.entities, timexes=c.timexes,
                          paragraphs=c.paragraphs, text=c.text, knowledge=c.resources.actors,
                          published=c.published,
                          split_continuations=c.settings.quote_split_continuations)


def _events(c: ArticleContext) -> list[Any]:
    # events from the article's body only, not from comments, captions or headlines
    return extract_events(c.doc, c.entities, c.timexes, published=c.published,
                          knowledge=c.resources.actors, lexicon=c.resources.lexicon,
                          text=c.text, quotes=c.quotes,
                          skip=spans_outside(c.paragraphs, EVENT_ZONES))


def _confidence(c: ArticleContext) -> list[Any]:
    events = c.events
    model = c.resources.confidence
    if model is not None:
        events = model.rate(events, ArticleView.of(c.text, c.quotes, c.paragraphs, c.entities))
    return [e for e in events if confident(e.confidence, c.settings.event_min_confidence)]


STAGES: tuple[Stage, ...] = (
    Stage("paragraphs", ("text", "settings"), "paragraphs", _paragraphs,
          "dragoman.stages.paragraphs", guarded=False),
    Stage("entities", ("doc", "text", "published", "resources"), "entities", _entities,
          "dragoman.stages.entities"),
    Stage("timexes", ("doc", "text", "published", "paragraphs"), "timexes", _timexes,
          "dragoman.stages.timexes"),
    Stage("quotes", ("doc", "text", "published", "settings", "resources", "entities",
                     "timexes", "paragraphs"), "quotes", _quotes, "dragoman.stages.quotes"),
    Stage("events", ("doc", "text", "published", "resources", "entities", "timexes",
                     "quotes", "paragraphs"), "events", _events, "dragoman.stages.events"),
    Stage("confidence", ("text", "settings", "resources", "events", "quotes", "paragraphs",
                         "entities"), "events", _confidence,
          "dragoman.stages.events.confidence", guarded=False),
)


def check_stages(stages: Sequence[Stage]) -> None:
    """ConfigError unless every stage requires only what the context is given or an earlier
    stage provides, and provides a field of :class:`ArticleContext`."""
    known = {f.name for f in dataclasses.fields(ArticleContext)} - {"failures"}
    available = set(GIVEN)
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise ConfigError(f"pipeline stage {stage.name!r} requires {', '.join(missing)}, "
                              "which no earlier stage provides")
        if stage.provides not in known - set(GIVEN):
            raise ConfigError(f"pipeline stage {stage.name!r} provides {stage.provides!r}, "
                              "which is not a finding the record holds")
        available.add(stage.provides)


class Pipeline:
    """Loads the spaCy pipeline once and runs the stage table over batches of articles.

    ``Pipeline(settings)`` checks the table (:data:`STAGES`, or ``stages``) before it loads
    anything, then reads the model and the runtime knowledge (:class:`Resources`) once.
    Called on a text it gives that article's :class:`Record`; :meth:`pipe` streams many."""

    def __init__(self, settings: Settings | None = None, *,
                 resources: Resources | None = None,
                 stages: Sequence[Stage] | None = None) -> None:
        self.stages = tuple(STAGES if stages is None else stages)
        check_stages(self.stages)
        self.settings = settings or Settings.from_env()
        self.nlp = load_pipeline(self.settings.model)
        self.model = model_label(self.nlp)
        self.gate = LanguageGate(self.settings.language_check_chars)
        self.resources = resources or Resources.load()
        allow_deep_parses()

    @property
    def knowledge(self) -> Knowledge:
        """The actor knowledge (``resources.actors``)."""
        return self.resources.actors

    def __call__(self, text: str, *, published: str | None = None,
                 id: str | None = None) -> Record:
        """The record of one article text; InputError when it cannot be read (too large,
        not English) or parsed."""
        (outcome,) = self.process([self._article(text, published, id)])
        if isinstance(outcome, Failure):
            raise InputError(outcome.message, origin=outcome.origin, kind=outcome.kind)
        return outcome

    def pipe(self, items: Iterable[Item], *, workers: int = 1
             ) -> Iterator[Outcome]:
        """One outcome per item, in order: the Record, or a Failure for an article that
        cannot be read. An item is a text, a CONTRACT input dict (``text``, ``id``,
        ``published``, …) or what ``dragoman.readers.read_articles`` yields. With
        ``workers`` > 1 the batches go to that many processes (the local runner), each
        loading its own pipeline from this one's settings (the shipped knowledge and stage
        table), as ``dragoman extract --workers`` does."""
        read = (self._read(item, n) for n, item in enumerate(items))
        batches = _batched(read, self.settings.batch_size)
        if workers <= 1:
            for batch in batches:
                yield from _merge(batch, iter(self.process(_articles(batch))))
            return
        yield from self._pipe_pool(batches, workers)

    def _pipe_pool(self, batches: Iterable[list[Article | Failure]], workers: int
                   ) -> Iterator[Outcome]:
        from dragoman.run.local import LocalRunner

        pending: deque[list[Article | Failure]] = deque()

        def sent() -> Iterator[list[Article]]:
            for batch in batches:
                pending.append(batch)
                yield _articles(batch)

        settings = dataclasses.replace(self.settings, workers=workers)
        with LocalRunner(settings) as runner:
            for outcomes in runner.process(sent()):
                yield from _merge(pending.popleft(), iter(outcomes))

    def _read(self, item: Item, n: int) -> Article | Failure:
        if isinstance(item, Article):
            return item
        if isinstance(item, InputError):  # read_articles' word on an unreadable file
            return Failure(item.origin, item.kind, item.reason, "read")
        data: dict[str, Any] = {"text": item} if isinstance(item, str) else dict(item)
        origin = f"item {n}"
        article = make_article(data, origin=origin, max_bytes=self.settings.max_article_bytes)
        if isinstance(article, InputError):
            return Failure(origin, article.kind, article.reason, "read", data.get("id"))
        return article

    def _article(self, text: str, published: str | None, id: str | None) -> Article:
        data: dict[str, Any] = {"text": text, "published": published}
        if id is not None:
            data["id"] = id
        article = make_article(data, origin=id or "text",
                               max_bytes=self.settings.max_article_bytes)
        if isinstance(article, InputError):
            raise article
        return article

    def process(self, articles: Sequence[Article]) -> list[Outcome]:
        """One outcome per article, in order; a failing article never stops the others."""
        outcomes: list[Outcome | None] = [None] * len(articles)
        readable: list[int] = []
        for i, article in enumerate(articles):
            try:
                self.gate.check(article.text, article.origin)
                readable.append(i)
            except InputError as exc:
                outcomes[i] = Failure(article.origin, exc.kind, exc.reason, "language",
                                      article.id)
        for i, doc in zip(readable, self._parse([articles[i] for i in readable]), strict=True):
            outcomes[i] = self._annotate(doc, articles[i])
        return [o for o in outcomes if o is not None]

    def annotate(self, doc: Doc, article: Article) -> Record:
        """Run the stage table over one parsed article; later stages read earlier ones'
        findings from the context. A guarded stage that fails on this article leaves its
        findings empty and a failure in the record (``errors``): the other stages' findings
        are kept. After each guarded stage the time budget is checked."""
        context = ArticleContext(doc=doc, article=article, resources=self.resources,
                                 settings=self.settings)
        budget = self.settings.article_timeout_s
        started = time.monotonic()
        deadline = started + budget if budget > 0 else math.inf
        for stage in self.stages:
            if not stage.guarded:
                setattr(context, stage.provides, stage.run(context))
                continue
            setattr(context, stage.provides, self._guarded(stage, context))
            if time.monotonic() > deadline:
                raise TooSlow(stage.name, time.monotonic() - started, budget)
        return Record(article=article, paragraphs=tuple(context.paragraphs),
                      entities=tuple(context.entities), timexes=tuple(context.timexes),
                      quotes=tuple(context.quotes), events=tuple(context.events),
                      failures=tuple(context.failures), model=self.model, version=__version__)

    @staticmethod
    def _guarded(stage: Stage, context: ArticleContext) -> list[Any]:
        try:
            return stage.run(context)
        except Exception as exc:
            article = context.article
            context.failures.append(Failure(article.origin, "stage",
                                            f"{type(exc).__name__}: {exc}", stage.name,
                                            article.id))
            return []

    def _annotate(self, doc: Doc | Failure, article: Article) -> Outcome:
        if isinstance(doc, Failure):
            return doc
        try:
            return self.annotate(doc, article)
        except TooSlow as exc:
            return Failure(article.origin, "too_slow", str(exc), exc.stage, article.id)
        except Exception as exc:  # a bug on one article must not lose the batch
            return Failure(article.origin, "stage", f"{type(exc).__name__}: {exc}",
                           "annotate", article.id)

    def _parse(self, articles: Sequence[Article]) -> Iterator[Doc | Failure]:
        """One Doc (or Failure) per article, in order: texts up to ``PARSE_BLOCK_CHARS``
        parsed together, longer ones block by block."""
        limit = self.nlp.max_length
        short = [a for a in articles if len(a.text) <= min(limit, PARSE_BLOCK_CHARS)]
        docs = self._parse_batch(short)
        for article in articles:
            if len(article.text) > limit:  # only through the API, or a model's lower limit
                yield Failure(article.origin, "too_large", f"the article text is "
                              f"{len(article.text):,} characters, over the parser's limit of "
                              f"{limit:,} (max_article_bytes admits up to "
                              f"{self.settings.max_article_bytes:,} bytes)", "parse",
                              article.id)
            elif len(article.text) > PARSE_BLOCK_CHARS:
                yield self._parse_blocks(article)
            else:
                yield next(docs)

    def _parse_batch(self, articles: Sequence[Article]) -> Iterator[Doc | Failure]:
        texts = [a.text for a in articles]
        try:
            yield from list(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        except Exception:
            # One text broke the batch: parse one by one so only that article fails.
            for article in articles:
                try:
                    yield self.nlp(article.text)
                except Exception as exc:
                    yield Failure(article.origin, "stage", f"{type(exc).__name__}: {exc}",
                                  "parse", article.id)

    def _parse_blocks(self, article: Article) -> Doc | Failure:
        """A long text parsed in blocks of at most ``PARSE_BLOCK_CHARS`` cut at line breaks,
        joined into one Doc of the same text: the parser's memory grows with the text it
        parses at once (about 2 GB for 500,000 characters), a block's stays bounded."""
        from spacy.tokens import Doc

        try:
            docs = [self.nlp(block) for block in text_blocks(article.text, PARSE_BLOCK_CHARS)]
            return Doc.from_docs(docs, ensure_whitespace=False)
        except Exception as exc:
            return Failure(article.origin, "stage", f"{type(exc).__name__}: {exc}", "parse",
                           article.id)


def text_blocks(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it: after
    the last paragraph break in the second half of a piece, else after its last line break or
    whitespace, else at ``size``."""
    blocks = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n\n", size // 2) + 2
        if cut < 2:
            cut = window.rfind("\n", size // 2) + 1
        if cut < 1:
            cut = max(window.rfind(" ", size // 2), window.rfind("\t", size // 2)) + 1
        if cut < 1:
            cut = size
        blocks.append(window[:cut])
        start += cut
    blocks.append(text[start:])
    return blocks


class TooSlow(Exception):
    """The stages ran over ``article_timeout_s`` on one article."""

    def __init__(self, stage: str, elapsed: float, budget: float) -> None:
        super().__init__(f"the stages took {elapsed:.1f} s on this article (over after the "
                         f"{stage} stage), over the budget of {budget:g} s (setting "
                         "article_timeout_s)")
        self.stage = stage


# spaCy walks a parse tree (``Token.subtree``) recursively, one level of the tree per frame:
# a "sentence" of a thousand symbols with no prose in it (a row of flags, of closing marks)
# parses as a chain a thousand levels deep and overflowed Python's default limit of 1,000
# frames in the stages that walk it. Deeper than this the stage fails on that article alone.
DEEP_PARSE_FRAMES = 6000


def allow_deep_parses() -> None:
    if sys.getrecursionlimit() < DEEP_PARSE_FRAMES:
        sys.setrecursionlimit(DEEP_PARSE_FRAMES)


class Worker:
    """Callable batch worker: ``list[article dict] -> list[outcome dict]``.

    An outcome dict is either a CONTRACT record or ``{"failure": {...}}``. A record also
    carries ``"minhash"``: the near-duplicate signature of its text (corpus/neardup.py, 4
    bytes per permutation), computed here so that the driver of a run never reads texts;
    runners take it off before the record is written. Built once per process (the model
    loads in ``__init__``, see :func:`cached_worker`), then called once per batch. Tuning that
    only suits a local pool of processes lives in the local runner (run/local.py).
    """

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline(settings)
        self.num_perm = settings.neardup_num_perm
        # Load every knowledge table now, not on the first article that needs it, so the
        # first batch is not slower than the others.
        self.pipeline.resources.load_all()

    def __call__(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        articles = [article_from_dict(d) for d in batch]
        return [self._with_signature(outcome_to_dict(o)) for o in self.pipeline.process(articles)]

    def _with_signature(self, outcome: dict[str, Any]) -> dict[str, Any]:
        if "failure" not in outcome:
            outcome["minhash"] = signature_to_bytes(text_signature(outcome["text"],
                                                                   self.num_perm))
        return outcome


@functools.lru_cache(maxsize=1)
def cached_worker(settings: Settings) -> Worker:
    """The Worker of this process for ``settings``: built on the first call, then reused, so
    an engine that calls a function per partition (Spark's ``mapPartitions``) loads the model
    once per executor process, not once per partition. One Worker at a time: a model is
    hundreds of megabytes."""
    return Worker(settings)


def _batched(items: Iterable[Article | Failure], size: int
             ) -> Iterator[list[Article | Failure]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, max(1, size))):
        yield batch


def _articles(batch: Sequence[Article | Failure]) -> list[Article]:
    return [a for a in batch if isinstance(a, Article)]


def _merge(batch: Sequence[Article | Failure], outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
    """The batch's outcomes in its order: the read failures where they were, the pipeline's
    outcomes (one per article, in order) for the articles."""
    for item in batch:
        yield item if isinstance(item, Failure) else next(outcomes)


def article_from_dict(data: dict[str, Any]) -> Article:
    return Article(id=data["id"], text=data["text"], published=data.get("published"),
                   title=data.get("title"), url=data.get("url"), source=data.get("source"),
                   origin=data.get("origin", ""))


def outcome_to_dict(outcome: Outcome) -> dict[str, Any]:
    if isinstance(outcome, Failure):
        return {"failure": outcome.to_dict()}
    return outcome.to_dict()
