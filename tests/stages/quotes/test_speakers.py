"""Speakers: every quote names the speaker the text gives (issue 12), with its country,
sector and, for an unnamed source, its description. Sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.pipeline import Pipeline, article_from_dict
from dragoman.records import Speaker


def _speakers(pipeline: Pipeline, text: str) -> list[Speaker]:
    article = article_from_dict({"id": "t", "text": text, "published": "2021-03-10"})
    record = pipeline.annotate(pipeline.nlp(text), article)
    return [q.speaker for q in record.quotes]  # type: ignore[attr-defined]


def _names(pipeline: Pipeline, text: str) -> list[str | None]:
    return [s.name for s in _speakers(pipeline, text)]


# -- descriptions, governments, organisations ----------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # a noun phrase that is no named entity keeps the article's words, without "the"
    ("The state news agency said the bridge had reopened.", ["state news agency"]),
    # "the ministry" is the ministry named before, with its fuller name
    ("Kyrgyzstan's defence ministry accused the border guards of opening fire. "
     "The ministry said two soldiers had been wounded.",
     ["Kyrgyzstan's defence ministry", "Kyrgyzstan's defence ministry"]),
    ("The Andean Trade League met in Lima on Monday. The league said tariffs would fall.",
     ["Andean Trade League"]),
    # a name the recogniser missed after an organisation noun
    ("The clinic was closed, according to the aid group Karam Nour Salam.",
     ["Karam Nour Salam"]),
    # "the newspaper" is the news outlet named before
    ("The New York Times sent two reporters to Tripoli. Both were freed on Monday.\n\n"
     "In a statement, the newspaper said: “We are grateful to everyone who helped.”",
     ["New York Times"]),
    # a state or its capital speaking is its government
    ("Syria said the jet had entered its airspace.", ["Syrian government"]),
    ("Damascus said the jet had entered its airspace.", ["Syrian government"]),
    ("The Syrian authorities say about 200 soldiers have been killed.", ["Syrian government"]),
    ("Bulgaria's new government said it would withdraw its troops.", ["Bulgarian government"]),
    ("South Africa said it would send no troops.", ["South African government"]),
    # the adjective of a government as the article abbreviates the state
    ("The U.S. envoy left Damascus on Monday. The United States said the move was temporary.",
     ["U.S. government"]),
    ("The US envoy left Damascus on Monday. The United States said the move was temporary.",
     ["US government"]),
    # a name set off by dashes at the start of the source phrase
    ("Russia - Serbia's oldest ally - has urged the government to talk to the protesters.",
     ["Russian government"]),
    # a relative named by a given name takes the family name of the one named in full
    ("Colonel Ahmed Haftar's son Khalid said the offer came too late.", ["Khalid Haftar"]),
    # a proper name the recogniser missed is an organisation when its words say so, so
    # "it" can refer back to it
    ("Human Rights Watch said the army had shelled homes in Homs. It said at least 40 "
     "people had died.", ["Human Rights Watch", "Human Rights Watch"]),
    # "the government" in an article about one state is that state's
    ("Protests spread across Egypt on Friday. Egypt's army stayed in its barracks.\n\n"
     "The government said the curfew would be lifted.", ["Egyptian government"]),
    # a leader's government is their state's
    ("President Bashar al-Assad spoke in Damascus on Monday.\n\n"
     "Assad's government says it is fighting armed gangs.", ["Syrian government"]),
    # an organisation by the fullest name the article gives it
    ("Amnesty International published satellite images on Tuesday.\n\n"
     "Amnesty said the images showed craters near homes.", ["Amnesty International"]),
    # the organisation's name inside the source phrase
    ("The ban was illegal, according to the monitoring group Human Rights Watch.",
     ["Human Rights Watch"]),
])
def test_speakers_the_text_names(pipeline: Pipeline, text: str,
                                 expected: list[str | None]) -> None:
    assert _names(pipeline, text) == expected


def test_a_government_speaker_has_country_and_sector(pipeline: Pipeline) -> None:
    [speaker] = _speakers(pipeline, "Damascus said the jet had entered its airspace.")
    assert (speaker.country, speaker.sector) == ("SYR", "GOV")


def test_a_ministry_of_a_named_state_is_its_government(pipeline: Pipeline) -> None:
    [speaker] = _speakers(pipeline, "Kyrgyzstan's defence ministry said two soldiers had "
                                    "been wounded.")
    assert (speaker.name, speaker.country, speaker.sector) == (
        "Kyrgyzstan's defence ministry", "KGZ", "GOV")


@pytest.mark.parametrize(("text", "description"), [
    ("A fire-safety expert said the building had no working alarms.", "A fire-safety expert"),
    ("“The wards are full,” a nurse said.", "a nurse"),
    ("Officials said the road would stay closed.", "Officials"),
    ("Democrats said the bill would fail in the Senate.", "Democrats"),
    ("“More candidates compete here than anywhere,” added another New Hampshire Republican.",
     "another New Hampshire Republican"),
    # one who speaks for a state, unnamed, is an unnamed single source
    ("Syria's representative to the League said the offer was unacceptable.",
     "Syria's representative"),
    # collective sources and documents name no speaker
    ("The opposition groups say the talks are a trap.", "The opposition groups"),
    ("The draft said the council would meet again in June.", "The draft"),
])
def test_an_unnamed_source_has_a_description_and_no_name(
        pipeline: Pipeline, text: str, description: str) -> None:
    [speaker] = _speakers(pipeline, text)
    assert (speaker.name, speaker.description) == (None, description)


# -- pronouns --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # "it" is the organisation that spoke last
    ("Amnesty International published satellite images on Tuesday. It said the craters "
     "lay next to a school.", ["Amnesty International"]),
    # "its statement" speaks for the organisation
    ("The Arctic Fisheries Council met in Oslo on Monday. Its statement said quotas "
     "would fall by a tenth.", ["Arctic Fisheries Council"]),
    # the subject of the paragraph, not the person named as the object just before
    ("Mayor Karim Haddad toured the port on Monday. He met Omar Nasser at the docks.\n\n"
     "“We will rebuild the harbour wall this year,” he said.", ["Karim Haddad"]),
    # a new subject in the sentence just before takes over from the last speaker
    ("“The budget is fair,” Karim Haddad said.\n\n"
     "Omar Nasser, meanwhile, praised the mayor's handling of the strike.\n\n"
     "“I trust him and I respect the way he settled it,” he said.",
     ["Karim Haddad", "Omar Nasser", "Omar Nasser"]),
    # a person introduced with an apposition as the agent of a passive
    ("“The harbour will reopen,” Karim Haddad said.\n\n"
     "The mayor's view was shared by Omar Nasser, a retired fisherman.\n\n"
     "“The boats are ready and the nets are mended,” he said.",
     ["Karim Haddad", "Omar Nasser"]),
    # a person named in a quote inside the speaker's own quote is not "he"
    ("Omar Nasser spoke to reporters on Monday.\n\n"
     "“When Karim Haddad said ‘we never lied’, he was not telling the truth,” he said.",
     ["Omar Nasser"]),
    # a long quotation in between does not push the speaker out of reach
    ("Director Karim Haddad spoke in Cannes on Monday.\n\n"
     "“Empires fall the same way. Threats come from outside. Rulers ask for more power. "
     "Parliaments give it. Courts look away. Newspapers fall silent. Nobody objects.”\n\n"
     "“I hope that never happens here,” he said.", ["Karim Haddad", "Karim Haddad"]),
    # a person named in what "she" reports is not "she"
    ("Ms Rachel Moreau addressed the committee on Monday. The crisis in Chad, where Omar "
     "Nasser is trying to crush a revolt, shows what is at stake, she told the committee.",
     ["Rachel Moreau"]),
    # she: the only woman, across a paragraph of narration about someone else
    ("Ms Lina Ostrova addressed the council in Geneva on Monday.\n\n"
     "Delegates from Peru left the room early. Mr Omar Nasser stayed to the end.\n\n"
     "“The killing must stop now,” she told the council.", ["Lina Ostrova"]),
])
def test_pronouns_by_salience(pipeline: Pipeline, text: str,
                              expected: list[str | None]) -> None:
    assert _names(pipeline, text) == expected


# -- names -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # the speaker after the quote
    ("“The wards are full,” said Ana Ruiz, a nurse in Leeds.", ["Ana Ruiz"]),
    # an inverted subject the parser took for an adverb or an object
    ("“Having the voter file is valuable,” said Skelly, explaining his work.", ["Skelly"]),
    # the fullest name in the article
    ("Hala Elnaggar runs the clinic in Aswan.\n\nElnaggar said the clinic had no water.",
     ["Hala Elnaggar"]),
    ("Tariq Abu Salem opened the session.\n\nAbu Salem said the vote would be held.",
     ["Tariq Abu Salem"]),
    # an abbreviated rank is no part of the name
    ("Sgt Tomas Varga said the patrol had found nothing.", ["Tomas Varga"]),
    # a title whose phrase holds the name
    ("Peruvian Ambassador to Spain Carlos Mendoza said the talks had stalled.",
     ["Carlos Mendoza"]),
    # a role the article gives one person as their title, named before or after
    ("Government spokesman Moussa Kamal said on Monday the port was open.\n\n"
     "Ships were loading grain. A government spokesman said later that fuel was short.",
     ["Moussa Kamal", "Moussa Kamal"]),
    ("Musa Kamal, a spokesman for the interior ministry, said on Monday the port was "
     "open.\n\nShips were loading grain. A government spokesman said fuel was short.",
     ["Musa Kamal", "Musa Kamal"]),
    ("Musa Kamal, a spokesman for the interior ministry, said on Monday the port was "
     "open.\n\nShips were loading grain. A rebel spokesman said fuel was short.",
     ["Musa Kamal", None]),
    ("Peru's UN ambassador said the vote was unfair. The ambassador, Luis Vargas, asked "
     "for a recount on Friday.", ["Luis Vargas"]),
    # a description is the one person the article names in apposition to its noun
    ("A Catholic priest in the town said troops had been deployed. The priest, Luis "
     "Vargas, said the roads were closed.", ["Luis Vargas", "Luis Vargas"]),
    ("A nurse said the wards were full.\n\nLuis Vargas, a nurse at the clinic, said the "
     "staff were exhausted.", ["Luis Vargas", "Luis Vargas"]),
    # "the spokesman, X" after "a spokesman for the ministry" names him
    ("A spokesman for the ministry said the border was closed. The spokesman, Omar Nasser, "
     "added that the road was mined.", ["Omar Nasser", "Omar Nasser"]),
    # ... but not when two people share the noun
    ("A nurse said the wards were full. Luis Vargas, a nurse at the clinic, said the staff "
     "were tired. Sarah Thompson, a nurse in Leeds, said beds were short.",
     [None, "Luis Vargas", "Sarah Thompson"]),
    # "who" after a place is the person the place describes
    ("Syria was quiet on Monday. The BBC spoke to Wissam Tarif, a well-known activist based "
     "in Beirut, who said 269 people had been killed.", ["Wissam Tarif"]),
    # an alliance's leadership is no state's government
    ("Libya was bombed again. NATO's leadership believes the resolution allows strikes on "
     "command centres in Libya.", ["NATO's leadership"]),
    # a spokesman for some group is not the one person titled spokesman
    ("Spokesman Omar Nasser said the ministry was closed. A spokesman for a rebel group "
     "said the road was mined.", ["Omar Nasser", None]),
    # a document names no speaker, even with a name in it
    ("The UN resolution says all parties must stop fighting.", [None]),
    # "our correspondent" is the outlet's reporter the article named
    ("The BBC's Omar Nasser, reporting from Tunis, says the talks have stalled.\n\n"
     "Troops moved south on Friday. Our correspondent says the army is ready to advance.",
     ["Omar Nasser", "Omar Nasser"]),
    # a name inside a possessive in the title phrase is not the speaker
    ("The country's first Prime Minister after the fall of Saddam's regime said abuses were "
     "as bad as before.", [None]),
])
def test_names(pipeline: Pipeline, text: str, expected: list[str | None]) -> None:
    assert _names(pipeline, text) == expected


def test_a_role_is_its_holder_that_day_by_actor_knowledge(pipeline: Pipeline) -> None:
    text = ("Ban Ki-moon flew to Geneva on Monday.\n\n"
            "The UN secretary-general said the talks would resume.")
    article = article_from_dict({"id": "t", "text": text, "published": "2011-05-02"})
    record = pipeline.annotate(pipeline.nlp(text), article)
    assert [q.speaker.name for q in record.quotes] == ["Ban Ki-moon"]  # type: ignore[attr-defined]


def test_an_unattributed_quote_after_narration_about_someone_is_theirs(
        pipeline: Pipeline) -> None:
    text = ("Sgt Tomas Varga said: “In the hills you have to keep your eyes open.” Two of "
            "the unit were wounded in May, but Captain Lina Ostrova was upbeat.\n\n"
            "“This is better than a desk job at headquarters.”")
    assert _names(pipeline, text) == ["Tomas Varga", "Lina Ostrova"]


def test_an_unattributed_quote_is_the_person_the_next_sentence_introduces(
        pipeline: Pipeline) -> None:
    text = ("The hospital in Leeds is overwhelmed.\n\n“The wards are full and we are "
            "exhausted.” Sarah Thompson, a nurse in Leeds, has worked there for ten years.")
    assert _names(pipeline, text) == ["Sarah Thompson"]


def test_an_unattributed_quote_after_a_quote_is_the_same_speaker(pipeline: Pipeline) -> None:
    text = ("“We have agreed on a road map,” Rachel Moreau said. The talks ended on "
            "Friday.\n\n“The next round will be in Paris.”")
    assert _names(pipeline, text) == ["Rachel Moreau", "Rachel Moreau"]


def test_a_quote_after_a_colon_is_the_subjects(pipeline: Pipeline) -> None:
    text = ("“The vote is close,” Rachel Moreau said on Monday.\n\n"
            "The count went on through the night. Turnout was low in the north.\n\n"
            "Karim Haddad went even further: “If she loses, it is the end of her career.”")
    assert _names(pipeline, text) == ["Rachel Moreau", "Karim Haddad"]


def test_a_speaker_label_before_a_colon_is_the_speaker(pipeline: Pipeline) -> None:
    # transcripts and live blogs: "Name: “…”", not the speaker of the quote before
    text = ("“We want answers,” John Smith said.\n\n"
            "Maria Lopez: “You will have them by Friday, and every family will be paid.”")
    assert _names(pipeline, text) == ["John Smith", "Maria Lopez"]
    # a label that is narration about someone is no speaker label
    text = ("Senator John Smith pressed the chief executive on safety. Strongest reply from "
            "Maria Lopez so far: “Nobody put costs ahead of safety at any time.”")
    assert _names(pipeline, text) == [None]


def test_a_speakers_own_question_does_not_end_their_turn(pipeline: Pipeline) -> None:
    text = ("“What would we do without the harbour?” Karim Haddad said.\n\n"
            "“We would have nothing left to sell and nowhere to go.”")
    assert _names(pipeline, text) == ["Karim Haddad", "Karim Haddad"]


def test_a_byline_is_not_a_speaker(pipeline: Pipeline) -> None:
    text = "By Jane Holloway\n\n“We will win the vote,” a party source said."
    assert _names(pipeline, text) == [None]


def test_the_speaker_record_has_the_contract_fields(pipeline: Pipeline) -> None:
    quote: Any = Speaker("e1", "Syrian government", (0, 5), "SYR", "GOV")
    assert quote.to_dict() == {"entity": "e1", "name": "Syrian government", "span": [0, 5],
                               "country": "SYR", "sector": "GOV", "code": "SYRGOV",
                               "description": None}


# -- the store, the CLI and the API ----------------------------------------------------------------
def test_quotes_by_the_speaker_country(tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    texts = ["Damascus said the jet had entered its airspace over the sea.",
             "The Syrian authorities say about 200 soldiers have been killed in Homs.",
             "Ms Rachel Moreau, a French diplomat, said the talks in Rabat had been frank."]
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": t, "published": "2021-03-10"})
                              + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    db = tmp_path / "q.db"
    assert CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    result = CliRunner().invoke(main, ["quotes", "--db", str(db), "--country", "syr",
                                       "--format", "json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["article_id"] for r in rows) == ["a0", "a1"]
    assert {r["speaker"] for r in rows} == {"Syrian government"}
    shown = CliRunner().invoke(main, ["show", "a0", "--db", str(db)])
    assert "Syrian government [SYR GOV]" in shown.stdout
    from fastapi.testclient import TestClient

    from dragoman.web import create_app

    with TestClient(create_app(str(db))) as client:
        found = client.get("/api/quotes", params={"country": "SYR"}).json()
    assert sorted(r["article_id"] for r in found["items"]) == ["a0", "a1"]


def test_quotes_stored_before_speakers_had_countries_get_their_entitys(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dragoman.store.sqlite as sqlite_store
    from dragoman.store import open_store
    from dragoman.store.migrations import MIGRATIONS

    path = str(tmp_path / "old.db")
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", [m for m in MIGRATIONS if m[0] < "0007"])
    old = open_store(path)
    old.db.execute("INSERT INTO runs (command, inputs, settings, started, version, model) "
                   "VALUES ('ingest', '[]', '{}', '2021', '0', 'm')")
    old.db.execute("INSERT INTO articles (id, content_hash, origin, text, n_paragraphs, run_id, "
                   "version, model) VALUES ('a', 'h', 'x', 'Damascus said no.', 1, 1, '0', 'm')")
    old.db.execute("INSERT INTO entities (article_id, entity_id, name, type, country, sector, "
                   "data, version, model) VALUES ('a', 'e1', 'Damascus', 'GPE', 'SYR', 'GOV', "
                   "'{}', '0', 'm')")
    old.db.execute('INSERT INTO quotes (article_id, idx, start, "end", kind, content, '
                   "speaker_entity, speaker_name, data, version, model) VALUES ('a', 0, 14, 16, "
                   "'indirect', 'no', 'e1', 'Damascus', '{}', '0', 'm')")
    old.db.commit()
    old.close()
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", MIGRATIONS)
    store = open_store(path)
    assert [r["speaker_country"] for r in store.quotes(speaker_country="SYR")] == ["SYR"]
    store.close()


@pytest.mark.parametrize(("text", "content", "speaker"), [
    # advice verbs report what was advised
    ("The foreign ministry advised citizens never to travel to the border at night.",
     "citizens never to travel to the border at night", "foreign ministry"),
    # a statement's gist after a colon is its owner's
    ("John Smith spoke to reporters. His message was simple: the war must end now.",
     "the war must end now", "John Smith"),
    ("Maria Lopez met the envoy on Monday. Her position is clear: no talks without a "
     "ceasefire.", "no talks without a ceasefire", "Maria Lopez"),
    ("Maria Lopez spoke in Leeds on Monday. Her message to voters was simple: vote early "
     "and bring a friend.", "vote early and bring a friend", "Maria Lopez"),
    # a quotation after the colon is a direct quote: the words inside the marks
    ("John Smith left the room. His answer was blunt: “We will not leave the valley.”",
     "We will not leave the valley.", "John Smith"),
    # "his statement": the statement speaks for the one "his" refers to
    ("John Smith spoke to reporters. His statement said the war must end now.",
     "the war must end now", "John Smith"),
])
def test_advice_colon_and_statement_reports(pipeline: Pipeline, text: str, content: str,
                                            speaker: str) -> None:
    article = article_from_dict({"id": "t", "text": text, "published": "2021-03-10"})
    record = pipeline.annotate(pipeline.nlp(text), article)
    found = {text[q.content[0]:q.content[1]]: q.speaker.name
             for q in record.quotes}  # type: ignore[attr-defined]
    assert found.get(content) == speaker


def test_an_unnamed_owner_of_a_statement_is_its_description(pipeline: Pipeline) -> None:
    [speaker] = _speakers(pipeline, "The minister's message is clear: there will be no talks "
                                    "without a ceasefire.")
    assert speaker.name is None and speaker.description == "The minister"


@pytest.mark.parametrize("text", [
    "The reason is simple: prices rose faster than wages.",  # no one's statement
    "Maria Lopez met the envoy on Monday. Her answer: no.",  # too short to be a report
])
def test_colons_that_report_nothing(pipeline: Pipeline, text: str) -> None:
    article = article_from_dict({"id": "t", "text": text, "published": "2021-03-10"})
    assert not pipeline.annotate(pipeline.nlp(text), article).quotes  # type: ignore[attr-defined]
