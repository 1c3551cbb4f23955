"""The built-in fact stages. Importing this package registers them."""

from newsgraph.stages import mentions

__all__ = ["mentions"]
