"""A generated bad-input corpus through ``extract`` and ``ingest``: good articles mixed with
every kind of bad record and file we know of. No traceback, one error per bad record (at the
line or file it came from, with the expected kind), every good record extracted and stored,
every file after a bad one still read, and a re-run that adds and breaks nothing.

The corpus is written at test time into a temporary folder (the largest file is a 20 MB gzip
bomb that compresses to some 20 kB); texts are short so the whole run takes seconds.
Kinds that are not errors are handled cleanly: the record is stored as it is (``STORED``).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.readers import content_id

LIMIT = 100_000  # max_article_bytes for the run: "too large" is a cheap 125 kB line
STORED = "stored"  # the kind of a bad-looking record that is handled by storing it
SUBJECTS = ["The minister", "The mayor", "The union leader", "The central bank", "The court",
            "The envoy", "The governor", "The prosecutor", "The senator", "The committee",
            "The army", "The company", "The coach", "The ambassador", "The council"]
ACTS = ["said on Tuesday that talks would resume", "announced new rules for the port",
        "rejected the offer made in March", "opened an inquiry into the fire",
        "met the delegation in the capital"]
ENGLISH = "The minister said on Tuesday that the talks with the neighbours would resume."


def fine(fields: str) -> str:
    """A record with good text and these other fields (raw JSON, so they can be anything)."""
    return "{" + fields + f', "text": "{ENGLISH}"' + "}"


def record(record_id: str, text: str, **fields: Any) -> str:
    return json.dumps({"id": record_id, "text": text, **fields})


# (name, the error kind expected, the line). Each goes between two good lines of one file.
LINES: list[tuple[str, str, str | bytes]] = [
    ("json syntax", "json", "{not json"),
    ("json list", "json", '["a", "list"]'),
    ("json null", "json", "null"),
    ("json number", "json", "42"),
    ("json trailing garbage", "json", fine('"id": "trailing"') + " and more"),
    ("integer id of 5,000 digits", "json", fine('"id": ' + "9" * 5000)),
    ("JSON 100,000 levels deep", "json", "[" * 100_000 + "]" * 100_000),
    ("deep JSON in a field", "json", fine('"id": "deep", "extra": ' + "[" * 100_000
                                         + "]" * 100_000)),
    ("no text", "missing_text", '{"id": "no-text"}'),
    ("text a number", "missing_text", '{"id": "number-text", "text": 42}'),
    ("published not a date", "published", fine('"id": "bad-date", "published": "2021-13-01"')),
    ("published 9999-12-31", "published", fine('"id": "far", "published": "9999-12-31"')),
    ("published year one", "published",
     fine('"id": "year-one", "published": "0001-01-01T00:00:00Z"')),
    ("published a number", "published", fine('"id": "pub-number", "published": 20210310')),
    ("published a boolean", "published", fine('"id": "pub-bool", "published": true')),
    ("published a list", "published", fine('"id": "pub-list", "published": ["2021-03-10"]')),
    ("text blank", "empty", '{"id": "blank", "text": "  \\n "}'),
    ("text zero-width only", "empty", '{"id": "zero-width", "text": "\\u200b\\u200b\\ufeff"}'),
    ("text controls only", "empty", '{"id": "controls", "text": "\\u0001\\u0002\\u001b"}'),
    ("text NUL only", "empty", '{"id": "nul-only", "text": "\\u0000\\u0000"}'),
    ("latin-1 bytes", "encoding", b'{"id": "latin1", "text": "caf\xe9 au lait"}'),
    ("overlong UTF-8", "encoding", b'{"id": "overlong", "text": "a \xc0\xaf b"}'),
    ("CESU-8 surrogate bytes", "encoding", b'{"id": "cesu", "text": "a \xed\xa0\x80 b"}'),
    ("lone surrogate in text", "encoding", '{"id": "surrogate-text", "text": "bad \\ud800"}'),
    ("lone surrogate in id", "encoding", fine('"id": "\\ud800"')),
    ("lone surrogate in title", "encoding", fine('"id": "surrogate-title", "title": "\\udc00"')),
    ("id with a newline", "id", fine('"id": "two\\nlines"')),
    ("id with a bell", "id", fine('"id": "bell\\u0007"')),
    ("id with a line separator", "id", fine('"id": "sep\\u2028"')),
    ("id empty", "id", fine('"id": ""')),
    ("id of spaces", "id", fine('"id": "   "')),
    ("id true", "id", fine('"id": true')),
    ("id false", "id", fine('"id": false')),
    ("id decimal", "id", fine('"id": 1.5')),
    ("id NaN", "id", fine('"id": NaN')),
    ("id overflowing to infinity", "id", fine('"id": 1e400')),
    ("id an object", "id", fine('"id": {"a": 1}')),
    ("text too large", "too_large", record("huge", "word " * (LIMIT // 4))),
    ("line over the limit", "too_large", record("huger", "word " * LIMIT)),
    ("not English", "language", record("french", (
        "Le ministre des Affaires étrangères a déclaré mardi que les négociations avec ses "
        "voisins reprendraient la semaine prochaine à Genève, selon un communiqué."))),
    ("duplicate id, another text", "id_conflict", record("good-0", ENGLISH)),
]

# (name, the id it is stored under, the line): kinds handled cleanly, by storing them as
# they are; each goes between two good lines too.
CLEAN_LINES: list[tuple[str, str, str]] = [
    ("byte-order mark mid-file", "bom", "\ufeff" + record("bom", ENGLISH)),
    ("NUL in text", "nul", record("nul", "The minister\u0000 said talks would resume.")),
    ("controls in text", "ctrl", record("ctrl", "The \x01\x1b[31m court ruled.\x7f")),
    ("giant single word", "giant-word", record("giant-word", f"{ENGLISH} {'x' * 60_000} Then.")),
    ("combining-mark storm", "marks", record("marks", "The" + "\u0301" * 5000 + " court ruled.")),
    ("quote-mark storm", "quotes", record("quotes", "\u201c" * 3000 + " he said " + '"' * 3000)),
    ("RTL overrides", "rtl", record("rtl", "\u202eThe court ruled\u202c on \u05e9 Monday.")),
    ("emoji sequences", "emoji", record("emoji", "The 👩‍👩‍👧‍👦 court 🇫🇷 ruled. " * 100)),
    ("paragraph storm", "paragraphs",
     record("paragraphs", "\n\n".join(["The court ruled."] * 3000))),
    ("markup in text", "markup", record("markup", "<script>alert(1)</script> The court ruled.")),
    ("javascript: url", "js-url", fine('"id": "js-url", "url": "javascript:alert(1)"')),
    ("title an object", "title-object", fine('"id": "title-object", "title": {"a": [1, 2]}')),
    ("negative integer id", "-7", fine('"id": -7')),
    ("repeated JSON key", "repeated", '{"id": "first", "id": "repeated", "text": "Court."}'),
]


class Corpus:
    """The files written, the good records' ids, and the (location, kind) of every error."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.good: list[str] = []
        self.errors: Counter[tuple[str, str]] = Counter()
        self.kinds: list[str] = []

    def good_line(self) -> bytes:
        n = len(self.good)
        self.good.append(f"good-{n}")
        return json.dumps({"id": f"good-{n}", "published": "2021-03-10",
                           "text": f"{SUBJECTS[n % len(SUBJECTS)]} {ACTS[n % len(ACTS)]}. "
                                   f"Record number {n} of the generated corpus."}).encode()

    def write(self, name: str | bytes, data: bytes) -> Path:
        path = Path(os.fsdecode(os.path.join(os.fsencode(self.root), os.fsencode(name))))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def expect(self, kind_name: str, location: str, error: str) -> None:
        self.kinds.append(kind_name)
        if error != STORED:
            self.errors[(location, error)] += 1


