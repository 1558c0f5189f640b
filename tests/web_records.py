"""Hand-made records for the web tests: invented articles about US–China talks (and a few
others), written for dragoman like examples/, with every span computed from the text.

Countries are real; the officials (Dana Whitfield, Liu Wen, Mei Hua, …) and what they say are
made up. ``build_store(path)`` writes them with ``Store.write_batch`` (no spaCy needed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dragoman.store import open_store

Record = dict[str, Any]


def span(text: str, needle: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return [start, start + len(needle)]


class Article:
    """Builds one record; annotations name their text, offsets are found in it."""

    def __init__(self, article_id: str, published: str, source: str, title: str,
                 paragraphs: list[str], duplicates: dict[int, int] | None = None,
                 copy_of: str | None = None) -> None:
        self.text = "\n\n".join(paragraphs)
        self.record: Record = {
            "id": article_id, "published": published, "source": source, "title": title,
            "text": self.text, "paragraphs": [], "entities": [], "quotes": [], "timexes": [],
            "events": [], "origin": "tests/web_records.py",
            "near_duplicate_of": {"id": copy_of, "similarity": 0.93} if copy_of else None,
            "dragoman": {"version": "test", "model": "hand-made"}}
        offset = 0
        for i, paragraph in enumerate(paragraphs):
            self.record["paragraphs"].append({"span": [offset, offset + len(paragraph)],
                                              "duplicate_of": (duplicates or {}).get(i)})
            offset += len(paragraph) + 2

    def entity(self, name: str, kind: str, mentions: list[str], country: str | None = None,
               sector: str | None = None, title: str | None = None) -> str:
        entity_id = f"e{len(self.record['entities'])}"
        spans, after = [], 0   # mentions in text order, each after the one before
        for needle in mentions:
            start = self.text.index(needle, after)
            spans.append([start, start + len(needle)])
            after = start + len(needle)
        self.record["entities"].append({
            "id": entity_id, "name": name, "type": kind, "title": title, "affiliation": None,
            "country": country, "sector": sector, "wikidata": None, "gender": None,
            "mentions": spans})
        return entity_id

    def quote(self, content: str, speaker: str, speaker_text: str, kind: str = "direct",
              nth: int = 0, date: str | None = None, duplicate_of: int | None = None) -> None:
        """The speaker's span is the occurrence of ``speaker_text`` nearest the quote."""
        entity = next(e for e in self.record["entities"] if e["id"] == speaker)
        where = span(self.text, content, nth)
        found = [m for m in entity["mentions"] if self.text[m[0]:m[1]] == speaker_text]
        nearest = min(found, key=lambda m: min(abs(m[0] - where[1]), abs(where[0] - m[1])))
        self.record["quotes"].append({
            "content": where, "kind": kind, "cue": None,
            "speaker": {"entity": speaker, "name": entity["name"], "span": nearest},
            "date": date, "duplicate_of": duplicate_of})

    def timex(self, words: str, value: str, kind: str = "DATE") -> None:
        self.record["timexes"].append({"span": span(self.text, words), "type": kind,
                                       "value": value})

    def event(self, event: str, actors: list[tuple[str, str]], recipients: list[tuple[str, str]],
              evidence: str, date: str | None, status: str = "occurred",
              mode: str | None = None, cameo: str | None = None,
              claimed_by: list[tuple[str, str]] = (), confidence: float | None = None) -> None:
        def party(entity_id: str, country: str) -> dict[str, Any]:
            entity = next(e for e in self.record["entities"] if e["id"] == entity_id)
            return {"entity": entity_id, "name": entity["name"], "country": country,
                    "sector": entity["sector"]}
        self.record["events"].append({
            "event": event, "mode": mode, "context": [], "cameo": cameo,
            "actors": [party(*a) for a in actors], "recipients": [party(*r) for r in recipients],
            "status": status, "date": date, "location": None,
            "evidence": span(self.text, evidence),
            "claimed_by": [party(*c) for c in claimed_by], "mentions": [],
            "confidence": confidence})


