"""``min_confidence`` and ``background`` on the REST API: every route that lists or counts events
applies them, the others refuse them with a 400 naming them, and OpenAPI describes them.

The store is the query tests' corpus (events stored before the classifier: no confidence) plus
``rated_document()`` (0.9, 0.3, and 0.8 but background); the default threshold is pinned to 0.5.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_samples import client_for
from fastapi.testclient import TestClient

import newsgraph.query.filters as filters_module
from newsgraph.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "query"))
from query_samples import CORPUS, add_merged_event, build_corpus, rated_document

SURE, DOUBTFUL, HISTORY = rated_document().events
EVERYTHING = "min_confidence=0&background=true"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("confidence") / "news.db"
    with open_store(str(path)) as store:
        build_corpus(store)
        store.add(rated_document())
        add_merged_event(store, "mev_sure", [SURE, CORPUS[0].events[0]])
        add_merged_event(store, "mev_history", [HISTORY])
    with client_for(path) as client:
        yield client


@pytest.fixture(autouse=True)
def pinned_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filters_module, "event_threshold", lambda: 0.5)


def get_ok(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def ids(client: TestClient, url: str) -> set[str]:
    return {item["id"] for item in get_ok(client, url)["items"]}


def test_events_leave_out_doubtful_and_background_events_unless_asked(client: TestClient) -> None:
    default = ids(client, "/api/v1/events")
    assert SURE.id in default and not default & {DOUBTFUL.id, HISTORY.id} and len(default) == 7
    assert ids(client, "/api/v1/events?min_confidence=") == default  # an empty form field: the default
    assert ids(client, "/api/v1/events?min_confidence=0.2") == default | {DOUBTFUL.id}
    assert ids(client, "/api/v1/events?background=true") == default | {HISTORY.id}
    assert ids(client, f"/api/v1/events?{EVERYTHING}") == default | {DOUBTFUL.id, HISTORY.id}
    assert ids(client, "/api/v1/events?min_confidence=0.95") == default - {SURE.id}  # the unrated ones
    item = next(i for i in get_ok(client, f"/api/v1/events?{EVERYTHING}")["items"] if i["id"] == HISTORY.id)
    assert (item["confidence"], item["background"]) == (0.8, True)


def test_event_csv_has_confidence_and_background_columns(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/v1/events?format=csv&{EVERYTHING}").text)))
    cells = {r["id"]: (r["confidence"], r["background"]) for r in rows}
    assert cells[SURE.id] == ("0.9", "False") and cells[HISTORY.id] == ("0.8", "True")
    assert cells[CORPUS[0].events[0].id] == ("", "False")


def test_charts_count_the_events_the_list_shows(client: TestClient) -> None:
    for query in ("", "min_confidence=0.2", EVERYTHING):
        listed = len(ids(client, f"/api/v1/events?limit=1000&{query}"))
        assert get_ok(client, f"/api/v1/timeline?period=month&{query}")["timeline"]["total"] == listed, query
        assert get_ok(client, f"/api/v1/aggregate?period=month&{query}")["aggregate"]["total"] == listed, query
        assert get_ok(client, f"/api/v1/map?{query}")["map"]["total"] == listed, query


def test_network_and_merged_events_follow_the_filters(client: TestClient) -> None:
    def edges(query: str) -> dict[tuple[str, str], int]:
        network = get_ok(client, f"/api/v1/network?since=2019-06&until=2019-06&{query}")["network"]
        return {(e["source"], e["target"]): e["events"] for e in network["edges"]}

    assert edges("") == {("ent_putin", "ent_xi"): 1}
    assert edges(EVERYTHING) == {("ent_putin", "ent_xi"): 1, ("ent_putin", "ent_zelensky"): 1,
                                 ("ent_zelensky", "ent_putin"): 1}  # fmt: skip
    assert ids(client, "/api/v1/merged-events") == {"mev_sure"}
    shown = {i["id"]: i for i in get_ok(client, "/api/v1/merged-events?background=true")["items"]}
    assert set(shown) == {"mev_sure", "mev_history"}
    assert (shown["mev_history"]["confidence"], shown["mev_history"]["background"]) == (0.8, True)


def test_entity_profile_and_timeline_count_the_events_shown(client: TestClient) -> None:
    default = get_ok(client, "/api/v1/entities/ent_putin")["entity"]
    everything = get_ok(client, f"/api/v1/entities/ent_putin?{EVERYTHING}")["entity"]
    assert (default["events_as_actor"], everything["events_as_actor"]) == (4, 5)
    assert (default["events_as_recipient"], everything["events_as_recipient"]) == (2, 3)
    timeline = ids(client, "/api/v1/entities/ent_putin/timeline?min_confidence=0")
    assert DOUBTFUL.id in timeline and HISTORY.id not in timeline


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/events?min_confidence=1.5", "min_confidence"),
        ("/api/v1/events?min_confidence=-1", "min_confidence"),
        ("/api/v1/network?min_confidence=high", "min_confidence"),
        ("/api/v1/aggregate?min_confidence=nan", "min_confidence"),
        ("/api/v1/merged-events?background=maybe", "background"),
        ("/api/v1/entities/ent_putin?min_confidence=2", "min_confidence"),
        ("/api/v1/quotes?min_confidence=0.5", "min_confidence"),  # quotes have no confidence
        ("/api/v1/documents?background=true", "background"),
    ],
)
def test_a_bad_or_inapplicable_value_is_a_400_naming_the_parameter(
    client: TestClient, url: str, parameter: str
) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "bad_parameter" and body["error"].startswith(f"{parameter}: ")
    assert [e["parameter"] for e in body["errors"]] == [parameter]


def test_openapi_describes_both_parameters(client: TestClient) -> None:
    paths = get_ok(client, "/openapi.json")["paths"]
    for path in ("events", "aggregate", "timeline", "network", "map", "merged-events", "entities/{entity_id}"):
        parameters = {p["name"]: p for p in paths[f"/api/v1/{path}"]["get"]["parameters"]}
        number = parameters["min_confidence"]["schema"]["anyOf"][0]
        assert (number["type"], number["minimum"], number["maximum"]) == ("number", 0, 1), path
        assert "default" in parameters["min_confidence"]["description"], path
        assert parameters["background"]["schema"]["type"] == "boolean", path
