"""Events on real news, issue 11: sides the text gives in a description of a person, and the
confidence model's features. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.knowledge.build import confidence as build_confidence
from dragoman.records import Event, EventParty
from dragoman.stages.events.confidence import ArticleView, event_features
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


# -- confidence features and thresholds ---------------------------------------------------------
def test_features_tell_political_sides_and_reported_speech() -> None:
    text = "* Police in Lima said a truck hit a bus on Monday, killing four."
    view = ArticleView(len(text), (), ((0, len(text)),), {"e1": "GPE", "e2": "PERSON"}, text)
    crash = Event("ASSAULT", "190", (0, len(text)),
                  actors=(EventParty("truck", None, "PER"),),
                  recipients=(EventParty("Ana Ruiz", "e2", None),))
    f = event_features(crash, view)
    assert f["no_political_side"] == 1 and f["recipient_stateless"] == 1
    assert f["actor_kind:noun"] == 1 and f["recipient_kind:person"] == 1
    assert f["speech_sentence"] == 1 and f["bullet"] == 1
    state = Event("SANCTION", "163", (0, len(text)), actors=(EventParty("Peru", "e1", "PER"),))
    g = event_features(state, view)
    assert g["actor_political"] == 1 and g["no_political_side"] == 0


def test_the_threshold_table_scores_what_each_threshold_keeps() -> None:
    gold = [{"id": "a", "text": "x", "events": [
        {"event": "ACCUSE", "actors": [{"country": "RUS"}], "recipients": [{"country": "JPN"}]},
        {"event": "REJECT", "actors": [{"country": "JPN"}], "recipients": [{"country": "RUS"}]}]}]
    right = {"event": "ACCUSE", "actors": [{"country": "RUS"}],
             "recipients": [{"country": "JPN"}]}
    wrong = {"event": "AID", "actors": [{"country": "RUS"}], "recipients": []}
    table = build_confidence.threshold_sweep(gold, [right, wrong], ["a", "a"], [0.7, 0.3])
    by = {row["min_confidence"]: row for row in table}
    assert by[0.2]["precision"] == 0.5 and by[0.2]["recall"] == 0.5
    assert by[0.5]["precision"] == 1.0 and by[0.5]["recall"] == 0.5
    assert by[0.75]["recall"] == 0.0
    assert build_confidence.precision_threshold(table, 0.6) == 0.35
    assert build_confidence.precision_threshold(table, 1.1) is None


@pytest.mark.parametrize(("text", "event", "dyad"), [
    ("France excoriated Russia for jailing reporters.", "ACCUSE", ({"FRA"}, {"RUS"})),
    ("The French minister took a swipe at Russia on Monday.", "ACCUSE", ({"FRA"}, {"RUS"})),
    ("Japan's critique of China angered Beijing.", "ACCUSE", ({"JPN"}, {"CHN"})),
    ("Russian students heckled the French president on Monday.", "PROTEST",
     ({"RUS"}, {"FRA"})),
])
def test_criticism_words_the_cameo_dictionaries_lack(nlp: Any, text: str, event: str,
                                                     dyad: tuple[set[str], set[str]]) -> None:
    assert dyad in [sides(e) for e in events_of(nlp, text) if e.event == event]


@pytest.mark.parametrize(("text", "event", "dyad"), [
    # crowds in the streets demonstrate; "hit" and "take" are no attack here
    ("Thousands of Syrian students took to the streets on Friday.", "PROTEST", {"SYR"}),
    ("Hundreds of Iranian protesters hit the streets on Friday.", "PROTEST", {"IRN"}),
    # the people counted act, not the count
    ("Thousands of Israeli protesters demanded new elections on Friday.", "PROTEST",
     {"ISR"}),
])
def test_crowds_in_the_streets_protest(nlp: Any, text: str, event: str,
                                       dyad: set[str]) -> None:
    events = events_of(nlp, text)
    assert any(e.event == event and sides(e)[0] == dyad for e in events)
    assert not [e for e in events if e.event == "ASSAULT"]


def test_a_crowd_that_converges_holds_no_talks(nlp: Any) -> None:
    text = "Hundreds of Syrian protesters converged on the parliament in Damascus on Friday."
    events = events_of(nlp, text)
    assert not [e for e in events if e.event == "CONSULT"]


def test_expelling_an_ambassador_breaks_relations(nlp: Any) -> None:
    [expulsion] = [e for e in events_of(nlp, "France expelled Syria's ambassador on Monday.")
                   if e.event == "SANCTION"]
    assert expulsion.cameo == "161" and sides(expulsion) == ({"FRA"}, {"SYR"})
