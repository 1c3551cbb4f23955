"""Titles, roles and descriptions written around names.

- Before a person: "Chinese President Xi Jinping", "Russia's Foreign Minister Sergei Lavrov",
  "the United States under President Donald Trump" (affiliation from the country governed).
- In apposition: "Putin, the Russian president," and "Lavrov, Russia's foreign minister,".
- The office's jurisdiction: "Alabama Governor Kay Ivey", "Governor Brian Kemp of Georgia",
  "Senator Ted Cruz (R-Texas)", "Republican Senator X" (a party of one country): the country of
  the division, city or party.
- Before an organisation: "Pro-Kremlin media Interfax", "Russian news agency Interfax": the
  words describe it (kept as a role) and a nationality gives its country.

A title carries the article's date (``as_of``), because roles change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.model import Title
from newsgraph.stages.entities.countries import country_code, demonym_code
from newsgraph.stages.entities.lexicon import lexicons
from newsgraph.stages.entities.places import candidates, place

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Role", "affiliation_at", "description_before", "jurisdiction_after", "title_at", "titles_of"]

_NOT_CURRENT = frozenset({"former", "ex", "late", "then", "acting", "outgoing", "incoming"})
# Seats of power in a description ("pro-Kremlin") say where a view leans, not where it is from.
_DESCRIPTION_NOUNS = frozenset(
    {"media", "agency", "broadcaster", "newspaper", "daily", "outlet", "channel", "tabloid", "network", "wire"}
)


@dataclass(frozen=True, slots=True)
class Role:
    """A title and the tokens ``[start, end)`` it was read from."""

    title: Title
    start: int
    end: int


def title_at(doc: Doc, end: int) -> tuple[int, str] | None:
    """The title ending just before token ``end`` (longest match): (its first token, its text)."""
    lex = lexicons()
    for size in range(lex.title_words, 0, -1):
        start = end - size
        if start < 0:
            continue
        words = " ".join(t.lower_ for t in doc[start:end])
        if words in lex.titles:
            return start, doc[start:end].text
    return None


def affiliation_at(doc: Doc, end: int) -> tuple[int, str] | None:
    """A country named just before token ``end`` ("Chinese", "US", "Russia's", "Kremlin"):
    (its first token, ISO alpha-3)."""
    if end <= 0:
        return None
    if doc[end - 1].text in ("'s", "’s") and end >= 2:
        for size in (3, 2, 1):
            start = end - 1 - size
            if start >= 0 and (code := country_code(doc[start : end - 1].text)):
                return start, code
        return None
    for size in (2, 1):
        start = end - size
        if start < 0 or doc[start].lower_ in ("the", "a", "an"):
            continue
        text = doc[start:end].text
        code = demonym_code(text) or country_code(text)
        if code is None and (metonym := lexicons().metonyms.get(text.lower())):
            code = metonym[1]
        if code is None:
            code = _party_country(text) or _place_country(doc, start, end)
        if code is not None:
            return start, code
    return None


def _place_country(doc: Doc, start: int, end: int) -> str | None:
    """The country of a division or city named by tokens ``[start, end)`` ("Alabama" of
    "Alabama Governor Kay Ivey"): the jurisdiction of the office is in it. Only a division, or a
    city the model tagged as a place: "Obama" is also a Japanese town."""
    words = doc[start:end]
    if not words.text[:1].isupper() or any(t.ent_type_ == "PERSON" for t in words):
        return None
    found = place(words.text)
    if found is None or found.country is None:
        return None
    if found.is_division or all(t.ent_type_ in ("GPE", "LOC") for t in words):
        return found.country
    return None


def _party_country(text: str) -> str | None:
    """ "Republican Senator", "Democratic Governor": a party form of only one country's party."""
    codes = {code for _, code, forms in lexicons().parties if text.lower() in (f.lower() for f in forms)}
    return codes.pop() if len(codes) == 1 else None


