"""Scoring quotes: contents by span overlap, speakers by name, speaker mentions by span."""

from __future__ import annotations

from collections.abc import Sequence

from dragoman.evaluate.matching import Item, Tally, half_overlap, match_items, overlap, stripped


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Equal after case-folding, or the same surname with no conflicting given name."""
    if not predicted or not gold:
        return False
    a, b = _name_words(predicted), _name_words(gold)
    if a == b:
        return True
    if not a or not b or a[-1] != b[-1]:
        return False
    given_a, given_b = a[:-1], b[:-1]
    if not given_a or not given_b:
        return True
    x, y = given_a[0], given_b[0]
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _name_words(name: str) -> list[str]:
    words = [w.strip(".,") for w in name.casefold().split()]
    words = [w for w in words if w]
    return words[1:] if words[:1] == ["the"] else words


def score_quotes(tally: Tally, gold: Item, predicted: Item) -> None:
    text = gold["text"]
    gold_quotes = gold["quotes"]
    preds = _countable_quotes(predicted, gold)

    def fits(p: Item, g: Item) -> float:
        return half_overlap(stripped(p["content"], text), stripped(g["content"], text))

    pairs = match_items(gold_quotes, preds, fits)
    matched, fp = tally.record(gold_quotes, preds, pairs)
    right_speakers = 0
    for g, p in matched:
        right = _speaker_right(p.get("speaker"), g.get("speaker"))
        right_speakers += right
        if (g.get("speaker") or {}).get("name"):
            tally.ratio("speaker_accuracy").add(right)
        if (g.get("speaker") or {}).get("span"):
            tally.ratio("speaker_span_accuracy").add(_span_right(p.get("speaker"),
                                                                 g["speaker"]))
        tally.ratio(f"recall_{g.get('kind', 'unknown')}").add(True)
    for i, g in enumerate(gold_quotes):
        if not g.get("optional") and i not in pairs:
            tally.ratio(f"recall_{g.get('kind', 'unknown')}").add(False)
    required = sum(1 for g in gold_quotes if not g.get("optional"))
    tally.strict.add(right_speakers, fp + len(matched) - right_speakers,
                     required - right_speakers)


def _speaker_right(predicted: Item | None, gold: Item | None) -> bool:
    predicted, gold = predicted or {}, gold or {}
    if gold.get("name"):
        return same_speaker(predicted.get("name"), gold["name"])
    if gold.get("span") and predicted.get("span"):  # corpora without resolved names
        return overlap(predicted["span"], gold["span"]) > 0
    return not gold.get("span") and not predicted.get("name")


def _span_right(predicted: Item | None, gold: Item) -> bool:
    """The predicted speaker mention overlaps the gold source span (PolNeAR's sources)."""
    span = (predicted or {}).get("span")
    return span is not None and overlap(span, gold["span"]) > 0


def _countable_quotes(predicted: Item, gold: Item) -> list[Item]:
    """Drop predicted quotes that re-report a quote from a repeated paragraph."""
    quotes = [q for q in predicted.get("quotes", []) if q.get("duplicate_of") is None]
    paragraphs = gold.get("paragraphs") or predicted.get("paragraphs") or []
    text = gold["text"]
    kept: list[Item] = []
    for quote in quotes:
        original = _repeated_paragraph_original(quote, paragraphs)
        if original is not None and any(
                _inside(q["content"], original) and fits_text(q, quote, text) for q in quotes):
            continue
        kept.append(quote)
    return kept


def _repeated_paragraph_original(quote: Item, paragraphs: Sequence[Item]) -> list[int] | None:
    for paragraph in paragraphs:
        if paragraph.get("duplicate_of") is not None and _inside(quote["content"],
                                                                  paragraph["span"]):
            return list(paragraphs[paragraph["duplicate_of"]]["span"])
    return None


def _inside(span: Sequence[int], outer: Sequence[int]) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def fits_text(a: Item, b: Item, text: str) -> bool:
    """Two quotes say the same words (at least half of the shorter one's words)."""
    from dragoman.text import words

    wa = set(words(text[a["content"][0]:a["content"][1]]))
    wb = set(words(text[b["content"][0]:b["content"][1]]))
    shorter = min(len(wa), len(wb))
    return shorter > 0 and len(wa & wb) * 2 >= shorter
