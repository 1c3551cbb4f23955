from __future__ import annotations

import gzip

import pytest

from newsgraph.ingest.sniff import sniff, sniff_bytes

RSS = '<?xml version="1.0"?>\n<!-- a comment -->\n<rss version="2.0"><channel></channel></rss>'
ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
RDF = '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>'
HTML = "<!DOCTYPE html>\n<html><body><p>Hello</p></body></html>"
JSONL = '\n{"text": "a"}\n{"text": "b"}\n'
TEXT = "Headline\n\nA paragraph of text, with a < sign and a > sign.\n"
TAG_SOUP = "<div><p>One</p><p>Two</p><p>Three</p><a href='x'>link</a><br></div>"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (RSS, "feed"),
        (ATOM, "feed"),
        (RDF, "feed"),
        (HTML, "html"),
        ("<html lang='en'><p>x</p></html>", "html"),
        (TAG_SOUP, "html"),
        (JSONL, "jsonl"),
        ('[{"text": "a"}]', "jsonl"),
        ('{"text": "cut off in the mid', "text"),
        # Shaped like JSON lines though broken: the JSONL reader will say what is wrong.
        ('{"text": "a", "title": "cut" "x"}', "jsonl"),
        ("WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("filedesc://crawl.arc 0.0.0.0 20250508 text/plain 76\n", "warc"),
        (TEXT, "text"),
        ('<?xml version="1.0"?><urlset></urlset>', "text"),
    ],
)
def test_content_decides(head: str, expected: str) -> None:
    assert sniff(head) == expected


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        # Content beats a misleading extension.
        (HTML, "saved.txt", "html"),
        (RSS, "feed.html", "feed"),
        (JSONL, "dump.txt", "jsonl"),
        (TEXT, "story.html", "html"),  # ...but breaks a tie when content says nothing
        (TEXT, "story.jsonl.gz", "jsonl"),
        (TEXT, "https://example.org/feed.rss?page=2", "feed"),
        (TEXT, "notes.md", "text"),
        (TEXT, None, "text"),
    ],
)
def test_extension_only_breaks_ties(head: str, name: str | None, expected: str) -> None:
    assert sniff(head, name=name) == expected


def test_content_type_is_a_hint_after_content() -> None:
    assert sniff(RSS, content_type="text/html; charset=utf-8") == "feed"
    assert sniff(TEXT, content_type="application/rss+xml") == "feed"
    assert sniff(TEXT, name="a.txt", content_type="text/html") == "html"
    assert sniff(TEXT, content_type="application/octet-stream", name="a.xml") == "feed"


def test_gzipped_warc_is_seen_through_the_compression() -> None:
    data = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n")
    assert sniff_bytes(data, name="crawl.bin") == "warc"
    assert sniff_bytes(gzip.compress(HTML.encode())) == "html"
