"""Indirect (reported) speech, read off the dependency parse.

- a reporting verb and its complement clause, in either order: ``X said that ...``,
  ``..., officials said``, ``Analysts suggest that ...``; an infinitive or object for verbs whose
  lexicon entry allows it (``pledged to ...``, ``announced a ceasefire``);
- ``according to X, ...`` and ``as reported by X, ...``: the content is the clause they modify;
- a speech noun with a clause: ``X's position is that ...``, ``the claim that ...``.

Complements that are quotations are left to :mod:`direct`; cues inside quotations are the
speaker's own words, not the reporter's attribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from newsgraph.stages.quotes.attribution import INDIRECT, Attribution, token_bounds
from newsgraph.stages.quotes.lexicon import Cue, Lexicon
from newsgraph.stages.quotes.speaker import speaker_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: A complement mostly inside quotation marks is a direct quotation, not reported speech.
QUOTED_SHARE = 0.9
#: Clauses shorter than this are not content ("he said so").
MIN_CONTENT_TOKENS = 2

# Prepositions that carry what a cue says of its object ("described X *as* ...", "accused X *of*
# ...", "praised X *for* ...").
_PREDICATING = frozenset({"as", "of", "for"})
# What opens the reporter's own comment after reported speech (see _without_additions).
_CONTRASTING_MARKS = ("even as", "though", "although", "even though")
_CONTRASTING_PREPOSITIONS = frozenset({"despite", "notwithstanding"})
# Named-entity labels of a preposition's object that say when, where or how many, not what.
_CIRCUMSTANCES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL", "QUANTITY"})
# Verbs that voice the speech noun they take as object ("made the case that", "issued a warning
# that", "offered assurances that"): its content is their subject's.
_VOICING = frozenset({"make", "issue", "offer", "give", "send", "deliver", "voice", "express", "repeat", "raise"})
_ASIDE_MARKS = frozenset({",", "—", "–", "-"})
_EDGE = frozenset({",", ".", ";", ":", "—", "–", "-", "(", ")"})


def indirect_attributions(doc: Doc, lexicon: Lexicon, quoted: Callable[[int, int], float]) -> Iterator[Attribution]:
    """Reported speech in ``doc``; ``quoted(start, end)`` is the share of a range inside quotes."""
    for attribution in _candidates(doc, lexicon, quoted):
        if quoted(attribution.start, attribution.end) < QUOTED_SHARE:
            yield attribution


def _candidates(doc: Doc, lexicon: Lexicon, quoted: Callable[[int, int], float]) -> Iterator[Attribution]:
    for token in doc:
        if quoted(token.idx, token.idx + len(token.text)) > 0:
            continue
        if token.pos_ == "VERB":
            yield from _verb(token, lexicon)
            if token.lower_ == "according":
                yield from _according_to(token)
        elif token.dep_ == "prep" and token.lower_ == "in":
            yield from _in_source(token, lexicon)
        elif token.pos_ == "NOUN" and lexicon.noun(token.lemma_) is not None:
            yield from _noun(token, lexicon)


def _verb(cue: Token, lexicon: Lexicon) -> Iterator[Attribution]:
    entry = lexicon.cue(cue)
    if entry is None:
        return
    own = any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children)
    if cue.dep_ == "advcl" and not own and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        # "As reported by the Kremlin, the talks will ...": the content is the clause it modifies
        # (but "as the US has sought to reset ..." says what the US sought).
        bounds = _clause_without(cue.head, cue)
        yield from _make(bounds, cue, speaker_token(cue))
        return
    if _aside(cue, entry):
        # "The goal, he said, is to ...", "..., especially one ..., she said.": a reporting
        # clause set off in another reports the clause around it (the parser hangs it on that
        # clause as parataxis, or as its complement when it comes last).
        bounds = _clause_without(cue.head, cue)
        yield from _make(bounds, cue, speaker_token(cue))
        return
    complements = [c for c in cue.children if c.dep_ in entry.complements and c.dep_ != "quote"]
    clauses = [c for c in complements if c.dep_ == "ccomp"] or [c for c in complements if c.dep_ != "dobj"]
    chosen = clauses or [c for c in complements if c.dep_ == "dobj"]
    if not chosen and "predicate" in entry.complements:
        # "sees Clinton as the stronger candidate": an object only with what is said of it.
        chosen = [c for c in cue.children if c.dep_ == "dobj" and (_with_predicate(c) is not c or _as_phrase(c))]
    speaker = speaker_token(cue)
    if len(clauses) > 1 and clauses[0].i < cue.i < clauses[-1].i:
        # A clause on each side: the one after the cue is what it reports ("...: He said he's
        # raised ..."; the one before is the previous sentence, misattached). Without a subject
        # the one before is the subject the parser took for a clause ("Majorities of Democrats
        # going to the polls say they ..."): its subject speaks.
        chosen = clauses[-1:]
        if speaker is None:
            speaker = next((c for c in clauses[0].children if c.dep_ == "nsubj"), None)
    if not chosen:
        # "called for a recount", "pointed to the deficit": the object of the preposition.
        wanted = lexicon.prepositions(cue.lemma_)
        objects = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ in wanted and _content_object(c)]
        if objects:
            bounds = _trim(objects[0].doc[objects[0].i + 1], _before_participle(objects[0], lexicon))
            yield from _make(bounds, cue, speaker)
            return
    if not chosen and "dobj" in entry.complements:
        # The passive of a cue with an object: "The meeting was first reported by Politico".
        chosen = [c for c in cue.children if c.dep_ == "nsubjpass" and _agent(cue)]
    for complement in chosen[:1]:
        last = _with_predicate(complement) if complement.dep_ == "dobj" else complement
        first = complement.left_edge
        if complement.dep_ == "xcomp":
            # "urged Congress to act": who is to do it belongs with what they are to do.
            # "called on Congress to act": the same, after "on".
            doer = next((c for c in cue.children if cue.i < c.i < complement.i and (c.dep_ == "dobj" or _on(c))), None)
            first = first if doer is None else doer.left_edge if doer.dep_ == "dobj" else doer.doc[doer.i + 1]
        bounds = _trim(first, _before_participle(last, lexicon))
        yield from _make(bounds, cue, speaker)


def _according_to(according: Token) -> Iterator[Attribution]:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = None if to is None else next((c for c in to.children if c.dep_ == "pobj"), None)
    if to is None or source is None or according.head.i == according.i:
        return
    bounds = _clause_without(according.head, according)
    cue = (according.idx, to.idx + len(to.text))
    for attribution in _make(bounds, according, source):
        yield Attribution(INDIRECT, attribution.start, attribution.end, cue, "according to", source)


def _in_source(prep: Token, lexicon: Lexicon) -> Iterator[Attribution]:
    """``In the CBS poll, Trump's lead ...``, ``In Ash's view, ...``: a clause set in a document
    (or somebody's view) is that source's. Not when the clause's verb reports it itself ("said
    in a statement that ...": the verb's attribution)."""
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    head = prep.head
    if source is None or head.pos_ not in ("VERB", "AUX") or lexicon.cue(head) is not None:
        return
    owned = lexicon.noun(source.lemma_) is not None and any(c.dep_ == "poss" for c in source.children)
    if not (lexicon.source(source.lemma_) or owned):
        return
    bounds = _clause_without(head, prep)
    if bounds is None or (bounds[0].i <= prep.i <= bounds[1].i):
        return  # only at either end of the clause: in the middle it is the clause's own business
    owner = next((c for c in source.children if c.dep_ == "poss"), None) if owned else None
    yield from _make(bounds, prep, owner or source)


def _noun(noun: Token, lexicon: Lexicon) -> Iterator[Attribution]:
    entry = lexicon.noun(noun.lemma_)
    if entry is None:
        return
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) or _producer(noun, lexicon)
    if owner is None:
        return  # "the claim that ..." of nobody named: not an attribution
    bounds = None
    if "ccomp" in entry.complements:
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and _has_that(c)), None)
        if clause is None and noun.dep_ in ("nsubj", "attr") and noun.head.lemma_ == "be":
            clause = next((c for c in noun.head.children if c.dep_ == "ccomp"), None)
        bounds = None if clause is None else _trim(clause.left_edge, clause.right_edge)
    if bounds is None and "xcomp" in entry.complements:
        # "Trump's pledge to build a wall": the infinitive that says what was pledged.
        plan = next((c for c in noun.rights if c.dep_ == "acl" and any(a.lower_ == "to" for a in c.lefts)), None)
        bounds = None if plan is None else _trim(plan.left_edge, plan.right_edge)
    if bounds is None:
        # "Sanders's criticism of the banks", "their calls for a recount".
        wanted = lexicon.prepositions(noun.lemma_, "NOUN")
        about = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in wanted and _content_object(c)), None)
        if about is not None:
            bounds = _trim(noun.doc[about.i + 1], about.right_edge)
    yield from _make(bounds, noun, owner)