def write_lines(corpus: Corpus) -> None:
    """Every bad line kind between good lines, in one JSON Lines file."""
    path = corpus.root / "in" / "a_mixed.jsonl"
    lines = [corpus.good_line()]
    for name, error, line in LINES:
        lines.append(line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line)
        corpus.expect(name, f"{path}:{len(lines)}", error)
        lines.append(corpus.good_line())
    for name, stored_id, text in CLEAN_LINES:
        lines.append(text.encode())
        corpus.expect(name, f"{path}:{len(lines)}", STORED)
        corpus.good.append(stored_id)
        lines.append(corpus.good_line())
    corpus.write("in/a_mixed.jsonl", b"\n".join(lines) + b"\n")


def truncated_gzip(corpus: Corpus) -> bytes:
    """40 good lines, gzipped and cut in half; the complete lines before the cut are good."""
    lines = [json.dumps({"id": f"gz-{i}", "text": f"{SUBJECTS[i % 15]} {ACTS[i % 5]} "
                         f"({i} in the compressed file)."}).encode() for i in range(40)]
    packed = gzip.compress(b"\n".join(lines) + b"\n")
    truncated = half(packed)
    kept = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(truncated).count(b"\n")
    assert 0 < kept < 40
    corpus.good += [f"gz-{i}" for i in range(kept)]
    return truncated


