"""The fetcher: politeness (User-Agent, robots.txt, rate limit), retries, conditional GET, limits.

Most tests run against a fake web served by ``httpx.MockTransport``; the last ones against a real
``http.server`` on 127.0.0.1. Nothing touches the internet, and no test really sleeps except the
read-timeout one (a fraction of a second).
"""

from __future__ import annotations

import importlib.metadata
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from newsgraph.errors import FetchError
from newsgraph.ingest.fetch import CacheEntry, Fetcher, FetchSettings, MemoryCache, user_agent

NOW = datetime(2025, 5, 9, 12, 0, 0, tzinfo=UTC)
PAGE = b"<html><head><title>Summit</title></head><body><p>Leaders met.</p></body></html>"
HTML = {"Content-Type": "text/html; charset=utf-8"}

Route = httpx.Response | list[httpx.Response] | Callable[[httpx.Request], httpx.Response]


class FakeWeb:
    """A web of canned responses, keyed by full URL, recording every request it gets.

    A list of responses is served one per request (the last one repeats); a callable is asked
    each time; a URL with no route is a 404 (so ``/robots.txt`` is absent unless given).
    """

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        route = self.routes.get(str(request.url))
        if route is None:
            return httpx.Response(404)
        if isinstance(route, list):
            return route.pop(0) if len(route) > 1 else route[0]
        if isinstance(route, httpx.Response):
            return route
        return route(request)

    def hits(self, url: str) -> int:
        return sum(1 for request in self.requests if str(request.url) == url)


