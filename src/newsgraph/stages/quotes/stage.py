"""The quote stage: who said what, when — direct, partial and indirect.

It pairs quotation marks (:mod:`marks`), attributes each quotation (:mod:`direct`,
:mod:`partial`), reads reported speech off the parse (:mod:`indirect`), resolves each speaker to
the mention covering it and so to its entity (:mod:`speaker`), and dates each quotation
(:mod:`dates`). Requires the mentions (coreference fills their ``entity_id``).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from typing import TYPE_CHECKING

from newsgraph.model import Analysis, Quote, Span, content_id
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.quotes.attribution import INDIRECT, Attribution
from newsgraph.stages.quotes.dates import quote_time
from newsgraph.stages.quotes.direct import RegionAttributor
from newsgraph.stages.quotes.indirect import indirect_attributions
from newsgraph.stages.quotes.lexicon import Lexicon, default_lexicon
from newsgraph.stages.quotes.marks import QuotedRegion, quoted_regions
from newsgraph.stages.quotes.negation import negated
from newsgraph.stages.quotes.speaker import antecedent, author, resolve, speaker_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class QuotedShare:
    """The share of a character range that lies inside quotation marks."""

    def __init__(self, regions: list[QuotedRegion]) -> None:
        # Regions come in text order and do not overlap.
        self._bounds = [(region.open, region.close) for region in regions]
        self._closes = [close for _, close in self._bounds]

    def __call__(self, start: int, end: int) -> float:
        if end <= start:
            return 0.0
        inside = 0
        for open_, close in self._bounds[bisect_right(self._closes, start) :]:
            if open_ >= end:
                break
            inside += min(end, close) - max(start, open_)
        return inside / (end - start)


class QuoteStage:
    """Quotations and reported speech with their cue, speaker, speaker entity and time."""

    name = "quotes"
    version = "3"
    requires: tuple[str, ...] = ("mentions",)
    produces: tuple[str, ...] = ("quotes",)

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()

    def __call__(self, context: StageContext) -> Analysis:
        doc = context.doc
        regions = quoted_regions(context.text)
        attributions = RegionAttributor(doc, self.lexicon).attribute(regions)
        attributions += indirect_attributions(doc, self.lexicon, QuotedShare(regions))
        attributions = _widest_reported(attributions)
        sentences = [(sentence.start_char, sentence.end_char) for sentence in doc.sents]
        quotes: dict[tuple[int, int], Quote] = {}
        for attribution in attributions:
            if (attribution.start, attribution.end) not in quotes:
                quotes[attribution.start, attribution.end] = self._quote(context, sentences, attribution)
        ordered = sorted(quotes.values(), key=lambda q: (q.span.start, q.span.end))
        return dataclasses.replace(context.analysis, quotes=tuple(ordered))

    def _quote(self, context: StageContext, sentences: list[tuple[int, int]], attribution: Attribution) -> Quote:
        span = context.span(attribution.start, attribution.end)
        cue = None if attribution.cue is None else context.span(*attribution.cue)
        speaker: Span | None = None
        entity_id = None
        head = attribution.speaker
        # A document that speaks ("a report by the UN says") speaks for whoever made it.
        head = None if head is None else author(head, self.lexicon) or head
        # A speaker inside the content is one of its words, not who said it, unless the cue is
        # inside too: the reporter's aside in the middle of reported speech ("The goal, he said,
        # is ...").
        if head is not None and (not (span.start <= head.idx < span.end) or _inside(attribution.cue, span)):
            speaker = context.span(*speaker_bounds(head))
            # A relative pronoun ("..., who said") refers to the noun its clause modifies.
            referent = antecedent(head) or head
            mention = resolve(context.analysis.mentions, referent.idx)
            entity_id = None if mention is None else mention.entity_id
        cue_token = None if cue is None else _token_at(context.doc, cue.start)
        anchor = span.start if cue is None else cue.start
        time, time_source = quote_time(context.analysis, _sentence(sentences, anchor), anchor, (span.start, span.end))
        evidence = [s for s in (span, cue, speaker) if s is not None]
        return Quote(
            id=content_id("quo", context.document_id, span.start, span.end, attribution.kind),
            document_id=context.document_id,
            span=span,
            kind=attribution.kind,
            provenance=context.provenance(evidence=evidence),
            cue=cue,
            cue_lemma=attribution.cue_lemma,
            speaker=speaker,
            speaker_entity_id=entity_id,
            time=time,
            time_source=time_source,
            negated=cue_token is not None and negated(cue_token),
        )


def _widest_reported(attributions: list[Attribution]) -> list[Attribution]:
    """Without reported speech inside other reported speech of the same cue: the parse's object
    of "blasted" gives "the media", the fragment it governs "the media for being "dishonest"";
    one cue reports one thing."""
    reported = [a for a in attributions if a.kind == INDIRECT and a.cue is not None]

    def inside_another(a: Attribution) -> bool:
        return any(
            b is not a
            and b.cue == a.cue
            and b.start <= a.start
            and a.end <= b.end
            and (b.start, b.end) != (a.start, a.end)
            for b in reported
        )

    return [a for a in attributions if not (a.kind == INDIRECT and a.cue is not None and inside_another(a))]


def _token_at(doc: Doc, at: int) -> Token | None:
    """The token starting at character ``at`` (a cue's first word), if there is one."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) and span[0].idx == at else None


def _inside(cue: tuple[int, int] | None, span: Span) -> bool:
    return cue is not None and span.start <= cue[0] and cue[1] <= span.end


def _sentence(sentences: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """The bounds of the sentence holding character ``at``."""
    index = bisect_right(sentences, (at, len(sentences) and sentences[-1][1] + 1)) - 1
    return sentences[index] if index >= 0 else (0, 0)


@register("newsgraph.quotes.v1")
def _quote_stage() -> QuoteStage:
    return QuoteStage()
