"""Paragraph zones: comments, captions, headlines and boilerplate told apart from the body,
and no events or quotes read from them. Every article here was written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.records import Article, Paragraph
from dragoman.stages.paragraphs.extract import extract_paragraphs
from dragoman.stages.paragraphs.zones import in_zones, spans_outside, zone_paragraphs

BODY = ("NAIROBI (Reuters) - Kenya and Tanzania agreed on Monday to reopen two border crossings "
        "that have been closed since January, the two trade ministers said after talks in "
        "Nairobi.")
BODY_2 = ("Traders on both sides have lost most of a harvest season, and lorry drivers have "
          "waited for weeks at the Namanga crossing, officials said.")
QUOTE = ("“We will not wait any longer for the traders who have lost a season,” said Kenya’s "
         "trade minister, Amina Wekesa.")


@pytest.mark.parametrize(("paragraphs", "expected"), [
    # a comment thread: handles and timestamps with "Reply", then everything until it closes
    ([BODY, BODY_2,
      "Finally some sense from these two. March 4, 2024 at 10:12 am | Reply",
      "Tanzania will break this deal within a month, mark my words.",
      "kiptoo88 wrote: the ministers are lying as usual",
      "This discussion is now closed."],
     ["body", "body", "comments", "comments", "comments", "boilerplate"]),
    ([BODY, "This comment was removed by a moderator."], ["body", "comments"]),
    ([BODY, "At 12:19 26th Apr 2024, jdoe wrote: No.", "Yes."], ["body", "comments", "comments"]),
    ([BODY, "8th March 2024 - 23:07 They never will.", "Yes."], ["body", "comments", "comments"]),
    (["Posted by: harbourfan | March 4, 2024 9:02 PM | Report abuse Good news at last.",
      "Posted by: realist | March 4, 2024 9:30 PM | Report abuse It will not last."],
     ["comments", "comments"]),
    # a site's disclaimer opens the thread; one after the article's last sentence leaves that
    # paragraph in the body and the thread starts after it
    ([BODY, "(Reporting by Jane Doe; Editing by John Roe) We welcome comments that advance "
            "the story. Views expressed in the comments do not represent those of the site. "
            "This is the best news all year.", "Agreed, open all the borders."],
     ["body", "comments", "comments"]),
    ([BODY + " Views expressed in the comments do not represent those of the site.",
      "Agreed, open all the borders."],
     ["body", "comments"]),
    ([BODY, BODY_2, "23 Comments", "What took them so long?"],
     ["body", "body", "comments", "comments"]),
    (["Comments", BODY, BODY_2], ["headline", "body", "body"]),  # a section name, no thread
    ([BODY, "Open them all. March 4, 2024 at 10:12 am | They never will.", "Why not?"],
     ["body", "comments", "comments"]),
    ([BODY, "At 10:49 am on 04 Mar 2024, kiptoo88 wrote: They will never reopen it.",
      "This comment was removed because the moderators found it broke the House Rules."],
     ["body", "comments", "comments"]),
    ([BODY + " At 10:49 am on 04 Mar 2024, kiptoo88 wrote: They will never reopen it.",
      "Agreed."],
     ["body", "comments"]),
    # an article that starts again after a thread (a dateline) is body again
    (["Nice. March 4, 2024 at 10:12 am | Reply", "Sure.", BODY], ["comments", "comments", "body"]),
    # captions
    ([BODY, "Photo: Lorries queue at the Namanga crossing on Sunday.", BODY_2],
     ["body", "caption", "body"]),
    ([BODY, "Lorries queue at the Namanga crossing on Sunday. (AP Photo/Jane Doe)", BODY_2],
     ["body", "caption", "body"]),
    ([BODY, "Image 2 of 5", "Watch: the ministers arrive for the talks", BODY_2],
     ["body", "caption", "caption", "body"]),
    # story highlights and teaser headlines
    (["STORY HIGHLIGHTS", "Kenya and Tanzania agree to reopen two crossings",
      "“We will not wait any longer,” the trade minister says", BODY, BODY_2],
     ["headline", "headline", "headline", "body", "body"]),
    ([BODY, "Read more: Tanzania lifts its ban on maize exports", BODY_2],
     ["body", "headline", "body"]),
    ([BODY, BODY_2, "Related: Drought Shrinks Lake Victoria Fish Catch",
      "Kenya Court Halts Port Deal", "Ethiopia Opens New Rail Link to Djibouti"],
     ["body", "body", "headline", "headline", "headline"]),
    (["Kenya and Tanzania agree to reopen border crossings", BODY, BODY_2],
     ["headline", "body", "body"]),
    # bylines, datelines, time stamps, reporting credits
    (["By Lena Okafor, Harbour Times", "Updated 1545 GMT (2345 HKT) March 4, 2024",
      "NAIROBI", BODY, "(Reporting by Jane Doe; Editing by John Roe)"],
     ["boilerplate", "boilerplate", "boilerplate", "body", "boilerplate"]),
    (["DAR ES SALAAM, Tanzania (AP) _", BODY, "BORDER TRADE.", BODY_2],
     ["boilerplate", "body", "headline", "body"]),
    # footers
    ([BODY, BODY_2, "Share this article. Follow us on Twitter and Facebook.",
      "Copyright 2024 Harbour Times. All rights reserved.",
      "We use cookies to improve your experience. Click here to accept all cookies."],
     ["body", "body", "boilerplate", "boilerplate", "boilerplate"]),
])
def test_zones(paragraphs: list[str], expected: list[str]) -> None:
    assert zone_paragraphs(paragraphs) == expected


@pytest.mark.parametrize("paragraph", [
    "The talks will resume in May.",                        # short
    "Wekesa said on Twitter that the agreement was “a good day for farmers”.",
    QUOTE,
    "“We will not back down,” she said.",
    "By Tuesday, the lorries had started to move again.",    # "By" + a name-like word
    "The photograph showed the minister at the crossing.",
    "The ministers met in Nairobi",                          # no final stop, not Title Case
    "So here is the question: what will the deal change? Post a comment on my blog.",
    "Readers who follow the minister on social media were not surprised, officials said.",
    "The agreement is copyright-free and was published in full by both governments.",
    "Both banks are expected to sign up for the scheme on Friday, officials said.",
    "“We should not jump to conclusions,” the minister said of the clichÃ© of an open border.",
    "It was a chance to show her rÃ©sumÃ© © and more.",
    "I certainly don't subscribe to that view, the minister said on Sunday.",
    # the article's last sentence run into a footer or a caption credit: mixed, so body
    "The ministers said the crossings would reopen before the harvest begins in earnest. "
    "A version appeared on p7 of the Main section. Follow us on Twitter.",
    "Lorries queued at the crossing. Photograph: Jane Doe/Reuters What will the deal change "
    "for the drivers who have waited there since January?",
])
def test_body_paragraphs_stay_body(paragraph: str) -> None:
    assert zone_paragraphs([BODY, paragraph, BODY_2]) == ["body", "body", "body"]


def test_hard_wrapped_lines_are_not_headlines() -> None:
    lines = ["Kenya and Tanzania agreed on Monday to reopen two border",
             "crossings that have been closed since January, the two trade",
             "ministers said after talks in Nairobi, the Kenyan capital",
             "on Monday. Traders on both sides have lost most of a harvest",
             "season, officials said, and drivers have waited for weeks."]
    assert zone_paragraphs(lines) == ["body"] * len(lines)


def test_extract_paragraphs_carries_the_zone() -> None:
    text = f"{BODY}\n\n{BODY}\n\nPhoto: Lorries at the Namanga crossing. (AP Photo/Jane Doe)"
    found = [p.to_dict() for p in extract_paragraphs(text, 0.6)]
    assert [(p["duplicate_of"], p["zone"]) for p in found] == [
        (None, "body"), (0, "body"), (None, "caption")]


def test_in_zones_and_spans_outside() -> None:
    paragraphs = [Paragraph((0, 10)), Paragraph((12, 20), zone="comments"),
                  Paragraph((22, 30), zone="headline")]
    assert in_zones((2, 5), paragraphs, frozenset({"body"}))
    assert not in_zones((12, 15), paragraphs, frozenset({"body", "headline"}))
    assert in_zones((23, 25), paragraphs, frozenset({"body", "headline"}))
    assert in_zones((10, 11), paragraphs, frozenset({"body"}))  # between paragraphs
    assert in_zones((0, 1), [], frozenset({"body"}))
    assert spans_outside(paragraphs, frozenset({"body"})) == [(12, 20), (22, 30)]


# An event sentence and a quote: read in the body, they give an event and a quote; read in a
# comment thread, nothing.
SAID = ("The Kenyan army attacked Tanzanian troops near the border on Sunday, the police "
        "said. “We will never accept this deal,” said Tanzania’s defence minister, "
        "Juma Mrisho.")


def _annotate(pipeline: Any, text: str) -> dict[str, Any]:
    article = Article(id="zones", text=text, published="2024-03-04")
    return pipeline.annotate(pipeline.nlp(text), article).to_dict()


def _inside(span: list[int], start: int) -> bool:
    return span[0] >= start


def test_no_event_or_quote_from_a_comment(pipeline: Any) -> None:
    in_body = f"{BODY}\n\n{SAID}"
    record = _annotate(pipeline, in_body)
    start = in_body.index(SAID)
    assert [p["zone"] for p in record["paragraphs"]] == ["body", "body"]
    assert any(_inside(e["evidence"], start) for e in record["events"])
    assert any(_inside(q["content"], start) for q in record["quotes"])

    comment = f"March 4, 2024 at 10:12 am | Reply {SAID}"
    in_thread = f"{BODY}\n\n{BODY_2}\n\n{comment}\n\nNot again."
    record = _annotate(pipeline, in_thread)
    start = in_thread.index(comment)
    assert [p["zone"] for p in record["paragraphs"]] == ["body", "body", "comments",
                                                         "comments"]
    assert not any(_inside(e["evidence"], start) for e in record["events"])
    assert not any(_inside(q["content"], start) for q in record["quotes"])
    assert record["events"]  # the body's agreement is still read
    assert any(_inside(m, start) for e in record["entities"] for m in e["mentions"])


def test_quotes_from_a_headline_events_not(pipeline: Any) -> None:
    title = "Kenya Attacks Tanzanian Troops: “We Will Never Accept This Deal”"
    text = f"{title}\n\n{BODY}\n\n{BODY_2}"
    record = _annotate(pipeline, text)
    assert record["paragraphs"][0]["zone"] == "headline"
    assert not any(e["evidence"][0] < len(title) for e in record["events"])


def test_show_marks_the_zone() -> None:
    from rich.console import Console

    from dragoman.report import print_record

    text = f"{BODY}\n\nPhoto: Lorries at the crossing."
    record = {"id": "z", "published": None, "text": text, "quotes": [], "timexes": [],
              "events": [], "entities": [],
              "paragraphs": [p.to_dict() for p in extract_paragraphs(text, 0.6)]}
    console = Console(record=True, width=200)
    print_record(record, console)
    shown = console.export_text()
    assert "¶1 [caption] Photo: Lorries" in shown and "¶0 [" not in shown


@pytest.mark.parametrize("name", ["2024-07-09-namanga-border-reopening.txt"])
def test_example_page_zones(pipeline: Any, name: str) -> None:
    from dragoman.readers import read_file
    from tests.fixtures.paths import EXAMPLES

    article = next(iter(read_file(EXAMPLES / name, max_bytes=2_000_000)))
    assert isinstance(article, Article)
    record = pipeline.annotate(pipeline.nlp(article.text), article).to_dict()
    zones = [p["zone"] for p in record["paragraphs"]]
    assert zones == ["headline", "boilerplate", "boilerplate", "body", "body", "body", "caption",
                     "body", "headline", "boilerplate", "boilerplate", "comments", "comments",
                     "comments", "comments"]
    paragraphs = [Paragraph((p["span"][0], p["span"][1]), zone=p["zone"])
                  for p in record["paragraphs"]]
    assert all(in_zones((e["evidence"][0], e["evidence"][1]), paragraphs, frozenset({"body"}))
               for e in record["events"])
    assert all(in_zones((q["content"][0], q["content"][1]), paragraphs,
                        frozenset({"body", "headline"})) for q in record["quotes"])
    said = {(q["speaker"] or {}).get("name") for q in record["quotes"]}
    assert {"Daniel Mwangi", "Rehema Salum"} <= said
