"""Near-duplicate articles: syndicated copies link to the first-seen article."""

from __future__ import annotations

from dragoman.corpus.neardup import (
    NearDuplicateIndex,
    signature_from_bytes,
    signature_to_bytes,
)

STORY = " ".join(
    f"Sentence {i} of the wire story says the delegations from both capitals met for "
    f"talks about trade, security and the border on day {i}." for i in range(30))
COPY = "REUTERS - " + STORY.replace("Sentence 29", "A last line added by the copy desk")
OTHER = " ".join(
    f"Line {i}: protesters gathered outside parliament demanding the resignation of "
    f"the cabinet over rising fuel prices in week {i}." for i in range(30))


def index() -> NearDuplicateIndex:
    return NearDuplicateIndex(threshold=0.7, num_perm=128)


def test_copy_links_to_first_seen_and_unrelated_does_not() -> None:
    idx = index()
    assert idx.add("original", STORY) is None
    assert idx.add("other", OTHER) is None
    match = idx.add("copy", COPY)
    assert match is not None and match.duplicate_of == "original" and match.similarity > 0.8


def test_copy_of_a_copy_points_to_the_root() -> None:
    idx = index()
    idx.add("original", STORY)
    idx.add("copy", COPY)
    match = idx.add("copy2", COPY + " Updated.")
    assert match is not None and match.duplicate_of == "original"


def test_adding_the_same_id_twice_is_a_no_op() -> None:
    idx = index()
    idx.add("original", STORY)
    assert idx.add("original", STORY) is None


def test_signature_round_trip_and_known_root() -> None:
    idx = index()
    signature = idx.signature(STORY)
    restored = signature_from_bytes(signature_to_bytes(signature), 128)
    assert restored.jaccard(signature) == 1.0
    fresh = index()
    fresh.add_signature("a", restored)
    fresh.add_signature("b", idx.signature(COPY), known_root="a")
    match = fresh.add("c", COPY)
    assert match is not None and match.duplicate_of == "a"
