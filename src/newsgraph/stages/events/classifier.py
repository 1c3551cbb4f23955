"""The learned check on candidate events: a calibrated logistic model over the candidate's
symbolic features and the spaCy model's word vectors (:mod:`.features`).

Trained by ``make train-events`` (``scripts/train_events.py``) on the train split of our gold set
and our own written sentences; its probability is calibrated on the dev split (Platt scaling),
so a confidence of 0.8 means about 8 in 10 such events are right in type on text it was not
trained on. The weights are small files in :mod:`newsgraph.models` (``events.npz``, with the
model card ``events.json``); nothing is downloaded. Scoring is a sparse dot product and one
matrix product per document, run only on the candidates the rules propose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from newsgraph.models import event_model_card
from newsgraph.ontology.cues import load_sectors
from newsgraph.stages.events.candidates import Candidate
from newsgraph.stages.events.features import candidate_vectors, iter_features

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from spacy.tokens import Doc

    from newsgraph.stages.events.arguments import MentionIndex

__all__ = ["EventClassifier", "Head", "Scores", "load_classifier"]

MODEL_FILE = "events.npz"


@dataclass(frozen=True, slots=True, eq=False)
class Head:
    """One logistic model over the candidates' features: sparse weights by feature index, dense
    weights over the vectors, and a bias."""

    sparse: NDArray[np.float32]
    dense: NDArray[np.float32]
    bias: float

    def logits(self, indices: list[list[int]], vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        sparse = np.array([float(self.sparse[np.array(x, dtype=np.int64)].sum()) if x else 0.0 for x in indices])
        return sparse + (vectors @ self.dense).astype(np.float64) + self.bias


@dataclass(frozen=True, slots=True, eq=False)
class Scores:
    """What the classifier says of each candidate: its calibrated confidence, and whether it is
    background to the news (None where the model has no background head: the rules decide)."""

    confidences: list[float]
    backgrounds: list[bool] | None


@dataclass(frozen=True, slots=True, eq=False)
class EventClassifier:
    """The type check (``event``, calibrated by ``scale`` and ``shift``) and the background
    check (``background``) over one feature vocabulary. ``floor`` is the lowest confidence an
    event is kept at (users filter higher: the card's ``threshold`` is the default)."""

    vocabulary: dict[str, int]
    event: Head
    background: Head | None
    scale: float
    shift: float
    floor: float
    sector_words: frozenset[str]

    def score(self, doc: Doc, candidates: list[Candidate], index: MentionIndex, published: str | None = None) -> Scores:
        """Confidence and background of each candidate of one document."""
        if not candidates:
            return Scores([], [] if self.background is not None else None)
        vocabulary = self.vocabulary
        indices = [
            [i for f in features if (i := vocabulary.get(f)) is not None]
            for features in iter_features(doc, candidates, index, self.sector_words, published)
        ]
        vectors = candidate_vectors(doc, candidates)
        logits = self.event.logits(indices, vectors)
        confidences = [float(p) for p in 1.0 / (1.0 + np.exp(-(self.scale * logits + self.shift)))]
        backgrounds = None
        if self.background is not None:
            backgrounds = [bool(v > 0) for v in self.background.logits(indices, vectors)]
        return Scores(confidences, backgrounds)

    def confidences(
        self, doc: Doc, candidates: list[Candidate], index: MentionIndex, published: str | None = None
    ) -> list[float]:
        """The calibrated probability that each candidate is an event of its type."""
        return self.score(doc, candidates, index, published).confidences


@cache
def load_classifier() -> EventClassifier | None:
    """The shipped classifier, or None when the package has no trained model (rules only)."""
    folder = resources.files("newsgraph.models")
    if not folder.joinpath(MODEL_FILE).is_file():
        return None
    card = event_model_card()
    with folder.joinpath(MODEL_FILE).open("rb") as stream:
        data = np.load(stream, allow_pickle=False)
        vocabulary = {str(f): i for i, f in enumerate(data["vocabulary"])}
        event = Head(data["sparse"].astype(np.float32), data["dense"].astype(np.float32), float(card["bias"]))
        background = None
        if "background_sparse" in data.files:
            background = Head(
                data["background_sparse"].astype(np.float32),
                data["background_dense"].astype(np.float32),
                float(card["background_bias"]),
            )
    calibration = card["calibration"]
    return EventClassifier(
        vocabulary=vocabulary,
        event=event,
        background=background,
        scale=float(calibration["scale"]),
        shift=float(calibration["shift"]),
        floor=float(card["floor"]),
        sector_words=load_sectors().words,
    )
