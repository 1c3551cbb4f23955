"""Event merging: which event mentions, across articles, report one real event. The merged record
of each (agreed fields, every source, and where the sources disagree) is built by
:mod:`newsgraph.linking.merged_record`.

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

Pure and deterministic: :class:`Report` objects in, member lists (merged events) out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.linking.stories import words
from newsgraph.model import Entity, Event, content_id

__all__ = [
    "COMPATIBLE_TYPES",
    "MergeRules",
    "Report",
    "Side",
    "compatible",
    "merge_reports",
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