def half(data: bytes) -> bytes:
    return data[:len(data) // 2]


def html_page(body: bytes) -> bytes:
    return b"<html><head><title>Page</title></head><body>" + body + b"</body></html>"


# (name, file name, the error kind expected, the bytes). A JSON Lines file's errors are at its
# line 1 when the file opens but the line is bad (``LINE_ERRORS``). Text files' ids are hashes
# of their texts; the stored ones are added to the good ids by ``write_files``.
GOOD_TEXT = b"The governor opened the new bridge over the river on Wednesday morning."
FILES: list[tuple[str, str | bytes, str, Callable[[Corpus], bytes]]] = [
    ("not gzip, named .gz", "in/b_not_gzip.jsonl.gz", "gzip",
     lambda c: b'{"id": "never-read", "text": "Words."}\n'),
    ("truncated .jsonl.gz", "in/c_truncated.jsonl.gz", "gzip", truncated_gzip),
    ("truncated .txt.gz", "in/d_truncated.txt.gz", "gzip",
     lambda c: half(gzip.compress(b"The minister said talks would resume. " * 50))),
    ("gzip bomb of one endless line", "in/e_bomb.jsonl.gz", "too_large",
     lambda c: gzip.compress(b"x" * 20_000_000)),
    ("latin-1 .txt", "in/f_latin1.txt", "encoding", lambda c: "Le café.".encode("latin-1")),
    ("UTF-16 .txt", "in/f_utf16.txt", "encoding", lambda c: "The court ruled.".encode("utf-16")),
    ("UTF-16 .jsonl", "in/f_utf16.jsonl", "encoding",
     lambda c: record("utf16", "The court ruled.").encode("utf-16")),
    ("binary .jsonl", "in/f_binary.jsonl", "encoding", lambda c: b"\x00\xff\xfe" * 100),
    ("latin-1 .txt.gz", "in/f_latin1.txt.gz", "encoding",
     lambda c: gzip.compress("Le café est fermé.".encode("latin-1"))),
    ("blank .txt", "in/g_blank.txt", "empty", lambda c: b"  \n\n "),
    ("zero-byte .txt", "in/g_zero.txt", "empty", lambda c: b""),
    ("date header not a date", "in/h_bad_header.txt", "published",
     lambda c: b"date 2021-02-30\nThe court ruled on Monday."),
    ("date header 9999", "in/h_far_header.txt", "published",
     lambda c: b"date 9999-12-31\nThe court ruled on Friday."),
    ("HTML without text", "in/i_no_text.html", "empty", lambda c: html_page(b"")),
    ("HTML nested 100,000 deep", "in/i_nested.html", "empty",
     lambda c: html_page(b"<div>" * 100_000 + b"<p>The court ruled.</p>" + b"</div>" * 100_000)),
    ("HTML entity bomb", "in/j_entities.html", STORED, lambda c: (
        b'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + html_page(b"<p>&b;&b;&b; " + GOOD_TEXT + b"</p>"))),
    ("HTML tag storm", "in/j_tags.html", STORED,
     lambda c: html_page(b"<p>The court ruled on the appeal.</p>" + b"<b>" * 200_000)),
    ("zero-byte .jsonl", "in/k_zero.jsonl", STORED, lambda c: b""),
    ("empty .jsonl.gz", "in/k_zero.jsonl.gz", STORED, lambda c: gzip.compress(b"")),
    ("CRLF line ends", "in/l_crlf.jsonl", STORED,
     lambda c: c.good_line() + b"\r\n" + c.good_line() + b"\r\n"),
    ("file name not UTF-8", b"in/m_\xff\xfe.txt", STORED, lambda c: GOOD_TEXT),
    ("unsupported file type", "data.csv", "file_type", lambda c: b"a,b\n"),
]
LINE_ERRORS = {"in/e_bomb.jsonl.gz", "in/f_utf16.jsonl", "in/f_binary.jsonl"}
STORED_HTML_TEXTS = {"in/j_entities.html": "&b;&b;&b; " + GOOD_TEXT.decode(),
                     "in/j_tags.html": "The court ruled on the appeal."}


def write_files(corpus: Corpus) -> list[str]:
    """The bad files; returns the inputs to give the CLI (the folder, then loose files)."""
    inputs = [str(corpus.root / "in")]
    for name, file_name, error, content in FILES:
        path = corpus.write(file_name, content(corpus))
        corpus.expect(name, f"{path}:1" if file_name in LINE_ERRORS else str(path), error)
        if not str(path).startswith(inputs[0] + os.sep):
            inputs.append(str(path))
        if isinstance(file_name, bytes):
            corpus.good.append(content_id(GOOD_TEXT.decode()))
        elif file_name in STORED_HTML_TEXTS:
            corpus.good.append(content_id(STORED_HTML_TEXTS[file_name]))
    corpus.write("in/y_good.txt", b"date 2021-03-11\n" + GOOD_TEXT + b" Crowds came.")
    corpus.good.append(content_id(GOOD_TEXT.decode() + " Crowds came."))
    corpus.write("in/z_last.jsonl", corpus.good_line() + b"\n" + corpus.good_line() + b"\n")
    missing = str(corpus.root / "missing.jsonl")
    corpus.expect("missing file", missing, "missing_file")
    return [*inputs, missing]


def build_corpus(root: Path) -> tuple[Corpus, list[str]]:
    corpus = Corpus(root)
    write_lines(corpus)
    return corpus, write_files(corpus)


def invoke(*args: str) -> Any:
    runner = CliRunner(env={"DRAGOMAN_MAX_ARTICLE_BYTES": str(LIMIT)})
    result = runner.invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"uncaught {result.exception!r}"
    assert "Traceback" not in result.output and "Aborted" not in result.output
    return result


_ERROR_LINE = re.compile(r"^error: (.+?)(?: \(id .*?\))?: .* \[(\w+)\]$")


def location(origin: str) -> str:
    """``file:line`` or ``file`` of an error's origin, without the ``(id …)`` it may name."""
    return re.sub(r" \(id .*\)$", "", origin)


def printed_errors(stderr: str) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for line in stderr.splitlines():
        if line.startswith("error: "):
            match = _ERROR_LINE.match(line)
            assert match is not None, line
            found[(match.group(1), match.group(2))] += 1
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, list[str]]:
    return build_corpus(tmp_path_factory.mktemp("bad"))


def test_the_corpus_has_every_kind(corpus: tuple[Corpus, list[str]]) -> None:
    built, _ = corpus
    assert len(built.kinds) == len(set(built.kinds)) >= 70
    assert sum(built.errors.values()) >= 55


def test_extract_writes_every_good_record_and_names_every_bad_one(
        corpus: tuple[Corpus, list[str]]) -> None:
    built, inputs = corpus
    result = invoke("extract", *inputs)
    assert result.exit_code == 1, result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    # extract writes a repeated id again, with a warning; ingest refuses it (id_conflict)
    conflicts = Counter({k: v for k, v in built.errors.items() if k[1] == "id_conflict"})
    assert Counter(ids) == Counter(built.good) + Counter(["good-0"])
    assert printed_errors(result.stderr) == built.errors - conflicts
    assert "id 'good-0' was already written in this run" in result.stderr
    failed = sum(built.errors.values()) - sum(conflicts.values())
    assert f"failed {failed} (" in result.stderr
    assert "c_truncated.jsonl.gz: the gzip file is truncated" in result.stderr
    assert "b_not_gzip.jsonl.gz: not a gzip file" in result.stderr


def test_ingest_stores_every_good_record_and_one_error_row_per_bad_one(
        corpus: tuple[Corpus, list[str]], tmp_path: Path) -> None:
    built, inputs = corpus
    db = tmp_path / "bad.db"
    result = invoke("ingest", "--db", str(db), *inputs)
    assert result.exit_code == 1, result.stderr
    assert stored_and_errors(db) == (sorted(built.good), built.errors)
    assert f"stored {len(built.good)} new, 0 already stored," in result.stderr
    again = invoke("ingest", "--db", str(db), *inputs)  # a re-run adds and breaks nothing
    assert f"stored 0 new, {len(built.good)} already stored," in again.stderr
    assert f"failed {sum(built.errors.values())} (" in again.stderr
    assert stored_and_errors(db) == (sorted(built.good), built.errors)


def stored_and_errors(db: Path) -> tuple[list[str], Counter[tuple[str, str]]]:
    with sqlite3.connect(db) as con:
        ids = sorted(row[0] for row in con.execute("SELECT id FROM articles"))
        errors = Counter((location(origin), kind) for origin, kind in con.execute(
            "SELECT origin, kind FROM errors"))
    return ids, errors


def test_extract_warns_once_per_repeated_id(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    line = json.dumps({"id": "same", "text": "The minister spoke."})
    path.write_text("\n".join([line, line, line, json.dumps(
        {"id": "other", "text": "The court ruled."})]) + "\n", encoding="utf-8")
    result = invoke("extract", str(path))
    assert result.exit_code == 0
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["same"] * 3 + ["other"]
    warnings = [x for x in result.stderr.splitlines() if x.startswith("warning:")]
    assert len(warnings) == 1 and f"{path}:2: id 'same' was already written" in warnings[0]
