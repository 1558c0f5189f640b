"""Reader for ../shared/codebooks/actors/CountryInfo.120116.txt (CC BY-SA 3.0, P. Schrodt).

Only facts are taken: codes, names, adjectives, capitals, cities and regions, and the office
titles of <Leaders> and <Government> entries. The file is "almost XML" (its header documents
the format): one ``<Country>`` block per country, one entry per line, ``#`` comments,
``[date - date]`` / ``[>date]`` / ``[<date]`` office ranges and ``{A}{B}`` synonym names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dragoman.knowledge.build.tabari import CodeSpan, iso_date, parse_code_group

_TAG = re.compile(r"<(?P<tag>[A-Za-z0-9-]+)>(?P<body>.*?)</(?P=tag)>", re.S)
_BRACKET = re.compile(r"\[([^\]]*)\]")
_SYNONYMS = re.compile(r"\{([^}]*)\}")
_PAREN = re.compile(r"\(.*?\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_SUBTAG_OPEN = re.compile(r"^\s*<([^/][^>]*)>?\s*$")
_SUBTAG_CLOSE = re.compile(r"^\s*</")
LIST_TAGS = ("Nationality", "Capital", "MajorCities", "Regions")

# Blocks whose <CountryCode> is the sovereign's code or unusable: the territory's own ISO code
# (Jersey, Mayotte and Saint-Barthelemy carry GBR/FRA; the Isle of Man GBRIMY).
CODE_OVERRIDES = {"JERSEY": "JEY", "MAYOTTE": "MYT", "SAINT_BARTHELEMY": "BLM",
                  "ISLE_OF_MAN": "IMN", "TURKISH_REPUBLIC_OF_NORTH_CYPRUS": "",
                  "BOSNIAK/CROAT_FEDERATION": "", "BOSNIAN_SERB_REPUBLICA": "",
                  "SERBIA_AND_MONTENEGRO": "SRB", "TIBET": "", "NETHERLANDS_ANTILLES": ""}


@dataclass
class Office:
    """A person's term in an office, with the title the file gives ("" if none)."""

    names: list[str]
    span: CodeSpan
    title: str


@dataclass
class CountryBlock:
    name: str  # CountryName as written (UNITED_KINGDOM)
    code: str  # ISO-3 code of the territory ("" when it has none)
    parent: str  # the sovereign's code for a dependency (USAPRI -> USA), else ""
    lists: dict[str, list[str]] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)


def clean_entry(raw: str) -> str:
    """``"AMERICA_(UNITED_STATES)_"`` -> "AMERICA"; comments and qualifiers dropped."""
    text = _CONTROL.sub("", raw.split("#", 1)[0])  # the file has a stray NUL byte
    text = _PAREN.sub(" ", text).replace("_", " ")
    return " ".join(text.split()).strip(" ,-")


def block_code(name: str, code_field: str) -> tuple[str, str]:
    if name in CODE_OVERRIDES:
        return CODE_OVERRIDES[name], ""
    brackets = _BRACKET.findall(code_field)
    code = brackets[-1].split()[0] if brackets else code_field.strip()
    if len(code) == 6:  # a dependency: sovereign + territory (USAASM = American Samoa)
        return code[3:], code[:3]
    return code, ""


def read_countryinfo(path: Path) -> list[CountryBlock]:
    """The country blocks, with list fields cleaned and offices parsed."""
    text = path.read_text(encoding="utf-8", errors="replace")
    blocks: list[CountryBlock] = []
    for chunk in text.split("<Country>")[1:]:
        # Commented-out lines may hold tags ("#<Government> field does not ..."): drop them.
        chunk = "\n".join(ln for ln in chunk.splitlines() if not ln.lstrip().startswith("#"))
        fields = {m.group("tag"): m.group("body") for m in _TAG.finditer(chunk)}
        name = fields.get("CountryName", "").strip()
        if not name or "CountryCode" not in fields:
            continue
        code, parent = block_code(name, fields["CountryCode"])
        block = CountryBlock(name=name, code=code, parent=parent)
        for tag in LIST_TAGS:
            entries = (clean_entry(line) for line in fields.get(tag, "").splitlines())
            block.lists[tag] = [e for e in entries if e]
        block.offices = _leaders(fields.get("Leaders", "")) + _government(
            fields.get("Government", ""))
        blocks.append(block)
    return blocks


def _names(raw: str) -> list[str]:
    synonyms = _SYNONYMS.findall(raw)
    if synonyms:
        return [s.strip() for s in synonyms if s.strip()]
    name = _BRACKET.sub(" ", raw.split("#", 1)[0]).strip()
    return [name] if name else []


def _leaders(body: str) -> list[Office]:
    """<Leaders>: sub-tags name the office ("<Prime ministers>"), lines give ranges."""
    offices: list[Office] = []
    title = ""
    for line in body.splitlines():
        if _SUBTAG_CLOSE.match(line):
            continue
        opened = _SUBTAG_OPEN.match(line)
        if opened and "[" not in line:
            title = _singular_title(opened.group(1))
            continue
        names = _names(line)
        for rng in _BRACKET.findall(line):
            span = _leader_range(rng)
            if names and span is not None:
                offices.append(Office(names, span, title))
    return offices


def _leader_range(rng: str) -> CodeSpan | None:
    rng = rng.replace(" ", "")
    if rng.startswith(("B:", "D:")):
        return None
    if rng.startswith(">"):
        return CodeSpan("", iso_date(rng[1:]), "")
    start, _, end = rng.partition("-")
    return CodeSpan("", iso_date(start), iso_date(end))


def _singular_title(tag: str) -> str:
    """``"Prime ministers"`` -> "Prime minister", ``"Heads of government"`` -> "Head of
    government"; qualifiers after "(" are dropped."""
    tag = tag.split("(")[0].replace("_", " ").strip().rstrip(">").strip()
    head, sep, tail = tag.partition(" of ")
    words = head.split()
    if words:
        last = words[-1]
        if last.lower().endswith("ies"):
            last = last[:-3] + "y"
        elif last.lower().endswith(("sses", "ches", "shes")):
            last = last[:-2]
        elif last.lower().endswith("s") and not last.lower().endswith("ss"):
            last = last[:-1]
        words[-1] = last
    return (" ".join(words) + sep + tail).strip().capitalize()


def _government(body: str) -> list[Office]:
    """<Government>: ``NAME [CODE dates][CODE dates] # Title & Title`` (titles in the order
    of the brackets when their counts agree)."""
    offices: list[Office] = []
    for line in body.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        main, _, comment = line.partition("#")
        names = _names(main)
        spans = [s for s in (parse_code_group(b) for b in _BRACKET.findall(main)) if s]
        titles = [t.strip() for t in comment.split(" & ")] if comment.strip() else []
        if len(titles) != len(spans):
            titles = [comment.strip()] * len(spans) if len(titles) == 1 else [""] * len(spans)
        offices.extend(Office(names, s, t) for s, t in zip(spans, titles, strict=True))
    return offices
