"""The status and the day of an event.

The day is the one the event's clause gives, else the one of the sentence's main clause
(unless it reports speech); a story's lead under a dateline reports the filing day; an event
that happened and whose sentence gives no day takes the narrative day. What happened
happened by the publication day; a plan dated by a weekday name is for the next such day.
"""

from __future__ import annotations

from datetime import date as Day
from datetime import timedelta

from dragoman.stages.events import status as st
from dragoman.stages.events.arguments import VERBAL, Reading
from dragoman.stages.events.merge import Candidate
from dragoman.stages.events.speech import Speech

EXPERT_WORDS = {"expert", "analyst", "professor", "scholar", "researcher", "fellow",
                "economist", "observer", "commentator", "academic", "lecturer"}

def status_and_date(reading: Reading, event: str, speech: Speech,
                     published: str | None) -> tuple[str, str | None]:
    status = st.event_status(reading.anchor, reading.noun)
    if status == st.PLANNED and speech.expert(reading.anchor, EXPERT_WORDS):
        status = st.HYPOTHETICAL  # an expert's expectation is speculation
    date = speech.date(reading.anchor, event in VERBAL) or sentence_date(reading, speech)
    if status == st.OCCURRED and date and published and date.split("/")[0] > published[:10]:
        status = st.PLANNED
    elif status == st.PLANNED and date and published and date < published[:10] and \
            "/" not in date and speech.weekday_dated(reading.anchor):
        # "is due on Tuesday to travel": a weekday of an announced plan is the next one
        date = next_week(date)
    elif status == st.OCCURRED and date and published and "/" in date:
        # what has happened happened by the publication day: "this week" in a Thursday
        # article ends on that Thursday
        start, end = date.split("/")
        date = f"{start}/{min(end, published[:10])}" if start < published[:10] else start
    return status, date


def sentence_date(reading: Reading, speech: Speech) -> str | None:
    """The day the sentence's main clause gives ("On Saturday there were reports of tanks
    pounding Homs"), for an event in it whose own clause gives none, unless the main clause
    reports what someone said (the day of saying is not the day of what was said)."""
    root = reading.anchor.sent.root
    if root == reading.anchor or st.reporting_word(root):
        return None
    return speech.dates.date_of(root)


def next_week(day: str) -> str:
    """The same weekday a week later (``2021-03-09`` → ``2021-03-16``)."""
    return (Day.fromisoformat(day) + timedelta(days=7)).isoformat()


def narrative_dates(candidates: list[Candidate], published: str | None) -> None:
    """News names the day once and narrates on ("Protesters marched on Friday. Police fired
    tear gas. …"): an event that happened and whose sentence gives no day takes the
    narrative day, the latest day given for an earlier event that happened (the reference
    time of temporal taggers). The confidence model knows the day was carried over."""
    day: str | None = None
    for candidate in candidates:
        if candidate.status != st.OCCURRED:
            continue
        if not candidate.date and candidate.signals.get("dateline_lead") and published:
            # the lead of a story filed under a dateline reports the day of filing
            candidate.date = published[:10]
        if candidate.date:
            day = candidate.date
        elif day is not None:
            candidate.date = day
            candidate.signals = {**candidate.signals, "narrative_date": 1.0}
