"""The query layer on a small hand-built corpus, on SQLite and PostgreSQL."""

from __future__ import annotations

from itertools import islice

import pytest
from query_samples import CORPUS, add_merged_event, add_story

from newsgraph import query as q
from newsgraph.query import cursor as cursor_module
from newsgraph.store import Store


def test_resolve_entity_by_id_name_alias(store: Store) -> None:
    assert q.resolve_entity(store, "ent_putin").name == "Vladimir Putin"
    assert q.resolve_entity(store, "vladimir PUTIN").id == "ent_putin"
    assert q.resolve_entity(store, "putin").id == "ent_putin"


def test_ambiguous_name_lists_candidates(store: Store) -> None:
    with pytest.raises(q.AmbiguousEntityError) as caught:
        q.resolve_entity(store, "Kim")
    assert {c.id for c in caught.value.candidates} == {"ent_kim1", "ent_kim2"}
    assert "pass one of these ids instead" in str(caught.value)
    assert "ent_kim1 (Kim, person, PRK)" in str(caught.value)


def test_unknown_name_suggests_similar(store: Store) -> None:
    with pytest.raises(q.EntityNotFoundError) as caught:
        q.resolve_entity(store, "Vladimir Zelensky")
    assert {c.id for c in caught.value.suggestions} >= {"ent_putin"}


def test_entity_profile(store: Store) -> None:
    profile = q.entity_profile(store, "Putin")
    assert (profile.name, profile.kind, profile.country, profile.aliases) == (
        "Vladimir Putin",
        "person",
        "RUS",
        ("Putin",),
    )
    assert profile.documents == 5
    assert (profile.events_as_actor, profile.events_as_recipient, profile.quotes) == (3, 2, 2)
    assert (profile.first_seen, profile.last_seen) == ("2019-01-10", "2020-02-01")
    assert profile.titles[0].title == "President" and profile.titles[0].document is None


def test_timeline_merges_events_and_quotes_in_date_order(store: Store) -> None:
    items = list(q.timeline(store, "Vladimir Putin"))
    assert [(i.date, i.kind) for i in items] == [
        ("2019-01-10", "event"),
        ("2019-01-10", "quote"),
        ("2019-03-05", "event"),
        ("2019-03-05", "event"),
        ("2019-12-31", "event"),
        ("2019-12-31", "event"),
        ("2020-02-01", "quote"),
    ]
    first = items[0]
    assert (first.type, first.mode, first.role) == ("CONSULT", "visit", "actor")
    assert [c.name for c in first.counterparts] == ["Xi Jinping"]
    assert first.document.url == "https://example.org/1" and first.document.source == "Example News"
    accused = next(i for i in items if i.type == "ACCUSE")
    assert accused.role == "recipient" and [c.id for c in accused.counterparts] == ["ent_zelensky"]
    assert items[1].text.startswith('"We are friends')


def test_timeline_filters(store: Store) -> None:
    kinds = {i.kind for i in q.timeline(store, "ent_putin", q.Filters(types=("CONSULT",)))}
    assert kinds == {"event"}
    window = list(q.timeline(store, "ent_putin", q.Filters(since="2019-03", until="2019-03")))
    assert {i.date for i in window} == {"2019-03-05"}
    other = list(q.timeline(store, "ent_putin", q.Filters(source="other wire")))
    assert [i.type for i in other] == ["ACCUSE"]
    with pytest.raises(q.QueryError, match="timeline cannot be filtered by actor"):
        list(q.timeline(store, "ent_putin", q.Filters(actor="Xi")))


def test_cursor_resumes_past_page_boundary(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cursor_module, "PAGE_SIZE", 2)
    for listing in (
        lambda after: q.timeline(store, "ent_putin", after=after),
        lambda after: q.events(store, after=after),
    ):
        everything = list(listing(None))
        assert len(everything) > 2
        resumed = list(listing(everything[2].cursor))
        assert [r.id for r in resumed] == [r.id for r in everything[3:]]
        assert len({r.id for r in everything}) == len(everything)


def test_cursor_of_another_list_is_refused(store: Store) -> None:
    event = next(q.events(store))
    with pytest.raises(q.QueryError, match="not a cursor of the quotes list"):
        list(q.quotes(store, after=event.cursor))
    with pytest.raises(q.QueryError):
        list(q.events(store, after="garbage!"))