def _producer(noun: Token, lexicon: Lexicon) -> Token | None:
    """Who voiced a speech noun with no possessor: the subject of the verb that makes it ("Cruz
    *made* the case that ...", "the ministry *issued* a statement that ...") or that it is said
    in ("she *said* in a statement that ..."). Not any verb's: "he *rejected* the claim that ..."
    is somebody else's claim."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
        if verb.pos_ != "VERB" or lexicon.cue(verb) is None:
            return None
    elif noun.dep_ != "dobj" or verb.lemma_ not in _VOICING:
        return None
    return speaker_token(verb)


def _make(bounds: tuple[Token, Token] | None, cue: Token, speaker: Token | None) -> Iterator[Attribution]:
    """The attribution of content ``bounds`` (none when there is no content), without what the
    reporter adds after it and inside the cue's paragraph."""
    if bounds is None:
        return
    bounds = _in_paragraph(*_without_additions(*bounds), cue)
    if bounds is None:
        return
    start, end = token_bounds(*bounds)
    yield Attribution(INDIRECT, start, end, token_bounds(cue, cue), cue.lemma_.lower(), speaker)


def _in_paragraph(first: Token, last: Token, cue: Token) -> tuple[Token, Token] | None:
    """The content inside the cue's paragraph: a parse that runs over a line break (a quotation
    mark the parser misread, a heading) joins what somebody else says next."""
    doc = cue.doc
    # Token by token: ``doc.text`` joins the whole document on every access.
    if not any("\n" in token.text_with_ws for token in doc[first.i : last.i]):
        return first, last
    text = doc.text
    opening = text.rfind("\n", 0, cue.idx) + 1
    closing = text.find("\n", cue.idx)
    closing = len(text) if closing < 0 else closing
    tokens = [t for t in doc[first.i : last.i + 1] if opening <= t.idx < closing and not t.is_space]
    return _trim(tokens[0], tokens[-1]) if tokens else None


