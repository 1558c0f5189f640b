"""The pipeline: one spaCy load, the stages in order, and the worker object every runner uses.

``Pipeline`` turns Articles into Records. ``Worker`` wraps it for scale-out: it is built
once per process from Settings and maps a batch of article dicts (CONTRACT input lines) to a
batch of outcome dicts, so the local runner, a process pool or Spark's ``mapPartitions`` all
call the same code.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from dragoman import __version__
from dragoman.corpus.neardup import signature_to_bytes, text_signature
from dragoman.errors import InputError
from dragoman.knowledge import Knowledge
from dragoman.language import LanguageGate
from dragoman.nlp import load_pipeline, model_label
from dragoman.records import Article, Failure, Record, confident
from dragoman.settings import Settings
from dragoman.stages.entities import extract_entities
from dragoman.stages.event_confidence import ArticleView, load_confidence_model
from dragoman.stages.event_triggers import load_lexicon
from dragoman.stages.events import extract_events
from dragoman.stages.paragraphs import extract_paragraphs, in_repeated_paragraph
from dragoman.stages.quotes import extract_quotes
from dragoman.stages.timexes import extract_timexes
from dragoman.stages.zones import EVENT_ZONES, spans_outside

if TYPE_CHECKING:
    from spacy.tokens import Doc

Outcome = Record | Failure

# Texts longer than this many characters are parsed block by block (see Pipeline._parse_blocks)
PARSE_BLOCK_CHARS = 50_000


class Pipeline:
    """Loads the spaCy pipeline once and runs every stage over batches of articles."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.nlp = load_pipeline(self.settings.model)
        self.model = model_label(self.nlp)
        self.gate = LanguageGate(self.settings.language_check_chars)
        self.knowledge = Knowledge.load()
        self.event_lexicon = load_lexicon()
        self.event_confidence = load_confidence_model()

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
        """Run the stages over one parsed article. Later stages read earlier ones' records.
        A stage that fails on this article leaves its list empty and a failure in the record
        (``errors``): the other stages' findings are kept."""
        failures: list[Failure] = []
        budget = self.settings.article_timeout_s
        started = time.monotonic()
        deadline = started + budget if budget > 0 else math.inf

        def run(stage: str, extract: Callable[..., list[Any]], *args: Any) -> list[Any]:
            try:
                found = extract(*args)
            except Exception as exc:
                failures.append(Failure(article.origin, "stage", f"{type(exc).__name__}: {exc}",
                                        stage, article.id))
                found = []
            if time.monotonic() > deadline:
                raise TooSlow(stage, time.monotonic() - started, budget)
            return found

        paragraphs = extract_paragraphs(article.text, self.settings.paragraph_dup_threshold)
        entities = run("entities", extract_entities, doc, self.knowledge, article.published,
                       article.text)
        timexes = run("timexes", extract_timexes, doc, article.published, article.text)
        timexes = [t for t in timexes if not in_repeated_paragraph(t.span, paragraphs)]
        quotes = run("quotes", extract_quotes, doc, entities, timexes, paragraphs, article.text,
                     self.knowledge, article.published)
        # events from the article's body only, not from comments, captions or headlines
        events = run("events", extract_events, doc, entities, timexes, article.published,
                     self.knowledge, self.event_lexicon, article.text, quotes,
                     spans_outside(paragraphs, EVENT_ZONES))
        if self.event_confidence is not None:
            view = ArticleView.of(article.text, quotes, paragraphs, entities)
            events = self.event_confidence.rate(events, view)
        events = [e for e in events
                  if confident(e.confidence, self.settings.event_min_confidence)]
        return Record(article=article, paragraphs=tuple(paragraphs), entities=tuple(entities),
                      timexes=tuple(timexes), quotes=tuple(quotes), events=tuple(events),
                      failures=tuple(failures), model=self.model, version=__version__)

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
        self.pipeline.knowledge.load_all()

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


def article_from_dict(data: dict[str, Any]) -> Article:
    return Article(id=data["id"], text=data["text"], published=data.get("published"),
                   title=data.get("title"), url=data.get("url"), source=data.get("source"),
                   origin=data.get("origin", ""))


def outcome_to_dict(outcome: Outcome) -> dict[str, Any]:
    if isinstance(outcome, Failure):
        return {"failure": outcome.to_dict()}
    return outcome.to_dict()
