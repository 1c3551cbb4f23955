"""Quotations attributed: who is speaking in each quoted region, and is it whole or a fragment.

For each region (see :mod:`marks`) the attribution is looked for, in order:

1. after it, in the same sentence: ``"...," she said`` / ``"...," said Smith``, the verb within a
   few words or after a subject however long (``"...," a spokesman for the ... said``);
2. before it, in the same sentence: ``Zelensky stated, "..."`` / ``He said: "..."``; a region
   introduced by words other than the attribution itself (``... against "unilateralism"``) is a
   partial quote, attributed by the reporting clause that governs it (:mod:`partial`);
3. a colon ending the previous paragraph: ``He put it this way:`` then a quoted paragraph;
4. the attributed quotation just before it: ``"...," she said. "..."`` (same speaker, however
   long the one attribution sentence between), or a quoted paragraph right after a paragraph
   holding an attributed quotation.

A quotation with no attribution is kept as a direct quote without speaker when it is long
enough to be speech (short ones are titles and scare quotes). Not speech at all: a quoted name
in Title Case where words said cannot stand (``on "Face the Nation"``), and a quotation whose
opening mark another opener cuts off mid-paragraph (its end is unknown). A quotation signed
``"..." ― Jane Doe`` is hers. A fragment also yields the reported speech around it, as an
indirect quote with the same cue (:func:`partial.reported_clause`).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsgraph.stages.quotes.attribution import DIRECT, INDIRECT, PARTIAL, Attribution, token_bounds
from newsgraph.stages.quotes.lexicon import Lexicon
from newsgraph.stages.quotes.marks import QuotedRegion
from newsgraph.stages.quotes.partial import governing_cue, reported_clause
from newsgraph.stages.quotes.speaker import speaker_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Cues further than this many words from the closing mark are another sentence's business.
POST_CUE_WINDOW = 5
#: Between a cue and the opening mark, a direct quotation allows this many words ("said on Sunday,").
PRE_CUE_GAP = 6
#: An unattributed quotation of fewer words is a title or scare quote, not speech.
MIN_UNATTRIBUTED_WORDS = 6
#: An in-between attribution ("," she said. ") is short.
MAX_BRIDGE_WORDS = 12

_OPENING_MARKS = frozenset({"“", '"', "„", "«"})
_CLOSING_MARK = re.compile(r"[.,;?!]*(?:[”\"»]|'')")
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"})
# A sentence ends at . ! or ? (and a closing quotation mark) before a space, but not after a
# title or initial ("Ms. Moore", "Sen. Lee", "U.S. officials").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][”\"’']?\s+")
_TRAILING = ",;—–- "
# A dash signing a quotation with its source's name: ``"..." ― Jane Doe`` (same line).
_SIGNATURE = re.compile(r"[ \t\u00a0]*(―|—|–|--?)[ \t\u00a0]*(?=\w)")


class RegionAttributor:
    """Attributes the quoted regions of one parsed document."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lexicon = lexicon
        self._starts = [token.idx for token in doc]

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens that start in ``[start, end)``."""
        return [self.doc[i] for i in range(bisect_left(self._starts, start), bisect_left(self._starts, end))]

    def attribute(self, regions: Sequence[QuotedRegion]) -> list[Attribution]:
        found: list[Attribution | None] = []
        for index, region in enumerate(regions):
            if self._stray(region):
                # An opening mark that another opener cuts off mid-paragraph: where the
                # quotation was meant to end is unknown, so nothing is claimed.
                found.append(None)
                continue
            attribution = self._attribute(region)
            if attribution is None:
                attribution = self._inherit(region, regions[:index], found)
            if attribution is None and _words(self.text[region.start : region.end]) >= MIN_UNATTRIBUTED_WORDS:
                attribution = Attribution(DIRECT, *self._content(region))
            found.append(attribution)
        attributions = [self._fragment(a) if a.kind == PARTIAL else a for a in found if a is not None]
        return attributions + [c for a in attributions if a.kind == PARTIAL for c in self._clause(a)]

    def _fragment(self, partial: Attribution) -> Attribution:
        """A fragment without the full stop that ends the reporter's sentence around it."""
        end = partial.end
        while end > partial.start + 1 and self.text[end - 1] in ".,;":
            end -= 1
        return dataclasses.replace(partial, end=end)

    def _clause(self, fragment: Attribution) -> list[Attribution]:
        """The reported speech a partial quotation is part of (see :func:`reported_clause`),
        when it holds more than the fragment; same cue and speaker."""
        if fragment.cue is None or fragment.cue[0] >= fragment.start:
            return []
        index = bisect_left(self._starts, fragment.cue[0])
        words = [t for t in self.tokens(fragment.start, fragment.end) if not (t.is_punct or t.is_space)]
        inside = range(words[0].i, words[-1].i + 1) if words else range(0)
        bounds = reported_clause(self.doc[index], inside) if inside else None
        if bounds is None:
            return []
        first, last = bounds
        while first.i < last.i and (first.is_punct or first.is_space):
            first = self.doc[first.i + 1]
        while last.i > first.i and (last.is_punct or last.is_space):
            last = self.doc[last.i - 1]
        if inside.start <= first.i and last.i < inside.stop:
            return []  # nothing but the fragment
        start, end = token_bounds(first, last)
        if self.text[start - 1 : start] in _OPENING_MARKS:
            start -= 1
        end = max(end, fragment.end)
        closing = _CLOSING_MARK.match(self.text, end)
        if closing is not None:
            # The clause ends with the fragment: take its closing mark too.
            end = closing.end()
        cue, lemma, speaker = fragment.cue, fragment.cue_lemma, fragment.speaker
        return [Attribution(INDIRECT, min(start, fragment.start), end, cue, lemma, speaker)]

    # -- the content ---------------------------------------------------------------------------

    def _content(self, region: QuotedRegion) -> tuple[int, int]:
        """The quotation without the comma (or dash) that punctuates it into the sentence."""
        start, end = region.start, region.end
        while end > start and self.text[end - 1] in _TRAILING:
            end -= 1
        return start, end

    # -- windows -------------------------------------------------------------------------------

    def _paragraph(self, at: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        return start, len(self.text) if end < 0 else end

    def _pre_window(self, region: QuotedRegion) -> int:
        """Where the sentence holding the opening mark starts."""
        start, _ = self._paragraph(region.open)
        for match in _SENTENCE_END.finditer(self.text, start, region.open):
            start = match.end()
        return start

    def _post_window(self, region: QuotedRegion) -> int:
        """Where the sentence holding the closing mark ends."""
        _, end = self._paragraph(max(region.close - 1, region.open))
        match = _SENTENCE_END.search(self.text, region.close, end)
        return match.start() + 1 if match else end

    # -- the attribution steps -----------------------------------------------------------------

    def _attribute(self, region: QuotedRegion) -> Attribution | None:
        start, end = self._content(region)
        inside = self._inside(region)
        pre_start = self._pre_window(region)
        pre = [t for t in self.tokens(pre_start, region.open) if not t.is_space]
        opens_sentence = all(t.is_punct for t in pre)
        content = self.text[region.start : region.end]
        if not opens_sentence and self._is_title(region):
            return None
        # 1. After it: only when the quotation is punctuated into a sentence that goes on, or
        # signed with a dash ("..." ― Jane Doe).
        post = [t for t in self.tokens(region.close, self._post_window(region)) if not t.is_space]
        if region.closed and (not content.endswith(".") or self._lowercase_after(region)):
            found = self._post_cue(post, inside)
            if found is not None:
                cue, speaker = found
                kind = DIRECT if opens_sentence else PARTIAL
                return Attribution(kind, start, end, token_bounds(cue, cue), cue.lemma_, speaker)
        dashed = self._dash_source(region) if region.closed else None
        if dashed is not None:
            dash, name = dashed
            return Attribution(DIRECT, start, end, dash, self.text[dash[0] : dash[1]], name)
        # 2. Before it, in the same sentence.
        if not opens_sentence:
            return self._pre_attribution(region, pre, inside, start, end)
        # 3. A colon ending the previous paragraph introduces a quoted paragraph.
        paragraph_start, _ = self._paragraph(region.open)
        if self.text[paragraph_start : region.open].strip() == "" and paragraph_start > 1:
            before = self.text[: paragraph_start - 1].rstrip()
            if before.endswith(":"):
                lead_in = self.tokens(self._paragraph(len(before) - 1)[0], len(before))
                intro = self._last_cue(lead_in, inside)
                if intro is not None:
                    return Attribution(
                        DIRECT, start, end, token_bounds(intro, intro), intro.lemma_, speaker_token(intro)
                    )
        # 4. A reporting clause further on that governs it in the parse ("...'' of the plan, he said").
        head = self._head(region)
        governed = None if head is None else governing_cue(head, self.lexicon, inside, reporting_only=True)
        if governed is not None:
            verb, speaker = governed
            return Attribution(DIRECT, start, end, token_bounds(verb, verb), verb.lemma_, speaker)
        return None

    def _dash_source(self, region: QuotedRegion) -> tuple[tuple[int, int], Token] | None:
        """``"..." ― Jane Doe``: a dash and a name right after the quotation sign it. Returns the
        dash's bounds (the cue) and the name's head token."""
        signature = _SIGNATURE.match(self.text, region.close)
        if signature is None:
            return None
        index = bisect_left(self._starts, signature.end())
        if index >= len(self.doc):
            return None
        name = self.doc[index]
        if name.pos_ != "PROPN" and not name.text[:1].isupper():
            return None
        while name.dep_ in ("compound", "flat") and name.head.i > name.i:
            name = name.head
        return signature.span(1), name

    def _pre_attribution(
        self, region: QuotedRegion, pre: list[Token], inside: range, start: int, end: int
    ) -> Attribution | None:
        cue = self._last_cue(pre, inside)
        if cue is not None:
            between = [t for t in pre if t.i > cue.i]
            speaker = speaker_token(cue)
            words = [t for t in between if not t.is_punct and (speaker is None or t.i != speaker.i)]
            lead = self.text[cue.idx : region.open].rstrip()
            plain = len(words) <= PRE_CUE_GAP and not any(t.pos_ == "VERB" for t in words)
            # Right after the cue, a whole quotation starts a sentence ("said “The ...”"); a
            # lower-case one is a fragment ("what she called “reckless spending”").
            whole = lead.endswith((":", ",")) or (not words and self.text[start : start + 1].isupper())
            if plain and whole:
                return Attribution(DIRECT, start, end, token_bounds(cue, cue), cue.lemma_, speaker)
            if plain and all(t.lower_ == "that" or t.pos_ in ("ADV", "PART") for t in words) and words:
                return Attribution(PARTIAL, start, end, token_bounds(cue, cue), cue.lemma_, speaker)
        head = self._head(region)
        if head is not None:
            governed = governing_cue(head, self.lexicon, inside)
            if governed is not None:
                verb, speaker = governed
                return Attribution(PARTIAL, start, end, token_bounds(verb, verb), verb.lemma_, speaker)
        if cue is not None:
            return Attribution(PARTIAL, start, end, token_bounds(cue, cue), cue.lemma_, speaker_token(cue))
        return None

    def _inherit(
        self, region: QuotedRegion, earlier: Sequence[QuotedRegion], found: Sequence[Attribution | None]
    ) -> Attribution | None:
        """The speaker of the attributed quotation just before, for a quotation that continues it.
        Unattributed quoted names in between ("on "Fox and Friends."") do not interrupt it."""
        last = len(found) - 1
        while last >= 0 and found[last] is None:
            last -= 1
        attribution = found[last] if last >= 0 else None
        if attribution is None or attribution.speaker is None:
            return None
        previous = earlier[last]
        bridge = self.text[previous.close : region.open]
        if last < len(found) - 1 and not self._one_attribution(bridge, previous.close, attribution):
            return None
        pre_start = self._pre_window(region)
        if self.text[pre_start : region.open].strip(" \"“'‘—–-"):
            return None
        # In the same paragraph or the next one (opening with the quotation), with only a short
        # attribution between, or the whole attribution sentence of the quotation before however
        # long ("...," said Jane Doe, a lawyer for the union who ... . "..."): nobody else speaks.
        if "\n" in bridge.strip() or (attribution.cue is not None and _SIGNATURE.match(bridge)):
            return None
        if _words(bridge) > MAX_BRIDGE_WORDS and not self._one_attribution(bridge, previous.close, attribution):
            return None
        start, end = self._content(region)
        return Attribution(DIRECT, start, end, attribution.cue, attribution.cue_lemma, attribution.speaker)

    def _one_attribution(self, bridge: str, at: int, attribution: Attribution) -> bool:
        """Whether ``bridge`` (starting at ``at``) is one sentence holding ``attribution``'s cue."""
        if attribution.cue is None or not at <= attribution.cue[0] < at + len(bridge):
            return False
        words = [t for t in self.tokens(at, at + len(bridge)) if not (t.is_punct or t.is_space)]
        return bool(words) and not any(t.is_sent_start for t in words[1:])

    # -- cues ----------------------------------------------------------------------------------

    def _post_cue(self, post: list[Token], inside: range) -> tuple[Token, Token | None] | None:
        """The reporting verb after a quotation: within a few words of it, or further on when
        everything before it is its subject ("...," a spokesman for the regional health
        authority in the north said)."""
        words = [t for t in post if not t.is_punct]
        for index, token in enumerate(words):
            if token.pos_ == "VERB" and self.lexicon.cue(token) is not None and token.i not in inside:
                speaker = speaker_token(token)
                if index >= POST_CUE_WINDOW and not _spans(speaker, words[:index]):
                    return None
                if speaker is None or speaker.i in inside:
                    speaker = next((t for t in post if t.i > token.i and t.pos_ in ("PROPN", "PRON", "NOUN")), None)
                return token, speaker
            if token.pos_ in ("VERB", "AUX") and index >= POST_CUE_WINDOW:
                return None
        return None

    def _last_cue(self, tokens: Sequence[Token], inside: range) -> Token | None:
        for token in reversed(tokens):
            if token.pos_ == "VERB" and self.lexicon.cue(token) is not None and token.i not in inside:
                return token
        return None

    def _inside(self, region: QuotedRegion) -> range:
        tokens = self.tokens(region.open, region.close)
        return range(tokens[0].i, tokens[-1].i + 1) if tokens else range(0)

    def _head(self, region: QuotedRegion) -> Token | None:
        """The fragment's top token: the first whose head lies outside it."""
        inside = self._inside(region)
        words = [self.doc[i] for i in inside if not self.doc[i].is_punct]
        for token in words:
            if token.head.i not in inside or token.head.i == token.i:
                return token
        return None

    def _stray(self, region: QuotedRegion) -> bool:
        return not region.closed and region.close < self._paragraph(region.open)[1]

    def _is_title(self, region: QuotedRegion) -> bool:
        """A quoted name in the reporter's sentence (a show, a book, a slogan in Title Case) where
        words said cannot stand: in a prepositional phrase ("on "Face the Nation""), owned
        ("MSNBC's "Morning Joe""), or addressed ("told "Morning Joe" that ...")."""
        words = re.findall(r"[^\W\d_][\w'’-]*", self.text[region.start : region.end])
        if not words or not all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words):
            return False
        head = self._head(region)
        if head is None:
            return False
        if head.dep_ in ("pobj", "dative", "appos", "compound", "poss") or any(c.dep_ == "poss" for c in head.children):
            return True
        return head.dep_ == "dobj" and any(c.dep_ in ("ccomp", "xcomp") for c in head.head.children)

    def _lowercase_after(self, region: QuotedRegion) -> bool:
        rest = self.text[region.close : region.close + 3].lstrip()
        return bool(rest) and rest[0].islower()


def _spans(head: Token | None, tokens: Sequence[Token]) -> bool:
    """Whether every token lies in the phrase headed by ``head``."""
    if head is None:
        return False
    return all(head.left_edge.i <= t.i <= head.right_edge.i for t in tokens)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))
