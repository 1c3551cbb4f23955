"""What the user typed, expanded into inputs: files, folders, globs, ``-`` and URLs.

* a file is one input; a text file whose every line is an http(s) URL (``feeds.txt``) is a
  list of URLs, each fetched;
* a folder is every file under it, recursively, in sorted order, skipping hidden files and
  folders, OS litter (``.DS_Store``) and the assets a "save page as" leaves beside the HTML;
* a pattern with ``*``, ``?`` or ``[`` is a glob (``**`` recurses);
* ``-`` is standard input, named ``<stdin>``;
* an http(s) URL goes to the ``fetch`` callable (:mod:`newsgraph.ingest.fetch`).

A file bigger than :data:`STREAM_THRESHOLD` is not loaded: its input carries the path and only
the first bytes, and the WARC and JSONL readers stream it record by record (other formats are
refused past the document size limit without being read). Standard input that big is spooled to
a temporary file, deleted when the next input is asked for.

Whatever cannot be expanded (a missing path, a failed fetch) becomes a rejection, so one typo
in a long command line does not stop the rest.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import InputError
from newsgraph.ingest.readers import READERS, read
from newsgraph.ingest.source import RawInput, Reader
from newsgraph.model import Document, Rejection

__all__ = ["Fetch", "iter_inputs", "read_all", "url_list"]

#: Turns a URL into the inputs fetched from it; raises :class:`~newsgraph.errors.FetchError`.
Fetch = Callable[[str], Iterable[RawInput | Rejection]]

STDIN = "<stdin>"
_URL_SCHEMES = ("http://", "https://")
_GLOB_CHARS = frozenset("*?[")
# Files a folder of articles tends to contain that are never articles.
_IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", "Icon\r"})
_ASSET_SUFFIXES = frozenset(
    {".css", ".js", ".mjs", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".avif",
     ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".webm", ".swp", ".tmp", ".part"}
)  # fmt: skip
# A folder's documentation and scripts are not articles (a file named on the command line is
# always read, whatever its name).
_DOC_PREFIXES = ("readme", "license", "licence", "changelog", "notice", "copying")
_CODE_SUFFIXES = frozenset({".py", ".sh", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".lock"})
# A URL list is a short file; a long one full of URLs is more likely a crawl log.
_URL_LIST_MAX_BYTES = 1 << 20

#: Files above this many bytes are streamed from disk instead of read into memory. Below it,
#: reading whole is faster and the memory is trivial.
STREAM_THRESHOLD = 16 * 1024 * 1024
#: How much of a streamed file is kept in ``RawInput.data`` for sniffing (sniff reads 64 KB).
HEAD_BYTES = 64 * 1024


def iter_inputs(
    specs: Iterable[str], *, fetch: Fetch | None = None, stdin: BinaryIO | None = None
) -> Iterator[RawInput | Rejection]:
    """Every input named by ``specs``, in order, or a rejection for each that cannot be had."""
    for spec in specs:
        if spec == "-":
            yield from _stdin(stdin or sys.stdin.buffer, fetch)
        elif _is_url(spec):
            yield from _fetched(spec, fetch)
        elif os.path.lexists(spec):
            yield from _path(Path(spec), fetch, explicit=True)
        elif _GLOB_CHARS & set(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield Rejection(origin=spec, reason="not_found", message=f"no files match the pattern {spec}")
            for match in matches:
                yield from _path(Path(match), fetch, explicit=False)
        else:
            yield Rejection(origin=spec, reason="not_found", message=f"no such file or directory: {spec}")


def read_all(
    specs: Iterable[str],
    *,
    fetch: Fetch | None = None,
    stdin: BinaryIO | None = None,
    format: str | None = None,
    readers: Mapping[str, Reader] = READERS,
    max_document_bytes: int | None = None,
) -> Iterator[Document | Rejection]:
    """The documents in every input named by ``specs``, and rejections for what could not be read.

    ``format`` forces one reader instead of sniffing; ``readers`` replaces the registry (to read
    JSONL with another field mapping, say); ``max_document_bytes`` overrides the document size
    limit (see :func:`newsgraph.ingest.readers.read`)."""
    for item in iter_inputs(specs, fetch=fetch, stdin=stdin):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read(item, format, readers=readers, max_document_bytes=max_document_bytes)


def url_list(data: bytes) -> list[str] | None:
    """The URLs of a URL-list file (one per line; blank lines and ``#`` comments allowed), or None."""
    if len(data) > _URL_LIST_MAX_BYTES:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lines = [line.strip() for line in text.splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    if not urls or not all(_is_url(url) and not any(c.isspace() for c in url) for url in urls):
        return None
    return urls


def _is_url(spec: str) -> bool:
    return spec.lower().startswith(_URL_SCHEMES)


def _fetched(url: str, fetch: Fetch | None) -> Iterator[RawInput | Rejection]:
    if fetch is None:
        yield Rejection(
            origin=url,
            reason="fetch_error",
            message="http(s) inputs need a fetcher and none was given; pass fetch=... or download the page",
        )
        return
    try:
        yield from fetch(url)
    except InputError as error:
        yield Rejection(origin=error.origin, reason=error.reason, message=error.detail)


def _path(path: Path, fetch: Fetch | None, *, explicit: bool) -> Iterator[RawInput | Rejection]:
    if path.is_dir():
        files = _walk(path)
        if not files and explicit:
            yield Rejection(origin=str(path), reason="not_found", message=f"no input files in folder {path}")
        for file in files:
            yield from _file(file, fetch)
    elif explicit or not _skipped(path.name):
        yield from _file(path, fetch)


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder`` in path order (``a.txt``, ``day2/b.txt``, ``z.txt``), as ``find | sort``
    lists them, so a run's order does not depend on the file system."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in names if not _skipped(name))
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def _skipped(name: str) -> bool:
    return (
        name.startswith(".")
        or name.endswith("~")
        or name in _IGNORED_NAMES
        or Path(name).suffix.lower() in _ASSET_SUFFIXES | _CODE_SUFFIXES
        or name.lower().startswith(_DOC_PREFIXES)
    )


def _file(path: Path, fetch: Fetch | None) -> Iterator[RawInput | Rejection]:
    try:
        if path.stat().st_size > STREAM_THRESHOLD:
            with path.open("rb") as file:
                raw = RawInput(origin=str(path), data=file.read(HEAD_BYTES), path=path)
        else:
            raw = RawInput(origin=str(path), data=path.read_bytes())
    except OSError as error:
        reason = error.strerror or type(error).__name__
        yield Rejection(origin=str(path), reason="read_error", message=f"cannot read {path}: {reason}")
        return
    yield from _file_or_list(raw, fetch)


def _stdin(stream: BinaryIO, fetch: Fetch | None) -> Iterator[RawInput | Rejection]:
    """Standard input in memory, or spooled to a temporary file past :data:`STREAM_THRESHOLD`
    (it cannot be read twice, and the readers may want to)."""
    head = stream.read(STREAM_THRESHOLD + 1)
    if len(head) <= STREAM_THRESHOLD:
        yield from _file_or_list(RawInput(origin=STDIN, data=head), fetch)
        return
    with tempfile.TemporaryDirectory(prefix="newsgraph-stdin-") as folder:
        path = Path(folder) / "stdin"
        with path.open("wb") as spool:
            spool.write(head)
            del head
            shutil.copyfileobj(stream, spool)
        with path.open("rb") as file:
            start = file.read(HEAD_BYTES)
        yield RawInput(origin=STDIN, data=start, path=path)


def _file_or_list(raw: RawInput, fetch: Fetch | None) -> Iterator[RawInput | Rejection]:
    urls = url_list(raw.data)
    if urls is None:
        yield raw
        return
    for url in urls:
        yield from _fetched(url, fetch)
