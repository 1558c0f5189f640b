"""Readers: JSON Lines, ``.txt``, ``.html``, directories and stdin → :class:`Article`.

Readers never raise on a bad record: they yield an :class:`~dragoman.errors.InputError`
in its place, naming the file, line or record and the problem, and go on with the next one.
A file that breaks off (a truncated or damaged ``.gz``) keeps the records read before the
damage and adds one error for the file; any other file is still read.
Offsets later point into ``Article.text`` exactly as read (after a ``.txt`` date header).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dragoman.errors import InputError
from dragoman.records import Article
from dragoman.settings import PARSER_MAX_CHARS

Read = Article | InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED = JSONL_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES

# The seed file's form: an optional "date YYYY-MM-DD" before the body, on its own line or as
# a prefix of the first line (CONTRACT.md, "Input").
_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)\s+")

# Publication dates outside these years are typos or placeholders (0001-01-01, 9999-12-31).
FIRST_YEAR, LAST_YEAR = 1800, 2200

# A lone UTF-16 surrogate (``"\ud800"`` in JSON) is no character: it cannot be written as
# UTF-8, stored or shown.
_SURROGATE = re.compile("[\ud800-\udfff]")

# What reading one file can raise once it is open: I/O errors, a .gz that is not gzip or is
# damaged (BadGzipFile is an OSError, zlib.error), or one that ends early (EOFError).
_READ_ERRORS = (OSError, EOFError, zlib.error)


def read_articles(inputs: Iterable[str], *, max_bytes: int,
                  stdin: IO[bytes] | None = None) -> Iterator[Read]:
    """Every article in ``inputs`` (paths, directories or ``-``), in order."""
    for name in inputs:
        if name == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, max_bytes)
            continue
        path = Path(name)
        if path.is_dir():
            for file in files_in(path):
                yield from _read_guarded(file, max_bytes)
        elif path.is_file():
            yield from _read_guarded(path, max_bytes)
        else:
            yield InputError("no such file or directory", origin=_printable(name),
                             kind="missing_file")


def _read_guarded(path: Path, max_bytes: int) -> Iterator[Read]:
    """``read_file``, and if it fails in a way no check foresaw, one error for the file (the
    records yielded before it stand) instead of the end of the run."""
    try:
        yield from read_file(path, max_bytes=max_bytes)
    except Exception as exc:  # one file must never stop a run
        yield InputError(f"reading stopped: {_describe(exc)}", origin=_printable(str(path)),
                         kind="read")


def count_articles(inputs: Iterable[str]) -> int | None:
    """The number of articles for a progress bar, from file names alone; None when only
    reading would tell: standard input, or a JSONL file (one article a line; counting its
    lines would read every input twice)."""
    total = 0
    for name in inputs:
        path = Path(name)
        if name == "-":
            return None
        for file in files_in(path) if path.is_dir() else [path]:
            if _kind(file) == "jsonl":
                return None
            total += 1  # a missing or unreadable file is reported as one error
    return total


def files_in(folder: Path) -> list[Path]:
    """The article files below ``folder``, in name order; hidden files and folders skipped."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and is_article_file(p.relative_to(folder)))


def is_article_file(relative: Path) -> bool:
    """Whether a file at ``relative`` inside an input folder is read: a supported type, and
    no hidden file or folder on its way."""
    return _supported(relative) and not any(part.startswith(".") for part in relative.parts)


def read_file(path: Path, *, max_bytes: int) -> Iterator[Read]:
    kind = _kind(path)
    origin = _printable(str(path))
    if kind is None:
        yield InputError(
            f"unsupported file type; expected one of {', '.join(SUPPORTED)} (optionally .gz)",
            origin=origin, kind="file_type")
        return
    try:
        handle = _open_binary(path)
    except OSError as exc:
        yield InputError(f"cannot open: {exc.strerror}", origin=origin, kind="missing_file")
        return
    yield from _read_handle(handle, kind, path, origin, max_bytes)


