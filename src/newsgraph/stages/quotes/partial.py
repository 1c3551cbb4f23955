"""Partial quotes: quoted fragments inside the reporter's own sentence.

``Xi emphasized the need to stand together against "unilateralism and hegemonic bullying"``:
the fragment is Xi's words, and the reporting clause that governs it says so. The governing cue
is the nearest ancestor of the fragment in the parse that is a reporting verb ("emphasized",
"described ... as") or a speech noun with a possessor ("Xi's remarks about ... the "correct
view""). When no reporting word governs it, the nearest verb with a named or pronoun subject
stands in ("Putin welcomed Xi as a "dear friend"": the subject chose those words).

The fragment is also part of reported speech: what the cue governs after it, quoted words and
the reporter's own together (:func:`reported_clause`), as PolNeAR annotates content: "called
*the plan "reckless"*", "described *Trump as a "con artist"*", "said *that "..."*".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.quotes.lexicon import Lexicon
from newsgraph.stages.quotes.speaker import speaker_token

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Named-entity labels of speakers a non-reporting verb may still attribute a fragment to.
_SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_IMPERSONAL = frozenset({"it", "this", "that", "there", "which", "what"})
# Dependents of a cue that are not what was said: how, when, to whom, and further verbs.
_NOT_CONTENT = frozenset(
    {"punct", "cc", "conj", "advmod", "npadvmod", "dative", "agent", "mark", "aux", "auxpass", "neg", "prt"}
)
_DASHES = frozenset({"―", "—", "–", "--"})
_ASIDES = frozenset({"npadvmod", "advcl"})
# Dependents that carry a clause; with one, an object is the addressee ("told *reporters* that").
_CLAUSES = frozenset({"ccomp", "xcomp"})


def governing_cue(
    head: Token, lexicon: Lexicon, inside: range, *, reporting_only: bool = False
) -> tuple[Token, Token | None] | None:
    """The cue governing a fragment whose top token is ``head`` and its speaker's head token;
    ``inside`` holds the fragment's token indices (the walk skips them). With ``reporting_only``
    a verb that is not a reporting cue never stands in."""
    fallback: tuple[Token, Token | None] | None = None
    token = head
    while token.head.i != token.i:
        token = token.head
        if token.i in inside:
            continue
        if token.pos_ in ("VERB", "AUX") and lexicon.cue(token) is not None:
            return token, speaker_token(token)
        if token.pos_ == "NOUN" and lexicon.noun(token.lemma_) is not None:
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is not None:
                return token, owner
        if fallback is None and token.pos_ == "VERB" and not reporting_only:
            subject = speaker_token(token)
            if subject is not None and _can_speak(subject):
                fallback = (token, subject)
    return fallback


def _can_speak(token: Token) -> bool:
    if token.pos_ == "PRON":
        return token.lower_ not in _IMPERSONAL
    return token.pos_ == "PROPN" or token.ent_type_ in _SPEAKING_ENTITIES


def reported_clause(cue: Token, inside: range) -> tuple[Token, Token] | None:
    """The first and last token of what the verb ``cue`` reports, for a fragment whose tokens are
    ``inside`` and that the cue governs after it: the dependent holding the fragment and its
    neighbours that are content too (an object, an ``as`` phrase), without a preposition that
    belongs to the cue ("called *for* ...", "went *after* ...")."""
    if cue.pos_ not in ("VERB", "AUX"):
        return None
    rights = [c for c in cue.rights]
    holder = next(
        (i for i, c in enumerate(rights) if c.left_edge.i <= inside.start and inside.stop - 1 <= c.right_edge.i), None
    )
    if holder is None:
        return None
    has_clause = any(c.dep_ in _CLAUSES for c in rights)

    def content(child: Token) -> bool:
        if child.dep_ in _NOT_CONTENT or (has_clause and child.dep_ == "dobj"):
            return False
        return child.dep_ != "prep" or child.lower_ == "as"

    first = last = holder
    while first > 0 and content(rights[first - 1]):
        first -= 1
    while last + 1 < len(rights) and content(rights[last + 1]):
        last += 1
    start, end = rights[first].left_edge, rights[last].right_edge
    # The reporter's own additions after the fragment end it: "― just as he did", "Wednesday",
    # "after she attacked ...".
    for token in cue.doc[inside.stop : end.i + 1]:
        if token.text in _DASHES or (token.dep_ in _ASIDES and token.left_edge.i == token.i):
            end = cue.doc[max(token.i - 1, inside.stop - 1)]
            break
        if token.dep_ in _ASIDES:
            end = cue.doc[max(token.left_edge.i - 1, inside.stop - 1)]
            break
    if start.dep_ == "prep" and start.i == cue.i + 1 and start.i < inside.start:
        start = cue.doc[start.i + 1]
    return start, end
