"""Cross-document linking: one canonical entity per real-world thing across the store.

In-document work (``stages/entities``) already gives content-derived ids, so the same full
name, country or place gets the same id in every document. What is left is the short name with
no full name beside it ("Xi" alone in a brief): ``people`` links it to the corpus's one person
with that name, and refuses when there are several.
"""

from newsgraph.linking.people import Linker, LinkResult, Refusal, link_short_names

__all__ = ["LinkResult", "Linker", "Refusal", "link_short_names"]
