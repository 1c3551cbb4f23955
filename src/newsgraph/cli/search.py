"""``newsgraph search``: full-text search over titles and texts."""

from __future__ import annotations

import click

from newsgraph.cli.options import db_option, echo_json, fail, json_option
from newsgraph.errors import NewsgraphError
from newsgraph.store import open_store


@click.command("search")
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, None), help="Most hits to show.")
@json_option("Print JSON lines instead of text.")
def command(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over stored titles and texts, best matches first.

    Words are matched as words (all must occur); put a phrase in double quotes.

    \b
    Example:
      newsgraph search "ceasefire Gaza"
      newsgraph search '"state visit"' --json
    """
    try:
        with open_store(db, create=False) as store:
            hits = store.search(query, limit=limit)
    except NewsgraphError as error:
        fail(error)
    for hit in hits:
        if as_json:
            echo_json(hit)
        else:
            click.echo(f"{hit.published or '----------'}  {hit.title or '(untitled)'}  [{hit.document_id}]")
            click.echo(f"    {hit.snippet}")
    if not hits and not as_json:
        click.echo(f"no documents match {query!r}", err=True)
