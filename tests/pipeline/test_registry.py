from __future__ import annotations

import pytest

from newsgraph.errors import ConfigError
from newsgraph.pipeline import registry


def test_default_stages_are_registered() -> None:
    for name in registry.DEFAULT_STAGES:
        stage = registry.create(name)
        assert stage.name and stage.version


def test_unknown_stage_lists_the_registered_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown stage 'nope'; registered stages: .*newsgraph\.mentions\.v1"):
        registry.create("nope")


def test_registering_a_name_twice_is_an_error() -> None:
    with pytest.raises(ConfigError, match="registered twice"):
        registry.register("newsgraph.mentions.v1")(lambda: registry.create("newsgraph.mentions.v1"))
