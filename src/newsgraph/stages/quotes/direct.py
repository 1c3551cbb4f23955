"""Quotations attributed: who is speaking in each quoted region, and is it whole or a fragment.

For each region (see :mod:`marks`) the attribution is looked for, in order:

1. after it, in the same sentence: ``"...," she said`` / ``"...," said Smith``;
2. before it, in the same sentence: ``Zelensky stated, "..."`` / ``He said: "..."``; a region
   introduced by words other than the attribution itself (``... against "unilateralism"``) is a
   partial quote, attributed by the reporting clause that governs it (:mod:`partial`);
3. a colon ending the previous paragraph: ``He put it this way:`` then a quoted paragraph;
4. the attributed quotation just before it: ``"...," she said. "..."`` (same speaker), or a
   quoted paragraph right after a paragraph holding an attributed quotation.

A quotation with no attribution is kept as a direct quote without speaker when it is long
enough to be speech (short ones are titles and scare quotes).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsgraph.stages.quotes.attribution import DIRECT, PARTIAL, Attribution, token_bounds
from newsgraph.stages.quotes.lexicon import Lexicon
from newsgraph.stages.quotes.marks import QuotedRegion
from newsgraph.stages.quotes.partial import governing_cue
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

_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+")
_TRAILING = ",;—–- "
_DASHES = frozenset({"―", "—", "–", "-", "--"})


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
            attribution = self._attribute(region)
            if attribution is None:
                attribution = self._inherit(region, regions[:index], found)
            if attribution is None and _words(self.text[region.start : region.end]) >= MIN_UNATTRIBUTED_WORDS:
                attribution = Attribution(DIRECT, *self._content(region))
            found.append(attribution)
        return [a for a in found if a is not None]

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
        # 1. After it: only when the quotation is punctuated into a sentence that goes on.
        if region.closed and (not content.endswith(".") or self._lowercase_after(region)):
            post = [t for t in self.tokens(region.close, self._post_window(region)) if not t.is_space]
            found = self._post_cue(post, inside)
            if found is not None:
                cue, speaker = found
                kind = DIRECT if opens_sentence else PARTIAL
                return Attribution(kind, start, end, token_bounds(cue, cue), cue.lemma_, speaker)
            dashed = self._dash_source(post)
            if dashed is not None:
                return Attribution(DIRECT, start, end, token_bounds(post[0], post[0]), post[0].text, dashed)
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

    def _dash_source(self, post: list[Token]) -> Token | None:
        """``"..." ― Jane Doe``: a dash and a name after the quotation name its source."""
        if len(post) < 2 or post[0].text not in _DASHES:
            return None
        name = post[1]
        if name.pos_ != "PROPN":
            return None
        while name.dep_ in ("compound", "flat") and name.head.i > name.i:
            name = name.head
        return name

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
        """The speaker of the attributed quotation just before, for a quotation that continues it."""
        if not earlier or found[-1] is None or found[-1].speaker is None:
            return None
        previous, attribution = earlier[-1], found[-1]
        bridge = self.text[previous.close : region.open]
        pre_start = self._pre_window(region)
        if self.text[pre_start : region.open].strip(" \"“'‘—–-"):
            return None
        # In the same paragraph or the next one (opening with the quotation), with only a short
        # attribution between: nobody else speaks in between.
        if _words(bridge) > MAX_BRIDGE_WORDS or "\n" in bridge.strip():
            return None
        start, end = self._content(region)
        return Attribution(DIRECT, start, end, attribution.cue, attribution.cue_lemma, attribution.speaker)

    # -- cues ----------------------------------------------------------------------------------

    def _post_cue(self, post: list[Token], inside: range) -> tuple[Token, Token | None] | None:
        words = [t for t in post if not t.is_punct][:POST_CUE_WINDOW]
        for token in words:
            if token.pos_ == "VERB" and self.lexicon.verb(token.lemma_) is not None and token.i not in inside:
                speaker = speaker_token(token)
                if speaker is None or speaker.i in inside:
                    speaker = next((t for t in post if t.i > token.i and t.pos_ in ("PROPN", "PRON", "NOUN")), None)
                return token, speaker
        return None

    def _last_cue(self, tokens: Sequence[Token], inside: range) -> Token | None:
        for token in reversed(tokens):
            if token.pos_ == "VERB" and self.lexicon.verb(token.lemma_) is not None and token.i not in inside:
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

    def _lowercase_after(self, region: QuotedRegion) -> bool:
        rest = self.text[region.close : region.close + 3].lstrip()
        return bool(rest) and rest[0].islower()


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))
