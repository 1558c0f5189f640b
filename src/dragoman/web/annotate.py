"""An article's text as HTML with every extracted record highlighted on its span.

Records overlap (a quote holds entity mentions and timexes, an event's evidence sentence holds
all of them), so the text is cut at every span boundary and each piece carries the keys of all
records covering it: ``data-k="e3 q0 v1"``. The first piece of a record gets ``id="k-q0"``,
which the list of records beside the text links to. Paragraphs that repeat an earlier one
(``duplicate_of``) get the class ``dup``; paragraphs that are not the article's body
(``zone``: headline, caption, comments, boilerplate) get ``zone zone-<name>`` and a label.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from dragoman.knowledge.codes import label as code_label


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    key: str        # e3, q0, s0 (speaker of q0), t2, v1
    css: str        # classes of the piece
    title: str      # what hovering shows
    speaker: str | None = None


def _party(parties: list[dict[str, Any]]) -> str:
    return ", ".join(p.get("country") or p.get("name") or "?" for p in parties) or "?"


def marks(record: dict[str, Any]) -> list[Mark]:
    out: list[Mark] = []
    for entity in record.get("entities", []):
        about = " · ".join(str(v) for v in (entity["name"], entity["type"], entity.get("country"),
                                            entity.get("sector"), entity.get("title")) if v)
        for start, end in entity.get("mentions", []):
            out.append(Mark(start, end, entity["id"], f"ent ent-{entity['type']}", about))
    for i, quote in enumerate(record.get("quotes", [])):
        speaker = quote.get("speaker") or {}
        name = speaker.get("name") or "unknown speaker"
        said = f"; said {quote['date']}" if quote.get("date") else ""
        start, end = quote["content"]
        out.append(Mark(start, end, f"q{i}", "q",
                        f"quote ({quote['kind']}) by {name}{said}", speaker=name))
        if speaker.get("span"):
            first, last = speaker["span"]
            out.append(Mark(first, last, f"s{i}", "spk", f"speaker of quote {i + 1}"))
    for i, timex in enumerate(record.get("timexes", [])):
        start, end = timex["span"]
        out.append(Mark(start, end, f"t{i}", "tx", f"{timex['type']} = {timex['value']}"))
    for i, event in enumerate(record.get("events", [])):
        if not event.get("evidence"):
            continue
        mode = f" ({event['mode']})" if event.get("mode") else ""
        title = (f"{event['event']}{mode}: {_party(event.get('actors', []))} → "
                 f"{_party(event.get('recipients', []))} · {event.get('status')}"
                 + (f" · {event['date']}" if event.get("date") else "")
                 + (f" · confidence {event['confidence']:.2f}"
                    if event.get("confidence") is not None else "")
                 + (f" · {code_label(event['cameo'])}" if code_label(event.get("cameo"))
                    else ""))
        start, end = event["evidence"]
        out.append(Mark(start, end, f"v{i}", "ev", title))
    return [m for m in out if 0 <= m.start < m.end <= len(record["text"])]


def _piece(text: str, active: list[Mark], first: set[str]) -> str:
    if not active:
        return str(escape(text))
    keys = " ".join(dict.fromkeys(m.key for m in active))
    css = " ".join(sorted({c for m in active for c in m.css.split()}))
    title = "\n".join(dict.fromkeys(m.title for m in active))
    anchors = list(dict.fromkeys(m.key for m in active if m.key in first))
    first.difference_update(anchors)
    speaker = next((m.speaker for m in active if m.speaker), None)
    attrs = f' id="k-{escape(anchors[0])}"' if anchors else ""
    attrs += f' data-speaker="{escape(speaker)}"' if speaker else ""
    # records starting on the same piece get empty anchors of their own just before it
    extra = "".join(f'<span id="k-{escape(key)}"></span>' for key in anchors[1:])
    return (f'{extra}<span class="{escape(css)}" data-k="{escape(keys)}"{attrs} '
            f'title="{escape(title)}">{escape(text)}</span>')


def _paragraph(text: str, start: int, end: int, found: list[Mark], first: set[str]) -> str:
    inside = [m for m in found if m.start < end and m.end > start]
    cuts = sorted({start, end} | {max(start, m.start) for m in inside}
                  | {min(end, m.end) for m in inside})
    pieces = []
    for left, right in itertools.pairwise(cuts):
        active = [m for m in inside if m.start <= left and m.end >= right]
        pieces.append(_piece(text[left:right], active, first))
    return "".join(pieces)


ZONE_NOTES = {
    "headline": "headline: quotes are read here, events are not",
    "caption": "caption: no events or quotes are read here",
    "comments": "reader comments: no events or quotes are read here",
    "boilerplate": "site text: no events or quotes are read here",
}


def render(record: dict[str, Any]) -> Markup:
    """The article text as paragraphs of highlighted pieces."""
    text = record["text"]
    spans = [(p["span"][0], p["span"][1], p.get("duplicate_of"), p.get("zone") or "body")
             for p in record.get("paragraphs", [])] or [(0, len(text), None, "body")]
    found = marks(record)
    first = {m.key for m in found}
    html = []
    for i, (start, end, dup, zone) in enumerate(spans):
        html.append(f'<p id="p{i}"{_paragraph_attrs(dup, zone)}>'
                    f'{_paragraph(text, start, end, found, first)}</p>')
    return Markup("\n".join(html))


def _paragraph_attrs(dup: int | None, zone: str) -> str:
    """Classes and notes of a paragraph: ``dup`` for a repeat, ``zone zone-comments`` (and
    ``data-zone``, which the style sheet shows as a label) for one that is not the body."""
    css, notes, data = ["para"], [], ""
    if dup is not None:
        css.append("dup")
        notes.append(f"repeats paragraph {dup + 1}")
        data += f' data-dup="{dup}"'
    if zone != "body":
        css += ["zone", f"zone-{escape(zone)}"]
        notes.append(ZONE_NOTES.get(zone, str(zone)))
        data += f' data-zone="{escape(zone)}"'
    title = f' title="{escape("; ".join(notes))}"' if notes else ""
    return f' class="{" ".join(css)}"{title}{data}'

