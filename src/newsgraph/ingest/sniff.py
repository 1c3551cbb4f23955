"""Which format an input is in, judged from its content first.

Files are misnamed all the time (``.html`` saved as ``.txt``, feeds served as ``text/html``,
``.json`` that is really JSON lines), so the order of evidence is:

1. an unmistakable start: a WARC/ARC header, an XML document whose root element is a feed
   (``rss``, ``feed``, ``rdf:RDF``), an HTML doctype or ``<html>``/``<head>``/``<body>``,
   a first line that is a JSON object (or a JSON array);
2. the HTTP Content-Type, when the input came over HTTP;
3. markup density: text that is mostly tags is HTML even without ``<html>``;
4. the file extension, as a tie-breaker;
5. otherwise plain text.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath

from newsgraph.ingest.decode import is_gzip, peek_gzip

__all__ = ["FORMATS", "sniff", "sniff_bytes"]

#: Every format a reader exists for.
FORMATS = ("warc", "feed", "html", "jsonl", "text")

_HEAD = 64 * 1024
_WARC = re.compile(rb"^\s*(WARC/\d|filedesc://)")
# The XML prolog: declaration, comments, processing instructions and a doctype, in any order.
_PROLOG = re.compile(r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_FEED_ROOTS = {"rss", "feed", "rdf:rdf"}
_HTML_START = re.compile(r"<!doctype\s+html|<(?:html|head|body)[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|ul|ol|li|table|img|meta|script)\b[^>]*>", re.I)
# Plain text with a few "<" in it is not HTML; a page where tags outnumber lines is.
_MIN_TAGS = 5

_CONTENT_TYPES = {
    "application/warc": "warc",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+json": "jsonl",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json": "jsonl",
    "text/plain": "text",
}
_EXTENSIONS = {
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".txt": "text",
}


def sniff_bytes(data: bytes, *, name: str | None = None, content_type: str | None = None) -> str:
    """The format of raw (possibly gzipped) bytes; see :func:`sniff`."""
    head = peek_gzip(data, _HEAD) if is_gzip(data) else data[:_HEAD]
    if _WARC.match(head):
        return "warc"
    return sniff(head.decode("utf-8", errors="replace"), name=name, content_type=content_type)


def sniff(head: str, *, name: str | None = None, content_type: str | None = None) -> str:
    """The format of a text, given its first few kilobytes; ``name`` is a path or URL."""
    head = head.lstrip("\ufeff")
    strong = _by_content(head)
    if strong is not None:
        return strong
    hinted = _by_content_type(content_type)
    if hinted is not None:
        return hinted
    if len(_TAG.findall(head)) >= max(_MIN_TAGS, head.count("\n") // 2):
        return "html"
    return _by_extension(name) or "text"


def _by_content(head: str) -> str | None:
    stripped = head.lstrip()
    if stripped.startswith(("WARC/", "filedesc://")):
        return "warc"
    if stripped.startswith("<"):
        prolog = _PROLOG.match(stripped)
        rest = stripped[prolog.end() if prolog else 0 :]
        root = _ROOT.match(rest)
        if root is not None and root.group(1).lower() in _FEED_ROOTS:
            return "feed"
    if _HTML_START.search(head[:2048]):
        return "html"
    first = next((line.strip() for line in stripped.splitlines() if line.strip()), "")
    if first.startswith("{") and _is_json_object(first):
        return "jsonl"
    if stripped.startswith("[") and _is_json_array_start(stripped):
        return "jsonl"
    return None


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # RecursionError: arrays nested a thousand deep
        # A first line cut off in the middle is still JSON lines if it is shaped like one.
        return line.endswith("}") and '":' in line


def _is_json_array_start(text: str) -> bool:
    return re.match(r"\[\s*(?:\{|\])", text) is not None


def _by_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    media = content_type.split(";")[0].strip().lower()
    if media in _CONTENT_TYPES:
        return _CONTENT_TYPES[media]
    if media.endswith("+xml") or media in ("text/xml", "application/xml"):
        return "feed"
    return None


def _by_extension(name: str | None) -> str | None:
    if not name:
        return None
    path = PurePosixPath(name.split("?")[0].split("#")[0])
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return _EXTENSIONS.get(suffixes[-1]) if suffixes else None
