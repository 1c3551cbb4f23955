"""The lexicons' semantic constraints on real-news false events (``[triggers.object]``,
``needs_party``, adjectival participles, conditionals, questions), each with a sentence it must
suppress and one it must keep. Sentences written for these tests.

Since issue 14 a failed constraint is a flag the event classifier weighs rather than a drop: a
suppressed event may still be stored with a low confidence, so "suppressed" here means no event
a user sees by default (confidence at least the shipped threshold)."""

from __future__ import annotations

import pytest

from newsgraph.errors import ConfigError
from newsgraph.model import Document
from newsgraph.models import event_threshold
from newsgraph.ontology.lexicon import Lexicon

pytestmark = pytest.mark.model


def _events(pipeline, text: str):  # type: ignore[no-untyped-def]
    return pipeline.analyse(Document.create(text=text, published="2020-05-08")).events


def _types(pipeline, text: str) -> set[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return {(e.type, e.mode) for e in _events(pipeline, text)}


def _shown(pipeline, text: str) -> set[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    """The events a user sees by default: confidence at least the shipped threshold."""
    threshold = event_threshold()
    return {(e.type, e.mode) for e in _events(pipeline, text) if (e.provenance.confidence or 0) >= threshold}


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        # release: people, not books
        ("She released the tell-all book in May.", None),
        ("Hamas released three hostages on Monday.", ("RETREAT", "release")),
        ("According to a press release, the league suspended play.", None),
        # leave: a place, organisation or agreement, not a family
        ("She has left a family in ruin.", None),
        ("British troops left Basra.", ("RETREAT", "withdraw")),
        # train: forces
        ("How did you train as a kid?", None),
        ("The United States trained Afghan troops.", ("COOPERATE", None)),
        # support: a party or a policy
        ("The plan aims to support life forms.", None),
        ("Senator Warren supports the bill.", ("SUPPORT", None)),
        # reject: a party or its proposal
        ("He rejected the religion.", None),
        ("Iran rejected the proposal.", ("REJECT", None)),
        # talk: with a party
        ("She wasn't ready to talk about it.", None),
        ("Obama talked with Putin.", ("CONSULT", None)),
        # evacuate: people
        ("The building was evacuated.", None),
        ("Soldiers evacuated the residents.", ("AID", None)),
        # access: to a place
        ("The candidate is securing ballot access.", None),
        ("Sudan granted humanitarian access to Darfur.", ("RETREAT", "access")),
        # swear: revenge, not an oath of office
        ("Biden was sworn in as president.", None),
        # adjectival participles
        ("Senator Smith has alleged ties to the mafia.", None),
        ("Prosecutors accused Smith of fraud.", ("ACCUSE", "allege")),
        # a date is no march
        ("The law took effect in March.", None),
        ("Thousands of students marched in Paris.", ("PROTEST", "demo")),
    ],
)
def test_object_rules_and_parties(pipeline, sentence: str, event: tuple[str, str | None] | None) -> None:  # type: ignore[no-untyped-def]
    if event is None:
        assert _shown(pipeline, sentence) == set(), sentence
    else:
        assert event in _types(pipeline, sentence), sentence


def test_no_political_party_no_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _shown(pipeline, "The storm hit the coast on Tuesday.") == set()
    assert ("ASSAULT", None) in _types(pipeline, "Russian forces hit the town on Tuesday.")


def test_inherently_political_triggers_need_no_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert ("RETREAT", "ceasefire") in _types(pipeline, "A ceasefire began at dawn.")
    assert ("PROTEST", "riot") in _types(pipeline, "A riot broke out overnight.")


def test_conditional_participle_is_hypothetical(pipeline) -> None:  # type: ignore[no-untyped-def]
    # A conviction is an accusation or, as our gold codes criminal justice, a coercion: either
    # way it is only a condition here.
    events = _events(pipeline, "If convicted, Jones faces life in prison.")
    (event,) = [e for e in events if e.trigger is not None and e.trigger.text == "convicted"]
    assert event.type in ("ACCUSE", "COERCE") and event.modality == "hypothetical" and not event.actors


def test_question_is_not_asserted(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Did Russia attack Ukraine?")
    assert events and all(e.modality == "hypothetical" for e in events)
    assert _events(pipeline, "Russia attacked Ukraine.")[0].modality == "asserted"


def test_passive_participle_clause_takes_the_main_subject_as_recipient(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = pipeline.analyse(Document.create(text="Arrested in May, Navalny said he was innocent."))
    (event,) = [e for e in analysis.events if e.type == "COERCE"]
    names = {e.id: e.name for e in analysis.entities}
    assert not event.actors and [names[r] for r in event.recipients] == ["Navalny"]


def test_object_rule_errors_name_the_file() -> None:
    base = {"type": "RETREAT", "triggers": [{"verbs": ["release"], "object": {"kinds": ["book"]}}]}
    with pytest.raises(ConfigError, match=r"mine.toml: \[\[triggers\]\] #1: unknown object kind"):
        Lexicon.from_tables([("mine.toml", base)])
    bad = {"type": "RETREAT", "triggers": [{"verbs": ["release"], "object": {"wordz": ["x"]}}]}
    with pytest.raises(ConfigError, match="unknown key"):
        Lexicon.from_tables([("mine.toml", bad)])
    party = {"type": "RETREAT", "triggers": [{"verbs": ["release"], "needs_party": "no"}]}
    with pytest.raises(ConfigError, match="needs_party must be true or false"):
        Lexicon.from_tables([("mine.toml", party)])


def test_object_rule_is_read_from_data() -> None:
    table = {
        "type": "RETREAT",
        "triggers": [{"verbs": ["free"], "needs_party": False, "object": {"words": ["hostage"], "required": False}}],
    }
    (entry,) = Lexicon.from_tables([("mine.toml", table)]).verbs["free"]
    assert entry.object is not None and entry.object.words == {"hostage"} and not entry.object.required
    assert entry.needs_party is False
