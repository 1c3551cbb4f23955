"""``newsgraph extract``: the JSON contract on the example article and on our own samples."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.export.record import schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def standfirst_line(path: Path) -> str:
    """The example's standfirst, read from the file (its fifth non-blank line: page date, section,
    dateline, headline, standfirst), so the article's words stay out of the repository."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][4]


def records(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_example_article_meets_the_foundation_contract(runner, example_article, nlp) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["extract", str(example_article)])
    assert result.exit_code == 0, result.output
    [record] = records(result.stdout)
    jsonschema.validate(record, schema())
    doc = record["document"]
    assert doc["published"] == "2025-05-08"
    assert doc["published_source"] == "dateline"
    assert doc["retrieved"] == "2025-05-09"
    assert doc["section"] == "World News"
    assert doc["title"] == "Xi Jinping Strengthens Ties With Putin During Moscow Visit"
    assert doc["standfirst"] == standfirst_line(example_article)
    assert doc["text"].startswith("Chinese President Xi Jinping has arrived in Moscow")
    text = doc["text"]
    assert record["mentions"], "the model finds entities in the example"
    for mention in record["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    assert any(m["text"] == "Xi Jinping" and m["label"] == "PERSON" for m in record["mentions"])


def test_extract_every_sample_validates_and_keeps_offsets(runner, nlp) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["extract", str(ROOT / "examples")])
    assert result.exit_code == 0, result.stderr
    found = records(result.stdout)
    assert len(found) >= 10
    for record in found:
        jsonschema.validate(record, schema())
        text = record["document"]["text"]
        for mention in record["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    assert len({r["document"]["id"] for r in found}) == len(found)


def test_extract_reads_stdin(runner, nlp) -> None:  # type: ignore[no-untyped-def]
    article = "Kenya and Ethiopia signed a trade pact in Nairobi on Tuesday, officials said.\n"
    result = runner.invoke(cli, ["extract", "-"], input=article)
    assert result.exit_code == 0, result.output
    [record] = records(result.stdout)
    assert record["document"]["text"].startswith("Kenya and Ethiopia signed")


def test_extract_reports_a_bad_input_and_exits_1(runner, tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("Chile's president met Peru's foreign minister in Lima to discuss the border.\n")
    result = runner.invoke(cli, ["extract", str(empty), str(good)])
    assert result.exit_code == 1
    assert len(records(result.stdout)) == 1
    assert f"{empty}: file is empty" in result.stderr


def test_extract_missing_file_names_it(runner, tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, ["extract", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.stderr
    assert "no such file or directory" in result.stderr
