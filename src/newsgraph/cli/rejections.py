"""``newsgraph rejections``: the inputs that were not stored, and why."""

from __future__ import annotations

import json

import click

from newsgraph.cli.options import db_option, fail
from newsgraph.errors import NewsgraphError
from newsgraph.store import open_store


@click.command("rejections")
@db_option
@click.option("--reason", default=None, help="Only this reason code (empty_text, decode_error, malformed, ...).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of text.")
def command(db: str, reason: str | None, as_json: bool) -> None:
    """List the inputs an ingest rejected, with the reason code and the message.

    \b
    Example:
      newsgraph rejections --reason malformed
    """
    try:
        with open_store(db, create=False) as store:
            rows = list(store.iter_rejections(reason))
    except NewsgraphError as error:
        fail(error)
    for row in rows:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "origin": row.origin,
                        "reason": row.reason,
                        "message": row.message,
                        "document_id": row.document_id,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(f"{row.reason:<15} {row.describe()}")
