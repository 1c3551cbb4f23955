"""What the finders hand to the stage: one attribution, before it becomes a :class:`Quote`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The kinds of quotation, as :attr:`newsgraph.model.Quote.kind` names them.
DIRECT, PARTIAL, INDIRECT = "direct", "partial", "indirect"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Content ``[start, end)`` (character offsets), its ``kind``, the cue's character bounds and
    lemma, and the token heading the speaker's noun phrase (None when nobody is named)."""

    kind: str
    start: int
    end: int
    cue: tuple[int, int] | None = None
    cue_lemma: str | None = None
    speaker: Token | None = None


def token_bounds(first: Token, last: Token) -> tuple[int, int]:
    """Character bounds from the start of ``first`` to the end of ``last``."""
    return first.idx, last.idx + len(last.text)
