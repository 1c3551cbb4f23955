"""The stage contract as the runner enforces it: provenance, timing, declarations, errors."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.errors import ConfigError, StageError
from newsgraph.model import Analysis, Document, Mention, Rejection, Span
from newsgraph.pipeline.runner import SPACY_TIMING, Pipeline
from newsgraph.pipeline.stage import Stage, StageContext


class FirstWord:
    """A toy stage: the first word of each document as a mention."""

    name = "first-word"
    version = "7"
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ("mentions",)

    def __call__(self, context: StageContext) -> Analysis:
        word = context.doc[0]
        span = context.span(word.idx, word.idx + len(word.text))
        mention = Mention(
            id="m",
            document_id=context.document_id,
            span=span,
            label="X",
            provenance=context.provenance(evidence=(span,)),
        )
        return dataclasses.replace(context.analysis, mentions=(mention,))


class Failing(FirstWord):
    name = "failing"

    def __call__(self, context: StageContext) -> Analysis:
        if "boom" in context.text:
            raise RuntimeError("kaboom")
        return super().__call__(context)


class BadOffsets(FirstWord):
    name = "bad-offsets"

    def __call__(self, context: StageContext) -> Analysis:
        span = Span(start=0, end=3, text="zzz")
        mention = Mention(
            id="m", document_id=context.document_id, span=span, label="X", provenance=context.provenance()
        )
        return dataclasses.replace(context.analysis, mentions=(mention,))


class Undeclared(FirstWord):
    name = "undeclared"
    produces = ()


class NeedsQuotes(FirstWord):
    name = "needs-quotes"
    requires = ("quotes",)


def docs(*texts: str) -> list[Document]:
    return [Document.create(text=t, origin=f"input-{i}.txt") for i, t in enumerate(texts)]


def test_stage_satisfies_protocol() -> None:
    assert isinstance(FirstWord(), Stage)


def test_runner_stamps_provenance_with_stage_version_and_model(nlp) -> None:  # type: ignore[no-untyped-def]
    [result] = Pipeline(nlp, [FirstWord()]).run(docs("Ministers met in Oslo."))
    assert isinstance(result, Analysis)
    [mention] = result.mentions
    assert mention.span.text == "Ministers"
    prov = mention.provenance
    assert (prov.stage, prov.stage_version) == ("first-word", "7")
    assert prov.model is not None and prov.model.startswith("spacy/en_core_web_md-")
    assert prov.confidence is None


def test_runner_keeps_input_order_across_batches_and_times_stages(nlp) -> None:  # type: ignore[no-untyped-def]
    pipeline = Pipeline(nlp, [FirstWord()], batch_size=2)
    texts = [f"Word{i} is here." for i in range(5)]
    results = list(pipeline.run(docs(*texts)))
    assert [r.mentions[0].span.text for r in results if isinstance(r, Analysis)] == [f"Word{i}" for i in range(5)]
    assert pipeline.timings.documents == 5
    assert set(pipeline.timings.seconds) == {SPACY_TIMING, "first-word"}
    assert all(s >= 0 for s in pipeline.timings.seconds.values())


def test_a_failing_stage_rejects_that_document_and_the_batch_goes_on(nlp) -> None:  # type: ignore[no-untyped-def]
    results = list(Pipeline(nlp, [Failing()]).run(docs("Fine text.", "This goes boom.", "Also fine.")))
    assert [type(r).__name__ for r in results] == ["Analysis", "Rejection", "Analysis"]
    rejection = results[1]
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "stage_error"
    assert rejection.origin == "input-1.txt"
    assert rejection.message == "stage 'failing' failed: RuntimeError: kaboom"
    assert rejection.describe() == "input-1.txt: stage 'failing' failed: RuntimeError: kaboom"


def test_raise_policy_raises_stage_error_with_cause(nlp) -> None:  # type: ignore[no-untyped-def]
    pipeline = Pipeline(nlp, [Failing()], on_error="raise")
    with pytest.raises(StageError, match="stage 'failing' failed: RuntimeError: kaboom") as info:
        list(pipeline.run(docs("boom")))
    assert isinstance(info.value.__cause__, RuntimeError)


def test_spans_that_do_not_slice_the_text_are_a_stage_error(nlp) -> None:  # type: ignore[no-untyped-def]
    [result] = Pipeline(nlp, [BadOffsets()]).run(docs("Ministers met."))
    assert isinstance(result, Rejection)
    assert "span [0, 3) 'zzz' does not slice the document text" in result.message


def test_a_stage_may_only_change_what_it_declares(nlp) -> None:  # type: ignore[no-untyped-def]
    [result] = Pipeline(nlp, [Undeclared()]).run(docs("Ministers met."))
    assert isinstance(result, Rejection)
    assert "stage changed 'mentions', which it does not declare in produces" in result.message


def test_requires_must_be_produced_earlier(nlp) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="stage 'needs-quotes' requires quotes, which no earlier stage"):
        Pipeline(nlp, [NeedsQuotes()])


def test_unknown_error_policy_is_a_config_error(nlp) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="unknown error policy 'ignore'"):
        Pipeline(nlp, [], on_error="ignore")  # type: ignore[arg-type]


def test_too_long_documents_are_rejected_with_the_limit(nlp) -> None:  # type: ignore[no-untyped-def]
    pipeline = Pipeline(nlp, [FirstWord()])
    long_text = "word " * (nlp.max_length // 5 + 1)
    results = list(pipeline.run(docs("Short one.", long_text)))
    assert isinstance(results[0], Analysis)
    assert isinstance(results[1], Rejection) and results[1].reason == "too_long"
    assert "more than the model's limit of 1,000,000" in results[1].message


def test_analyse_returns_one_analysis(nlp) -> None:  # type: ignore[no-untyped-def]
    result = Pipeline(nlp, [FirstWord()]).analyse(Document.create(text="Hello world."))
    assert result.mentions[0].span.text == "Hello"
