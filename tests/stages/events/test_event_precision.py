"""Events on real news: dyads split per counterpart, statement codes that name no event,
coordinated acts, what happened by the publication day, state parties, and the
calibrated confidence of every record. Sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dragoman.evaluate import calibration_table, evaluate
from dragoman.knowledge.build import confidence as build_confidence
from dragoman.records import Event, EventParty
from dragoman.stages.events.confidence import (
    MODEL_PATH,
    ArticleView,
    ConfidenceModel,
    event_features,
    load_confidence_model,
)
from dragoman.stages.events.merge import Candidate, merge_candidates
from dragoman.text import dateline_spans
from tests.fixtures.paths import SHARED
from tests.fixtures.small_knowledge import events_of, sides


def test_a_call_to_two_leaders_is_two_calls(nlp: Any) -> None:
    text = "The French president phoned Germany's chancellor and the Japanese prime minister."
    calls = [e for e in events_of(nlp, text) if e.event == "CONSULT"]
    assert sorted(sides(e)[1] for e in calls) == [{"DEU"}, {"JPN"}]
    assert all(sides(e)[0] == {"FRA"} for e in calls)


def test_one_act_towards_two_states_is_one_event_each(nlp: Any) -> None:
    [*found] = [e for e in events_of(nlp, "France imposed sanctions on Iran and Syria.")
                if e.event == "SANCTION"]
    assert sorted(sides(e)[1] for e in found) == [{"IRN"}, {"SYR"}]


def test_states_acting_together_stay_one_event(nlp: Any) -> None:
    [event] = [e for e in events_of(nlp, "France and Germany condemned Iran's nuclear tests.")
               if e.event == "ACCUSE"]
    assert sides(event) == ({"FRA", "DEU"}, {"IRN"})


def test_a_condemnation_of_an_attack_is_an_accusation(nlp: Any) -> None:
    # "condemn" + attack is coded both 018 (a statement, no PLOVER event) and 111 in CAMEO.2.0
    events = events_of(nlp, "Israel condemned the attacks on its embassy in Iran on Monday.")
    [accuse] = [e for e in events if e.event == "ACCUSE"]
    assert sides(accuse)[0] == {"ISR"}


def test_a_coordinated_verb_is_its_own_event(nlp: Any) -> None:
    text = "Russia praised the Syrian negotiators and urged them to sign the accord."
    types = {e.event for e in events_of(nlp, text)}
    assert {"SUPPORT", "REQUEST"} <= types


@pytest.mark.parametrize(("text", "published", "date"), [
    # a Thursday article: what happened "this week" happened by Thursday
    ("This week Russia accused Japan of spying.", "2021-03-11", "2021-03-08/2021-03-11"),
    # what is planned for next week keeps the whole week
    ("Japan will host Russia's foreign minister next week.", "2021-03-11",
     "2021-03-15/2021-03-21"),
])
def test_what_happened_happened_by_the_publication_day(nlp: Any, text: str, published: str,
                                                       date: str) -> None:
    dates = {e.date for e in events_of(nlp, text, published)}
    assert date in dates


def test_an_event_with_no_state_party_is_left_out(nlp: Any) -> None:
    assert not events_of(nlp, "The rebels accused the militias of looting the warehouses.")


# -- confidence ---------------------------------------------------------------------------------
def _event(**kwargs: Any) -> Event:
    fields: dict[str, Any] = {"event": "ACCUSE", "cameo": "111", "evidence": (0, 40)}
    return Event(**{**fields, **kwargs})


VIEW = ArticleView(length=400, quotes=((100, 200),), paragraphs=((0, 50), (52, 400)),
                   entity_types={"e1": "PERSON", "e2": "GPE"})


def test_features_read_the_record() -> None:
    event = _event(actors=(EventParty("Ana Ruiz", "e1", "ESP", "GOV"),),
                   recipients=(EventParty("ESP", None, "ESP"),), evidence=(120, 180),
                   claimed_by=(EventParty("Spain", "e2", "ESP"),))
    f = event_features(event, VIEW)
    assert f["type:ACCUSE"] == 1 and f["status:occurred"] == 1
    assert f["self_dyad"] == 1 and f["filled_recipient"] == 1 and f["dyad"] == 0
    assert f["actor_person"] == 1 and f["in_quote"] == 1 and f["claimed"] == 1
    assert f["first_paragraph"] == 0 and f["no_actor"] == 0


def test_confidence_is_a_probability_that_moves_with_its_features() -> None:
    model = ConfidenceModel({"dyad": 2.0, "claimed": -2.0}, 0.0)
    good = _event(actors=(EventParty("Spain", "e2", "ESP"),),
                  recipients=(EventParty("Peru", None, "PER"),))
    claimed = _event(actors=good.actors, recipients=good.recipients,
                     claimed_by=(EventParty("Peru", None, "PER"),))
    [a, b] = model.rate([good, claimed], VIEW)
    assert a.confidence is not None and b.confidence is not None
    assert 0 < b.confidence < a.confidence < 1
    assert a.to_dict()["confidence"] == a.confidence


def test_the_shipped_model_rates_every_event(nlp: Any) -> None:
    model = load_confidence_model()
    assert model is not None and MODEL_PATH.exists()
    events = events_of(nlp, "Russia accused Japan of spying. Japan rejected the claims.")
    rated = model.rate(events, ArticleView(80, (), ((0, 80),), {}))
    assert rated and all(0 <= (e.confidence or -1) <= 1 for e in rated)


def test_calibration_table_bins_predictions() -> None:
    rows = calibration_table([(0.1, False), (0.15, True), (0.7, True), (0.75, True),
                              (1.0, False)])
    assert rows == [{"bin": "0.0-0.2", "n": 2, "predicted": 0.125, "observed": 0.5},
                    {"bin": "0.6-0.8", "n": 2, "predicted": 0.725, "observed": 1.0},
                    {"bin": "0.8-1.0", "n": 1, "predicted": 1.0, "observed": 0.0}]


def test_eval_reports_calibration_against_type_and_sides() -> None:
    gold = [{"id": "a", "text": "x", "events": [
        {"event": "ACCUSE", "actors": [{"country": "RUS"}], "recipients": [{"country": "JPN"}],
         "date": "2021-03-01"}]}]
    predicted = {"a": {"events": [
        # right in type and sides, wrong day: right for confidence, a miss for CONTRACT
        {"event": "ACCUSE", "actors": [{"country": "RUS"}], "recipients": [{"country": "JPN"}],
         "date": "2021-03-02", "confidence": 0.9},
        {"event": "REJECT", "actors": [{"country": "JPN"}], "recipients": [],
         "confidence": 0.3}]}}
    report = evaluate(gold, predicted, ["events"])["events"]
    assert report["tp"] == 0
    assert report["calibration"] == [
        {"bin": "0.2-0.4", "n": 1, "predicted": 0.3, "observed": 0.0},
        {"bin": "0.8-1.0", "n": 1, "predicted": 0.9, "observed": 1.0}]


@pytest.mark.shared
def test_the_shipped_model_is_calibrated_on_its_training_articles() -> None:
    """Fitted by maximum likelihood, the model's mean confidence equals the share of right
    events on its training set; if the stage changes without a re-fit, this drifts."""
    path = SHARED / "data" / "events" / "real-train.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = build_confidence.labelled_events(lines)
    model = load_confidence_model()
    assert model is not None
    mean = sum(model.probability(f) for _, f, _ in rows) / len(rows)
    observed = sum(right for _, _, right in rows) / len(rows)
    assert abs(mean - observed) < 0.03, (mean, observed)


def test_no_model_file_means_no_confidence(tmp_path: Path) -> None:
    assert load_confidence_model(tmp_path / "none.json") is None


@pytest.mark.parametrize(("text", "recipients"), [
    ("The laws in Iran should be scrapped, the French minister said.", [{"IRN"}]),
    ("Japan should open its ports to Russian ships, the Russian envoy said.", [{"JPN"}]),
    ("The Syrian foreign minister said Israel and Iran had to stop the fighting.",
     [{"IRN"}, {"ISR"}]),
])
def test_what_another_party_should_do_is_an_appeal_to_it(nlp: Any, text: str,
                                                         recipients: list[set[str]]) -> None:
    found = [e for e in events_of(nlp, text) if e.event == "REQUEST"]
    assert sorted((sides(e)[1] for e in found), key=sorted) == recipients


@pytest.mark.parametrize("text", [
    "\"We must stop the fighting,\" the Russian envoy said.",      # the speaker's own intent
    "The French minister said Iran should have opened its sites.",  # hindsight
    "Iran should open its sites to inspectors.",                    # nobody says so
])
def test_no_appeal_without_another_party_to_appeal_to(nlp: Any, text: str) -> None:
    assert not [e for e in events_of(nlp, text) if e.event == "REQUEST"]


def test_a_visit_by_a_foreign_minister_is_hosted_by_the_clause_subject(nlp: Any) -> None:
    text = "The Russian minister spoke to reporters during a visit by Japan's foreign minister."
    [visit] = [e for e in events_of(nlp, text) if e.event == "CONSULT"]
    assert sides(visit) == ({"JPN"}, {"RUS"})


def test_an_ethnic_group_in_a_region_of_a_state_belongs_to_it(nlp: Any) -> None:
    text = "Ethnic Russians in Syria's north protested against the government on Friday."
    [protest] = [e for e in events_of(nlp, text) if e.event == "PROTEST"]
    assert sides(protest)[0] == {"SYR"}


def test_an_addressee_named_in_the_coordinated_clause(nlp: Any) -> None:
    text = "Japan's foreign minister met his Chinese counterpart and warned against new drilling."
    [warning] = [e for e in events_of(nlp, text) if e.event == "THREATEN"]
    assert sides(warning) == ({"JPN"}, {"CHN"})
    text = "Russia praised the Syrian negotiators and urged them to sign the accord."
    [appeal] = [e for e in events_of(nlp, text) if e.event == "REQUEST"]
    assert sides(appeal) == ({"RUS"}, {"SYR"})


@pytest.mark.parametrize(("text", "absent"), [
    ("The French minister conceded that the talks with Iran were late.", "CONCEDE"),
    ("The Russian parliament authorised the use of force against Japan.", "CONCEDE"),
    ("Residents of the Syrian town decided not to bother protesting.", "PROTEST"),
])
def test_trigger_verbs_in_their_everyday_sense(nlp: Any, text: str, absent: str) -> None:
    assert absent not in {e.event for e in events_of(nlp, text) if e.status != "negated"}


def test_licensing_force_against_a_state_is_a_threat(nlp: Any) -> None:
    text = "The Russian parliament authorised the use of force against Japan."
    [threat] = [e for e in events_of(nlp, text) if e.event == "THREATEN"]
    assert sides(threat)[1] == {"JPN"}


def _candidate(event: str, actors: list[str], recipients: list[str], start: int,
               date: str | None = None) -> Candidate:
    return Candidate(event=event, base=event, cameo="190", mode=None, context=(),
                     actors=[EventParty(c, f"e{c}", c) for c in actors],
                     recipients=[EventParty(c, f"e{c}", c) for c in recipients],
                     status="occurred", date=date, location=None, evidence=(start, start + 9),
                     text=f"sentence {start}")


def test_a_later_report_naming_fewer_sides_is_the_same_event() -> None:
    full = _candidate("ASSAULT", ["RUS"], ["JPN"], 0, "2021-03-08")
    events = merge_candidates([full, _candidate("ASSAULT", [], ["JPN"], 20),
                               _candidate("ASSAULT", ["RUS"], [], 40)])
    assert len(events) == 1 and events[0].mentions == ((20, 29), (40, 49))


@pytest.mark.parametrize("other", [
    _candidate("ASSAULT", ["JPN"], ["RUS"], 20),         # the other way round
    _candidate("ASSAULT", ["RUS"], ["CHN"], 20),         # another target
    _candidate("ASSAULT", ["IGONAT"], ["JPN"], 20),      # another, non-state, attacker
    _candidate("ACCUSE", [], ["JPN"], 20),               # another type
])
def test_a_report_with_other_sides_stays_its_own_event(other: Candidate) -> None:
    full = _candidate("ASSAULT", ["RUS"], ["JPN"], 0, "2021-03-08")
    assert len(merge_candidates([full, other])) == 2


@pytest.mark.parametrize(("text", "dateline"), [
    ("MOSCOW | Sat Sep 10, 2011 10:45 pm EDT MOSCOW (Reuters) - Russia accused Japan.",
     "MOSCOW | Sat Sep 10, 2011 10:45 pm EDT MOSCOW (Reuters) - "),
    ("TOKYO, March 3 (AP) -- Japan protested.", "TOKYO, March 3 (AP) -- "),
    ("Intro.\nSaturday 24 September 2005 15.16 BST Protesters marched.",
     "Saturday 24 September 2005 15.16 BST "),
    ("17 January 12 16:55 GMT Syria rejected the plan.", "17 January 12 16:55 GMT "),
])
def test_datelines_are_found(text: str, dateline: str) -> None:
    [(start, end)] = dateline_spans(text)
    assert text[start:end] == dateline


def test_a_dateline_names_no_party(nlp: Any) -> None:
    text = "MOSCOW | Sat Sep 10, 2011 10:45 pm EDT MOSCOW (Reuters) - Protesters marched on."
    assert not [e for e in events_of(nlp, text) if "RUS" in sides(e)[0]]
    assert not dateline_spans("Russia's envoy said in Moscow (on Monday) that talks went well.")


@pytest.mark.parametrize(("text", "date"), [
    # a Monday article: an announced plan "on Tuesday" is tomorrow; an act, last Tuesday
    ("Russian Foreign Minister Ivan Petrov was due on Tuesday to travel to Japan.",
     "2021-03-09"),
    ("The Russian envoy will visit Japan on Tuesday.", "2021-03-09"),
    ("Russia accused Japan of spying on Tuesday.", "2021-03-02"),
])
def test_a_weekday_of_a_plan_is_the_next_one(nlp: Any, text: str, date: str) -> None:
    assert date in {e.date for e in events_of(nlp, text, "2021-03-08")}


def test_the_kidnappers_of_a_citizen_are_not_of_his_country(nlp: Any) -> None:
    text = "The kidnappers of a Japanese citizen threatened to kill him."
    assert not [e for e in events_of(nlp, text) if "JPN" in sides(e)[0]]


def test_who_crushes_a_protest_is_not_its_protester(nlp: Any) -> None:
    text = "Syrian troops crushed the protests in Syria."
    [protest] = [e for e in events_of(nlp, text) if e.event == "PROTEST"]
    assert not any("troops" in a.name for a in protest.actors)


def test_parties_the_parser_hangs_on_a_dateline_are_kept(nlp: Any) -> None:
    text = "MOSCOW (Reuters) - Russia and Japan agreed on Monday to reopen talks."
    assert any(sides(e)[0] | sides(e)[1] == {"RUS", "JPN"} for e in events_of(nlp, text))


@pytest.mark.parametrize(("text", "cameo", "recipients"), [
    ("Russia wants Japan to withdraw its troops.", "105", {"JPN"}),
    ("France wants Iran to open its sites.", "100", {"IRN"}),
])
def test_what_a_party_wants_another_to_do_is_its_demand(nlp: Any, text: str, cameo: str,
                                                       recipients: set[str]) -> None:
    [request] = [e for e in events_of(nlp, text) if e.event == "REQUEST"]
    assert (request.cameo, sides(request)[1]) == (cameo, recipients)
    assert not [e for e in events_of(nlp, text) if e.event in ("RETREAT", "CONCEDE")
                and e.status == "occurred"]


def test_protesters_demands_are_their_protest(nlp: Any) -> None:
    text = "Protesters in Syria demanded the resignation of the Syrian president on Friday."
    assert "PROTEST" in {e.event for e in events_of(nlp, text)}
    assert "REQUEST" not in {e.event for e in events_of(nlp, text)}


def test_a_denial_answers_the_accuser(nlp: Any) -> None:
    text = "Russia accused Japan of spying on Monday.\nJapan denied the accusations."
    [denial] = [e for e in events_of(nlp, text) if e.event == "REJECT"]
    assert sides(denial) == ({"JPN"}, {"RUS"})
    named = "Japan dismissed the allegations made by Russia."
    [denial] = [e for e in events_of(nlp, named) if e.event == "REJECT"]
    assert sides(denial) == ({"JPN"}, {"RUS"})
    alone = "Japan dismissed the allegations."
    [denial] = [e for e in events_of(nlp, alone) if e.event == "REJECT"]
    assert sides(denial) == ({"JPN"}, set())   # no accuser named: none filled in


def test_an_obligation_of_no_party_is_no_demand(nlp: Any) -> None:
    text = "\"These efforts should capture most of the oil,\" the Russian minister said."
    assert not [e for e in events_of(nlp, text) if e.event == "REQUEST"]


def test_an_event_with_no_day_of_its_own_takes_the_narrative_day(nlp: Any) -> None:
    text = ("Russian troops attacked Japanese boats on Monday.\n"
            "Later, Japan accused Russia of piracy.")
    [accusation] = [e for e in events_of(nlp, text, "2021-03-10") if e.event == "ACCUSE"]
    assert accusation.date == "2021-03-08"
    # with no day given anywhere before, none is made up
    alone = "Japan accused Russia of piracy."
    assert [e.date for e in events_of(nlp, alone) if e.event == "ACCUSE"] == [None]


def test_a_demand_not_to_act_was_made(nlp: Any) -> None:
    text = "Russia urged Japan not to send troops to the islands."
    [request] = [e for e in events_of(nlp, text) if e.event == "REQUEST"]
    assert request.status == "occurred" and sides(request) == ({"RUS"}, {"JPN"})


def test_the_us_is_a_state_not_the_speakers(nlp: Any) -> None:
    # "US" is no first-person "us": what the US must do is asked of the US
    text = "The Russian minister said the US must open its ports to Russian ships."
    [request] = [e for e in events_of(nlp, text) if e.event == "REQUEST"]
    assert sides(request) == ({"RUS"}, {"USA"})
