from __future__ import annotations

from newsgraph.ingest.feeds import html_to_text, read_feed
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

from .helpers import fixture, only


def test_rss2_entries_prefer_full_content_and_reject_an_empty_entry() -> None:
    first, second, third = read_feed(fixture("feed-rss2.xml"))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == (
        "Delegations met again in Geneva on Thursday to discuss a shipping corridor for grain.\n\n"
        "The mediators said the first day focused on inspection rules."
    )
    assert first.title == "Grain corridor talks resume in Geneva"
    assert first.url == "https://gazette.example.org/world/grain-talks"
    assert (first.published, first.published_source) == ("2025-05-08T07:30:00Z", "feed")
    assert (first.source, first.byline, first.language) == (
        "The Harbour Gazette: World",
        "Mara Lindqvist",
        "en",
    )
    assert first.origin == "feed-rss2.xml#entry-1"
    assert first.extra == (("feed_entry_id", "https://gazette.example.org/world/grain-talks"),)
    # No content: the summary is the text.
    assert second.text == "The port authority reopened the harbour on Friday after two days of closure."
    assert second.published == "2025-05-09T06:00:00Z"
    assert third == Rejection(
        origin="feed-rss2.xml#entry-3",
        reason="empty_text",
        message="entry 3 ('Photo gallery') has no text: no content and no summary",
    )


def test_atom_entry() -> None:
    item = only(read_feed(fixture("feed-atom.xml")))
    assert isinstance(item, Document)
    assert item.text == "A team of ceasefire observers arrived on Thursday.\n\nTwelve observers\n\nThree vehicles"
    assert (item.published, item.byline, item.source) == (
        "2025-05-08T14:15:00Z",
        "Tomas Reyes",
        "Example Wire",
    )
    assert item.url == "https://wire.example.net/ceasefire-observers"


def test_rss1_date_without_a_time_stays_a_date() -> None:
    item = only(read_feed(fixture("feed-rdf.xml")))
    assert isinstance(item, Document)
    assert (item.title, item.published, item.source) == (
        "Council passes budget",
        "2025-05-07",
        "Old Style News",
    )


def test_malformed_feed_xml_with_nothing_recoverable() -> None:
    data = b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>Broken</title>\n<item><title>A</tit'
    assert only(read_feed(RawInput(origin="broken.xml", data=data))) == Rejection(
        origin="broken.xml",
        reason="malformed",
        message=(
            "malformed feed XML at line 4, column 14: unclosed token; "
            "check that the file is a complete RSS or Atom document"
        ),
    )


def test_damaged_feed_yields_what_was_recovered_then_says_so() -> None:
    data = (
        b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Wire</title>\n'
        b"<item><title>Kept</title><description>The first story survived.</description></item>\n"
        b"<item><title>Lost</title><description>The second story is cut</item>\n"
        b"</channel></rss>"
    )
    kept, lost, damage = read_feed(RawInput(origin="damaged.xml", data=data))
    assert isinstance(kept, Document)
    assert (kept.title, kept.text, kept.origin) == (
        "Kept",
        "The first story survived.",
        "damaged.xml#entry-1",
    )
    assert lost == Rejection(
        origin="damaged.xml#entry-2",
        reason="empty_text",
        message="entry 2 ('Lost') has no text: no content and no summary",
    )
    assert damage == Rejection(
        origin="damaged.xml",
        reason="malformed",
        message=(
            "malformed feed XML at line 4, column 63: mismatched tag; "
            "check that the file is a complete RSS or Atom document; "
            "read the 1 entry that could be recovered before the error"
        ),
    )


def test_feed_without_entries() -> None:
    data = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert only(read_feed(RawInput(origin="quiet.xml", data=data))) == Rejection(
        origin="quiet.xml", reason="empty_text", message="the feed has no entries"
    )


def test_html_to_text_keeps_paragraphs_and_lines() -> None:
    fragment = "<p>One <em>two</em>.</p><p>Three<br>four</p>five<ul><li>six</li></ul><script>x()</script>"
    assert html_to_text(fragment) == "One two.\n\nThree\nfour\n\nfive\n\nsix"
    assert html_to_text("plain\n\n  text  here") == "plain\n\ntext here"
