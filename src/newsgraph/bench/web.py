"""Web page latency: the entity page for Vladimir Putin and the search dashboard for "Russia",
rendered through the whole app (routing, query layer, templates) in process, many times.

The server side only: no network, no browser. Each page is requested a few times untimed
(caches, lazy imports), then ``REQUESTS`` times; the report gives the median and p95 in
milliseconds. The issue's target is p95 under 300 ms on the Wikinews store.
"""

from __future__ import annotations

import statistics
import time
import warnings
from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["PAGES", "WebReport", "measure_web"]

#: The pages timed: report key -> path.
PAGES = {
    "entity_page": "/entities/" + quote("Vladimir Putin"),
    "search_page": "/?q=Russia",
}
WARM_UP = 3
REQUESTS = 40


@dataclass(frozen=True, slots=True, kw_only=True)
class WebReport:
    db: str
    requests: int
    timings: dict[str, list[float]]  # page -> milliseconds per request

    @staticmethod
    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20, method="inclusive")[-1]

    def to_json(self) -> dict[str, object]:
        report: dict[str, object] = {"db": self.db, "requests": self.requests}
        for page, values in self.timings.items():
            report[f"{page}_p50_ms"] = round(statistics.median(values), 1)
            report[f"{page}_p95_ms"] = round(self.p95(values), 1)
        return report

    def table(self) -> str:
        lines = [f"{'page':<14} {'path':<32} {'p50 ms':>8} {'p95 ms':>8}"]
        for page, values in self.timings.items():
            lines.append(f"{page:<14} {PAGES[page]:<32} {statistics.median(values):>8.1f} {self.p95(values):>8.1f}")
        lines.append(f"{self.requests} requests per page on {self.db}; target: p95 < 300 ms")
        return "\n".join(lines)


def measure_web(db: str, requests: int = REQUESTS) -> WebReport:
    """Time each page of ``PAGES`` against the app serving ``db``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette warns about its httpx-based client on import
        from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    timings: dict[str, list[float]] = {}
    with TestClient(create_app(db)) as client:
        for page, path in PAGES.items():
            for _ in range(WARM_UP):
                _get(client, path)
            values = []
            for _ in range(requests):
                start = time.perf_counter()
                _get(client, path)
                values.append((time.perf_counter() - start) * 1000)
            timings[page] = values
    return WebReport(db=db, requests=requests, timings=timings)


def _get(client: object, path: str) -> None:
    response = client.get(path)  # type: ignore[attr-defined]
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}: {response.text[:300]}")
