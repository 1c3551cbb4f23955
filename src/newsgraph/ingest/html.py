"""HTML pages: the article's main text and metadata, through trafilatura.

trafilatura separates the story from navigation, adverts and comments, and reads the title,
date, author and site name from the page's metadata (JSON-LD, Open Graph, ``<meta>``). We keep
its paragraph structure (blank line between blocks) so the text reads like the other formats.

Page furniture that reaches the text (captions and credits, the wire dateline, read-more lines,
...) is taken out into ``Document.furniture`` by :mod:`newsgraph.ingest.furniture`, helped by
the markup: a block whose words are those of a ``<figure>``/``<figcaption>``, an element with
a caption or credit class, or a paragraph that is only a link, is furniture of that kind.
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
from newsgraph.ingest.furniture import strip_furniture
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
# Captions and link lines are a few sentences; a marked element longer than this is a container.
_MARKED_MAX_WORDS = 90
# Class or id names such as "caption", "wp-caption-text", "image-credit", "photo_credits".
_CAPTION_CLASS = re.compile(r"(?:^|[\s_-])(?:fig)?captions?(?:$|[\s_-])")
_CREDIT_CLASS = re.compile(r"(?:^|[\s_-])credits?(?:$|[\s_-])")
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
    cleaned = strip_furniture(_body_text(result, title) if result is not None else "", marked=_marked_furniture(html))
    text = cleaned.text
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
        furniture=cleaned.furniture,
        dateline_place=cleaned.dateline_place,
        title=title,
        standfirst=_standfirst(_clean(getattr(result, "description", None)), text),
        byline=_clean(getattr(result, "author", None)),
        source=_clean(getattr(result, "sitename", None)) or cleaned.dateline_agency,
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


def _marked_furniture(html: str) -> dict[str, str]:
    """The texts the page's markup marks as furniture, whitespace collapsed, by kind: figures and
    their captions, elements whose class or id says caption or credit, and paragraphs or list
    items whose only words are a link's (a related-story pointer)."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return {}
    marked: dict[str, str] = {}

    def mark(element: Any, kind: str) -> None:
        words = " ".join(element.text_content().split())
        # A caption class on a whole article container would swallow the story: captions are short.
        if words and len(words.split()) <= _MARKED_MAX_WORDS:
            marked.setdefault(words, kind)

    for element in tree.iter("figcaption"):
        mark(element, "caption")
    for element in tree.iter(tag=lxml.etree.Element):
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if _CAPTION_CLASS.search(names):
            mark(element, "caption")
        elif _CREDIT_CLASS.search(names):
            mark(element, "credit")
    for element in tree.iter("figure"):
        mark(element, "caption")
    for element in tree.iter("p", "li"):
        links = " ".join(" ".join(a.text_content().split()) for a in element.iter("a"))
        # A linked sentence (with its full stop) is the story citing a source; a linked headline
        # standing alone is a pointer to another page.
        if links and links == " ".join(element.text_content().split()) and links[-1] not in '.!?"”':
            mark(element, "related")
    return marked


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
