"""Named-entity mentions from the spaCy model, with character offsets.

The model's entity spans are trimmed of what is not part of the name: a leading determiner
("the Soviet Union" -> "Soviet Union") and a trailing possessive or punctuation
("Russia's" -> "Russia"), so mentions of one thing have one surface form. Numeric and temporal
labels (DATE, CARDINAL, ...) are left to the stages that normalise them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from newsgraph.model import Analysis, Mention, content_id
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import StageContext

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

#: OntoNotes labels that name things; the rest (DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL,
#: CARDINAL) are values, not entities.
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


def trimmed_bounds(ent: SpacySpan) -> tuple[int, int] | None:
    """Character bounds of an entity span without leading determiners and trailing possessives
    or punctuation; None when nothing is left."""
    tokens = list(ent)
    while tokens and (tokens[0].lower_ in {"the", "a", "an"} or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].text in _POSSESSIVES or tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


class MentionStage:
    """Named-entity mentions as the model finds them (coreference links them later)."""

    name = "mentions"
    version = "1"
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ("mentions",)

    def __call__(self, context: StageContext) -> Analysis:
        mentions = []
        for ent in context.doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            bounds = trimmed_bounds(ent)
            if bounds is None:
                continue
            span = context.span(*bounds)
            mentions.append(
                Mention(
                    id=content_id("men", context.document_id, span.start, span.end, ent.label_),
                    document_id=context.document_id,
                    span=span,
                    label=ent.label_,
                    provenance=context.provenance(evidence=(span,)),
                )
            )
        return dataclasses.replace(context.analysis, mentions=tuple(mentions))


@register("newsgraph.mentions.v1")
def _mention_stage() -> MentionStage:
    return MentionStage()
