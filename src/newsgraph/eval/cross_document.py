"""Scoring cross-document linking on ECB+: event coreference and story clustering.

Event coreference, the standard gold-mention setting: every gold event mention of the
annotated sentences is clustered across all documents, and train and dev topics are each scored
as one meta-document (MUC, B³, CEAF-e, CoNLL F1). Gold topics are *not* used by default: the
blocks are our own story clusters of the documents' text (:mod:`newsgraph.linking.stories`);
``gold_topics=True`` blocks by the gold topic instead, as most published ECB+ numbers do. The
same-lemma baseline runs on the same blocks.

Stories: the documents' text alone is clustered, scored by B³ against the gold sub-topics, beside
a words-only TF-IDF baseline (no name channel).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.eval.coref_metrics import score
from newsgraph.eval.ecbplus import DEV_TOPICS, EcbDocument, mention_features
from newsgraph.linking.event_coref import EventCorefParameters, cluster_events, same_lemma
from newsgraph.linking.stories import StoryDocument, StoryParameters, cluster_stories

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["STORY_BASELINE", "event_coref_report", "story_report", "write_predictions"]

#: The stories baseline: TF-IDF over words only, same threshold.
STORY_BASELINE = StoryParameters(name_weight=0.0)

Chains = list[frozenset[str]]


def _stories(documents: Sequence[EcbDocument], parameters: StoryParameters | None = None) -> Chains:
    state = cluster_stories([StoryDocument(id=d.name, text=d.text) for d in documents], None, parameters)
    return [frozenset(s.documents) for s in state.stories]


def _gold_stories(documents: Sequence[EcbDocument]) -> Chains:
    groups: dict[str, set[str]] = {}
    for d in documents:
        groups.setdefault(d.subtopic, set()).add(d.name)
    return [frozenset(g) for g in groups.values()]


def _split(documents: Sequence[EcbDocument]) -> dict[str, list[EcbDocument]]:
    return {
        "train": [d for d in documents if d.topic not in DEV_TOPICS],
        "dev": [d for d in documents if d.topic in DEV_TOPICS],
    }


def story_report(documents: Sequence[EcbDocument]) -> dict[str, Any]:
    """B³ of story clusters against gold sub-topics: all documents, and train and dev topics."""
    report: dict[str, Any] = {}
    for name, part in {"all": list(documents), **_split(documents)}.items():
        if not part:
            continue
        key = _gold_stories(part)
        ours, baseline = _stories(part), _stories(part, STORY_BASELINE)
        report[name] = {
            "documents": len(part),
            "gold_stories": len(key),
            "stories": {"found": len(ours), **score(key, ours)},
            "tfidf_baseline": {"found": len(baseline), **score(key, baseline)},
        }
    return report


def event_coref_report(
    documents: Sequence[EcbDocument],
    nlp: Language,
    *,
    parameters: EventCorefParameters | None = None,
    gold_topics: bool = False,
) -> tuple[dict[str, Any], Chains]:
    """Scores per split (ours and the same-lemma baseline) and our chains over all documents."""
    if gold_topics:
        block_of = {d.name: f"topic:{d.topic}" for d in documents}
    else:
        block_of = {name: min(story) for story in _stories(documents) for name in story}
    features = mention_features(documents, nlp, block_of)
    chains = cluster_events(features, parameters)
    baseline = same_lemma(features)
    report: dict[str, Any] = {"blocking": "gold topics" if gold_topics else "story clusters (text only)"}
    for name, part in _split(documents).items():
        kept = {m.id for d in part for m in d.mentions}
        if not kept:
            continue
        gold: dict[str, set[str]] = {}
        for d in part:
            for m in d.mentions:
                gold.setdefault(m.chain, set()).add(m.id)
        key = [frozenset(g) for g in gold.values()]
        report[name] = {
            "topics": sorted({d.topic for d in part}),
            "documents": len(part),
            "mentions": len(kept),
            "gold_chains": len(key),
            "ours": score(key, [c & kept for c in chains if c & kept]),
            "same_lemma": score(key, [c & kept for c in baseline if c & kept]),
        }
    return report, chains


def write_predictions(chains: Chains, path: Path) -> None:
    """CoNLL-style key lines, one per mention: ``<doc>_<sentence>_<first>_<last>\\t(<cluster>)``."""
    lines = [f"{mention}\t({number})" for number, chain in enumerate(chains) for mention in sorted(chain)]
    path.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
