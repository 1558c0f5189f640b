"""A generated bad-input corpus through ``extract`` and ``ingest``: good articles mixed with
every kind of bad record the readers know. No traceback, one error per bad record, every good
record extracted and stored, and every file after a bad one still read.

The corpus is written at test time into a temporary folder; texts are short so the whole run
takes a few seconds.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dragoman.cli import main

LIMIT = 100_000  # max_article_bytes for the run: "too large" is a cheap 125 kB line
SUBJECTS = ["The minister", "The mayor", "The union leader", "The central bank", "The court",
            "The envoy", "The governor", "The prosecutor", "The senator", "The committee",
            "The army", "The company", "The coach", "The ambassador", "The council"]
ACTS = ["said on Tuesday that talks would resume", "announced new rules for the port",
        "rejected the offer made in March", "opened an inquiry into the fire",
        "met the delegation in the capital"]


class Corpus:
    """The files written, the ids of the good records and the error kinds of the bad ones."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.good: list[str] = []
        self.bad: Counter[str] = Counter()
        self.extra_inputs: list[str] = []

    def good_record(self, **fields: Any) -> dict[str, Any]:
        n = len(self.good)
        record = {"id": f"good-{n}", "published": "2021-03-10",
                  "text": f"{SUBJECTS[n % len(SUBJECTS)]} {ACTS[n % len(ACTS)]}. "
                          f"Record number {n} of the generated corpus."}
        record.update(fields)
        self.good.append(str(record["id"]))
        return record

    def good_line(self, **fields: Any) -> bytes:
        return json.dumps(self.good_record(**fields)).encode()

    def bad_line(self, kind: str, line: str | bytes) -> bytes:
        self.bad[kind] += 1
        return line.encode() if isinstance(line, str) else line

    def write(self, name: str, data: bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path


def jsonl_lines(corpus: Corpus) -> list[bytes]:
    """Every bad line kind, each between good lines."""

    def fine(fields: str) -> str:  # a record with good text and these other fields
        return "{" + fields + ', "text": "Fine words from the capital."}'
    bad: list[tuple[str, str | bytes]] = [
        ("json", "{not json"),
        ("json", '["a", "list"]'),
        ("missing_text", '{"id": "no-text"}'),
        ("missing_text", '{"id": "number-text", "text": 42}'),
        ("published", fine('"id": "bad-date", "published": "2021-13-01"')),
        ("published", fine('"id": "far-future", "published": "9999-12-31"')),
        ("published", fine('"id": "year-one", "published": "0001-01-01T00:00:00Z"')),
        ("empty", '{"id": "blank", "text": "  \\n "}'),
        ("empty", '{"id": "zero-width", "text": "\\u200b\\u200b"}'),
        ("encoding", b'{"id": "latin1", "text": "caf\xe9 au lait"}'),
        ("encoding", '{"id": "surrogate-text", "text": "bad \\ud800 text"}'),
        ("encoding", fine('"id": "\\ud800"')),
        ("encoding", fine('"id": "surrogate-title", "title": "\\udc00"')),
        ("json", fine('"id": ' + "9" * 5000)),
        ("json", "[" * 100_000 + "]" * 100_000),
        ("json", fine('"id": "deep", "extra": ' + "[" * 100_000 + "]" * 100_000)),
        ("id", fine('"id": "two\\nlines"')),
        ("id", fine('"id": "bell\\u0007"')),
        ("id", fine('"id": "sep\\u2028"')),
        ("id", fine('"id": ""')),
        ("id", fine('"id": "   "')),
        ("id", fine('"id": true')),
        ("id", fine('"id": 1.5')),
        ("too_large", json.dumps({"id": "huge", "text": "word " * (LIMIT // 4)})),
        ("language", json.dumps({"id": "french", "text": (
            "Le ministre des Affaires étrangères a déclaré mardi que les négociations avec "
            "ses voisins reprendraient la semaine prochaine à Genève, selon un communiqué.")})),
    ]
    lines = [corpus.good_line()]
    for kind, line in bad:
        lines.append(corpus.bad_line(kind, line))
        lines.append(corpus.good_line())
    lines.append(corpus.good_line(id=987654321))  # a number is a fine id
    return lines


def build_corpus(root: Path) -> tuple[Corpus, list[str]]:
    corpus = Corpus(root)
    folder = root / "in"
    corpus.write("in/a_mixed.jsonl", b"\n".join(jsonl_lines(corpus)) + b"\n")

    corpus.bad["gzip"] += 1  # not gzip at all
    corpus.write("in/b_not_gzip.jsonl.gz", corpus.good_line() + b"\n")
    corpus.good.pop()  # ... so its record is not read

    # a truncated .gz: the complete lines before the damage are kept, then one error
    lines = [json.dumps({"id": f"gz-{i}", "text": f"{SUBJECTS[i % 15]} {ACTS[i % 5]} "
                         f"({i} in the compressed file)."}).encode() for i in range(40)]
    packed = gzip.compress(b"\n".join(lines) + b"\n")
    truncated = packed[:len(packed) // 2]
    readable = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(truncated)
    kept = readable.count(b"\n")
    assert 0 < kept < 40
    corpus.good += [f"gz-{i}" for i in range(kept)]
    corpus.bad["gzip"] += 1
    corpus.write("in/c_truncated.jsonl.gz", truncated)
    text_gz = gzip.compress(b"The minister said talks would resume. " * 50)
    corpus.bad["gzip"] += 1
    corpus.write("in/d_truncated.txt.gz", text_gz[:len(text_gz) // 2])

    corpus.bad["encoding"] += 1
    corpus.write("in/e_latin1.txt", "Le café est fermé.".encode("latin-1"))
    corpus.bad["empty"] += 1
    corpus.write("in/f_empty.txt", b"  \n\n ")
    corpus.bad["published"] += 1
    corpus.write("in/g_bad_header.txt", b"date 2021-02-30\nThe court ruled on Monday.")
    corpus.bad["published"] += 1
    corpus.write("in/h_far_header.txt", b"date 9999-12-31\nThe court ruled on Friday.")
    corpus.bad["empty"] += 1
    corpus.write("in/i_no_text.html", b"<html><head><title>x</title></head><body></body></html>")

    corpus.write("in/y_good.txt", b"date 2021-03-11\nThe governor opened the new bridge today.")
    corpus.good.append("y_good.txt")  # an id from the text: checked by count below
    corpus.write("in/z_last.jsonl", corpus.good_line() + b"\n" + corpus.good_line() + b"\n")

    unsupported = corpus.write("data.csv", b"a,b\n")
    corpus.bad["file_type"] += 1
    corpus.bad["missing_file"] += 1
    return corpus, [str(folder), str(unsupported), str(root / "missing.jsonl")]


def invoke(*args: str) -> Any:
    runner = CliRunner(env={"DRAGOMAN_MAX_ARTICLE_BYTES": str(LIMIT)})
    result = runner.invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"uncaught {result.exception!r}"
    assert "Traceback" not in result.output and "Aborted" not in result.output
    return result


def error_kinds(stderr: str) -> Counter[str]:
    return Counter(line.rsplit("[", 1)[1].rstrip("]") for line in stderr.splitlines()
                   if line.startswith("error: "))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, list[str]]:
    return build_corpus(tmp_path_factory.mktemp("bad"))


def good_ids(ids: list[str]) -> list[str]:
    """The ids found, with the one id made from a text replaced by its file name."""
    named = [i for i in ids if not i.startswith("sha256-")]
    hashed = [i for i in ids if i.startswith("sha256-")]
    assert len(hashed) == 1
    return [*named, "y_good.txt"]


def test_extract_reads_every_good_record_and_names_every_bad_one(
        corpus: tuple[Corpus, list[str]]) -> None:
    built, inputs = corpus
    result = invoke("extract", *inputs)
    assert result.exit_code == 1, result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert sorted(good_ids(ids)) == sorted(built.good)
    assert error_kinds(result.stderr) == built.bad
    assert f"failed {sum(built.bad.values())} (" in result.stderr
    assert "c_truncated.jsonl.gz: the gzip file is truncated" in result.stderr
    assert "b_not_gzip.jsonl.gz: not a gzip file" in result.stderr


def test_ingest_stores_every_good_record_and_one_error_row_per_bad_one(
        corpus: tuple[Corpus, list[str]], tmp_path: Path) -> None:
    built, inputs = corpus
    db = tmp_path / "bad.db"
    result = invoke("ingest", "--db", str(db), *inputs)
    assert result.exit_code == 1, result.stderr
    with sqlite3.connect(db) as con:
        ids = [row[0] for row in con.execute("SELECT id FROM articles")]
        kinds = Counter(row[0] for row in con.execute("SELECT kind FROM errors"))
    assert sorted(good_ids(ids)) == sorted(built.good)
    assert kinds == built.bad
    assert f"stored {len(built.good)}," in result.stderr
    again = invoke("ingest", "--db", str(db), *inputs)  # a re-run adds and breaks nothing
    assert f"stored 0, already stored {len(built.good)}," in again.stderr


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
