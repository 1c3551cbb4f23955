"""POST /api/v1/ingest: refused on a read-only server, needs the bearer token, then stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_samples import build_bulk_store, client_for
from click.testing import CliRunner

from newsgraph.cli.serve import command as serve

TOKEN = "s3cret-token"
ARTICLE = {
    "documents": [
        {
            "text": "Ukraine and Russia held talks in Istanbul on Friday. The two sides agreed to exchange prisoners.",
            "title": "Talks in Istanbul",
            "url": "https://example.org/istanbul",
            "published": "2025-05-16",
            "source": "Test Wire",
        }
    ]
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    build_bulk_store(tmp_path / "news.db", documents=1, events_per_document=1)
    return tmp_path / "news.db"


def test_read_only_server_refuses_ingest(db: Path) -> None:
    with client_for(db) as client:
        response = client.post("/api/v1/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert "--allow-ingest" in response.json()["error"]


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401, "unauthorized"),
        ({"Authorization": "Bearer "}, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong"}, 403, "forbidden"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403, "forbidden"),
    ],
)
def test_ingest_needs_the_token(db: Path, headers: dict[str, str], status: int, code: str) -> None:
    with client_for(db, allow_ingest=True, token=TOKEN) as client:
        response = client.post("/api/v1/ingest", json=ARTICLE, headers=headers)
        assert response.status_code == status and response.json()["code"] == code
        assert client.get("/api/v1/health").json()["counts"]["documents"] == 1  # nothing stored


def test_ingest_body_is_validated(db: Path) -> None:
    with client_for(db, allow_ingest=True, token=TOKEN) as client:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        response = client.post("/api/v1/ingest", json={"documents": [{"title": "no text"}]}, headers=auth)
        assert response.status_code == 400
        assert response.json()["errors"][0]["parameter"] == "documents.0.text"
        assert client.post("/api/v1/ingest", content=b"not json", headers=auth).status_code == 400


@pytest.mark.model
def test_ingest_with_the_token_stores_the_article(db: Path, pipeline: object) -> None:
    with client_for(db, allow_ingest=True, token=TOKEN) as client:
        client.app.state.pipeline = pipeline  # type: ignore[attr-defined]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        body = client.post("/api/v1/ingest", json=ARTICLE, headers=auth).json()
        assert body["ok"] is True and body["summary"]["stored"] == 1
        again = client.post("/api/v1/ingest", json=ARTICLE, headers=auth).json()
        assert again["summary"]["stored"] == 0 and again["summary"]["duplicates"] == 1
        assert client.get("/api/v1/health").json()["counts"]["documents"] == 2


def test_serve_refuses_allow_ingest_without_token(db: Path) -> None:
    result = CliRunner().invoke(serve, ["--db", str(db), "--allow-ingest"], env={"NEWSGRAPH_API_TOKEN": ""})
    assert result.exit_code == 2
    assert "--allow-ingest needs a token: set NEWSGRAPH_API_TOKEN" in result.output


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve, ["--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "there is no newsgraph database" in result.output
