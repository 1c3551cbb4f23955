"""The entity stage: titles, coreference and canonical entities for one document.

It reads the name mentions (``newsgraph.mentions.v1``) and the parse, and returns the mentions
with ``entity_id`` (or ``members`` for a group) filled in, the referring expressions it resolved
(``PRON``, ``NOMINAL``, ``GROUP``) added, and one :class:`Entity` per thing referred to, with
its kind, canonical name, aliases, titles (as of the article's date), country and, for places,
coordinates. Entity ids come from kind and canonical key, so the same person, country or place
gets the same id in every document; the store upserts them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from newsgraph.model import Analysis, Entity, Mention, content_id
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.entities.coref import Cluster, Reference, resolve
from newsgraph.stages.entities.kinds import entity_id

__all__ = ["EntityStage"]


class EntityStage:
    """Titles, in-document coreference and canonical entities (see the module docstring)."""

    name = "entities"
    version = "2"
    requires: tuple[str, ...] = ("mentions",)
    produces: tuple[str, ...] = ("mentions", "entities")

    def __call__(self, context: StageContext) -> Analysis:
        doc = context.doc
        named = []
        kept: list[Mention] = []
        for mention in context.analysis.mentions:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            named.append((span.start, span.end, mention.label))
            kept.append(mention)
        published = context.analysis.document.published
        as_of = published[:10] if published else None
        clusters, references = resolve(doc, named, as_of)
        ids = [entity_id(c.kind, c.identity.key) for c in clusters]
        mentions: list[Mention] = []
        used: dict[int, None] = {}
        for reference in references:
            for index in (reference.cluster, *reference.members):
                if index is not None:
                    used.setdefault(index, None)
            mentions.append(self._mention(context, reference, kept, ids))
        mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        entities = tuple(self._entity(context, clusters[i], ids[i]) for i in used)
        return dataclasses.replace(context.analysis, mentions=tuple(mentions), entities=entities)

    @staticmethod
    def _mention(context: StageContext, reference: Reference, kept: list[Mention], ids: list[str]) -> Mention:
        doc = context.doc
        entity = ids[reference.cluster] if reference.cluster is not None else None
        members = tuple(ids[m] for m in reference.members)
        if reference.named is not None:
            return dataclasses.replace(kept[reference.named], entity_id=entity, members=members)
        start = doc[reference.start].idx
        last = doc[reference.end - 1]
        span = context.span(start, last.idx + len(last.text))
        return Mention(
            id=content_id("men", context.document_id, span.start, span.end, reference.label),
            document_id=context.document_id,
            span=span,
            label=reference.label,
            provenance=context.provenance(evidence=(span,)),
            entity_id=entity,
            members=members,
        )

    @staticmethod
    def _entity(context: StageContext, cluster: Cluster, identifier: str) -> Entity:
        identity = cluster.identity
        name = identity.name
        if cluster.kind == "person" and cluster.names:
            # The fullest form is the canonical name; the most frequent among equals.
            counts = Counter(cluster.names)
            name = max(counts, key=lambda n: (len(n.split()), counts[n]))
        aliases = tuple(sorted({n for n in cluster.names if n != name}))
        return Entity(
            id=identifier,
            name=name,
            kind=cluster.kind,
            provenance=context.provenance(),
            aliases=aliases,
            titles=tuple(cluster.titles),
            country=cluster.country,
            latitude=identity.latitude,
            longitude=identity.longitude,
        )


@register("newsgraph.entities.v1")
def _entity_stage() -> EntityStage:
    return EntityStage()
