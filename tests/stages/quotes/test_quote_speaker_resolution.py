"""Speakers resolve through the mentions: whatever entity coreference gives the mention covering
the speaker is the quote's speaker entity (hand-built mentions stand in for coreference)."""

from __future__ import annotations

from newsgraph.model import Mention, Provenance, Span
from newsgraph.stages.quotes.speaker import resolve

TEXT = "Ukrainian President Volodymyr Zelensky said it. He said more. The two leaders agreed."
PROVENANCE = Provenance(stage="test", stage_version="0")


def mention(surface: str, label: str, entity_id: str | None = None, members: tuple[str, ...] = ()) -> Mention:
    start = TEXT.index(surface)
    return Mention(
        id=f"men_{start}",
        document_id="doc",
        span=Span.of(TEXT, start, start + len(surface)),
        label=label,
        provenance=PROVENANCE,
        entity_id=entity_id,
        members=members,
    )


def bounds(surface: str) -> tuple[int, int]:
    start = TEXT.index(surface)
    return start, start + len(surface)


def test_the_mention_covering_the_head_gives_the_entity() -> None:
    mentions = [mention("Volodymyr Zelensky", "PERSON", "ent_zelensky"), mention("Ukrainian", "NORP", "ent_ukr")]
    head = TEXT.index("Zelensky")
    found = resolve(mentions, head)
    assert found is not None and found.entity_id == "ent_zelensky"


def test_a_pronoun_resolves_once_coreference_links_it() -> None:
    start, _ = bounds("He")
    assert resolve([mention("Volodymyr Zelensky", "PERSON", "ent_zelensky")], start) is None
    linked = [mention("Volodymyr Zelensky", "PERSON", "ent_zelensky"), mention("He", "PRON", "ent_zelensky")]
    found = resolve(linked, start)
    assert found is not None and found.entity_id == "ent_zelensky"


def test_a_linked_mention_is_preferred_over_an_unlinked_one() -> None:
    mentions = [mention("Volodymyr Zelensky", "PERSON"), mention("Zelensky", "PERSON", "ent_zelensky")]
    found = resolve(mentions, TEXT.index("Zelensky"))
    assert found is not None and found.entity_id == "ent_zelensky"


def test_a_group_mention_has_members_and_no_single_entity() -> None:
    group = mention("The two leaders", "GROUP", members=("ent_a", "ent_b"))
    found = resolve([group], TEXT.index("leaders"))
    assert found is group and found.entity_id is None


def test_a_mention_elsewhere_in_the_phrase_names_something_else() -> None:
    # "Ukrainian officials" are not Ukraine: only a mention covering the head speaks.
    mentions = [mention("Ukrainian", "NORP", "ent_ukr")]
    assert resolve(mentions, TEXT.index("Zelensky")) is None
