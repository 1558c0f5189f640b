"""Readers for the TABARI/PETRARCH dictionary formats in ../shared/codebooks/actors.

Actor files (``Phoenix.*.actors.txt``): ``NAME_WORDS_ [CODE dates]`` with ``+ALIAS`` lines
and indented ``[CODE yymmdd-yymmdd]`` lines (``>`` = from, ``<`` = until); ``#`` starts a
comment. Agent files (``Phoenix.agents.txt``, ``PLOVER_agents.txt``): ``NOUN {PLURAL} [~CODE]``
with ``!MACRO! = A, B`` substitution sets. Format notes: petrarch2's dictionary docs and the
files' own headers. The files are irregular (inline and indented codes, roots without ``+``
before their codes, ``{}``), so the readers are forgiving and skip what they cannot read.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from pathlib import Path

_CODE_GROUP = re.compile(r"\[([^\]\[{}]*)[\]}]")
_PLURAL_GROUP = re.compile(r"\{([^}]*)\}")
_MACRO_DEF = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_MACRO_USE = re.compile(r"![A-Z]+!")
_DATE = re.compile(r"^\d{6}(\d{2})?$")
# Six-digit TABARI dates are yymmdd; the Phoenix files were generated in 2014, so 00-20 are
# 20xx and 21-99 are 19xx (earlier dates are written with eight digits).
_CENTURY_PIVOT = 20
_PARTICLES = {"al", "bin", "ibn", "bint", "de", "del", "della", "der", "den", "van", "von",
              "da", "dos", "das", "du", "la", "le", "y", "ul", "of", "the", "and", "do", "di"}
_INITIALISM = re.compile(r"^(?:[a-z]\.){2,}[a-z]?$|^[b-df-hj-np-tv-z]{2,4}$")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "mt", "ft", "lt", "sgt", "hq"}
_ROMAN = re.compile(r"^(?=[ivxl]+$)[ivxl]{1,5}$", re.I)


@dataclass(frozen=True)
class CodeSpan:
    """One ``[CODE dates]`` group: ISO dates, "" where the source gives none."""

    code: str
    start: str = ""
    end: str = ""


@dataclass
class ActorEntry:
    """A dictionary entry: the first name is the root, the rest are synonyms."""

    names: list[str]
    codes: list[CodeSpan] = field(default_factory=list)
    comment: str = ""


def iso_date(raw: str) -> str:
    """A TABARI date (``090120``, ``19000101``) as ISO ``YYYY-MM-DD``; impossible days (June
    31, common in CountryInfo) are clamped to the month's end; "" when unreadable."""
    if not _DATE.match(raw):
        return ""
    if len(raw) == 6:
        yy = int(raw[:2])
        year = 2000 + yy if yy <= _CENTURY_PIVOT else 1900 + yy
        month, day = int(raw[2:4]), int(raw[4:6])
    else:
        year, month, day = int(raw[:4]), int(raw[4:6]), int(raw[6:8])
    if not 1 <= month <= 12 or day < 1:
        return ""
    day = min(day, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_code_group(body: str) -> CodeSpan | None:
    """``"USAGOV >090120"`` -> CodeSpan("USAGOV", "2009-01-20", ""); None for ``[---]``."""
    body = body.replace("~", "").strip()
    parts = body.split(None, 1)
    if not parts or not re.match(r"^[A-Z]{3,}$", parts[0]):
        return None
    code, dates = parts[0], (parts[1] if len(parts) > 1 else "").replace(" ", "")
    if not dates:
        return CodeSpan(code)
    if dates.startswith(">"):
        return CodeSpan(code, iso_date(dates[1:]), "")
    if dates.startswith("<"):
        return CodeSpan(code, "", iso_date(dates[1:]))
    start, _, end = dates.partition("-")
    return CodeSpan(code, iso_date(start), iso_date(end))


def display_name(raw: str) -> str:
    """``"GEORGE_W._BUSH_"`` -> "George W. Bush", ``"BASHAR_AL-ASSAD"`` -> "Bashar al-Assad"."""
    words = raw.replace("_", " ").split()
    return " ".join(_word_case(w, i == 0) for i, w in enumerate(words))


def _word_case(word: str, first: bool) -> str:
    if not word.isupper() and not word.islower():
        return word  # already mixed case: trust it
    parts = re.split(r"([-'])", word.lower())
    out = []
    for i, part in enumerate(parts):
        if part in {"-", "'"} or not part:
            out.append(part)
        elif _INITIALISM.match(part) and part not in _ABBREVIATIONS:
            out.append(part.upper())  # "U.S.", "BBC", "FBI" (no vowel: not a word)
        elif i > 0 and parts[i - 1] == "'" and part in {"s", "t"}:
            out.append(part)  # "Children's", "don't"
        elif _ROMAN.match(part) and len(part) > 1:
            out.append(part.upper())
        elif part in _PARTICLES and not (first and i == 0):
            out.append(part)  # "Bashar al-Assad", "Mohammed bin Salman"
        elif part.startswith("mc") and len(part) > 2:
            out.append("Mc" + part[2:].capitalize())
        else:
            out.append(part.capitalize())
    return "".join(out)


def _split_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body.rstrip(), comment.strip()


def _clean_name(text: str) -> str:
    text = _CODE_GROUP.sub(" ", text)
    return text.strip().lstrip("+").strip()


def read_actors(path: Path) -> list[ActorEntry]:
    """Entries of a TABARI actor file, in file order. A blank line or a root line after codes
    starts a new entry; an entry never given a code is dropped."""
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.lstrip().startswith(("<", "#")) or not raw.strip():
            if not raw.strip() and current is not None:
                entries.append(current)
                current = None
            continue
        body, comment = _split_comment(raw)
        groups = [g for g in (parse_code_group(b) for b in _CODE_GROUP.findall(body)) if g]
        name = _clean_name(body)
        is_root = not raw[0].isspace() and not body.lstrip().startswith("+")
        if current is not None and current.codes and is_root and name:
            entries.append(current)
            current = None
        if current is None:
            if not name:
                continue
            current = ActorEntry(names=[], comment=comment)
        if name:
            current.names.append(name)
        current.codes.extend(groups)
    if current is not None:
        entries.append(current)
    return [e for e in entries if e.codes and e.names]


@dataclass(frozen=True)
class AgentEntry:
    """An agent phrase (words joined by spaces, macros expanded) and its code (no ``~``)."""

    phrase: str
    code: str


def read_agents(path: Path) -> list[AgentEntry]:
    """Agent phrases of a PETRARCH agents file with ``!MACRO!`` sets expanded and explicit
    ``{PLURALS}`` added as phrases of their own."""
    macros: dict[str, list[str]] = {}
    out: list[AgentEntry] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _ = _split_comment(raw)
        if not body.strip():
            continue
        definition = _MACRO_DEF.match(body.strip())
        if definition:
            macros[definition.group(1)] = [v.strip() for v in definition.group(2).split(",")]
            continue
        groups = _CODE_GROUP.findall(body)
        if not groups:
            continue
        code = groups[-1].replace("~", "").strip()
        phrase = _CODE_GROUP.sub(" ", body)
        plurals = _PLURAL_GROUP.findall(phrase)
        phrase = _PLURAL_GROUP.sub(" ", phrase)
        for form in [phrase, *(p for p in plurals if p.strip())]:
            for expanded in _expand(form, macros):
                words = expanded.replace("_", " ").split()
                if words:
                    out.append(AgentEntry(" ".join(words), code))
    return out


def _expand(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    match = _MACRO_USE.search(phrase)
    if not match:
        return _stem_forms(phrase)
    name = match.group(0)
    before, after = phrase[:match.start()], phrase[match.end():]
    if name not in macros or (before[-1:].isalpha() and after[:1].isalpha()):
        # Inside a word ("AD!MINIST!RATION" in PLOVER_agents.txt) it is a slip: keep letters.
        return _expand(before + name.strip("!") + after, macros)
    # Glued to a word it is a suffix ("BUSINESS!PERSON!" = BUSINESSMAN); before a space or
    # underscore it is a word of its own ("!MINIST! OF_DEFENCE").
    results: list[str] = []
    for value in macros[name]:
        results.extend(_expand(before + value + after, macros))
    return results


# TABARI stems left in the agents files ("DEFENSE_MINIST", "PORT_AUTHORIT").
_STEMS = {"MINIST": ("MINISTER", "MINISTRY"), "MINISTR": ("MINISTRY",),
          "COMPAN": ("COMPANY",), "AUTHORIT": ("AUTHORITY",)}


def _stem_forms(phrase: str) -> list[str]:
    words = phrase.replace("_", " ").split()
    if not words or words[-1] not in _STEMS:
        return [phrase]
    return [" ".join([*words[:-1], full]) for full in _STEMS[words[-1]]]
