"""The error envelope: every error under /api is `{ok: false, status, code, error, errors}`,
JSON, with the parameter named; bad input is a 4xx, never a 500 or a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_samples import build_bulk_store, client_for
from fastapi.testclient import TestClient

from newsgraph.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("errors") / "news.db"
    build_bulk_store(path, documents=3, events_per_document=2)
    with client_for(path) as client:
        yield client


def assert_envelope(response, status: int, code: str, parameter: str | None = None) -> dict:  # type: ignore[no-untyped-def, type-arg]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"ok", "status", "code", "error", "errors"}
    assert body["ok"] is False and body["status"] == status and body["code"] == code
    assert body["error"] and "Traceback" not in body["error"]
    if parameter is not None:
        assert parameter in [e["parameter"] for e in body["errors"]], body
        assert body["error"].startswith(parameter)
    return body  # type: ignore[no-any-return]


LISTS = ["documents", "events", "quotes", "entities", "stories", "merged-events", "search?q=x",
         "entities/ent_alpha/timeline"]  # fmt: skip
CHARTS = ["timeline", "aggregate", "network", "map"]

BAD_FILTERS = [
    ("since=May", "since"),
    ("until=2025-13", "until"),
    ("since=2025-02-30", "since"),
    ("since=2025-06&until=2025-05", "until"),
    ("type=BOMBING", "type"),
    ("country=Ukraine", "country"),
    ("kind=shouted", "kind"),
    ("modality=maybe", "modality"),
    ("actor=Nobody%20At%20All", "actor"),
    ("min_confidence=1.5", "min_confidence"),
    ("min_confidence=likely", "min_confidence"),
    ("background=maybe", "background"),
]
BAD_PAGING = [
    ("limit=0", "limit"),
    ("limit=1001", "limit"),
    ("limit=ten", "limit"),
    ("format=xml", "format"),
    ("cursor=not-a-cursor", None),
]


def check_bad(client: TestClient, route: str, query: str, parameter: str | None) -> None:
    sep = "&" if "?" in route else "?"
    body = assert_envelope(client.get(f"/api/v1/{route}{sep}{query}"), 400, "bad_parameter")
    # A route that cannot take a filter at all says so with a 400 naming that filter instead.
    named = body["errors"][0]["parameter"]
    if parameter is not None and named is not None:
        assert parameter in named, body


@pytest.mark.parametrize("route", LISTS + CHARTS)
@pytest.mark.parametrize(("query", "parameter"), BAD_FILTERS)
def test_bad_filters_are_400_naming_them(client: TestClient, route: str, query: str, parameter: str | None) -> None:
    check_bad(client, route, query, parameter)


@pytest.mark.parametrize("route", LISTS)
@pytest.mark.parametrize(("query", "parameter"), BAD_PAGING)
def test_bad_paging_is_400_naming_it(client: TestClient, route: str, query: str, parameter: str | None) -> None:
    check_bad(client, route, query, parameter)


def test_aggregate_bad_format_is_400(client: TestClient) -> None:
    assert_envelope(client.get("/api/v1/aggregate?format=xml"), 400, "bad_parameter", "format")


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/nothing-here", 404, "not_found"),
        ("/api/v2/events", 404, "not_found"),
        ("/api/v1/documents/doc_missing", 404, "not_found"),
        ("/api/v1/entities/ent_missing", 404, "not_found"),
        ("/api/v1/entities/ent_missing/timeline", 404, "not_found"),
        ("/api/v1/stories/sto_missing", 404, "not_found"),
        ("/api/v1/search", 400, "bad_parameter"),
        ("/api/v1/timeline?period=year", 400, "bad_parameter"),
        ("/api/v1/timeline?of=mentions", 400, "bad_parameter"),
        ("/api/v1/aggregate?country_of=moon", 400, "bad_parameter"),
        ("/api/v1/timeline?since=0001-01-01&until=9999-12-31", 400, "bad_parameter"),
        ("/api/v1/events?text=" + "x" * 600, 400, "bad_parameter"),
    ],
)
def test_errors_per_route(client: TestClient, url: str, status: int, code: str) -> None:
    assert_envelope(client.get(url), status, code)


def test_wrong_method_is_405_envelope(client: TestClient) -> None:
    assert_envelope(client.delete("/api/v1/events"), 405, "method_not_allowed")
    assert_envelope(client.get("/api/v1/ingest"), 405, "method_not_allowed")


def test_unknown_entity_in_filter_names_the_parameter(client: TestClient) -> None:
    body = assert_envelope(client.get("/api/v1/events?actor=Nobody"), 400, "bad_parameter", "actor")
    assert "Nobody" in body["error"]


def test_filter_a_list_cannot_take_is_named(client: TestClient) -> None:
    assert_envelope(client.get("/api/v1/quotes?recipient=Alpha%20Force"), 400, "bad_parameter", "recipient")


def test_unexpected_error_is_500_envelope_without_traceback(tmp_path: Path) -> None:
    build_bulk_store(tmp_path / "news.db", documents=1, events_per_document=1)
    app = create_app(str(tmp_path / "news.db"))

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret /etc/passwd detail")

    with TestClient(app, raise_server_exceptions=False) as client:
        body = assert_envelope(client.get("/api/v1/boom"), 500, "internal_error")
    assert "secret" not in body["error"] and "RuntimeError" not in body["error"]


def test_store_not_open_is_503_envelope(tmp_path: Path) -> None:
    build_bulk_store(tmp_path / "news.db", documents=1, events_per_document=1)
    client = TestClient(create_app(str(tmp_path / "news.db")), raise_server_exceptions=False)  # no lifespan
    assert_envelope(client.get("/api/v1/health"), 503, "store_error")
