"""``newsgraph ingest``: read, analyse and store articles."""

from __future__ import annotations

import shlex
import sys
import time
from contextlib import ExitStack

import click

from newsgraph import api
from newsgraph.cli.options import db_option, fail, model_option, read_options
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.fetch import Fetcher
from newsgraph.linking.corpus import LinkSummary
from newsgraph.linking.corpus import summary as link_summary
from newsgraph.scale.dask import PipelineSpec, dask_runner
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
@click.option(
    "--workers",
    type=click.IntRange(1, None),
    default=None,
    help="Analyse on a local Dask cluster of this many worker processes (one model each).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Analyse on the existing Dask cluster with this scheduler address.",
)
@click.option(
    "--no-link",
    "no_link",
    is_flag=True,
    help="Store without cross-document linking (near-duplicates, stories, merged events); "
    "run `newsgraph link` afterwards. Faster for a bulk load, where linking once in large "
    "chunks is cheaper than linking as batches arrive.",
)
def command(
    inputs: tuple[str, ...],
    db: str,
    model: str | None,
    input_format: str | None,
    fields: tuple[str, ...],
    batch_size: int,
    workers: int | None,
    scheduler: str | None,
    no_link: bool,
) -> None:
    """Read, analyse and store articles; print a summary (seen, stored, duplicates, rejected)
    and, when it linked documents, what the corpus holds after linking (as `newsgraph link`).

    Inputs are files, folders (recursive), globs, http(s) URLs of pages or feeds, a text file
    listing URLs one per line, or - for stdin. Documents already in the database (same URL or
    same text) are skipped, so running the same command again stores nothing new, and an
    interrupted run resumes where it stopped. Bad inputs are reported and recorded; list them
    with `newsgraph rejections`.

    \b
    Example:
      newsgraph ingest ../shared/data/wikinews-2019-2020/articles.jsonl
      newsgraph ingest feeds.txt saved-pages/ --db sqlite:///news.db
      newsgraph ingest archive/*.warc.gz --workers 2 --db postgresql://localhost/news
    """
    summary = api.IngestSummary()
    linked: LinkSummary | None = None
    progress = _Progress()
    if workers is not None and scheduler is not None:
        fail("give --workers or --scheduler, not both", code=2)
    try:
        with ExitStack() as stack:
            runner: api.Runner
            if workers is None and scheduler is None:
                runner = api.build_pipeline(model=model, batch_size=batch_size)
            else:
                spec = PipelineSpec(model=model, batch_size=batch_size)
                runner = stack.enter_context(dask_runner(workers=workers, scheduler=scheduler, spec=spec))
            store = stack.enter_context(open_store(db))
            fetch = stack.enter_context(Fetcher(cache=store.http_cache()))
            options = api.ReadOptions(format=input_format, fields=fields)
            # Ingest links what it stores and what an earlier run left unlinked.
            unlinked = 0 if no_link else store.unlinked_documents()
            api.ingest(
                inputs,
                db=store,
                pipeline=runner,
                fetch=fetch,
                stdin=sys.stdin.buffer,
                options=options,
                summary=summary,
                progress=progress,
                link=not no_link,
            )
            if not no_link and (summary.stored or unlinked):
                linked = link_summary(store, summary.stored + unlinked)
    except KeyboardInterrupt:
        progress.done()
        click.echo(summary.describe(db), err=True)
        resume = shlex.join(["newsgraph", "ingest", *inputs, "--db", db, *_options_given()])
        click.echo(f"interrupted; what was stored is kept. Resume with:\n  {resume}", err=True)
        sys.exit(130)
    except NewsgraphError as error:
        progress.done()
        fail(error)
    progress.done()
    click.echo(summary.describe(db), err=True)
    if linked is not None:
        click.echo(linked.describe(), err=True)
    if no_link and summary.stored:
        click.echo(f"not linked across the corpus yet: run `newsgraph link --db {db}`", err=True)


def _options_given() -> list[str]:
    """The options this run was given (besides inputs and --db), to repeat in the resume command."""
    context = click.get_current_context()
    given = []
    for param in context.command.params:
        if param.name in ("inputs", "db") or not isinstance(param, click.Option):
            continue
        source = context.get_parameter_source(param.name or "")
        if source is not click.core.ParameterSource.COMMANDLINE:
            continue
        value = context.params[param.name or ""]
        if isinstance(value, bool):  # a flag: repeated by name only
            given += [param.opts[0]] if value else []
            continue
        for item in value if isinstance(value, tuple) else (value,):
            given += [param.opts[0], str(item)]
    return given
