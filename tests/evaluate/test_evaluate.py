"""CONTRACT scoring rules, one table per kind."""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.evaluate import evaluate, event_fits, location_right, match_items, same_speaker

TEXT = "“We will talk,” he said. Officials met on Tuesday. “No,” she said. Talks resumed."


def quote(start: int, end: int, name: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"content": [start, end], "kind": "direct",
            "speaker": {"entity": None, "name": name, "span": None}, **extra}


def gold_line(**kinds: Any) -> dict[str, Any]:
    return {"id": "a", "text": TEXT, "published": "2021-03-10", **kinds}


@pytest.mark.parametrize(("predicted", "gold", "same"), [
    ("Jen Psaki", "Jen Psaki", True),
    ("jen psaki", "Jen Psaki", True),
    ("Psaki", "Jen Psaki", True),
    ("J. Psaki", "Jen Psaki", True),
    ("the White House", "White House", True),
    ("Ann Psaki", "Jen Psaki", False),
    ("Wang Yi", "Yang Jiechi", False),
    ("he", "Jen Psaki", False),
    (None, "Jen Psaki", False),
])
def test_same_speaker(predicted: str | None, gold: str, same: bool) -> None:
    assert same_speaker(predicted, gold) is same


def test_quote_overlap_is_judged_on_stripped_spans() -> None:
    # gold content includes the marks and the comma; prediction only the words
    report = evaluate([gold_line(quotes=[quote(0, 15, "Jen Psaki")])],
                      {"a": {"quotes": [quote(1, 13, "Psaki")]}}, ["quotes"])
    assert report["quotes"]["f1"] == 1.0 and report["quotes"]["speaker_accuracy"] == 1.0
    assert report["quotes"]["end_to_end_f1"] == 1.0


def test_quote_less_than_half_overlap_is_a_miss_and_a_false_positive() -> None:
    # "alk" of "We will talk" overlaps "alk,” he said. Officials met": under half of either
    report = evaluate([gold_line(quotes=[quote(1, 13)])], {"a": {"quotes": [quote(10, 40)]}},
                      ["quotes"])
    assert (report["quotes"]["tp"], report["quotes"]["fp"], report["quotes"]["fn"]) == (0, 1, 1)


def test_a_short_quote_inside_a_long_one_matches() -> None:
    report = evaluate([gold_line(quotes=[quote(1, 13)])], {"a": {"quotes": [quote(1, 4)]}},
                      ["quotes"])
    assert report["quotes"]["f1"] == 1.0


def test_wrong_speaker_counts_for_content_not_end_to_end() -> None:
    report = evaluate([gold_line(quotes=[quote(1, 13, "Jen Psaki")])],
                      {"a": {"quotes": [quote(1, 13, "Wang Yi")]}}, ["quotes"])
    assert report["quotes"]["f1"] == 1.0
    assert report["quotes"]["speaker_accuracy"] == 0.0 and report["quotes"]["end_to_end_f1"] == 0.0


def test_speaker_span_accuracy_counts_overlap_with_the_gold_source() -> None:
    def sourced(start: int, end: int, span: list[int] | None) -> dict[str, Any]:
        return {"content": [start, end], "kind": "direct",
                "speaker": {"entity": None, "name": None, "span": span}}
    gold = [gold_line(quotes=[sourced(1, 13, [16, 18]), sourced(30, 40, [44, 50]),
                              sourced(52, 54, None)])]
    predicted = {"a": {"quotes": [sourced(1, 13, [15, 18]), sourced(30, 40, [20, 25]),
                                  sourced(52, 54, [0, 1])]}}
    report = evaluate(gold, predicted, ["quotes"])
    assert report["quotes"]["speaker_span_accuracy"] == 0.5  # the third has no gold source


def test_optional_gold_is_neither_missed_nor_a_false_positive() -> None:
    gold = [gold_line(quotes=[quote(1, 13, "Jen Psaki"), quote(52, 54, optional=True)])]
    with_it = evaluate(gold, {"a": {"quotes": [quote(1, 13, "Psaki"), quote(52, 54)]}}, ["quotes"])
    without = evaluate(gold, {"a": {"quotes": [quote(1, 13, "Psaki")]}}, ["quotes"])
    for report in (with_it, without):
        assert (report["quotes"]["tp"], report["quotes"]["fp"], report["quotes"]["fn"]) == (1, 0, 0)


def test_matching_is_one_to_one_and_maximal() -> None:
    gold = [{"s": 1}, {"s": 2}]
    predicted = [{"fits": {1, 2}}, {"fits": {1}}]
    pairs = match_items(gold, predicted, lambda p, g: 1.0 if g["s"] in p["fits"] else 0.0)
    assert pairs == {0: 1, 1: 0}


def test_repeated_paragraph_quote_is_not_counted_twice() -> None:
    text = "“A long quote about talks,” he said.\n\n“A long quote about talks,” he said."
    paragraphs = [{"span": [0, 36], "duplicate_of": None}, {"span": [38, 74], "duplicate_of": 0}]
    line = {"id": "a", "text": text, "paragraphs": paragraphs, "quotes": [quote(1, 25, "X")]}
    predicted = {"quotes": [quote(1, 25, "X"), quote(39, 63, "X")]}
    assert evaluate([line], {"a": predicted}, ["quotes"])["quotes"]["fp"] == 0


