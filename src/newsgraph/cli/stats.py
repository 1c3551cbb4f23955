"""``newsgraph stats``: counts of documents, rejections, each fact kind and the cross-document links."""

from __future__ import annotations

import json

import click

from newsgraph.cli.options import db_option, fail, json_option
from newsgraph.errors import NewsgraphError
from newsgraph.store import open_store


@click.command("stats")
@db_option
@json_option()
def command(db: str, as_json: bool) -> None:
    """Count documents, rejections and facts of each kind in the database, then what linking
    across the corpus made of them: near-duplicate links, stories, merged events (and those
    reported by two or more articles), and the documents not linked yet (`newsgraph link`
    links them).

    \b
    Example:
      newsgraph stats --json
      {"documents": 291, "rejections": 0, "mentions": 17156, ..., "events": 2103,
       "near_duplicates": 0, "stories": 258, "merged_events": 1714,
       "merged_events_reported_by_several": 21, "unlinked_documents": 0}
    """
    try:
        with open_store(db, create=False) as store:
            counts = store.stats()
    except NewsgraphError as error:
        fail(error)
    if as_json:
        click.echo(json.dumps(counts))
        return
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        click.echo(f"{key:<{width}}  {value:>9,}")
