"""Issue 15 (quotes on wire news), in sentences written for these tests: a negated belief keeps
its negation, named speakers of "told the Post that", "according to", documents that speak for
their authors ("a lawsuit filed by the ACLU argues", "a report by the UN says"), captions that
are not quotes, and the reported-speech shapes PolNeAR counts (asides, passives, prepositional
objects, "In the poll, ...")."""

from __future__ import annotations

import pytest

from newsgraph.model import Analysis, Document, Quote, from_dict, to_dict
from newsgraph.stages.quotes.lexicon import parse

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def analyse(nlp):  # type: ignore[no-untyped-def]
    """Mentions, entities and quotes: the speaker's entity needs the entities stage."""
    from newsgraph.api import build_pipeline

    pipeline = build_pipeline(
        stages=["newsgraph.mentions.v1", "newsgraph.entities.v1", "newsgraph.quotes.v1"], on_error="raise"
    )

    def run(text: str) -> Analysis:
        return pipeline.analyse(Document.create(text=text))

    return run


def only(quotes: tuple[Quote, ...] | list[Quote], fragment: str) -> Quote:
    matches = [q for q in quotes if fragment in q.span.text]
    assert len(matches) == 1, f"{len(matches)} quotes contain {fragment!r}: {[q.span.text for q in quotes]}"
    return matches[0]


def entity_name(analysis: Analysis, quote: Quote) -> str | None:
    names = {e.id: e.name for e in analysis.entities}
    return names.get(quote.speaker_entity_id or "")


# -- negation -------------------------------------------------------------------------------


def test_a_negated_belief_is_marked_negated(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("Maria Lind didn't think her pay would go up this year.").quotes, "pay")
    assert quote.span.text == "her pay would go up this year"
    assert quote.negated
    assert quote.speaker is not None and quote.speaker.text == "Maria Lind"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor does not believe that the bridge will reopen in June.",
        "The mayor never said that the bridge would reopen in June.",
        "No one expects the bridge to reopen in June.",
    ],
)
def test_negated_cues(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert only(analyse(text).quotes, "bridge").negated


def test_a_negation_inside_the_content_is_not_the_cues(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("The mayor said the bridge would not reopen in June.").quotes, "bridge")
    assert not quote.negated
    assert "not reopen" in quote.span.text


def test_negated_round_trips_and_defaults_to_false(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("The mayor does not believe that the bridge will reopen.").quotes, "bridge")
    data = to_dict(quote)
    assert data["negated"] is True and from_dict(Quote, data) == quote
    # A quote stored before the field existed (its data column has no "negated") reads as asserted.
    del data["negated"]
    assert from_dict(Quote, data).negated is False


# -- named speakers -------------------------------------------------------------------------


def test_told_the_post_that(analyse) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse("Senator Ann Fisher told the Post that the bill would pass next week.")
    quote = only(analysis.quotes, "bill")
    assert quote.span.text == "that the bill would pass next week"
    assert quote.speaker is not None and quote.speaker.text == "Senator Ann Fisher"
    assert entity_name(analysis, quote) == "Ann Fisher"


@pytest.mark.parametrize(
    "text",
    [
        "According to the Red Cross, forty people died in the flood.",
        "Forty people died in the flood, according to the Red Cross.",
    ],
)
def test_according_to(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(text)
    quote = only(analysis.quotes, "died")
    assert quote.span.text.lower() == "forty people died in the flood"
    assert quote.cue is not None and quote.cue.text.lower() == "according to"
    assert quote.speaker is not None and quote.speaker.text == "Red Cross"


def test_a_lawsuit_filed_by_the_aclu_argues(analyse) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse("A lawsuit filed by the ACLU argues that the new policy violates the First Amendment.")
    quote = only(analysis.quotes, "policy")
    assert quote.speaker is not None and quote.speaker.text == "ACLU"
    assert entity_name(analysis, quote) == "ACLU"


@pytest.mark.parametrize(
    "text",
    [
        "A report by the UN says that the camps are overcrowded.",
        "The UN report says the camps are overcrowded.",
        "The camps are overcrowded, according to a report by the UN.",
    ],
)
def test_a_report_by_the_un_says(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(text)
    quote = only(analysis.quotes, "camps")
    assert quote.speaker is not None and quote.speaker.text == "UN"
    assert entity_name(analysis, quote) == "UN"


def test_a_document_without_an_author_is_its_own_speaker(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("A new report says that the camps are overcrowded.").quotes, "camps")
    assert quote.speaker is not None and quote.speaker.text == "new report"


# -- captions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "This image released by the Department of Defense shows Senator Ann Fisher speaking at a rally.",
        "The photo shows that the crowd filled the square.",
        "Video footage shows protesters marching past the embassy.",
    ],
)
def test_what_an_image_shows_is_not_a_quote(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text).quotes == ()


def test_what_a_poll_shows_is(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("A new poll shows that Fisher leads the race by four points.").quotes, "leads")
    assert quote.cue is not None and quote.cue.text == "shows"


def test_the_lexicon_marks_who_may_be_the_subject() -> None:
    lexicon = parse("show\tVERB\tccomp\tsource\npoll\tNOUN\tsource\nsay\tVERB\tccomp\n")
    show, say = lexicon.verb("show"), lexicon.verb("say")
    assert show is not None and show.subject == "source"
    assert say is not None and say.subject == "any"
    assert lexicon.source("poll") and not lexicon.source("photo")
    assert lexicon.noun("poll") is None  # a source only, not a speech noun with content
    with pytest.raises(ValueError, match=r"cues\.tsv:1: .*the subject one of \['any', 'source'\]"):
        parse("show\tVERB\tccomp\tpicture\n")


# -- reported speech PolNeAR counts ----------------------------------------------------------


def test_a_reporting_aside_reports_the_clause_around_it(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("The goal, the minister said, is a durable ceasefire.").quotes, "goal")
    assert quote.span.text == "The goal, the minister said, is a durable ceasefire"
    assert quote.speaker is not None and quote.speaker.text == "minister"


def test_a_passive_reporting_verb_names_its_source(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("The meeting was first reported by the Tribune.").quotes, "meeting")
    assert quote.span.text == "The meeting"
    assert quote.speaker is not None and quote.speaker.text == "Tribune"


def test_a_prepositional_object_is_the_content(analyse) -> None:  # type: ignore[no-untyped-def]
    quotes = analyse("The union called for a new vote on the contract.").quotes
    assert only(quotes, "vote").span.text == "a new vote on the contract"


def test_a_time_after_a_preposition_is_not_the_content(analyse) -> None:  # type: ignore[no-untyped-def]
    assert not [q for q in analyse("The union spoke about it on Monday.").quotes if "Monday" in q.span.text]


def test_a_clause_set_in_a_poll_is_the_polls(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("In the Tribune poll, Fisher leads the race by four points.").quotes, "leads")
    assert quote.span.text == "Fisher leads the race by four points"
    assert quote.speaker is not None and quote.speaker.text == "Tribune"


def test_what_a_cue_says_of_its_object(analyse) -> None:  # type: ignore[no-untyped-def]
    quotes = analyse("The mayor called the plan reckless and accused the council of lying.").quotes
    assert only(quotes, "plan").span.text == "the plan reckless"
    assert only(quotes, "council").span.text == "the council of lying"


def test_reported_speech_stays_in_its_paragraph(analyse) -> None:  # type: ignore[no-untyped-def]
    text = "The mayor said the bridge would reopen\nin June, the engineers replied."
    for quote in analyse(text).quotes:
        assert "\n" not in quote.span.text


def test_a_speech_noun_voiced_by_its_verb(analyse) -> None:  # type: ignore[no-untyped-def]
    quotes = analyse("The governor made the case that the tax would hurt farmers.").quotes
    quote = only(quotes, "farmers")
    assert quote.span.text == "that the tax would hurt farmers"
    assert quote.speaker is not None and quote.speaker.text == "governor"


def test_a_speech_noun_of_nobody_named_is_not_an_attribution(analyse) -> None:  # type: ignore[no-untyped-def]
    assert analyse("The claim that the tax would hurt farmers spread quickly.").quotes == ()


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The governor's pledge to cut the tax surprised the farmers.", "to cut the tax"),
        ("The governor's criticism of the new tax angered the council.", "the new tax"),
    ],
)
def test_a_speech_nouns_infinitive_or_object(analyse, text: str, content: str) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse(text).quotes, content)
    assert quote.span.text == content
    assert quote.speaker is not None and quote.speaker.text == "governor"


