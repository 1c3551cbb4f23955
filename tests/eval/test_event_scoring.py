"""Scoring events against our gold set, on an article and predictions written here: pairing by
type within a sentence, participants by mention or name, dates, calibration."""

from __future__ import annotations

from newsgraph.eval.event_gold import Article, GoldEvent, Participant, Sentence
from newsgraph.eval.event_scoring import EventScore, label_candidates, pair_candidates, predicted_events
from newsgraph.model import Analysis, Document, Entity, Event, Mention, Provenance, Span

TEXT = "Police arrested Ivan Petrov on Monday. He said troops shelled Kharkiv. The weather was fine."
# sentence bounds: [0, 38), [39, 70), [71, 92)


def _span(words: str, start: int = 0) -> Span:
    at = TEXT.index(words, start)
    return Span(start=at, end=at + len(words), text=words)


def _prov(confidence: float | None = None) -> Provenance:
    return Provenance(stage="events", stage_version="6", confidence=confidence)


def _event(
    kind: str, trigger: str, *, actors=(), recipients=(), modality="asserted", time="2020-03-02", confidence=None
):  # type: ignore[no-untyped-def]
    span = _span(trigger)
    return Event(
        id=f"evt_{trigger}_{kind}",
        document_id="doc",
        type=kind,
        evidence=span,
        trigger=span,
        provenance=_prov(confidence),
        actors=tuple(actors),
        recipients=tuple(recipients),
        modality=modality,
        time=time,
    )


ENTITIES = (
    Entity(id="ent_police", name="Russian police", kind="group", provenance=_prov(), country="RUS"),
    Entity(id="ent_petrov", name="Ivan Petrov", kind="person", provenance=_prov(), aliases=("Petrov",)),
    Entity(id="ent_kharkiv", name="Kharkiv", kind="place", provenance=_prov(), country="UKR"),
    Entity(id="ent_russia", name="Russia", kind="country", provenance=_prov(), country="RUS"),
)
MENTIONS = (
    Mention(
        id="m1", document_id="doc", span=_span("Police"), label="SECTOR", provenance=_prov(), entity_id="ent_police"
    ),
    Mention(
        id="m2",
        document_id="doc",
        span=_span("Ivan Petrov"),
        label="PERSON",
        provenance=_prov(),
        entity_id="ent_petrov",
    ),
    Mention(id="m3", document_id="doc", span=_span("He"), label="PRON", provenance=_prov(), entity_id="ent_russia"),
    Mention(
        id="m4", document_id="doc", span=_span("Kharkiv"), label="GPE", provenance=_prov(), entity_id="ent_kharkiv"
    ),
)
ARTICLE = Article(
    url="u",
    published="2020-03-03",
    split="dev",
    text_sha256="0" * 64,
    sentences=(
        Sentence(
            start=0,
            end=38,
            events=(
                GoldEvent(
                    type="COERCE",
                    trigger=(7, 15),
                    modality="asserted",
                    actors=(Participant(name="police", start=0, end=6),),
                    recipients=(Participant(name="Ivan Petrov", start=16, end=27),),
                    date="2020-03-02",
                ),
            ),
        ),
        Sentence(
            start=39,
            end=70,
            events=(
                GoldEvent(
                    type="ASSAULT",
                    trigger=(54, 61),
                    modality="reported",
                    actors=(Participant(name="Russian troops", start=47, end=53),),
                    recipients=(Participant(name="Kharkiv", start=62, end=69),),
                    reported_by="Ivan Petrov",
                    date="2020-03-02",
                ),
            ),
        ),
        Sentence(start=71, end=92),
    ),
)


def _analysis(*events: Event) -> Analysis:
    document = Document(id="doc", text=TEXT, published="2020-03-03")
    return Analysis(document=document, mentions=MENTIONS, entities=ENTITIES, events=events)


def test_sentence_bounds_of_the_article_match_the_text() -> None:
    first = ARTICLE.sentences[0]
    assert TEXT[first.start : first.end] == "Police arrested Ivan Petrov on Monday."


def test_events_pair_by_type_within_a_sentence_and_fields_are_scored() -> None:
    score = EventScore()
    analysis = _analysis(
        _event("COERCE", "arrested", actors=["ent_police"], recipients=["ent_petrov"]),
        _event("ASSAULT", "shelled", actors=["ent_russia"], recipients=["ent_kharkiv"], modality="asserted"),
        _event("ACCUSE", "said", actors=["ent_petrov"]),  # no ACCUSE in gold: a false positive
        _event("ASSAULT", "weather", time=None),  # a sentence with no event: a false positive
    )
    score.add(ARTICLE, TEXT, predicted_events(analysis), keep_errors=True)
    report = score.report()
    assert (report["gold_events"], report["predicted_events"], report["paired_events"]) == (2, 4, 2)
    assert report["precision"] == 0.5 and report["recall"] == 1.0
    # Actor of the shelling: Russia's only mention is the pronoun "He", and the gold words are
    # "troops": no overlap, and "Russia" is not "Russian troops" by name: wrong. The arrest is
    # right in every field; the shelling is wrong in actor and modality.
    assert report["on_paired"]["actor"] == 0.5 and report["on_paired"]["recipient"] == 1.0
    assert report["on_paired"]["modality"] == 0.5 and report["on_paired"]["date"] == 1.0
    assert report["all_fields_right"] == 0.25
    assert report["sentences_without_event"] == 1 and report["of_which_with_a_prediction"] == 1
    assert {e["kind"] for e in score.errors} == {"field", "false_positive"}


def test_a_pronoun_mention_of_the_wrong_entity_never_makes_a_participant_right() -> None:
    article = Article(
        url="u",
        published="2020-03-03",
        split="dev",
        text_sha256="0" * 64,
        sentences=(
            Sentence(
                start=39,
                end=70,
                events=(GoldEvent(type="ACCUSE", trigger=(42, 46), modality="asserted",
                                  actors=(Participant(name="Ivan Petrov", start=39, end=41),)),),  # "He"
            ),
        ),
    )  # fmt: skip
    score = EventScore()
    score.add(article, TEXT, predicted_events(_analysis(_event("ACCUSE", "said", actors=["ent_russia"]))))
    assert score.report()["on_paired"]["actor"] == 0.0
    score = EventScore()
    score.add(article, TEXT, predicted_events(_analysis(_event("ACCUSE", "said", actors=["ent_petrov"]))))
    assert score.report()["on_paired"]["actor"] == 1.0


def test_min_confidence_and_the_reliability_table() -> None:
    analysis = _analysis(
        _event("COERCE", "arrested", actors=["ent_police"], recipients=["ent_petrov"], confidence=0.9),
        _event("ACCUSE", "said", confidence=0.3),
    )
    assert [p.event.type for p in predicted_events(analysis, 0.5)] == ["COERCE"]
    score = EventScore()
    score.add(ARTICLE, TEXT, predicted_events(analysis))
    table, ece = score.reliability()
    assert [(row["bin"], row["events"], row["right"]) for row in table] == [("0.3-0.4", 1, 0.0), ("0.9-1.0", 1, 1.0)]
    assert ece == round((0.1 + 0.3) / 2, 4)


def test_candidates_are_labelled_one_to_one_overlapping_triggers_first() -> None:
    events = [
        _event("COERCE", "Police"),  # same type, same sentence, but the gold trigger is "arrested"
        _event("COERCE", "arrested"),
        _event("ASSAULT", "Kharkiv"),
    ]
    assert label_candidates(ARTICLE, events) == [False, True, True]
    assert [g.type if g else None for g in pair_candidates(ARTICLE, events)] == [None, "COERCE", "ASSAULT"]
