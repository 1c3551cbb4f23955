"""The brat attribution scorer, on a tiny corpus written for this test."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsgraph.eval.polnear import (
    Attribution,
    Score,
    annotator_agreement,
    from_quotes,
    kind_of,
    mention_entities,
    parse_ann,
    read_corpus,
    to_ann,
)
from newsgraph.model import Mention, Provenance, Quote, Span

TEXT = "“The dam is safe,” the engineer said. Officials said that the river would rise.\n"
ANN = (
    "T1\tContent 0 18\t“The dam is safe,”\n"
    "T2\tSource 19 31\tthe engineer\n"
    "T3\tCue 32 36\tsaid\n"
    "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
    "T4\tSource 38 47\tOfficials\n"
    "T5\tCue 48 52\tsaid\n"
    "T6\tContent 53 79;79 80\tthat the river would rise.\n"
    "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6 \n"
)


def span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def quote(content: str, kind: str, cue: str | None, speaker: str | None) -> Quote:
    def make(text: str | None) -> Span | None:
        return None if text is None else Span.of(TEXT, *span(text))

    content_span = make(content)
    assert content_span is not None
    return Quote(
        id=f"quo_{content}",
        document_id="doc",
        span=content_span,
        kind=kind,
        provenance=Provenance(stage="test", stage_version="0"),
        cue=make(cue),
        speaker=make(speaker),
    )


def test_parse_ann_reads_roles_discontinuous_spans_and_kinds() -> None:
    first, second = parse_ann(ANN, TEXT)
    assert first == Attribution(content=((0, 18),), cue=((32, 36),), source=((19, 31),), kind="direct")
    assert second.content == ((53, 79), (79, 80)) and second.kind == "indirect"
    assert kind_of(TEXT, second.content) == "indirect"


def test_perfect_predictions_score_one() -> None:
    gold = parse_ann(ANN, TEXT)
    score = Score()
    score.add(TEXT, gold, list(gold))
    report = score.as_dict()
    assert report["content"]["overall"]["exact"]["f1"] == 1.0
    assert report["content"]["direct"]["token_overlap"]["f1"] == 1.0
    assert report["source_accuracy"] == 1.0 and report["cue_accuracy"] == 1.0
    assert report["errors"] == []


def test_partial_credit_missed_and_spurious() -> None:
    gold = parse_ann(ANN, TEXT)
    short = Attribution(content=(span("the river"),), cue=(span("said that"),), source=(span("Officials"),))
    spurious = Attribution(content=(span("The dam is safe"),), cue=(), source=(), kind="direct")
    score = Score()
    score.add(TEXT, gold, [short, spurious])
    report = score.as_dict()
    overlap = report["content"]["overall"]["token_overlap"]
    # Matched: 2 shared words of "the river" with "that the river would rise" (5) and all 4 of the dam.
    assert overlap["precision"] == pytest.approx(6 / 6, abs=1e-4)
    assert overlap["recall"] == pytest.approx(6 / 9, abs=1e-4)
    assert report["content"]["overall"]["exact"]["precision"] == 0.5
    kinds = {e["kind"]: e["count"] for e in report["errors"]}
    assert kinds == {"indirect content too short": 1, "wrong source (none found; gold named)": 1, "wrong cue": 1}


def test_quotes_sharing_a_cue_are_one_attribution_with_their_marks() -> None:
    text = TEXT
    quotes = [quote("The dam is safe", "direct", "said", "the engineer")]
    (attribution,) = from_quotes(text, quotes)
    assert attribution.content == ((0, 18),) and attribution.kind == "direct"
    assert attribution.source == (span("the engineer"),)


def test_to_ann_round_trips_through_parse_ann() -> None:
    gold = parse_ann(ANN, TEXT)
    assert parse_ann(to_ann(TEXT, gold), TEXT) == gold


def test_read_corpus_takes_the_first_annotator(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "story_b2.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "story_a1.ann").write_text(ANN, encoding="utf-8")
    (article,) = read_corpus(tmp_path)
    assert article.name == "story" and len(article.gold) == 2


def test_annotator_agreement_scores_the_second_annotator_against_the_first(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for name in ("twice", "once"):
        (tmp_path / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "once_a1.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "twice_a1.ann").write_text(ANN, encoding="utf-8")
    # The second annotator gives the first attribution another source and misses the second.
    second = ANN.split("T4")[0].replace("Source 19 31\tthe engineer", "Source 0 4\t“The")
    (tmp_path / "attributions" / "twice_b2.ann").write_text(second, encoding="utf-8")
    articles, score = annotator_agreement(tmp_path)
    report = score.as_dict()
    assert articles == 1
    assert report["content"]["overall"]["gold"] == 2 and report["content"]["overall"]["predicted"] == 1
    assert report["source_checked"] == 1 and report["source_accuracy"] == 0.0
    assert report["cue_accuracy"] == 1.0


def test_read_corpus_names_the_expected_layout(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"expected text/\*\.txt and attributions/\*\.ann"):
        read_corpus(tmp_path)


def test_lenient_source_accuracy_credits_a_coreferent_speaker_and_strict_does_not() -> None:
    gold = parse_ann(ANN, TEXT)
    # Our speaker for the dam quotation is "Officials" (wrong span), resolved to the entity that
    # a mention inside the gold source "the engineer" also has: coreferent, not the same words.
    coreferent = Attribution(
        content=(span("“The dam is safe,”"),), source=(span("Officials"),), kind="direct", source_entity="ent_eng"
    )
    mentions = [
        Mention(
            id="men_1",
            document_id="doc",
            span=Span.of(TEXT, *span("engineer")),
            label="PERSON",
            provenance=Provenance(stage="test", stage_version="0"),
            entity_id="ent_eng",
        )
    ]
    score = Score()
    score.add(TEXT, gold[:1], [coreferent], mention_entities(mentions))
    report = score.as_dict()
    assert report["source_accuracy"] == 0.0
    assert report["source_accuracy_lenient"] == 1.0
    # Without the mentions there is nothing to be lenient with.
    plain = Score()
    plain.add(TEXT, gold[:1], [coreferent])
    assert plain.as_dict()["source_accuracy_lenient"] == 0.0


def test_from_quotes_carries_the_speaker_entity() -> None:
    resolved = dataclasses.replace(
        quote("The dam is safe", "direct", "said", "the engineer"), speaker_entity_id="ent_eng"
    )
    (attribution,) = from_quotes(TEXT, [resolved])
    assert attribution.source_entity == "ent_eng"
