"""Quotes and attribution: who said what, and when (see :mod:`.stage`)."""

from newsgraph.stages.quotes.stage import QuoteStage

__all__ = ["QuoteStage"]
