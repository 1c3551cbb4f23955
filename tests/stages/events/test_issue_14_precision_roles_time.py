"""Issue 14: candidates the rules propose and the learned check decides; roles of collective
actors; modality of speech acts; dates and background. On sentences written for these tests,
run through the whole pipeline (names, coreference and groups as ingest gives them)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from newsgraph.model import Analysis, Document
from newsgraph.models import event_model_card, event_threshold
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.events import EventStage
from newsgraph.stages.events.candidates import FLAGS, RULE_DROPS
from newsgraph.stages.events.classifier import load_classifier
from newsgraph.stages.events.features import candidate_vectors, iter_features, vector_width

pytestmark = pytest.mark.model


def analyse(pipeline, text: str, published: str = "2020-03-06"):  # type: ignore[no-untyped-def]
    """The whole pipeline's analysis of ``text``, its parse, and the event stage's context."""
    document = Document.create(text=text, published=published)
    doc = pipeline.nlp(text)
    analysis = pipeline.apply(document, doc)
    assert isinstance(analysis, Analysis)
    before = dataclasses.replace(analysis, events=())
    context = StageContext(analysis=before, doc=doc, stage="events", version="6", model=None)
    return analysis, doc, context


def _named(analysis: Analysis):  # type: ignore[no-untyped-def]
    names = {e.id: e.name for e in analysis.entities}
    return [
        (
            e.type,
            e.trigger.text if e.trigger else None,
            [names.get(a, a) for a in e.actors],
            [names.get(r, r) for r in e.recipients],
        )
        for e in analysis.events
    ]


# --- the shipped classifier ---------------------------------------------------------------


def test_the_shipped_classifier_loads_and_its_card_says_how_it_was_made() -> None:
    classifier = load_classifier()
    assert classifier is not None, "newsgraph/models/events.npz is missing: run `make train-events`"
    card = event_model_card()
    assert 0 < classifier.floor < event_threshold() < 1
    assert card["rebuild"] == "make train-events" and "dev" in card["calibrated_on"]
    assert card["dev_at_threshold"]["precision"] >= card["target_precision"] == 0.85
    assert classifier.background is not None


def test_every_event_has_a_confidence_in_range_and_the_check_can_be_turned_off(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Police in Belgrade arrested at least 71 protesters on Friday. Russian troops shelled Kharkiv."
    analysis, _, context = analyse(pipeline, text)
    assert analysis.events and all(0 <= (e.provenance.confidence or -1) <= 1 for e in analysis.events)
    floor = load_classifier().floor  # type: ignore[union-attr]
    assert all(e.provenance.confidence >= floor for e in analysis.events)  # type: ignore[operator]
    rules = EventStage(classifier=False)(context)
    assert rules.events and all(e.provenance.confidence is None for e in rules.events)


def test_features_and_vectors_line_up_with_the_weights(pipeline) -> None:  # type: ignore[no-untyped-def]
    _, doc, context = analyse(pipeline, "The army attacked rebel positions near Idlib on Monday.")
    candidates, index = EventStage(classifier=False).candidates(context)
    assert candidates
    vectors = candidate_vectors(doc, candidates)
    classifier = load_classifier()
    assert classifier is not None
    assert vectors.shape == (len(candidates), vector_width(doc)) == (len(candidates), classifier.event.dense.shape[0])
    assert np.abs(vectors[:, -96:]).sum() > 0, "the contextual vectors (doc.tensor) are used"
    features = list(iter_features(doc, candidates, index, classifier.sector_words, "2020-03-06"))
    assert all("type=ASSAULT" in f or "type=" in " ".join(f) for f in features)
    scores = classifier.score(doc, candidates, index, "2020-03-06")
    assert len(scores.confidences) == len(candidates) and scores.backgrounds is not None


def test_the_learned_check_ranks_a_real_attack_above_a_metaphor(pipeline) -> None:  # type: ignore[no-untyped-def]
    real, _, _ = analyse(
        pipeline, "Syrian government forces attacked rebel positions near Idlib on Monday, killing 12 fighters."
    )
    rhetoric, _, _ = analyse(pipeline, "The senator said she would keep fighting for working families in her district.")
    attack = max((e.provenance.confidence or 0) for e in real.events if e.type == "ASSAULT")
    fight = max((e.provenance.confidence or 0 for e in rhetoric.events if e.type == "ASSAULT"), default=0.0)
    assert attack > fight and fight < event_threshold()


# --- candidates ------------------------------------------------------------------------------


def test_a_word_several_types_hold_is_proposed_as_each_and_one_reading_is_kept(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis, _, context = analyse(pipeline, "Prosecutors charged the former minister with corruption on Tuesday.")
    candidates, _ = EventStage(classifier=False).candidates(context)
    readings = {c.event.type for c in candidates if c.trigger.token.text == "charged"}
    assert {"ACCUSE", "COERCE"} <= readings
    kept = [e for e in analysis.events if e.trigger and e.trigger.text == "charged"]
    assert len(kept) <= 1


def test_rule_flags_are_documented_and_drop_candidates_without_the_classifier(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert set(FLAGS) > RULE_DROPS and "derived" not in RULE_DROPS
    _, _, context = analyse(pipeline, "The storm hit the coast and the band released a new album.")
    candidates, _ = EventStage(classifier=False).candidates(context)
    assert candidates and all(c.flags for c in candidates)
    assert EventStage(classifier=False)(context).events == ()


def test_a_phrasal_verb_with_another_particle_is_flagged(pipeline) -> None:  # type: ignore[no-untyped-def]
    _, _, context = analyse(pipeline, "The new governor was sworn in on Friday.")
    candidates, _ = EventStage(classifier=False).candidates(context)
    sworn = [c for c in candidates if c.trigger.token.lemma_ == "swear"]
    assert all("particle" in c.flags for c in sworn)


def test_a_negated_cooperative_act_is_also_read_as_a_refusal(pipeline) -> None:  # type: ignore[no-untyped-def]
    _, _, context = analyse(pipeline, "Iran has not accepted the European offer of new talks.")
    candidates, _ = EventStage(classifier=False).candidates(context)
    refusals = [c for c in candidates if "refusal" in c.flags]
    assert refusals and all(c.event.type == "REJECT" and c.event.modality == "asserted" for c in refusals)


def test_told_to_is_an_instruction(pipeline) -> None:  # type: ignore[no-untyped-def]
    _, _, context = analyse(pipeline, "The governor of Ohio told residents to stay at home.")
    events = EventStage(classifier=False)(context).events
    assert [(e.type, e.trigger.text if e.trigger else None) for e in events] == [("REQUEST", "told")]


# --- roles ------------------------------------------------------------------------------------


def test_collective_actors_become_group_entities_of_their_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis, _, _ = analyse(pipeline, "Police in Belgrade arrested at least 71 protesters on Friday.")
    groups = {e.name: e.country for e in analysis.entities if e.kind == "group"}
    assert groups == {"Serbian police": "SRB", "Serbian protesters": "SRB"}
    rules = EventStage(classifier=False)
    _, _, context = analyse(pipeline, "Police in Belgrade arrested at least 71 protesters on Friday.")
    names = {e.id: e.name for e in context.analysis.entities}
    arrest = next(e for e in rules(context).events if e.type == "COERCE")
    assert [names[a] for a in arrest.actors] == ["Serbian police"]
    assert [names[r] for r in arrest.recipients] == ["Serbian protesters"]


def test_a_named_side_stays_the_country_and_a_noun_with_no_country_makes_no_group(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis, _, _ = analyse(pipeline, "Russian troops shelled Kharkiv. Police said they had questioned a man.")
    assert not [e for e in analysis.entities if e.kind == "group" and e.name.endswith("troops")]
    analysis, _, _ = analyse(pipeline, "Police said they had questioned a man.")
    assert not [e for e in analysis.entities if e.kind == "group"]


def test_nominal_triggers_reach_their_clause_through_quantities_and_passives(pipeline) -> None:  # type: ignore[no-untyped-def]
    _, _, context = analyse(pipeline, "On Tuesday, President Donald Trump issued a series of seven pardons.")
    names = {e.id: e.name for e in context.analysis.entities}
    events = EventStage(classifier=False)(context).events
    assert [(e.type, [names[a] for a in e.actors]) for e in events] == [("CONCEDE", ["Donald Trump"])]
    _, _, context = analyse(pipeline, "The meeting was attended by Benjamin Netanyahu and Kyriakos Mitsotakis.")
    names = {e.id: e.name for e in context.analysis.entities}
    meeting = EventStage(classifier=False)(context).events[0]
    assert sorted(names[a] for a in meeting.actors) == ["Benjamin Netanyahu", "Kyriakos Mitsotakis"]


# --- modality -------------------------------------------------------------------------------


def test_a_speech_act_the_article_states_is_asserted(pipeline) -> None:  # type: ignore[no-untyped-def]
    _, _, context = analyse(pipeline, 'Chancellor Angela Merkel condemned the attack as "barbaric" on Friday.')
    events = EventStage(classifier=False)(context).events
    condemned = next(e for e in events if e.type == "ACCUSE")
    assert condemned.modality == "asserted" and condemned.reported_by is None


def test_what_a_source_says_happened_is_reported_even_with_no_named_source(pipeline) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "His associates had alleged that he was poisoned by agents.",
        "The rebels reportedly attacked the base.",
    ):
        _, _, context = analyse(pipeline, text)
        events = EventStage(classifier=False)(context).events
        assert any(e.type == "ASSAULT" and e.modality == "reported" for e in events), text


def test_a_performative_speech_act_in_a_quotation_is_the_act_itself(pipeline) -> None:  # type: ignore[no-untyped-def]
    _, _, context = analyse(pipeline, '"We call on Russia to withdraw its troops," Prime Minister Boris Johnson said.')
    events = EventStage(classifier=False)(context).events
    call = next(e for e in events if e.type == "REQUEST")
    assert call.modality == "asserted"


# --- dates and background ---------------------------------------------------------------------


def test_an_undated_deed_takes_the_leads_day_and_a_speech_act_the_articles(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On Tuesday, protesters blocked roads in Minsk. Police arrested dozens of them. "
        "The European Union condemned the arrests."
    )
    _, _, context = analyse(pipeline, text, published="2020-08-13")  # a Thursday
    events = {e.trigger.text: e for e in EventStage(classifier=False)(context).events if e.trigger}
    assert (events["arrested"].time, events["arrested"].time_source) == ("2020-08-11", "story")
    assert (events["condemned"].time, events["condemned"].time_source) == ("2020-08-13", "reported")


def test_history_is_background_and_keeps_only_a_date_of_its_own(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mugabe was arrested in 1963. He had been jailed by the colonial government. "
        "On Friday, police arrested his son."
    )
    _, _, context = analyse(pipeline, text, published="2019-09-06")
    events = [e for e in EventStage(classifier=False)(context).events if e.type == "COERCE" and e.trigger]
    first, jailed, son = sorted(events, key=lambda e: e.trigger.start)  # type: ignore[union-attr]
    assert first.background and first.time == "1963"
    assert jailed.background and jailed.time is None and jailed.latest == "2019-09-06"
    assert not son.background and son.time == "2019-09-06"
