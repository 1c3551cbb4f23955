"""Whether a cue is negated: "she did *not* think her pay would go up", "*nobody* said that ...".

The content of reported speech or belief is what is said or believed ("her pay would go up", as
PolNeAR-style annotation spans it), so the negation of the cue is not in it: the quote carries
:attr:`newsgraph.model.Quote.negated` instead, and a reader of the content alone can tell that
the speaker did *not* say or think it. Only the cue's own grammar counts: a negation inside the
content ("he said he did *not* ...") is already in the content's words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Subjects that deny the cue for everyone: "*nobody* thinks ...", "*none* of them said ...".
_NOBODY = frozenset({"nobody", "none", "neither", "noone"})
# Determiners that do the same: "*no* official said ...", "*no* one expects ...".
_NO = frozenset({"no", "neither"})


def negated(cue: Token) -> bool:
    """Whether the reporting verb ``cue`` is negated: by its own negation ("did not say",
    "never believed", "didn't think"), by a subject that names nobody ("no one expects"), or,
    for the second verb of a pair, by the negation of the first ("did not confirm or deny")."""
    if _negated_here(cue):
        return True
    shares_subject = not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
    return cue.dep_ == "conj" and shares_subject and cue.head.i != cue.i and _negated_here(cue.head)


def _negated_here(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and _nobody(child):
            return True
    return False


def _nobody(subject: Token) -> bool:
    if subject.lower_ in _NOBODY:
        return True
    return any(c.dep_ == "det" and c.lower_ in _NO for c in subject.children)
