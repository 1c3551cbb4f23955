"""Browser tests: the real app under uvicorn, driven in Debian's headless Chromium.

One sample database per session (the repo's examples/ ingested with the session pipeline), one
server on a free loopback port in a background thread, one browser. Every page fixture fails
its test on a console error, an uncaught page error, or any request that leaves the server:
the UI must work offline. Screenshots go to ``$NEWSGRAPH_TEST_ARTIFACTS`` (default: a temp
directory, printed at the end of the session).

Chromium comes from the OS (``apt-get install chromium chromium-driver``; .ci/run does it),
never from ``playwright install``. Without it these tests skip locally and fail in CI.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from newsgraph import api
from newsgraph.web.app import create_app

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the web UI in headless Chromium (select with -m browser)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


_SCREENSHOTS: list[Path] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for directory in _SCREENSHOTS:
        terminalreporter.write_line(f"browser test screenshots: {directory}")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go; printed so CI logs say where to look."""
    configured = os.environ.get("NEWSGRAPH_TEST_ARTIFACTS")
    root = Path(configured) if configured else Path(tempfile.mkdtemp(prefix="newsgraph-ui-"))
    directory = root / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    _SCREENSHOTS.append(directory)
    return directory


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> str:
    """The examples/ articles plus one hostile article (markup and quote characters in its title
    and text), ingested once per session."""
    folder = tmp_path_factory.mktemp("sample")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    db = str(folder / "sample.db")
    api.ingest([str(ROOT / "examples"), str(hostile)], db=db, pipeline=pipeline)
    return db


HOSTILE_TITLE = "Talks <script>window.__xss = 1</script> \"end\" ' onmouseover='window.__xss=2"
HOSTILE_RECORD = {
    "source": 'Outlet "><b>bold</b>',
    "url": 'https://example.com/hostile?a=1&b="><script>window.__xss=5</script>',
    "title": HOSTILE_TITLE,
    "published": "2025-03-03",
    "text": "MOSCOW, March 3, 2025 — Russian President Vladimir Putin met Chinese President Xi Jinping "
    "in Moscow on Monday. <script>window.__xss = 3</script> \"<img src=x onerror='window.__xss=4'>\" "
    "said Putin after the talks.\n",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(sample_db: str) -> Iterator[str]:
    """The app on http://127.0.0.1:PORT in a background thread, for the whole session."""
    port = _free_port()
    config = uvicorn.Config(create_app(sample_db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"the web app did not start on port {port} within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium and chromium-driver (.ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # a dev dependency (pyproject [dev])

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield instance
        instance.close()


class PageProblems:
    """What went wrong while a page was open: console errors, page errors, outside requests."""

    def __init__(self) -> None:
        self.console: list[str] = []
        self.outside: list[str] = []

    def check(self) -> None:
        problems = [f"console error: {m}" for m in self.console] + [
            f"request left localhost: {u}" for u in self.outside
        ]
        assert not problems, "\n".join(problems)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page (1280x900) guarded against console errors and any request off the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    tab = context.new_page()
    problems = PageProblems()
    tab.on("console", lambda msg: problems.console.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: problems.console.append(f"uncaught: {exc}"))

    def guard(route: Any) -> None:
        url: str = route.request.url
        if url.startswith(server + "/") or url == server or url.startswith("data:"):
            route.continue_()
        else:
            problems.outside.append(url)
            route.abort()

    tab.route("**/*", guard)
    tab.problems = problems
    yield tab
    context.close()
    problems.check()