class FakeTime:
    """A monotonic clock that only moves when the fetcher sleeps (or a test says so)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_fetcher(
    web: FakeWeb, *, fake_time: FakeTime | None = None, cache: MemoryCache | None = None, **settings: Any
) -> Fetcher:
    # No rate limit unless a test asks for one, so retry tests see only backoff sleeps.
    settings.setdefault("min_interval", 0.0)
    fake_time = fake_time or FakeTime()
    return Fetcher(
        FetchSettings(**settings),
        cache=cache,
        transport=httpx.MockTransport(web),
        clock=fake_time.clock,
        sleep=fake_time.sleep,
        jitter=lambda: 0.5,
        now=lambda: NOW,
    )


def fetch_error(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert caught.value.reason == "fetch_error"
    assert caught.value.origin == url
    return str(caught.value)


# --- what a successful fetch gives ------------------------------------------------------------


def test_fetch_yields_raw_input_with_honest_user_agent() -> None:
    web = FakeWeb({"https://news.example/a": httpx.Response(200, content=PAGE, headers=HTML)})
    with make_fetcher(web) as fetcher:
        raws = list(fetcher("https://news.example/a"))

    version = importlib.metadata.version("newsgraph")
    assert user_agent() == f"newsgraph/{version} (+https://github.com/newsgraph/newsgraph)"
    # robots.txt first, then the page, both with our User-Agent.
    assert [str(r.url) for r in web.requests] == ["https://news.example/robots.txt", "https://news.example/a"]
    assert {r.headers["User-Agent"] for r in web.requests} == {user_agent()}
    [raw] = raws
    assert raw.origin == "https://news.example/a"
    assert raw.url == "https://news.example/a"
    assert raw.data == PAGE
    assert raw.content_type == "text/html; charset=utf-8"
    assert raw.retrieved == "2025-05-09T12:00:00Z"


def test_redirect_records_final_url_and_keeps_origin() -> None:
    web = FakeWeb(
        {
            "https://news.example/old": httpx.Response(301, headers={"Location": "/2025/new"}),
            "https://news.example/2025/new": httpx.Response(200, content=PAGE, headers=HTML),
        }
    )
    with make_fetcher(web) as fetcher:
        result = fetcher.fetch("https://news.example/old")

    assert result.status == "ok"
    assert result.url == "https://news.example/old"
    assert result.raw is not None
    assert result.raw.origin == "https://news.example/old"
    assert result.raw.url == "https://news.example/2025/new"


def test_redirects_to_other_schemes_and_loops_are_stopped() -> None:
    web = FakeWeb(
        {
            "https://news.example/ftp": httpx.Response(302, headers={"Location": "ftp://files.example/a"}),
            "https://news.example/loop": httpx.Response(302, headers={"Location": "/loop"}),
        }
    )
    with make_fetcher(web) as fetcher:
        ftp = fetch_error(fetcher, "https://news.example/ftp")
        loop = fetch_error(fetcher, "https://news.example/loop")

    assert ftp == (
        "https://news.example/ftp: only http and https URLs can be fetched, not 'ftp' "
        "(redirected to ftp://files.example/a); download the file and pass its path instead"
    )
    assert loop == (
        "https://news.example/loop: more than 10 redirects (last to https://news.example/loop); check the URL"
    )
    assert web.hits("https://news.example/loop") == 11


# --- retries --------------------------------------------------------------------------------


def test_retries_503_with_backoff_then_succeeds() -> None:
    url = "https://news.example/a"
    web = FakeWeb({url: [httpx.Response(503), httpx.Response(503), httpx.Response(200, content=PAGE)]})
    fake_time = FakeTime()
    with make_fetcher(web, fake_time=fake_time) as fetcher:
        result = fetcher.fetch(url)

    assert result.raw is not None and result.raw.data == PAGE
    assert web.hits(url) == 3
    # backoff_base 1 s doubling, with jitter 0.5 of the random half: 0.75 s, then 1.5 s.
    assert fake_time.sleeps == [0.75, 1.5]


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        ("7", 7.0),
        (format_datetime(NOW + timedelta(seconds=30), usegmt=True), 30.0),
        ("100000", 120.0),  # capped at retry_after_max
    ],
)
def test_retry_after_is_honoured_and_capped(retry_after: str, expected: float) -> None:
    url = "https://news.example/a"
    web = FakeWeb({url: [httpx.Response(429, headers={"Retry-After": retry_after}), httpx.Response(200)]})
    fake_time = FakeTime()
    with make_fetcher(web, fake_time=fake_time) as fetcher:
        assert fetcher.fetch(url).status == "ok"

    assert fake_time.sleeps == [expected]


def test_gives_up_after_max_retries_with_the_last_status() -> None:
    url = "https://news.example/a"
    web = FakeWeb({url: httpx.Response(503)})
    fake_time = FakeTime()
    with make_fetcher(web, fake_time=fake_time, max_retries=2) as fetcher:
        message = fetch_error(fetcher, url)

    assert message == (
        "https://news.example/a: HTTP 503 Service Unavailable (gave up after 3 attempts); "
        "the server is overloaded or failing; try again later"
    )
    assert web.hits(url) == 3
    assert len(fake_time.sleeps) == 2  # no pointless sleep after the last attempt


def test_network_failure_is_retried_then_named() -> None:
    url = "https://news.example/a"

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    web = FakeWeb({url: refuse})
    with make_fetcher(web) as fetcher:
        message = fetch_error(fetcher, url)

    assert message == (
        "https://news.example/a: ConnectError: Connection refused (gave up after 4 attempts); "
        "check the URL and your network connection, or try again later"
    )
    assert web.hits(url) == 4


def test_client_errors_are_not_retried_and_say_what_to_do() -> None:
    web = FakeWeb({"https://news.example/private": httpx.Response(403)})
    with make_fetcher(web) as fetcher:
        gone = fetch_error(fetcher, "https://news.example/gone")
        private = fetch_error(fetcher, "https://news.example/private")

    assert gone == (
        "https://news.example/gone: HTTP 404 Not Found; check the URL (the page may have moved or been removed)"
    )
    assert private == (
        "https://news.example/private: HTTP 403 Forbidden; the site refuses automated clients; "
        "save the page from a browser and pass the file instead"
    )
    assert web.hits("https://news.example/gone") == 1


def test_non_http_schemes_are_rejected_without_a_request() -> None:
    web = FakeWeb({})
    with make_fetcher(web) as fetcher:
        message = fetch_error(fetcher, "ftp://news.example/a.txt")

    assert message == (
        "ftp://news.example/a.txt: only http and https URLs can be fetched, not 'ftp'; "
        "download the file and pass its path instead"
    )
    assert web.requests == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://[::1/a", "http://[::1/a: not a valid URL (Invalid IPv6 URL); check how it is written"),
        ("https:///a", "https:///a: the URL has no host; write it in full, like https://example.org/page"),
    ],
)
def test_malformed_urls_are_rejected_with_the_url_named(url: str, expected: str) -> None:
    web = FakeWeb({})
    with make_fetcher(web) as fetcher:
        assert fetch_error(fetcher, url) == expected
    assert web.requests == []


# --- robots.txt -----------------------------------------------------------------------------

ROBOTS = "User-agent: otherbot\nDisallow: /\n\nUser-agent: newsgraph\nDisallow: /private/\n"


def test_robots_disallow_skips_and_robots_is_read_once_per_host() -> None:
    web = FakeWeb(
        {
            "https://news.example/robots.txt": httpx.Response(200, text=ROBOTS),
            "https://news.example/public": httpx.Response(200, content=PAGE),
            "https://news.example/private/x": httpx.Response(200, content=PAGE),
        }
    )
    with make_fetcher(web) as fetcher:
        # otherbot's "Disallow: /" is not ours to obey.
        assert fetcher.fetch("https://news.example/public").status == "ok"
        message = fetch_error(fetcher, "https://news.example/private/x")

    assert message == "https://news.example/private/x: robots.txt disallows newsgraph; skipped"
    assert web.hits("https://news.example/private/x") == 0
    assert web.hits("https://news.example/robots.txt") == 1


def test_robots_is_checked_again_after_a_redirect_to_another_host() -> None:
    web = FakeWeb(
        {
            "https://short.example/x": httpx.Response(302, headers={"Location": "https://news.example/private/1"}),
            "https://news.example/robots.txt": httpx.Response(200, text=ROBOTS),
        }
    )
    with make_fetcher(web) as fetcher:
        message = fetch_error(fetcher, "https://short.example/x")

    assert message == (
        "https://short.example/x: redirected to https://news.example/private/1: robots.txt disallows newsgraph; skipped"
    )
    assert web.hits("https://news.example/private/1") == 0


@pytest.mark.parametrize("status", [404, 410, 403])
def test_robots_4xx_allows_everything(status: int) -> None:
    web = FakeWeb(
        {
            "https://news.example/robots.txt": httpx.Response(status),
            "https://news.example/a": httpx.Response(200, content=PAGE),
        }
    )
    with make_fetcher(web) as fetcher:
        assert fetcher.fetch("https://news.example/a").status == "ok"


def test_robots_5xx_disallows_the_host_for_now() -> None:
    web = FakeWeb(
        {
            "https://news.example/robots.txt": httpx.Response(503),
            "https://news.example/a": httpx.Response(200, content=PAGE),
        }
    )
    with make_fetcher(web, max_retries=1) as fetcher:
        first = fetch_error(fetcher, "https://news.example/a")
        fetch_error(fetcher, "https://news.example/b")

    assert first == (
        "https://news.example/a: not fetched, because https://news.example/robots.txt could not be read: "
        "HTTP 503 Service Unavailable (gave up after 2 attempts); the server is overloaded or failing; "
        "try again later"
    )
    assert web.hits("https://news.example/a") == 0
    assert web.hits("https://news.example/robots.txt") == 2  # two attempts, then the verdict is cached


# --- conditional GET ------------------------------------------------------------------------


def test_conditional_get_sends_validators_and_handles_304() -> None:
    url = "https://news.example/feed.xml"
    validators = {"ETag": '"v1"', "Last-Modified": "Fri, 09 May 2025 10:00:00 GMT"}
    web = FakeWeb({url: [httpx.Response(200, content=b"<rss/>", headers=validators), httpx.Response(304)]})
    cache = MemoryCache()
    with make_fetcher(web, cache=cache) as fetcher:
        first = fetcher.fetch(url)
        second = list(fetcher(url))

    assert first.status == "ok"
    assert second == []  # not modified: nothing new to read
    first_request, second_request = (r for r in web.requests if str(r.url) == url)
    assert "If-None-Match" not in first_request.headers
    assert second_request.headers["If-None-Match"] == '"v1"'
    assert second_request.headers["If-Modified-Since"] == "Fri, 09 May 2025 10:00:00 GMT"
    assert cache.get(url) == CacheEntry(etag='"v1"', last_modified="Fri, 09 May 2025 10:00:00 GMT")


def test_not_modified_result_and_cache_refresh() -> None:
    url = "https://news.example/feed.xml"
    cache = MemoryCache()
    cache.put(url, CacheEntry(etag='"v1"'))
    web = FakeWeb({url: [httpx.Response(304), httpx.Response(200, content=b"<rss/>", headers={"ETag": '"v2"'})]})
    with make_fetcher(web, cache=cache) as fetcher:
        result = fetcher.fetch(url)
        assert (result.status, result.raw) == ("not_modified", None)
        assert fetcher.fetch(url).status == "ok"

    assert cache.get(url) == CacheEntry(etag='"v2"')


# --- rate limit -----------------------------------------------------------------------------


def test_rate_limit_spaces_requests_to_the_same_host_only() -> None:
    web = FakeWeb({})
    for url in ("https://a.example/1", "https://a.example/2", "https://b.example/1"):
        web.routes[url] = httpx.Response(200)
    fake_time = FakeTime()
    with make_fetcher(web, fake_time=fake_time, min_interval=1.0, respect_robots=False) as fetcher:
        fetcher.fetch("https://a.example/1")
        fetcher.fetch("https://b.example/1")
        assert fake_time.sleeps == []  # different hosts: no waiting
        fake_time.now += 0.25
        fetcher.fetch("https://a.example/2")

    assert fake_time.sleeps == [0.75]  # 1.0 s after the first request to a.example


def test_crawl_delay_lengthens_the_interval() -> None:
    web = FakeWeb(
        {
            "https://news.example/robots.txt": httpx.Response(200, text="User-agent: *\nCrawl-delay: 5\n"),
            "https://news.example/a": httpx.Response(200),
        }
    )
    fake_time = FakeTime()
    with make_fetcher(web, fake_time=fake_time, min_interval=1.0) as fetcher:
        fetcher.fetch("https://news.example/a")

    assert fake_time.sleeps == [5.0]  # between robots.txt and the page


# --- body size limit ------------------------------------------------------------------------


def test_body_over_the_limit_is_refused_whether_declared_or_streamed() -> None:
    def streamed(request: httpx.Request) -> httpx.Response:
        # No Content-Length: the limit must be enforced while reading.
        return httpx.Response(200, content=iter([b"x" * 60, b"x" * 60]))

    web = FakeWeb(
        {
            "https://news.example/declared": httpx.Response(200, content=b"x" * 101),
            "https://news.example/streamed": streamed,
            "https://news.example/fits": httpx.Response(200, content=b"x" * 100),
        }
    )
    with make_fetcher(web, max_bytes=100) as fetcher:
        declared = fetch_error(fetcher, "https://news.example/declared")
        streamed_message = fetch_error(fetcher, "https://news.example/streamed")
        fits = fetcher.fetch("https://news.example/fits")

    limit = "the response is larger than the 100-byte limit; raise max_bytes or download the file and pass its path"
    assert declared == f"https://news.example/declared: {limit}"
    assert streamed_message == f"https://news.example/streamed: {limit}"
    assert fits.raw is not None and len(fits.raw.data) == 100


# --- a real server on 127.0.0.1 -------------------------------------------------------------


class LocalSite(ThreadingHTTPServer):
    seen: list[tuple[str, str]]  # (path, User-Agent) of every request

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and hung up is what the timeout test wants, not news


class LocalHandler(BaseHTTPRequestHandler):
    server: LocalSite

    def do_GET(self) -> None:
        self.server.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/article.html":
            if self.headers.get("If-None-Match") == '"a1"':
                self._send(304, b"", None)
            else:
                self._send(200, PAGE, "text/html; charset=utf-8", etag='"a1"')
        elif self.path == "/slow":
            time.sleep(0.6)
            self._send(200, b"late", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str | None, etag: str | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output clean


@pytest.fixture
def local_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalSite]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # 127.0.0.1 must be reached directly
    server = LocalSite(("127.0.0.1", 0), LocalHandler)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_real_server_page_robots_and_conditional_get(local_site: LocalSite) -> None:
    base = f"http://127.0.0.1:{local_site.server_port}"
    settings = FetchSettings(min_interval=0.0, connect_timeout=2.0, read_timeout=2.0)
    with Fetcher(settings, cache=MemoryCache()) as fetcher:
        first = fetcher.fetch(f"{base}/article.html")
        second = fetcher.fetch(f"{base}/article.html")
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(f"{base}/private/memo.html")

    assert first.raw is not None
    assert first.raw.data == PAGE
    assert first.raw.content_type == "text/html; charset=utf-8"
    assert first.raw.url == f"{base}/article.html"
    assert second.status == "not_modified"
    assert str(caught.value) == f"{base}/private/memo.html: robots.txt disallows newsgraph; skipped"
    assert [path for path, _ in local_site.seen] == ["/robots.txt", "/article.html", "/article.html"]
    assert {agent for _, agent in local_site.seen} == {user_agent()}


def test_real_server_read_timeout_is_retried_then_reported(local_site: LocalSite) -> None:
    base = f"http://127.0.0.1:{local_site.server_port}"
    settings = FetchSettings(min_interval=0.0, read_timeout=0.2, max_retries=1, respect_robots=False)
    sleeps: list[float] = []
    with Fetcher(settings, sleep=sleeps.append) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(f"{base}/slow")

    assert str(caught.value) == (
        f"{base}/slow: ReadTimeout: timed out (gave up after 2 attempts); "
        "check the URL and your network connection, or try again later"
    )
    assert len(sleeps) == 1
    assert [path for path, _ in local_site.seen] == ["/slow", "/slow"]
