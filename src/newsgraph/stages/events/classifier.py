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

__all__ = ["EventClassifier", "load_classifier"]

MODEL_FILE = "events.npz"


@dataclass(frozen=True, slots=True, eq=False)
class EventClassifier:
    """Weights of the logistic model and its calibration. ``floor`` is the lowest confidence an
    event is kept at (users filter higher: the card's ``threshold`` is the default)."""

    vocabulary: dict[str, int]
    sparse: NDArray[np.float32]
    dense: NDArray[np.float32]
    bias: float
    scale: float
    shift: float
    floor: float
    sector_words: frozenset[str]

    def logits(
        self, doc: Doc, candidates: list[Candidate], index: MentionIndex, published: str | None = None
    ) -> NDArray[np.float64]:
        """The model's raw scores (before calibration), one per candidate."""
        if not candidates:
            return np.zeros(0)
        vocabulary = self.vocabulary
        sparse = np.array(
            [
                sum(float(self.sparse[i]) for f in features if (i := vocabulary.get(f)) is not None)
                for features in iter_features(doc, candidates, index, self.sector_words, published)
            ]
        )
        dense = candidate_vectors(doc, candidates) @ self.dense
        return sparse + dense.astype(np.float64) + self.bias

    def confidences(
        self, doc: Doc, candidates: list[Candidate], index: MentionIndex, published: str | None = None
    ) -> list[float]:
        """The calibrated probability that each candidate is an event of its type."""
        logits = self.logits(doc, candidates, index, published)
        return [float(p) for p in 1.0 / (1.0 + np.exp(-(self.scale * logits + self.shift)))]


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
        sparse = data["sparse"].astype(np.float32)
        dense = data["dense"].astype(np.float32)
    calibration = card["calibration"]
    return EventClassifier(
        vocabulary=vocabulary,
        sparse=sparse,
        dense=dense,
        bias=float(card["bias"]),
        scale=float(calibration["scale"]),
        shift=float(calibration["shift"]),
        floor=float(card["floor"]),
        sector_words=load_sectors().words,
    )
