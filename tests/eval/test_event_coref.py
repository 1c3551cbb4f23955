"""MUC, B³, CEAF-e and CoNLL F1 on hand-made cases; the ECB+ reader; event clustering."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsgraph.eval.coref_metrics import ceaf_e, score
from newsgraph.eval.cross_document import document_blocks, document_clusters
from newsgraph.eval.ecbplus import EcbDocument, read_corpus, subtopic
from newsgraph.linking.event_coref import EventCorefParameters, MentionFeatures, cluster_events, same_lemma
from shared_data import SHARED, shared_file

ECBPLUS = SHARED / "data" / "ecbplus-dev" / "ECB+"


def chains(*groups: str) -> list[frozenset[str]]:
    return [frozenset(g) for g in groups]


def test_split_chain_known_answers() -> None:
    """Key {a b c d}, response {a b} {c d} (Vilain et al.'s example, plus B³ and CEAF-e by hand)."""
    result = score(chains("abcd"), chains("ab", "cd"))
    assert result["muc"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8}
    assert result["b3"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    # φ4({abcd}, {ab}) = 2·2/6; one key chain, two response chains.
    assert result["ceaf_e"] == {"precision": 0.3333, "recall": 0.6667, "f1": 0.4444}
    assert result["conll_f1"] == round((0.8 + 0.6667 + 0.4444) / 3, 4)


def test_ceaf_e_takes_the_best_alignment() -> None:
    # {abc}->{ab} and {de}->{cde}: φ4 = 0.8 + 0.8; the greedy {abc}->{cde} would give less.
    assert ceaf_e(chains("abc", "de"), chains("ab", "cde")) == {"precision": 0.8, "recall": 0.8, "f1": 0.8}


def test_perfect_response_scores_one() -> None:
    key = chains("ab", "c", "def")
    result = score(key, list(reversed(key)))
    assert result["conll_f1"] == 1.0
    assert all(result[m] == {"precision": 1.0, "recall": 1.0, "f1": 1.0} for m in ("muc", "b3", "ceaf_e"))


def test_all_in_one_against_singletons() -> None:
    result = score(chains("a", "b", "c", "d"), chains("abcd"))
    assert result["b3"] == {"precision": 0.25, "recall": 1.0, "f1": 0.4}
    assert result["ceaf_e"] == {"precision": 0.4, "recall": 0.1, "f1": 0.16}


def mention(id: str, lemma: str, vector: tuple[float, ...], block: str = "s1") -> MentionFeatures:
    return MentionFeatures(id=id, block=block, lemma=lemma, vector=vector)


def test_event_clustering_joins_lemmas_and_near_synonyms_within_blocks_only() -> None:
    mentions = [
        mention("d1_0_1_1", "quake", (1.0, 0.0)),
        mention("d2_0_3_3", "quake", (1.0, 0.0)),
        mention("d3_0_2_2", "earthquake", (0.99, 0.1)),
        mention("d4_1_5_5", "arrest", (0.0, 1.0)),
        mention("d9_0_1_1", "quake", (1.0, 0.0), block="s2"),
    ]
    parameters = EventCorefParameters(vector_weight=1.0, context_weight=0.0, lemma_weight=0.5, threshold=0.9)
    assert cluster_events(mentions, parameters) == chains(
        {"d1_0_1_1", "d2_0_3_3", "d3_0_2_2"}, {"d4_1_5_5"}, {"d9_0_1_1"}
    )
    assert same_lemma(mentions) == chains({"d1_0_1_1", "d2_0_3_3"}, {"d3_0_2_2"}, {"d4_1_5_5"}, {"d9_0_1_1"})


CAT = """<Document doc_name="7_1ecb.xml" doc_id="x">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">arrested</token>
<token t_id="3" sentence="0" number="2">him</token>
<token t_id="4" sentence="1" number="0">The</token>
<token t_id="5" sentence="1" number="1">arrest</token>
<token t_id="6" sentence="1" number="2">came</token>
<token t_id="7" sentence="1" number="3">late</token>
<token t_id="8" sentence="2" number="0">He</token>
<token t_id="9" sentence="2" number="1">ran</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="6"/><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="1"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="5"><token_anchor t_id="9"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="9" TAG_DESCRIPTOR="t7_arrest" instance_id="ACT1"/>
<ACTION_OCCURRENCE m_id="10" TAG_DESCRIPTOR="t7_came"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><source m_id="2"/><target m_id="9"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="2"><source m_id="3"/><target m_id="10"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


def test_reader_keeps_annotated_sentences_and_reads_chains(tmp_path: Path) -> None:
    (tmp_path / "ECB+" / "7").mkdir(parents=True)
    (tmp_path / "ECB+" / "7" / "7_1ecb.xml").write_text(CAT, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n7,1ecb,0\n7,1ecb,1\n", encoding="utf-8"
    )
    [document] = read_corpus(tmp_path)
    assert (document.name, document.topic, document.subtopic) == ("7_1ecb", 7, "7ecb")
    assert [(m.id, m.text, m.chain) for m in document.mentions] == [
        ("7_1ecb_0_1_1", "arrested", "ACT1"),
        ("7_1ecb_1_1_1", "arrest", "ACT1"),
        ("7_1ecb_1_2_3", "came late", "7_1ecb/10"),
    ]  # "ran" (sentence 2) is not annotated; the participant is not an event
    assert document.text.splitlines()[0] == "Police arrested him"


def test_subtopics() -> None:
    assert (subtopic("12_3ecb"), subtopic("12_3ecbplus")) == ("12ecb", "12ecbplus")


@pytest.mark.shared
def test_reader_on_ecbplus() -> None:
    documents = read_corpus(shared_file(ECBPLUS))
    assert len({d.topic for d in documents}) == 33
    assert len(documents) > 700
    mentions = [m for d in documents for m in d.mentions]
    assert len({m.id for m in mentions}) == len(mentions)
    assert all(m.tag.startswith(("ACTION_", "NEG_ACTION_")) for m in mentions)


def tiny_corpus(folder: Path) -> Path:
    (folder / "ECB+" / "7").mkdir(parents=True)
    (folder / "ECB+" / "7" / "7_1ecb.xml").write_text(CAT, encoding="utf-8")
    (folder / "ECB+" / "7" / "7_2ecb.xml").write_text(CAT.replace("7_1ecb", "7_2ecb"), encoding="utf-8")
    (folder / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n7,1ecb,0\n7,1ecb,1\n7,2ecb,0\n", encoding="utf-8"
    )
    return folder / "ECB+"


def test_eval_stories_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli.main import cli

    result = CliRunner().invoke(cli, ["eval", "stories", str(tiny_corpus(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["all"]["stories"]["b3"]["f1"] == 1.0


@pytest.mark.model
def test_eval_event_coref_cli_writes_key_lines(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli.main import cli

    out = tmp_path / "predictions.txt"
    result = CliRunner().invoke(
        cli, ["eval", "event-coref", str(tiny_corpus(tmp_path)), "--write-predictions", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(re.fullmatch(r"7_[12]ecb_\d+_\d+_\d+\t\(\d+\)", line) for line in lines)
    # "arrested" and "arrest" share no lemma; the two copies of "arrested" do.
    assert json.loads(result.output.splitlines()[-1])["train"]["mentions"] == 4


def test_eval_stories_cli_names_a_folder_that_is_not_ecbplus(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli.main import cli

    result = CliRunner().invoke(cli, ["eval", "stories", str(tmp_path)])
    assert result.exit_code == 1
    assert "not an ECB+ folder" in result.output and "ECBplus_coreference_sentences.csv" in result.output


def ecb(name: str, text: str) -> EcbDocument:
    return EcbDocument(
        name=name,
        topic=int(name.split("_")[0]),
        sentences=tuple(tuple(line.split()) for line in text.splitlines()),
        annotated=frozenset(),
        mentions=(),
    )


def test_document_clusters_split_a_topic_into_its_events_and_absorb_loners() -> None:
    quake = "A strong earthquake struck Qeshm island in Iran , killing 13 villagers near Qeshm"
    other = "An earthquake hit Sumatra in Indonesia , and Padang hospitals filled with Sumatra victims"
    documents = [
        ecb("3_1ecb", quake),
        ecb("3_2ecb", quake + " on Sunday"),
        ecb("3_3ecbplus", other),
        ecb("3_4ecbplus", other + " on Monday"),
        ecb("3_5ecbplus", "Padang rescuers in Sumatra dug through rubble"),  # alone, nearest to 3_3/3_4
        ecb("4_1ecb", quake),
    ]
    assert document_clusters(documents) == {
        "3_1ecb": "3:3_1ecb",
        "3_2ecb": "3:3_1ecb",
        "3_3ecbplus": "3:3_3ecbplus",
        "3_4ecbplus": "3:3_3ecbplus",
        "3_5ecbplus": "3:3_3ecbplus",
        "4_1ecb": "4:4_1ecb",  # another gold topic is another block, however alike
    }
    # The fixed two-way cut and the earlier threshold clustering (it absorbs the loner) agree here.
    assert document_clusters(documents, "bipartition") == document_clusters(documents)
    assert document_clusters(documents, "linkage") == document_clusters(documents)
    with pytest.raises(ValueError, match="recursive, bipartition, linkage"):
        document_clusters(documents, "kmeans")


def test_document_clusters_find_as_many_events_as_the_text_shows() -> None:
    """The default decides the number of clusters per topic: three stories give three."""
    quake = "A strong earthquake struck Qeshm island in Iran , killing 13 villagers near Qeshm"
    other = "An earthquake hit Sumatra in Indonesia , and Padang hospitals filled with Sumatra victims"
    third = "Rescuers in Haiti searched Port-au-Prince rubble after the Haiti earthquake toppled churches"
    documents = [
        ecb(f"3_{i}ecb", text + tail)
        for i, (text, tail) in enumerate(
            [(quake, ""), (quake, " on Sunday"), (other, ""), (other, " on Monday"), (third, ""), (third, " at night")],
            1,
        )
    ]
    assert document_clusters(documents) == {
        "3_1ecb": "3:3_1ecb",
        "3_2ecb": "3:3_1ecb",
        "3_3ecb": "3:3_3ecb",
        "3_4ecb": "3:3_3ecb",
        "3_5ecb": "3:3_5ecb",
        "3_6ecb": "3:3_5ecb",
    }
    assert len(set(document_clusters(documents, "bipartition").values())) == 2


def test_document_clusters_keep_alike_articles_together_unless_told_there_are_two() -> None:
    """Near-identical articles are one cluster by default (no good seam), as with threshold
    clustering; only the fixed two-way cut, which knows an ECB+ topic holds two events (a
    reference, not a result), splits them, along the least similar seam."""
    text = "Police arrested a man in Ohio after a bank robbery on Main Street"
    documents = [
        ecb("5_1ecb", text + " Tuesday"),
        ecb("5_2ecb", text + " Tuesday morning"),
        ecb("5_3ecbplus", text + " Friday night in Dayton"),
        ecb("5_4ecbplus", text + " Friday in Dayton"),
    ]
    assert document_clusters(documents, "bipartition") == {
        "5_1ecb": "5:5_1ecb",
        "5_2ecb": "5:5_1ecb",
        "5_3ecbplus": "5:5_3ecbplus",
        "5_4ecbplus": "5:5_3ecbplus",
    }
    assert set(document_clusters(documents).values()) == {"5:5_1ecb"}
    assert set(document_clusters(documents, "linkage").values()) == {"5:5_1ecb"}


def test_document_blocks_by_gold_topic_or_subtopic_and_unknown_blockings() -> None:
    documents = [ecb("3_1ecb", "a quake"), ecb("3_2ecbplus", "a quake"), ecb("4_1ecb", "a fire")]
    assert document_blocks(documents, "topics") == {"3_1ecb": "topic:3", "3_2ecbplus": "topic:3", "4_1ecb": "topic:4"}
    assert document_blocks(documents, "subtopics") == {
        "3_1ecb": "subtopic:3ecb",
        "3_2ecbplus": "subtopic:3ecbplus",
        "4_1ecb": "subtopic:4ecb",
    }
    with pytest.raises(ValueError, match="documents, topics, stories, subtopics"):
        document_blocks(documents, "sentences")
