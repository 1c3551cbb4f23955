from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.errors import FetchError
from newsgraph.ingest.inputs import iter_inputs, read_all, url_list
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

from .helpers import DATA

STORY = b"Harbour Reopens After Storm\n\nThe port authority reopened the harbour on Friday.\n"


def origins(items: Iterator[RawInput | Rejection]) -> list[str]:
    return [item.origin for item in items]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "summit"
    (root / "day2").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_bytes(STORY)
    (root / "a.html").write_bytes((DATA / "article.html").read_bytes())
    (root / "day2" / "c.jsonl").write_bytes((DATA / "articles.jsonl").read_bytes())
    (root / "a_files").mkdir()
    (root / "a_files" / "style.css").write_text("p { color: red }")
    (root / "a_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".hidden.txt").write_bytes(STORY)
    (root / "notes.txt~").write_bytes(STORY)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


def test_folders_are_walked_recursively_in_order_skipping_litter(folder: Path) -> None:
    assert origins(iter_inputs([str(folder)])) == [
        str(folder / "a.html"),
        str(folder / "b.txt"),
        str(folder / "day2" / "c.jsonl"),
    ]


def test_globs(folder: Path) -> None:
    assert origins(iter_inputs([str(folder / "**" / "*.jsonl"), str(folder / "*.txt")])) == [
        str(folder / "day2" / "c.jsonl"),
        str(folder / "b.txt"),
    ]
    assert list(iter_inputs([str(folder / "*.pdf")])) == [
        Rejection(
            origin=str(folder / "*.pdf"),
            reason="not_found",
            message=f"no files match the pattern {folder / '*.pdf'}",
        )
    ]


def test_a_file_named_explicitly_is_always_read(folder: Path) -> None:
    logo = str(folder / "a_files" / "logo.png")
    assert list(read_all([logo])) == [
        Rejection(
            origin=logo,
            reason="binary",
            message="binary data (PNG image), not text; newsgraph reads text, HTML, feeds, WARC and JSONL",
        )
    ]


def test_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert list(iter_inputs(["foo.txt", str(tmp_path / "empty")])) == [
        Rejection(origin="foo.txt", reason="not_found", message="no such file or directory: foo.txt"),
        Rejection(
            origin=str(tmp_path / "empty"),
            reason="not_found",
            message=f"no input files in folder {tmp_path / 'empty'}",
        ),
    ]


def test_stdin() -> None:
    (raw,) = iter_inputs(["-"], stdin=io.BytesIO(STORY))
    assert raw == RawInput(origin="<stdin>", data=STORY)


def test_urls_need_a_fetcher() -> None:
    assert list(iter_inputs(["https://example.org/a"])) == [
        Rejection(
            origin="https://example.org/a",
            reason="fetch_error",
            message="http(s) inputs need a fetcher and none was given; pass fetch=... or download the page",
        )
    ]


def fake_fetch(url: str) -> Iterator[RawInput]:
    if "missing" in url:
        raise FetchError(url, "HTTP 404 Not Found")
    yield RawInput(origin=url, url=url, data=STORY, content_type="text/plain", retrieved="2025-05-09T08:00:00Z")


def test_urls_go_to_the_fetcher_and_its_errors_become_rejections() -> None:
    items = list(iter_inputs(["https://example.org/a", "HTTP://example.org/missing"], fetch=fake_fetch))
    assert items == [
        RawInput(
            origin="https://example.org/a",
            url="https://example.org/a",
            data=STORY,
            content_type="text/plain",
            retrieved="2025-05-09T08:00:00Z",
        ),
        Rejection(origin="HTTP://example.org/missing", reason="fetch_error", message="HTTP 404 Not Found"),
    ]


def test_a_url_list_file_is_expanded_through_the_fetcher(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# morning feeds\nhttps://example.org/world.rss\n\n  https://example.net/missing  \n")
    assert origins(iter_inputs([str(feeds)], fetch=fake_fetch)) == [
        "https://example.org/world.rss",
        "https://example.net/missing",
    ]


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("https://a.example/x\nhttp://b.example/y\n", ["https://a.example/x", "http://b.example/y"]),
        ("\ufeff# comment\nhttps://a.example/x\n", ["https://a.example/x"]),
        ("https://a.example/x\nsee also the archive\n", None),
        ("https://a.example/x has a space\n", None),
        ("# only comments\n", None),
        ("", None),
    ],
)
def test_url_list(text: str, urls: list[str] | None) -> None:
    assert url_list(text.encode()) == urls


def test_read_all_reads_every_format_and_keeps_going(folder: Path) -> None:
    (folder / "zz-empty.txt").write_bytes(b"")
    items = list(read_all([str(folder), "nope.html"]))
    documents = [i for i in items if isinstance(i, Document)]
    rejections = [(i.origin, i.reason) for i in items if isinstance(i, Rejection)]
    assert [d.title for d in documents] == [
        "Geneva talks on grain corridor resume",
        "Harbour Reopens After Storm",
        "Port reopens",
        "Budget passes",
    ]
    assert rejections == [
        (f"{folder / 'day2' / 'c.jsonl'}:4", "malformed"),
        (f"{folder / 'day2' / 'c.jsonl'}:5", "missing_field"),
        (str(folder / "zz-empty.txt"), "empty_text"),
        ("nope.html", "not_found"),
    ]
