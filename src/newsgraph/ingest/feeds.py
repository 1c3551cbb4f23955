"""RSS 0.9x/1.0/2.0 and Atom feeds, through feedparser: one document per entry.

An entry's full content (``content:encoded``, Atom ``<content>``) is preferred to its summary,
because many feeds carry the whole story there; the HTML is reduced to text with one blank line
between paragraphs. An entry without text is rejected on its own and the rest of the feed goes on.

feedparser recovers what it can from broken XML (its "bozo" flag). A broken feed with nothing
recoverable is rejected as ``malformed``; one with some entries recovered yields them, followed
by a ``malformed`` rejection so the damage is not silent.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser
import feedparser.exceptions
import lxml.etree
import lxml.html

from newsgraph.ingest.dates import YEARS
from newsgraph.ingest.furniture import strip_furniture
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

__all__ = ["html_to_text", "read_feed"]

_BLOCK_TAGS = (
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "figure", "figcaption", "header", "footer",
)  # fmt: skip
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LINE_BREAK = "\u2028"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CHECK = "check that the file is a complete RSS or Atom document"


def read_feed(raw: RawInput) -> Iterator[Document | Rejection]:
    """Every entry of a feed as a document; rejections for entries without text or a broken feed."""
    try:
        parsed = feedparser.parse(raw.data, response_headers=_headers(raw))
    except UnicodeError as error:
        # feedparser decodes the XML declaration's encoding name as UTF-8 and does not catch
        # the failure when it is not (a damaged or binary declaration).
        message = f"the feed's encoding cannot be read ({error}); {_CHECK}, saved as UTF-8"
        yield Rejection(origin=raw.origin, reason="decode_error", message=message)
        return
    entries = parsed.get("entries", [])
    broken = _malformed(parsed)
    if not entries:
        if broken is not None:
            yield Rejection(origin=raw.origin, reason="malformed", message=broken)
        else:
            yield Rejection(origin=raw.origin, reason="empty_text", message="the feed has no entries")
        return
    feed = parsed.get("feed", {})
    source = _plain(feed.get("title"))
    language = _language(feed.get("language"))
    items = [_document(raw, entry, n, source=source, language=language) for n, entry in enumerate(entries, 1)]
    recovered = sum(isinstance(item, Document) for item in items)
    if broken is not None and not recovered:
        # Empty shells of entries cut off by the damage: the damage is the one thing to report.
        yield Rejection(origin=raw.origin, reason="malformed", message=broken)
        return
    yield from items
    if broken is not None:
        count = f"{recovered} entr{'y' if recovered == 1 else 'ies'}"
        yield Rejection(
            origin=raw.origin,
            reason="malformed",
            message=f"{broken}; read the {count} that could be recovered before the error",
        )


def html_to_text(fragment: str) -> str:
    """Readable text from an HTML fragment: paragraphs separated by a blank line."""
    # lxml refuses to set text holding characters XML forbids (a damaged feed has them, from
    # bytes or from entities such as &#1;); they are never part of the story.
    fragment = _NOT_XML.sub("", fragment)
    if "<" not in fragment:
        return _paragraphs(fragment)
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return _paragraphs(fragment)
    for element in tree.xpath(".//script|.//style"):
        element.drop_tree()
    for br in tree.iter("br"):
        # A marker, not "\n": newlines in HTML source are spaces, only <br> breaks a line.
        br.tail = _LINE_BREAK + (br.tail or "")
    for element in tree.iter(*_BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(tree.text_content())


def _paragraphs(text: str) -> str:
    blocks = (_collapse(block) for block in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(block for block in blocks if block)


def _collapse(block: str) -> str:
    lines = (" ".join(line.split()) for line in block.split(_LINE_BREAK))
    return "\n".join(line for line in lines if line)


def _document(
    raw: RawInput, entry: Any, number: int, *, source: str | None, language: str | None
) -> Document | Rejection:
    origin = f"{raw.origin}#entry-{number}"
    text = _entry_text(entry)
    title = _plain(entry.get("title"))
    if not text:
        named = f" ({title!r})" if title else ""
        return Rejection(
            origin=origin,
            reason="empty_text",
            message=f"entry {number}{named} has no text: no content and no summary",
        )
    published = _published(entry)
    entry_id = entry.get("id")
    cleaned = strip_furniture(text)
    if not cleaned.text:
        return Rejection(origin=origin, reason="empty_text", message=f"entry {number} has only page furniture")
    return Document.create(
        text=cleaned.text,
        furniture=cleaned.furniture,
        dateline_place=cleaned.dateline_place,
        title=title,
        url=entry.get("link") or None,
        byline=_plain(entry.get("author")),
        source=source or cleaned.dateline_agency,
        published=published,
        published_source="feed" if published else None,
        retrieved=raw.retrieved,
        language=language,
        origin=origin,
        extra=(("feed_entry_id", str(entry_id)),) if entry_id else (),
    )


def _entry_text(entry: Any) -> str:
    """The longest full content of the entry, else its summary, as text."""
    candidates = [c for c in entry.get("content", []) if c.get("value")]
    if candidates:
        best = max(candidates, key=lambda c: len(c["value"]))
        text = _as_text(best["value"], best.get("type"))
        if text:
            return text
    detail = entry.get("summary_detail") or {}
    return _as_text(entry.get("summary") or "", detail.get("type"))


def _as_text(value: str, media_type: str | None) -> str:
    return _paragraphs(value) if media_type == "text/plain" else html_to_text(value)


def _plain(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(html_to_text(value).split())
    return text or None


def _published(entry: Any) -> str | None:
    """The entry's publication (else update) date: a UTC time, or a bare date when the feed
    gave no time of day (feedparser would fill in midnight, a precision the feed never had)."""
    for key in ("published", "updated"):
        moment: time.struct_time | None = entry.get(f"{key}_parsed")
        # feedparser reads any year it is given; strftime would write year 1 as "1-05-09".
        if moment is not None and moment.tm_year in YEARS:
            written = str(entry.get(key) or "")
            # feedparser normalises every date it parses to UTC.
            return time.strftime("%Y-%m-%dT%H:%M:%SZ" if ":" in written else "%Y-%m-%d", moment)
    return None


def _language(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().split("-")[0].split("_")[0].lower()


def _headers(raw: RawInput) -> dict[str, str]:
    # Without a content type feedparser assumes nothing; with one it honours its charset.
    return {"content-type": raw.content_type} if raw.content_type else {}


def _malformed(parsed: Any) -> str | None:
    """What was wrong with a feed's XML, with the line when the parser gave one, or None."""
    if not parsed.get("bozo"):
        return None
    error = parsed.get("bozo_exception")
    if error is None or isinstance(error, feedparser.exceptions.ThingsNobodyCaresAboutButMe):
        return None  # feedparser's own name for warnings (a corrected charset, a text/html type)
    if hasattr(error, "getLineNumber"):
        message = error.getMessage() if hasattr(error, "getMessage") else str(error)
        where = f"line {error.getLineNumber()}, column {error.getColumnNumber()}"
        return f"malformed feed XML at {where}: {message}; {_CHECK}"
    return f"not a readable feed ({error}); {_CHECK}"