def test_an_object_with_what_is_said_of_it(analyse) -> None:  # type: ignore[no-untyped-def]
    quotes = analyse("Most farmers see the new tax as a threat. They saw the film twice.").quotes
    assert only(quotes, "threat").span.text == "the new tax as a threat"
    assert not [q for q in quotes if "film" in q.span.text]


def test_who_is_to_act_belongs_with_the_act(analyse) -> None:  # type: ignore[no-untyped-def]
    quotes = analyse("The union urged the council to drop the tax. The mayor called on farmers to protest.").quotes
    assert only(quotes, "drop").span.text == "the council to drop the tax"
    assert only(quotes, "protest").span.text == "farmers to protest"


def test_an_organisation_named_like_a_document_speaks_for_itself(analyse) -> None:  # type: ignore[no-untyped-def]
    quote = only(analyse("The U.S. Geological Survey said the earthquakes may continue.").quotes, "earthquakes")
    assert quote.speaker is not None and quote.speaker.text == "U.S. Geological Survey"


def test_negated_is_stored_in_the_quotes_data_column(analyse, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """No schema change: the flag lives in each quote's JSON ``data`` column, which the store
    already keeps whole; the query rows and the CSV export read it from there."""
    from newsgraph import query
    from newsgraph.store import open_store

    analysis = analyse("The mayor does not believe that the bridge will reopen. The mayor said it would rain.")
    with open_store(str(tmp_path / "quotes.db")) as store:
        store.add(analysis)
        stored = store.get_analysis(analysis.document.id)
        rows = list(query.quotes(store))
    assert stored is not None
    assert {q.span.text: q.negated for q in stored.quotes} == {q.span.text: q.negated for q in analysis.quotes}
    assert {r.text: r.negated for r in rows} == {"that the bridge will reopen": True, "it would rain": False}
