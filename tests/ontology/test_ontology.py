"""The ontology data files: complete, consistent, and agreeing with the published CAMEO table."""

from __future__ import annotations

import re

import pytest

from newsgraph.errors import ConfigError
from newsgraph.ontology import load_cues, load_lexicon, load_ontology, load_sectors
from newsgraph.ontology.lexicon import Lexicon
from shared_data import SHARED, shared_file

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def test_the_sixteen_types_with_quad_class_and_intensity() -> None:
    ontology = load_ontology()
    assert set(ontology.types) == PLOVER_TYPES
    for event_type in ontology.types.values():
        assert event_type.quad_class in ontology.quad_classes
        assert -10 <= event_type.intensity <= 10
    assert ontology.types["ASSAULT"].intensity < ontology.types["PROTEST"].intensity < 0
    assert ontology.types["AID"].intensity > 0
    assert {"visit", "phone", "third-party", "multilateral"} <= set(ontology.types["CONSULT"].modes)
    assert "ceasefire" in ontology.types["RETREAT"].modes
    assert "diplomatic" in ontology.contexts


def test_every_type_and_mode_has_a_cameo_code() -> None:
    ontology = load_ontology()
    for name, event_type in ontology.types.items():
        assert re.fullmatch(r"\d{3,4}", ontology.cameo(name))
        for mode in event_type.modes:
            assert re.fullmatch(r"\d{3,4}", ontology.cameo(name, mode)), (name, mode)
    assert ontology.cameo("RETREAT", "ceasefire") == "0871"
    assert ontology.cameo("CONSULT", "visit") == "042"


def test_intentions_and_refusals_are_coded_as_plover_codes_them() -> None:
    ontology = load_ontology()
    assert ontology.coded_type("AID", "future") == "AGREE"
    assert ontology.coded_type("ASSAULT", "hypothetical") == "THREATEN"
    assert ontology.coded_type("AID", "negated") == "REJECT"
    assert ontology.coded_type("ASSAULT", "asserted") == "ASSAULT"
    assert ontology.coded_type("REQUEST", "future") == "REQUEST"


def test_cameo_table_agrees_with_the_published_cameo_to_plover_table() -> None:
    path = shared_file(SHARED / "data" / "plover-gsr-dev" / "CAMEO2PLOVER-2021.txt")
    published: dict[str, tuple[str, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([\w-]*)", line)
        if match:
            published[match.group(1)] = (match.group(2), match.group(3))
    modes_seen: dict[str, set[str]] = {}
    for event_type, mode in published.values():
        modes_seen.setdefault(event_type, set()).add(mode)
    ontology = load_ontology()
    for name, codes in ontology.cameo_codes.items():
        for mode, code in codes.items():
            assert code in published, f"{name}/{mode}: CAMEO {code} is not in the published table"
            their_type, their_mode = published[code]
            assert their_type == name, f"{name}/{mode}: CAMEO {code} is {their_type} there"
            if mode != "default" and mode in modes_seen.get(name, set()):
                assert their_mode == mode, f"{name}/{mode}: CAMEO {code} has mode {their_mode!r} there"


def test_every_type_has_verbs_and_nouns_in_its_lexicon() -> None:
    lexicon = load_lexicon()
    types = {e.type for entries in lexicon.verbs.values() for e in entries}
    assert types == PLOVER_TYPES
    assert any(e.words == ("hold", "talk") for e in lexicon.verbs["hold"])
    assert any(e.type == "RETREAT" and e.mode == "ceasefire" for e in lexicon.nouns["ceasefire"])


def test_a_lexicon_typo_names_the_file_and_group() -> None:
    with pytest.raises(ConfigError, match=r"mine.toml: \[\[triggers\]\] #1: mode 'gunfire' is not a ASSAULT mode"):
        Lexicon.from_tables([("mine.toml", {"type": "ASSAULT", "triggers": [{"mode": "gunfire", "verbs": ["x"]}]})])
    with pytest.raises(ConfigError, match=r"mine\.toml: `type` must be one of"):
        Lexicon.from_tables([("mine.toml", {"type": "HUG", "triggers": []})])


def test_a_users_lexicon_file_adds_phrases(tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "cyber.toml"
    extra.write_text('type = "COERCE"\n[[triggers]]\nmode = "cyber"\nverbs = ["ddos"]\n', "utf-8")
    lexicon = load_lexicon([extra])
    assert lexicon.verbs["ddos"][0].mode == "cyber"


def test_cues_and_sectors_load() -> None:
    cues = load_cues()
    assert "will" in cues.future_auxiliaries and "say" in cues.reporting_verbs
    sectors = load_sectors()
    assert sectors.for_words({"rebel"}, set()) == "REB"
    assert sectors.for_words({"official"}, set()) == "GOV"
    assert sectors.for_words(set(), {"president"}) == "GOV"
