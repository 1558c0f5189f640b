"""Readers: JSON Lines, ``.txt``, ``.html``, directories and stdin → :class:`Article`.

Readers never raise on a bad record: they yield an :class:`~dragoman.errors.InputError`
in its place, naming the file, line or record and the problem, and go on with the next one.
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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dragoman.errors import InputError
from dragoman.records import Article

Read = Article | InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED = JSONL_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES

# The seed file's form: an optional "date YYYY-MM-DD" before the body, on its own line or as
# a prefix of the first line (CONTRACT.md, "Input").
_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)\s+")


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
                yield from read_file(file, max_bytes=max_bytes)
        elif path.is_file():
            yield from read_file(path, max_bytes=max_bytes)
        else:
            yield InputError("no such file or directory", origin=name, kind="missing_file")


def count_articles(inputs: Iterable[str]) -> int | None:
    """A cheap upper bound on the number of articles (for progress bars); None if unknown."""
    total = 0
    for name in inputs:
        path = Path(name)
        if name == "-":
            return None
        for file in files_in(path) if path.is_dir() else [path]:
            if _kind(file) == "jsonl" and file.is_file():
                with _open_binary(file) as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


def files_in(folder: Path) -> list[Path]:
    """The article files below ``folder``, in name order; hidden files and folders skipped."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and _supported(p)
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_file(path: Path, *, max_bytes: int) -> Iterator[Read]:
    kind = _kind(path)
    origin = str(path)
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
    with handle:
        if kind == "jsonl":
            yield from read_jsonl(handle, origin=origin, max_bytes=max_bytes)
            return
        try:
            data = handle.read()
        except (OSError, EOFError) as exc:
            yield InputError(f"cannot read: {exc}", origin=origin, kind="encoding")
            return
    if kind == "txt":
        yield _from_text_bytes(data, origin, max_bytes)
    else:
        yield _from_html_bytes(data, origin, max_bytes)


def read_jsonl(handle: IO[bytes], *, origin: str, max_bytes: int) -> Iterator[Read]:
    """One article per non-blank line; a bad line becomes an error and reading goes on."""
    for number, raw in enumerate(handle, start=1):
        where = f"{origin}:{number}"
        if not raw.strip():
            continue
        if len(raw) > max_bytes * 6 + 1024:  # JSON escapes at most ~6 bytes per character
            yield InputError(f"line is {len(raw):,} bytes, over the limit of {max_bytes:,} "
                             "(setting max_article_bytes)", origin=where, kind="too_large")
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield _decode_error(exc, where)
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"not valid JSON ({exc.msg} at column {exc.colno})",
                             origin=where, kind="json")
            continue
        if not isinstance(data, dict):
            yield InputError(f"expected a JSON object, got {type(data).__name__}",
                             origin=where, kind="json")
            continue
        yield make_article(data, origin=where, max_bytes=max_bytes)


def make_article(data: dict[str, Any], *, origin: str, max_bytes: int) -> Read:
    """Validate one input record (CONTRACT "Input") into an Article, or say what is wrong."""
    record_id = data.get("id")
    where = f"{origin} (id {record_id!r})" if record_id is not None else origin
    text = data.get("text")
    if text is None:
        return InputError("no 'text' field; every record needs the article text as 'text'",
                          origin=where, kind="missing_text")
    if not isinstance(text, str):
        return InputError(f"'text' is a {type(text).__name__}, expected a string",
                          origin=where, kind="missing_text")
    problem = check_text(text, max_bytes)
    if problem is not None:
        return InputError(problem[1], origin=where, kind=problem[0])
    try:
        published = parse_published(data.get("published"))
    except ValueError as exc:
        return InputError(str(exc), origin=where, kind="published")
    if record_id is not None and not isinstance(record_id, str | int):
        return InputError(f"'id' is a {type(record_id).__name__}, expected a string",
                          origin=where, kind="id")
    fields = {}
    for key in ("title", "url", "source"):
        value = data.get(key)
        fields[key] = None if value is None else str(value)
    return Article(id=str(record_id) if record_id is not None else content_id(text),
                   text=text, published=published, origin=origin, **fields)


def check_text(text: str, max_bytes: int) -> tuple[str, str] | None:
    """(kind, message) when the text cannot be an article, else None."""
    if not text.strip():
        return "empty", "the article text is empty"
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        return ("too_large", f"the article text is {size:,} bytes, over the limit of "
                f"{max_bytes:,} (setting max_article_bytes)")
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
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise ValueError(
            f"'published' is {value!r}, expected a real date as YYYY-MM-DD "
            "(or an ISO datetime such as 2021-03-10T08:00:00Z)") from None


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
