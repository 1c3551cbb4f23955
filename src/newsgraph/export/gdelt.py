"""A GDELT-style event table: one row per real event, the columns event-data users join on.

One row per merged event (``newsgraph.linking`` fills ``merged_events``): date, first actor and
recipient with their ISO3 countries (all of them in ``actors``/``recipients``), PLOVER type and
mode, the event classifier's confidence (of a merged event: its most confident mention) and
whether it is background, CAMEO code and root, quad class (GDELT's 1-4 and PLOVER's name),
intensity, place with coordinates, number of articles and of outlets, and the source URLs. The
rows are those the filters keep, ``min_confidence`` and ``background`` included (by default:
the shipped threshold, no background events). On a store where linking
has not run, it falls back to one row per event mention (``fallback`` says so, and the CLI
warns): the same columns, each row reported by one article.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from newsgraph.query import events as event_rows
from newsgraph.query import merged_events as merged_rows
from newsgraph.query.filters import NO_FILTERS, Filters
from newsgraph.query.rows import EntityRef
from newsgraph.store import Store
from newsgraph.store.schema import entities, merged_events

__all__ = ["COLUMNS", "GdeltTable", "gdelt_table"]

COLUMNS = (
    "id",
    "date",
    "actor1_name",
    "actor1_country",
    "actor2_name",
    "actor2_country",
    "actors",
    "recipients",
    "plover_type",
    "plover_mode",
    "modality",
    "confidence",
    "background",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "quad_class_name",
    "intensity",
    "place_name",
    "place_country",
    "latitude",
    "longitude",
    "articles",
    "sources",
    "source_urls",
)

#: GDELT's QuadClass numbers for PLOVER's quad classes.
QUAD_NUMBERS = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3, "material_conflict": 4}
URL_SEPARATOR = " "


@dataclass(frozen=True, slots=True, kw_only=True)
class GdeltTable:
    """The rows (dicts keyed by COLUMNS) and whether they are per event mention (``fallback``)."""

    rows: Iterator[dict[str, Any]]
    fallback: bool


def gdelt_table(store: Store, filters: Filters = NO_FILTERS) -> GdeltTable:
    """The event table of ``store`` (merged events, else event mentions) for ``filters``."""
    with store.read() as conn:
        merged = conn.execute(select(func.count()).select_from(merged_events)).scalar_one() > 0
    if merged:
        return GdeltTable(rows=_merged(store, filters), fallback=False)
    return GdeltTable(rows=_mentions(store, filters), fallback=True)


def _side(refs: tuple[EntityRef, ...], country: str | None) -> tuple[str | None, str | None]:
    first = refs[0] if refs else None
    return (first.name if first else None, (first.country if first else None) or country)


def _place(store: Store, place: EntityRef | None) -> dict[str, Any]:
    if place is None:
        return {"place_name": None, "place_country": None, "latitude": None, "longitude": None}
    with store.read() as conn:
        row = conn.execute(select(entities.c.data).where(entities.c.id == place.id)).scalar_one_or_none()
    data: dict[str, Any] = row or {}
    return {
        "place_name": place.name,
        "place_country": place.country,
        "latitude": data.get("latitude"),
        "longitude": data.get("longitude"),
    }


def _common(row: Any, quad: str | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "date": row.date,
        "actors": "; ".join(a.name for a in row.actors),
        "recipients": "; ".join(r.name for r in row.recipients),
        "plover_type": row.type,
        "plover_mode": row.mode,
        "quad_class": QUAD_NUMBERS.get(quad or ""),
        "quad_class_name": quad,
        "intensity": row.intensity,
        "confidence": row.confidence,
        "background": row.background,
    }


def _merged(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    for row in merged_rows(store, filters):
        record = row.record
        actor_name, actor_country = _side(row.actors, record.get("actor_country"))
        recipient_name, recipient_country = _side(row.recipients, record.get("recipient_country"))
        cameo = record.get("cameo")
        urls = dict.fromkeys(s["url"] for s in record.get("sources", []) if s.get("url"))
        yield {
            **_common(row, row.quad_class),
            "actor1_name": actor_name,
            "actor1_country": actor_country,
            "actor2_name": recipient_name,
            "actor2_country": recipient_country,
            "modality": record.get("modality"),
            "cameo_code": cameo,
            "cameo_root": cameo[:2] if cameo else None,
            **_place(store, row.place),
            "articles": row.articles,
            "sources": row.outlets,
            "source_urls": URL_SEPARATOR.join(urls),
        }


def _mentions(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    for row in event_rows(store, filters):
        actor_name, actor_country = _side(row.actors, None)
        recipient_name, recipient_country = _side(row.recipients, None)
        yield {
            **_common(row, row.quad_class),
            "actor1_name": actor_name,
            "actor1_country": actor_country,
            "actor2_name": recipient_name,
            "actor2_country": recipient_country,
            "modality": row.modality,
            "cameo_code": row.cameo,
            "cameo_root": row.cameo[:2] if row.cameo else None,
            **_place(store, row.place),
            "articles": 1,
            "sources": 1,
            "source_urls": row.document.url or "",
        }
