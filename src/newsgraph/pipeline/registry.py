"""The stage registry: versioned names for the stages a pipeline can run.

The core registers its own stages here the same way a plugin would (``register``), and a
pipeline is built from names, so a settings file can say which stages to run.
"""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.errors import ConfigError
from newsgraph.pipeline.stage import Stage

StageFactory = Callable[[], Stage]

_REGISTRY: dict[str, StageFactory] = {}

#: The stages ``extract`` and ``ingest`` run, in order. Later issues append to this list.
DEFAULT_STAGES: list[str] = [
    "newsgraph.mentions.v1",
    "newsgraph.entities.v1",
    "newsgraph.groups.v1",
    "newsgraph.timex.v1",
    "newsgraph.quotes.v1",
    "newsgraph.events.v1",
]


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under a versioned name such as ``newsgraph.mentions.v1``."""

    def decorator(factory: StageFactory) -> StageFactory:
        if name in _REGISTRY:
            raise ConfigError(f"stage {name!r} is registered twice")
        _REGISTRY[name] = factory
        return factory

    return decorator


def create(name: str) -> Stage:
    """A new instance of the stage registered as ``name``."""
    _load_builtin_stages()
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise ConfigError(f"unknown stage {name!r}; registered stages: {', '.join(sorted(_REGISTRY))}") from None


def registered() -> list[str]:
    _load_builtin_stages()
    return sorted(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the stages package registers the built-in stages (like datasette's DEFAULT_PLUGINS).
    import newsgraph.stages  # noqa: F401
