"""One test per attribution rule added for issue 5 (PolNeAR-style quotes), in sentences written
for these tests: long speakers after a quotation, speakers between two quotations, signed
quotations, titles that are not speech, the reported clause around a fragment, and the speakers
of relative clauses, participles and prepositional verbs."""

from __future__ import annotations

import pytest

from newsgraph.model import Quote
from newsgraph.stages.quotes.speaker import antecedent, speaker_token

pytestmark = pytest.mark.model


def only(quotes: list[Quote], fragment: str, kind: str | None = None) -> Quote:
    matches = [q for q in quotes if fragment in q.span.text and kind in (None, q.kind)]
    assert len(matches) == 1, f"{len(matches)} quotes contain {fragment!r}: {[q.span.text for q in quotes]}"
    return matches[0]


def said_by(quote: Quote) -> tuple[str | None, str | None]:
    return (quote.cue.text if quote.cue else None, quote.speaker.text if quote.speaker else None)


def test_a_long_speaker_after_the_quotation(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "“The pipes are old,” a spokesman for the regional water authority in the north said."
    assert said_by(only(quotes_of(text), "pipes")) == ("said", "spokesman")


def test_a_long_attribution_between_two_quotations(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The pipes are old,” said Maria Lind, an engineer for the regional water authority who inspected "
        "them last year. “They will burst this winter.”"
    )
    quotes = quotes_of(text)
    assert said_by(only(quotes, "pipes")) == ("said", "Maria Lind")
    assert said_by(only(quotes, "burst")) == ("said", "Maria Lind")


def test_a_title_before_the_name_does_not_end_the_sentence(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of('"We are not ready," Ms. Holm said. "We need another year of tests."')
    assert said_by(only(quotes, "ready")) == ("said", "Ms. Holm")
    assert said_by(only(quotes, "another year")) == ("said", "Ms. Holm")


def test_quotations_signed_with_a_dash(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "“We will rebuild the school.” ― Tomas Berg\n“Nobody listens to the villages.”― Ana Ruiz\n"
    quotes = quotes_of(text)
    assert said_by(only(quotes, "rebuild")) == ("―", "Tomas Berg")
    assert said_by(only(quotes, "Nobody")) == ("―", "Ana Ruiz")


def test_a_quoted_title_is_not_speech(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "The mayor said on “Morning Report” that the bridge will reopen in June."
    quotes = quotes_of(text)
    assert not [q for q in quotes if q.kind != "indirect"]
    assert said_by(only(quotes, "bridge")) == ("said", "mayor")


def test_an_unclosed_mark_cut_off_by_another_claims_nothing(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = 'The memo began "Dear colleagues and friends of the institute. The chair said, “We close at noon.”'
    quotes = quotes_of(text)
    assert not [q for q in quotes if "colleagues" in q.span.text]
    assert said_by(only(quotes, "noon")) == ("said", "chair")


def test_the_reported_clause_around_a_fragment(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of("The minister called the new tax plan “reckless and unfair.”")
    fragment = only(quotes, "reckless", "partial")
    assert fragment.span.text == "reckless and unfair"  # without the reporter's full stop
    clause = only(quotes, "reckless", "indirect")
    assert clause.span.text == "the new tax plan “reckless and unfair.”"
    assert said_by(clause) == said_by(fragment) == ("called", "minister")


def test_the_reported_clause_keeps_the_reporters_additions_out(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of("The governor described the audit as a “political stunt” ― just as he did last year.")
    assert only(quotes, "stunt", "indirect").span.text == "the audit as a “political stunt”"


def test_one_cue_reports_one_thing(quotes_of) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of("The senator blasted the agency for being “slow and careless.”")
    reported = [q for q in quotes if q.kind == "indirect"]
    assert [q.span.text for q in reported] == ["the agency for being “slow and careless.”"]


def test_a_relative_pronoun_is_the_speaker_of_its_clause(quotes_of, nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The plan was backed by Governor Lee, who said that it would save money."
    quote = only(quotes_of(text), "save money")
    assert said_by(quote) == ("said", "who")
    doc = nlp(text)
    cue = next(t for t in doc if t.text == "said")
    pronoun = speaker_token(cue)
    assert pronoun is not None and pronoun.text == "who"
    referent = antecedent(pronoun)
    assert referent is not None and referent.text == "Lee"


def test_a_trailing_participle_speaks_with_the_reporting_subject(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Anna Berg warned that the city cannot pay the bill, citing falling tax revenue."
    quotes = quotes_of(text)
    assert said_by(only(quotes, "falling tax revenue")) == ("citing", "Mayor Anna Berg")
    # ... and it is not part of what she warned.
    assert only(quotes, "cannot pay").span.text == "that the city cannot pay the bill"


def test_a_verb_after_a_preposition_speaks_with_the_verb_it_modifies(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = "The senator began the hearing by stressing that the budget must balance."
    assert said_by(only(quotes_of(text), "budget must balance")) == ("stressing", "senator")
