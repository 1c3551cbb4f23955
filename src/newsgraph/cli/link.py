"""``newsgraph link``: link the stored documents across the corpus (near-duplicates, stories,
merged events), for databases ingested before ingest did it, or to rebuild every link."""

from __future__ import annotations

import sys

import click

from newsgraph.cli.options import db_option, fail
from newsgraph.errors import NewsgraphError
from newsgraph.linking.corpus import link_pending, rebuild, summary
from newsgraph.store import open_store


@click.command("link")
@db_option
@click.option("--rebuild", "again", is_flag=True, help="Forget every link and link all documents again.")
def command(db: str, again: bool) -> None:
    """Link the documents not linked yet (or, with --rebuild, all of them): near-duplicates,
    story clusters and merged events. Ingest already links what it stores; an interrupted link
    resumes where it stopped when run again.

    \b
    Example:
      newsgraph link --db news.db
      291 documents: 3 near-duplicates, 240 stories, 1900 merged events from 2100 event mentions (...)
    """

    def progress(done: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\rlinked {done} documents", err=True, nl=False)

    try:
        with open_store(db, create=False) as store:
            linked = (rebuild if again else link_pending)(store, progress=progress)
            if sys.stderr.isatty() and linked:
                click.echo("", err=True)
            click.echo(summary(store, linked).describe(), err=True)
    except NewsgraphError as error:
        fail(error)
