"""Events: who did what to whom, when and where, coded in PLOVER (see :mod:`.stage`)."""

from newsgraph.stages.events.stage import EventStage

__all__ = ["EventStage"]
