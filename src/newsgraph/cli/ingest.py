"""``newsgraph ingest``: read, analyse and store articles."""

from __future__ import annotations

import shlex
import sys
import time

import click

from newsgraph import api
from newsgraph.cli.options import db_option, fail, model_option, read_options
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.fetch import Fetcher
from newsgraph.store import open_store


class _Progress:
    """A one-line status on stderr, redrawn at most 10 times a second; only on a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, summary: api.IngestSummary) -> None:
        now = time.monotonic()
        if not self.enabled or now - self._last < 0.1:
            return
        self._last = now
        click.echo(
            f"\r{summary.seen} seen, {summary.stored} stored, {summary.duplicates} duplicates, "
            f"{summary.rejected} rejected",
            err=True,
            nl=False,
        )

    def done(self) -> None:
        if self.enabled:
            click.echo("\r\033[K", err=True, nl=False)


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@db_option
@model_option
@read_options
@click.option(
    "--batch-size",
    default=16,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Documents per model batch and per database transaction.",
)
def command(
    inputs: tuple[str, ...],
    db: str,
    model: str | None,
    input_format: str | None,
    fields: tuple[str, ...],
    batch_size: int,
) -> None:
    """Read, analyse and store articles; print a summary (seen, stored, duplicates, rejected).

    Inputs are files, folders (recursive), globs, http(s) URLs of pages or feeds, a text file
    listing URLs one per line, or - for stdin. Documents already in the database (same URL or
    same text) are skipped, so running the same command again stores nothing new, and an
    interrupted run resumes where it stopped. Bad inputs are reported and recorded; list them
    with `newsgraph rejections`.

    \b
    Example:
      newsgraph ingest ../shared/data/wikinews-2019-2020/articles.jsonl
      newsgraph ingest feeds.txt saved-pages/ --db sqlite:///news.db
    """
    summary = api.IngestSummary()
    progress = _Progress()
    try:
        pipeline = api.build_pipeline(model=model, batch_size=batch_size)
        with open_store(db) as store, Fetcher(cache=store.http_cache()) as fetch:
            options = api.ReadOptions(format=input_format, fields=fields)
            api.ingest(
                inputs,
                db=store,
                pipeline=pipeline,
                fetch=fetch,
                stdin=sys.stdin.buffer,
                options=options,
                summary=summary,
                progress=progress,
            )
    except KeyboardInterrupt:
        progress.done()
        click.echo(summary.describe(db), err=True)
        resume = shlex.join(["newsgraph", "ingest", *inputs, "--db", db])
        click.echo(f"interrupted; what was stored is kept. Resume with:\n  {resume}", err=True)
        sys.exit(130)
    except NewsgraphError as error:
        progress.done()
        fail(error)
    progress.done()
    click.echo(summary.describe(db), err=True)
