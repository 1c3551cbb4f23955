"""The page filters: the API's own parsing (``newsgraph.web.params.get_filters``), so a page URL
and its JSON twin's take the same parameters, and the subset each list can apply.

A dashboard shows several lists for one URL; a filter one list cannot apply (``type`` on the
article list) is left out of that list rather than refused, and the page says so.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import Depends

from newsgraph.query import Filters
from newsgraph.query.corpus import DOCUMENT_FILTERS
from newsgraph.query.facts import EVENT_FILTERS, QUOTE_FILTERS
from newsgraph.query.network import NETWORK_FILTERS
from newsgraph.web.params import get_filters

__all__ = ["DOCUMENT_FILTERS", "EVENT_FILTERS", "NETWORK_FILTERS", "QUOTE_FILTERS", "FiltersDep", "given", "only"]

FiltersDep = Annotated[Filters, Depends(get_filters)]


def only(filters: Filters, names: tuple[str, ...]) -> Filters:
    """``filters`` with every filter not in ``names`` cleared."""
    cleared: dict[str, Any] = {f.name: f.default for f in dataclasses.fields(filters) if f.name not in names}
    return dataclasses.replace(filters, **cleared)


def given(filters: Filters) -> dict[str, str]:
    """The filters that are set (to other than their default), as URL parameters (``types`` ->
    ``type=A,B``, ``background`` -> ``background=true``), for API links."""
    names = {"types": "type", "quote_kinds": "kind", "modalities": "modality"}
    found: dict[str, str] = {}
    for field in dataclasses.fields(filters):
        value = getattr(filters, field.name)
        if value == field.default:
            continue
        if isinstance(value, tuple):
            text = ",".join(value)
        elif isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = str(value)
        found[names.get(field.name, field.name)] = text
    return found
