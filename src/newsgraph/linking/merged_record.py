"""The merged record of one real event, from the mentions merged into it (:mod:`newsgraph.linking.merge`
decides which those are): a stable id, the agreed fields, every source, and where the sources disagree.

- agreed fields (type, mode, actors, recipients, place, date, modality, CAMEO code, countries):
  each article votes once, with its most frequent value; the value of most articles wins, ties
  to the one reported first.
- sources: one :class:`~newsgraph.model.EventSource` per mention, in arrival order, with the
  counts of articles and outlets (copies with no outlet of their own count as their original's)
  and the first and last publication date.
- disagreements: the values two or more articles give for the stated day, the sentence's place,
  the duration, the counts their evidence states (:func:`figures`: killed, wounded, ...) and each
  article's actors, kept side by side, each with the mentions giving it.

Pure and deterministic: :class:`~newsgraph.linking.merge.Report` members in (any order),
:class:`~newsgraph.model.MergedEvent` out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import TypeVar

from newsgraph.linking.merge import Report
from newsgraph.model import Disagreement, EventSource, MergedEvent, content_id

__all__ = ["figures", "merged_event", "merged_event_id"]

V = TypeVar("V", bound=Hashable)


def merged_event_id(members: Sequence[Report]) -> str:
    """Stable: derived from the first member's event id, which later reports never change."""
    return content_id("mev", min(members, key=lambda r: r.order).event.id)


def _by_document(members: Sequence[Report]) -> dict[str, list[Report]]:
    grouped: dict[str, list[Report]] = {}
    for m in sorted(members, key=lambda r: r.order):
        grouped.setdefault(m.document_id, []).append(m)
    return grouped


def _first_report(reports: Sequence[Report]) -> tuple[str, tuple[int, int]]:
    first = min(reports, key=lambda r: (r.published or "9999", r.order))
    return first.published or "9999", first.order


def _vote(members: Sequence[Report], value: Callable[[Report], V | None]) -> V | None:
    """Each article votes once (its most frequent value, ties to its first mention); the value
    of most articles wins, ties to the one reported first."""
    votes: dict[V, list[Report]] = {}
    for reports in _by_document(members).values():
        values = [(v, r) for r in reports if (v := value(r)) is not None]
        if values:
            counts = Counter(v for v, _ in values)
            top = max(counts.values())
            choice = next(v for v, _ in values if counts[v] == top)
            votes.setdefault(choice, []).extend(reports)
    if not votes:
        return None
    return min(votes, key=lambda v: (-len({r.document_id for r in votes[v]}), _first_report(votes[v])))


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ))
}  # fmt: skip
_FIGURE = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?:\s+|-)([A-Za-z]+)(?=((?:\s+[A-Za-z]+){0,2}))", re.I
)
#: What a figure counts, by the words near it: casualties are the common conflict of reports.
_KINDS = {
    "killed": "killed", "killing": "killed", "dead": "killed", "died": "killed", "deaths": "killed",
    "wounded": "wounded", "wounding": "wounded", "injured": "wounded", "injuring": "wounded",
    "arrested": "arrested", "detained": "arrested", "missing": "missing",
}  # fmt: skip
#: Figures of time are durations and dates, not counts (the ``duration`` field covers them).
_TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year"}
    | {"seconds", "minutes", "hours", "days", "weeks", "months", "years"}
)


def figures(text: str) -> dict[str, str]:
    """The counts a text states, by what they count: ``"killing 12 people"`` -> ``{"killed": "12"}``,
    ``"300 protesters"`` -> ``{"protesters": "300"}``. Years and durations are left out."""
    found: dict[str, str] = {}
    for match in _FIGURE.finditer(text):
        raw, unit, after = match.group(1), match.group(2).lower(), match.group(3).lower().split()
        if unit in _TIME_UNITS or (raw.isdigit() and len(raw) == 4 and raw.startswith(("19", "20"))):
            continue
        value = str(_NUMBER_WORDS.get(raw.lower(), raw.replace(",", "")))
        before = text[max(0, match.start() - 20) : match.start()].lower().split()[-2:]
        # "killing 12 people", "12 people were killed", "12 dead": the nearest casualty word.
        kind = next((_KINDS[w] for w in (unit, *reversed(before), *after) if w in _KINDS), unit)
        found.setdefault(kind, value)
    return found


