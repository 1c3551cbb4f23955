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

__all__ = ["COMPLEMENT_MODALITIES", "Entry", "Lexicon", "load_lexicon"]

#: What a trigger may say about the event in its complement ("threatened to ban": hypothetical).
COMPLEMENT_MODALITIES = ("future", "hypothetical", "negated")


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
                unknown = set(group) - {"mode", "cameo", "complement", "verbs", "nouns"}
                if unknown:
                    raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}")
                for pos in ("verb", "noun"):
                    for phrase in group.get(f"{pos}s", ()):
                        words = tuple(str(phrase).lower().split())
                        if not words:
                            raise ConfigError(f"{where}: empty phrase in {pos}s")
                        lexicon.add(Entry(type_name, words, pos, mode, group.get("cameo"), complement, origin))
        return lexicon


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
