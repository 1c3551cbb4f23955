"""Party adjectives and plurals: "Democratic senators", "Republican-led Senate", "Labour".

A party word names the party when it stands for its members ("Republicans said") or stands in
front of people or an institution ("Democratic senators", "the Republican-led Senate",
"Democrat Joe Manchin"). Elsewhere it is an adjective ("a Republican idea", "a Democrat") and no
entity. A form is the party of the story's main country: "Conservative" is the British or the
Canadian party, and in an Australian or Irish story neither.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from newsgraph.stages.entities.lexicon import lexicons

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["is_party_form", "party_at"]

# Nouns for people and institutions a party adjective can stand in front of (beside the titles
# of ``titles.txt``): the party is theirs.
_MEMBERS = frozenset(
    {
        "lawmaker", "legislator", "politician", "official", "candidate", "nominee", "member",
        "delegate", "voter", "supporter", "activist", "leader", "leadership", "caucus", "majority",
        "minority", "senate", "house", "congress", "legislature", "assembly", "parliament",
        "committee", "administration", "council", "government", "party", "primary", "ticket",
        "establishment", "colleague", "rival", "challenger", "incumbent", "strategist", "donor",
    }
)  # fmt: skip
# "Republican-led Senate", "Labour-run council": the party leads the institution.
_LED = frozenset({"led", "controlled", "run", "dominated", "backed", "held"})


@functools.cache
def _forms() -> dict[str, tuple[tuple[str, str], ...]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for name, code, forms in lexicons().parties:
        for form in forms:
            found.setdefault(form.lower(), []).append((name, code))
    return {form: tuple(parties) for form, parties in found.items()}


def is_party_form(text: str) -> bool:
    """Whether ``text`` is one of the party forms ("Democrat", "Tories")."""
    return " ".join(text.split()).lower() in _forms()


def party_at(doc: Doc, start: int, end: int, main: str | None) -> tuple[str, str] | bool | None:
    """The party (name, country) the party word in tokens ``[start, end)`` names, if it is a
    party of ``main``, the story's main country; False when it is an adjective or a bare noun
    for a person and no entity; None when it is no party form or no party of ``main``."""
    text = " ".join(doc[start:end].text.split()).lower()
    parties = [p for p in _forms().get(text, ()) if p[1] == main]
    if text not in _forms():
        return None
    if len(parties) != 1:
        return False if _is_modifier(doc[start:end].root) else None
    token = doc[start:end].root
    if _stands_for_members(doc, token, end):
        return parties[0]
    return False


def _is_modifier(token: Token) -> bool:
    return token.dep_ in ("amod", "compound") or token.pos_ == "ADJ"


def _stands_for_members(doc: Doc, token: Token, end: int) -> bool:
    if token.tag_ in ("NNPS", "NNS") or (token.text.endswith("s") and token.pos_ in ("PROPN", "NOUN")):
        return True  # "Republicans", "the Tories"
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _LED:
        return True
    if not _is_modifier(token):
        return token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "conj")
    head = token.head
    if head.ent_type_ == "PERSON":
        return True  # "Democrat Joe Manchin"
    lemma = head.lemma_.lower()
    return lemma in _MEMBERS or lemma in lexicons().titles or head.lower_ in lexicons().titles
