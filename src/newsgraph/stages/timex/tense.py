"""The tense of the clause a time expression sits in: ``past``, ``present`` or ``future``.

Under-specified expressions ("Monday", "in December", "the third quarter") resolve by it, the way
HeidelTime does: a past-tense clause points back from the document date, a future one forward.
News marks the future in more ways than "will": an intention or schedule ("plans to leave on
Thursday", "has scheduled a briefing Friday", "set to resume Monday"), a modal ("could arrive as
early as Tuesday"), a planned event in the simple present ("They meet Monday"). A weekday in a
possessive ("Friday's vote") names an event already known: the past.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Words before a verb that put its clause in the future ("is set to", "plans to visit").
_FUTURE_BEFORE = re.compile(
    r"(?:\bwill|\bshall|'ll|’ll|\bwould|\bgoing\s+to|\b(?:is|are|was|were)\s+(?:expected|to)\s+to|"
    r"(?<!\bbeen\s)\b(?:(?:is|are|was|were)\s+)?(?:set|due|scheduled|slated|planned|poised|planning)\s+to|"
    r"\bplans?\s+to|\bintends?\s+to|\baims?\s+to)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
#: "as early as Tuesday", "as soon as next week": the earliest of what is still to come; "ahead
#: of the weekend", "ahead of Sunday's vote": what is still to come.
_EARLIEST_BEFORE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|ahead\s+of)\s+$", re.IGNORECASE)
_FUTURE_TEXT = re.compile(
    r"\b(?:will|shall|'ll|going to|(?:is|are) (?:set|due|scheduled|expected|slated) to|plans? to)\b", re.I
)
_PAST_TEXT = re.compile(r"\b(?:said|was|were|had|did|told|announced|\w{3,}ed)\b", re.I)
_REPORTING = frozenset({"say", "tell", "announce", "report", "state", "add", "note", "claim"})
#: Verbs of intention and scheduling: what they govern has not happened yet.
_INTENT = frozenset(
    {"plan", "schedule", "intend", "aim", "prepare", "hope", "want", "slate", "promise", "vow", "threaten"}
)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "would", "wo"})
#: Modals that look ahead ("could" is left out: it is as often the past of "can").
_MODALS = frozenset({"can", "may", "might", "should", "must", "ca"})


def tense_at(text: str, start: int, end: int, doc: Doc | None = None) -> str | None:
    """``past``, ``present`` or ``future`` for the clause of ``text[start:end]``: from the governing
    verb's morphology and auxiliaries when the parse is given, else from the sentence's words."""
    if _EARLIEST_BEFORE.search(text, max(0, start - 16), start):
        return "future"
    if doc is not None:
        found = _tense_from_parse(text, start, end, doc)
        if found is not None:
            return found
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stop = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    sentence = text[sentence_start : min(stop) if stop else len(text)]
    if _FUTURE_TEXT.search(sentence):
        return "future"
    if _PAST_TEXT.search(sentence):
        return "past"
    return None


def _tense_from_parse(text: str, start: int, end: int, doc: Doc) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if span.root.dep_ == "poss":
        return "past"  # "Friday's vote", "Tuesday's ruling": an event already known
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    return _verb_tense(text, token, start)


def _verb_tense(text: str, token: Token, start: int) -> str | None:
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    perfect = any(a.lemma_ == "have" for a in auxes)
    if any(a.lower_ in _MODALS for a in auxes) and not perfect:
        return "future"  # "could arrive Tuesday", "may plead guilty this week"
    if _FUTURE_BEFORE.search(text, max(0, token.idx - 40), token.idx):
        return "future"
    if _governed_by_intent(token) or (
        token.lemma_ in _INTENT and token.dep_ not in ("acl", "amod") and start > token.idx
    ):
        # "plans to leave on Thursday", "planned a rally on Saturday" (but "On Friday, they
        # planned ...": a time before the verb dates the planning itself)
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if token.tag_ == "VBN" and perfect:
        return "past"
    if token.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "past" if token.lemma_ in _REPORTING else "present"
    return None


def _governed_by_intent(token: Token) -> bool:
    """True for the infinitive of an intention ("planning to drive", "is to resume")."""
    if token.dep_ != "xcomp" or token.tag_ != "VB":
        return False
    head = token.head
    return head.lemma_ in _INTENT or (head.lemma_ == "be" and any(c.lower_ == "to" for c in token.children))