def test_events_ordered_and_filtered(store: Store) -> None:
    rows = list(q.events(store))
    assert len(rows) == 6
    assert [(r.date, r.id) for r in rows] == sorted((r.date or "", r.id) for r in rows)
    assert [r.type for r in q.events(store, q.Filters(types=("ASSAULT",)))] == ["ASSAULT"]
    assert {r.type for r in q.events(store, q.Filters(actor="Xi"))} == {"AID"}
    assert {r.type for r in q.events(store, q.Filters(recipient="Xi"))} == {"CONSULT"}
    assert {r.type for r in q.events(store, q.Filters(country="PRK"))} == {"THREATEN"}
    assert {r.type for r in q.events(store, q.Filters(place="Moscow"))} == {"CONSULT"}
    assert len(list(q.events(store, q.Filters(since="2019-03-05", until="2019-12-31")))) == 4
    consult = next(q.events(store, q.Filters(place="Moscow")))
    assert (consult.quad_class, consult.intensity, consult.cameo) == ("verbal_cooperation", 3, "042")


def test_quotes_filters(store: Store) -> None:
    assert [r.speaker.id for r in q.quotes(store) if r.speaker] == ["ent_putin", "ent_zelensky", "ent_putin"]
    assert [r.kind for r in q.quotes(store, q.Filters(quote_kinds=("indirect",)))] == ["indirect"]
    assert len(list(q.quotes(store, q.Filters(entity="Putin", text="peace")))) == 1
    with pytest.raises(q.QueryError, match="quotes cannot be filtered by recipient"):
        list(q.quotes(store, q.Filters(recipient="Xi")))


def test_network_window(store: Store) -> None:
    graph = q.network(store, q.Filters(since="2019-01-01", until="2019-12-31"))
    assert {n.id for n in graph.nodes} == {"ent_putin", "ent_xi", "ent_zelensky"}
    edges = {(e.source, e.target): e for e in graph.edges}
    assert set(edges) == {
        ("ent_putin", "ent_xi"),
        ("ent_putin", "ent_zelensky"),
        ("ent_zelensky", "ent_putin"),
        ("ent_xi", "ent_putin"),
    }
    consult = edges[("ent_putin", "ent_xi")]
    assert (consult.events, consult.cooperation, consult.conflict, consult.intensity_sum) == (2, 2, 0, 6)
    assault = edges[("ent_putin", "ent_zelensky")]
    assert (assault.conflict, assault.intensity_mean) == (1, -9.0) or assault.conflict == 1
    putin = next(n for n in graph.nodes if n.id == "ent_putin")
    assert putin.events == 5 and putin.country == "RUS"
    assert q.network(store, q.Filters(since="2020-01-01")).edges[0].source == "ent_kim1"


def test_documents_listing_and_search(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cursor_module, "PAGE_SIZE", 2)
    ids = [d.id for d in q.documents(store)]
    assert ids == [a.document.id for a in CORPUS]
    assert [d.id for d in q.documents(store, after=next(islice(q.documents(store), 1, 2)).cursor)] == ids[2:]
    assert [d.id for d in q.documents(store, q.Filters(source="Other Wire"))] == ["doc_0003"]
    found = list(q.documents(store, q.Filters(text="resist")))
    assert [d.id for d in found] == ["doc_0002"] and found[0].snippet
    assert [d.id for d in q.documents(store, q.Filters(entity="Kim"[:0] + "ent_kim1"))] == ["doc_0005"]


def test_stories_and_merged_events(store: Store) -> None:
    assert list(q.stories(store)) == [] and list(q.merged_events(store)) == []
    add_story(store, "sto_b", ["doc_0004", "doc_0001"], "2019-01-10", "2019-12-31")
    add_story(store, "sto_a", ["doc_0005"], "2020-02-01", "2020-02-01")
    story = next(q.stories(store))
    assert story.id == "sto_b" and [d.id for d in story.documents] == ["doc_0001", "doc_0004"]
    assert [s.id for s in q.stories(store, q.Filters(since="2020-01-01"))] == ["sto_a"]
    assert [s.id for s in q.stories(store, q.Filters(entity="Xi"))] == ["sto_b"]
    consults = [e for a in CORPUS for e in a.events if e.type == "CONSULT"]
    add_merged_event(store, "mev_1", consults, story_id="sto_b")
    merged = list(q.merged_events(store, q.Filters(actor="Putin")))
    assert [m.id for m in merged] == ["mev_1"] and merged[0].articles == 2
    assert merged[0].actors[0].name == "Vladimir Putin" and merged[0].quad_class == "verbal_cooperation"
    assert list(q.merged_events(store, q.Filters(types=("ASSAULT",)))) == []


def test_filters_refuse_bad_values() -> None:
    with pytest.raises(q.QueryError, match="is not a date; use YYYY-MM-DD"):
        q.Filters(since="2019-02-30")
    with pytest.raises(q.QueryError, match="unknown PLOVER event type"):
        q.Filters(types=("MEET",))
    with pytest.raises(q.QueryError, match="swap them"):
        q.Filters(since="2020", until="2019")
