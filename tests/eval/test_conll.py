"""CoNLL-2003 reading and conlleval-style scoring, on lines written for this test."""

from __future__ import annotations

from pathlib import Path

from newsgraph.eval.conll import chunks, read_conll, score, to_tags, token_chunks

SAMPLE = """-DOCSTART- -X- O O

Kenya NNP I-NP I-LOC
beat VBD I-VP O
Uganda NNP I-NP I-LOC
in IN I-PP O
Nairobi NNP I-NP I-LOC
. . O O

Coach NN I-NP O
Bobby NNP I-NP I-PER
Williamson NNP I-NP I-PER
smiled VBD I-VP O
"""


def test_read_and_text_offsets(tmp_path: Path) -> None:
    path = tmp_path / "sample.txt"
    path.write_text(SAMPLE)
    [document] = read_conll(path)
    text, starts = document.text()
    assert text == "Kenya beat Uganda in Nairobi .\nCoach Bobby Williamson smiled"
    assert [text[s : s + len(t)] for s, t in zip(starts, document.tokens, strict=True)] == document.tokens


def test_chunks_follow_conlleval_for_iob1_and_iob2() -> None:
    assert chunks(["I-PER", "I-PER", "O", "I-LOC"]) == {(0, 2, "PER"), (3, 4, "LOC")}
    assert chunks(["B-PER", "B-PER", "I-PER"]) == {(0, 1, "PER"), (1, 3, "PER")}
    assert chunks(["I-ORG", "I-LOC"]) == {(0, 1, "ORG"), (1, 2, "LOC")}


def test_character_spans_map_to_token_chunks_and_score() -> None:
    starts = [0, 6, 11, 18, 21]  # "Kenya beat Uganda in Nairobi"
    predicted = token_chunks([(0, 5, "LOC"), (11, 17, "ORG"), (21, 28, "LOC")], starts, 28)
    assert predicted == {(0, 1, "LOC"), (2, 3, "ORG"), (4, 5, "LOC")}
    result = score([({(0, 1, "LOC"), (2, 3, "LOC"), (4, 5, "LOC")}, predicted)])
    assert result.overall.true_positives == 2
    assert round(result.overall.precision, 3) == round(result.overall.recall, 3) == 0.667
    assert to_tags({(0, 2, "PER")}, 3) == ["B-PER", "I-PER", "O"]
