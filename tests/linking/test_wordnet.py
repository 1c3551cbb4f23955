"""The WordNet dictionary reader and the lemma relations it gives, on a hand-written dictionary."""

from __future__ import annotations

from pathlib import Path

from newsgraph.linking.wordnet import WordNet, wordnet_relations


def write_wordnet(folder: Path) -> WordNet:
    """Verb synset 1 "murder/slay" (derivation: noun "slaying"), verb synset 2 "slay" (amuse),
    noun synset 3 "slaying". "murder" has one verb sense; "slay" has 2 then 1."""
    folder.mkdir()
    (folder / "index.verb").write_text(
        "  1 license line\nmurder v 1 1 + 1 0 00000001\nslay v 2 1 + 2 0 00000002 00000001\n"
    )
    (folder / "data.verb").write_text(
        "  1 license line\n00000001 35 v 02 murder 0 slay 0 001 + 00000003 n 0201 | kill\n"
        "00000002 35 v 01 slay 1 000 | amuse\n"
    )
    (folder / "index.noun").write_text("slaying n 1 1 + 1 0 00000003\n")
    (folder / "data.noun").write_text("00000003 04 n 01 slaying 0 001 + 00000001 v 0102 | a killing\n")
    return WordNet(folder)


def test_synonyms_need_frequent_senses_of_both_words(tmp_path: Path) -> None:
    wordnet = write_wordnet(tmp_path / "wn")
    # The shared synset is sense 1 of "murder" but only sense 2 of "slay".
    assert wordnet.synonyms("murder", "v", 1) == wordnet.synonyms("slay", "v", 1) == set()
    assert wordnet.synonyms("murder", "v", 2) == {"slay"}
    assert wordnet.synonyms("slay", "v", 2) == {"murder"}
    relations = wordnet_relations({"murder": "murder", "slay": "slay"}, synonym_senses=2, wordnet=wordnet)
    assert relations == frozenset({frozenset({"murder", "slay"})})
    assert wordnet_relations({"murder": "murder", "slay": "slay"}, synonym_senses=1, wordnet=wordnet) == frozenset()


def test_derivations_follow_the_pointer_of_the_word_itself(tmp_path: Path) -> None:
    wordnet = write_wordnet(tmp_path / "wn")
    # The pointer leaves word 2 ("slay") of synset 1, so "murder" has no derivation.
    assert wordnet.derivations("murder", "v", 1) == set()
    assert wordnet.derivations("slay", "v", 1) == set()  # synset 1 is the second sense of "slay"
    assert wordnet.derivations("slay", "v", 2) == {"slaying"}
    assert wordnet.derivations("slaying", "n", 1) == {"slay"}
    # Relations are between normal lemmas: "slain" folds onto "slay" first.
    normal = {"slain": "slay", "slay": "slay", "slaying": "slaying"}
    assert wordnet_relations(normal, synonym_senses=0, derivation_senses=2, wordnet=wordnet) == {
        frozenset({"slay", "slaying"})
    }
