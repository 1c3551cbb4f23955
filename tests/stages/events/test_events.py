"""The event stage on sentences written for these tests, with hand-built mentions and entities
where coreference would give them."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.model import Analysis, Document, Entity, Mention, Provenance, Quote, Span, Title, content_id
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.events import EventStage

pytestmark = pytest.mark.model
PROV = Provenance(stage="test", stage_version="0")


def _entity(name: str, kind: str, country: str | None = None, title: str | None = None) -> Entity:
    titles = (Title(title=title),) if title else ()
    return Entity(id=content_id("ent", name), name=name, kind=kind, provenance=PROV, country=country, titles=titles)


def _mention(doc_id: str, text: str, phrase: str, label: str, entity: Entity | None, members=()) -> Mention:  # type: ignore[no-untyped-def]
    start = text.index(phrase)
    return Mention(
        id=content_id("men", start, phrase),
        document_id=doc_id,
        span=Span.of(text, start, start + len(phrase)),
        label=label,
        provenance=PROV,
        entity_id=entity.id if entity else None,
        members=tuple(members),
    )


def run(nlp, text: str, names: dict[str, tuple[str, Entity | None]], quotes=(), **entities):  # type: ignore[no-untyped-def]
    document = Document.create(text=text, published="2025-05-08")
    mentions = tuple(_mention(document.id, text, phrase, label, entity) for phrase, (label, entity) in names.items())
    known = {e.id: e for _, e in names.values() if e is not None}
    analysis = Analysis(document=document, mentions=mentions, entities=tuple(known.values()), quotes=tuple(quotes))
    context = StageContext(analysis=analysis, doc=nlp(text), stage="events", version="1", model=None)
    result = EventStage(classifier=False)(context)  # the rules: the learned check is tested apart
    return result.events, {e.id: e.name for e in known.values()}


XI = _entity("Xi Jinping", "person", "CHN", "President")
PUTIN = _entity("Vladimir Putin", "person", "RUS", "President")
RUSSIA = _entity("Russia", "country", "RUS")
UKRAINE = _entity("Ukraine", "country", "UKR")
MOSCOW = _entity("Moscow", "place", "RUS")


def _named(events, names):  # type: ignore[no-untyped-def]
    return [(e.type, [names.get(a, a) for a in e.actors], [names.get(r, r) for r in e.recipients]) for e in events]


def test_light_verb_and_coordinated_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Xi and Putin held talks with Ukraine in Moscow on Tuesday."
    events, _names = run(
        nlp,
        text,
        {"Xi": ("PERSON", XI), "Putin": ("PERSON", PUTIN), "Ukraine": ("GPE", UKRAINE), "Moscow": ("GPE", MOSCOW)},
    )
    (event,) = events
    assert event.type == "CONSULT" and event.trigger is not None and event.trigger.text == "held talks"
    assert set(event.actors) == {XI.id, PUTIN.id} and event.recipients == (UKRAINE.id,)
    assert event.place == MOSCOW.id and event.modality == "asserted" and event.actor_sector == "GOV"
    assert event.evidence.text.startswith("Xi and Putin held talks")


def test_passive_gives_the_by_phrase_as_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A Ukrainian village was attacked by Russian forces."
    events, _ = run(nlp, text, {"Ukrainian": ("NORP", UKRAINE), "Russian": ("NORP", RUSSIA)})
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.actors == (RUSSIA.id,) and assault.recipients == (UKRAINE.id,)
    assert assault.actor_sector == "MIL" and assault.actor_country == "RUS"


def test_event_noun_with_participle_and_duration_left_to_time_stage(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A ceasefire declared by Russia began at dawn."
    events, _ = run(nlp, text, {"Russia": ("GPE", RUSSIA)})
    (event,) = events
    assert (event.type, event.mode, event.actors, event.cameo) == ("RETREAT", "ceasefire", (RUSSIA.id,), "0871")


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Russia did not attack Ukraine.", "negated"),
        ("Russia will attack Ukraine.", "future"),
        ("Russia is scheduled to visit Ukraine.", "future"),
        ("Russia could attack Ukraine.", "hypothetical"),
        ("Russia attacked Ukraine.", "asserted"),
    ],
)
def test_modality(nlp, sentence: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    events, _ = run(nlp, sentence, {"Russia": ("GPE", RUSSIA), "Ukraine": ("GPE", UKRAINE)})
    assert events[0].modality == modality, sentence
    assert events[0].actors == (RUSSIA.id,)


def test_threatened_act_is_hypothetical_and_the_threat_asserted(nlp) -> None:  # type: ignore[no-untyped-def]
    events, _ = run(
        nlp, "Russia threatened to attack Ukraine.", {"Russia": ("GPE", RUSSIA), "Ukraine": ("GPE", UKRAINE)}
    )
    by_type = {e.type: e for e in events}
    assert by_type["THREATEN"].modality == "asserted" and by_type["THREATEN"].actors == (RUSSIA.id,)
    assert by_type["ASSAULT"].modality == "hypothetical" and by_type["ASSAULT"].recipients == (UKRAINE.id,)


def test_event_in_a_quote_is_reported_by_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Putin said, "Russia attacked Ukraine."'
    start = text.index('"')
    quote = Quote(
        id="quo_1", document_id="doc", span=Span.of(text, start, len(text)), kind="direct", provenance=PROV,
        speaker_entity_id=PUTIN.id,
    )  # fmt: skip
    events, _ = run(
        nlp, text, {"Putin": ("PERSON", PUTIN), "Russia": ("GPE", RUSSIA), "Ukraine": ("GPE", UKRAINE)}, quotes=(quote,)
    )
    (event,) = events
    assert event.modality == "reported" and event.reported_by == PUTIN.id and event.actors == (RUSSIA.id,)


def test_pronoun_in_reported_speech_falls_back_to_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    events, _ = run(nlp, "Russia said it would withdraw its troops.", {"Russia": ("GPE", RUSSIA)})
    (event,) = events
    assert (event.type, event.modality, event.actors) == ("RETREAT", "future", (RUSSIA.id,))


def test_obligation_in_reported_speech_is_a_request(nlp) -> None:  # type: ignore[no-untyped-def]
    events, _ = run(
        nlp, "Russia said Ukraine must return the ship.", {"Russia": ("GPE", RUSSIA), "Ukraine": ("GPE", UKRAINE)}
    )
    request = next(e for e in events if e.type == "REQUEST")
    assert request.actors == (RUSSIA.id,) and request.recipients == (UKRAINE.id,)


def test_group_mention_gives_its_members_as_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The two leaders will sign an agreement."
    document = Document.create(text=text)
    group = dataclasses.replace(
        _mention(document.id, text, "The two leaders", "GROUP", None), members=(XI.id, PUTIN.id)
    )
    analysis = Analysis(document=document, mentions=(group,), entities=(XI, PUTIN))
    context = StageContext(analysis=analysis, doc=nlp(text), stage="events", version="1", model=None)
    (event, *_) = EventStage(classifier=False)(context).events
    assert (event.type, event.modality, event.actors) == ("AGREE", "future", (XI.id, PUTIN.id))


def test_without_entities_the_mention_text_stands_in(nlp) -> None:  # type: ignore[no-untyped-def]
    events, _ = run(nlp, "Freedonia attacked Sylvania.", {"Freedonia": ("GPE", None), "Sylvania": ("GPE", None)})
    assert _named(events, {}) == [("ASSAULT", ["Freedonia"], ["Sylvania"])]


def test_no_event_without_a_trigger(nlp) -> None:  # type: ignore[no-untyped-def]
    events, _ = run(nlp, "The weather in Moscow was mild.", {"Moscow": ("GPE", MOSCOW)})
    assert events == ()


def test_stage_runs_in_the_default_pipeline(pipeline) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.model import Document as Doc

    analysis = pipeline.analyse(Doc.create(text="Chinese President Xi Jinping visited Russia on Monday."))
    consult = next(e for e in analysis.events if e.type == "CONSULT")
    names = {e.id: e.name for e in analysis.entities}
    assert consult.mode == "visit" and names[consult.actors[0]] == "Xi Jinping"
    assert consult.actor_country == "CHN"


def test_reporter_is_not_the_actor_of_a_reported_event_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Tass said that the minister's trip is planned for June, the day of the military parade."
    tass = _entity("Tass", "organisation", "RUS")
    events, _ = run(nlp, text, {"Tass": ("ORG", tass)})
    parades = [e for e in events if e.type == "MOBILIZE"]
    assert parades and not parades[0].actors


def test_first_person_content_gives_the_speaker_as_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Putin said that we will sign the agreement."
    events, _ = run(nlp, text, {"Putin": ("PERSON", PUTIN)})
    agree = [e for e in events if e.type == "AGREE"]
    assert agree and agree[0].actors == (PUTIN.id,)


def test_reported_attack_is_an_accusation_by_the_reporter(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ukraine reported repeated attacks by Russian troops near the border."
    events, _ = run(nlp, text, {"Ukraine": ("GPE", UKRAINE), "Russian": ("NORP", RUSSIA)})
    accuse = [e for e in events if e.type == "ACCUSE"]
    assault = [e for e in events if e.type == "ASSAULT"]
    assert accuse and accuse[0].actors == (UKRAINE.id,) and accuse[0].recipients == (RUSSIA.id,)
    assert assault and assault[0].modality == "reported" and assault[0].reported_by == UKRAINE.id


def test_circumstance_of_a_report_is_no_accusation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ukraine announced new talks with Moldova, a day after Russian troops attacked Kharkiv."
    events, _ = run(nlp, text, {"Ukraine": ("GPE", UKRAINE), "Russian": ("NORP", RUSSIA)})
    assert not [e for e in events if e.type == "ACCUSE"]


def test_exact_duplicates_are_removed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The joint declaration signed by Xi and Putin emphasizes their commitment to peace."
    events, _ = run(nlp, text, {"Xi": ("PERSON", XI), "Putin": ("PERSON", PUTIN)})
    keys = [(e.type, e.actors, e.recipients, e.evidence.start, e.evidence.end) for e in events]
    assert len(keys) == len(set(keys))


def test_pride_parade_is_no_mobilization(nlp) -> None:  # type: ignore[no-untyped-def]
    events, _ = run(nlp, "Thousands watched the pride parade on Sunday.", {})
    assert not [e for e in events if e.type == "MOBILIZE"]
