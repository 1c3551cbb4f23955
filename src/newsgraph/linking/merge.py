"""Event merging: which event mentions, across articles, report one real event, and the merged
record of each (agreed fields, every source, and where the sources disagree).

Mentions are compared only inside a story (:mod:`newsgraph.linking.stories`): two stories are
two real-world happenings, so blocking by story keeps unrelated events apart and the pairwise
work small. Inside a story a mention joins an earlier merged event when it is *compatible* with
every member (complete link, so one vague mention cannot chain two events together) and
*supported* by at least one:

- compatible: the same PLOVER type (or a pair that outlets code either way, :data:`COMPATIBLE_TYPES`),
  modes that do not differ, negated only with negated, actors and recipients that share an
  entity or where one side is only a country the other belongs to (unknown sides pass), dates
  within ``window_days`` (the event's own date, else its article's), and places that do not
  name two different locations; two mentions in one article with two different stated dates are
  two events.
- supported: they share a participant, or their evidence shares words, or they state the same day,
  or one clause continues the other in one sentence.

Among the compatible merged events the one with the best score (shared participants, shared
evidence words, same trigger) wins, ties to the earliest. Mentions are added in arrival order,
so adding a later batch gives what one run over everything gives.

Pure and deterministic: :class:`Report` objects in, member lists and :class:`MergedEvent` out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import TypeVar

from newsgraph.linking.stories import words
from newsgraph.model import Disagreement, Entity, Event, EventSource, MergedEvent, content_id

__all__ = [
    "COMPATIBLE_TYPES",
    "MergeRules",
    "Report",
    "Side",
    "compatible",
    "figures",
    "merge_reports",
    "merged_event",
    "merged_event_id",
    "supported",
]

#: Type pairs that one outlet codes one way and another the other way for the same happening:
#: "agreed to a ceasefire" (AGREE) and "declared a ceasefire" (RETREAT); "agreed to release the
#: prisoners" (AGREE) and "released them" (CONCEDE/RETREAT are the deed that was agreed).
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    {frozenset({"AGREE", "RETREAT"}), frozenset({"AGREE", "CONCEDE"}), frozenset({"CONCEDE", "RETREAT"})}
)
#: Types where who is actor and who recipient is the outlet's choice ("A met B", "B hosted A").
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def country_entity_id(code: str) -> str:
    """The id the entities stage gives the country ``code`` (``stages.entities.kinds.entity_id``)."""
    return content_id("ent", "country", code)


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeRules:
    """The knobs. ``window_days``: outlets put one event up to a day or two apart ("Monday" in
    one, "Tuesday" in the next, or the publication date when the text gives none); 3 days keeps
    weekly events (a summit on consecutive Mondays) apart. ``min_overlap``: the share of evidence
    content words two mentions must have in common to support each other without a shared
    participant or day."""

    window_days: int = 3
    min_overlap: float = 0.1


@dataclass(frozen=True, slots=True, kw_only=True)
class Side:
    """One side (actors or recipients) of a mention: entity ids, their countries, and whether
    the side is only countries ("Portugal"), which then stands for any actor of that country."""

    ids: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    country_only: bool = False

    @classmethod
    def of(cls, ids: Sequence[str], country: str | None, entities: Mapping[str, Entity]) -> Side:
        codes = {e.country for i in ids if (e := entities.get(i)) is not None and e.country}
        if country:
            codes.add(country)
        only = bool(ids) and all((e := entities.get(i)) is not None and e.kind == "country" for i in ids)
        if country and tuple(ids) == (country_entity_id(country),):
            only = True
        return cls(ids=frozenset(ids), countries=frozenset(codes), country_only=only)

    def __or__(self, other: Side) -> Side:
        return Side(
            ids=self.ids | other.ids,
            countries=self.countries | other.countries,
            country_only=(self.country_only or not self.ids) and (other.country_only or not other.ids),
        )

    def agrees(self, other: Side) -> bool:
        if not self.ids or not other.ids or self.ids & other.ids:
            return True
        return (self.country_only or other.country_only) and bool(self.countries & other.countries)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One event mention as merging sees it: the event, its article (story, outlet, URL, date)
    and what is known of its participants and place. ``original`` is the document itself, or
    the original it near-duplicates: copies with no outlet of their own count as the original's.
    ``order`` is the arrival order (document, then position in it)."""

    event: Event
    story_id: str | None
    order: tuple[int, int]
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    original: str | None = None
    actors: Side = Side()
    recipients: Side = Side()
    place_country: str | None = None
    place_is_country: bool = False

    @classmethod
    def of(
        cls,
        event: Event,
        *,
        story_id: str | None,
        order: tuple[int, int],
        outlet: str | None,
        url: str | None,
        published: str | None,
        original: str | None,
        entities: Mapping[str, Entity],
    ) -> Report:
        place = entities.get(event.place) if event.place else None
        return cls(
            event=event,
            story_id=story_id,
            order=order,
            outlet=outlet,
            url=url,
            published=published,
            original=original,
            actors=Side.of(event.actors, event.actor_country, entities),
            recipients=Side.of(event.recipients, event.recipient_country, entities),
            place_country=place.country if place is not None else None,
            place_is_country=place is not None and place.kind == "country",
        )

    @property
    def document_id(self) -> str:
        return self.event.document_id

    @property
    def outlet_key(self) -> str:
        return self.outlet or self.original or self.document_id

    @property
    def explicit_date(self) -> str | None:
        """The event's own stated date (day, month or year), not the article's."""
        if self.event.time_source == "reported" or not self.event.time:
            return None
        match = _CALENDAR.match(self.event.time)
        return match.group(0) if match else None

    @property
    def explicit_day(self) -> str | None:
        """The event's own stated day: what two reports can disagree on ("2024-06" and
        "2024-06-13" do not disagree, one is less precise)."""
        value = self.explicit_date
        return value if value is not None and len(value) == 10 else None

    @property
    def date(self) -> str | None:
        """The date the event is filed under: its own, else the article's."""
        for value in (self.explicit_date, self.published):
            match = _CALENDAR.match(value or "")
            if match:
                return match.group(0)
        return None

    @property
    def sentence_place(self) -> str | None:
        """The place the event's own sentence names (the article's main place is a guess)."""
        return self.event.place if self.event.place_source != "document" else None


