"""Quotation marks paired into quoted regions, the way news typesets them.

Double quotes delimit quotations: curly (“ ”), straight ("), low-high („ “), guillemets (« »)
and the typewriter pairs ``...''. Single quotes are left alone: in English news they are nested
quotes or apostrophes, and both belong to the text of the quotation around them.

News convention for long quotations: a paragraph that ends inside a quotation leaves it unclosed
and the next paragraph opens it again, so such a quotation is one region across paragraphs.
A quotation still open at the end of a paragraph that is not continued ends there (``closed`` is
False), so one stray mark costs one quotation, not the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"``|''|[“”\"„«»]")
_OPENERS = frozenset({"“", "„", "«", "``"})
_CLOSERS = frozenset({"”", "»"})
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class QuotedRegion:
    """A quotation: ``[start, end)`` is its content without the marks and outer whitespace;
    ``open`` and ``close`` are where its marks begin and end (``close`` is the paragraph end when
    it was never closed). ``paragraphs`` counts the paragraphs it runs over."""

    start: int
    end: int
    open: int
    close: int
    closed: bool = True
    paragraphs: int = 1

    def contains(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside the marks."""
        return self.open <= start and end <= self.close


def _is_opener(text: str, at: int, mark: str, inside: bool) -> bool:
    """Whether the mark at ``at`` opens a quotation, given whether one is open."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(mark)] if at + len(mark) < len(text) else " "
    looks_opening = (before.isspace() or before in "([—–-/:") and not after.isspace()
    looks_closing = not before.isspace() and (after.isspace() or not after.isalnum())
    if mark in _OPENERS:
        # A typist's “ at the end of a quotation is still a closer.
        return not (inside and looks_closing and not looks_opening)
    if mark in _CLOSERS:
        # ...and a ” before a word, with none open, an opener.
        return not inside and looks_opening
    return not inside


def quoted_regions(text: str) -> list[QuotedRegion]:
    """Every quotation in ``text``, in order."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    regions: list[QuotedRegion] = []
    open_at: int | None = None  # where the open quotation's opening mark begins
    content_from = 0
    spanned = 1
    reopening = -1  # the mark that continues a quotation at the start of a paragraph
    for index, (p_start, p_end) in enumerate(paragraphs):
        for match in _MARK.finditer(text, p_start, p_end):
            mark, at = match.group(), match.start()
            if at == reopening:
                continue
            if _is_opener(text, at, mark, open_at is not None):
                if open_at is not None:
                    # A second opener: the first quotation was never closed; it ends here.
                    regions.append(_region(text, open_at, content_from, at, at, closed=False, paragraphs=spanned))
                open_at, content_from, spanned = at, match.end(), 1
            elif open_at is not None:
                regions.append(_region(text, open_at, content_from, at, match.end(), closed=True, paragraphs=spanned))
                open_at = None
        if open_at is None:
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        reopened = None if following is None else _MARK.match(text, following[0])
        if following is not None and reopened is not None and _is_opener(text, following[0], reopened.group(), False):
            spanned += 1
            reopening = following[0]
            continue
        regions.append(_region(text, open_at, content_from, p_end, p_end, closed=False, paragraphs=spanned))
        open_at = None
    return [r for r in regions if r.end > r.start]


def _region(
    text: str, open_at: int, content_from: int, content_to: int, close: int, *, closed: bool, paragraphs: int
) -> QuotedRegion:
    start, end = content_from, content_to
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuotedRegion(start=start, end=end, open=open_at, close=close, closed=closed, paragraphs=paragraphs)
