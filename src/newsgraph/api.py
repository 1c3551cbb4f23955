"""The Python API: what the CLI (and later the REST API) call. Orchestration only.

>>> import newsgraph.api as ng
>>> for result in ng.extract(["article.txt"]):          # doctest: +SKIP
...     print(result.document.title, len(result.mentions))
>>> summary = ng.ingest(["feeds.txt", "saved/"], db="news.db")  # doctest: +SKIP
>>> print(summary.describe())                          # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, Protocol

from newsgraph.ingest.inputs import read_all
from newsgraph.ingest.jsonl import FieldMap, jsonl_reader
from newsgraph.ingest.readers import READERS
from newsgraph.linking import Linker
from newsgraph.linking.corpus import link_pending
from newsgraph.model import Analysis, Document, Rejection
from newsgraph.pipeline import registry
from newsgraph.pipeline.nlp import load_model
from newsgraph.pipeline.runner import ErrorPolicy, Pipeline
from newsgraph.store import Store, open_store

if TYPE_CHECKING:
    from newsgraph.ingest.source import RawInput

__all__ = ["IngestSummary", "ReadOptions", "Runner", "build_pipeline", "extract", "ingest", "open_store"]

DEFAULT_DB = "newsgraph.db"

Fetch = Callable[[str], Iterator["RawInput"]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """How inputs are read: ``format`` forces a reader instead of sniffing the content, and
    ``fields`` maps JSONL fields (``("text=body", "published=date")``)."""

    format: str | None = None
    fields: tuple[str, ...] = ()

    def read(
        self, specs: Iterable[str], *, fetch: Fetch | None, stdin: BinaryIO | None
    ) -> Iterator[Document | Rejection]:
        readers = READERS
        if self.fields:
            readers = {**READERS, "jsonl": jsonl_reader(FieldMap.parse(self.fields))}
        return read_all(specs, fetch=fetch, stdin=stdin, format=self.format, readers=readers)


class Runner(Protocol):
    """What runs the analysis: the sequential :class:`Pipeline`, or the Dask runner
    (:class:`newsgraph.scale.dask.DaskRunner`). Both yield one result per document; the Dask one
    in the order batches finish."""

    batch_size: int

    def run(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]: ...


def build_pipeline(
    *,
    model: str | None = None,
    stages: Sequence[str] | None = None,
    batch_size: int = 16,
    on_error: ErrorPolicy = "reject",
) -> Pipeline:
    """The spaCy model (loaded once per process) and the named stages (default: all)."""
    names = registry.DEFAULT_STAGES if stages is None else stages
    return Pipeline(load_model(model), [registry.create(n) for n in names], batch_size=batch_size, on_error=on_error)


def extract(
    specs: Iterable[str],
    *,
    pipeline: Pipeline | None = None,
    fetch: Fetch | None = None,
    stdin: BinaryIO | None = None,
    options: ReadOptions = ReadOptions(),
) -> Iterator[Analysis | Rejection]:
    """Read and analyse articles without storing them: one result per article or bad input."""
    pipeline = pipeline or build_pipeline()
    documents: list[Document] = []
    for item in options.read(specs, fetch=fetch, stdin=stdin):
        if isinstance(item, Rejection):
            yield from pipeline.run(documents)
            documents = []
            yield item
        else:
            documents.append(item)
            if len(documents) >= pipeline.batch_size:
                yield from pipeline.run(documents)
                documents = []
    yield from pipeline.run(documents)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did; counts only go up while it runs (the progress display reads them)."""

    seen: int = 0
    stored: int = 0
    already_stored: int = 0
    repeated: int = 0
    rejected: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def duplicates(self) -> int:
        return self.already_stored + self.repeated

    def reject(self, rejection: Rejection) -> None:
        self.rejected += 1
        self.rejected_by_reason[rejection.reason] = self.rejected_by_reason.get(rejection.reason, 0) + 1

    def describe(self, db: str = DEFAULT_DB) -> str:
        """The closing summary line(s) the CLI prints."""
        line = f"{self.seen} seen, {self.stored} stored, {self.duplicates} duplicates, {self.rejected} rejected"
        notes = []
        if self.seen and self.already_stored == self.seen:
            notes.append(f"all {self.seen} documents were already in {db}; nothing new to store")
        elif self.already_stored:
            notes.append(f"{self.already_stored} already in {db}")
        if self.repeated:
            notes.append(f"{self.repeated} repeated within this input")
        if self.rejected:
            reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.rejected_by_reason.items()))
            notes.append(f"rejected: {reasons}; list them with `newsgraph rejections --db {db}`")
        return "\n".join([line, *notes])


