"""A candidate event: what the rules code for one trigger, with the checks it failed.

The rules propose; the classifier (:mod:`.classifier`) confirms, re-types or drops. So a rule
check that would have dropped a trigger ("no political party takes part", "released the book")
no longer does: it becomes a ``flag`` the classifier weighs, and without a classifier the
flagged candidates are dropped as before (:attr:`Candidate.rules_keep`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.model import Event
from newsgraph.stages.events.triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["FLAGS", "RULE_DROPS", "Candidate"]

#: What a flag says about a candidate.
FLAGS = {
    "no_party": "no side is a political party (a person, organisation, country, group or sector noun)",
    "object_mismatch": "the trigger's object is not one its event takes ('released the book')",
    "acl_no_args": "a participle on a noun with no participant of its own ('a statement released after')",
    "redundant": "told by another trigger of the same type ('arrived ... for a visit'), or an adjective",
    "repeat": "a repeated definite noun with no participant ('the ceasefire' again)",
    "alternative": "the trigger's words also belong to this type's lexicon, but another type ranked first",
    "derived": "read off another event or a verb of saying (an accusation, a demand), not a trigger word",
    "refusal": "a cooperative act told as not done, read as a refusal (REJECT)",
    "particle": "the verb has a particle its entry does not name ('sworn in', 'called off'): another verb",
}
#: The flags the rules alone drop a candidate for (every flag but the two that only describe it).
RULE_DROPS = frozenset(FLAGS) - {"derived"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event the rules propose: ``event`` as coded, the ``trigger`` (and ``anchor``, the verb
    whose clause tells it), the words naming each side, and the ``flags`` it raised."""

    event: Event
    trigger: Trigger
    anchor: Token
    actors: tuple[Token, ...] = ()
    recipients: tuple[Token, ...] = ()
    flags: frozenset[str] = frozenset()

    @property
    def rules_keep(self) -> bool:
        """Whether the rules alone keep it (no flag that drops it)."""
        return not self.flags & RULE_DROPS