def _without_additions(first: Token, last: Token) -> tuple[Token, Token]:
    """The content without the reporter's own clause after a comma that concedes or contrasts
    ("..., even as he has taken shots at Trump", "..., though they were not the difference",
    "..., despite the potential for a feud"): the speaker did not say that part."""
    doc = first.doc
    for token in doc[first.i + 1 : last.i + 1]:
        if doc[token.left_edge.i - 1].text != "," or token.left_edge.i <= first.i:
            continue
        head = token.head
        if not (first.i <= head.i <= last.i) or token.right_edge.i < last.i:
            continue
        if _contrasting(token):
            return first, doc[token.left_edge.i - 1]
    return first, last


def _contrasting(token: Token) -> bool:
    if token.dep_ == "advcl":
        marks = " ".join(c.lower_ for c in token.children if c.dep_ in ("mark", "advmod") and c.i < token.i)
        return any(marks.endswith(m) or marks == m for m in _CONTRASTING_MARKS)
    return token.dep_ == "prep" and token.lower_ in _CONTRASTING_PREPOSITIONS


def _content_object(prep: Token) -> bool:
    """Whether a preposition's object can be what was said: not a time, place or number
    ("spoke about the deficit", not "... on Monday", "... to 300 people")."""
    target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return target is not None and target.ent_type_ not in _CIRCUMSTANCES


