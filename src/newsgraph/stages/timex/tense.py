"""The tense of the clause a time expression sits in: ``past``, ``present`` or ``future``.

Under-specified expressions ("Monday", "in December", "the third quarter") resolve by it, the way
HeidelTime does: a past-tense clause points back from the document date, a future one forward.
News marks the future in more ways than "will": an intention or schedule ("plans to leave on
Thursday", "has scheduled a briefing Friday", "set to resume Monday"), a modal ("could arrive as
early as Tuesday"), a planned event in the simple present ("They meet Monday"). A weekday in a
possessive ("Friday's vote") names an event already known: the past.

:func:`modifies_verb` tells whether the expression dates the verb's own event ("said in
January", "began last spring", "will meet on Monday") rather than a noun or a bound inside it
("the slated visit in September", "payable Dec. 7", "extended to Nov. 16"): only then does the
tense fix the direction outright.
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
_EARLIEST_BEFORE = re.compile(
    # "a new labor pact effective June 1": the day something takes effect, announced ahead of it
    r"\b(?:as\s+(?:soon|early)\s+as|ahead\s+of|effective(?:\s+(?:on|as\s+of|from))?)\s+$",
    re.IGNORECASE,
)
_FUTURE_TEXT = re.compile(
    r"\b(?:will|shall|'ll|going to|(?:is|are) (?:set|due|scheduled|expected|slated) to|plans? to)\b", re.I
)
_PAST_TEXT = re.compile(r"\b(?:said|was|were|had|did|told|announced|\w{3,}ed)\b", re.I)
_REPORTING = frozenset({"say", "tell", "announce", "report", "state", "add", "note", "claim"})
#: Verbs of intention and scheduling: what they govern has not happened yet.
_INTENT = frozenset(
    {"plan", "schedule", "intend", "aim", "prepare", "hope", "want", "slate", "promise", "vow", "threaten"}
)
#: Verbs of expectation: what their object names is still to come ("Officials expect the vote
#: in March"), but a time that modifies the verb itself dates the forecast ("predicted Wednesday").
_FORECAST = frozenset({"expect", "anticipate", "forecast", "predict", "project"})
#: Prepositions that put the expression at the time of the verb's event ("in", "on"), unlike a
#: bound ("to", "until", "by", "since") or a relation ("before", "after").
_AT = frozenset({"in", "on", "during", "at", "over", "throughout"})
#: Verbs that put something off to a deadline: "postponed until Tuesday", "extended its deadline
#: until 9 a.m. Tuesday", "has until Friday to sign" look ahead whatever their tense.
_DEFERRING = frozenset({"postpone", "extend", "delay", "defer", "adjourn", "suspend", "give", "have", "reschedule"})
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+$", re.IGNORECASE)
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
    token = _governing_verb(span.root)
    if token is None:
        return None
    # inside the verb's object ("expect [the vote in March]"), not its adverbial or the object itself
    adverbial = _adverbial_of(span.root)
    in_object = span.root.head.i != token.i and (adverbial is None or adverbial.i != token.i)
    return _verb_tense(text, token, start, in_object)


def _governing_verb(root: Token) -> Token | None:
    """The verb (or auxiliary) at most six heads up from ``root``."""
    token = root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _verb_tense(text: str, token: Token, start: int, in_object: bool = False) -> str | None:
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    perfect = any(a.lemma_ == "have" for a in auxes)
    if any(a.lower_ in _MODALS for a in auxes) and not perfect:
        return "future"  # "could arrive Tuesday", "may plead guilty this week"
    if _FUTURE_BEFORE.search(text, max(0, token.idx - 40), token.idx):
        return "future"
    if (
        token.lemma_ in _DEFERRING
        # "had been postponed until Monday", "they had until Friday": a deadline in a past story
        and "had" not in [token.lower_, *(a.lower_ for a in auxes)]
        and _UNTIL_BEFORE.search(text, max(0, start - 8), start)
    ):
        return "future"
    if token.lemma_ in _FORECAST and start > token.idx and in_object:
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


def _adverbial_of(root: Token) -> Token | None:
    """The verb whose event ``root`` (the head word of a time expression) dates: the verb it
    modifies bare ("began last spring") or through "in"/"on"/"during" ("said in January")."""
    if root.dep_ == "pobj" and root.head.lower_ in _AT and root.head.dep_ == "prep":
        verb = root.head.head
    elif root.dep_ in ("npadvmod", "tmod", "obl"):
        verb = root.head
    else:
        return None
    if verb.dep_ in ("acomp", "advmod") and verb.pos_ in ("ADJ", "ADV"):
        verb = verb.head  # "was heavy over the weekend": the predicate's verb
    return verb if verb.pos_ in ("VERB", "AUX") else None


def modifies_verb(text: str, start: int, end: int, doc: Doc | None) -> bool:
    """True when ``text[start:end]`` dates the event of a verb whose tense the parse shows: the
    expression is its adverbial ("said in January", "began last spring", "will meet on Monday"),
    not part of a noun phrase ("the slated visit in September") or a bound ("until Nov. 9")."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verb = _adverbial_of(span.root)
    return verb is not None and _verb_tense(text, verb, start) is not None