def read_bytes(data: bytes, name: str, *, max_bytes: int) -> Iterator[Read]:
    """The articles of a file whose bytes were read elsewhere (by Spark, from any storage it
    reads), named ``name``: the same articles and errors :func:`read_file` gives for it."""
    path = Path(name)
    kind = _kind(path)
    if kind is None:
        yield InputError(
            f"unsupported file type; expected one of {', '.join(SUPPORTED)} (optionally .gz)",
            origin=name, kind="file_type")
        return
    stream = io.BytesIO(data)
    handle: IO[bytes] = gzip.GzipFile(fileobj=stream) if name.lower().endswith(".gz") \
        else stream  # type: ignore[assignment]
    yield from _read_handle(handle, kind, path, name, max_bytes)


def _read_handle(handle: IO[bytes], kind: str, path: Path, origin: str,
                 max_bytes: int) -> Iterator[Read]:
    with handle:
        if kind == "jsonl":
            yield from read_jsonl(handle, origin=origin, max_bytes=max_bytes)
            return
        try:
            data = handle.read()
        except _READ_ERRORS as exc:
            yield _read_error(exc, path, origin, lines=None)
            return
    if kind == "txt":
        yield _from_text_bytes(data, origin, max_bytes)
    else:
        yield _from_html_bytes(data, origin, max_bytes)


def read_jsonl(handle: IO[bytes], *, origin: str, max_bytes: int) -> Iterator[Read]:
    """One article per non-blank line; a bad line becomes an error and reading goes on.
    A file that breaks off (truncated .gz) ends with one error; the lines before it stand."""
    limit = max_bytes * 6 + 1024  # JSON escapes take at most ~6 bytes per character
    number = 0
    while True:
        try:
            raw, size = _next_line(handle, limit)
        except _READ_ERRORS as exc:
            yield _read_error(exc, Path(origin), origin, lines=number)
            return
        if not size:
            return
        number += 1
        where = f"{origin}:{number}"
        if size > limit:
            yield InputError(f"line is {size:,} bytes, over the limit of {max_bytes:,} "
                             "(setting max_article_bytes)", origin=where, kind="too_large")
            continue
        if not raw.strip():
            continue
        try:
            # utf-8-sig on every line: files joined with `cat` carry a BOM mid-file too
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield _decode_error(exc, where)
            continue
        try:
            data = json.loads(line, parse_int=_parse_int)
        except json.JSONDecodeError as exc:
            yield InputError(f"not valid JSON ({exc.msg} at column {exc.colno})",
                             origin=where, kind="json")
            continue
        except _TooManyDigits as exc:
            yield InputError(f"a number in the record has {exc.digits:,} digits, more than the "
                             f"{sys.get_int_max_str_digits():,} Python reads; write long "
                             "numbers (such as ids) as strings", origin=where, kind="json")
            continue
        except RecursionError:
            yield InputError("JSON nested too deeply to read (arrays or objects inside one "
                             "another hundreds of levels deep)", origin=where, kind="json")
            continue
        if not isinstance(data, dict):
            yield InputError(f"expected a JSON object, got {type(data).__name__}",
                             origin=where, kind="json")
            continue
        try:
            read: Read = make_article(data, origin=where, max_bytes=max_bytes)
        except Exception as exc:  # one record must never stop a run
            read = InputError(f"cannot read this record: {_describe(exc)}", origin=where,
                              kind="read")
        yield read


def _next_line(handle: IO[bytes], limit: int) -> tuple[bytes, int]:
    """The next line and its size in bytes; a line over ``limit`` is skipped to its end
    without being held in memory (a gzip bomb of one endless line), and comes back empty
    with its full size. ``(b"", 0)`` at the end of the file."""
    raw = handle.readline(limit + 1)
    size = len(raw)
    if size <= limit or raw.endswith(b"\n"):
        return raw, size
    while raw and not raw.endswith(b"\n"):
        raw = handle.readline(1 << 20)
        size += len(raw)
    return b"", size


