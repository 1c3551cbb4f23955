"""Every REST route on a store built by the real pipeline from the repo's examples."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_samples import XSS_TITLE, XSS_URL, build_pipeline_store, client_for
from fastapi.testclient import TestClient

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, pipeline: object) -> Path:
    path = tmp_path_factory.mktemp("api") / "news.db"
    build_pipeline_store(path, pipeline)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with client_for(db) as client:
        yield client


def get_ok(client: TestClient, url: str) -> dict:  # type: ignore[type-arg]
    response = client.get(url)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True
    return body  # type: ignore[no-any-return]


def test_health_reports_schema_and_counts(client: TestClient) -> None:
    body = get_ok(client, "/api/v1/health")
    assert body["database"]["reachable"] is True
    assert body["database"]["schema_version"] >= 1
    assert body["counts"]["documents"] == 4
    assert body["counts"]["events"] > 0


def test_documents_list_and_one_with_all_facts(client: TestClient) -> None:
    listed = get_ok(client, "/api/v1/documents")
    assert listed["count"] == 4 and listed["next"] is None
    first = listed["items"][0]["id"]
    one = get_ok(client, f"/api/v1/documents/{first}")
    assert one["document"]["id"] == first
    assert set(one["facts"]) == {"mentions", "entities", "time_expressions", "quotes", "events"}
    assert one["facts"]["mentions"], "the pipeline found names in a real article"


def test_search_finds_words_with_snippets(client: TestClient) -> None:
    body = get_ok(client, "/api/v1/search?q=ceasefire")
    assert body["count"] >= 1
    assert all(item["snippet"] for item in body["items"])


def test_events_and_filters(client: TestClient) -> None:
    events = get_ok(client, "/api/v1/events?limit=1000")["items"]
    assert events
    kind = events[0]["type"]
    typed = get_ok(client, f"/api/v1/events?type={kind.lower()}&limit=1000")["items"]
    assert typed and all(e["type"] == kind for e in typed)
    june = get_ok(client, "/api/v1/events?since=2025-06&until=2025-06&limit=1000")["items"]
    assert all(e["date"] is None or e["date"].startswith("2025-06") for e in june)


def test_quotes(client: TestClient) -> None:
    body = get_ok(client, "/api/v1/quotes?kind=direct")
    assert all(item["kind"] == "direct" for item in body["items"])


def test_entities_list_profile_and_timeline(client: TestClient) -> None:
    listed = get_ok(client, "/api/v1/entities?limit=5")["items"]
    assert listed and listed[0]["documents"] >= listed[-1]["documents"]
    top = listed[0]
    profile = get_ok(client, f"/api/v1/entities/{top['id']}")["entity"]
    assert profile["id"] == top["id"] and profile["documents"] >= 1
    get_ok(client, f"/api/v1/entities/{top['id']}/timeline")
    named = get_ok(client, f"/api/v1/entities?name={top['name'][:4]}")["items"]
    assert top["id"] in {e["id"] for e in named}


def test_stories_and_merged_events(client: TestClient) -> None:
    listed = get_ok(client, "/api/v1/stories")["items"]
    assert listed, "ingest links stories (or api_samples.add_story wrote one)"
    story_id = listed[0]["id"]
    one = get_ok(client, f"/api/v1/stories/{story_id}")
    assert one["story"]["id"] == story_id and one["story"]["documents"]
    assert all(m["story_id"] == story_id for m in one["merged_events"])
    merged = get_ok(client, "/api/v1/merged-events")["items"]
    assert merged and merged[0]["record"]["sources"]


def test_timeline_counts_each_period(client: TestClient) -> None:
    body = get_ok(client, "/api/v1/timeline?period=month&since=2024-07&until=2025-06")["timeline"]
    assert [b["period"] for b in body["buckets"]][:2] == ["2024-07", "2024-08"]
    assert len(body["buckets"]) == 12
    assert body["total"] == sum(b["count"] for b in body["buckets"]) + body["imprecise"] + body["undated"]
    docs = get_ok(client, "/api/v1/timeline?of=documents&period=month")["timeline"]
    assert sum(b["count"] for b in docs["buckets"]) == 4


def test_aggregate_json_and_csv(client: TestClient) -> None:
    table = get_ok(client, "/api/v1/aggregate?period=month&since=2025-05&until=2025-06")["aggregate"]
    assert table["periods"] == ["2025-05", "2025-06"]
    # Zero-filled along time for each (country, type) pair that occurs: every pair in every period.
    pairs = {(c["country"], c["type"]) for c in table["cells"]}
    assert len(table["cells"]) == 2 * len(pairs)
    assert all(any(c["count"] for c in table["cells"] if (c["country"], c["type"]) == pair) for pair in pairs)
    response = client.get("/api/v1/aggregate?period=month&since=2025-05&until=2025-06&format=csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(table["cells"])
    assert sum(int(r["count"]) for r in rows) == sum(c["count"] for c in table["cells"])


def test_network_and_map(client: TestClient) -> None:
    network = get_ok(client, "/api/v1/network")["network"]
    ids = {n["id"] for n in network["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in network["edges"])
    geo = get_ok(client, "/api/v1/map")["map"]
    assert geo["total"] == len(geo["points"]) + geo["unplaced"]
    assert all(p["precision"] in ("point", "country") for p in geo["points"])


def test_docs_and_openapi_list_every_route(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = set(client.get("/openapi.json").json()["paths"])
    expected = {"documents", "documents/{document_id}", "search", "stories", "stories/{story_id}", "merged-events",
                "events", "quotes", "entities", "entities/{entity_id}", "entities/{entity_id}/timeline", "timeline",
                "aggregate", "network", "map", "health", "ingest"}  # fmt: skip
    assert {f"/api/v1/{p}" for p in expected} <= paths


def test_xss_article_comes_back_as_json_text(client: TestClient) -> None:
    hit = next(d for d in get_ok(client, "/api/v1/documents")["items"] if d["url"] == XSS_URL)
    response = client.get(f"/api/v1/documents/{hit['id']}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["document"]["title"] == XSS_TITLE  # the exact characters, as data
    assert "<script>" in response.json()["document"]["text"]
    # Streamed lists carry it as data too: JSON lines and CSV, never an HTML page.
    lines = client.get("/api/v1/documents?format=jsonl")
    assert lines.headers["content-type"] == "application/x-ndjson"
    assert XSS_TITLE in [json.loads(line)["title"] for line in lines.text.splitlines()]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/documents?format=csv").text)))
    assert XSS_TITLE in [r["title"] for r in rows]
