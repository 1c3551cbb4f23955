from __future__ import annotations

import codecs
import gzip

import pytest

from newsgraph.errors import DecodeError, EmptyInputError, MalformedInputError
from newsgraph.ingest.decode import binary_kind, decode, gunzip

READABLE = "newsgraph reads text, HTML, feeds, WARC and JSONL"
GERMAN = "Der Präsident sagte, die Verhandlungen würden fortgesetzt. Große Fortschritte gab es nicht."


def test_utf8_and_newlines_are_normalised() -> None:
    assert decode(b"a\r\nb\rc\n", origin="a.txt") == "a\nb\nc\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_decide_the_encoding(encoding: str) -> None:
    assert decode(GERMAN.encode(encoding), origin="a.txt") == GERMAN


def test_declared_charset_is_used_when_not_utf8() -> None:
    data = "Ceci est un résumé détaillé".encode("latin-1")
    assert decode(data, origin="a.html", content_type="text/html; charset=ISO-8859-1") == "Ceci est un résumé détaillé"


def test_legacy_encoding_is_detected() -> None:
    text = (GERMAN + "\n") * 5
    assert decode(text.encode("cp1252"), origin="a.txt") == text


def test_gzip_is_undone() -> None:
    assert decode(gzip.compress(b"hello\r\n"), origin="a.txt.gz") == "hello\n"


def test_concatenated_gzip_members_are_one_stream() -> None:
    assert gunzip(gzip.compress(b"one ") + gzip.compress(b"two"), origin="a.gz") == b"one two"
    assert gunzip(gzip.compress(b"padded") + bytes(512), origin="a.gz") == b"padded"


def test_truncated_gzip() -> None:
    data = gzip.compress(("word " * 2000).encode())
    with pytest.raises(MalformedInputError) as caught:
        decode(data[: len(data) // 2], origin="story.txt.gz")
    assert caught.value.reason == "truncated"
    assert caught.value.origin == "story.txt.gz"
    assert caught.value.detail.startswith("gzip data is truncated after ")
    assert caught.value.detail.endswith(
        "decompressed bytes; the file was cut off (re-download it, or check the disk was not full)"
    )


def test_corrupt_gzip() -> None:
    data = bytearray(gzip.compress(b"hello world" * 100))
    data[12:20] = b"\xff" * 8
    with pytest.raises(MalformedInputError) as caught:
        decode(bytes(data), origin="x.gz")
    assert caught.value.reason == "malformed"
    assert caught.value.detail.startswith("gzip data is corrupt (")


def test_empty_file() -> None:
    with pytest.raises(EmptyInputError) as caught:
        decode(b"", origin="empty.txt")
    assert str(caught.value) == "empty.txt: file is empty"
    assert caught.value.reason == "empty_text"


def test_whitespace_only_file() -> None:
    with pytest.raises(EmptyInputError, match=r"^blank.txt: file holds only whitespace$"):
        decode(b" \n\t\n", origin="blank.txt")


def test_png_is_refused_as_binary() -> None:
    with pytest.raises(DecodeError) as caught:
        decode(b"\x89PNG\r\n\x1a\n" + bytes(100), origin="photo.png")
    assert str(caught.value) == f"photo.png: binary data (PNG image), not text; {READABLE}"
    assert caught.value.reason == "binary"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "PDF document"),
        (b"PK\x03\x04rest", "ZIP archive (or a Word/Excel/EPUB file)"),
        (b"text with a \x00 NUL", "contains NUL bytes"),
        (bytes([1, 2, 3, 4, 5, 6]) * 10 + b"abc", "95% control characters"),
        (b"plain text\twith tabs\x0c and a form feed", None),
        (codecs.BOM_UTF16_LE + "text".encode("utf-16-le"), None),
    ],
)
def test_binary_kind(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind


def test_undecodable_bytes_are_a_decode_error() -> None:
    # Starts with a UTF-8 BOM but is not UTF-8: the file lies about itself.
    with pytest.raises(DecodeError) as caught:
        decode(codecs.BOM_UTF8 + b"caf\xe9 au lait", origin="menu.txt")
    assert caught.value.reason == "decode_error"
    assert str(caught.value) == (
        "menu.txt: text starts with a utf-8 byte-order mark but is not valid utf-8 "
        "(invalid continuation byte at byte 3); convert the file to UTF-8"
    )
