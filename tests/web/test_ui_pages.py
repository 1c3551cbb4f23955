"""Every UI page over a small hand-built store (no model needed): it renders, escapes hostile
text, answers HTML errors for bad URLs, and every CSV/JSON link it shows works on the API."""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.model import (
    Analysis,
    Document,
    Entity,
    Event,
    Furniture,
    Mention,
    Provenance,
    Quote,
    Span,
    TimeExpression,
    Title,
)
from newsgraph.models import event_threshold
from newsgraph.store import Store, open_store
from newsgraph.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns about its httpx-based client on import
    from fastapi.testclient import TestClient

HOSTILE_TITLE = '<script>alert("t")</script> "quoted" \' onload=\'x'
TEXT = (
    'Vladimir Putin met Xi Jinping in Moscow on 8 May 2025. "We will never <script>alert(1)</script> '
    "give up\", Putin said. <img src=x onerror='alert(2)'> Xi visited Russia."
)
P = Provenance(stage="test", stage_version="1")


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def _analysis() -> Analysis:
    doc = Document.create(
        text=TEXT, title=HOSTILE_TITLE, source='Wire "><b>x</b>', published="2025-05-08", url="javascript:alert(3)"
    )
    titles = (Title(title="President", affiliation="RUS", as_of="2025-05-08"), Title(title="KGB officer"))
    putin = Entity(id="ent_putin", name="Vladimir Putin", kind="person", provenance=P, country="RUS", titles=titles)
    xi = Entity(id="ent_xi", name="Xi Jinping", kind="person", provenance=P, country="CHN")
    moscow = Entity(
        id="ent_moscow", name="Moscow", kind="place", provenance=P, country="RUS", latitude=55.75, longitude=37.62
    )

    def mention(i: int, needle: str, entity: str, nth: int = 0) -> Mention:
        return Mention(
            id=f"m{i}",
            document_id=doc.id,
            span=_span(TEXT, needle, nth),
            label="PERSON",
            provenance=P,
            entity_id=entity,
        )

    quote_span = _span(TEXT, '"We will never <script>alert(1)</script> give up"')
    return Analysis(
        document=doc,
        entities=(putin, xi, moscow),
        mentions=(
            mention(1, "Vladimir Putin", "ent_putin"),
            mention(2, "Xi Jinping", "ent_xi"),
            mention(3, "Moscow", "ent_moscow"),
            mention(4, "Putin", "ent_putin", 1),
            mention(5, "Xi", "ent_xi", 1),
        ),
        time_expressions=(
            TimeExpression(
                id="t1",
                document_id=doc.id,
                span=_span(TEXT, "8 May 2025"),
                type="DATE",
                value="2025-05-08",
                provenance=P,
                earliest="2025-05-08",
                latest="2025-05-08",
            ),
        ),
        quotes=(
            Quote(
                id="q1",
                document_id=doc.id,
                span=quote_span,
                kind="direct",
                provenance=P,
                speaker=_span(TEXT, "Putin", 1),
                speaker_entity_id="ent_putin",
                time="2025-05-08",
                time_source="reported",
            ),
        ),
        events=(
            Event(
                id="e1",
                document_id=doc.id,
                type="CONSULT",
                mode="visit",
                provenance=P,
                evidence=_span(TEXT, "Vladimir Putin met Xi Jinping in Moscow on 8 May 2025."),
                trigger=_span(TEXT, "met"),
                actors=("ent_putin",),
                recipients=("ent_xi",),
                place="ent_moscow",
                time="2025-05-08",
                actor_country="RUS",
                recipient_country="CHN",
            ),
        ),
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("ui") / "ui.db"
    with open_store(str(db)) as opened:
        opened.add(_analysis())
        yield opened


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store.location, store=store)) as client:
        yield client


def _doc_id() -> str:
    return Document.make_id(TEXT)


