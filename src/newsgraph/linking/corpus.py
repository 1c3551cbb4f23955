"""Linking across the stored corpus, incrementally: near-duplicates, stories and merged events
for every document stored since the last link, in the order they were stored.

``link_pending`` is what ``api.ingest`` calls after each stored batch and what ``newsgraph link``
runs; ``rebuild`` forgets every link and links the whole store again. Documents are linked one
at a time, in storage order, against what was linked before them, and every piece of state a
later document needs is persisted (signatures and their LSH bands, stories with their centroids
and term frequencies, merged events with their members). So linking in one run, in several runs,
or by a rebuild all give the same links, and re-linking nothing changes nothing.

Each chunk of documents is linked in one transaction together with the watermark (the ``seq``
of the last linked document): an interrupted link resumes where it stopped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

import numpy as np
from sqlalchemy import Connection

from newsgraph.linking import near_duplicates as minhash
from newsgraph.linking.merge import MergeRules, Report, merge_reports
from newsgraph.linking.merged_record import merged_event
from newsgraph.linking.stories import Story, StoryDocument, StoryParameters, StoryState, assign_incrementally
from newsgraph.linking.stories import features as story_features
from newsgraph.model import NearDuplicate
from newsgraph.store import Store
from newsgraph.store import corpus as tables
from newsgraph.store.store import utc_now

__all__ = ["LinkSummary", "link_pending", "outlet", "rebuild", "summary"]

#: Documents linked per transaction: small enough that a rebuild shows progress and an
#: interruption loses little, large enough that each chunk's lookups are batched.
CHUNK = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkSummary:
    """What the corpus holds after linking; ``linked`` says how many documents this run linked."""

    documents: int
    near_duplicates: int
    stories: int
    merged_events: int
    event_mentions: int
    reported_by_several: int
    linked: int = 0

    def describe(self) -> str:
        return (
            f"{self.documents} documents: {self.near_duplicates} near-duplicates, {self.stories} stories, "
            f"{self.merged_events} merged events from {self.event_mentions} event mentions "
            f"({self.reported_by_several} reported by two or more articles)"
        )


def outlet(source: str | None, url: str | None) -> str | None:
    """Who published an article: its source name, else its URL's host (without ``www.``)."""
    if source:
        return source
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# --- near-duplicates ----------------------------------------------------------------------


def _bands(signature: minhash.Signature) -> list[str]:
    """The stored LSH band keys of a signature: a hash of each of ``near_duplicates.bands``."""
    return [
        hashlib.blake2b(bytes([band]) + chunk.astype("<u4").tobytes(), digest_size=8).hexdigest()
        for band, chunk in minhash.bands(signature)
    ]


def _near_duplicate(conn: Connection, document: tables.LinkedDocument, now: str) -> str | None:
    """Index the document's signature; store and return its original if it copies one."""
    signature = minhash.signature(minhash.shingles(document.text))
    bands = _bands(signature)
    # Same rule as NearDuplicateIndex: candidates in id order, the most similar wins.
    candidates = tables.signatures_in_bands(conn, bands).items()
    best = minhash.best_match(
        signature, ((other, np.frombuffer(stored, dtype="<u4").astype(np.uint64)) for other, stored in candidates)
    )
    tables.add_signature(conn, document.id, signature.astype("<u4").tobytes(), bands)
    if best is None:
        return None
    original = tables.originals(conn, [best[1]]).get(best[1], best[1])
    link = NearDuplicate(document_id=document.id, original_id=original, similarity=round(best[0], 4))
    tables.add_near_duplicate(conn, link, now)
    return original


# --- stories ------------------------------------------------------------------------------


def _story(row: tables.StoryRow) -> Story:
    return Story(
        id=row.id,
        documents=row.documents,
        centroid=row.centroid,
        first=_day(row.first_date),
        last=_day(row.last_date),
        label=row.label,
    )


def _row(story: Story) -> tables.StoryRow:
    return tables.StoryRow(
        id=story.id,
        label=story.label,
        first_date=story.first.isoformat() if story.first else None,
        last_date=story.last.isoformat() if story.last else None,
        documents=story.documents,
        centroid=story.centroid,
    )


