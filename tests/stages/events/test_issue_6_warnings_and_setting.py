"""Issue 6 (Events: PLOVER): warnings told as what a speaker cannot or will not do, events told in
a quotation dated by the quotation, and the place of an event whose sentence names none. All
sentences are written for these tests; mentions, quotes and time expressions are built by hand
where the earlier stages would give them."""

from __future__ import annotations

import pytest

from newsgraph.model import (
    Analysis,
    Document,
    Entity,
    Event,
    Mention,
    Provenance,
    Quote,
    Span,
    TimeExpression,
    content_id,
)
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.events import EventStage

pytestmark = pytest.mark.model
PROV = Provenance(stage="test", stage_version="0")


def _entity(name: str, kind: str, country: str | None = None) -> Entity:
    return Entity(id=content_id("ent", name), name=name, kind=kind, provenance=PROV, country=country)


PETROV = _entity("Ivan Petrov", "person", "RUS")
SYLVANIA = _entity("Sylvania", "country", "SYL")
RUSSIA = _entity("Russia", "country", "RUS")
ODESSA = _entity("Odessa", "place", "UKR")
KHARKIV = _entity("Kharkiv", "place", "UKR")
TASS = _entity("Tass", "organisation", "RUS")


def _mentions(document: Document, names: dict[str, tuple[str, Entity]]) -> tuple[Mention, ...]:
    found = []
    for phrase, (label, entity) in names.items():
        start = document.text.index(phrase)
        found.append(
            Mention(
                id=content_id("men", start, phrase),
                document_id=document.id,
                span=Span.of(document.text, start, start + len(phrase)),
                label=label,
                provenance=PROV,
                entity_id=entity.id,
            )
        )
    return tuple(found)


def _date(document: Document, phrase: str, value: str) -> TimeExpression:
    start = document.text.index(phrase)
    return TimeExpression(
        id=content_id("tmx", start),
        document_id=document.id,
        span=Span.of(document.text, start, start + len(phrase)),
        type="DATE",
        value=value,
        provenance=PROV,
    )


def _events(  # type: ignore[no-untyped-def]
    nlp, text: str, names: dict[str, tuple[str, Entity]], dates=(), quote: tuple[str, Entity, str] | None = None
) -> tuple[Event, ...]:
    """The events of ``text``; ``dates`` are (phrase, value) pairs, ``quote`` is (quoted words,
    speaker, time of saying) for one direct quotation."""
    document = Document.create(text=text, published="2025-05-08")
    quotes = ()
    if quote is not None:
        words, speaker, said = quote
        start = text.index(words)
        quotes = (
            Quote(
                id="quo_1",
                document_id=document.id,
                span=Span.of(text, start, start + len(words)),
                kind="direct",
                provenance=PROV,
                speaker_entity_id=speaker.id,
                time=said,
                time_source="expression",
            ),
        )
    analysis = Analysis(
        document=document,
        mentions=_mentions(document, names),
        entities=tuple({e.id: e for _, e in names.values()}.values()),
        time_expressions=tuple(_date(document, phrase, value) for phrase, value in dates),
        quotes=quotes,
    )
    context = StageContext(analysis=analysis, doc=nlp(text), stage="events", version="1", model=None)
    return EventStage(classifier=False)(context).events  # the rules: the learned check is tested apart


# --- warnings told negated ------------------------------------------------------------------


def test_quoted_disclaimer_is_a_warning_by_the_speaker_dated_when_said(nlp) -> None:  # type: ignore[no-untyped-def]
    words = (
        "Our advice is plain for all delegations travelling to Odessa on June 9: "
        "we cannot be held responsible for any losses."
    )
    text = f'On June 2, Petrov said, "{words}"'
    events = _events(
        nlp,
        text,
        {"Petrov": ("PERSON", PETROV), "Odessa": ("GPE", ODESSA)},
        dates=(("June 2", "2025-06-02"), ("June 9", "2025-06-09")),
        quote=(words, PETROV, "2025-06-02"),
    )
    threats = [e for e in events if e.type == "THREATEN"]
    assert not [e for e in events if e.type == "ACCUSE"], "a disclaimer is no negated accusation"
    (threat,) = threats
    assert threat.actors == (PETROV.id,) and threat.trigger is not None
    assert threat.trigger.text == "cannot be held responsible"
    assert (threat.modality, threat.reported_by) == ("reported", PETROV.id)
    # June 9 is in the quotation but dates the travel, not the warning: it was said on June 2.
    assert (threat.time, threat.time_source) == ("2025-06-02", "expression")
    sailing = next(e for e in events if e.type == "CONSULT")
    assert sailing.time == "2025-06-09"


