"""Quotations across articles (corpus/quotations.py and the store's linking): the same words
by the same speaker in several articles are one quotation with its occurrences; other
speakers, other words and unknown speakers stay apart; storing again changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.corpus.quotations import content_key, same_words, speaker_key
from dragoman.store import open_store
from tests.fixtures.web_records import Article

WORDS = "We will not stop until every prisoner in Benghazi is free"


@pytest.mark.parametrize(("first", "second", "same"), [
    (WORDS, WORDS, True),
    (WORDS, "we will not stop, until every prisoner in Benghazi is free!", True),
    (WORDS, "“We will not stop until every prisoner in Benghazi is free.”", True),
    (WORDS, "We will not stop until every prisoner in Benghazi is freed", True),  # 9 of 11
    (WORDS, "We will not stop until every prisoner in Benghazi", True),    # cut short, 9 words
    (WORDS, "We will not stop", False),                                  # too short a part
    (WORDS, "We will stop when the prisoners in Benghazi are free", False),
    ("his government to resign", "his government ministers to resign", False),  # short
    ("Élysée said non", "elysee said non", True),                         # accents folded
    ("", "Anything at all", False),
])
def test_same_words(first: str, second: str, same: bool) -> None:
    assert same_words(content_key(first), content_key(second)) is same


@pytest.mark.parametrize(("actor", "name", "key"), [
    (17, "Mustafa Abdul Jalil", "actor:17"),
    (None, "Mustafa Abdul-Jalil", "name:mustafa abdul jalil"),
    (None, None, None), (None, " ", None),
])
def test_speaker_key(actor: int | None, name: str | None, key: str | None) -> None:
    assert speaker_key(actor, name) == key


def said(article_id: str, published: str, source: str, speaker: str | None, words: str,
         lead: str = "") -> dict[str, Any]:
    """An article where ``speaker`` (a Libyan official; None: an unnamed source) says
    ``words``, naming Libya inside them when they do."""
    text = f"{lead}“{words},” {speaker or 'a source'} told reporters."
    a = Article(article_id, published, source, f"Report {article_id}", [text])
    libya = a.entity("Libya", "GPE", ["Benghazi"], "LBY") if "Benghazi" in text else None
    if speaker is None:
        start = text.index(words)
        a.record["quotes"].append({"content": [start, start + len(words)], "kind": "direct",
                                   "cue": None, "speaker": None, "date": None,
                                   "duplicate_of": None})
    else:
        person = a.entity(speaker, "PERSON", [speaker], "LBY", "REB")
        a.quote(words, person, speaker)
    del libya
    return a.record


def records() -> list[dict[str, Any]]:
    return [
        said("a1", "2011-03-01", "Wire", "Mustafa Abdul Jalil", WORDS),
        said("a2", "2011-03-02", "Post", "Mustafa Abdul Jalil",
             "we will not stop until every prisoner in Benghazi is freed"),
        said("a3", "2011-03-03", "Times", "Mustafa Abdul Jalil",
             "We will not stop until every prisoner in Benghazi", lead="Late on Thursday. "),
        said("a4", "2011-03-02", "Post", "Mahmoud Jibril", WORDS),           # another speaker
        said("a5", "2011-03-04", "Wire", "Mustafa Abdul Jalil", "Gaddafi must go now"),
        said("a6", "2011-03-04", "Wire", None, "The city is quiet tonight"),  # no speaker
        said("a7", "2011-03-05", "Post", None, "The city is quiet tonight"),
    ]


def quotation_rows(store: Any, **fields: Any) -> list[tuple[str | None, int, str, str]]:
    return [(r["speaker"], r["occurrences"], r["first_seen"], r["content"][:16])
            for r in store.quotations(**fields)]


def test_one_quotation_per_speaker_and_words_with_its_occurrences(store_url: str) -> None:
    store = open_store(store_url)
    run = store.begin_run("test", [], {}, "m")
    store.write_batch(run, records(), [], {})
    # newest first: by the newest article reporting each (Jalil's words again on the 3rd)
    expected = [("Mustafa Abdul Jalil", 1, "2011-03-04", "Gaddafi must go "),
                ("Mustafa Abdul Jalil", 3, "2011-03-01", "We will not stop"),
                ("Mahmoud Jibril", 1, "2011-03-02", "We will not stop")]
    assert quotation_rows(store, named_only=True) == expected
    jalil = store.quotations(named_only=True)[1]
    assert jalil["articles"] == ["a1", "a2", "a3"] and jalil["sources"] == 3
    assert (jalil["last_seen"], jalil["article_id"]) == ("2011-03-03", "a1")
    # without a speaker: never merged, and only listed when asked
    unnamed = [r for r in store.quotations() if r["speaker"] is None]
    assert [r["occurrences"] for r in unnamed] == [1, 1]
    assert len(store.quotes()) == 7 and len(store.quotes(named_only=True)) == 5
    # filters: by speaker, by the speaker's country, by what the quote names
    assert [r["occurrences"] for r in store.quotations(speaker="Jalil")] == [1, 3]
    assert len(store.quotations(speaker_country="LBY")) == 3
    assert [r["speaker"] for r in store.quotations(about="LBY", named_only=True)] == [
        "Mustafa Abdul Jalil", "Mahmoud Jibril"]
    # storing the same articles again changes nothing
    store.write_batch(store.begin_run("test", [], {}, "m"), records(), [], {})
    assert quotation_rows(store, named_only=True) == expected
    store.close()


def test_quotes_stored_before_quotations_are_each_their_own(tmp_path: Path) -> None:
    """A store migrated from before quotations: old quotes keep their rows, one quotation
    each, and the migration is recorded."""
    import sqlite3

    path = tmp_path / "old.db"
    store = open_store(str(path))
    store.write_batch(store.begin_run("test", [], {}, "m"), records()[:2], [], {})
    store.close()
    con = sqlite3.connect(path)   # as written before migration 0011
    con.execute("UPDATE quotes SET quotation_id = NULL, speaker_key = NULL, content_key = NULL")
    con.execute("DELETE FROM migrations WHERE name = '0013_quotations'")
    for statement in ("DROP INDEX quotes_quotation", "DROP INDEX quotes_speaker_key",
                      "ALTER TABLE quotes DROP COLUMN quotation_id",
                      "ALTER TABLE quotes DROP COLUMN speaker_key",
                      "ALTER TABLE quotes DROP COLUMN content_key"):
        con.execute(statement)
    con.commit()
    con.close()
    store = open_store(str(path))   # migrates
    assert [r["occurrences"] for r in store.quotations()] == [1, 1]
    store.close()


def test_the_quotes_command_lists_quotations_mentions_and_speakerless(tmp_path: Path) -> None:
    db = str(tmp_path / "q.db")
    store = open_store(db)
    store.write_batch(store.begin_run("test", [], {}, "m"), records(), [], {})
    store.close()

    def listed(*flags: str) -> list[dict[str, Any]]:
        result = CliRunner().invoke(main, ["quotes", "--db", db, "--format", "json", *flags])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    assert [r["occurrences"] for r in listed()] == [1, 3, 1]
    assert len(listed("--all")) == 5
    assert len(listed("--mentions")) == 5 and len(listed("--mentions", "--all")) == 7
    assert {r["quotation"] for r in listed("--mentions", "--speaker", "Jalil")} == {
        r["id"] for r in listed("--speaker", "Jalil")}
    assert [r["speaker"] for r in listed("--about", "LBY")] == ["Mustafa Abdul Jalil",
                                                              "Mahmoud Jibril"]
    table = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["quotes", "--db", db]).stdout
    assert "articles" in table and "3 row(s)" in table
