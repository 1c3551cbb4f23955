"""HTML pages: the article's main text and metadata, through trafilatura.

trafilatura separates the story from navigation, adverts and comments, and reads the title,
date, author and site name from the page's metadata (JSON-LD, Open Graph, ``<meta>``). We keep
its paragraph structure (blank line between blocks) so the text reads like the other formats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from newsgraph.errors import EmptyInputError, InputError, MalformedInputError
from newsgraph.ingest.decode import decode
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

__all__ = ["extract_article", "read_html"]

# What trafilatura returns for an index page is a list of link texts. A news article, even a
# short brief, has a real paragraph and a few sentences; below this it is not one.
_MIN_WORDS = 30
_MIN_PARAGRAPH_WORDS = 10
# Only dates the page states: trafilatura's extensive search guesses from URLs ("/2025/05/" ->
# 2025-05-01), which would invent a day.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
# What trafilatura and the libraries under it (htmldate, lxml) raise on markup they choke on.
_EXTRACTOR_ERRORS = (AssertionError, ValueError, TypeError, IndexError, lxml.etree.LxmlError)


def read_html(raw: RawInput) -> Iterator[Document | Rejection]:
    """One HTML page: one document, or a rejection naming the page."""
    try:
        yield extract_article(raw)
    except InputError as error:
        yield Rejection(origin=error.origin, reason=error.reason, message=error.detail)


def extract_article(raw: RawInput) -> Document:
    """The article in an HTML page; raises :class:`InputError` when there is none."""
    html = decode(
        raw.data,
        origin=raw.origin,
        content_type=raw.content_type or _meta_charset(raw.data),
        limit=raw.max_document_bytes,
    )
    try:
        result = _extract(html, raw.url, with_metadata=True)
    except _EXTRACTOR_ERRORS:
        # Broken markup can trip the metadata pass (htmldate drops a <script> that lxml made the
        # root element, and asserts it has a parent); the text may still be readable without it.
        try:
            result = _extract(html, raw.url, with_metadata=False)
        except _EXTRACTOR_ERRORS as error:
            raise MalformedInputError(
                raw.origin,
                f"the page's HTML cannot be parsed ({type(error).__name__}: {error}); check it is a complete page",
            ) from error
    title = _clean(getattr(result, "title", None))
    text = _body_text(result, title) if result is not None else ""
    words = len(text.split())
    if words < _MIN_WORDS or not any(len(p.split()) >= _MIN_PARAGRAPH_WORDS for p in text.split("\n\n")):
        raise EmptyInputError(
            raw.origin,
            f"no article text found in the page ({len(_visible_text(html)):,} characters of boilerplate); "
            "is this an index page?",
            reason="not_an_article",
        )
    return Document.create(
        text=text,
        title=title,
        standfirst=_standfirst(_clean(getattr(result, "description", None)), text),
        byline=_clean(getattr(result, "author", None)),
        source=_clean(getattr(result, "sitename", None)),
        url=_clean(getattr(result, "url", None)) or raw.url,
        published=_clean(getattr(result, "date", None)),
        published_source="html" if getattr(result, "date", None) else None,
        retrieved=raw.retrieved,
        language=_clean(getattr(result, "language", None)) or _page_language(html),
        origin=raw.origin,
    )


def _extract(html: str, url: str | None, *, with_metadata: bool) -> Any:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=with_metadata,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )


def _body_text(result: Any, title: str | None) -> str:
    """The main text, one paragraph per block, without a first heading that repeats the title."""
    body = getattr(result, "body", None)
    if body is None:
        return str(getattr(result, "text", "") or "").strip()
    blocks: list[str] = []
    for element in body:
        if element.tag == "list":
            lines = (" ".join("".join(item.itertext()).split()) for item in element)
            block = "\n".join(line for line in lines if line)
        else:
            block = " ".join("".join(element.itertext()).split())
        if block:
            blocks.append(block)
    if blocks and title and body[0].tag == "head" and blocks[0].casefold() == title.casefold():
        blocks.pop(0)
    return "\n\n".join(blocks)


def _standfirst(description: str | None, text: str) -> str | None:
    """The page's description, unless it merely repeats the start of the story (as many do)."""
    if description is None:
        return None
    probe = description.rstrip(".…").removesuffix("...")
    return None if " ".join(text.split()).startswith(probe) else description


def _meta_charset(data: bytes) -> str | None:
    """A page saved to disk keeps its encoding only in ``<meta charset>``: read it as a header."""
    match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", data[:4096], re.IGNORECASE)
    return f"text/html; charset={match.group(1).decode('ascii')}" if match else None


def _visible_text(html: str) -> str:
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return " ".join(tree.text_content().split())


def _page_language(html: str) -> str | None:
    match = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z-]+)", html[:4096], re.IGNORECASE)
    if match is None or not _LANG.match(match.group(1)):
        return None
    return match.group(1).split("-")[0].lower()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
