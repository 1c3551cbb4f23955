"""Near-duplicate articles: edited copies link to their original; different articles never link."""

from __future__ import annotations

import pytest

from newsgraph.ingest.inputs import read_all
from newsgraph.linking.near_duplicates import NearDuplicateIndex, shingles, signature
from newsgraph.model import Document
from shared_data import WIKINEWS, shared_file

STORY = (
    "Rescuers in Magnitogorsk pulled a baby from the rubble of the collapsed apartment block on Tuesday.\n\n"
    "The ten-storey building came down after a suspected gas explosion early on Monday morning.\n\n"
    "Officials said 39 people were confirmed dead and several were still missing in freezing cold.\n\n"
    "President Vladimir Putin flew to the city and visited the wounded in hospital the same day."
)


def edit(text: str, how: int) -> str:
    """One of the edits a wire story goes through, chosen by ``how``."""
    paragraphs = text.split("\n\n")
    if how == 0:  # the headline changed: the body is the same
        return text
    if how == 1:  # a paragraph moved
        paragraphs[0], paragraphs[1] = paragraphs[1], paragraphs[0]
    elif how == 2:  # the last paragraph dropped
        paragraphs = paragraphs[:-1]
    elif how == 3:  # a sentence added
        paragraphs.insert(1, "This story was updated with comments from officials and a correction.")
    else:  # moved and added
        paragraphs = [paragraphs[-1], *paragraphs[:-1], "More details to follow as they become known."]
    return "\n\n".join(paragraphs)


def test_identical_and_edited_copies_link_to_the_first() -> None:
    index = NearDuplicateIndex()
    assert index.add("a", STORY) is None
    for how in range(5):
        link = index.add(f"copy{how}", edit(STORY, how))
        assert link is not None and link.original == "a", how
    assert index.original_of("copy3") == "a" and index.original_of("a") == "a"
    assert len(index.signatures) == 6  # nothing dropped


def test_a_different_article_on_the_same_event_is_not_a_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("a", STORY)
    other = (
        "A gas blast destroyed part of a Soviet-era block of flats in the Urals city of Magnitogorsk, killing "
        "dozens. Vladimir Putin travelled there and met survivors. Investigators are looking at a gas leak."
    )
    assert index.add("b", other) is None
    assert index.query(other) is not None  # b itself is now indexed


def test_adding_an_id_twice_is_refused_with_its_name() -> None:
    index = NearDuplicateIndex()
    index.add("a", STORY)
    with pytest.raises(ValueError, match="'a' is already"):
        index.add("a", STORY)


def test_signatures_are_stable_and_estimate_jaccard() -> None:
    a, b = shingles(STORY), shingles(edit(STORY, 2))
    estimate = float((signature(a) == signature(b)).mean())
    assert abs(estimate - len(a & b) / len(a | b)) < 0.15
    assert (signature(a) == signature(shingles(STORY))).all()


@pytest.mark.shared
def test_wikinews_with_30_edited_copies() -> None:
    """Issue 8's acceptance: every copy linked to its original, no two different articles linked."""
    documents = [d for d in read_all([str(shared_file(WIKINEWS))]) if isinstance(d, Document)]
    index = NearDuplicateIndex()
    for document in documents:
        assert index.add(document.id, document.text) is None, document.title
    sources = [d for d in documents if d.text.count("\n\n") >= 3][:30]
    assert len(sources) == 30
    for number, document in enumerate(sources):
        link = index.add(f"copy-{number}", edit(document.text, number % 5))
        assert link is not None, (number, document.title)
        assert link.original == document.id, (number, document.title)
    assert set(index.links) == {f"copy-{n}" for n in range(30)}
