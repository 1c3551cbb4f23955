"""Short names across documents: "Xi" in one article is the "Xi Jinping" of earlier ones.

A person entity whose name is one word is linked to a person already known (in the store, or
earlier in this run) whose full name contains that word, when exactly one such person exists
and their countries do not disagree. Otherwise it stays its own entity, and an ambiguous case
("Trump" when both Donald and Melania Trump are known) is recorded as a refused merge, so two
different people who share a surname are never conflated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from newsgraph.model import Analysis, Entity, Mention

__all__ = ["LinkResult", "Linker", "Refusal", "link_short_names"]

#: Looks up known person entities whose name contains a word (case-insensitively).
Lookup = Callable[[str], Sequence[Entity]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Refusal:
    """A short name left unlinked because several known people carry it."""

    document_id: str
    name: str
    candidates: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkResult:
    analysis: Analysis
    refused: tuple[Refusal, ...] = ()


def _words(name: str) -> list[str]:
    return [w.casefold() for w in name.replace("-", " ").split()]


def _candidates(short: Entity, lookup: Lookup) -> list[Entity]:
    word = _words(short.name)[0]
    found: dict[str, Entity] = {}
    for entity in lookup(word):
        words = _words(entity.name)
        if entity.kind != "person" or len(words) < 2 or word not in words or entity.id == short.id:
            continue
        if short.country and entity.country and short.country != entity.country:
            continue
        found.setdefault(entity.id, entity)
    return list(found.values())


def _merged(full: Entity, short: Entity) -> Entity:
    aliases = sorted({*full.aliases, *short.aliases, short.name} - {full.name})
    titles = tuple(dict.fromkeys((*full.titles, *short.titles)))
    return dataclasses.replace(full, aliases=tuple(aliases), titles=titles, country=full.country or short.country)


def _relinked(mention: Mention, renamed: dict[str, str]) -> Mention:
    entity_id = renamed.get(mention.entity_id, mention.entity_id) if mention.entity_id else None
    members = tuple(dict.fromkeys(renamed.get(m, m) for m in mention.members))
    if entity_id == mention.entity_id and members == mention.members:
        return mention
    return dataclasses.replace(mention, entity_id=entity_id, members=members)


def link_short_names(analysis: Analysis, lookup: Lookup) -> LinkResult:
    """The analysis with its one-word person entities linked to known full-name people."""
    renamed: dict[str, str] = {}
    replaced: dict[str, Entity] = {}
    refused: list[Refusal] = []
    for entity in analysis.entities:
        if entity.kind != "person" or len(_words(entity.name)) != 1:
            continue
        candidates = _candidates(entity, lookup)
        if len(candidates) == 1:
            renamed[entity.id] = candidates[0].id
            replaced[entity.id] = _merged(candidates[0], entity)
        elif len(candidates) > 1:
            names = tuple(sorted(c.name for c in candidates))
            refused.append(Refusal(document_id=analysis.document.id, name=entity.name, candidates=names))
    if not renamed:
        return LinkResult(analysis=analysis, refused=tuple(refused))
    entities: dict[str, Entity] = {}
    for entity in analysis.entities:
        entity = replaced.get(entity.id, entity)
        if entity.id in entities:  # the full name was in the document too
            entity = _merged(entities[entity.id], entity)
        entities[entity.id] = entity
    mentions = tuple(_relinked(m, renamed) for m in analysis.mentions)
    linked = dataclasses.replace(analysis, mentions=mentions, entities=tuple(entities.values()))
    return LinkResult(analysis=linked, refused=tuple(refused))


@dataclass(slots=True)
class Linker:
    """Links a stream of analyses: people known from ``lookup`` (the store) and from the
    analyses linked so far in this run (which the store may not hold yet)."""

    lookup: Lookup = lambda word: ()
    refused: list[Refusal] = field(default_factory=list)
    _seen: dict[str, dict[str, Entity]] = field(default_factory=dict)

    def known(self, word: str) -> list[Entity]:
        found = {e.id: e for e in self.lookup(word)}
        found.update(self._seen.get(word, {}))
        return list(found.values())

    def link(self, analysis: Analysis) -> Analysis:
        result = link_short_names(analysis, self.known)
        self.refused.extend(result.refused)
        self._remember(result.analysis.entities)
        return result.analysis

    def link_all(self, analyses: Iterable[Analysis]) -> list[Analysis]:
        return [self.link(a) for a in analyses]

    def _remember(self, entities: Iterable[Entity]) -> None:
        for entity in entities:
            words = _words(entity.name)
            if entity.kind == "person" and len(words) >= 2:
                for word in words:
                    self._seen.setdefault(word, {})[entity.id] = entity
