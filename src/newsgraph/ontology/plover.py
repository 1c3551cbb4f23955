"""The PLOVER ontology as data: event types, quad classes, intensities, modes, contexts, and the
CAMEO code of each type and mode (``plover.toml``, ``cameo.toml``).

Besides lookups it knows one PLOVER coding convention that code must apply, not data: a stated
intention is coded by its quad class (``AGREE`` for cooperation, ``THREATEN`` for conflict) and
a refusal as ``REJECT`` (:meth:`Ontology.coded_type`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.errors import ConfigError

__all__ = ["EventType", "Ontology", "QuadClass", "load_ontology"]

#: Modalities an event can have (see :mod:`newsgraph.stages.events.modality`).
MODALITIES = ("asserted", "negated", "future", "hypothetical", "reported")


@dataclass(frozen=True, slots=True)
class QuadClass:
    name: str
    description: str
    intent: str
    refusal: str


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad_class: str
    intensity: int
    description: str
    modes: dict[str, str]


@dataclass(frozen=True, slots=True)
class Ontology:
    types: dict[str, EventType]
    quad_classes: dict[str, QuadClass]
    contexts: tuple[str, ...]
    cameo_codes: dict[str, dict[str, str]]

    def event_type(self, name: str) -> EventType:
        try:
            return self.types[name]
        except KeyError:
            raise ConfigError(f"unknown PLOVER event type {name!r}; known: {', '.join(self.types)}") from None

    def cameo(self, type_name: str, mode: str | None = None) -> str:
        """The CAMEO code of ``type_name`` in ``mode`` (the type's default code without one)."""
        codes = self.cameo_codes[type_name]
        return codes.get(mode or "default", codes["default"])

    def coded_type(self, type_name: str, modality: str) -> str:
        """The type PLOVER gives an event of ``type_name`` with ``modality``: an intention to act
        (future, hypothetical) is its quad class's intent type, a refusal (negated) REJECT;
        verbal events that are themselves about intentions keep their type."""
        event_type = self.event_type(type_name)
        quad = self.quad_classes[event_type.quad_class]
        if modality == "negated" and quad.intent == "AGREE" and type_name != quad.refusal:
            return quad.refusal  # "will not accept more refugees": a refusal, not an agreement
        if type_name in (quad.intent, quad.refusal, "REQUEST", "ACCUSE"):
            return type_name
        if modality in ("future", "hypothetical"):
            return quad.intent
        return type_name


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table [{key}]")
    return value


def parse_ontology(plover: dict[str, Any], cameo: dict[str, Any]) -> Ontology:
    """The ontology from the parsed ``plover.toml`` and ``cameo.toml``; checks they agree."""
    quads = {
        name: QuadClass(name, str(q.get("description", "")), str(q["intent"]), str(q["refusal"]))
        for name, q in _table(plover, "quad_classes", "plover.toml").items()
    }
    types: dict[str, EventType] = {}
    for name, t in _table(plover, "types", "plover.toml").items():
        if t.get("quad_class") not in quads:
            raise ConfigError(f"plover.toml: type {name} has unknown quad_class {t.get('quad_class')!r}")
        intensity = int(t["intensity"])
        if not -10 <= intensity <= 10:
            raise ConfigError(f"plover.toml: type {name} has intensity {intensity}, outside -10..10")
        modes = {str(k): str(v) for k, v in t.get("modes", {}).items()}
        types[name] = EventType(name, str(t["quad_class"]), intensity, str(t.get("description", "")), modes)
    codes: dict[str, dict[str, str]] = {}
    for name in types:
        table = cameo.get(name)
        if not isinstance(table, dict) or "default" not in table:
            raise ConfigError(f"cameo.toml: type {name} needs a table with a default code")
        unknown = set(table) - {"default", *types[name].modes}
        if unknown:
            raise ConfigError(f"cameo.toml: {name} has codes for unknown modes {sorted(unknown)}")
        codes[name] = {str(k): str(v) for k, v in table.items()}
    return Ontology(types, quads, tuple(str(c) for c in plover.get("contexts", ())), codes)


def read_toml(name: str) -> dict[str, Any]:
    """A data file shipped in this package, parsed."""
    text = resources.files("newsgraph.ontology").joinpath(name).read_text("utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"newsgraph/ontology/{name}: {error}") from error


@cache
def load_ontology() -> Ontology:
    """The shipped ontology (loaded once per process)."""
    return parse_ontology(read_toml("plover.toml"), read_toml("cameo.toml"))