class _TooManyDigits(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(f"{digits} digits")
        self.digits = digits


def _parse_int(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:  # over sys.get_int_max_str_digits()
        raise _TooManyDigits(len(digits.lstrip("-"))) from None


def make_article(data: dict[str, Any], *, origin: str, max_bytes: int) -> Read:
    """Validate one input record (CONTRACT "Input") into an Article, or say what is wrong."""
    record_id = data.get("id")
    where = f"{origin} (id {_short(record_id)})" if record_id is not None else origin
    id_problem = check_id(record_id)
    if id_problem is not None:
        return InputError(id_problem, origin=where, kind="id")
    text = data.get("text")
    if text is None:
        return InputError("no 'text' field; every record needs the article text as 'text'",
                          origin=where, kind="missing_text")
    if not isinstance(text, str):
        return InputError(f"'text' is a {type(text).__name__}, expected a string",
                          origin=where, kind="missing_text")
    fields = {}
    for key in ("title", "url", "source"):
        value = data.get(key)
        fields[key] = None if value is None else str(value)
    strings = {"id": record_id, "text": text, "published": data.get("published"), **fields}
    for key, value in strings.items():
        found = _SURROGATE.search(value) if isinstance(value, str) else None
        if found is not None:
            return InputError(
                f"'{key}' holds a lone surrogate (\\u{ord(found.group()):04x}) at character "
                f"{found.start()}, which is not a Unicode character; fix the \\u escape or "
                "the conversion that produced it", origin=where, kind="encoding")
    problem = check_text(text, max_bytes)
    if problem is not None:
        return InputError(problem[1], origin=where, kind=problem[0])
    try:
        published = parse_published(data.get("published"))
    except ValueError as exc:
        return InputError(str(exc), origin=where, kind="published")
    return Article(id=str(record_id) if record_id is not None else content_id(text),
                   text=text, published=published, origin=origin, **fields)


def check_id(value: Any) -> str | None:
    """What is wrong with an input ``id`` (None: nothing; a missing id is fine)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return (f"'id' is {str(value).lower()} (a JSON boolean), expected a string or a whole "
                "number")
    if isinstance(value, int):
        return None
    if not isinstance(value, str):
        return f"'id' is {_json_type(value)}, expected a string or a whole number"
    if _blank(value):
        return ("'id' is empty; give the article a real id, or leave 'id' out to get a hash "
                "of its text")
    for position, char in enumerate(value):
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp"):
            what = "a line break" if char in "\n\r\x0b\x0c\x85\u2028\u2029" else \
                "a control character"
            return (f"'id' holds {what} (U+{ord(char):04X}) at character {position}; an id "
                    "must be one line of printable text")
        # format, unassigned, private-use characters and odd spaces (a lone surrogate is an
        # encoding error, reported as such)
        if not char.isprintable() and char != " " and category != "Cs":
            return (f"'id' holds an unprintable character (U+{ord(char):04X}, Unicode category "
                    f"{category}) at character {position}; an id must be one line of "
                    "printable text")
    return None


def check_text(text: str, max_bytes: int) -> tuple[str, str] | None:
    """(kind, message) when the text cannot be an article, else None."""
    if not text.strip():
        return "empty", "the article text is empty"
    if _blank(text):
        return "empty", ("the article text is empty: it holds only invisible characters "
                         "(zero-width spaces, joiners, byte-order marks, controls)")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        return ("too_large", f"the article text is {size:,} bytes, over the limit of "
                f"{max_bytes:,} (setting max_article_bytes, at most the parser's "
                f"{PARSER_MAX_CHARS:,} characters)")
    return None


def parse_published(value: Any) -> str | None:
    """An ISO date or datetime → ``YYYY-MM-DD``; None stays None; anything else is an error."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"'published' is {value!r}, expected an ISO date such as 2021-03-10")
    text = value.strip()
    try:
        if len(text) == 10:
            date = dt.date.fromisoformat(text)
        else:
            date = dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(
            f"'published' is {_short(value)}, expected a real date as YYYY-MM-DD "
            "(or an ISO datetime such as 2021-03-10T08:00:00Z)") from None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValueError(f"'published' is {value!r}, outside the years {FIRST_YEAR} to "
                         f"{LAST_YEAR} accepted as publication dates; give the real date or "
                         "leave 'published' out")
    return date.isoformat()


def content_id(text: str) -> str:
    """The default article id: a hash of the text, stable across runs and machines."""
    return "sha256-" + hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:20]


def split_date_header(text: str) -> tuple[str | None, str]:
    """``("2021-03-10", body)`` for a text starting ``date 2021-03-10``, else ``(None, text)``."""
    match = _DATE_HEADER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end():]


