"""Fetching http(s) URLs of pages and feeds, politely, into :class:`RawInput`.

A :class:`Fetcher` owns one ``httpx.Client`` and, for every URL:

1. rejects schemes other than http and https;
2. checks the host's ``robots.txt`` (fetched once per host and cached for the fetcher's life)
   for our token ``newsgraph``. Following Google's convention, a 4xx ``robots.txt`` (404 most
   often) allows everything, while a 5xx or unreachable one disallows the whole host for now:
   a server in trouble has not told us what it allows. A ``Crawl-delay`` lengthens the
   per-host interval;
3. waits its turn: at most one request per ``min_interval`` seconds to the same host;
4. sends a GET with an honest User-Agent (``newsgraph/<version> (+https://github.com/...)``)
   and, when an :class:`HttpCache` knows the URL, ``If-None-Match`` / ``If-Modified-Since``;
5. retries connect errors, timeouts, 429 and 5xx with exponential backoff and jitter,
   honouring ``Retry-After`` (capped), up to ``max_retries`` times;
6. follows redirects itself (so every hop is checked against its own host's robots.txt and
   rate limit) and records the final URL;
7. reads at most ``max_bytes`` of body, so one huge response cannot exhaust memory.

:meth:`Fetcher.fetch` returns a :class:`FetchResult` whose status is ``ok`` (with the
:class:`RawInput`) or ``not_modified`` (a 304: nothing new since the cached validators).
``Fetcher(url)`` is the reader-facing form: it yields the one ``RawInput``, or nothing when
not modified. Both raise :class:`~newsgraph.errors.FetchError` for anything that stops a URL
(robots.txt, a 4xx, a 5xx or network failure after the retries, a body over the limit); the
caller expanding the inputs of a batch turns it into a ``Rejection(reason="fetch_error")``
and goes on. A fetcher is not thread-safe: use one per thread.
"""

from __future__ import annotations

import dataclasses
import email.utils
import random
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Literal, Protocol
from urllib.parse import urlsplit

import httpx

from newsgraph.errors import FetchError
from newsgraph.ingest.source import RawInput
from newsgraph.version import __version__

__all__ = [
    "USER_AGENT_TOKEN",
    "CacheEntry",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "HttpCache",
    "MemoryCache",
    "user_agent",
]

#: The product token robots.txt rules are matched against.
USER_AGENT_TOKEN = "newsgraph"
PROJECT_URL = "https://github.com/newsgraph/newsgraph"

# Statuses worth asking again: the server is overloaded or failing, not refusing us.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10
# Google reads only the first 500 KiB of a robots.txt; so do we, rather than failing on more.
ROBOTS_MAX_BYTES = 500 * 1024
# A Crawl-delay beyond this is more likely a typo than a wish we can honour in a batch run.
CRAWL_DELAY_MAX = 60.0
ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"
)

# What to do about a 4xx, by status; others get the generic advice.
NEXT_STEP_4XX = {
    401: "the site requires a login; save the page from a browser and pass the file instead",
    403: "the site refuses automated clients; save the page from a browser and pass the file instead",
    404: "check the URL (the page may have moved or been removed)",
    410: "the page has been removed; find another copy or drop the URL",
}
NEXT_STEP_4XX_DEFAULT = "check the URL"


def user_agent() -> str:
    """Our User-Agent: the product, its version and where to read about it (and complain)."""
    return f"{USER_AGENT_TOKEN}/{__version__} (+{PROJECT_URL})"


@dataclass(frozen=True, slots=True, kw_only=True)
class CacheEntry:
    """The validators a server gave for a URL, sent back to ask "has it changed?"."""

    etag: str | None = None
    last_modified: str | None = None


class Validators(Protocol):
    """What a cache gives back: a response's validators (``CacheEntry`` and the store's rows)."""

    @property
    def etag(self) -> str | None: ...

    @property
    def last_modified(self) -> str | None: ...


class HttpCache(Protocol):
    """Where a fetcher keeps validators between requests and runs (the store implements it)."""

    def get(self, url: str) -> Validators | None: ...

    def put(self, url: str, entry: CacheEntry) -> None: ...


class MemoryCache:
    """An :class:`HttpCache` that lives as long as the process."""

    def __init__(self) -> None:
        self._entries: dict[str, CacheEntry] = {}

    def get(self, url: str) -> CacheEntry | None:
        return self._entries.get(url)

    def put(self, url: str, entry: CacheEntry) -> None:
        self._entries[url] = entry


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    """How patient and how polite a fetcher is. Times are in seconds.

    ``respect_robots=False`` is for hosts you run yourself (and tests), never for others'.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 3
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    retry_after_max: float = 120.0
    min_interval: float = 1.0
    max_bytes: int = 20 * 1024 * 1024
    respect_robots: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchResult:
    """What fetching ``url`` (the URL asked for) gave: ``ok`` with ``raw``, or ``not_modified``."""

    url: str
    status: Literal["ok", "not_modified"]
    raw: RawInput | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Reply:
    """One HTTP exchange, body read (up to a limit) only for 2xx responses."""

    url: str
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes = b""
    truncated: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class _Robots:
    """A host's robots.txt: parsed rules, or a verdict for the whole host and why."""

    rules: urllib.robotparser.RobotFileParser | None
    allow_all: bool = True
    why: str | None = None


