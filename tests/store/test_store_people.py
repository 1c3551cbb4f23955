"""``Store.people_named``: the short-name lookup behind cross-document linking, on both backends."""

from __future__ import annotations

from newsgraph.model import Analysis, Document, Entity, Provenance
from newsgraph.store import Store

PROVENANCE = Provenance(stage="entities", stage_version="1")


def _store_people(store: Store, *names: str) -> None:
    document = Document.create(text="People in the news: " + ", ".join(names) + ".")
    people = tuple(
        Entity(id=f"ent_{i}", name=name, kind="person", provenance=PROVENANCE) for i, name in enumerate(names)
    )
    place = Entity(id="ent_place", name="Ann Arbor", kind="place", provenance=PROVENANCE)
    assert store.add(Analysis(document=document, entities=(*people, place)))


def test_a_short_name_finds_people_with_that_word_in_their_name(store: Store) -> None:
    _store_people(store, "Ann Lee", "Lee Ann Womack", "Annika Berg", "Mary Ann Cole")
    assert sorted(e.name for e in store.people_named("ann")) == ["Ann Lee", "Lee Ann Womack", "Mary Ann Cole"]
    assert store.people_named("  ") == []


def test_wildcards_in_the_word_match_only_themselves(store: Store) -> None:
    _store_people(store, "Ann Lee", "A_n Lee", "Bo 100% Smith")
    assert [e.name for e in store.people_named("A_n")] == ["A_n Lee"]
    assert store.people_named("%") == []
    assert [e.name for e in store.people_named("100%")] == ["Bo 100% Smith"]