PAGES = [
    "/",
    "/?q=Putin",
    "/?since=2025-05-01&until=2025-05-31",
    "/articles/{doc}",
    "/entities/ent_putin",
    "/entities/Vladimir%20Putin",
    "/entities/ent_moscow",
    "/events",
    "/events?actor=ent_putin&period=day",
    "/events?min_confidence=0&background=true",
    "/events?min_confidence=&type=CONSULT",  # the form's empty confidence field: the default
    "/quotes",
    "/quotes?q=never",
    "/network",
    "/network?min_confidence=0.5&background=true",
    "/map",
    "/map?background=true",
    "/stories",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_and_its_data_links_work(client: TestClient, path: str) -> None:
    response = client.get(path.format(doc=_doc_id()))
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    for link in sorted(set(re.findall(r'href="(/api/v1/[^"]+)"', html))):
        api = client.get(link.replace("&amp;", "&"))
        assert api.status_code == 200, f"{path} links to {link}: {api.status_code} {api.text[:300]}"


def test_article_shows_hostile_text_as_text_with_every_highlight(client: TestClient) -> None:
    html = client.get(f"/articles/{_doc_id()}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#39;alert(2)&#39;&gt;" in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &#34;quoted&#34; &#39; onload=&#39;x" in html
    assert 'href="javascript:' not in html  # the stored URL is shown, never linked
    body = html.split('id="article-text">', 1)[1].split("</div>", 1)[0]
    for kind in ("mention", "timex", "quote", "speaker", "trigger"):
        assert re.search(rf'class="hl [^"]*\b{kind}\b', body), kind
    assert '<a class="hl mention" href="/entities/ent_putin"' in body
    # The text, tags removed and entities decoded, is the document text exactly.
    import html as html_module

    assert html_module.unescape(re.sub(r"<[^>]+>", "", body)) == TEXT


def test_an_empty_store_renders_every_list_page(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "empty.db")) as empty, TestClient(create_app(empty.location, store=empty)) as c:
        for path in ("/", "/?q=nothing", "/events", "/quotes", "/network", "/map", "/stories"):
            response = c.get(path)
            assert response.status_code == 200, (path, response.text[:300])


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/articles/doc_nope", 404, "no article with id"),
        ("/entities/Nobody%20Atall", 404, "no entity"),
        ("/stories/story_nope", 404, "no story"),
        ("/?since=May", 400, "since"),
        ("/events?type=BOGUS", 400, "type"),
    ],
)
def test_bad_urls_get_an_html_error_page(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text and 'role="alert"' in response.text


def test_static_files_are_served_and_confined(client: TestClient) -> None:
    assert client.get("/static/newsgraph.css").status_code == 200
    assert client.get("/static/vendor/uplot/uPlot.iife.min.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/..%2F__init__.py").status_code == 404
    assert client.get("/static/vendor/nope.js").status_code == 404


def test_every_vendored_library_ships_with_its_licence() -> None:
    vendor = Path(__file__).parents[2] / "src/newsgraph/web/ui/static/vendor"
    packages = [p for p in vendor.iterdir() if p.is_dir()]
    assert {p.name for p in packages} >= {"uplot", "cytoscape", "d3-geo", "d3-array", "topojson-client", "world-atlas"}
    for package in packages:
        assert any(f.name.startswith(("LICENSE", "LICENCE")) for f in package.iterdir()), package.name
        assert (package / "VERSION").read_text().strip()


def test_pages_load_nothing_from_other_hosts(client: TestClient) -> None:
    for path in ("/", "/network", "/map", f"/articles/{_doc_id()}", "/entities/ent_putin"):
        html = client.get(path).text
        loaded = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="([^"]*)"', html)
        assert loaded and all(url.startswith(("/", "data:")) for url in loaded), (path, loaded)


def _rated_analysis() -> Analysis:
    """The sample with its event rated 0.876, plus a background event rated 0.61."""
    analysis = _analysis()
    met = analysis.events[0]
    visited = Event(
        id="e2",
        document_id=met.document_id,
        type="CONSULT",
        provenance=Provenance(stage="events", stage_version="2", confidence=0.61),
        evidence=_span(TEXT, "Xi visited Russia."),
        trigger=_span(TEXT, "visited"),
        actors=("ent_xi",),
        background=True,
        latest="2025-05-08",
    )
    rated = dataclasses.replace(met, provenance=dataclasses.replace(met.provenance, confidence=0.876))
    return dataclasses.replace(analysis, events=(rated, visited))


