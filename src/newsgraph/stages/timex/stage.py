"""The time stage: every time expression in the document, normalised to TIMEX3 against the
publication date, with calendar bounds (see :mod:`newsgraph.stages.timex.tagger`)."""

from __future__ import annotations

import dataclasses

from newsgraph.model import Analysis, TimeExpression, content_id
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.timex.tagger import document_date, tag


class TimexStage:
    """Time expressions (``time_expressions``), rules-based and offline."""

    name = "timex"
    version = "4"
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ("time_expressions",)

    def __call__(self, context: StageContext) -> Analysis:
        dct = document_date(context.analysis.document.published)
        expressions = []
        for timex in tag(context.text, dct, context.doc):
            span = context.span(timex.start, timex.end)
            expressions.append(
                TimeExpression(
                    id=content_id("tmx", context.document_id, span.start, span.end, timex.type, timex.value),
                    document_id=context.document_id,
                    span=span,
                    type=timex.type,
                    value=timex.value,
                    earliest=timex.earliest,
                    latest=timex.latest,
                    mod=timex.mod,
                    provenance=context.provenance(evidence=(span,)),
                )
            )
        return dataclasses.replace(context.analysis, time_expressions=tuple(expressions))


@register("newsgraph.timex.v1")
def _timex_stage() -> TimexStage:
    return TimexStage()
