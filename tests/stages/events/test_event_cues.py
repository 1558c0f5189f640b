"""Sentences that report no event: negated existence and factual clauses under a modal
(status rules), and the graded cues the confidence model weighs (modality, questions,
conditions, opinion, generic present, describing clauses, commentators). Sentences written
for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.stages.events.cues import sentence_cues
from tests.fixtures.small_knowledge import events_of


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
