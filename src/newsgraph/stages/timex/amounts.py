"""Values of amounts of time: durations ("three years" -> P3Y, "recent years" -> PXY) and sets
("every year", "weekly")."""

from __future__ import annotations

from newsgraph.stages.timex.anchor import Anchor
from newsgraph.stages.timex.lexicon import CLOCK_UNITS, FREQUENCIES, MONTHS, UNIT_FACTORS, UNITS, WEEKDAYS
from newsgraph.stages.timex.resolve import Result, number

#: How a fraction of a unit is written in the next smaller one: 2 1/2 years = P2Y6M.
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
_SMALLER_CLOCK = {"H": ("M", 60), "M": ("S", 60)}


def duration_value(amount: float | None, unit_word: str) -> str:
    unit = unit_word.lower()
    letter = UNITS[unit]
    clock = unit in CLOCK_UNITS
    if amount is None:
        vague = "E" if unit == "decade" else "C" if unit.startswith("centur") else letter
        return f"PTX{vague}" if clock else f"PX{vague}"
    amount *= UNIT_FACTORS.get(unit, 1)
    whole = int(amount)
    parts = [(whole, letter, clock)] if whole else []
    if amount != whole:
        smaller, factor = (_SMALLER_CLOCK if clock else _SMALLER).get(letter, (letter, 1))
        parts.append((round((amount - whole) * factor), smaller, clock or smaller == "H"))
    date = "".join(f"{n}{u}" for n, u, c in parts if not c)
    time = "".join(f"{n}{u}" for n, u, c in parts if c)
    return "P" + date + (f"T{time}" if time else "")


def duration(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    amount = number(g["n"])
    if g.get("half") and amount is not None:
        amount += 0.5
    return Result("DURATION", duration_value(amount, g["unit"]))


def vague_duration(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    """ "several years" -> PXY; but "in coming months", "in past years" (no article) point to a
    side of the present rather than measure: FUTURE_REF, PAST_REF."""
    rels = (g.get("rel") or "").lower().split()
    if not g.get("det") and rels in (["coming"], ["upcoming"]):
        return Result("DATE", "FUTURE_REF")
    if not g.get("det") and rels == ["past"]:
        return Result("DATE", "PAST_REF")
    return Result("DURATION", duration_value(None, g["unit"]))


def frequency(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    if g.get("freq"):
        return Result("SET", FREQUENCIES[g["freq"].lower()])
    word = (g.get("unit") or g.get("unit2") or "").lower().rstrip(".")
    if word in WEEKDAYS:
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[word]}")
    if word in MONTHS and len(word) > 3:
        return Result("SET", f"XXXX-{MONTHS[word]:02d}")
    return Result("SET", duration_value(1, word))
