"""Partial quotes: quoted fragments inside the reporter's own sentence.

``Xi emphasized the need to stand together against "unilateralism and hegemonic bullying"``:
the fragment is Xi's words, and the reporting clause that governs it says so. The governing cue
is the nearest ancestor of the fragment in the parse that is a reporting verb ("emphasized",
"described ... as") or a speech noun with a possessor ("Xi's remarks about ... the "correct
view""). When no reporting word governs it, the nearest verb with a named or pronoun subject
stands in ("Putin welcomed Xi as a "dear friend"": the subject chose those words).
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
        if token.pos_ in ("VERB", "AUX") and lexicon.verb(token.lemma_) is not None:
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