# A calendar value, alone or before a time of day (a week such as "2020-W48" is not one).
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?=$|T)")


def _days(value: str | None) -> tuple[date, date] | None:
    """The first and last day a calendar value (``2024-06-13``, ``2024-06``, ``2024``) covers."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = date(parts[0], parts[1], parts[2])
            return day, day
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            return first, (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:  # "2024-02-30" and the like: no usable date
        return None


def _dates_agree(a: Report, b: Report, window: int) -> bool:
    if a.document_id == b.document_id and a.explicit_date and b.explicit_date and a.explicit_date != b.explicit_date:
        return False  # one article, two stated dates: "an attack on Monday ... another on Tuesday"
    da, db = _days(a.date), _days(b.date)
    if da is None or db is None:
        return True
    slack = timedelta(days=window)
    return da[0] - slack <= db[1] and db[0] - slack <= da[1]


def _places_agree(a: Report, b: Report) -> bool:
    pa, pb = a.sentence_place, b.sentence_place
    if pa is None or pb is None or pa == pb:
        return True
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    # Same country (or unknown): a country contains its towns; two towns are two places.
    return a.place_is_country or b.place_is_country


def _types_agree(a: Event, b: Event) -> bool:
    if a.type != b.type and frozenset({a.type, b.type}) not in COMPATIBLE_TYPES:
        return False
    return a.mode is None or b.mode is None or a.mode == b.mode or a.type != b.type


def compatible(a: Report, b: Report, rules: MergeRules) -> bool:
    """Could ``a`` and ``b`` report one real event (nothing they say rules it out)?"""
    if a.story_id != b.story_id or a.event.id == b.event.id:
        return False
    if not _types_agree(a.event, b.event):
        return False
    if (a.event.modality == "negated") != (b.event.modality == "negated"):
        return False
    sides_agree = a.actors.agrees(b.actors) and a.recipients.agrees(b.recipients)
    if not sides_agree and a.event.type in SYMMETRIC_TYPES and b.event.type in SYMMETRIC_TYPES:
        sides_agree = a.actors.agrees(b.recipients) and a.recipients.agrees(b.actors)
    return sides_agree and _dates_agree(a, b, rules.window_days) and _places_agree(a, b)


def _participants(r: Report) -> frozenset[str]:
    place = {r.sentence_place} if r.sentence_place else set()
    return r.actors.ids | r.recipients.ids | place


def _overlap(a: Report, b: Report) -> float:
    wa, wb = set(words(a.event.evidence.text)), set(words(b.event.evidence.text))
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _adjacent(a: Report, b: Report) -> bool:
    """One clause continuing the other: "bombed a checkpoint on Thursday, killing 12 people"."""
    if a.document_id != b.document_id:
        return False
    first, second = sorted((a.event.evidence, b.event.evidence), key=lambda s: s.start)
    return second.start - first.end <= _ADJACENT_GAP


#: Characters between two evidence spans of one sentence's clauses (", " or " and ").
_ADJACENT_GAP = 5


def supported(a: Report, b: Report, rules: MergeRules) -> bool:
    """Is there positive evidence that ``a`` and ``b`` are one event (not just no conflict)?"""
    if _adjacent(a, b) or _participants(a) & _participants(b):
        return True
    if (a.actors | a.recipients).countries & (b.actors | b.recipients).countries:
        return True
    if a.explicit_date is not None and a.explicit_date == b.explicit_date:
        return True
    return _overlap(a, b) >= rules.min_overlap


def _score(a: Report, b: Report) -> float:
    pa, pb = _participants(a), _participants(b)
    shared = len(pa & pb) / len(pa | pb) if pa and pb else 0.0
    trigger = a.event.trigger is not None and b.event.trigger is not None
    same_trigger = trigger and a.event.trigger.text.casefold() == b.event.trigger.text.casefold()  # type: ignore[union-attr]
    return shared + _overlap(a, b) + (0.5 if same_trigger else 0.0)


def merge_reports(
    clusters: Sequence[Sequence[Report]], new: Sequence[Report], rules: MergeRules | None = None
) -> list[list[Report]]:
    """Add ``new`` mentions (in arrival order) to the merged events ``clusters`` (each a list of
    members in arrival order); returns every cluster, the existing ones first, new ones after."""
    rules = rules or MergeRules()
    result = [list(c) for c in clusters]
    by_story: dict[str | None, list[int]] = {}
    for index, cluster in enumerate(result):
        by_story.setdefault(cluster[0].story_id, []).append(index)
    for report in sorted(new, key=lambda r: r.order):
        best: tuple[float, int] | None = None
        for index in by_story.get(report.story_id, ()):
            members = result[index]
            if not all(compatible(report, m, rules) for m in members):
                continue
            if not any(supported(report, m, rules) for m in members):
                continue
            score = max(_score(report, m) for m in members)
            if best is None or score > best[0]:
                best = (score, index)
        if best is None:
            by_story.setdefault(report.story_id, []).append(len(result))
            result.append([report])
        else:
            result[best[1]].append(report)
    return result


# --- the merged record ----------------------------------------------------------------------

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