class Fetcher:
    """Fetches http(s) URLs politely; a context manager owning its ``httpx.Client``.

    ``transport`` replaces the network (``httpx.MockTransport`` in tests); ``clock`` (monotonic
    seconds), ``sleep``, ``jitter`` (uniform in [0, 1)) and ``now`` (wall-clock UTC) are
    injectable so tests neither wait nor depend on the time of day.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        cache: HttpCache | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings or FetchSettings()
        self.cache = cache
        self._clock = clock
        self._sleep = sleep
        self._jitter = jitter
        self._now = now
        self._robots: dict[str, _Robots] = {}
        self._last_request: dict[str, float] = {}
        self._interval: dict[str, float] = {}
        timeout = httpx.Timeout(self.settings.read_timeout, connect=self.settings.connect_timeout)
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": user_agent(), "Accept": ACCEPT},
            follow_redirects=False,  # we follow them ourselves: see _follow
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def __call__(self, url: str) -> Iterator[RawInput]:
        """Yield the fetched input, or nothing when the cache says it has not changed."""
        result = self.fetch(url)
        if result.raw is not None:
            yield result.raw

    def fetch(self, url: str) -> FetchResult:
        """Fetch ``url``; raise :class:`FetchError` naming it when it cannot be had."""
        entry = self.cache.get(url) if self.cache is not None else None
        headers = {}
        if entry is not None and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry is not None and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        reply = self._follow(url, headers, limit=self.settings.max_bytes, check_robots=True)
        if reply.status == 304:
            self._remember(url, reply, entry)
            return FetchResult(url=url, status="not_modified")
        if 200 <= reply.status < 300:
            if reply.truncated:
                raise FetchError(
                    url,
                    f"the response is larger than the {self.settings.max_bytes:,}-byte limit; "
                    "raise max_bytes or download the file and pass its path",
                )
            self._remember(url, reply, entry)
            raw = RawInput(
                origin=url,
                data=reply.body,
                url=reply.url,
                content_type=reply.headers.get("Content-Type"),
                retrieved=self._now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            )
            return FetchResult(url=url, status="ok", raw=raw)
        if 400 <= reply.status < 500:
            step = NEXT_STEP_4XX.get(reply.status, NEXT_STEP_4XX_DEFAULT)
            raise FetchError(url, f"HTTP {reply.status} {reply.reason}; {step}")
        raise FetchError(url, f"unexpected HTTP {reply.status} {reply.reason}; check the URL")

    # --- redirects, robots.txt, caching --------------------------------------------------

    def _follow(self, url: str, headers: dict[str, str], *, limit: int, check_robots: bool) -> _Reply:
        """GET ``url``, following redirects; each hop is checked and rate-limited on its own."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            _check_scheme(url, current)
            if check_robots:
                self._check_robots(url, current)
            reply = self._request(url, current, headers, limit=limit)
            if reply.status not in REDIRECT_STATUSES:
                return reply
            location = reply.headers.get("Location")
            if not location:
                raise FetchError(url, f"HTTP {reply.status} {reply.reason} without a Location header")
            try:
                current = str(httpx.URL(current).join(location))
            except httpx.InvalidURL as exc:
                raise FetchError(url, f"redirected to an invalid URL {location!r} ({exc})") from exc
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects (last to {current}); check the URL")

    def _check_robots(self, url: str, target: str) -> None:
        if not self.settings.respect_robots:
            return
        parts = urlsplit(target)
        site = f"{parts.scheme}://{parts.netloc}".lower()
        robots = self._robots.get(site)
        if robots is None:
            robots = self._robots[site] = self._read_robots(site)
        allowed = robots.rules.can_fetch(USER_AGENT_TOKEN, target) if robots.rules is not None else robots.allow_all
        if not allowed:
            why = robots.why or f"robots.txt disallows {USER_AGENT_TOKEN}; skipped"
            raise FetchError(url, why if target == url else f"redirected to {target}: {why}")

    def _read_robots(self, site: str) -> _Robots:
        """The host's rules. Google's convention: a 4xx means there are none, so everything is
        allowed; a 5xx or no answer means the server cannot tell us, so nothing is, for now."""
        robots_url = f"{site}/robots.txt"
        try:
            reply = self._follow(robots_url, {}, limit=ROBOTS_MAX_BYTES, check_robots=False)
        except FetchError as exc:  # unreachable, or still 5xx/429 after the retries
            why = f"not fetched, because {robots_url} could not be read: {exc.detail}"
            return _Robots(rules=None, allow_all=False, why=why)
        if 400 <= reply.status < 500:
            return _Robots(rules=None, allow_all=True)
        if not 200 <= reply.status < 300:
            why = f"not fetched, because {robots_url} answered HTTP {reply.status} {reply.reason}; try again later"
            return _Robots(rules=None, allow_all=False, why=why)
        rules = urllib.robotparser.RobotFileParser(robots_url)
        rules.parse(reply.body.decode("utf-8", errors="replace").splitlines())
        delay = rules.crawl_delay(USER_AGENT_TOKEN)
        if delay is not None:
            host = urlsplit(site).netloc
            self._interval[host] = max(self.settings.min_interval, min(float(delay), CRAWL_DELAY_MAX))
        return _Robots(rules=rules)

    def _remember(self, url: str, reply: _Reply, old: Validators | None) -> None:
        if self.cache is None:
            return
        entry = CacheEntry(etag=reply.headers.get("ETag"), last_modified=reply.headers.get("Last-Modified"))
        if reply.status == 304 and old is not None:
            # A 304 need not repeat the validators; keep the ones we had for those it leaves out.
            entry = CacheEntry(etag=entry.etag or old.etag, last_modified=entry.last_modified or old.last_modified)
        # An entry without validators is stored too, so stale ones are not sent next time.
        changed = old is None or (entry.etag, entry.last_modified) != (old.etag, old.last_modified)
        if changed and (entry.etag or entry.last_modified or old is not None):
            self.cache.put(url, entry)

    # --- one request: rate limit, retries, body limit -------------------------------------

    def _request(self, url: str, target: str, headers: dict[str, str], *, limit: int) -> _Reply:
        """One GET of ``target`` with retries; errors name ``url``, the URL the caller asked for."""
        attempts = max(1, self.settings.max_retries + 1)
        last = advice = ""
        for attempt in range(attempts):
            self._wait_turn(target)
            retry_after: float | None = None
            try:
                reply = self._exchange(target, headers, limit=limit)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                advice = "check the URL and your network connection, or try again later"
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # a malformed URL: retrying cannot help
                raise FetchError(url, f"{type(exc).__name__}: {exc}; check the URL") from exc
            else:
                if reply.status not in RETRY_STATUSES:
                    return reply
                last = f"HTTP {reply.status} {reply.reason}"
                advice = "the server is overloaded or failing; try again later"
                retry_after = _retry_after(reply.headers.get("Retry-After"), self._now())
            if attempt + 1 < attempts:
                self._sleep(self._backoff(attempt, retry_after))
        raise FetchError(url, f"{last} (gave up after {attempts} attempts); {advice}")

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.settings.retry_after_max)
        # "Equal jitter": half the exponential delay is fixed, half random, so many clients
        # retrying the same server spread out instead of returning in lockstep.
        delay = min(self.settings.backoff_max, self.settings.backoff_base * 2.0**attempt)
        return delay / 2 + delay / 2 * self._jitter()

    def _wait_turn(self, target: str) -> None:
        host = urlsplit(target).netloc.lower()
        interval = self._interval.get(host, self.settings.min_interval)
        last = self._last_request.get(host)
        if last is not None:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _exchange(self, target: str, headers: dict[str, str], *, limit: int) -> _Reply:
        with self._client.stream("GET", target, headers=headers) as response:
            reply = _Reply(
                url=str(response.url),
                status=response.status_code,
                reason=response.reason_phrase,
                headers=response.headers,
            )
            if not 200 <= response.status_code < 300:
                return reply  # the body of an error or redirect is not worth reading
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                return dataclasses.replace(reply, truncated=True)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                # Counted after decompression, so a small gzip bomb is caught too.
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    body = b"".join(chunks)[:limit]
                    return dataclasses.replace(reply, body=body, truncated=True)
            return dataclasses.replace(reply, body=b"".join(chunks))


def _check_scheme(url: str, target: str) -> None:
    try:
        parts = urlsplit(target)
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise FetchError(url, f"not a valid URL ({exc}); check how it is written") from exc
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "no scheme"
        where = "" if target == url else f" (redirected to {target})"
        raise FetchError(
            url,
            f"only http and https URLs can be fetched, not {scheme!r}{where}; "
            "download the file and pass its path instead",
        )
    if not parts.netloc:
        raise FetchError(url, "the URL has no host; write it in full, like https://example.org/page")


def _retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None  # unreadable: fall back to our own backoff
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