def anchorage_announced() -> Record:
    a = Article("2021-03-09-anchorage-talks-announced", "2021-03-09", "Harbour Daily",
                "Washington and Beijing agree to talks in Alaska", [
                    "Secretary of State Dana Whitfield will meet Chinese Foreign Minister Liu "
                    "Wen in Anchorage on March 18, the State Department said on Tuesday.",
                    "“We will raise our concerns about trade and technology directly with "
                    "China,” Whitfield told reporters in Washington.",
                    "Liu said the United States should “meet China halfway” and lift its "
                    "sanctions on Chinese companies.",
                    "“We will raise our concerns about trade and technology directly with "
                    "China,” Whitfield told reporters in Washington."], duplicates={3: 1})
    whitfield = a.entity("Dana Whitfield", "PERSON", ["Dana Whitfield", "Whitfield",
                                                      "Whitfield"], "USA", "GOV",
                         "Secretary of State")
    liu = a.entity("Liu Wen", "PERSON", ["Liu Wen", "Liu"], "CHN", "GOV", "Foreign Minister")
    usa = a.entity("United States", "GPE", ["Washington", "United States", "Washington"], "USA")
    china = a.entity("China", "GPE", ["China", "China"], "CHN")
    a.entity("State Department", "ORG", ["State Department"], "USA", "GOV")
    a.entity("Anchorage", "GPE", ["Anchorage"], "USA")
    a.quote("We will raise our concerns about trade and technology directly with China",
            whitfield, "Whitfield")
    a.quote("the United States should “meet China halfway” and lift its sanctions on Chinese "
            "companies", liu, "Liu", kind="mixed")
    a.quote("We will raise our concerns about trade and technology directly with China",
            whitfield, "Whitfield", nth=1, duplicate_of=0)
    a.timex("March 18", "2021-03-18")
    a.timex("Tuesday", "2021-03-09")
    a.event("CONSULT", [(whitfield, "USA")], [(liu, "CHN")],
            "Secretary of State Dana Whitfield will meet Chinese Foreign Minister Liu Wen in "
            "Anchorage on March 18", "2021-03-18", "planned", "visit", "043", confidence=0.9)
    a.event("REQUEST", [(liu, "CHN")], [(usa, "USA")], "Liu said the United States should",
            "2021-03-09", mode="change", cameo="1041", confidence=0.55)
    del china
    return a.record


def anchorage_opened() -> Record:
    a = Article("2021-03-19-anchorage-talks-open", "2021-03-19", "Pacific Wire",
                "Sharp words as Anchorage talks open", [
                    "Talks between the United States and China opened in Anchorage on "
                    "Thursday with sharp exchanges, as Liu Wen accused Washington of hypocrisy "
                    "on human rights.",
                    "“The United States does not speak for the world,” Liu said.",
                    "Whitfield said the talks would go on: “We expect a frank and direct "
                    "conversation with Beijing.”"])
    usa = a.entity("United States", "GPE", ["United States", "Washington", "United States"],
                   "USA")
    china = a.entity("China", "GPE", ["China", "Beijing"], "CHN")
    liu = a.entity("Liu Wen", "PERSON", ["Liu Wen", "Liu"], "CHN", "GOV")
    whitfield = a.entity("Dana Whitfield", "PERSON", ["Whitfield"], "USA", "GOV")
    a.quote("The United States does not speak for the world", liu, "Liu")
    a.quote("We expect a frank and direct conversation with Beijing.", whitfield, "Whitfield")
    a.timex("Thursday", "2021-03-18")
    a.event("CONSULT", [(usa, "USA")], [(china, "CHN")],
            "Talks between the United States and China opened in Anchorage on Thursday",
            "2021-03-18", mode="visit", cameo="043", confidence=0.7)
    a.event("ACCUSE", [(liu, "CHN")], [(usa, "USA")],
            "Liu Wen accused Washington of hypocrisy on human rights", "2021-03-18",
            mode="disapprove", cameo="112", confidence=0.35)
    return a.record


SANCTIONS = ["The United States on Friday imposed sanctions on seven Chinese technology "
             "companies, the Commerce Department said.",
             "China's Commerce Ministry threatened to retaliate. “China will take necessary "
             "measures to protect Chinese firms,” spokeswoman Mei Hua said."]


def sanctions(article_id: str = "2021-04-02-chip-sanctions", source: str = "Harbour Daily",
              copy_of: str | None = None) -> Record:
    a = Article(article_id, "2021-04-02", source, "US sanctions Chinese technology firms",
                SANCTIONS, copy_of=copy_of)
    usa = a.entity("United States", "GPE", ["United States"], "USA")
    china = a.entity("China", "GPE", ["China", "China"], "CHN")
    ministry = a.entity("Commerce Ministry", "ORG", ["Commerce Ministry"], "CHN", "GOV")
    mei = a.entity("Mei Hua", "PERSON", ["Mei Hua"], "CHN", "GOV", "spokeswoman")
    commerce = a.entity("Commerce Department", "ORG", ["Commerce Department"], "USA", "GOV")
    a.quote("China will take necessary measures to protect Chinese firms", mei, "Mei Hua")
    a.timex("Friday", "2021-04-02")
    a.event("SANCTION", [(usa, "USA")], [(china, "CHN")],
            "The United States on Friday imposed sanctions on seven Chinese technology "
            "companies", "2021-04-02", cameo="163", claimed_by=[(commerce, "USA")],
            confidence=0.8)
    a.event("THREATEN", [(ministry, "CHN")], [(usa, "USA")],
            "China's Commerce Ministry threatened to retaliate.", "2021-04-02", cameo="130")
    return a.record