def _as_phrase(obj: Token) -> bool:
    """An object that holds its own predicate ("see [the tax as a threat]", parsed inside it)."""
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in obj.rights)


def _on(prep: Token) -> bool:
    return prep.dep_ == "prep" and prep.lower_ in ("on", "upon") and any(c.dep_ == "pobj" for c in prep.children)


def _agent(verb: Token) -> bool:
    """Whether a passive verb names who did it ("... by Politico")."""
    return any(c.dep_ == "agent" and any(g.dep_ == "pobj" for g in c.children) for c in verb.children)


def _with_predicate(obj: Token) -> Token:
    """The object and what the cue says of it, which follow it: "called *him divisive*",
    "described *the audit as a stunt*", "accused *him of lying*", "praised *her for ...*"."""
    last = obj
    for sibling in obj.head.rights:
        if sibling.i <= obj.i:
            continue
        if sibling.left_edge.i != last.right_edge.i + 1:
            break
        if sibling.dep_ == "oprd" or (sibling.dep_ == "prep" and sibling.lower_ in _PREDICATING):
            last = sibling
        else:
            break
    return last


def _before_participle(clause: Token, lexicon: Lexicon) -> Token:
    """The last token of ``clause`` before a trailing reporting participle set off by a comma: in
    "X warned that Y cannot pay, citing Z", X cites Z (see :mod:`speaker`), another attribution."""
    doc = clause.doc
    for child in clause.rights:
        comma = child.left_edge.i - 1
        if (
            child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and comma > clause.i
            and doc[comma].text == ","
            and lexicon.verb(child.lemma_) is not None
        ):
            return doc[comma]
    return clause.right_edge


def _aside(cue: Token, entry: Cue) -> bool:
    """A reporting clause set off in another one: a subject, no content of its own, and a comma
    (or dash) before it ("..., he said, ...", "..., said Doyle and others, ...", "..., the
    minister told a panel on Wednesday": an addressee is not content)."""
    after = cue.i > cue.head.i
    if not (cue.dep_ == "parataxis" or (cue.dep_ in ("ccomp", "conj") and after)):
        return False
    doc = cue.doc
    first, last = cue.left_edge.i, cue.right_edge.i
    # The comma is the aside's own first token or the one just before it.
    marks = [doc[i].text for i in (first, first - 1) if i >= 0]
    # Next to a quotation mark it attributes a quotation: direct speech, not this rule's.
    around = [doc[i] for i in (first - 1, first - 2, last + 1, last + 2) if 0 <= i < len(doc)]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
    own = ("ccomp", "xcomp", "dobj") if "dobj" in entry.complements else ("ccomp", "xcomp")
    own_content = any(c.dep_ in own for c in cue.children)
    return (
        has_subject
        and not own_content
        and any(m in _ASIDE_MARKS for m in marks)
        and not any(t.is_quote for t in around)
    )


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _clause_without(head: Token, part: Token) -> tuple[Token, Token] | None:
    """The clause headed by ``head`` minus the subtree of ``part`` when that stands at its start
    or end (the sentence's full stop does not count: "..., according to the FBI."). A ``part``
    in the middle ("The goal, he said, is ...") stays inside: the content is the whole clause
    around it, the one range that holds all of what was said."""
    edges = _trim(head.left_edge, head.right_edge, minimum=1)
    if edges is None:
        return None
    first, last = edges
    if part.left_edge.i <= first.i and part.right_edge.i < last.i:
        first = head.doc[part.right_edge.i + 1]
    elif part.right_edge.i >= last.i and part.left_edge.i > first.i:
        last = head.doc[part.left_edge.i - 1]
    elif not (first.i < part.left_edge.i and part.right_edge.i < last.i):
        return None
    return _trim(first, last)


def _trim(first: Token, last: Token, *, minimum: int = MIN_CONTENT_TOKENS) -> tuple[Token, Token] | None:
    doc = first.doc
    i, j = first.i, last.i
    while i <= j and (doc[i].text in _EDGE or doc[i].is_space):
        i += 1
    while j >= i and (doc[j].text in _EDGE or doc[j].is_space):
        j -= 1
    if j - i + 1 < minimum:
        return None
    return doc[i], doc[j]
