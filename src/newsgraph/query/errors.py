"""What a query can refuse, and why: every message says how to fix the request.

    QueryError              a filter, date, cursor or entity the query cannot use (ConfigError)
    ├── EntityNotFoundError no entity has that id, name or alias (lists near names)
    └── AmbiguousEntityError several entities answer to that name (lists them with their ids)

They subclass :class:`newsgraph.errors.ConfigError` (a bad value given by the user), so callers
that catch ``NewsgraphError`` keep working; the CLI exits 2 on them and the REST API answers 400.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.errors import ConfigError

__all__ = ["AmbiguousEntityError", "Candidate", "EntityNotFoundError", "QueryError"]


class QueryError(ConfigError):
    """A request the query layer cannot answer as given (bad date, unknown type, bad cursor)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """An entity offered to the user when a name is unknown or ambiguous."""

    id: str
    name: str
    kind: str
    country: str | None

    def describe(self) -> str:
        where = f", {self.country}" if self.country else ""
        return f"{self.id} ({self.name}, {self.kind}{where})"


class EntityNotFoundError(QueryError):
    """No entity has the given id, name or alias; ``suggestions`` are entities with a similar name."""

    def __init__(self, given: str, suggestions: tuple[Candidate, ...] = ()) -> None:
        self.given = given
        self.suggestions = suggestions
        hint = (
            "; did you mean " + ", ".join(c.describe() for c in suggestions) + "? Pass the name or id exactly"
            if suggestions
            else "; check the spelling, or find it with `newsgraph query entities` / `newsgraph search`"
        )
        super().__init__(f"no entity has the id, name or alias {given!r}{hint}")


class AmbiguousEntityError(QueryError):
    """Several entities answer to the given name or alias; ``candidates`` lists them all."""

    def __init__(self, given: str, candidates: tuple[Candidate, ...]) -> None:
        self.given = given
        self.candidates = candidates
        listed = "; ".join(c.describe() for c in candidates)
        super().__init__(f"{len(candidates)} entities answer to {given!r}: {listed}; pass one of these ids instead")
