"""The sequential runner: documents in, analyses (or rejections) out.

It runs the spaCy model over documents in batches (``nlp.pipe``), then each fact stage in order,
and is where the stage contract is enforced: provenance stamping (each stage gets a
:class:`StageContext` naming it), per-stage timing, declared ``requires``/``produces``, the
offset invariant on every span a stage returns, and the error policy (``reject``: a failing
document becomes a ``stage_error`` rejection and the batch goes on; ``raise``: a
:class:`StageError`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsgraph.errors import ConfigError, StageError
from newsgraph.model import Analysis, Document, Rejection
from newsgraph.pipeline.nlp import model_label
from newsgraph.pipeline.stage import Stage, StageContext

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ErrorPolicy = Literal["reject", "raise"]

#: The time spent inside the spaCy model is reported under this name, beside the stages.
SPACY_TIMING = "spacy"


@dataclass(slots=True)
class Timings:
    """Seconds spent per stage (and in the spaCy model), summed over documents."""

    seconds: dict[str, float] = field(default_factory=dict)
    documents: int = 0

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


class Pipeline:
    """The spaCy model plus fact stages, run over documents in batches."""

    def __init__(
        self,
        nlp: Language,
        stages: Sequence[Stage],
        *,
        batch_size: int = 16,
        on_error: ErrorPolicy = "reject",
    ) -> None:
        if on_error not in ("reject", "raise"):
            raise ConfigError(f"unknown error policy {on_error!r}; use 'reject' or 'raise'")
        _check_order(stages)
        self.nlp = nlp
        self.stages = tuple(stages)
        self.batch_size = batch_size
        self.on_error = on_error
        self.model = model_label(nlp)
        self.timings = Timings()

    def run(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        """Analyse documents in input order; yields one result per document."""
        limit = self.nlp.max_length
        pending: list[Document] = []
        for document in documents:
            if len(document.text) > limit:
                yield from self._flush(pending)
                pending = []
                yield self._too_long(document, limit)
                continue
            pending.append(document)
            if len(pending) >= self.batch_size:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def analyse(self, document: Document) -> Analysis:
        """One document; raises :class:`StageError` instead of returning a rejection."""
        result = next(Pipeline(self.nlp, self.stages, on_error="raise").run([document]))
        assert isinstance(result, Analysis)  # on_error="raise" never yields a rejection
        return result

    def apply(self, document: Document, doc: Doc) -> Analysis | Rejection:
        """Run the fact stages on ``doc``, the caller's own parse of ``document.text`` with
        ``self.nlp`` (evaluation compares the model's entities with the stages' on one parse)."""
        return self._apply_stages(document, doc)

    def _flush(self, documents: list[Document]) -> Iterator[Analysis | Rejection]:
        if not documents:
            return
        started = time.perf_counter()
        docs = list(self.nlp.pipe((d.text for d in documents), batch_size=self.batch_size))
        self.timings.add(SPACY_TIMING, time.perf_counter() - started)
        for document, doc in zip(documents, docs, strict=True):
            self.timings.documents += 1
            yield self._apply_stages(document, doc)

    def _apply_stages(self, document: Document, doc: Doc) -> Analysis | Rejection:
        analysis = Analysis(document=document)
        for stage in self.stages:
            context = StageContext(
                analysis=analysis, doc=doc, stage=stage.name, version=stage.version, model=self.model
            )
            started = time.perf_counter()
            try:
                result = stage(context)
                _check_result(stage, analysis, result)
            except Exception as exc:
                error = StageError(stage.name, document.origin or document.id, exc)
                if self.on_error == "raise":
                    raise error from exc
                return Rejection(
                    origin=document.origin or document.id,
                    reason=StageError.reason,
                    message=error.detail,
                    document_id=document.id,
                )
            finally:
                self.timings.add(stage.name, time.perf_counter() - started)
            analysis = result
        return analysis

    def _too_long(self, document: Document, limit: int) -> Rejection:
        origin = document.origin or document.id
        message = (
            f"text has {len(document.text):,} characters, more than the model's limit of "
            f"{limit:,}; split the document or raise the limit (nlp.max_length)"
        )
        if self.on_error == "raise":
            raise StageError("spacy", origin, ValueError(message))
        return Rejection(origin=origin, reason="too_long", message=message, document_id=document.id)


def _check_order(stages: Sequence[Stage]) -> None:
    """Every stage's ``requires`` must be produced by a stage before it."""
    available: set[str] = set()
    for stage in stages:
        missing = [kind for kind in stage.requires if kind not in available]
        if missing:
            raise ConfigError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage produces; "
                "put the stage that produces it first"
            )
        available.update(stage.produces)


def _check_result(stage: Stage, before: Analysis, after: Analysis) -> None:
    """A stage may only change the fact kinds it declares, and every span must slice the text."""
    if not isinstance(after, Analysis):
        raise TypeError(f"stage returned {type(after).__name__}, expected Analysis")
    if after.document is not before.document and after.document != before.document:
        raise ValueError("stage changed the document; stages may only add facts")
    for kind in Analysis.FACT_KINDS:
        if kind not in stage.produces and getattr(after, kind) is not getattr(before, kind):
            raise ValueError(f"stage changed {kind!r}, which it does not declare in produces")
    text = after.document.text
    for span in after.spans():
        if not span.slices(text):
            raise ValueError(f"span [{span.start}, {span.end}) {span.text!r} does not slice the document text")