def climate_deal() -> Record:
    a = Article("2021-05-12-methane-deal", "2021-05-12", "Pacific Wire",
                "Washington and Beijing agree to cut methane", [
                    "The United States and China agreed on Wednesday to work together on "
                    "cutting methane emissions, Whitfield said after a phone call with Liu Wen "
                    "on Tuesday.",
                    "“This shows that Washington and Beijing can work together when it "
                    "matters,” Whitfield said."])
    usa = a.entity("United States", "GPE", ["United States", "Washington"], "USA")
    china = a.entity("China", "GPE", ["China", "Beijing"], "CHN")
    whitfield = a.entity("Dana Whitfield", "PERSON", ["Whitfield", "Whitfield"], "USA", "GOV")
    liu = a.entity("Liu Wen", "PERSON", ["Liu Wen"], "CHN", "GOV")
    a.quote("This shows that Washington and Beijing can work together when it matters",
            whitfield, "Whitfield")
    a.timex("Wednesday", "2021-05-12")
    a.timex("Tuesday", "2021-05-11")
    a.event("AGREE", [(usa, "USA")], [(china, "CHN")],
            "The United States and China agreed on Wednesday to work together on cutting "
            "methane emissions", "2021-05-12", cameo="0311", confidence=0.6)
    a.event("CONSULT", [(whitfield, "USA")], [(liu, "CHN")],
            "Whitfield said after a phone call with Liu Wen on Tuesday", "2021-05-11",
            mode="phone", cameo="042", confidence=0.45)
    return a.record


def flood_aid() -> Record:
    a = Article("2021-06-20-flood-aid", "2021-06-20", "Harbour Daily",
                "China sends flood aid to Vietnam", [
                    "China sent tents and water pumps to flood-hit provinces of Vietnam on "
                    "Sunday, Vietnam's foreign ministry said.",
                    "“We thank China for its quick help,” ministry spokesman Tran Van Long "
                    "said."])
    china = a.entity("China", "GPE", ["China", "China"], "CHN")
    vietnam = a.entity("Vietnam", "GPE", ["Vietnam", "Vietnam"], "VNM")
    tran = a.entity("Tran Van Long", "PERSON", ["Tran Van Long"], "VNM", "GOV", "spokesman")
    a.quote("We thank China for its quick help", tran, "Tran Van Long")
    a.timex("Sunday", "2021-06-20")
    a.event("AID", [(china, "CHN")], [(vietnam, "VNM")],
            "China sent tents and water pumps to flood-hit provinces of Vietnam on Sunday",
            "2021-06-20", cameo="073")
    return a.record


def tokyo_talks() -> Record:
    a = Article("2021-07-01-tokyo-security-talks", "2021-07-01", "Pacific Wire",
                "Japan and the United States hold security talks", [
                    "Defence officials of Japan and the United States met in Tokyo on "
                    "Thursday and agreed to hold joint naval exercises in the autumn."])
    japan = a.entity("Japan", "GPE", ["Japan"], "JPN")
    usa = a.entity("United States", "GPE", ["United States"], "USA")
    a.timex("Thursday", "2021-07-01")
    a.event("CONSULT", [(japan, "JPN")], [(usa, "USA")],
            "Defence officials of Japan and the United States met in Tokyo on Thursday",
            "2021-07-01", mode="visit", cameo="043", confidence=0.95)
    a.event("COOPERATE", [(japan, "JPN")], [(usa, "USA")],
            "agreed to hold joint naval exercises in the autumn", None, "planned",
            cameo="061", confidence=0.2)
    return a.record


def records() -> list[Record]:
    return [anchorage_announced(), anchorage_opened(), sanctions(), climate_deal(),
            flood_aid(), tokyo_talks(),
            sanctions("2021-04-02-chip-sanctions-copy", "Metro Times",
                      copy_of="2021-04-02-chip-sanctions")]


def build_store(path: Path | str) -> Path | str:
    """Write the records into the store at ``path`` (a file or a store URL); ``path``."""
    store = open_store(str(path))
    run = store.begin_run("test", [], {}, "hand-made")
    store.write_batch(run, records(), [], {})
    store.close()
    return path
