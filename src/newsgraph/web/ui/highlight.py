"""The article text cut into segments for highlighting, from the facts' character offsets.

Spans overlap freely (a quote contains its speaker and an event trigger; a time expression
sits inside an event's evidence; two mentions can cross). HTML elements must nest, so instead of
wrapping each span the text is cut at every span boundary: each segment is a run of characters
covered by the same set of marks, and carries all of their styles. Concatenating the segments'
text gives back the document text exactly; that is what the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from newsgraph.model import Analysis, Span

__all__ = ["Mark", "Segment", "marks_of", "segments"]

#: Mark kinds, each drawn in its own style (see static/newsgraph.css).
KINDS = ("mention", "timex", "quote", "speaker", "trigger")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """One highlighted span: ``kind`` is one of ``KINDS``; ``fact`` the id of the fact it shows;
    ``entity_id`` is set for mentions (and speakers) linked to an entity."""

    kind: str
    start: int
    end: int
    fact: str
    entity_id: str | None = None
    label: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A run of text covered by exactly ``marks`` (possibly none)."""

    text: str
    start: int
    marks: tuple[Mark, ...] = ()

    @property
    def classes(self) -> str:
        """The CSS classes: one per kind of mark covering the segment."""
        return " ".join(sorted({mark.kind for mark in self.marks}))

    @property
    def facts(self) -> str:
        return " ".join(dict.fromkeys(mark.fact for mark in self.marks))

    @property
    def entity_id(self) -> str | None:
        """The entity a click opens: the innermost (shortest) linked mark covering the segment."""
        linked = [mark for mark in self.marks if mark.entity_id]
        return min(linked, key=lambda mark: mark.end - mark.start).entity_id if linked else None

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(mark.label for mark in self.marks if mark.label))


def marks_of(analysis: Analysis) -> list[Mark]:
    """Every span worth highlighting in ``analysis``, empty spans left out."""
    names = {entity.id: entity.name for entity in analysis.entities}
    found: list[Mark] = []

    def add(kind: str, span: Span | None, fact: str, label: str, entity_id: str | None = None) -> None:
        if span is not None and span.end > span.start:
            found.append(Mark(kind=kind, start=span.start, end=span.end, fact=fact, entity_id=entity_id, label=label))

    for mention in analysis.mentions:
        name = names.get(mention.entity_id or "", "")
        add("mention", mention.span, mention.id, f"{mention.label} {name}".strip(), mention.entity_id)
    for timex in analysis.time_expressions:
        add("timex", timex.span, timex.id, f"{timex.type} {timex.value}")
    for quote in analysis.quotes:
        add("quote", quote.span, quote.id, f"{quote.kind} quote")
        speaker = names.get(quote.speaker_entity_id or "", "")
        add("speaker", quote.speaker, quote.id, f"speaker {speaker}".strip(), quote.speaker_entity_id)
    for event in analysis.events:
        label = f"{event.type}/{event.mode}" if event.mode else event.type
        add("trigger", event.trigger, event.id, f"event {label}")
    return found


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; each piece lists the marks covering it."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    cuts = [cut for cut in cuts if 0 <= cut <= len(text)]
    # Sweep: marks sorted by start enter, and leave once their end is passed.
    pending = sorted(marks, key=lambda m: (m.start, -m.end))
    active: list[Mark] = []
    out: list[Segment] = []
    i = 0
    for start, end in pairwise(cuts):
        while i < len(pending) and pending[i].start <= start:
            active.append(pending[i])
            i += 1
        active = [mark for mark in active if mark.end > start]
        out.append(Segment(text=text[start:end], start=start, marks=tuple(active)))
    return out
