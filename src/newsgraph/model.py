"""The data model: documents, spans and the facts extracted from them.

Every class is a frozen dataclass. Every span is a half-open ``[start, end)`` range of ``str``
indices into ``Document.text`` and carries the text it covers, so ``text[start:end] == span.text``
is an invariant that tests check. Every fact carries its :class:`Provenance` (which stage and
version made it, with which model, from which words, how sure). Ids are derived from content,
so running the same input again yields the same ids and the store upserts instead of duplicating.

``to_dict``/``from_dict`` give a JSON-ready form that round-trips exactly (property-tested).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

__all__ = [
    "FURNITURE_KINDS",
    "Analysis",
    "Disagreement",
    "Document",
    "Entity",
    "Event",
    "EventSource",
    "Furniture",
    "Mention",
    "MergedEvent",
    "NearDuplicate",
    "Provenance",
    "Quote",
    "Rejection",
    "Span",
    "StoryRecord",
    "TimeExpression",
    "Title",
    "content_id",
    "from_dict",
    "normalise_text",
    "to_dict",
]


def normalise_text(text: str) -> str:
    """The form of a text used for duplicate detection: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_id(prefix: str, *parts: object) -> str:
    """A stable id from content: ``prefix`` + the first 16 hex digits of a SHA-256 of ``parts``."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return f"{prefix}_{digest.hexdigest()[:16]}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A half-open ``[start, end)`` character range of ``Document.text`` and the text it covers."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"Span [{self.start}, {self.end}) is not a valid range: need 0 <= start <= end")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"Span [{self.start}, {self.end}) has {len(self.text)} characters of text, "
                f"expected {self.end - self.start}"
            )

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(start=start, end=end, text=text[start:end])

    def slices(self, text: str) -> bool:
        """True when this span's offsets cut exactly its text out of ``text``."""
        return text[self.start : self.end] == self.text


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where a fact came from: the stage (and its version) that made it, the model it used,
    the evidence spans it rests on, and a confidence (``None`` when the stage has no calibrated
    score, rather than a made-up 1.0)."""

    stage: str
    stage_version: str
    model: str | None = None
    evidence: tuple[Span, ...] = ()
    confidence: float | None = None


#: The kinds of :class:`Furniture`, in the order the article page lists them.
FURNITURE_KINDS = ("dateline", "caption", "credit", "timestamp", "header", "related", "prompt")


@dataclass(frozen=True, slots=True, kw_only=True)
class Furniture:
    """Page furniture taken out of an article's text at ingest: a photo caption or credit, a
    wire dateline, a live-blog timestamp, a section header in capitals, a related-link or
    read-more line, a subscription prompt (``kind``, one of :data:`FURNITURE_KINDS`).

    ``line`` is the 1-based line it stood on in the text as read (the file for plain text, the
    record's text field for JSONL, the extracted page text for HTML and feeds); ``at`` is where
    it stood in ``Document.text`` (an offset from 0 to ``len(text)``), so it can be shown in place.
    """

    kind: str
    text: str
    line: int
    at: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One news article, as read from its source.

    ``published`` is an ISO 8601 date or date-time (UTC) and ``published_source`` says where it
    came from (``dateline``, ``html``, ``feed``, ``jsonl``, ``http-header``, ...), because a
    dateline is worth more than a file's mtime. ``origin`` names the input it was read from
    (``path``, ``path:line``, ``path#record-id``, or URL) so every message can point at it.
    ``extra`` keeps reader-specific metadata such as a WARC record id.

    ``furniture`` holds what the reader took out of the text because it is not the story
    (captions, credits, datelines, ...: see :class:`Furniture`); ``dateline_place`` is the place
    a wire dateline named ("Washington" from "WASHINGTON (Reuters) -").
    """

    id: str
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    standfirst: str | None = None
    section: str | None = None
    byline: str | None = None
    published: str | None = None
    published_source: str | None = None
    retrieved: str | None = None
    language: str | None = None
    origin: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    dateline_place: str | None = None
    furniture: tuple[Furniture, ...] = ()

    @staticmethod
    def make_id(text: str) -> str:
        """Documents are identified by their normalised text: the same article read twice, from
        any format, gets the same id."""
        return content_id("doc", normalise_text(text))

    @classmethod
    def create(cls, *, text: str, **fields: Any) -> Document:
        """A document whose id is derived from ``text``."""
        return cls(id=cls.make_id(text), text=text, **fields)

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(normalise_text(self.text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """An input that did not become a document, or a document a stage failed on.

    ``reason`` is a stable code (``empty_text``, ``decode_error``, ``binary``, ``truncated``,
    ``malformed``, ``not_an_article``, ``missing_field``, ``not_found``, ``read_error``,
    ``fetch_error``, ``too_large``, ``too_long``, ``stage_error``, ``reader_error``); ``origin`` names the input
    (file, line or record) and ``message`` says what was wrong and what to do about it, without
    repeating the origin (:meth:`describe` puts the two together).
    """

    origin: str
    reason: str
    message: str
    document_id: str | None = None

    @property
    def id(self) -> str:
        return content_id("rej", self.origin, self.reason)

    def describe(self) -> str:
        """``origin: message``, the way people read it."""
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A span of the text that names (or refers to) something; ``entity_id`` links it to the
    canonical entity once coreference and linking have run.

    ``label`` is the model's entity label for names (PERSON, ORG, GPE, ...) or the kind of
    referring expression coreference adds (``PRON`` for "he", ``NOMINAL`` for "the Chinese
    leader", ``GROUP`` for "the two leaders"). A group mention refers to several entities: their
    ids are in ``members`` and ``entity_id`` is None.
    """

    id: str
    document_id: str
    span: Span
    label: str
    provenance: Provenance
    entity_id: str | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Title:
    """A title or role held by an entity (``President`` of ``CHN``) as of a date: roles change."""

    title: str
    affiliation: str | None = None
    as_of: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A canonical real-world thing: person, organisation, country, place, region (no country
    holds it: a continent, an ocean), facility, project, product, instrument (an index, a
    currency), event or group. ``country`` is an ISO 3166 alpha-3 code; places have WGS84 coordinates."""

    id: str
    name: str
    kind: str
    provenance: Provenance
    aliases: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """A time expression normalised to TIMEX3 (``type`` DATE/TIME/DURATION/SET, ``value`` such as
    ``2025-05-03``, ``P4D`` or ``PAST_REF``, ``mod`` such as ``APPROX``, ``START`` or
    ``EQUAL_OR_LESS`` for "about", "early" or "nearly") with calendar bounds for range queries."""

    id: str
    document_id: str
    span: Span
    type: str
    value: str
    provenance: Provenance
    earliest: str | None = None
    latest: str | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Something somebody said: ``kind`` is ``direct``, ``partial`` or ``indirect``; ``cue`` is the
    reporting word (``cue_lemma`` its lemma); ``speaker`` the mention span of who said it.

    ``time`` is when it was said and ``time_source`` how that is known: ``expression`` (the
    quotation's own time expression, "On May 3, ... stated") or ``reported`` (the article's date:
    it was said by then).

    ``negated`` marks reported speech or belief whose cue is negated: in "she did not think her
    pay would go up" the content is "her pay would go up" (the span PolNeAR-style annotation
    gives), and ``negated`` says she did *not* think so. A reader of the content alone must check
    it: a negated quote is not a claim the speaker made."""

    id: str
    document_id: str
    span: Span
    kind: str
    provenance: Provenance
    cue: Span | None = None
    cue_lemma: str | None = None
    speaker: Span | None = None
    speaker_entity_id: str | None = None
    time: str | None = None
    time_source: str | None = None
    negated: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Who did what to whom, coded in PLOVER: ``type`` (e.g. CONSULT), ``mode`` (e.g. visit),
    actor and recipient entity ids, place entity id, time value, ``modality`` (asserted,
    negated, future, hypothetical, reported) and the CAMEO code; ``evidence`` is the words.

    ``trigger`` is the word or phrase that signals the event ("held talks"); ``reported_by`` the
    entity id of who reported it when it comes from a quotation or reported speech;
    ``actor_sector``/``recipient_sector`` PLOVER sector codes (GOV, MIL, REB, ...) and
    ``actor_country``/``recipient_country`` ISO 3166 alpha-3 codes of each side; ``duration``
    a TIMEX3 duration ("P3D" for "a three-day ceasefire"). ``time_source`` says how ``time`` is
    known, as for a quote: ``expression`` (the clause's own time expression), ``story`` (a deed
    with no date of its own: the day the article's lead gives its news) or ``reported`` (the
    article's date: it happened by then); an event told in a quotation with no time
    expression in its own clause takes the quotation's time. ``place_source`` says where
    ``place`` comes from: ``sentence`` (the event's own sentence names it), or, when the
    sentence names no place, ``paragraph`` (the place an earlier sentence of its paragraph is
    set in) or ``document`` (the article's main location), as event coders geolocate.

    ``background`` marks an event the article tells as past or background to its news (a
    history, "the 2001 attacks", "had been arrested", "since 2014"): timelines, aggregates and
    the GDELT-style export count only the news of the day unless asked for background too. Such
    an event keeps its own date when the text gives one; else ``time`` is empty and ``latest``
    holds the latest date it can have happened (the article's date).
    ``provenance.confidence`` is the event classifier's calibrated probability that the event is
    right in type (of the events near 0.8, about 80% are right on held-out data)."""

    id: str
    document_id: str
    type: str
    evidence: Span
    provenance: Provenance
    mode: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    place: str | None = None
    time: str | None = None
    modality: str = "asserted"
    cameo: str | None = None
    trigger: Span | None = None
    reported_by: str | None = None
    actor_sector: str | None = None
    recipient_sector: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    duration: str | None = None
    time_source: str | None = None
    place_source: str | None = None
    background: bool = False
    latest: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """A document with every fact extracted from it so far. Stages add to it; nothing mutates."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    time_expressions: tuple[TimeExpression, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()

    FACT_KINDS: ClassVar[tuple[str, ...]] = ("mentions", "entities", "time_expressions", "quotes", "events")

    def spans(self) -> typing.Iterator[Span]:
        """Every span of every fact, for checking the offset invariant."""
        for mention in self.mentions:
            yield mention.span
        for timex in self.time_expressions:
            yield timex.span
        for quote in self.quotes:
            yield quote.span
            if quote.cue is not None:
                yield quote.cue
            if quote.speaker is not None:
                yield quote.speaker
        for event in self.events:
            yield event.evidence
            if event.trigger is not None:
                yield event.trigger
        facts: tuple[Mention | Entity | TimeExpression | Quote | Event, ...] = (
            *self.mentions,
            *self.entities,
            *self.time_expressions,
            *self.quotes,
            *self.events,
        )
        for fact in facts:
            yield from fact.provenance.evidence


# --- across the corpus (linking/) ----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class NearDuplicate:
    """A document that is a near-copy (syndicated, lightly edited) of an earlier ``original``;
    ``similarity`` is the estimated Jaccard of their word shingles. Nothing is dropped."""

    document_id: str
    original_id: str
    similarity: float


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRecord:
    """The articles about one real-world story: ``label`` is headline-like (top names and
    terms), ``first_date``/``last_date`` its date span, ``document_ids`` in arrival order."""

    id: str
    label: str
    document_ids: tuple[str, ...]
    first_date: str | None = None
    last_date: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSource:
    """One article's report of a merged event: which event mention, in which document, from
    which outlet, and in which words; with what that report says of time and place."""

    event_id: str
    document_id: str
    evidence: Span
    source: str | None = None
    url: str | None = None
    published: str | None = None
    time: str | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """Where the sources of one merged event disagree: ``field`` (``time``, ``place``,
    ``number``, ``actors``, ...) and each value with the ids of the event mentions giving it.
    Kept side by side, never averaged away."""

    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MergedEvent:
    """One real event, however many articles reported it: the agreed type, mode, actors,
    recipients, place and date; every source with its evidence; how many articles and distinct
    outlets; the first and last report; and where the sources disagree."""

    id: str
    type: str
    sources: tuple[EventSource, ...]
    mode: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    place: str | None = None
    date: str | None = None
    modality: str = "asserted"
    cameo: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    story_id: str | None = None
    articles: int = 0
    outlets: int = 0
    first_reported: str | None = None
    last_reported: str | None = None
    disagreements: tuple[Disagreement, ...] = ()


# --- serialisation -------------------------------------------------------------------------

T = TypeVar("T")


_SCALARS = (str, int, float, bool, type(None))


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a model class (resolving them is slow: once per class)."""
    return typing.get_type_hints(cls)


@functools.cache
def _field_set(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_dict(obj: Any) -> Any:
    """A JSON-ready form of a model object: dataclasses become dicts, tuples become lists.

    Called for every fact stored (its ``data`` column), so scalars take a fast path and each
    class's field names are looked up once."""
    if isinstance(obj, _SCALARS):
        return obj
    if isinstance(obj, tuple | list):
        return [to_dict(item) for item in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {name: to_dict(getattr(obj, name)) for name in _field_names(type(obj))}
    return obj


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Rebuild a model object of class ``cls`` from :func:`to_dict` output.

    Unknown keys are an error (a typo in untrusted JSON should not pass silently).
    """
    if not isinstance(data, Mapping):
        raise TypeError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    model: type = cls  # a class is hashable: the per-class caches key on it
    hints = _type_hints(model)
    names = _field_set(model)
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {sorted(unknown)}; expected some of {sorted(names)}")
    kwargs = {name: _convert(hints[name], value) for name, value in data.items()}
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item) for item in value)
        return tuple(_convert(a, item) for a, item in zip(args, value, strict=True))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value


# Which class holds the facts of each kind (the names of the extract JSON lists).
FACT_CLASSES: dict[str, type] = {
    "mentions": Mention,
    "entities": Entity,
    "time_expressions": TimeExpression,
    "quotes": Quote,
    "events": Event,
}
