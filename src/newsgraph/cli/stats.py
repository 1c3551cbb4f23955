"""``newsgraph stats``: counts of documents, rejections and each fact kind."""

from __future__ import annotations

import json

import click

from newsgraph.cli.options import db_option, fail
from newsgraph.errors import NewsgraphError
from newsgraph.store import open_store


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def command(db: str, as_json: bool) -> None:
    """Count documents, rejections and facts of each kind in the database.

    \b
    Example:
      newsgraph stats --json
      {"documents": 291, "rejections": 0, "mentions": 9843, ...}
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