class _BatchDedup:
    """Documents seen earlier in this run (the store only knows what was committed). Keyed like
    the store's own check (``Document.text_hash``, the URL), so memory holds a hash per document,
    not its whole text."""

    def __init__(self) -> None:
        self._keys: set[str] = set()

    def seen(self, document: Document) -> bool:
        keys = {"text:" + document.text_hash}
        if document.url:
            keys.add("url:" + document.url)
        if keys & self._keys:
            return True
        self._keys |= keys
        return False


#: Stored documents between two corpus links during an ingest: linking reloads the stories of
#: the batch's date window each time, so linking every small batch would cost the main process
#: (which, with a Dask runner, shares the machine with the workers) several times more.
LINK_EVERY = 64


def ingest(
    specs: Iterable[str],
    *,
    db: str | Store = DEFAULT_DB,
    pipeline: Runner | None = None,
    fetch: Fetch | None = None,
    stdin: BinaryIO | None = None,
    options: ReadOptions = ReadOptions(),
    summary: IngestSummary | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    link: bool = True,
) -> IngestSummary:
    """Read, deduplicate, analyse and store articles; returns what happened.

    Known documents are skipped before the (expensive) analysis. Each batch is written in one
    transaction, so an interrupted run loses at most the batch in flight, and running the same
    command again resumes: what was stored is recognised as already there. Every ``LINK_EVERY``
    stored documents, and at the end, what was stored is linked across the corpus
    (near-duplicates, stories, merged events: ``linking.corpus.link_pending``) in its own
    transactions; at the end also anything an earlier, interrupted run left unlinked. With
    ``link=False`` nothing is linked: ``linking.corpus.link_pending`` (``newsgraph link``) does
    it later, in one pass.
    Pass ``summary`` to keep the counts if the run is interrupted, and ``progress`` to be called
    after each input (the CLI's progress display is).
    """
    summary = summary if summary is not None else IngestSummary()
    store = open_store(db) if isinstance(db, str) else db
    try:
        pipeline = pipeline or build_pipeline()
        fresh = _fresh_documents(options.read(specs, fetch=fetch, stdin=stdin), store, summary, progress)
        batch: list[Analysis] = []
        linker = Linker(store.people_named)  # short names -> the corpus's one full name
        unlinked = 0
        for result in pipeline.run(fresh):
            if isinstance(result, Rejection):
                summary.reject(result)
                store.add_rejection(result)
                continue
            batch.append(linker.link(result))
            if len(batch) >= pipeline.batch_size:
                unlinked += _store(store, batch, summary)
                batch = []
                if link and unlinked >= LINK_EVERY:
                    link_pending(store)
                    unlinked = 0
        _store(store, batch, summary)
        if link:
            link_pending(store)  # this run's last documents, and any an earlier, interrupted run left
    finally:
        if isinstance(db, str):
            store.close()
    return summary


def _fresh_documents(
    items: Iterable[Document | Rejection],
    store: Store,
    summary: IngestSummary,
    progress: Callable[[IngestSummary], None] | None,
) -> Iterator[Document]:
    """The documents not stored yet and not seen earlier in this run; rejections are recorded."""
    dedup = _BatchDedup()
    for item in items:
        if progress is not None:
            progress(summary)
        if isinstance(item, Rejection):
            summary.reject(item)
            store.add_rejection(item)
            continue
        summary.seen += 1
        if store.find_duplicate(item) is not None:
            summary.already_stored += 1
        elif dedup.seen(item):
            summary.repeated += 1
        else:
            yield item


def _store(store: Store, analyses: list[Analysis], summary: IngestSummary) -> int:
    """One batch, one transaction; returns how many documents it stored."""
    if not analyses:
        return 0
    added = store.add_many(analyses)
    summary.stored += sum(added)
    summary.already_stored += len(added) - sum(added)
    return sum(added)
