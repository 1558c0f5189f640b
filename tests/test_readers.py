"""Readers: every input form, and every kind of bad input named and skipped."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import InputError
from dragoman.readers import content_id, parse_published, read_articles, split_date_header
from dragoman.records import Article

LIMIT = 2_000_000
BODY = "The minister said on Tuesday that talks would resume.\n\nOfficials agreed."


def read(paths: list[str], stdin: bytes | None = None, limit: int = LIMIT) -> list:
    return list(read_articles(paths, max_bytes=limit,
                              stdin=io.BytesIO(stdin) if stdin is not None else None))


def jsonl(tmp_path: Path, *lines: str, name: str = "in.jsonl") -> str:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_fields_and_default_id(tmp_path: Path) -> None:
    path = jsonl(tmp_path,
                 json.dumps({"id": "a1", "text": BODY, "published": "2021-03-10",
                             "title": "T", "url": "http://x", "source": "S"}),
                 json.dumps({"text": BODY, "published": "2021-03-10T08:30:00Z"}))
    first, second = read([path])
    assert first == Article("a1", BODY, "2021-03-10", "T", "http://x", "S", f"{path}:1")
    assert second.id == content_id(BODY) and second.published == "2021-03-10"


def test_bad_lines_are_named_and_the_rest_is_read(tmp_path: Path) -> None:
    path = jsonl(tmp_path,
                 '{"id": "ok1", "text": "Fine."}',
                 "{not json",
                 '{"id": "nt"}',
                 '{"id": "num", "text": 42}',
                 '{"id": "bad-date", "text": "Fine.", "published": "2021-13-01"}',
                 '{"id": "empty", "text": "  \\n "}',
                 '["a", "list"]',
                 '{"id": "ok2", "text": "Also fine."}')
    results = read([path])
    kinds = [r.kind if isinstance(r, InputError) else r.id for r in results]
    assert kinds == ["ok1", "json", "missing_text", "missing_text", "published", "empty",
                     "json", "ok2"]
    bad_date = results[4]
    assert f"{path}:5" in str(bad_date) and "'bad-date'" in str(bad_date)
    assert "'2021-13-01'" in str(bad_date) and "YYYY-MM-DD" in str(bad_date)
    assert str(results[1]).startswith(f"{path}:2: not valid JSON")
    assert "'text'" in str(results[2])


def test_undecodable_bytes_in_one_line_spare_the_others(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"id": "b", "text": "Fine."}\n')
    error, article = read([str(path)])
    assert isinstance(error, InputError) and error.kind == "encoding"
    assert f"{path}:1" in str(error) and "0xe9" in str(error)
    assert article.id == "b"


def test_undecodable_text_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le café est fermé.".encode("latin-1"))
    (error,) = read([str(path)])
    assert error.kind == "encoding" and str(path) in str(error)


def test_size_limit(tmp_path: Path) -> None:
    path = jsonl(tmp_path, json.dumps({"id": "big", "text": "word " * 100}))
    (error,) = read([path], limit=200)
    assert error.kind == "too_large" and "max_article_bytes" in str(error)
    (article,) = read([path], limit=2000)
    assert article.id == "big"


@pytest.mark.parametrize(("raw", "published", "body"), [
    ("date 2021-03-10\nThe text.", "2021-03-10", "The text."),
    (" date 2021-03-10 The text.", "2021-03-10", "The text."),
    ("The text.\ndate 2021-03-10", None, "The text.\ndate 2021-03-10"),
    ("dated remarks.", None, "dated remarks."),
])
def test_txt_date_header(raw: str, published: str | None, body: str) -> None:
    assert split_date_header(raw) == (published, body)


def test_txt_file_offsets_point_into_the_body(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2021-03-10\n" + BODY, encoding="utf-8")
    (article,) = read([str(path)])
    assert article.published == "2021-03-10" and article.text == BODY


def test_txt_bad_header_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2021-02-30\n" + BODY, encoding="utf-8")
    (error,) = read([str(path)])
    assert error.kind == "published" and "2021-02-30" in str(error)


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i}: the foreign ministers of both countries met for talks in the "
        f"capital and said they would continue the dialogue next month.</p>" for i in range(6))
    page = ("<!doctype html><html><head><title>Talks resume</title>"
            '<meta property="article:published_time" content="2022-05-04T10:00:00Z"></head>'
            "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Talks resume</h1>{paragraphs}</article>"
            "<footer>Copyright Example News</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (article,) = read([str(path)])
    assert isinstance(article, Article)
    assert article.published == "2022-05-04"
    assert "Paragraph 0: the foreign ministers" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text


def test_directory_recursive_sorted_and_gz(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "b.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    with gzip.open(tmp_path / "sub" / "deeper" / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "c", "text": "Third article."}) + "\n")
    texts = [a.text for a in read([str(tmp_path)])]
    assert texts == ["First article.", "Second article.", "Third article."]


def test_stdin_jsonl_and_plain_text() -> None:
    (article,) = read(["-"], stdin=b'{"id": "s", "text": "From stdin."}\n')
    assert article.id == "s" and article.origin == "stdin:1"
    (article,) = read(["-"], stdin=b"date 2020-01-02\nPlain text from stdin.")
    assert article.published == "2020-01-02" and article.text == "Plain text from stdin."


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    other = tmp_path / "data.csv"
    other.write_text("a,b", encoding="utf-8")
    missing, unsupported = read([str(tmp_path / "nope.jsonl"), str(other)])
    assert missing.kind == "missing_file" and "nope.jsonl" in str(missing)
    assert unsupported.kind == "file_type" and ".jsonl" in str(unsupported)


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-03-10", "2021-03-10"),
    ("2021-03-10T23:59:00+05:00", "2021-03-10"),
    ("2021-03-10 08:00:00", "2021-03-10"),
    (None, None),
    ("", None),
])
def test_parse_published(value: str | None, expected: str | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2021-13-01", "2021-02-30", "10/03/2021", "yesterday", 20210310])
def test_parse_published_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="published"):
        parse_published(value)


def test_count_skips_what_reading_skips(tmp_path: Path) -> None:
    from dragoman.readers import count_articles

    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Second.</p>", encoding="utf-8")
    assert count_articles([str(tmp_path)]) == len(read([str(tmp_path)])) == 2


def test_count_leaves_jsonl_and_stdin_unknown_instead_of_reading_them(tmp_path: Path) -> None:
    """Counting the lines of a JSONL input would read it twice; the bar goes without a total."""
    from dragoman.readers import count_articles

    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.jsonl.gz").write_bytes(b"not even gzip")
    assert count_articles([str(tmp_path / "a.txt")]) == 1
    assert count_articles([str(tmp_path)]) is None
    assert count_articles([str(tmp_path / "a.txt"), "-"]) is None


def test_damaged_gz_keeps_the_lines_before_and_names_the_file(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": f"Article {i} of the file."}) for i in range(30)]
    packed = gzip.compress(("\n".join(lines) + "\n").encode())
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(packed[:len(packed) // 2])
    plain = tmp_path / "plain.jsonl.gz"
    plain.write_text(lines[0] + "\n", encoding="utf-8")
    *articles, error, not_gz, after = read([str(truncated), str(plain), jsonl(tmp_path, lines[1])])
    assert [a.id for a in articles] == [f"r{i}" for i in range(len(articles))] and articles
    assert error.kind == "gzip" and str(error).startswith(f"{truncated}: the gzip file is trunc")
    assert f"the {len(articles)} lines before it were read" in str(error)
    assert not_gz.kind == "gzip" and str(not_gz).startswith(f"{plain}: not a gzip file")
    assert after.id == "r1"


@pytest.mark.parametrize(("line", "kind", "words"), [
    ('{"id": "s", "text": "a \\ud800 b"}', "encoding", "'text' holds a lone surrogate (\\ud800)"),
    ('{"id": "\\udfff", "text": "Fine."}', "encoding", "'id' holds a lone surrogate"),
    ('{"id": "t", "title": "\\ud800", "text": "Fine."}', "encoding", "'title' holds"),
    ('{"id": ' + "1" * 4400 + ', "text": "Fine."}', "json", "4,400 digits"),
    ("[" * 50_000 + "]" * 50_000, "json", "nested too deeply"),
    ('{"id": "a\\nb", "text": "Fine."}', "id", "a line break (U+000A)"),
    ('{"id": "a\\u0000b", "text": "Fine."}', "id", "a control character (U+0000)"),
    # unassigned, zero-width: no one can type the id to find the article again
    ('{"id": "a\\ud811\\ude47b", "text": "Fine."}', "id", "an unprintable character (U+14647"),
    ('{"id": "a\\u200bb", "text": "Fine."}', "id", "an unprintable character (U+200B"),
    ('{"id": "", "text": "Fine."}', "id", "'id' is empty"),
    ('{"id": false, "text": "Fine."}', "id", "'id' is false (a JSON boolean)"),
    ('{"id": [1], "text": "Fine."}', "id", "'id' is a list"),
    ('{"id": "z", "text": "\\u200b\\u200d\\ufeff "}', "empty", "only invisible characters"),
    ('{"id": "d", "text": "Fine.", "published": "9999-12-31"}', "published", "1800 to 2200"),
    ('{"id": "d", "text": "Fine.", "published": "0001-01-01"}', "published", "1800 to 2200"),
])
def test_poisoned_lines_are_errors_and_the_next_line_is_read(
        tmp_path: Path, line: str, kind: str, words: str) -> None:
    path = jsonl(tmp_path, line, '{"id": 7, "text": "Fine."}')
    error, article = read([path])
    assert isinstance(error, InputError) and error.kind == kind
    assert str(error).startswith(f"{path}:1") and words in str(error)
    assert article.id == "7"


@pytest.mark.parametrize("value", ["1799-12-31", "2201-01-01", "0001-01-01T00:00:00Z"])
def test_parse_published_rejects_implausible_years(value: str) -> None:
    with pytest.raises(ValueError, match="1800 to 2200"):
        parse_published(value)


def test_read_bytes_gives_what_read_file_gives(tmp_path: Path) -> None:
    from dragoman.readers import read_bytes, read_file

    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "a", "text": "Talks resumed."}\n{oops\n'
                                   b'{"text": "Envoys met.", "published": "2024-13-01"}\n')[:-9])

    def seen(reads: Any) -> list[object]:
        return [(r.origin, r.kind, r.reason) if isinstance(r, InputError) else r
                for r in reads]

    found = seen(read_bytes(path.read_bytes(), str(path), max_bytes=10_000))
    assert found == seen(read_file(path, max_bytes=10_000))
    assert [f[1] for f in found if isinstance(f, tuple)] == ["json", "published", "gzip"]
