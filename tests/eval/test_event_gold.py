"""Our event gold set: the files' offsets and labels are valid (no ../shared needed), they point
into the corpus text they pin (with ../shared), and the reader names the line and field of a
bad record."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.eval.event_gold import SPLITS, read_gold
from newsgraph.ontology.plover import load_ontology
from shared_data import ROOT, SHARED, shared_file

GOLD = ROOT / "gold"
FILES = ("wikinews-events.jsonl", "polnear-train-events.jsonl", "wikinews-second-coding.jsonl")


@pytest.mark.parametrize("name", FILES)
def test_gold_file_offsets_and_labels_are_valid(name: str) -> None:
    articles = read_gold(GOLD / name)  # validates types, modes, modalities, dates, ordering
    assert articles, name
    urls = [a.url for a in articles]
    assert len(urls) == len(set(urls)), "an article is annotated twice"
    for article in articles:
        assert article.split in SPLITS and len(article.text_sha256) == 64
        previous = 0
        for sentence in article.sentences:
            assert previous <= sentence.start < sentence.end
            previous = sentence.end
            for event in sentence.events:
                assert sentence.start <= event.trigger[0] < event.trigger[1] <= sentence.end
                for side in (event.actors, event.recipients):
                    for participant in side:
                        if participant.start is not None:
                            assert participant.end is not None
                            assert sentence.start <= participant.start < participant.end <= sentence.end


def test_the_test_split_is_wikinews_only_and_cut_apart() -> None:
    wikinews = read_gold(GOLD / "wikinews-events.jsonl")
    by_split = {split: {a.url for a in wikinews if a.split == split} for split in SPLITS}
    assert len(by_split["test"]) >= 30 and sum(len(a.sentences) for a in wikinews) >= 1500
    assert not by_split["test"] & (by_split["train"] | by_split["dev"])
    polnear = read_gold(GOLD / "polnear-train-events.jsonl")
    assert {a.split for a in polnear} == {"train"}
    second = read_gold(GOLD / "wikinews-second-coding.jsonl")
    assert not {a.url for a in second} & by_split["test"], "the test split is never double-coded or looked at"


def test_synthetic_sentences_name_their_triggers() -> None:
    types = load_ontology().types
    lines = (GOLD / "synthetic-events.jsonl").read_text("utf-8").splitlines()
    assert len(lines) >= 500
    for line in lines:
        record = json.loads(line)
        for event in record["events"]:
            assert event["type"] in types
            assert event["trigger"] in record["text"], record["id"]
            assert event["mode"] is None or event["mode"] in types[event["type"]].modes


@pytest.mark.shared
@pytest.mark.parametrize("name", FILES)
def test_gold_offsets_point_into_the_pinned_corpus_text(name: str) -> None:
    articles = read_gold(GOLD / name)
    texts = _texts(articles[0].corpus)
    for article in articles:
        text = texts[article.url]
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == article.text_sha256
        for sentence in article.sentences:
            assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]
            for event in sentence.events:
                words = text[event.trigger[0] : event.trigger[1]]
                assert words.strip() and not _inside_word(text, *event.trigger), (article.url, words)


def _texts(corpus: str) -> dict[str, str]:
    path = shared_file(SHARED / "data" / corpus)
    if path.is_dir():
        return {p.name: p.read_text("utf-8") for p in path.glob("*.txt")}
    return {r["url"]: r["text"] for r in map(json.loads, path.read_text("utf-8").splitlines())}


def _inside_word(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    )


def _line(**changes: object) -> str:
    article = {
        "url": "u",
        "published": "2020-01-01",
        "split": "dev",
        "text_sha256": "0" * 64,
        "sentences": [
            {"start": 0, "end": 20, "events": [{"type": "ASSAULT", "trigger": [2, 8], "modality": "asserted"}]}
        ],
    }
    article.update(changes)
    return json.dumps(article)


def _one(event: dict[str, object], start: int = 0, end: int = 9) -> dict[str, object]:
    return {"sentences": [{"start": start, "end": end, "events": [event]}]}


ASSERTED = {"type": "ASSAULT", "trigger": [1, 2], "modality": "asserted"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"split": "final"}, "split 'final' is not one of train, dev, test"),
        (_one({**ASSERTED, "type": "FIGHTING"}), "type 'FIGHTING' is not a PLOVER type"),
        (_one({**ASSERTED, "modality": "maybe"}), "modality 'maybe' is not one of"),
        (_one({**ASSERTED, "trigger": [4, 12]}), "trigger [4, 12] is outside the sentence"),
        (_one({**ASSERTED, "date": "May 3"}), "date 'May 3' is not YYYY"),
        ({"sentences": [{"start": 5, "end": 9}, {"start": 2, "end": 4}]}, "must be non-empty and after the previous"),
    ],
)
def test_a_bad_record_is_refused_naming_its_line_and_field(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(_line() + "\n" + _line(url="v", **changes) + "\n", "utf-8")
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert f"{path}:2" in str(caught.value) and message in str(caught.value)


def test_read_gold_keeps_the_splits_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(_line(url="a", split="train") + "\n" + _line(url="b", split="test") + "\n", "utf-8")
    assert [a.url for a in read_gold(path, ("train",))] == ["a"]
    with pytest.raises(InputError, match="unknown split"):
        read_gold(path, ("final",))