def _from_text_bytes(data: bytes, origin: str, max_bytes: int) -> Read:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _decode_error(exc, origin)
    header, body = split_date_header(text)
    record: dict[str, Any] = {"text": body}
    if header is not None:
        record["published"] = header
    return make_article(record, origin=origin, max_bytes=max_bytes)


def _from_html_bytes(data: bytes, origin: str, max_bytes: int) -> Read:
    import trafilatura  # imported here: only HTML input pays for it

    if len(data) > max_bytes * 20:
        return InputError(f"the HTML is {len(data):,} bytes, far over the article limit",
                          origin=origin, kind="too_large")
    try:
        html = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _decode_error(exc, origin)
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                        include_tables=False, favor_precision=True)
    page: dict[str, Any] = {}
    if found is not None:
        page = found if isinstance(found, dict) else found.as_dict()
    if not (page.get("text") or "").strip():
        return InputError("no main text found in the HTML", origin=origin, kind="empty")
    record = {"text": page["text"], "published": page.get("date"), "title": page.get("title"),
              "url": page.get("url"), "source": page.get("sitename")}
    return make_article(record, origin=origin, max_bytes=max_bytes)


def _read_stdin(stream: IO[bytes], max_bytes: int) -> Iterator[Read]:
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BytesIO(data), origin="stdin", max_bytes=max_bytes)
    else:
        yield _from_text_bytes(data, "stdin", max_bytes)


def _read_error(exc: BaseException, path: Path, origin: str, lines: int | None) -> InputError:
    """The error for a file that cannot be read (on): what broke, and what was kept."""
    kept = "" if not lines else f"; the {lines:,} line{'s' * (lines != 1)} before it were read"
    gz = path.name.lower().endswith(".gz")
    if gz and isinstance(exc, gzip.BadGzipFile) and not lines and "Not a gzipped" in str(exc):
        message = "not a gzip file, though its name ends in .gz; compress it or rename it"
    elif gz and isinstance(exc, EOFError):
        message = "the gzip file is truncated: it ends before its compressed data does" + kept
    elif gz:
        message = f"the gzip file is damaged ({_describe(exc)})" + kept
    else:
        message = f"cannot read: {_describe(exc)}" + kept
    return InputError(message, origin=origin, kind="gzip" if gz else "read")


def _describe(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return _printable(text)


def _printable(text: str) -> str:
    """``text`` with lone surrogates (an undecodable file name, say) made visible escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _blank(text: str) -> bool:
    """True when ``text`` shows nothing: only whitespace, invisible format characters
    (zero-width space, joiners, byte-order mark, …) and controls."""
    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Cc") for c in text)


def _short(value: Any, limit: int = 60) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit - 5]}…{shown[-4:]}"


def _json_type(value: Any) -> str:
    names = {float: "a decimal number", list: "a list", dict: "an object"}
    return names.get(type(value), f"a {type(value).__name__}")


def _decode_error(exc: UnicodeDecodeError, origin: str) -> InputError:
    byte = exc.object[exc.start]
    return InputError(f"not UTF-8: byte {byte:#04x} at byte offset {exc.start} cannot be "
                      "decoded; convert the file to UTF-8", origin=origin, kind="encoding")


def _kind(path: Path) -> str | None:
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(TEXT_SUFFIXES):
        return "txt"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return None


def _supported(path: Path) -> bool:
    return _kind(path) is not None


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")
