"""The one description of "which records": :class:`Filters`, shared by every query function.

Filters hold what the user typed (names, not resolved ids): each query function resolves the
entity filters against the store it runs on, so the same ``Filters`` works on any store and
a REST handler can build one straight from its query string.

Dates are inclusive ISO calendar dates, at any precision: ``2019``, ``2019-05`` or
``2019-05-03``. Facts are filed under a calendar date of their own precision (``2019-05`` for
"in May 2019"), compared as text: ``until="2019-05"`` keeps every day of May, and a fact dated
only ``2019-05`` is kept by ``since="2019-05"`` but not by ``since="2019-05-10"`` (it may have
happened before the 10th).

Events have two more filters: ``min_confidence``, the lowest classifier confidence shown (None:
the shipped default threshold, ``newsgraph.models.event_threshold()``; 0 shows every event),
and ``background`` (False leaves out the events an article tells as background or history).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from newsgraph.models import event_threshold
from newsgraph.ontology import load_ontology
from newsgraph.query.errors import QueryError

__all__ = ["NO_FILTERS", "QUOTE_KINDS", "Filters", "check_confidence", "check_date", "until_bound"]

#: The kinds of quote the quote stage produces.
QUOTE_KINDS = ("direct", "partial", "indirect")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str, option: str) -> str:
    """``value`` if it is an ISO calendar date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); else a
    QueryError naming ``option`` and showing the accepted forms."""
    match = _DATE.match(value)
    ok = match is not None
    if match is not None:
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            date(year, month, day)
        except ValueError:
            ok = False
    if not ok:
        raise QueryError(f"{option} {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2019-05-03)")
    return value


def until_bound(until: str) -> str:
    """The largest text a fact date inside ``until`` can be: ``2019-05`` -> ``2019-05~`` (``~``
    sorts after every digit and ``-``), so ``date <= bound`` keeps every day of May."""
    return until + "~"


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """Which records a query returns; every field is optional and they combine with AND.

    ``entity``, ``actor``, ``recipient`` and ``place`` are an entity id, name or alias (see
    :func:`newsgraph.query.resolve_entity`); ``types`` PLOVER event types (``CONSULT``);
    ``country`` an ISO 3166 alpha-3 code of an actor or recipient (of the speaker, for quotes);
    ``source`` an outlet name as stored in ``documents.source`` (case-insensitive);
    ``story`` a story id; ``quote_kinds`` among ``direct``, ``partial``, ``indirect``;
    ``modalities`` among asserted, negated, future, hypothetical, reported; ``text`` full-text
    words (documents: ranked search; events and quotes: their document must contain them).
    ``min_confidence`` (0 to 1) keeps events the classifier is at least that sure of: None
    means the shipped default threshold (:func:`newsgraph.models.event_threshold`), 0 keeps
    every event; an event stored before the classifier existed (confidence NULL) passes any
    threshold. ``background`` True also keeps the events an article tells as background
    (history, earlier events); by default they are left out.
    Filters a query cannot apply are ignored by it and say so in its docstring.
    """

    text: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    types: tuple[str, ...] = ()
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    place: str | None = None
    source: str | None = None
    story: str | None = None
    quote_kinds: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    min_confidence: float | None = None
    background: bool = False

    def confidence_floor(self) -> float:
        """The lowest event confidence these filters keep: ``min_confidence``, else the shipped
        default threshold."""
        return event_threshold() if self.min_confidence is None else self.min_confidence

    def __post_init__(self) -> None:
        if self.since is not None:
            check_date(self.since, "--since")
        if self.until is not None:
            check_date(self.until, "--until")
        if self.since and self.until and self.since > until_bound(self.until):
            raise QueryError(f"--since {self.since} is after --until {self.until}; swap them")
        known = load_ontology().types
        unknown = [t for t in self.types if t not in known]
        if unknown:
            raise QueryError(f"unknown PLOVER event type(s) {', '.join(unknown)}; use some of {', '.join(known)}")
        bad_kinds = [k for k in self.quote_kinds if k not in QUOTE_KINDS]
        if bad_kinds:
            raise QueryError(f"unknown quote kind(s) {', '.join(bad_kinds)}; use some of {', '.join(QUOTE_KINDS)}")
        if self.country is not None and not re.fullmatch(r"[A-Z]{3}", self.country):
            raise QueryError(f"--country {self.country!r} is not an ISO 3166 alpha-3 code; use e.g. RUS, UKR, USA")
        if self.min_confidence is not None:
            check_confidence(self.min_confidence, "--min-confidence")


def check_confidence(value: object, option: str) -> float:
    """``value`` if it is a number from 0 to 1; else a QueryError naming ``option`` and saying
    what 0 and the default mean."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not (math.isfinite(value) and 0 <= value <= 1):
        raise QueryError(
            f"{option} {value!r} is not a confidence from 0 to 1; use e.g. 0.8, 0 to show every event, "
            f"or leave it out for the default threshold ({event_threshold()})"
        )
    return float(value)


#: No filters at all: the default of every query function.
NO_FILTERS = Filters()
