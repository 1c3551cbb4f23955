"""Event merging on hand-built event mentions: each rule that keeps two mentions apart or lets
them join, and the merged record (agreed fields, counts, disagreements)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from newsgraph.linking.merge import MergeRules, Report, country_entity_id, merge_reports
from newsgraph.linking.merged_record import figures, merged_event, merged_event_id
from newsgraph.model import Entity, Event, Provenance, Span

PROVENANCE = Provenance(stage="test", stage_version="1")
SERRANO, KIALA, TANAKA = "ent_serrano", "ent_kiala", "ent_tanaka"
PORTUGAL, ANGOLA = country_entity_id("PRT"), country_entity_id("AGO")
LUANDA, BENGUELA, PARIS = "ent_luanda", "ent_benguela", "ent_paris"
ENTITIES = {
    e.id: e
    for e in (
        Entity(id=SERRANO, name="Helena Serrano", kind="person", provenance=PROVENANCE, country="PRT"),
        Entity(id=KIALA, name="Mateus Kiala", kind="person", provenance=PROVENANCE, country="AGO"),
        Entity(id=TANAKA, name="Kenji Tanaka", kind="person", provenance=PROVENANCE, country="JPN"),
        Entity(id=PORTUGAL, name="Portugal", kind="country", provenance=PROVENANCE, country="PRT"),
        Entity(id=ANGOLA, name="Angola", kind="country", provenance=PROVENANCE, country="AGO"),
        Entity(id=LUANDA, name="Luanda", kind="place", provenance=PROVENANCE, country="AGO"),
        Entity(id=BENGUELA, name="Benguela", kind="place", provenance=PROVENANCE, country="AGO"),
        Entity(id=PARIS, name="Paris", kind="place", provenance=PROVENANCE, country="FRA"),
    )
}
_COUNTER = iter(range(1_000_000))


def report(
    evidence: str = "Helena Serrano visited Angola",
    *,
    document: str = "doc_a",
    seq: int = 1,
    story: str = "story:a",
    published: str = "2024-03-06",
    outlet: str | None = None,
    original: str | None = None,
    **fields: Any,
) -> Report:
    """A mention of a CONSULT visit by Serrano to Angola on 2024-03-04, unless ``fields`` say otherwise."""
    number = next(_COUNTER)
    values: dict[str, Any] = {
        "type": "CONSULT",
        "mode": "visit",
        "actors": (SERRANO,),
        "recipients": (ANGOLA,),
        "time": "2024-03-04",
        "time_source": "expression",
        "actor_country": "PRT",
        "recipient_country": "AGO",
        **fields,
    }
    event = Event(
        id=f"evt_{number:06d}",
        document_id=document,
        evidence=Span(start=0, end=len(evidence), text=evidence),
        provenance=PROVENANCE,
        **values,
    )
    return Report.of(
        event,
        story_id=story,
        order=(seq, number),
        outlet=outlet if outlet is not None else f"outlet of {document}",
        url=None,
        published=published,
        original=original or document,
        entities=ENTITIES,
    )


def groups(*reports: Report) -> list[list[str]]:
    """The merged events of ``reports`` as lists of their event ids."""
    return [[r.event.id for r in members] for members in merge_reports([], reports)]


def test_two_articles_reporting_one_visit_merge() -> None:
    a = report("Helena Serrano visited Angola on Monday", document="doc_a", seq=1)
    b = report("Serrano held talks in Angola on Tuesday", document="doc_b", seq=2, time="2024-03-05")
    assert groups(a, b) == [[a.event.id, b.event.id]]


def test_different_types_stay_apart_unless_outlets_code_them_either_way() -> None:
    visit = report(document="doc_a", seq=1)
    accusation = report(document="doc_b", seq=2, type="ACCUSE", mode=None)
    assert len(groups(visit, accusation)) == 2
    truce = report("declared a ceasefire", document="doc_a", seq=1, type="RETREAT", mode="ceasefire")
    agreed = report("agreed to a ceasefire", document="doc_b", seq=2, type="AGREE", mode=None)
    assert len(groups(truce, agreed)) == 1


def test_different_modes_of_one_type_stay_apart() -> None:
    visit = report(document="doc_a", seq=1)
    call = report(document="doc_b", seq=2, mode="phone")
    assert len(groups(visit, call)) == 2


def test_different_actors_stay_apart_but_a_country_stands_for_its_people() -> None:
    serrano = report(document="doc_a", seq=1)
    tanaka = report(document="doc_b", seq=2, actors=(TANAKA,), actor_country="JPN")
    assert len(groups(serrano, tanaka)) == 2
    portugal = report("Portugal visited Angola", document="doc_c", seq=3, actors=(PORTUGAL,))
    assert len(groups(serrano, portugal)) == 1
    assert len(groups(tanaka, portugal)) == 2


def test_actor_and_recipient_may_swap_in_a_meeting_but_not_in_an_attack() -> None:
    met = report(document="doc_a", seq=1, mode=None, actors=(SERRANO,), recipients=(KIALA,))
    hosted = report(document="doc_b", seq=2, mode=None, actors=(KIALA,), recipients=(SERRANO,))
    assert len(groups(met, hosted)) == 1
    attacked = report(document="doc_a", seq=1, type="ASSAULT", mode=None, actors=(SERRANO,), recipients=(KIALA,))
    attacked_back = replace(hosted, event=replace(hosted.event, type="ASSAULT"))
    assert len(groups(attacked, attacked_back)) == 2


def test_dates_join_within_the_window_only() -> None:
    monday = report(document="doc_a", seq=1)
    wednesday = report(document="doc_b", seq=2, time="2024-03-06")
    next_week = report(document="doc_c", seq=3, time="2024-03-11")
    assert len(groups(monday, wednesday)) == 1
    assert len(groups(monday, next_week)) == 2
    assert len(merge_reports([], [monday, wednesday], MergeRules(window_days=1))) == 2


def test_without_its_own_date_a_mention_is_dated_by_its_article() -> None:
    monday = report(document="doc_a", seq=1)
    undated_old = report(document="doc_b", seq=2, time=None, time_source=None, published="2024-02-01")
    assert len(groups(monday, undated_old)) == 2


def test_one_article_with_two_stated_dates_reports_two_events() -> None:
    monday = report("visited Angola on Monday", document="doc_a", seq=1)
    tuesday = report("visited Angola again on Tuesday", document="doc_a", seq=1, time="2024-03-05")
    assert len(groups(monday, tuesday)) == 2


def test_events_of_different_stories_never_merge() -> None:
    a = report(document="doc_a", seq=1, story="story:a")
    b = report(document="doc_b", seq=2, story="story:b")
    assert len(groups(a, b)) == 2


def test_two_towns_are_two_places_but_a_country_contains_its_towns() -> None:
    luanda = report(document="doc_a", seq=1, place=LUANDA, place_source="sentence")
    benguela = report(document="doc_b", seq=2, place=BENGUELA, place_source="sentence")
    paris = report(document="doc_c", seq=3, place=PARIS, place_source="sentence")
    angola = report(document="doc_d", seq=4, place=ANGOLA, place_source="sentence")
    assert len(groups(luanda, benguela)) == 2
    assert len(groups(luanda, paris)) == 2
    assert len(groups(luanda, angola)) == 1
    guessed = report(document="doc_e", seq=5, place=BENGUELA, place_source="document")
    assert len(groups(luanda, guessed)) == 1


def test_negated_and_asserted_stay_apart() -> None:
    did = report(document="doc_a", seq=1)
    did_not = report(document="doc_b", seq=2, modality="negated")
    assert len(groups(did, did_not)) == 2


def test_a_mention_joins_only_if_it_fits_every_member() -> None:
    serrano = report(document="doc_a", seq=1)
    portugal = report("Portugal visited Angola", document="doc_b", seq=2, actors=(PORTUGAL,))
    # Fits "Portugal" (a country stands for its people) but not Serrano: no chaining through it.
    other = report(document="doc_c", seq=3, actors=("ent_other_portuguese",), actor_country="PRT")
    assert groups(serrano, portugal, other) == [[serrano.event.id, portugal.event.id], [other.event.id]]


def test_without_shared_participants_words_or_day_there_is_no_support() -> None:
    nobody: dict[str, Any] = {"mode": None, "actors": (), "recipients": (), "actor_country": None}
    nobody["recipient_country"] = None
    vague = report("talks took place", document="doc_a", seq=1, **nobody)
    other = report("officials met", document="doc_b", seq=2, time="2024-03-05", **nobody)
    assert len(groups(vague, other)) == 2
    clause = report("the meeting was held", document="doc_a", seq=1, **nobody)
    clause = replace(clause, event=replace(clause.event, evidence=Span(start=19, end=39, text="the meeting was held")))
    first = replace(vague, event=replace(vague.event, time=None, time_source=None))
    assert len(groups(first, clause)) == 1  # adjacent clauses of one sentence


def test_the_merged_record_counts_articles_and_outlets_and_dates_the_reports() -> None:
    a = report("Serrano visited Angola on Monday", document="doc_a", seq=1, published="2024-03-05")
    a = replace(a, outlet="Lisbon Daily")
    a2 = report("Serrano met Kiala", document="doc_a", seq=1, mode=None, recipients=(KIALA,), published="2024-03-05")
    a2 = replace(a2, outlet="Lisbon Daily")
    copy = report("Serrano visited Angola on Monday", document="doc_c", seq=3, published="2024-03-07")
    copy = replace(copy, outlet="Lisbon Daily", original="doc_a")
    b = report("Serrano visited Angola", document="doc_b", seq=2, published="2024-03-06", outlet="Atlantic Herald")
    members = merge_reports([], [a, a2, b, copy])
    assert len(members) == 1
    merged = merged_event(members[0])
    assert merged.articles == 3
    assert merged.outlets == 2  # the near-duplicate is the same outlet again
    assert (merged.first_reported, merged.last_reported) == ("2024-03-05", "2024-03-07")
    assert [s.event_id for s in merged.sources] == [a.event.id, a2.event.id, b.event.id, copy.event.id]
    assert (merged.type, merged.mode, merged.actors, merged.recipients) == ("CONSULT", "visit", (SERRANO,), (ANGOLA,))
    assert merged.date == "2024-03-04"
    assert merged.disagreements == ()


def test_the_id_is_the_first_reports_and_survives_later_reports() -> None:
    a = report(document="doc_a", seq=1)
    b = report(document="doc_b", seq=2, time="2024-03-05")
    first = merge_reports([], [a])
    later = merge_reports(first, [b])
    assert merged_event_id(first[0]) == merged_event_id(later[0]) == merged_event(later[0]).id


def test_disagreements_keep_each_value_with_the_mentions_giving_it() -> None:
    a = report("killed 12 people on Monday", document="doc_a", seq=1, type="ASSAULT", mode=None, duration="P3D")
    b = report(
        "15 people were killed", document="doc_b", seq=2, type="ASSAULT", mode=None, time="2024-03-05", duration="P5D"
    )
    c = report(
        "Kiala's guards killed twelve people",
        document="doc_c",
        seq=3,
        type="ASSAULT",
        mode=None,
        actors=(SERRANO, KIALA),
        place=LUANDA,
        place_source="sentence",
    )
    d = report("the attack", document="doc_d", seq=4, type="ASSAULT", mode=None, place=ANGOLA, place_source="sentence")
    members = merge_reports([], [a, b, c, d])
    assert len(members) == 1
    found = {x.field: x.values for x in merged_event(members[0]).disagreements}
    assert found["date"] == (("2024-03-04", (a.event.id, c.event.id, d.event.id)), ("2024-03-05", (b.event.id,)))
    assert found["number"] == (("12 killed", (a.event.id, c.event.id)), ("15 killed", (b.event.id,)))
    assert found["duration"] == (("P3D", (a.event.id,)), ("P5D", (b.event.id,)))
    assert found["place"] == ((LUANDA, (c.event.id,)), (ANGOLA, (d.event.id,)))
    assert found["actors"] == (
        (SERRANO, (a.event.id, b.event.id, d.event.id)),
        (f"{KIALA},{SERRANO}" if KIALA < SERRANO else f"{SERRANO},{KIALA}", (c.event.id,)),
    )


def test_one_article_does_not_disagree_with_itself() -> None:
    a = report("killed 12 people", document="doc_a", seq=1, type="ASSAULT", mode=None)
    a2 = report("the toll rose to 15 killed", document="doc_a", seq=1, type="ASSAULT", mode=None)
    merged = merged_event(merge_reports([], [a, a2])[0])
    assert merged.disagreements == ()


def test_majority_of_articles_wins_and_ties_go_to_the_first_report() -> None:
    early = report(document="doc_a", seq=3, published="2024-03-05")
    late = report(document="doc_b", seq=1, published="2024-03-07", time="2024-03-05")
    assert merged_event([early, late]).date == "2024-03-04"  # first published, though stored later
    third = report(document="doc_c", seq=2, published="2024-03-08", time="2024-03-05")
    assert merged_event([early, late, third]).date == "2024-03-05"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killing 12 people and wounding dozens", {"killed": "12"}),
        ("15 people were killed", {"killed": "15"}),
        ("twelve dead", {"killed": "12"}),
        ("injuring 1,200 protesters", {"wounded": "1200"}),
        ("300 protesters marched", {"protesters": "300"}),
        ("a three-day ceasefire from 2024 for 72 hours", {}),
    ],
)
def test_figures_are_counts_by_what_they_count(text: str, expected: dict[str, str]) -> None:
    assert figures(text) == expected


def test_a_less_precise_date_is_no_disagreement() -> None:
    day = report("killed 12 people", document="doc_a", seq=1, type="ASSAULT", mode=None)
    month = report("killed 12 people", document="doc_b", seq=2, type="ASSAULT", mode=None, time="2024-03")
    week = report("killed 12 people", document="doc_c", seq=3, type="ASSAULT", mode=None, time="2024-W10")
    members = merge_reports([], [day, month, week])
    assert len(members) == 1
    merged = merged_event(members[0])
    assert merged.disagreements == ()
    assert merged.date == "2024-03-04"
