"""The rows the query layer returns: frozen dataclasses, JSON-ready with ``model.to_dict``.

These are the shapes the CLI prints and the REST API serves, so field names are stable. Every
row of a list has ``cursor``: pass it as ``after=`` to get the rows after it (see ``cursor.py``).
Entities appear as :class:`EntityRef` (id with name, kind, country), documents as
:class:`DocumentRef` (id, title, outlet, URL, date): enough to cite without another lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "DocumentRef",
    "DocumentRow",
    "EntityProfile",
    "EntityRef",
    "EventRow",
    "MergedEventRow",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "QuoteRow",
    "StoryRow",
    "TimelineItem",
    "TitleRecord",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityRef:
    """An entity as other rows name it. ``name`` is the id itself when the entity row is missing
    (a fact may point at an entity linking has not stored), so there is always something to show."""

    id: str
    name: str
    kind: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRef:
    """The article a fact comes from, with what a citation needs."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleRecord:
    """A title an entity held as of a date, and an article that gives it (None when no stored
    article of that date names the title)."""

    title: str
    affiliation: str | None
    as_of: str | None
    document: DocumentRef | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityProfile:
    """Everything known about one canonical entity: identity, titles over time, how often and
    when it is mentioned, and how many events and quotes it takes part in."""

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    titles: tuple[TitleRecord, ...]
    latitude: float | None
    longitude: float | None
    mentions: int
    documents: int
    events_as_actor: int
    events_as_recipient: int
    quotes: int
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRow:
    """One event mention, with its PLOVER coding, participants, words and article.
    ``quad_class``/``intensity`` come from the ontology for ``type``; ``confidence`` is the event
    classifier's calibrated probability that the event is right (None for an event stored before
    the classifier), ``background`` whether the article tells it as background or history."""

    id: str
    date: str | None
    type: str
    mode: str | None
    quad_class: str | None
    intensity: int | None
    modality: str
    cameo: str | None
    confidence: float | None
    background: bool
    actors: tuple[EntityRef, ...]
    recipients: tuple[EntityRef, ...]
    place: EntityRef | None
    evidence: str
    trigger: str | None
    document: DocumentRef
    cursor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteRow:
    """One quotation: ``kind`` direct/partial/indirect, ``text`` the quoted words as written,
    the speaker (entity when linked, else the words naming them), the cue word and the article.
    ``negated``: the cue is negated ("did not say"): the speaker did not say or believe it."""

    id: str
    date: str | None
    kind: str
    text: str
    speaker: EntityRef | None
    speaker_text: str | None
    cue: str | None
    document: DocumentRef
    cursor: str
    negated: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineItem:
    """One thing an entity did or said, for its timeline.

    ``kind`` is ``event`` or ``quote``; ``role`` is ``actor``/``recipient`` for events and
    ``speaker`` for quotes. ``type``/``mode`` are the PLOVER coding of an event (None for a
    quote), ``quote_kind`` the kind of a quote. ``text`` is the quoted words or the event's
    evidence sentence; ``counterparts`` the other side (recipients of its action, actors acting
    on it; empty for quotes). ``confidence`` and ``background`` are an event's (as in
    :class:`EventRow`; None for a quote)."""

    date: str | None
    kind: str
    id: str
    role: str
    type: str | None
    mode: str | None
    quote_kind: str | None
    modality: str | None
    confidence: float | None
    background: bool | None
    text: str
    counterparts: tuple[EntityRef, ...]
    document: DocumentRef
    cursor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRow:
    """A stored article without its text; ``snippet`` and ``score`` only for a full-text query."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    language: str | None
    snippet: str | None
    score: float | None
    cursor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRow:
    """A story cluster: its label, date span and articles (in arrival order)."""

    id: str
    label: str
    first_date: str | None
    last_date: str | None
    size: int
    documents: tuple[DocumentRef, ...]
    cursor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MergedEventRow:
    """One real event however many articles reported it; ``record`` is the whole stored
    ``MergedEvent`` as ``to_dict`` gives it (sources with evidence, disagreements).
    ``confidence`` is the highest confidence of its event mentions (None when none has one),
    ``background`` whether every one of them is told as background."""

    id: str
    date: str | None
    type: str
    mode: str | None
    quad_class: str | None
    intensity: int | None
    confidence: float | None
    background: bool
    actors: tuple[EntityRef, ...]
    recipients: tuple[EntityRef, ...]
    place: EntityRef | None
    story_id: str | None
    articles: int
    outlets: int
    first_reported: str | None
    last_reported: str | None
    record: dict[str, Any]
    cursor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkNode:
    """A canonical entity in the actor network; ``events`` counts the events in the window
    where it is actor or recipient on an edge."""

    id: str
    name: str
    kind: str | None
    country: str | None
    events: int


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkEdge:
    """``source`` acted on ``target`` in ``events`` events: ``cooperation``/``conflict`` split
    them by PLOVER quad class, ``intensity_sum``/``intensity_mean`` add up the types' intensities
    (-10 most conflictual .. +10 most cooperative)."""

    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    intensity_sum: int
    intensity_mean: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Network:
    """Who acted on whom in a window: nodes sorted by id, edges by (source, target)."""

    since: str | None
    until: str | None
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
