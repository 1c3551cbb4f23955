"""Story clusters: the articles about one real-world story, built incrementally as batches arrive.

A document is a sparse TF-IDF vector of two channels, each scaled to unit length before the whole
is normalised:

- words: lower-cased content words (stop words and one- or two-letter words left out), with
  sublinear term frequency;
- names: the entities the caller gives (``StoryDocument.entities``), or else the capitalised
  words inside sentences and the numbers of the text — what tells two earthquakes on the same
  island apart is mostly names, dates and figures. Weighted by ``name_weight``.

The lead (the first ``lead`` characters, cut back to whole tokens) is counted twice: news says
what happened first, the rest is background shared with earlier events of the same kind. This
changes counts only, never which features a document has.

IDF comes from document frequencies kept in the state and updated per batch, so a new batch
never recomputes what was built before. A batch is clustered first (average linkage on cosine,
:mod:`newsgraph.linking.agglomerative`, so the result does not depend on the order documents
come in), then each batch cluster joins the existing story whose centroid it is most similar to
when that is at least ``join_threshold``, else it becomes a new story. In that join, a cluster
and a story that both name years (1900-2099 among their name features) but no year in common
lose ``year_penalty`` of similarity: reports of two events of the same kind (the same
championship, a second election) are told apart by their dates. Time: two dated documents (or a
document and a story's date span) further apart than ``window_days`` are never joined; undated
ones pass.

Linking a store assigns documents one at a time (:func:`assign_incrementally`), so what users get
is mostly the join step: a document against story centroids. A centroid's cosine rewards big
stories more than average linkage does, so that step over-merges at the batch threshold and has
its own. Scored on ECB+ (``newsgraph eval stories``, B³ F1, documents in name order; mean and min
over 5 shuffled orders; "train x / y" is name order / mean of the 5 orders):

- ``threshold`` 0.2 and ``name_weight`` 1.0 from a grid on one batch: 0.893 train, 0.902 all 33;
- ``join_threshold`` from a grid on train topics only, one at a time (0.2-0.35 x name weight 1,
  1.5): 0.25 gives 0.896 train (mean 0.897, min 0.874), 0.889 dev (mean 0.885, min 0.849), 0.893
  all 33 (mean 0.889, min 0.872), against 0.870 / 0.881 / 0.873 at 0.2. Tried on train and left
  out: scaling centroid-document similarity by the story's cohesion (an estimate of average
  linkage; 0.877 at 0.2), weighing a story's names by 1 + a·ln(size) (a = 0.5, 1: 0.870, 0.867);
- then, one knob at a time on train (from 0.896 / 0.897): ``lead`` 200, 300, 400, 600 characters
  gives 0.893 / 0.900, 0.901 / 0.898, 0.899 / 0.900, 0.895 / 0.898 (the lead three times: 0.899 /
  0.898; lead 400 with ``join_threshold`` 0.26-0.28: 0.884-0.889 / 0.902-0.905); all 33 with
  lead 300: 0.896 / 0.891. ``year_penalty`` on top of lead 300: 0.03, 0.05, 0.08, 0.12 give
  0.901 / 0.902, 0.905 / 0.902, 0.911 / 0.905, 0.903 / 0.906; forbidding such joins 0.861 /
  0.873. Kept: lead 300, penalty 0.08. The eval then gives, name order / mean /
  min of 5 orders / one batch: train 0.910 / 0.905 / 0.888 / 0.897, dev 0.875 / 0.892 / 0.871 /
  0.936, all 33 topics 0.904 / 0.902 / 0.884 / 0.901 (dev in name order lost 0.014, its mean
  gained 0.007: dev has 16 gold stories, one wrong merge moves it by that much).

Tried for the one-at-a-time path on train and left out (name order / mean of 5 orders):

- a join threshold growing or shrinking with the story's size n, ``join_threshold`` ·
  sqrt(n / (1 + (n - 1)ρ)) (average linkage's threshold seen through the centroid, for a fixed
  cohesion ρ): ρ 0.5 or 0.3 with 0.18-0.22, 0.863-0.874 / 0.873-0.894; ρ 1.5 or 2 with 0.27,
  0.3, 0.885-0.892 / 0.883-0.899;
- centroids as the sum of IDF-weighted document vectors fixed when each joins (mean of TF-IDF
  vectors) instead of IDF applied at compare time: 0.870 / 0.876, 0.898 / 0.891, 0.875 / 0.891
  at 0.2, 0.25, 0.3;
- 1000 centroid terms instead of 400: 0.896 / 0.897;
- (diagnostic, not a product option) document frequencies of all train documents known from the
  start: 0.884 / 0.902 — early IDF is not what loses against one batch;
- not tried: similarity to a story's member documents (average or max) and merging two stories a
  new document bridges — both need what the store does not keep (members' vectors; deleting a
  stored story and moving its documents and merged events).

Each story carries its centroid (the sum of its documents' unit vectors, truncated to the top
terms), a label (top names, then top words) and its date span. All state is frozen plain data.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph.linking.agglomerative import FORBIDDEN, average_linkage

__all__ = [
    "Story",
    "StoryDocument",
    "StoryParameters",
    "StoryState",
    "assign_incrementally",
    "cluster_stories",
    "features",
    "names",
    "words",
]

_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_TOKEN = re.compile(r"\w[\w'.,-]*\w|\w", re.UNICODE)
_NUMBER = re.compile(r"\d[\d.,]*")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*$")
#: Name features are kept apart from word features by this prefix (no word starts with it).
NAME = "@"
#: A name feature that is a year (1900-2099).
_YEAR = re.compile(re.escape(NAME) + r"(?:19|20)\d\d")
#: How many centroid features a story keeps (enough to compare; bounded to persist).
CENTROID_TERMS = 400
#: Stories a document is compared with when assigned on its own: cluster_stories re-weighs every
#: story it is given, so a busy week (hundreds of stories in the date window) would cost seconds
#: per document.
SHORTLIST = 32


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryDocument:
    """What story clustering needs of a document; ``entities`` empty: names are guessed."""

    id: str
    text: str
    published: date | None = None
    entities: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryParameters:
    """The knobs (defaults chosen on ECB+: see the module docstring). ``threshold`` is the
    average linkage inside a batch; ``join_threshold`` the cosine a batch cluster (one document
    when linking a store) needs with a story's centroid to join it, less ``year_penalty`` when
    both name years but none in common; ``lead``: how many first characters count twice (0:
    none)."""

    threshold: float = 0.2
    join_threshold: float = 0.25
    name_weight: float = 1.0
    window_days: int = 7
    lead: int = 300
    year_penalty: float = 0.08


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """One story: its documents in arrival order, centroid, label and date span."""

    id: str
    documents: tuple[str, ...]
    centroid: tuple[tuple[str, float], ...]
    first: date | None
    last: date | None
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryState:
    """All stories so far and the document frequencies their TF-IDF needs."""

    stories: tuple[Story, ...] = ()
    document_frequency: Mapping[str, int] = field(default_factory=dict)
    documents: int = 0

    def story_of(self) -> dict[str, str]:
        """Document id -> story id."""
        return {doc: story.id for story in self.stories for doc in story.documents}


def words(text: str) -> Counter[str]:
    """The counted content words of a text, lower-cased."""
    found = (w.lower() for w in _WORD.findall(text))
    return Counter(w for w in found if len(w) > 2 and w not in STOP_WORDS)


def names(text: str) -> Counter[str]:
    """Capitalised words that do not start a sentence, and numbers: a cheap stand-in for entities."""
    found: Counter[str] = Counter()
    starts = True
    for token in _TOKEN.findall(text) if text else ():
        if _NUMBER.fullmatch(token) or (not starts and token[:1].isupper() and token.lower() not in STOP_WORDS):
            found[token.lower()] += 1
        starts = bool(_SENTENCE_END.search(token))
    return found


def _unit(counts: Mapping[str, float], scale: float = 1.0) -> dict[str, float]:
    weights = {t: 1.0 + math.log(c) for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: scale * w / norm for t, w in weights.items()}


def _lead(text: str, characters: int) -> str:
    """The text's first ``characters`` cut back to a space, so that it holds only whole tokens
    (its features are features of the whole text); all of a shorter text, none if ``characters``
    is 0."""
    if characters <= 0 or len(text) <= characters:
        return text if characters > 0 else ""
    return text[: text.rfind(" ", 0, characters + 1) + 1]


def _features(document: StoryDocument, lead: int = 0) -> Counter[str]:
    counts = words(document.text)
    entities = Counter(e.lower() for e in document.entities) if document.entities else names(document.text)
    head = _lead(document.text, lead)
    if head:
        counts.update(words(head))
        if not document.entities:
            entities.update(names(head))
    counts.update({NAME + e: c for e, c in entities.items()})
    return counts


def features(document: StoryDocument) -> frozenset[str]:
    """The features :func:`cluster_stories` counts for a document (words, and names prefixed ``@``)."""
    return frozenset(_features(document))


def _vector(counts: Counter[str], name_weight: float) -> dict[str, float]:
    plain = {t: float(c) for t, c in counts.items() if not t.startswith(NAME)}
    named = {t: float(c) for t, c in counts.items() if t.startswith(NAME)}
    return {**_unit(plain), **_unit(named, name_weight)}


@dataclass(slots=True)
class _Group:
    """Documents and centroid of a story or batch cluster while a batch is assigned."""

    id: str
    documents: list[str]
    centroid: dict[str, float]
    first: date | None
    last: date | None

    @classmethod
    def thaw(cls, story: Story) -> _Group:
        return cls(story.id, list(story.documents), dict(story.centroid), story.first, story.last)

    def near(self, other: _Group, window: timedelta) -> bool:
        if None in (self.first, self.last, other.first, other.last):
            return True
        assert self.first and self.last and other.first and other.last
        return self.first - window <= other.last and other.first <= self.last + window

    def absorb(self, other: _Group) -> None:
        self.documents.extend(other.documents)
        for t, w in other.centroid.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + w
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        self.first, self.last = (min(days), max(days)) if days else (None, None)

    def freeze(self, idf: Mapping[str, float]) -> Story:
        ranked = sorted(self.centroid.items(), key=lambda tw: (-tw[1] * idf.get(tw[0], 1.0), tw[0]))
        return Story(
            id=self.id,
            documents=tuple(self.documents),
            centroid=tuple((t, round(w, 6)) for t, w in ranked[:CENTROID_TERMS]),
            first=self.first,
            last=self.last,
            label=_label(t for t, _ in ranked),
        )


def _label(ranked: Iterable[str]) -> str:
    """Headline-like: up to three top names, then up to three top words they do not already say."""
    top_names: list[str] = []
    top_words: list[str] = []
    for term in ranked:
        if term.startswith(NAME):
            if len(top_names) < 3:
                top_names.append(term[1:].title())
        elif len(top_words) < 3 and term not in {n.lower() for n in top_names}:
            top_words.append(term)
        if len(top_names) == 3 and len(top_words) == 3:
            break
    if top_names and top_words:
        return f"{', '.join(top_names)}: {' '.join(top_words)}"
    return ", ".join(top_names) or " ".join(top_words)


def _weighted(vector: Mapping[str, float], idf: Mapping[str, float]) -> dict[str, float]:
    weighted = {t: w * idf.get(t, 1.0) for t, w in vector.items()}
    norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
    return {t: w / norm for t, w in weighted.items()}


def _similarities(groups: Sequence[_Group], idf: Mapping[str, float]) -> np.ndarray:
    """Cosine similarities of the groups' IDF-weighted centroids (features shared by two or more)."""
    vectors = [_weighted(g.centroid, idf) for g in groups]
    shared = Counter(t for v in vectors for t in v)
    vocabulary = {t: i for i, t in enumerate(sorted(t for t, n in shared.items() if n > 1))}
    matrix = np.zeros((len(groups), max(len(vocabulary), 1)), dtype=np.float64)
    for row, vector in enumerate(vectors):
        for t, w in vector.items():
            if t in vocabulary:
                matrix[row, vocabulary[t]] = w
    result: np.ndarray = matrix @ matrix.T
    return result


