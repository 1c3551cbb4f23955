"""Short names across documents: linked when one person fits, refused when several do."""

from __future__ import annotations

from newsgraph.linking import Linker, link_short_names
from newsgraph.model import Analysis, Document, Entity, Mention, Provenance, Span, content_id

PROVENANCE = Provenance(stage="test", stage_version="1")


def person(name: str, country: str | None = None) -> Entity:
    return Entity(
        id=content_id("ent", "person", name.lower()), name=name, kind="person", provenance=PROVENANCE, country=country
    )


def analysis_naming(text: str, *entities: Entity) -> Analysis:
    document = Document.create(text=text)
    mentions = []
    for entity in entities:
        start = text.index(entity.name)
        span = Span.of(text, start, start + len(entity.name))
        mentions.append(
            Mention(
                id=content_id("men", start),
                document_id=document.id,
                span=span,
                label="PERSON",
                provenance=PROVENANCE,
                entity_id=entity.id,
            )
        )
    return Analysis(document=document, mentions=tuple(mentions), entities=entities)


def test_a_short_name_links_to_the_one_known_full_name() -> None:
    xi_jinping, xi = person("Xi Jinping", "CHN"), person("Xi")
    result = link_short_names(analysis_naming("Xi spoke.", xi), lambda word: [xi_jinping])
    [entity] = result.analysis.entities
    assert entity.id == xi_jinping.id and entity.name == "Xi Jinping" and "Xi" in entity.aliases
    assert result.analysis.mentions[0].entity_id == xi_jinping.id
    assert result.refused == ()


def test_two_people_sharing_a_surname_are_refused_not_merged() -> None:
    donald, melania, trump = person("Donald Trump"), person("Melania Trump"), person("Trump")
    result = link_short_names(analysis_naming("Trump spoke.", trump), lambda word: [donald, melania])
    assert result.analysis.entities == (trump,)
    assert [(r.name, r.candidates) for r in result.refused] == [("Trump", ("Donald Trump", "Melania Trump"))]


def test_countries_that_disagree_block_a_link() -> None:
    result = link_short_names(
        analysis_naming("Kim spoke.", person("Kim", "KOR")), lambda word: [person("Kim Jong Un", "PRK")]
    )
    assert result.analysis.entities[0].name == "Kim"


def test_the_linker_remembers_people_from_earlier_documents_of_the_run() -> None:
    linker = Linker()
    putin = person("Vladimir Putin", "RUS")
    linker.link(analysis_naming("Vladimir Putin spoke.", putin))
    later = linker.link(analysis_naming("Putin left.", person("Putin")))
    assert later.mentions[0].entity_id == putin.id


def test_ingest_links_short_names_to_the_store(pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.api import ingest, open_store

    (tmp_path / "a.txt").write_text("Kenyan President William Ruto visited Addis Ababa on Monday.\n")
    (tmp_path / "b.txt").write_text("Ruto returned to Nairobi on Tuesday after the summit ended.\n")
    db = str(tmp_path / "news.db")
    ingest([str(tmp_path / "a.txt")], db=db, pipeline=pipeline)
    ingest([str(tmp_path / "b.txt")], db=db, pipeline=pipeline)
    with open_store(db) as store:
        [ruto] = store.people_named("Ruto")
        assert ruto.name == "William Ruto"
        later = [store.get_analysis(d.id) for d in store.iter_documents()][1]
        assert later is not None
        [mention] = [m for m in later.mentions if m.span.text == "Ruto"]
        assert mention.entity_id == ruto.id
