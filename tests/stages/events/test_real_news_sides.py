"""Events on real news, issue 11: sides the text gives in a description of a person, and the
confidence model's features. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fixtures.small_knowledge import events_of, sides


@pytest.mark.parametrize(("text", "actors"), [
    ("Karim Nasser, who resigned in March as Lebanon's ambassador to France, accused Russia "
     "of arming the militias.", {"LBN"}),
    ("Karim Nasser, who served as Japan's ambassador to France, accused Russia of arming "
     "the militias.", {"JPN"}),
])
def test_a_person_described_by_a_states_role_acts_for_it(nlp: Any, text: str,
                                                         actors: set[str]) -> None:
    [accusation] = [e for e in events_of(nlp, text) if e.event == "ACCUSE"]
    assert sides(accusation) == (actors, {"RUS"})


def test_a_person_with_two_sides_in_the_text_gets_neither(nlp: Any) -> None:
    text = ("Anna Berg, who served as Japan's ambassador to Syria and now works as France's "
            "envoy to Lebanon, accused Russia of arming the militias.")
    assert all(not sides(e)[0] for e in events_of(nlp, text) if e.event == "ACCUSE")


def test_a_named_person_is_not_from_where_he_fights(nlp: Any) -> None:
    text = "Karim Nasser fought in Syria in 2013."
    for event in events_of(nlp, text):
        assert "SYR" not in sides(event)[0]


def test_a_crowd_is_from_where_it_acts(nlp: Any) -> None:
    [riot] = [e for e in events_of(nlp, "Prisoners rioted at a jail in Syria on Monday.")
              if e.event in ("PROTEST", "ASSAULT")]
    assert sides(riot)[0] == {"SYR"}


def test_a_relative_pronoun_object_is_the_noun_it_stands_for(nlp: Any) -> None:
    text = "The Iranian government said it was surprised by Russia's suggestion, which it rejected."
    [rejection] = [e for e in events_of(nlp, text) if e.event == "REJECT"]
    assert sides(rejection) == ({"IRN"}, {"RUS"})