def jurisdiction_after(doc: Doc, end: int) -> str | None:
    """ "Governor Brian Kemp of Georgia", "Senator Ted Cruz (R-Texas)": the country of the
    office written after the name ending at token ``end``."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        for size in (3, 2, 1):
            stop = end + 1 + size
            if stop > len(doc):
                continue
            text = doc[end + 1 : stop].text
            code = country_code(text)
            if code is not None and any(p.is_division for p in candidates(text)):
                return None  # "of Georgia": the country or the US state; the setting decides
            if code := code or _place_country(doc, end + 1, stop):
                return code
        return None
    if end + 3 < len(doc) and doc[end].text == "(":
        # "(R-Texas)", "(D-N.Y.)", "(D-CA)": a party and a US state, as US papers write.
        party, rest = doc[end + 1].text, doc[end + 2 : min(end + 6, len(doc))]
        dash = rest[0].text == "-" if len(rest) else False
        if party in ("D", "R", "I") and dash:
            closing = next((t.i for t in rest if t.text == ")"), None)
            if closing is not None:
                state = doc[rest[0].i + 1 : closing].text
                found = place(state)
                if found is not None and found.is_division and found.country == "USA":
                    return "USA"
        split = doc[end + 1].text.split("-", 1)  # "(R-Texas)" as one token
        if len(split) == 2 and split[0] in ("D", "R", "I"):
            found = place(split[1])
            if found is not None and found.is_division and found.country == "USA":
                return "USA"
    return None


def _governed_country(doc: Doc, title_start: int) -> str | None:
    # "the United States under President Donald Trump"
    if title_start < 2 or doc[title_start - 1].lower_ != "under":
        return None
    for size in (3, 2, 1):
        start = title_start - 1 - size
        if start >= 0 and (code := country_code(doc[start : title_start - 1].text)):
            return code
    return None


def titles_of(doc: Doc, start: int, end: int, as_of: str | None) -> list[Role]:
    """The titles written before and in apposition to the person named by tokens ``[start, end)``."""
    roles = []
    found = title_at(doc, start)
    if found is not None and not (found[0] > 0 and doc[found[0] - 1].lower_ in _NOT_CURRENT):
        title_start, text = found
        affiliation = affiliation_at(doc, title_start)
        code = affiliation[1] if affiliation else _governed_country(doc, title_start) or jurisdiction_after(doc, end)
        first = affiliation[0] if affiliation else title_start
        roles.append(Role(Title(title=_title_case(text), affiliation=code, as_of=as_of), first, start))
    appositive = _apposition(doc, end, as_of)
    if appositive is not None:
        roles.append(appositive)
    predicate = _predicate(doc, start, end, as_of)
    if predicate is not None:
        roles.append(predicate)
    return roles


_ROLE_VERBS = frozenset({"be", "become", "elect", "appoint", "name", "swear", "inaugurate", "install", "choose"})


def _predicate(doc: Doc, start: int, end: int, as_of: str | None) -> Role | None:
    """ "X was elected the 267th pope", "X was sworn in as the 47th president of the United
    States": the role the sentence gives its subject."""
    root = doc[start:end].root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.head.lemma_ not in _ROLE_VERBS:
        return None
    verb = root.head
    nouns = [c for c in verb.children if c.dep_ in ("attr", "oprd", "dobj")]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            nouns.extend(c for c in child.children if c.dep_ == "pobj")
    lex = lexicons()
    for noun in nouns:
        if noun.lower_ not in lex.titles or any(t.lower_ in _NOT_CURRENT for t in noun.lefts):
            continue
        code = None
        for prep in noun.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    code = code or country_code(doc[obj.left_edge.i : obj.i + 1].text)
        return Role(Title(title=_title_case(noun.text), affiliation=code, as_of=as_of), noun.i, noun.i + 1)
    return None


def _apposition(doc: Doc, end: int, as_of: str | None) -> Role | None:
    # "Putin, the Russian president," / "Lavrov, Russia's foreign minister,"
    if end >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    if i < len(doc) and doc[i].lower_ in ("the", "a"):
        i += 1
    lex = lexicons()
    for limit in range(i + 1, min(i + 3 + lex.title_words, len(doc)) + 1):
        if limit < len(doc) and doc[limit].text not in (",", ".", ";") and doc[limit].lower_ != "of":
            continue
        found = title_at(doc, limit)
        if found is None:
            continue
        title_start, text = found
        affiliation = affiliation_at(doc, title_start) if title_start > i else None
        if title_start != i and (affiliation is None or affiliation[0] != i):
            continue
        code = affiliation[1] if affiliation else None
        if code is None and limit < len(doc) and doc[limit].lower_ == "of":
            code = jurisdiction_after(doc, limit)  # "X, the governor of Alabama,"
        return Role(Title(title=_title_case(text), affiliation=code, as_of=as_of), end + 1, limit)
    return None


def description_before(doc: Doc, start: int, as_of: str | None) -> Role | None:
    """Words describing the organisation named at token ``start``: "Pro-Kremlin media",
    "Russian news agency". The title is the words as written; a nationality is the affiliation."""
    i = start
    while i > 0 and start - i < 5:
        token = doc[i - 1]
        if token.is_punct and token.text != "-":
            break
        if token.lower_ in ("the", "a", "an") or token.pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ"):
            break
        i -= 1
    if i >= start or doc[start - 1].lower_ not in _DESCRIPTION_NOUNS:
        return None
    words = doc[i:start]
    code = None
    for token in words:
        code = code or demonym_code(token.text)
    return Role(Title(title=words.text, affiliation=code, as_of=as_of), i, start)


def _title_case(text: str) -> str:
    return " ".join(w if w[:1].isupper() else w.capitalize() for w in text.split())
