"""Bytes to text: gzip, byte-order marks, encoding detection, and refusing binary data.

Every reader that needs a ``str`` goes through :func:`decode`, so an empty file, a PNG saved
with a ``.txt`` name or a Latin-1 page get the same treatment and the same messages
whatever their format. Errors are raised as :class:`~newsgraph.errors.InputError` subclasses
naming the input; readers turn them into rejections.
"""

from __future__ import annotations

import codecs
import io
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

import charset_normalizer

from newsgraph.errors import DecodeError, EmptyInputError, InputError, MalformedInputError
from newsgraph.ingest.source import too_large

__all__ = ["GZIP_MAGIC", "ChunkStream", "binary_kind", "decode", "gunzip", "is_gzip", "iter_gunzip", "peek_gzip"]

GZIP_MAGIC = b"\x1f\x8b"

#: What newsgraph reads, for the end of every "this is not text" message.
READABLE = "newsgraph reads text, HTML, feeds, WARC and JSONL"

# Signatures of binary formats people most often drop into a folder of articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or a Word/Excel/EPUB file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"ID3", "MP3 audio"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
# A few stray control bytes happen in real text (copy-paste from PDFs); past 5% of the first
# 8 KB it is not text in any encoding we would want to guess.
_CONTROL_RATIO = 0.05
_SAMPLE = 8192
# How much compressed input is read, and decompressed output made, at a time.
_CHUNK = 64 * 1024
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


def gunzip(data: bytes, *, origin: str, limit: int | None = None, what: str = "one input") -> bytes:
    """The decompressed bytes of a gzip file (all members); a cut-off file is a ``truncated``
    error, and more than ``limit`` decompressed bytes (a gzip bomb, a dump) ``too_large``."""
    out: list[bytes] = []
    size = 0
    for chunk in iter_gunzip(io.BytesIO(data), origin=origin):
        size += len(chunk)
        if limit is not None and size > limit:
            raise InputError(origin, too_large("the decompressed data", limit, what), reason="too_large")
        out.append(chunk)
    return b"".join(out)


def iter_gunzip(source: BinaryIO, *, origin: str) -> Iterator[bytes]:
    """The decompressed bytes of a gzip stream (all members), a chunk at a time, in bounded
    memory; raises as :func:`gunzip` does, after yielding what came before the damage."""
    total = 0
    inflater: Any = None  # zlib's Decompress type is not importable for annotations
    pending = b""
    while True:
        if not pending:
            pending = source.read(_CHUNK)
            if not pending:
                break
        if inflater is None:
            # Concatenated gzip members are one stream (as `gzip -c a b > ab.gz` makes); zero
            # padding after a member (block devices, some archivers) is not another one.
            pending = pending.lstrip(b"\x00")
            if not pending:
                continue
            inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        try:
            # Bounded output: a small compressed chunk can inflate a thousandfold.
            out = inflater.decompress(pending, _CHUNK)
            while len(out) == _CHUNK and not inflater.unconsumed_tail and not inflater.eof:
                total += len(out)
                yield out
                out = inflater.decompress(b"", _CHUNK)  # output zlib still holds
        except zlib.error as error:
            raise MalformedInputError(
                origin, f"gzip data is corrupt ({error}); re-download or re-compress the file"
            ) from error
        if out:
            total += len(out)
            yield out
        if inflater.eof:
            pending = inflater.unused_data
            inflater = None
        else:
            pending = inflater.unconsumed_tail
    if inflater is not None:
        raise MalformedInputError(
            origin,
            f"gzip data is truncated after {total:,} decompressed bytes; "
            "the file was cut off (re-download it, or check the disk was not full)",
            reason="truncated",
        )


class ChunkStream(io.RawIOBase):
    """A readable binary stream over an iterator of byte chunks (wrap it in
    :class:`io.BufferedReader` for ``readline``); errors the iterator raises pass through."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._chunk = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._pos >= len(self._chunk):
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._chunk, self._pos = chunk, 0
        size = min(len(buffer), len(self._chunk) - self._pos)
        buffer[:size] = self._chunk[self._pos : self._pos + size]
        self._pos += size
        return size


def peek_gzip(data: bytes, size: int = 4096) -> bytes:
    """Up to ``size`` decompressed bytes from the start of gzip data, never raising: for sniffing."""
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        return inflater.decompress(data[: 64 * 1024], size)
    except zlib.error:
        return b""


def binary_kind(data: bytes) -> str | None:
    """What kind of binary data this is (``PNG image``, ...), or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    sample = data[:_SAMPLE]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text is full of NUL bytes
    if b"\x00" in sample:
        return "contains NUL bytes"
    controls = sum(sample.count(byte) for byte in _CONTROL)
    if sample and controls / len(sample) > _CONTROL_RATIO:
        return f"{controls / len(sample):.0%} control characters"
    return None


def decode(data: bytes, *, origin: str, content_type: str | None = None, limit: int | None = None) -> str:
    """The text of ``data``, newlines normalised to ``\\n``.

    Order: gzip is undone (to at most ``limit`` bytes), a byte-order mark decides, then UTF-8
    (most of the web), then a charset declared in ``content_type``, then charset-normalizer's
    detection.
    """
    if is_gzip(data):
        data = gunzip(data, origin=origin, limit=limit)
    if not data.strip():
        raise EmptyInputError(origin, "file is empty" if not data else "file holds only whitespace")
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(origin, f"binary data ({kind}), not text; {READABLE}", reason="binary")
    text = _decode_text(data, origin=origin, content_type=content_type)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_text(data: bytes, *, origin: str, content_type: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(
                    origin,
                    f"text starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"({error.reason} at byte {error.start}); convert the file to UTF-8",
                ) from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(content_type or "")
    if declared is not None:
        try:
            return data.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            pass  # servers lie about charsets; fall back to detection
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError(
            origin,
            "cannot detect the text encoding (not UTF-8, and no other encoding fits); "
            "convert the file to UTF-8, e.g. with `iconv -f <encoding> -t UTF-8`",
        )
    return str(best)