def _cross(rows: Sequence[_Group], columns: Sequence[_Group], idf: Mapping[str, float]) -> np.ndarray:
    """Cosine similarities of each of ``rows`` with each of ``columns`` (IDF-weighted centroids)."""
    left = [_weighted(g.centroid, idf) for g in rows]
    right = [_weighted(g.centroid, idf) for g in columns]
    result = np.zeros((len(rows), len(columns)), dtype=np.float64)
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            small, big = (a, b) if len(a) <= len(b) else (b, a)
            result[i, j] = sum(w * big[t] for t, w in small.items() if t in big)
    return result


def _years(group: _Group) -> frozenset[str]:
    return frozenset(t for t in group.centroid if _YEAR.fullmatch(t))


def _year_penalties(rows: Sequence[_Group], columns: Sequence[_Group], penalty: float) -> np.ndarray:
    """``penalty`` where both of a pair name years and share none, else 0."""
    result = np.zeros((len(rows), len(columns)), dtype=np.float64)
    if penalty:
        right = [_years(g) for g in columns]
        for i, row in enumerate(rows):
            left = _years(row)
            for j, years in enumerate(right):
                if left and years and not left & years:
                    result[i, j] = penalty
    return result


def cluster_stories(
    batch: Sequence[StoryDocument],
    state: StoryState | None = None,
    parameters: StoryParameters | None = None,
) -> StoryState:
    """The state after adding ``batch`` to the stories of ``state`` (or to new ones).

    A new story's id is ``story:`` + the id of its first document (by date, then id). Documents
    already in ``state`` are ignored, so re-running a batch changes nothing."""
    state = state or StoryState()
    parameters = parameters or StoryParameters()
    known = set(state.story_of())
    fresh = sorted(
        {d.id: d for d in batch if d.id not in known}.values(), key=lambda d: (d.published or date.min, d.id)
    )
    if not fresh:
        return state
    counts = [_features(d, parameters.lead) for d in fresh]
    frequency = Counter(dict(state.document_frequency))
    for c in counts:
        frequency.update(c.keys())
    total = state.documents + len(fresh)
    idf = {t: math.log((1 + total) / (1 + n)) + 1.0 for t, n in frequency.items()}
    window = timedelta(days=parameters.window_days)
    singles = [
        _Group(f"story:{d.id}", [d.id], _vector(c, parameters.name_weight), d.published, d.published)
        for d, c in zip(fresh, counts, strict=True)
    ]
    similarity = _similarities(singles, idf)
    for i, a in enumerate(singles):
        for j, b in enumerate(singles):
            if not a.near(b, window):
                similarity[i, j] = FORBIDDEN
    labels = average_linkage(similarity, parameters.threshold)
    clusters: list[_Group] = []
    for label, single in zip(labels, singles, strict=True):
        if label == len(clusters):
            clusters.append(single)
        else:
            clusters[label].absorb(single)
    stories = [_Group.thaw(s) for s in state.stories]
    # Only stories that gain documents are frozen again (re-ranking centroids is most of the
    # cost when one document is assigned against many stories).
    old = len(stories)
    changed: set[int] = set()
    if stories and clusters:
        joint = _cross(clusters, stories, idf) - _year_penalties(clusters, stories, parameters.year_penalty)
        for row, cluster in enumerate(clusters):
            order = np.argsort(-joint[row], kind="stable")
            target = next((int(k) for k in order if stories[k].near(cluster, window)), None)
            if target is not None and joint[row, target] >= parameters.join_threshold:
                stories[target].absorb(cluster)
                changed.add(target)
                continue
            stories.append(cluster)
    else:
        stories.extend(clusters)
    return replace(
        state,
        stories=tuple(g.freeze(idf) if i in changed or i >= old else state.stories[i] for i, g in enumerate(stories)),
        document_frequency=dict(frequency),
        documents=total,
    )


