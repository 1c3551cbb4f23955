"""``newsgraph ingest``, ``stats``, ``search`` and ``rejections`` end to end on a real SQLite file."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from newsgraph.cli.main import cli
from newsgraph.linking.corpus import summary
from newsgraph.store import open_store
from newsgraph.store.schema import merged_events, near_duplicates, stories

ROOT = Path(__file__).resolve().parents[2]
#: Seven short articles: three real events each reported by two of them (tests/data/merge/README.md).
MERGE = ROOT / "tests" / "data" / "merge" / "articles.jsonl"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def stats(runner: CliRunner, db: Path | str) -> dict[str, int]:
    result = runner.invoke(cli, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    counts: dict[str, int] = json.loads(result.stdout)
    return counts


def test_ingest_wikinews_stores_291_then_nothing(runner, wikinews, tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "wiki.db"
    first = runner.invoke(cli, ["ingest", str(wikinews), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "291 seen, 291 stored, 0 duplicates, 0 rejected" in first.stderr
    counts = stats(runner, db)
    assert counts["documents"] == 291
    assert counts["mentions"] > 5000
    assert counts["unlinked_documents"] == 0
    assert first.stderr.splitlines()[-1] == _link_line(counts)
    second = runner.invoke(cli, ["ingest", str(wikinews), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "291 seen, 0 stored, 291 duplicates, 0 rejected" in second.stderr
    assert f"all 291 documents were already in {db}; nothing new to store" in second.stderr
    assert "documents:" not in second.stderr  # nothing was linked
    assert stats(runner, db)["documents"] == 291


def test_ingest_examples_stores_every_sample_and_search_finds_them(runner, tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.db"
    result = runner.invoke(cli, ["ingest", str(ROOT / "examples"), "--db", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.output
    counts = stats(runner, db)
    assert counts["documents"] >= 10
    assert counts["rejections"] == 0
    found = runner.invoke(cli, ["search", "ceasefire", "--db", str(db), "--json"])
    assert found.exit_code == 0
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert hits and all("ceasefire" in (h["snippet"] + (h["title"] or "")).lower() for h in hits)


TABLES = (near_duplicates, stories, merged_events)


def _link_line(counts: dict[str, int]) -> str:
    return (
        f"{counts['documents']} documents: {counts['near_duplicates']} near-duplicates, {counts['stories']} stories, "
        f"{counts['merged_events']} merged events from {counts['events']} event mentions "
        f"({counts['merged_events_reported_by_several']} reported by two or more articles)"
    )


def _assert_stats_match_the_store(counts: dict[str, int], db: str) -> None:
    with open_store(db, create=False) as store:
        linked = summary(store)
        with store.read() as conn:
            rows = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}
    assert counts["documents"] == linked.documents
    assert counts["events"] == linked.event_mentions
    assert counts["near_duplicates"] == linked.near_duplicates == rows["near_duplicates"]
    assert counts["stories"] == linked.stories == rows["stories"]
    assert counts["merged_events"] == linked.merged_events == rows["merged_events"]
    assert counts["merged_events_reported_by_several"] == linked.reported_by_several


def test_ingest_prints_what_linking_made_and_stats_count_it(runner, store_url, nlp) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["ingest", str(MERGE), "--db", store_url])
    assert result.exit_code == 0, result.output
    counts = stats(runner, store_url)
    assert counts["documents"] == 7 and counts["unlinked_documents"] == 0
    assert counts["merged_events_reported_by_several"] == 3  # the visit, the ceasefire, the shelling
    assert 0 < counts["stories"] < 7 and counts["merged_events"] < counts["events"]
    _assert_stats_match_the_store(counts, store_url)
    # The same line `newsgraph link` prints, after the ingest summary.
    assert result.stderr.splitlines()[-2:] == ["7 seen, 7 stored, 0 duplicates, 0 rejected", _link_line(counts)]
    with open_store(store_url, create=False) as store:
        assert _link_line(counts) == summary(store).describe()
    # Nothing stored and nothing pending: nothing linked, no linking line.
    again = runner.invoke(cli, ["ingest", str(MERGE), "--db", store_url])
    assert again.exit_code == 0, again.output
    assert "documents:" not in again.stderr
    assert stats(runner, store_url) == counts


def test_ingest_no_link_leaves_documents_unlinked_until_an_ingest_links_them(runner, store_url, nlp) -> None:  # type: ignore[no-untyped-def]
    deferred = runner.invoke(cli, ["ingest", str(MERGE), "--db", store_url, "--no-link"])
    assert deferred.exit_code == 0, deferred.output
    assert "documents:" not in deferred.stderr  # only the hint to run `newsgraph link`
    assert "not linked across the corpus yet: run `newsgraph link" in deferred.stderr
    counts = stats(runner, store_url)
    assert counts["documents"] == 7 and counts["unlinked_documents"] == 7
    assert [counts[k] for k in ("near_duplicates", "stories", "merged_events")] == [0, 0, 0]
    _assert_stats_match_the_store(counts, store_url)
    # A later ingest stores nothing new but links what the first one left.
    later = runner.invoke(cli, ["ingest", str(MERGE), "--db", store_url])
    assert later.exit_code == 0, later.output
    linked = stats(runner, store_url)
    assert linked["unlinked_documents"] == 0 and linked["merged_events_reported_by_several"] == 3
    _assert_stats_match_the_store(linked, store_url)
    assert later.stderr.splitlines()[-1] == _link_line(linked)


def test_stats_prints_a_table_with_the_link_counts(runner, tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "table.db"
    assert runner.invoke(cli, ["ingest", str(MERGE), "--db", str(db), "--no-link"]).exit_code == 0
    table = runner.invoke(cli, ["stats", "--db", str(db)])
    assert table.exit_code == 0, table.output
    rows = dict(line.split() for line in table.stdout.splitlines())
    assert list(rows) == list(stats(runner, db))
    assert rows["documents"] == "7" and rows["unlinked_documents"] == "7" and rows["stories"] == "0"


def test_bad_inputs_are_reported_recorded_and_the_batch_goes_on(runner, tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.dat").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    words = " ".join(f"delegate{i} met envoy{i * 7}" for i in range(2000)).encode()
    (folder / "cut.txt.gz").write_bytes(gzip.compress(words)[:2000])
    (folder / "broken.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti')
    (folder / "menu.html").write_text("<html><body><nav><a href='/a'>Home</a></nav></body></html>")
    (folder / "wire.jsonl").write_text(
        '{"title": "Talks open", "text": "Delegates from Chad and Niger opened border talks in Niamey on Monday."}\n'
        "{not json\n"
        '{"title": "No body here"}\n'
    )
    (folder / "good.txt").write_text(
        "Farmers blocked roads near Warsaw on Friday to protest against grain imports, police said.\n"
    )
    db = tmp_path / "bad.db"
    result = runner.invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.stderr
    assert "list them with `newsgraph rejections --db" in result.stderr
    counts = stats(runner, db)
    assert counts["documents"] == 2
    listed = runner.invoke(cli, ["rejections", "--db", str(db), "--json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    by_origin = {Path(r["origin"].split(":")[0].split("#")[0]).name: r for r in rows}
    assert by_origin["empty.txt"]["reason"] == "empty_text"
    assert by_origin["scan.dat"]["reason"] in {"binary", "decode_error"}
    assert by_origin["cut.txt.gz"]["reason"] == "truncated"
    assert by_origin["broken.rss"]["reason"] == "malformed"
    assert by_origin["menu.html"]["reason"] == "not_an_article"
    reasons = sorted(r["reason"] for r in rows if r["origin"].startswith(str(folder / "wire.jsonl")))
    assert reasons == ["malformed", "missing_field"]
    assert all(r["origin"].startswith(str(folder)) and r["message"] for r in rows), rows
    again = runner.invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert stats(runner, db)["rejections"] == counts["rejections"], again.output


def test_stats_on_a_missing_database_says_how_to_make_one(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "none.db"
    result = runner.invoke(cli, ["stats", "--db", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.stderr
    assert "newsgraph ingest" in result.stderr
    assert not missing.exists()


def _wikinews_subset(wikinews: Path, path: Path, n: int) -> None:
    with wikinews.open(encoding="utf-8") as lines:
        path.write_text("".join(next(lines) for _ in range(n)), encoding="utf-8")


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_interrupted_ingest_keeps_what_was_stored_and_resumes(tmp_path, wikinews, nlp, how) -> None:  # type: ignore[no-untyped-def]
    articles = tmp_path / "some.jsonl"
    _wikinews_subset(wikinews, articles, 60)
    db = tmp_path / "resume.db"
    command = [sys.executable, "-m", "newsgraph", "ingest", str(articles), "--db", str(db), "--batch-size", "4"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    deadline = time.monotonic() + 120
    stored = 0
    # Reading while the ingest writes must just work (WAL): no retry, no error swallowed.
    while time.monotonic() < deadline and process.poll() is None and stored < 8:
        time.sleep(0.2)
        if db.exists():
            with open_store(str(db), create=False) as store:
                stored = store.stats()["documents"]
    assert process.poll() is None, "ingest finished before it could be interrupted"
    process.send_signal(how)
    _, err = process.communicate(timeout=60)
    if how == signal.SIGINT:
        assert process.returncode == 130, err
        assert "interrupted; what was stored is kept. Resume with:" in err
        assert f"newsgraph ingest {articles} --db {db} --batch-size 4\n" in err
    else:
        assert process.returncode == -signal.SIGKILL
    with open_store(str(db), create=False) as store:
        kept = store.stats()
        for document in store.iter_documents():
            analysis = store.get_analysis(document.id)
            assert analysis is not None and analysis.mentions, "a stored document has all its facts"
    assert 8 <= kept["documents"] < 60
    rerun = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300, env={**os.environ})
    assert rerun.returncode == 0, rerun.stderr
    assert f"60 seen, {60 - kept['documents']} stored, {kept['documents']} duplicates" in rerun.stderr
    with open_store(str(db), create=False) as store:
        assert store.stats()["documents"] == 60


def test_field_mapping_reads_jsonl_with_other_field_names(runner, tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "export.ndjson"
    export.write_text(
        json.dumps(
            {
                "headline": "Port reopens",
                "body": "The port of Odesa reopened to grain ships on Monday.",
                "date": "2024-03-04",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "mapped.db"
    plain = runner.invoke(cli, ["ingest", str(export), "--db", str(db)])
    assert (
        "0 stored" in plain.stderr
        and "map another field with --field text=body" in runner.invoke(cli, ["rejections", "--db", str(db)]).stdout
    )
    mapped = runner.invoke(
        cli,
        [
            "ingest",
            str(export),
            "--db",
            str(db),
            "--field",
            "text=body",
            "--field",
            "title=headline",
            "--field",
            "published=date",
        ],
    )
    assert mapped.exit_code == 0, mapped.output
    assert "1 stored" in mapped.stderr
    with open_store(str(db), create=False) as store:
        [document] = store.iter_documents()
    assert (document.title, document.published) == ("Port reopens", "2024-03-04")


def test_unknown_field_target_is_a_clear_error(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["extract", str(tmp_path), "--field", "colour=body"])
    assert result.exit_code == 1
    assert "colour" in result.stderr and "text" in result.stderr


def test_the_same_article_twice_in_one_input_is_stored_once(runner, tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "a.txt").write_text("Ministers met in Oslo on Monday to discuss fishing quotas, officials said.\n")
    # The same text after case and whitespace are normalised: a duplicate before anything is stored.
    (folder / "b.txt").write_text("MINISTERS met in  Oslo on Monday to discuss fishing quotas, officials said.\n")
    db = tmp_path / "twice.db"
    result = runner.invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 seen, 1 stored, 1 duplicates, 0 rejected\n1 repeated within this input" in result.stderr
    assert stats(runner, db)["documents"] == 1
