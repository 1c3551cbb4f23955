"""The reporting-cue lexicon is data: it loads, and bad lines say where and what is wrong."""

from __future__ import annotations

import pytest

from newsgraph.stages.quotes.lexicon import default_lexicon, parse


def test_shipped_lexicon_has_the_common_cues() -> None:
    lexicon = default_lexicon()
    for lemma in ("say", "announce", "warn", "state", "report", "indicate", "suggest", "tell"):
        entry = lexicon.verb(lemma)
        assert entry is not None and "ccomp" in entry.complements, lemma
    position = lexicon.noun("position")
    assert position is not None and "ccomp" in position.complements


def test_repeated_lemmas_merge_their_complements() -> None:
    lexicon = parse("claim\tVERB\tccomp\nclaim\tVERB\tdobj\n")
    entry = lexicon.verb("claim")
    assert entry is not None and entry.complements == {"ccomp", "dobj"}


def test_bad_line_names_file_line_and_valid_values() -> None:
    with pytest.raises(ValueError, match=r"cues\.tsv:2: pos must be one of \['NOUN', 'VERB'\]"):
        parse("say\tVERB\tccomp\nsay\tADJ\tccomp\n")
    with pytest.raises(ValueError, match=r"cues\.tsv:1: expected 'lemma<TAB>pos<TAB>complements'"):
        parse("say VERB ccomp\n")