def _assign_stories(
    conn: Connection, batch: Sequence[tables.LinkedDocument], linked: int, parameters: StoryParameters, now: str
) -> tuple[dict[str, str], int]:
    """Put each document in a story, one at a time (:func:`~newsgraph.linking.stories.assign_incrementally`
    against the stories in the batch's date window); returns document id -> story id and the new
    number of documents in stories."""
    window = timedelta(days=parameters.window_days)
    documents = [StoryDocument(id=d.id, text=d.text, published=_day(d.published)) for d in batch]
    days = [d.published for d in documents]
    if any(day is None for day in days):
        rows = tables.stories_between(conn, None, None)
    else:
        dated = [day for day in days if day is not None]
        rows = tables.stories_between(conn, (min(dated) - window).isoformat(), (max(dated) + window).isoformat())
    known = [_story(row) for row in rows]
    features = [story_features(d) for d in documents]
    frequency = tables.term_frequencies(conn, set().union(*features, *({t for t, _ in s.centroid} for s in known)))
    state = StoryState(stories=tuple(known), document_frequency=frequency, documents=linked)
    after, assigned = assign_incrementally(documents, parameters, state)
    stories = {s.id: s for s in after.stories}
    frequency = dict(after.document_frequency)
    tables.save_stories(conn, [_row(stories[k]) for k in sorted(set(assigned.values()))], assigned, now)
    tables.save_term_frequencies(conn, {t: frequency[t] for t in set().union(*features)})
    return assigned, after.documents


# --- merged events ------------------------------------------------------------------------


def _merge_events(
    conn: Connection, batch_ids: Sequence[str], story_ids: Sequence[str], rules: MergeRules, now: str
) -> None:
    existing = tables.mentions(conn, story_ids=story_ids)
    new = tables.mentions(conn, document_ids=batch_ids)
    participants = {
        i for m in (*existing, *new) for i in (*m.event.actors, *m.event.recipients, m.event.place) if i is not None
    }
    entities = tables.entities_by_id(conn, participants)

    def report(m: tables.MentionRow) -> Report:
        return Report.of(
            m.event,
            story_id=m.story_id,
            order=(m.document.seq, m.position),
            outlet=outlet(m.document.source, m.document.url),
            url=m.document.url,
            published=m.document.published,
            original=m.original_id or m.document.id,
            entities=entities,
        )

    clusters: dict[str, list[Report]] = {}
    for m in existing:
        assert m.merged_id is not None  # mentions(story_ids=...) returns merged members only
        clusters.setdefault(m.merged_id, []).append(report(m))
    ordered = sorted(clusters.values(), key=lambda members: members[0].order)
    fresh = {m.event.id for m in new}
    changed = []
    for members in merge_reports(ordered, [report(m) for m in new], rules):
        added = [(r.event.id, r.document_id) for r in members if r.event.id in fresh]
        if added:
            changed.append((merged_event(members), added))
    tables.save_merged_events(conn, changed, now)


# --- the whole --------------------------------------------------------------------------------


def link_pending(
    store: Store,
    *,
    chunk: int = CHUNK,
    parameters: StoryParameters | None = None,
    rules: MergeRules | None = None,
    progress: Callable[[int], None] | None = None,
    clock: Callable[[], str] = utc_now,
) -> int:
    """Link every document stored since the last link; returns how many were linked.
    ``progress`` is called with the running count after each chunk."""
    parameters = parameters or StoryParameters()
    rules = rules or MergeRules()
    done = 0
    while True:
        with store.write("the documents of this chunk stay unlinked; run `newsgraph link` to link them") as conn:
            seq, linked = tables.read_progress(conn)
            batch = tables.pending_documents(conn, seq, chunk)
            if not batch:
                return done
            now = clock()
            for document in batch:
                _near_duplicate(conn, document, now)
            assigned, linked = _assign_stories(conn, batch, linked, parameters, now)
            _merge_events(conn, [d.id for d in batch], sorted(set(assigned.values())), rules, now)
            tables.save_progress(conn, batch[-1].seq, linked, now)
        done += len(batch)
        if progress is not None:
            progress(done)


def rebuild(
    store: Store,
    *,
    chunk: int = CHUNK,
    parameters: StoryParameters | None = None,
    rules: MergeRules | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Forget every link and link the whole store again; returns how many documents were linked.
    The clearing is its own transaction: if the relink is interrupted, `newsgraph link` resumes it."""
    with store.write("the links were not cleared") as conn:
        tables.clear(conn)
    return link_pending(store, chunk=chunk, parameters=parameters, rules=rules, progress=progress)


def summary(store: Store, linked: int = 0) -> LinkSummary:
    with store.read() as conn:
        return LinkSummary(**tables.counts(conn), linked=linked)