@pytest.fixture
def rated_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    import newsgraph.query.filters as filters_module

    monkeypatch.setattr(filters_module, "event_threshold", lambda: 0.5)
    with open_store(str(tmp_path / "rated.db")) as opened:
        opened.add(_rated_analysis())
        with TestClient(create_app(opened.location, store=opened)) as client:
            yield client


def test_article_shows_each_events_confidence_and_background_tag(rated_client: TestClient) -> None:
    html = rated_client.get(f"/articles/{_doc_id()}").text
    first, second = (html.split(f'<li id="{i}">', 1)[1].split("</li>", 1)[0] for i in ("e1", "e2"))
    assert '<span class="confidence">0.88</span>' in first and "background" not in first
    assert '<span class="confidence">0.61</span>' in second
    assert '<span class="badge background">background</span>' in second and "no later than 2025-05-08" in second


def test_event_list_shows_confidence_and_its_form_keeps_the_event_filters(rated_client: TestClient) -> None:
    default = rated_client.get("/events").text
    assert '<th scope="col" class="num">Confidence</th>' in default
    assert '<td class="num">0.88</td>' in default and "0.61" not in default  # background: left out
    assert 'name="min_confidence"' in default and f'placeholder="{event_threshold()}"' in default
    asked = rated_client.get("/events?min_confidence=0.6&background=true").text
    assert '<td class="num">0.61</td>' in asked and '<span class="badge background">background</span>' in asked
    assert 'name="min_confidence" type="number" min="0" max="1" step="0.01" value="0.6"' in asked
    assert '<input type="checkbox" name="background" value="true" checked>' in asked
    # The page's data links carry the filters to the API, which reads them the same way.
    links = set(re.findall(r'href="(/api/v1/[^"]+)"', asked))
    assert "/api/v1/events?min_confidence=0.6&amp;background=true" in links
    api = rated_client.get("/api/v1/events?min_confidence=0.6&background=true").json()
    assert [i["id"] for i in api["items"]] == ["e1", "e2"]


def test_article_shows_its_furniture_escaped_and_the_api_returns_it(tmp_path: Path) -> None:
    analysis = _analysis()
    furniture = (
        Furniture(kind="dateline", text="MOSCOW, May 8 (Wire) -", line=1, at=0),
        Furniture(kind="caption", text="Xi arrives. <b>WIRE</b>/Ann Lee", line=3, at=55),
    )
    document = dataclasses.replace(analysis.document, furniture=furniture, dateline_place="Moscow")
    with open_store(str(tmp_path / "furniture.db")) as opened:
        opened.add(dataclasses.replace(analysis, document=document))
        with TestClient(create_app(opened.location, store=opened)) as client:
            html = client.get(f"/articles/{_doc_id()}").text
            api = client.get(f"/api/v1/documents/{_doc_id()}").json()
    box = html.split('<section class="furniture"', 1)[1].split("</section>", 1)[0]
    assert "Captions and credits" in box and '<span class="count">2</span>' in box
    assert (
        '<tr class="furniture-caption"><td>caption</td>'
        "<td>Xi arrives. &lt;b&gt;WIRE&lt;/b&gt;/Ann Lee</td><td>3</td></tr>" in box
    )
    assert 'datelined <span class="dateline-place">Moscow</span>' in html
    assert api["document"]["furniture"][1] == {
        "kind": "caption",
        "text": "Xi arrives. <b>WIRE</b>/Ann Lee",
        "line": 3,
        "at": 55,
    }
    assert api["document"]["dateline_place"] == "Moscow"


def test_an_article_without_furniture_has_no_furniture_box(client: TestClient) -> None:
    html = client.get(f"/articles/{_doc_id()}").text
    assert 'class="furniture"' not in html and "datelined" not in html
