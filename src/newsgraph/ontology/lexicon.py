"""Trigger lexicons: the words that signal an event of each PLOVER type (``lexicon/*.toml``).

An :class:`Entry` is one phrase. A *verb* phrase starts with the lemma of the verb; its other
words must be lemmas near the verb in the parse (its particle, object, preposition or their
words: "hold talk" matches "held their first talks", "beat up", "impose sanction"). A *noun*
phrase is a run of lemmas in the text ("ceasefire", "hunger strike"). When several entries match
one word, the one with more words wins ("lift sanction" over "sanction"), then file order.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.ontology.plover import load_ontology

__all__ = ["COMPLEMENT_MODALITIES", "ENTITY_KINDS", "Entry", "Lexicon", "ObjectRule", "load_lexicon"]

#: What a trigger may say about the event in its complement ("threatened to ban": hypothetical).
COMPLEMENT_MODALITIES = ("future", "hypothetical", "negated")
#: The kinds of entity the entities stage gives (``stages/entities/kinds.py`` uses this list),
#: which an ``[triggers.object]`` rule may name.
ENTITY_KINDS = (
    "person",
    "organisation",
    "country",
    "place",
    "region",
    "facility",
    "project",
    "product",
    "instrument",
    "event",
    "group",
)
_GROUP_KEYS = frozenset({"mode", "cameo", "complement", "verbs", "nouns", "object", "needs_party", "negated"})
_OBJECT_KEYS = frozenset({"words", "kinds", "prepositions", "required"})


@dataclass(frozen=True, slots=True)
class ObjectRule:
    """What a trigger's object must be for the trigger to be an event ("release" frees people,
    not books). The object matches when its head lemma (or a modifier's) is one of ``words`` or
    its entity is of one of ``kinds``; ``prepositions`` name phrases whose object also counts
    ("talk [with] Iran"); with ``required`` false, a trigger with no object at all still counts."""

    words: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    required: bool = True


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger phrase of a lexicon: ``words`` are lemmas, ``pos`` is ``verb`` or ``noun``."""

    type: str
    words: tuple[str, ...]
    pos: str
    mode: str | None = None
    cameo: str | None = None
    complement: str | None = None
    origin: str = ""
    object: ObjectRule | None = None
    #: Whether the event needs a political party (an actor or recipient that is a person,
    #: organisation, country or group, or a sector noun such as "police"); false for triggers
    #: that are political on their own ("coup", "ceasefire", "airstrike").
    needs_party: bool = True
    #: Whether the verb phrase is an event only when negated with a modal ("we [cannot be held
    #: responsible]", "[will not tolerate]"): the negation is part of the phrase, not the event's
    #: modality, and a matching negated phrase wins over the same phrase unnegated.
    negated: bool = False

    @property
    def head(self) -> str:
        return self.words[0]


@dataclass(slots=True)
class Lexicon:
    """Entries indexed by their first lemma, verbs and nouns apart."""

    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        index = self.verbs if entry.pos == "verb" else self.nouns
        index.setdefault(entry.head, []).append(entry)

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    @classmethod
    def from_tables(cls, tables: Iterable[tuple[str, dict[str, Any]]]) -> Lexicon:
        """A lexicon from parsed TOML files, each named by ``origin`` for error messages."""
        lexicon = cls()
        ontology = load_ontology()
        for origin, table in tables:
            type_name = table.get("type")
            if type_name not in ontology.types:
                raise ConfigError(f"{origin}: `type` must be one of {', '.join(ontology.types)}, not {type_name!r}")
            for number, group in enumerate(table.get("triggers", ()), start=1):
                where = f"{origin}: [[triggers]] #{number}"
                mode = group.get("mode")
                if mode is not None and mode not in ontology.types[type_name].modes:
                    modes = ", ".join(ontology.types[type_name].modes) or "none"
                    raise ConfigError(f"{where}: mode {mode!r} is not a {type_name} mode (modes: {modes})")
                complement = group.get("complement")
                if complement is not None and complement not in COMPLEMENT_MODALITIES:
                    raise ConfigError(f"{where}: complement must be one of {', '.join(COMPLEMENT_MODALITIES)}")
                unknown = set(group) - _GROUP_KEYS
                if unknown:
                    raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}")
                rule = _object_rule(group.get("object"), where)
                needs_party = group.get("needs_party", True)
                if not isinstance(needs_party, bool):
                    raise ConfigError(f"{where}: needs_party must be true or false, not {needs_party!r}")
                negated = group.get("negated", False)
                if not isinstance(negated, bool):
                    raise ConfigError(f"{where}: negated must be true or false, not {negated!r}")
                if negated and group.get("nouns"):
                    raise ConfigError(f"{where}: negated applies to verb phrases only; move the nouns to another group")
                for pos in ("verb", "noun"):
                    for phrase in group.get(f"{pos}s", ()):
                        words = tuple(str(phrase).lower().split())
                        if not words:
                            raise ConfigError(f"{where}: empty phrase in {pos}s")
                        lexicon.add(
                            Entry(
                                type_name,
                                words,
                                pos,
                                mode,
                                group.get("cameo"),
                                complement,
                                origin,
                                rule,
                                needs_party,
                                negated,
                            )
                        )
        return lexicon


def _object_rule(table: object, where: str) -> ObjectRule | None:
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(
            f"{where}: `object` must be a table ([triggers.object]) with {', '.join(sorted(_OBJECT_KEYS))}"
        )
    unknown = set(table) - _OBJECT_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)} in [triggers.object]")
    kinds = frozenset(str(k).lower() for k in table.get("kinds", ()))
    if kinds - set(ENTITY_KINDS):
        raise ConfigError(
            f"{where}: unknown object kind(s) {sorted(kinds - set(ENTITY_KINDS))} (kinds: {', '.join(ENTITY_KINDS)})"
        )
    required = table.get("required", True)
    if not isinstance(required, bool):
        raise ConfigError(f"{where}: object.required must be true or false, not {required!r}")
    return ObjectRule(
        words=frozenset(str(w).lower() for w in table.get("words", ())),
        kinds=kinds,
        prepositions=frozenset(str(p).lower() for p in table.get("prepositions", ())),
        required=required,
    )


def _shipped() -> list[tuple[str, dict[str, Any]]]:
    folder = resources.files("newsgraph.ontology").joinpath("lexicon")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return [(f"newsgraph/ontology/lexicon/{f.name}", _parse(f.name, f.read_text("utf-8"))) for f in files]


def _parse(origin: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{origin}: {error}") from error


@cache
def _shipped_cached() -> tuple[tuple[str, dict[str, Any]], ...]:
    return tuple(_shipped())


def load_lexicon(extra: Iterable[Path] = ()) -> Lexicon:
    """The shipped lexicons, plus ``extra`` TOML files or folders of them (a user's additions,
    read after the shipped ones so they add phrases; a longer phrase still wins)."""
    tables = list(_shipped_cached())
    for path in extra:
        files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
        for file in files:
            tables.append((str(file), _parse(str(file), file.read_text("utf-8"))))
    return Lexicon.from_tables(tables)