def _near(story: Story, day: date | None, window: timedelta) -> bool:
    if day is None or story.first is None or story.last is None:
        return True
    return story.first - window <= day <= story.last + window


def _shortlist(
    stories: Sequence[Story], terms: frozenset[str], frequency: Mapping[str, int], documents: int
) -> tuple[Story, ...]:
    """The ``SHORTLIST`` stories sharing the most IDF weight of features with the document (in
    id order). A story sharing no feature has similarity 0 and could never be joined, so with
    fewer stories than that the result is exactly what comparing with all of them gives."""
    if len(stories) <= SHORTLIST:
        return tuple(stories)
    weight = {t: math.log((1 + documents) / (1 + frequency.get(t, 0))) + 1.0 for t in terms}
    scored = [(-sum(weight[t] for t, _ in s.centroid if t in weight), s.id, s) for s in stories]
    best = sorted(scored, key=lambda x: (x[0], x[1]))[:SHORTLIST]
    return tuple(sorted((s for _, _, s in best), key=lambda s: s.id))


def assign_incrementally(
    documents: Sequence[StoryDocument],
    parameters: StoryParameters | None = None,
    state: StoryState | None = None,
) -> tuple[StoryState, dict[str, str]]:
    """Put each document in a story one at a time, in the given order, against the stories so
    far: what linking a stored corpus does (:mod:`newsgraph.linking.corpus`). Returns the state
    after (stories in id order) and document id -> story id for the documents placed.

    Per document: the stories of ``state`` within ``window_days`` of its date, cut to the
    :data:`SHORTLIST` sharing the most features with it, then :func:`cluster_stories` of the
    document alone against them. Unlike one batch, the result depends on the order.

    ``state.document_frequency`` need only hold the features of ``documents`` and of the
    centroids of ``state.stories`` (the store loads no more); it is updated for each document.
    Documents already in a story of ``state``, or repeated, are skipped."""
    parameters = parameters or StoryParameters()
    state = state or StoryState()
    window = timedelta(days=parameters.window_days)
    known = {s.id: s for s in state.stories}
    frequency = dict(state.document_frequency)
    linked = state.documents
    placed = set(state.story_of())
    assigned: dict[str, str] = {}
    for document in documents:
        if document.id in placed:
            continue
        placed.add(document.id)
        terms = features(document)
        near = [known[k] for k in sorted(known) if _near(known[k], document.published, window)]
        candidates = _shortlist(near, terms, frequency, linked)
        # Only the frequencies this document needs: cluster_stories copies and weighs all it gets.
        needed = terms.union(*({t for t, _ in s.centroid} for s in candidates))
        subset = {t: frequency[t] for t in needed if t in frequency}
        after = cluster_stories(
            [document], StoryState(stories=candidates, document_frequency=subset, documents=linked), parameters
        )
        story = next(s for s in after.stories if document.id in s.documents)
        known[story.id] = story
        assigned[document.id] = story.id
        for term in terms:
            frequency[term] = frequency.get(term, 0) + 1
        linked += 1
    stories = tuple(known[k] for k in sorted(known))
    return StoryState(stories=stories, document_frequency=frequency, documents=linked), assigned
