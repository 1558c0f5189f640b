"""The pure parts of the web UI: article highlighting, timeline numbers, network layout, the
cooperation–conflict score table."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dragoman.knowledge import DATA
from dragoman.knowledge.build.scores import FILE_NAME, build
from dragoman.knowledge.scores import load_scores
from dragoman.web import annotate, charts
from tests.fixtures.paths import SHARED
from tests.fixtures.web_records import anchorage_announced


def test_every_record_is_highlighted_on_its_span_and_anchored_once() -> None:
    record = anchorage_announced()
    html = str(annotate.render(record))
    keys = ([e["id"] for e in record["entities"]] + [f"q{i}" for i in range(3)]
            + [f"s{i}" for i in range(3)] + ["t0", "t1", "v0", "v1"])
    for key in keys:
        assert html.count(f'id="k-{key}"') == 1, key
    assert html.count('class="para dup"') == 1
    text = re.sub(r"<[^>]+>", "", html).replace("&#34;", '"').replace("&#39;", "'")
    assert text.replace("\n", "") == record["text"].replace("\n", "")


def test_overlapping_spans_split_into_pieces_with_every_key() -> None:
    record: dict[str, Any] = {
        "text": "Ann said <b>hello</b> to Bo.", "paragraphs": [],
        "entities": [{"id": "e0", "name": "Ann", "type": "PERSON", "mentions": [[0, 3]]}],
        "quotes": [{"content": [9, 21], "kind": "direct",
                    "speaker": {"entity": "e0", "name": "Ann", "span": [0, 3]}}],
        "timexes": [], "events": [{"event": "CONSULT", "actors": [], "recipients": [],
                                   "status": "occurred", "evidence": [0, 27]}]}
    html = str(annotate.render(record))
    assert "<b>" not in html and "&lt;b&gt;hello&lt;/b&gt;" in html   # text is escaped
    assert 'data-k="e0 s0 v0"' in html
    assert 'data-k="q0 v0"' in html and 'data-speaker="Ann"' in html
    assert html.count('id="k-') == 4        # e0, s0 (empty anchor), q0, v0


@pytest.mark.parametrize(("days", "bucket"), [
    ([0, 62], "day"), ([0, 63], "month"), ([0, 6 * 366], "month"), ([0, 6 * 366 + 1], "year"),
    ([], "day"), ([-80_000, *[5] * 30, 40], "day"),      # one date in the 1790s is ignored
])
def test_automatic_bucket(days: list[int], bucket: str) -> None:
    assert charts.bucket_of(days, "auto") == bucket


def test_timeline_counts_and_mean_scores() -> None:
    from datetime import date
    day = date(2021, 3, 1).toordinal()
    points = [{"event": "AID", "mode": None, "cameo": "070", "day_number": day},
              {"event": "ASSAULT", "mode": "aerial", "cameo": "195", "day_number": day},
              {"event": "ACCUSE", "mode": None, "cameo": "111", "day_number": day + 2}]
    data = charts.timeline(points, "day")
    assert data["periods"] == ["2021-03-01", "2021-03-02", "2021-03-03"]
    assert data["types"]["AID"] == [1, 0, 0]
    assert data["score"] == [0.25, None, -3.0]        # (10 - 9.5) / 2; no events; ACCUSE -3


def test_timeline_outliers_keep_their_period_without_filling_the_gap() -> None:
    from datetime import date
    days = [date(2011, 2, d).toordinal() for d in range(1, 21)] + [date(1790, 1, 1).toordinal()]
    points = [{"event": "PROTEST", "mode": None, "cameo": None, "day_number": d} for d in days]
    data = charts.timeline(points)
    assert data["bucket"] == "day"
    assert data["periods"][0] == "1790-01-01" and len(data["periods"]) == 21


def test_network_links_parties_and_lays_out_deterministically() -> None:
    rows = [{"actors": "USA", "recipients": "CHN", "event": "ACCUSE", "events": 3,
             "last": "2021-01-02"},
            {"actors": "CHN|RUS", "recipients": "USA", "event": "CONSULT", "events": 2,
             "last": "2021-01-03"},
            {"actors": "jen psaki", "recipients": "CHN", "event": "ACCUSE", "events": 9,
             "last": None}]
    graph = charts.network(rows)
    assert {n["id"]: n["code"] for n in graph["nodes"]} == {
        "USA": True, "CHN": True, "RUS": True, "jen psaki": False}  # a name: country unknown
    usa_chn = next(e for e in graph["edges"] if (e["a"], e["b"]) == ("CHN", "USA"))
    assert usa_chn["events"] == 5 and usa_chn["types"] == {"ACCUSE": 3, "CONSULT": 2}
    assert graph == charts.network(rows)
    assert all(-1 <= n["x"] <= 1 and -1 <= n["y"] <= 1 for n in graph["nodes"])


@pytest.mark.parametrize(("event", "mode", "cameo", "scale", "expected"), [
    ("CONSULT", "phone", "042", "plover", 1.5),
    ("CONSULT", None, "040", "plover", 2.5),
    ("CONSULT", "unknown-mode", None, "plover", 2.5),
    ("ACCUSE", None, None, "plover", -3.0),          # the manual's sign slip, fixed
    ("ASSAULT", "heavy_weapons", None, "plover", -9.5),
    ("AID", None, "0234", "goldstein", 3.4),
    ("AID", None, "0239", "goldstein", 3.4),          # unknown code: its parent 023
    ("AID", None, None, "goldstein", None),
])
def test_scores(event: str, mode: str | None, cameo: str | None, scale: str,
                expected: float | None) -> None:
    assert load_scores().score(event, mode, cameo, scale) == expected


@pytest.mark.shared
def test_score_table_is_generated_from_the_codebooks() -> None:
    assert build(SHARED) == (DATA / FILE_NAME).read_text(encoding="utf-8")
    scores = load_scores()
    assert len({key.split(":")[0] for key in scores.plover}) == 16
    assert len(scores.goldstein) == 311


def test_an_events_highlight_says_its_confidence() -> None:
    record = anchorage_announced()
    html = str(annotate.render(record))
    assert "· confidence 0.90" in html and "· confidence 0.55" in html
    record["events"][1]["confidence"] = None
    assert "confidence 0.55" not in str(annotate.render(record))


def test_paragraphs_out_of_the_body_carry_their_zone() -> None:
    text = "Talks resumed on Monday.\n\nPhoto: The delegations.\n\nGreat news! | Reply"
    record = {"text": text, "paragraphs": [
        {"span": [0, 24], "duplicate_of": None, "zone": "body"},
        {"span": [26, 50], "duplicate_of": None, "zone": "caption"},
        {"span": [52, len(text)], "duplicate_of": 0, "zone": "comments"}]}
    html = str(annotate.render(record))
    assert '<p id="p0" class="para">' in html
    assert 'class="para zone zone-caption"' in html and 'data-zone="caption"' in html
    assert 'class="para dup zone zone-comments"' in html
    assert 'title="repeats paragraph 1; reader comments: no events or quotes are read here"' in html


def test_timeline_is_on_a_time_axis_showing_the_bulk_first() -> None:
    """Periods carry their first day for a real date axis; the range first shown is the
    bulk's (half a period beyond), and events outside it are counted for the page to say."""
    from datetime import date
    days = [date(2011, m, 1).toordinal() for m in range(2, 11)] * 3 + \
        [date(1986, 4, 15).toordinal()]
    points = [{"event": "ASSAULT", "mode": None, "cameo": None, "day_number": d} for d in days]
    data = charts.timeline(points, "month")
    assert data["periods"][:2] == ["1986-04", "2011-02"]       # no months filled in between
    assert data["starts"][:2] == ["1986-04-01", "2011-02-01"]
    assert data["view"] == ["2011-01-17 00:00:00", "2011-11-15 00:00:00"]
    assert data["outside"] == 1
    years = charts.timeline(points, "year")
    assert years["starts"] == ["1986-01-01", "2011-01-01"] and years["outside"] == 1
    assert years["view"][0].startswith("2010-07") and years["view"][1].startswith("2012-06-30")


@pytest.mark.parametrize(("label", "start"), [("2011", "2011-01-01"), ("2011-03", "2011-03-01"),
                                              ("2011-03-19", "2011-03-19")])
def test_period_start(label: str, start: str) -> None:
    assert charts.period_start(label) == start
