"""Every layout news uses for quotations and reported speech, in sentences written for these
tests: exact content spans, kinds, cues and speaker spans."""

from __future__ import annotations

import pytest

from newsgraph.model import Quote

pytestmark = pytest.mark.model


def find(quotes: list[Quote], fragment: str, kind: str | None = None) -> Quote:
    """The one quote (of ``kind``) whose text contains ``fragment``."""
    matches = [q for q in quotes if fragment in q.span.text and kind in (None, q.kind)]
    assert len(matches) == 1, f"{len(matches)} quotes contain {fragment!r}: {[q.span.text for q in quotes]}"
    return matches[0]


def check(quote, text: str, kind: str, cue: str, lemma: str, speaker: str | None) -> None:  # type: ignore[no-untyped-def]
    assert quote.span.text == text
    assert quote.kind == kind
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.cue_lemma == lemma
    assert (quote.speaker.text if quote.speaker else None) == speaker


# -- direct ------------------------------------------------------------------------------------


def test_speaker_before_with_comma(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of("Mayor Anna Berg stated, “The bridge will reopen in June.”")
    check(find(quotes, "bridge"), "The bridge will reopen in June.", "direct", "stated", "state", "Mayor Anna Berg")


def test_speaker_after(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of('"We have no money left for the harbour," the treasurer said.')
    check(find(quotes, "harbour"), "We have no money left for the harbour", "direct", "said", "say", "treasurer")


def test_cue_before_speaker_after_the_quote(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of("“The strike is over,” said Paula Okafor, a union spokeswoman.")
    check(find(quotes, "strike"), "The strike is over", "direct", "said", "say", "Paula Okafor")


def test_speaker_in_between_two_parts(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of("“The harvest was poor,” the farmer said. “Prices will rise before winter.”")
    first, second = find(quotes, "harvest"), find(quotes, "Prices")
    check(first, "The harvest was poor", "direct", "said", "say", "farmer")
    check(second, "Prices will rise before winter.", "direct", "said", "say", "farmer")


def test_colon_intro(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of('The general told reporters: "Our troops will stay until the spring."')
    check(find(quotes, "troops"), "Our troops will stay until the spring.", "direct", "told", "tell", "general")


def test_quote_continuing_across_paragraphs(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "The coach said, “We trained hard all winter.\n\n“Now we want the cup.”\n\nFans cheered loudly."
    quote = find(quotes_of(text), "trained")
    check(quote, "We trained hard all winter.\n\n“Now we want the cup.", "direct", "said", "say", "coach")


def test_nested_quotation_stays_in_the_quote(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of("“The crowd kept shouting ‘not here’ at the inspectors,” the farmer said.")
    check(
        find(quotes, "crowd"), "The crowd kept shouting ‘not here’ at the inspectors", "direct", "said", "say", "farmer"
    )


def test_straight_quotes_and_a_question(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of('"Who will pay for the new school?" asked the councillor.')
    check(find(quotes, "school"), "Who will pay for the new school?", "direct", "asked", "ask", "councillor")


def test_quoted_paragraph_after_a_colon_paragraph(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "The minister explained her decision:\n\n“We cannot keep the mine open at these prices.”"
    check(
        find(quotes_of(text), "mine"),
        "We cannot keep the mine open at these prices.",
        "direct",
        "explained",
        "explain",
        "minister",
    )


# -- partial -----------------------------------------------------------------------------------


def test_fragment_in_reported_speech_goes_to_the_reporting_subject(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "The senator warned against what she called “reckless and short-sighted spending” in the budget."
    quote = find(quotes_of(text), "reckless", "partial")
    assert quote.speaker is not None and quote.speaker.text == "she"


def test_fragment_governed_by_a_reporting_verb(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "The premier stressed the need to act together against “corruption and waste” in the provinces."
    quotes = quotes_of(text)
    check(find(quotes, "corruption", "partial"), "corruption and waste", "partial", "stressed", "stress", "premier")
    # The reported clause around it is indirect speech with the same cue.
    clause = find(quotes, "corruption", "indirect")
    assert clause.span.text == "the need to act together against “corruption and waste” in the provinces"
    assert clause.cue == find(quotes, "corruption", "partial").cue


def test_fragment_with_a_relative_pronoun_speaker(quotes_of) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR convention: the relative pronoun is the speaker span; it resolves to Governor Lee.
    text = "The plan was backed by Governor Lee, who described it as “bold and overdue.”"
    check(find(quotes_of(text), "bold", "partial"), "bold and overdue", "partial", "described", "describe", "who")


# -- indirect ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "cue", "lemma", "speaker"),
    [
        (
            "The ministry announced that the border will reopen on Friday.",
            "that the border will reopen on Friday",
            "announced",
            "announce",
            "ministry",
        ),
        (
            "Police warned that the roads would be closed overnight.",
            "that the roads would be closed overnight",
            "warned",
            "warn",
            "Police",
        ),
        (
            "The talks collapsed late on Tuesday, officials said.",
            "The talks collapsed late on Tuesday",
            "said",
            "say",
            "officials",
        ),
        (
            "Analysts suggest that the central bank will cut rates.",
            "that the central bank will cut rates",
            "suggest",
            "suggest",
            "Analysts",
        ),
        (
            "Local broadcaster Radio Nord previously indicated that the vote is scheduled for March.",
            "that the vote is scheduled for March",
            "indicated",
            "indicate",
            "Local broadcaster Radio Nord",
        ),
    ],
)
def test_reported_speech(quotes_of, text: str, content: str, cue: str, lemma: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    check(find(quotes_of(text), content), content, "indirect", cue, lemma, speaker)


def test_according_to(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quote = find(quotes_of("According to the health ministry, three clinics closed this year."), "clinics")
    assert quote.span.text == "three clinics closed this year"
    assert quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == "According to" and quote.cue_lemma == "according to"
    assert quote.speaker is not None and quote.speaker.text == "health ministry"


def test_position_is_that(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quote = find(quotes_of("The union's position is that the contract must be renegotiated."), "contract")
    assert quote.span.text == "that the contract must be renegotiated"
    assert (quote.kind, quote.cue_lemma) == ("indirect", "position")
    assert quote.speaker is not None and quote.speaker.text == "union"


def test_as_reported_by(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quote = find(quotes_of("As reported by the agency, the talks will resume next month."), "talks")
    assert quote.span.text == "the talks will resume next month"
    assert quote.speaker is not None and quote.speaker.text == "agency"


def test_a_quotation_is_not_also_reported_speech(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of("“The dam is safe,” the engineer said.")
    assert [q.kind for q in quotes] == ["direct"]


def test_quotes_are_dated_by_the_article_when_they_have_no_date(quotes_of) -> None:  # type: ignore[no-untyped-def]
    (quote,) = quotes_of("The ministry announced that the border will reopen.", published="2024-03-02")
    assert (quote.time, quote.time_source) == ("2024-03-02", "reported")


def test_ids_are_stable_and_spans_slice(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "“The harvest was poor,” the farmer said. Officials said that prices would rise."
    first, second = quotes_of(text), quotes_of(text)
    assert [q.id for q in first] == [q.id for q in second]
    assert all(text[q.span.start : q.span.end] == q.span.text for q in first)
