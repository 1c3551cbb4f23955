"""The built-in fact stages. Importing this package registers them."""

from newsgraph.stages import entities, events, mentions, quotes, timex

__all__ = ["entities", "events", "mentions", "quotes", "timex"]
