"""A small hand-built corpus for the query and export tests: who did what to whom, on which day.

Each document is one sentence per event or quote, so every evidence span slices its text.
``build_corpus`` writes it into a store; ``add_story`` and ``add_merged_event`` add the rows
linking would write (the tests only read those tables). Its events predate the event classifier
(no confidence); ``rated_document`` is one more document whose events it rated.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from newsgraph.model import (
    Analysis,
    Document,
    Entity,
    Event,
    EventSource,
    MergedEvent,
    Provenance,
    Quote,
    Span,
    Title,
    content_id,
    to_dict,
)
from newsgraph.store import Store
from newsgraph.store.schema import merged_event_members, merged_events, stories, story_documents

PROV = Provenance(stage="test", stage_version="1")

ENTITIES = {
    "ent_putin": Entity(
        id="ent_putin",
        name="Vladimir Putin",
        kind="person",
        provenance=PROV,
        country="RUS",
        aliases=("Putin",),
        titles=(Title(title="President", affiliation="RUS", as_of="2019-03-01"),),
    ),
    "ent_zelensky": Entity(
        id="ent_zelensky",
        name="Volodymyr Zelensky",
        kind="person",
        provenance=PROV,
        country="UKR",
        aliases=("Zelensky",),
    ),
    "ent_xi": Entity(id="ent_xi", name="Xi Jinping", kind="person", provenance=PROV, country="CHN", aliases=("Xi",)),
    "ent_kim1": Entity(id="ent_kim1", name="Kim", kind="person", provenance=PROV, country="PRK"),
    "ent_kim2": Entity(id="ent_kim2", name="Kim", kind="person", provenance=PROV, country="KOR"),
    "ent_moscow": Entity(
        id="ent_moscow", name="Moscow", kind="place", provenance=PROV, country="RUS", latitude=55.75, longitude=37.62
    ),
}


@dataclass(frozen=True)
class Ev:
    type: str
    actor: str
    recipient: str | None
    mode: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Qu:
    speaker: str
    words: str
    kind: str = "direct"


def document(n: int, day: str, facts: list[Ev | Qu], source: str = "Example News") -> Analysis:
    """Document ``n`` published on ``day`` with one sentence per fact."""
    sentences = []
    for fact in facts:
        if isinstance(fact, Ev):
            other = ENTITIES[fact.recipient].name if fact.recipient else "nobody"
            sentences.append(f"{ENTITIES[fact.actor].name} did {fact.type.lower()} to {other} (doc {n}).")
        else:
            sentences.append(f'"{fact.words}," said {ENTITIES[fact.speaker].name} (doc {n}).')
    text = " ".join(sentences)
    doc = Document(
        id=f"doc_{n:04d}",
        text=text,
        source=source,
        title=f"Story number {n}",
        url=f"https://example.org/{n}",
        published=day,
    )
    events, quotes, named = [], [], set()
    start = 0
    for i, (fact, sentence) in enumerate(zip(facts, sentences, strict=True)):
        span = Span.of(text, start, start + len(sentence))
        start += len(sentence) + 1
        if isinstance(fact, Ev):
            named |= {fact.actor, *filter(None, [fact.recipient, fact.place])}
            events.append(
                Event(
                    id=content_id("evt", doc.id, i),
                    document_id=doc.id,
                    type=fact.type,
                    mode=fact.mode,
                    evidence=span,
                    provenance=PROV,
                    actors=(fact.actor,),
                    recipients=(fact.recipient,) if fact.recipient else (),
                    place=fact.place,
                    cameo="042" if fact.type == "CONSULT" else None,
                )
            )
        else:
            named.add(fact.speaker)
            words = Span.of(text, span.start, span.start + len(fact.words) + 3)
            quotes.append(
                Quote(
                    id=content_id("quo", doc.id, i),
                    document_id=doc.id,
                    span=words,
                    kind=fact.kind,
                    provenance=PROV,
                    speaker_entity_id=fact.speaker,
                )
            )
    return Analysis(
        document=doc, entities=tuple(ENTITIES[e] for e in sorted(named)), events=tuple(events), quotes=tuple(quotes)
    )


CORPUS = [
    document(
        1,
        "2019-01-10",
        [Ev("CONSULT", "ent_putin", "ent_xi", "visit", "ent_moscow"), Qu("ent_putin", "We are friends")],
    ),
    document(
        2, "2019-03-05", [Ev("ASSAULT", "ent_putin", "ent_zelensky"), Qu("ent_zelensky", "We will resist", "indirect")]
    ),
    document(3, "2019-03-05", [Ev("ACCUSE", "ent_zelensky", "ent_putin")], source="Other Wire"),
    document(4, "2019-12-31", [Ev("CONSULT", "ent_putin", "ent_xi"), Ev("AID", "ent_xi", "ent_putin")]),
    document(5, "2020-02-01", [Ev("THREATEN", "ent_kim1", "ent_kim2"), Qu("ent_putin", "Peace is near")]),
]


def _rated(event: Event, confidence: float, background: bool = False) -> Event:
    provenance = dataclasses.replace(event.provenance, confidence=confidence)
    return dataclasses.replace(event, provenance=provenance, background=background)


def rated_document() -> Analysis:
    """2019-06-01: a sure CONSULT, a doubtful ASSAULT and a sure but background ACCUSE."""
    base = document(
        6,
        "2019-06-01",
        [
            Ev("CONSULT", "ent_putin", "ent_xi", place="ent_moscow"),
            Ev("ASSAULT", "ent_putin", "ent_zelensky"),
            Ev("ACCUSE", "ent_zelensky", "ent_putin"),
        ],
    )
    sure, doubtful, history = base.events
    events = (_rated(sure, 0.9), _rated(doubtful, 0.3), _rated(history, 0.8, background=True))
    return dataclasses.replace(base, events=events)


def build_corpus(store: Store) -> None:
    store.add_many(CORPUS)


def add_story(store: Store, story_id: str, document_ids: list[str], first: str, last: str) -> None:
    with store.write("test story") as conn:
        conn.execute(
            stories.insert(),
            [
                {
                    "id": story_id,
                    "label": f"label of {story_id}",
                    "first_date": first,
                    "last_date": last,
                    "size": len(document_ids),
                    "data": {},
                    "updated_at": "2020-01-01T00:00:00Z",
                }
            ],
        )
        conn.execute(story_documents.insert(), [{"document_id": d, "story_id": story_id} for d in document_ids])


def add_merged_event(store: Store, merged_id: str, members: list[Event], story_id: str | None = None) -> MergedEvent:
    """A merged event of ``members`` (stored event mentions), as linking would write it."""
    first = members[0]
    sources = tuple(
        EventSource(
            event_id=e.id,
            document_id=e.document_id,
            evidence=e.evidence,
            source="Example News",
            url=f"https://example.org/{int(e.document_id[4:])}",
        )
        for e in members
    )
    merged = MergedEvent(
        id=merged_id,
        type=first.type,
        sources=sources,
        mode=first.mode,
        actors=first.actors,
        recipients=first.recipients,
        place=first.place,
        date="2019-12-31",
        articles=len(members),
        outlets=1,
        actor_country="RUS",
        story_id=story_id,
    )
    with store.write("test merged event") as conn:
        conn.execute(
            merged_events.insert(),
            [
                {
                    "id": merged.id,
                    "type": merged.type,
                    "mode": merged.mode,
                    "date": merged.date,
                    "story_id": story_id,
                    "first_reported": None,
                    "last_reported": None,
                    "articles": merged.articles,
                    "outlets": merged.outlets,
                    "data": to_dict(merged),
                    "updated_at": "2020-01-01T00:00:00Z",
                }
            ],
        )
        conn.execute(
            merged_event_members.insert(),
            [{"event_id": e.id, "merged_id": merged.id, "document_id": e.document_id} for e in members],
        )
    return merged
