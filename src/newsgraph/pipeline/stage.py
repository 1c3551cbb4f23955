"""The stage contract: how a fact stage plugs into the pipeline.

Token-level work (tokens, tags, parse, named entities) happens once, inside the spaCy
``Language``. A *stage* then reads the annotated document and the facts found so far and returns
the analysis with its own facts added (or refined: coreference fills ``Mention.entity_id``).

A stage is pure and deterministic: no clock, no network, no store. It declares its ``name``, a
``version`` (bumped whenever its output can change, and stored with every fact it makes), the
fact kinds it ``requires`` and those it ``produces``. The runner checks the declarations, stamps
provenance through :meth:`StageContext.provenance`, times each stage and applies the error policy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from newsgraph.model import Analysis, Provenance, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True, kw_only=True)
class StageContext:
    """What a stage sees: the spaCy ``doc`` of ``analysis.document.text`` and the facts so far."""

    analysis: Analysis
    doc: Doc
    stage: str
    version: str
    model: str | None

    @property
    def text(self) -> str:
        return self.analysis.document.text

    @property
    def document_id(self) -> str:
        return self.analysis.document.id

    def span(self, start: int, end: int) -> Span:
        """The span ``[start, end)`` of the document text."""
        return Span.of(self.text, start, end)

    def provenance(self, *, evidence: Iterable[Span] = (), confidence: float | None = None) -> Provenance:
        """Provenance stamped with this stage's name, version and model."""
        return Provenance(
            stage=self.stage,
            stage_version=self.version,
            model=self.model,
            evidence=tuple(evidence),
            confidence=confidence,
        )


@runtime_checkable
class Stage(Protocol):
    """A fact stage. See the module docstring for the contract."""

    name: str
    version: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, context: StageContext) -> Analysis: ...
