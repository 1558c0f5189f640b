"""Sentences that report no event: negated existence and factual clauses under a modal
(status rules), and the graded cues the confidence model weighs (modality, questions,
conditions, opinion, generic present, describing clauses, commentators); accusations made
by describing a party; how central an event's parties are to its article. Sentences
written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.knowledge.build import confidence as build_confidence
from dragoman.records import Event, EventParty
from dragoman.stages.events.confidence import salience_features
from dragoman.stages.events.cues import sentence_cues
from tests.fixtures.small_knowledge import events_of, sides


def _statuses(nlp: Any, text: str, kind: str) -> list[str]:
    return [e.status for e in events_of(nlp, text) if e.event == kind]


@pytest.mark.parametrize(("text", "status"), [
    ("There were no reports of an attack by Syrian troops on Monday.", "negated"),
    ("Witnesses saw no sign of an attack by Israeli jets on the town.", "negated"),
    # the same sentences with the evidence not negated report the event
    ("There were reports of an attack by Syrian troops on Monday.", "occurred"),
    ("Witnesses saw signs of an attack by Israeli jets on the town.", "occurred"),
])
def test_no_reports_of_an_event_deny_it(nlp: Any, text: str, status: str) -> None:
    assert _statuses(nlp, text, "ASSAULT") == [status]


@pytest.mark.parametrize(("text", "status"), [
    # a clause of time or cause states a fact whatever the main clause's modal
    ("Any delay could anger Syrians because Syrian police fired on protesters.", "occurred"),
    ("More delays might anger Syrians after Syrian police attacked the protesters.",
     "occurred"),
    # a clause of condition does not
    ("Israel will respond if Iran attacks Israel.", "hypothetical"),
])
def test_a_factual_clause_keeps_its_own_status(nlp: Any, text: str, status: str) -> None:
    assert _statuses(nlp, text, "ASSAULT") == [status]


def _cues(nlp: Any, text: str, verb: str) -> set[str]:
    doc = nlp(text)
    [anchor] = [t for t in doc if t.lower_ == verb]
    return set(sentence_cues(anchor, anchor, next(iter(doc.sents))))


@pytest.mark.parametrize(("text", "verb", "cue"), [
    ("Analysts say Russia may push for new sanctions on Iran.", "push", "cue:modal_anchor"),
    ("Analysts say Russia may push for new sanctions on Iran.", "push", "cue:commentator"),
    ("Will Israel attack Syria?", "attack", "cue:question"),
    ("If talks fail, Russia will impose sanctions on Iran.", "impose", "cue:condition"),
    ("Russia should seek talks with Japan, the columnist wrote.", "seek", "cue:opinion_words"),
    ("China insists on handling the dispute with Vietnam alone.", "insists",
     "cue:present_simple"),
    ("Mr Salem, who resigned as minister in May, spoke in Cairo.", "resigned",
     "cue:person_clause"),
    ("Israel has attacked targets in Syria.", "attacked", "cue:perfect"),
    ("Russia did not criticise Japan.", "criticise", "cue:negation"),
])
def test_cues_of_a_sentence_that_reports_no_event(nlp: Any, text: str, verb: str,
                                                   cue: str) -> None:
    assert cue in _cues(nlp, text, verb)


def test_a_plain_report_has_no_cue(nlp: Any) -> None:
    assert _cues(nlp, "Israeli jets attacked a convoy in Syria on Monday.", "attacked") == set()


def test_a_spokesman_is_no_commentator(nlp: Any) -> None:
    text = "A government spokesman said Russia had imposed sanctions on Iran."
    assert "cue:commentator" not in _cues(nlp, text, "imposed")


# -- accusations by description -----------------------------------------------------------------
@pytest.mark.parametrize(("text", "accused"), [
    ('The French minister said the Syrian president was "a liar."', [{"SYR"}]),
    ("Israel called Iran a terrorist state.", [{"IRN"}]),
    ("Russia described the Syrian rebels as terrorists.", [{"SYR"}]),
    ("The Iranian minister said the French were terrorists.", [{"FRA"}]),
    ("France said Russia and Iran were complicit and corrupt.", [{"IRN"}, {"RUS"}]),
])
def test_condemning_a_party_by_description_accuses_it(nlp: Any, text: str,
                                                      accused: list[set[str]]) -> None:
    found = [e for e in events_of(nlp, text) if e.event == "ACCUSE" and e.cameo == "111"]
    assert sorted((sides(e)[1] for e in found), key=sorted) == accused


@pytest.mark.parametrize("text", [
    "The Syrian president was a liar.",                  # the reporter's words: nobody accuses
    "The French minister said Iran was not guilty.",     # negated
    "Israel said Iran could be called a failure.",       # hypothetical
    "Israel said Iran was a neighbour.",                 # nothing condemning
    "The French minister said Iran was responsible for its security.",
])
def test_no_accusation_without_a_speaker_condemning_a_party(nlp: Any, text: str) -> None:
    assert not [e for e in events_of(nlp, text) if e.event == "ACCUSE" and e.cameo == "111"]


# -- salience of an event's parties in its article ----------------------------------------------
def _party(country: str) -> EventParty:
    return EventParty(country, None, country)


def _accuse(actor: str, recipient: str, kind: str = "ACCUSE") -> Event:
    return Event(event=kind, cameo="111", evidence=(0, 10), actors=(_party(actor),),
                 recipients=(_party(recipient),))


def test_an_event_between_the_articles_main_states_is_salient() -> None:
    events = [_accuse("RUS", "JPN"), _accuse("JPN", "RUS", "REJECT"),
              _accuse("RUS", "JPN"), _accuse("FRA", "PER")]
    main, reply, repeat, passing = salience_features(events)
    assert main["salience:same_sides"] > 0 and main["salience:repeat"] == 0
    assert repeat["salience:repeat"] == 1  # the same type and sides again: not coded twice
    assert reply["salience:actor_share"] == pytest.approx(2 / 3)  # all but the passing one
    assert passing["salience:actor_share"] == passing["salience:recipient_share"] == 0
    assert passing["salience:same_sides"] == 0


def test_a_cue_against_an_event_may_only_lower_its_confidence() -> None:
    """A cue the training articles happen to find with right events is left out of the
    model rather than given a weight that raises confidence."""
    rows = []
    for article in range(16):
        for j in range(6):
            right = (article + j) % 2 == 0
            features = {"dyad": float(right != (j == 5)), "cue:modal_anchor": float(not right),
                        "cue:opinion_words": float(right and j < 4)}
            rows.append((f"a{article}", features, right))
    data = build_confidence.fit(rows)
    assert data["cues_left_out"] == ["cue:opinion_words"]
    assert "cue:opinion_words" not in data["weights"]
    assert data["weights"]["cue:modal_anchor"] < 0
