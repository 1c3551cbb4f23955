"""No caps: cursor paging past 1,000 rows, 10,000 events streamed as CSV, and zero-filling."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_samples import build_bulk_store, client_for
from fastapi.testclient import TestClient

EVENTS = 10_000  # 100 documents x 100 events


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("bulk") / "news.db"
    build_bulk_store(path, documents=100, events_per_document=100)
    with client_for(path) as client:
        yield client


def test_cursor_pages_past_1000_rows_without_gaps_or_repeats(client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/api/v1/events?limit=1000"
    pages = 0
    while url is not None:
        body = client.get(url).json()
        assert body["ok"] is True and body["count"] <= 1000
        seen += [item["id"] for item in body["items"]]
        url, pages = body["next_url"], pages + 1
    assert len(seen) == EVENTS == len(set(seen))
    assert pages == 10
    # The cursor alone resumes the list (next_url is a convenience).
    first = client.get("/api/v1/events?limit=700").json()
    rest = client.get(f"/api/v1/events?limit=1000&cursor={first['next']}").json()
    assert rest["items"][0]["id"] == seen[700]
    last = client.get(f"/api/v1/events?limit=1000&cursor={rest['next']}").json()
    assert last["items"][0]["id"] == seen[1700]


def test_streamed_csv_holds_all_10000_events(client: TestClient) -> None:
    with client.stream("GET", "/api/v1/events?format=csv&limit=5") as response:  # limit does not cap a stream
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert "events.csv" in response.headers["content-disposition"]
        text = "".join(response.iter_text())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == EVENTS == len({r["id"] for r in rows})
    assert rows[0]["type"] == "ASSAULT"
    assert rows[0]["actors.name"] == "Alpha Force" and rows[0]["document.source"] == "Synthetic Wire"


def test_streamed_jsonl_and_csv_of_other_lists(client: TestClient) -> None:
    lines = client.get("/api/v1/documents?format=jsonl").text.splitlines()
    assert len(lines) == 100 and json.loads(lines[0])["source"] == "Synthetic Wire"
    quotes = list(csv.DictReader(io.StringIO(client.get("/api/v1/quotes?format=csv").text)))
    assert len(quotes) == 100
    empty = client.get("/api/v1/events?format=csv&type=CONSULT").text
    assert empty.startswith("id,date,type,") and len(empty.splitlines()) == 1  # header even with no rows


def test_timeline_zero_fills_empty_days(client: TestClient) -> None:
    body = client.get("/api/v1/timeline?since=2025-04-30&until=2025-05-06").json()["timeline"]
    counts = {b["period"]: b["count"] for b in body["buckets"]}
    assert list(counts) == ["2025-04-30"] + [f"2025-05-0{d}" for d in range(1, 7)]
    assert counts["2025-05-03"] == 0 and counts["2025-05-04"] == 0 and counts["2025-05-06"] == 0
    assert counts["2025-05-01"] > 0 and sum(counts.values()) == EVENTS
    weekly = client.get("/api/v1/timeline?period=week&since=2025-04-01&until=2025-05-31").json()["timeline"]
    assert [b["count"] for b in weekly["buckets"]].count(0) >= 5
    assert weekly["buckets"][0]["period"] == "2025-W14"


def test_aggregate_zero_fills_and_sums(client: TestClient) -> None:
    table = client.get("/api/v1/aggregate?period=day&since=2025-05-01&until=2025-05-05").json()["aggregate"]
    assert table["periods"] == [f"2025-05-0{d}" for d in range(1, 6)]
    assert table["countries"] == ["RUS"]  # the place's country
    cells = {(c["period"], c["type"]): c["count"] for c in table["cells"]}
    assert cells[("2025-05-03", "ASSAULT")] == 0  # zero-filled along time
    assert ("2025-05-01", "CONSULT") not in cells  # but only for the (country, type) pairs that occur
    assert table["types"] == ["ASSAULT"]
    assert sum(cells.values()) == EVENTS
    by_actor = client.get("/api/v1/aggregate?period=month&country_of=actor").json()["aggregate"]
    assert by_actor["countries"] == ["UKR"]
    text = client.get("/api/v1/aggregate?period=day&since=2025-05-01&until=2025-05-05&format=csv").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5 * 1 * 1 and rows[0].keys() >= {"period", "country", "type", "count"}


def test_map_points_carry_coordinates_and_precision(client: TestClient) -> None:
    geo = client.get("/api/v1/map?since=2025-05-05&until=2025-05-05").json()["map"]
    assert geo["countries"][0]["country"] == "RUS" and geo["countries"][0]["events"] == geo["total"]
    point = geo["points"][0]
    assert (point["latitude"], point["longitude"], point["precision"]) == (55.75, 37.62, "point")


def test_entities_rank_and_network(client: TestClient) -> None:
    entities = client.get("/api/v1/entities").json()["items"]
    assert [(e["id"], e["documents"]) for e in entities][:1] == [("ent_alpha", 100)]
    network = client.get("/api/v1/network").json()["network"]
    assert [(e["source"], e["target"], e["events"]) for e in network["edges"]] == [("ent_alpha", "ent_beta", EVENTS)]
