"""The naive baseline the issue measures against: spaCy DATE/TIME entities, each valued by
dateparser with the document creation time as ``RELATIVE_BASE``.

dateparser is not a newsgraph dependency (it comes with trafilatura); it is imported only here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from newsgraph.eval.timeml import Tag

if TYPE_CHECKING:
    from spacy.tokens import Doc


def baseline_tags(doc: Doc, dct: dt.datetime) -> list[Tag]:
    """A Tag per DATE/TIME entity: TIME entities get ``YYYY-MM-DDTHH:MM``, DATE ones
    ``YYYY-MM-DD``, and an empty value when dateparser cannot read the words."""
    import dateparser  # type: ignore[import-untyped]  # deferred: only the baseline needs it

    settings: dict[str, Any] = {"RELATIVE_BASE": dct}
    tags = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        parsed = dateparser.parse(ent.text, settings=settings)
        if parsed is None:
            value = ""
        elif ent.label_ == "TIME":
            value = parsed.strftime("%Y-%m-%dT%H:%M")
        else:
            value = parsed.date().isoformat()
        tags.append(Tag(ent.start_char, ent.end_char, ent.label_, value))
    return tags