def test_timex_relaxed_match_and_value_f1() -> None:
    gold = [gold_line(timexes=[{"span": [42, 49], "type": "DATE", "value": "2021-03-09"},
                               {"span": [60, 63], "type": "DATE", "value": "X", "optional": True}])]
    right = evaluate(gold, {"a": {"timexes": [
        {"span": [39, 49], "type": "DATE", "value": "2021-03-09"}]}}, ["timexes"])
    wrong = evaluate(gold, {"a": {"timexes": [
        {"span": [42, 49], "type": "DATE", "value": "2021-03-16"}]}}, ["timexes"])
    assert right["timexes"]["f1"] == 1.0 and right["timexes"]["value_f1"] == 1.0
    assert wrong["timexes"]["f1"] == 1.0 and wrong["timexes"]["value_f1"] == 0.0
    assert wrong["timexes"]["value_accuracy"] == 0.0


def party(country: str | None) -> dict[str, Any]:
    return {"name": "x", "country": country, "sector": "GOV"}


def event(kind: str, actors: list[str | None], recipients: list[str | None],
          **extra: Any) -> dict[str, Any]:
    return {"event": kind, "actors": [party(c) for c in actors],
            "recipients": [party(c) for c in recipients], **extra}


@pytest.mark.parametrize(("predicted", "gold", "fits"), [
    (event("ACCUSE", ["USA"], ["CHN"]), event("ACCUSE", ["USA"], ["CHN"]), True),
    (event("ACCUSE", ["CHN"], ["USA"]), event("ACCUSE", ["USA"], ["CHN"]), False),
    (event("CONSULT", ["CHN"], ["USA"]), event("CONSULT", ["USA"], ["CHN"]), True),
    (event("CONSULT", ["USA"], ["CHN"]), event("CONSULT", ["USA", "CHN"], []), True),
    (event("AGREE", ["HUN"], ["ROU"]), event("CONCEDE", ["HUN"], ["ROU"],
                                               alternatives=["AGREE"]), True),
    (event("ACCUSE", ["USA", "IGOUNO"], ["CHN", None]), event("ACCUSE", ["USA"], ["CHN"]), True),
    (event("CONSULT", ["USA"], ["CHN"], date="2021-02-11"),
     event("CONSULT", ["USA"], ["CHN"], date="2021-02-11"), True),
    (event("CONSULT", ["USA"], ["CHN"], date="2021-03-10"),
     event("CONSULT", ["USA"], ["CHN"], date="2021-02-11"), False),
    (event("AGREE", ["CHN"], ["USA"], date="2021-03-06/2021-03-07"),
     event("AGREE", ["CHN"], ["USA"], date="2021-03-06/2021-03-07"), True),
    (event("AGREE", ["CHN"], ["USA"], date="2021-03-07"),
     event("AGREE", ["CHN"], ["USA"], date="2021-03-06/2021-03-07"), True),
    (event("AGREE", ["CHN"], ["USA"]),
     event("AGREE", ["CHN"], ["USA"], date="2021-03-06/2021-03-07"), False),
    (event("AGREE", ["CHN"], ["USA"], date="2021-03-08"),
     event("AGREE", ["CHN"], ["USA"]), True),
])
def test_event_matching(predicted: dict[str, Any], gold: dict[str, Any], fits: bool) -> None:
    assert (event_fits(predicted, gold) > 0) is fits


@pytest.mark.parametrize(("predicted", "gold", "right"), [
    ("Anchorage", {"name": "Anchorage, Alaska", "country": "USA"}, True),
    ({"name": "Alaska", "country": "USA"}, {"name": "Anchorage, Alaska", "country": "USA"}, True),
    ("Juneau, Alaska", "Anchorage, Alaska", False),
    (None, "Geneva", False),
])
def test_location(predicted: Any, gold: Any, right: bool) -> None:
    assert location_right(predicted, gold) is right


def test_event_status_and_mode_accuracy() -> None:
    gold = [gold_line(events=[event("CONSULT", ["USA"], ["CHN"], status="planned", mode="meet")])]
    report = evaluate(gold, {"a": {"events": [
        event("CONSULT", ["USA"], ["CHN"], status="occurred", mode="meet")]}}, ["events"])
    assert report["events"]["f1"] == 1.0
    assert report["events"]["status_accuracy"] == 0.0 and report["events"]["mode_accuracy"] == 1.0


def test_duplicates_pairs() -> None:
    paragraphs = [{"span": [0, 10], "duplicate_of": None}, {"span": [12, 20], "duplicate_of": None},
                  {"span": [22, 32], "duplicate_of": 0}]
    gold = [{"id": "a", "text": "x" * 40, "paragraphs": paragraphs}]
    extra = [dict(p) for p in paragraphs]
    extra[1]["duplicate_of"] = 0
    perfect = evaluate(gold, {"a": {"paragraphs": paragraphs}}, ["duplicates"])["duplicates"]
    noisy = evaluate(gold, {"a": {"paragraphs": extra}}, ["duplicates"])["duplicates"]
    assert perfect["f1"] == 1.0
    assert (noisy["precision"], noisy["recall"]) == (0.5, 1.0)


def test_kinds_absent_from_gold_are_not_scored() -> None:
    report = evaluate([gold_line(timexes=[])], {"a": {"quotes": [quote(1, 13)]}},
                      ["quotes", "timexes"])
    assert report["quotes"]["articles"] == 0 and report["timexes"]["articles"] == 1


def test_event_type_recall_ignores_parties() -> None:
    gold = [gold_line(events=[event("ACCUSE", ["USA"], ["CHN"]), event("AID", ["USA"], ["HTI"])])]
    report = evaluate(gold, {"a": {"events": [event("ACCUSE", ["GBR"], ["CHN"])]}}, ["events"])
    assert report["events"]["recall"] == 0.0 and report["events"]["type_recall"] == 0.5
