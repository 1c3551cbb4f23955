"""Named-entity mentions: the spaCy model's entities, improved with document-level rules.

``stages/entities/retag.py`` does the work on the one parse (cleaning spans, all-caps headlines,
propagating names found elsewhere in the document, events, sports teams, one label per surface
form); this stage turns its spans into :class:`Mention` facts with exact character offsets.
Numeric and temporal labels (DATE, CARDINAL, ...) are left to the stages that normalise them.
"""

from __future__ import annotations

import dataclasses

from newsgraph.model import Analysis, Mention, content_id
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.entities.retag import ENTITY_LABELS, named_spans

__all__ = ["ENTITY_LABELS", "MentionStage"]


class MentionStage:
    """Named-entity mentions (coreference links them to entities later)."""

    name = "mentions"
    version = "3"
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ("mentions",)

    def __call__(self, context: StageContext) -> Analysis:
        doc = context.doc
        mentions = []
        for named in named_spans(doc):
            start = doc[named.start].idx
            end = doc[named.end - 1].idx + len(doc[named.end - 1].text)
            span = context.span(start, end)
            mentions.append(
                Mention(
                    id=content_id("men", context.document_id, span.start, span.end, named.label),
                    document_id=context.document_id,
                    span=span,
                    label=named.label,
                    provenance=context.provenance(evidence=(span,)),
                )
            )
        return dataclasses.replace(context.analysis, mentions=tuple(mentions))


@register("newsgraph.mentions.v1")
def _mention_stage() -> MentionStage:
    return MentionStage()
