"""The small learned models newsgraph ships, and what they were trained to guarantee.

Each model lives in this folder as files we trained ourselves (rebuilt by one documented
command, ``make train-events``; never downloaded). ``events.json`` describes the event
classifier: among others its ``threshold``, the confidence at which events reach at least 85%
precision on the dev split of our gold set. That threshold is the default of every
``min_confidence`` filter (query, export, REST, UI).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["event_model_card", "event_threshold"]


@cache
def event_model_card() -> dict[str, Any]:
    """The event classifier's description (``events.json``): threshold, training data, scores."""
    text = resources.files("newsgraph.models").joinpath("events.json").read_text("utf-8")
    card: dict[str, Any] = json.loads(text)
    return card


def event_threshold() -> float:
    """The default minimum confidence of an event shown to a user."""
    return float(event_model_card()["threshold"])