def _disagreement(field: str, members: Sequence[Report], value: Callable[[Report], str | None]) -> Disagreement | None:
    """Each value with the mentions giving it, when articles give two or more values."""
    givers: dict[str, list[Report]] = {}
    for m in sorted(members, key=lambda r: r.order):
        v = value(m)
        if v is not None:
            givers.setdefault(v, []).append(m)
    documents = {m.document_id for reports in givers.values() for m in reports}
    if len(givers) < 2 or len(documents) < 2:
        return None
    ordered = sorted(givers.items(), key=lambda kv: _first_report(kv[1]))
    return Disagreement(field=field, values=tuple((v, tuple(m.event.id for m in ms)) for v, ms in ordered))


def _disagreements(members: Sequence[Report]) -> tuple[Disagreement, ...]:
    actors: dict[str, str] = {}  # each article's voted actors, on its mentions that name actors
    for reports in _by_document(members).values():
        vote = _vote(reports, _actor_ids)
        if vote:
            actors.update({m.event.id: ",".join(vote) for m in reports if m.event.actors})
    checks: list[tuple[str, Callable[[Report], str | None]]] = [
        ("date", lambda r: r.explicit_day),
        ("place", lambda r: r.sentence_place),
        ("duration", lambda r: r.event.duration),
        ("actors", lambda r: actors.get(r.event.id)),
    ]
    kinds = sorted({k for m in members for k in figures(m.event.evidence.text)})
    for kind in kinds:
        checks.append((f"number:{kind}", partial(_figure, kind=kind)))
    found = (_disagreement(field, members, value) for field, value in checks)
    return tuple(
        Disagreement(field="number", values=tuple((f"{v} {d.field[7:]}", ids) for v, ids in d.values))
        if d.field.startswith("number:")
        else d
        for d in found
        if d is not None
    )


def _figure(report: Report, kind: str) -> str | None:
    return figures(report.event.evidence.text).get(kind)


def _actor_ids(report: Report) -> tuple[str, ...] | None:
    return tuple(sorted(report.event.actors)) or None


def merged_event(members: Sequence[Report]) -> MergedEvent:
    """The merged record of one real event from its members (any order)."""
    if not members:
        raise ValueError("merged_event: a merged event needs at least one member mention")
    ordered = sorted(members, key=lambda r: r.order)
    published = sorted(p for r in ordered if (p := r.published))
    place = _vote(ordered, lambda r: r.sentence_place) or _vote(ordered, lambda r: r.event.place)
    return MergedEvent(
        id=merged_event_id(ordered),
        type=_vote(ordered, lambda r: r.event.type) or ordered[0].event.type,
        mode=_vote(ordered, lambda r: r.event.mode),
        actors=_vote(ordered, lambda r: r.event.actors or None) or (),
        recipients=_vote(ordered, lambda r: r.event.recipients or None) or (),
        place=place,
        date=_vote(ordered, lambda r: r.explicit_day)
        or _vote(ordered, lambda r: r.explicit_date)
        or _vote(ordered, lambda r: r.date),
        modality=_vote(ordered, lambda r: r.event.modality) or "asserted",
        cameo=_vote(ordered, lambda r: r.event.cameo),
        actor_country=_vote(ordered, lambda r: r.event.actor_country),
        recipient_country=_vote(ordered, lambda r: r.event.recipient_country),
        story_id=ordered[0].story_id,
        sources=tuple(
            EventSource(
                event_id=r.event.id,
                document_id=r.document_id,
                evidence=r.event.evidence,
                source=r.outlet,
                url=r.url,
                published=r.published,
                time=r.event.time,
                place=r.event.place,
            )
            for r in ordered
        ),
        articles=len({r.document_id for r in ordered}),
        outlets=len({r.outlet_key for r in ordered}),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        disagreements=_disagreements(ordered),
    )