@pytest.mark.parametrize(
    "sentence",
    ["Sylvania will not tolerate provocations on its border.", "Sylvania cannot guarantee the safety of tourists."],
)
def test_negated_warning_phrase_is_an_asserted_threat(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, sentence, {"Sylvania": ("GPE", SYLVANIA)})
    (threat,) = [e for e in events if e.type == "THREATEN"]
    assert threat.actors == (SYLVANIA.id,) and threat.modality == "asserted"


def test_plain_negation_is_no_warning(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "Sylvania was not held responsible for the spill.", {"Sylvania": ("GPE", SYLVANIA)})
    assert not [e for e in events if e.type == "THREATEN"]
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert accuse.modality == "negated"


def test_warning_inside_a_warning_is_one_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Petrov warned that Sylvania cannot guarantee the safety of visiting diplomats."
    events = _events(nlp, text, {"Petrov": ("PERSON", PETROV), "Sylvania": ("GPE", SYLVANIA)})
    (threat,) = [e for e in events if e.type == "THREATEN"]
    assert threat.actors == (PETROV.id,)


# --- where an event happened when its sentence does not say ----------------------------------


def test_event_in_a_placeless_sentence_takes_the_document_location(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Petrov arrived in Odessa on Monday for talks.\n\nTass said a military parade is planned for Friday."
    events = _events(nlp, text, {"Petrov": ("PERSON", PETROV), "Odessa": ("GPE", ODESSA), "Tass": ("ORG", TASS)})
    (parade,) = [e for e in events if e.type == "MOBILIZE"]
    assert (parade.place, parade.place_source) == (ODESSA.id, "document")
    arrival = next(e for e in events if e.type == "CONSULT")
    assert (arrival.place, arrival.place_source) == (ODESSA.id, "sentence")


def test_earlier_sentence_of_the_paragraph_sets_the_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Petrov arrived in Odessa for talks.\n\n"
        "Shelling went on overnight in Kharkiv. Officials reported new attacks by Russian troops."
    )
    names = {"Petrov": ("PERSON", PETROV), "Odessa": ("GPE", ODESSA), "Kharkiv": ("GPE", KHARKIV)}
    events = _events(nlp, text, {**names, "Russian": ("NORP", RUSSIA)})
    attack = next(e for e in events if e.type == "ASSAULT" and e.actors == (RUSSIA.id,))
    assert (attack.place, attack.place_source) == (KHARKIV.id, "paragraph")
    # Its actor's country comes from the actor, never from a place guessed from the context.
    assert attack.actor_country == "RUS"


def test_sentence_naming_a_place_gets_no_guessed_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Petrov arrived in Odessa for talks. Russia and Sylvania signed an agreement."
    names = {"Petrov": ("PERSON", PETROV), "Odessa": ("GPE", ODESSA), "Russia": ("GPE", RUSSIA)}
    events = _events(nlp, text, {**names, "Sylvania": ("GPE", SYLVANIA)})
    agree = next(e for e in events if e.type == "AGREE")
    assert agree.place is None and agree.place_source is None


def test_dateline_gives_the_document_location(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "KHARKIV, May 8 (Wire) - Petrov held talks with Tass editors.\n\nA military parade was held on Friday."
    names = {"KHARKIV": ("GPE", KHARKIV), "Petrov": ("PERSON", PETROV), "Tass": ("ORG", TASS)}
    events = _events(nlp, text, names)
    talks = next(e for e in events if e.type == "CONSULT")
    assert (talks.place, talks.place_source) == (KHARKIV.id, "document")
