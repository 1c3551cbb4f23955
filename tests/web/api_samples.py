"""Stores for the REST API tests: one built by the real pipeline from the repo's examples (plus
an article written to break HTML), and one of synthetic rows for volume (10,000 events).

A plain module (not conftest) because tests/web/conftest.py belongs to the browser tests."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from newsgraph.model import (
    Analysis,
    Document,
    Entity,
    Event,
    EventSource,
    Mention,
    MergedEvent,
    Provenance,
    Quote,
    Span,
    content_id,
    to_dict,
)
from newsgraph.store import Store, open_store
from newsgraph.store.schema import merged_events, stories, story_documents
from newsgraph.web import create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [
    ROOT / "examples/text/istanbul-talks-2025-05-16.txt",
    ROOT / "examples/text/iran-israel-ceasefire-2025-06-24.txt",
    ROOT / "examples/text/nato-washington-summit-2024-07-11.txt",
]

#: A title and text that would run script or break out of an HTML attribute if echoed as markup.
XSS_TITLE = '<script>alert("title")</script> "><img src=x onerror=alert(1)> \'quoted\''
XSS_TEXT = (
    'Ministers met in Geneva on Monday. "<script>alert(document.cookie)</script>" was posted, '
    "said Anna Berg, a spokeswoman, adding \"' onmouseover='alert(2)\" as a test. "
    "Russia and Ukraine held talks in Geneva on 3 March 2025."
)
XSS_URL = "https://example.org/xss"

STORY_ID = "sto_test0000000000"
MERGED_ID = "mev_test0000000000"


def build_pipeline_store(path: Path, pipeline: object) -> None:
    """The examples and the XSS article, through the real pipeline, plus one story over them."""
    from newsgraph.api import ReadOptions, ingest

    with open_store(str(path)) as store:
        ingest([str(p) for p in EXAMPLES], db=store, pipeline=pipeline)  # type: ignore[arg-type]
        record = {"text": XSS_TEXT, "title": XSS_TITLE, "url": XSS_URL, "published": "2025-03-03"}
        stdin = io.BytesIO((json.dumps(record) + "\n").encode())
        ingest(["-"], db=store, pipeline=pipeline, stdin=stdin, options=ReadOptions(format="jsonl"))  # type: ignore[arg-type]
        add_story(store)


def add_story(store: Store) -> None:
    """A story over every stored article and one merged event from the first stored event,
    unless linking (part of ingest) already wrote stories; the API only reads them."""
    with store.read() as conn:
        if conn.execute(select(func.count()).select_from(stories)).scalar_one():
            return
    docs = list(store.iter_documents())
    event = next(e for d in docs for e in (store.get_analysis(d.id) or Analysis(document=d)).events)
    source = EventSource(document_id=event.document_id, event_id=event.id, evidence=event.evidence, source="Test Wire")
    merged = MergedEvent(
        id=MERGED_ID,
        type=event.type,
        sources=(source,),
        actors=event.actors,
        recipients=event.recipients,
        place=event.place,
        date="2025-05-16",
        story_id=STORY_ID,
        articles=1,
        outlets=1,
    )
    with store.write("test story not written") as conn:
        conn.execute(
            stories.insert(),
            {
                "id": STORY_ID,
                "label": "talks",
                "first_date": "2024-07-11",
                "last_date": "2025-06-24",
                "size": len(docs),
                "data": {},
                "updated_at": "2025-07-01T00:00:00Z",
            },
        )
        conn.execute(story_documents.insert(), [{"document_id": d.id, "story_id": STORY_ID} for d in docs])
        conn.execute(
            merged_events.insert(),
            {
                "id": MERGED_ID,
                "type": event.type,
                "mode": event.mode,
                "date": "2025-05-16",
                "story_id": STORY_ID,
                "first_reported": "2025-05-16",
                "last_reported": "2025-05-16",
                "articles": 1,
                "outlets": 1,
                "data": to_dict(merged),
                "updated_at": "2025-07-01T00:00:00Z",
            },
        )


# --- synthetic volume ------------------------------------------------------------------------

SENTENCE = "Alpha Force attacked Beta Town. "
#: The days synthetic events happen on: 2025-05-03 and 2025-05-04 are left empty on purpose.
DAYS = ("2025-05-01", "2025-05-02", "2025-05-05")
PROV = Provenance(stage="events", stage_version="test")

ENTITIES = (
    Entity(id="ent_alpha", name="Alpha Force", kind="organization", provenance=PROV, country="UKR"),
    Entity(
        id="ent_beta", name="Beta Town", kind="place", provenance=PROV, country="RUS", latitude=55.75, longitude=37.62
    ),
)


def synthetic_analysis(n: int, events_per_document: int) -> Analysis:
    """Document ``n`` with ``events_per_document`` ASSAULT events, one per sentence."""
    text = f"Report {n:05d}. " + SENTENCE * events_per_document
    day = DAYS[n % len(DAYS)]
    document = Document(
        id=Document.make_id(text),
        text=text,
        title=f"Report {n}",
        source="Synthetic Wire",
        url=f"https://example.org/{n}",
        published=day,
        language="en",
    )
    did = document.id
    offset = len(f"Report {n:05d}. ")
    events, mentions = [], []
    for i in range(events_per_document):
        start = offset + i * len(SENTENCE)
        evidence = Span.of(text, start, start + len(SENTENCE) - 1)
        events.append(
            Event(
                id=content_id("evt", did, start),
                document_id=did,
                type="ASSAULT",
                evidence=evidence,
                provenance=PROV,
                actors=("ent_alpha",),
                recipients=("ent_beta",),
                place="ent_beta",
                time=day,
            )
        )
    alpha = Span.of(text, offset, offset + len("Alpha Force"))
    mentions.append(
        Mention(
            id=content_id("men", did, offset),
            document_id=did,
            span=alpha,
            label="ORG",
            provenance=PROV,
            entity_id="ent_alpha",
        )
    )
    quote_span = Span.of(text, offset, offset + len(SENTENCE) - 1)
    quote = Quote(
        id=content_id("quo", did, 0),
        document_id=did,
        span=quote_span,
        kind="indirect",
        provenance=PROV,
        speaker_entity_id="ent_alpha",
        time=day,
    )
    return Analysis(
        document=document, mentions=tuple(mentions), entities=ENTITIES, quotes=(quote,), events=tuple(events)
    )


def build_bulk_store(path: Path, documents: int = 100, events_per_document: int = 100) -> None:
    with open_store(str(path)) as store:
        store.add_many(synthetic_analysis(n, events_per_document) for n in range(documents))


@contextmanager
def client_for(path: Path, **options: object) -> Iterator[TestClient]:
    """A TestClient over the app serving ``path`` (started, so its lifespan opens the store)."""
    app = create_app(str(path), **options)  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
