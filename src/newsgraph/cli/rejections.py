"""``newsgraph rejections``: the inputs that were not stored, and why."""

from __future__ import annotations

import click

from newsgraph.cli.options import db_option, echo_json, fail, json_option
from newsgraph.errors import NewsgraphError
from newsgraph.store import open_store


@click.command("rejections")
@db_option
@click.option("--reason", default=None, help="Only this reason code (empty_text, decode_error, malformed, ...).")
@json_option("Print JSON lines instead of text.")
def command(db: str, reason: str | None, as_json: bool) -> None:
    """List the inputs an ingest rejected, with the reason code and the message.

    \b
    Example:
      newsgraph rejections --reason malformed
    """
    try:
        with open_store(db, create=False) as store:
            for row in store.iter_rejections(reason):
                if as_json:
                    echo_json(row)
                else:
                    click.echo(f"{row.reason:<15} {row.describe()}")
    except NewsgraphError as error:
        fail(error)
