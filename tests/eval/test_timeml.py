"""The TimeML reader/writer and the TempEval-3 scorer, on a snippet written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.eval.tempeval import compare, score
from newsgraph.eval.timeml import Tag, read_corpus, read_timeml, to_timeml

# A TimeML file written for this test (long lines are the format's).
SNIPPET = """<?xml version="1.0" ?>
<TimeML>
<DOCID>SNIPPET1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-05-08" temporalFunction="false" functionInDocument="CREATION_TIME">May 8, 2025</TIMEX3></DCT>
<TEXT>
Officials &amp; aides <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2025-05-05">Monday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="P3D" mod="APPROX">about three days</TIMEX3>, and talks resume <TIMEX3 tid="t3" type="DATE" value="FUTURE_REF">soon</TIMEX3>.
</TEXT>
</TimeML>
"""  # noqa: E501


@pytest.fixture
def snippet(tmp_path: Path) -> Path:
    path = tmp_path / "Mine" / "snippet.tml"
    path.parent.mkdir()
    path.write_text(SNIPPET, encoding="utf-8")
    return path


def test_reader_gives_plain_text_offsets_dct_and_gold(snippet: Path) -> None:
    doc = read_timeml(snippet)
    assert (doc.corpus, doc.dct, doc.doc_id) == ("Mine", "2025-05-08", "SNIPPET1")
    assert "&amp;" not in doc.text and "<" not in doc.text
    assert [(doc.text[g.start : g.end], g.type, g.value, g.mod) for g in doc.gold] == [
        ("Monday", "DATE", "2025-05-05", None),
        ("about three days", "DURATION", "P3D", "APPROX"),
        ("soon", "DATE", "FUTURE_REF", None),
    ]


def test_writer_round_trips_our_tags(snippet: Path, tmp_path: Path) -> None:
    doc = read_timeml(snippet)
    ours = [Tag(doc.gold[0].start, doc.gold[0].end, "DATE", "2025-05-05")]
    written = tmp_path / "out.tml"
    written.write_text(to_timeml(doc, ours), encoding="utf-8")
    again = read_timeml(written)
    assert again.text == doc.text
    assert again.gold == tuple(ours)


def test_tempeval_scores(snippet: Path) -> None:
    doc = read_timeml(snippet)
    monday, three_days, _soon = doc.gold
    system = [
        Tag(monday.start, monday.end, "DATE", "2025-05-12"),  # exact span, wrong value
        Tag(three_days.start + 6, three_days.end, "DURATION", "P3D"),  # relaxed match, right value
        Tag(0, 9, "DATE", "PRESENT_REF"),  # spurious
    ]
    counts = compare(doc.gold, system, doc.text)
    assert (counts.gold, counts.system, counts.strict, counts.relaxed, counts.value_ok) == (3, 3, 1, 2, 1)
    report = score([(doc.corpus, doc.text, doc.gold, system)])["overall"]
    assert report["relaxed"]["f1"] == pytest.approx(2 / 3)
    assert report["strict"]["f1"] == pytest.approx(1 / 3)
    assert report["value"]["f1"] == pytest.approx(2 / 3 * 1 / 2)  # relaxed F1 x value accuracy
    kinds = {e["kind"] for e in report["errors"]}
    assert kinds == {"missed DATE", "spurious DATE", "value DATE 9999-99-99 -> 9999-99-99"}


def test_read_corpus_names_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no \.tml files"):
        read_corpus(tmp_path)


def test_cli_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["eval", "timex", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "newsgraph eval timex ../shared/data/timeml-tbaq" in result.output


@pytest.mark.model
def test_cli_scores_and_writes_predictions(snippet: Path, tmp_path: Path) -> None:
    out = tmp_path / "predicted"
    result = CliRunner().invoke(cli, ["eval", "timex", str(snippet.parent), "--json", "--write-predictions", str(out)])
    assert result.exit_code == 0, result.output
    assert '"relaxed"' in result.output
    written = read_timeml(out / "Mine" / "snippet.tml")
    assert [(written.text[t.start : t.end], t.value) for t in written.gold][:1] == [("Monday", "2025-05-05")]
