"""``newsgraph serve``: the REST API and web UI over one database, under uvicorn."""

from __future__ import annotations

import os

import click

from newsgraph.cli.options import db_option, fail, warn
from newsgraph.errors import NewsgraphError

#: The environment variable holding the ingest token (never an option: it would show in `ps`).
TOKEN_ENV = "NEWSGRAPH_API_TOKEN"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option(
    "--allow-ingest",
    is_flag=True,
    help=f"Accept POST /api/v1/ingest with `Authorization: Bearer ${TOKEN_ENV}` (the server is read-only otherwise).",
)
def command(db: str, host: str, port: int, allow_ingest: bool) -> None:
    """Serve the web UI and the REST API (/api/v1, documented at /docs) over a database.

    \b
    Example:
      newsgraph serve --db news.db
      NEWSGRAPH_API_TOKEN=$(openssl rand -hex 16) newsgraph serve --db news.db --allow-ingest
    """
    import uvicorn

    from newsgraph.store import open_store
    from newsgraph.web import create_app

    token = os.environ.get(TOKEN_ENV, "").strip() or None
    if allow_ingest and token is None:
        fail(f"--allow-ingest needs a token: set {TOKEN_ENV} (e.g. export {TOKEN_ENV}=$(openssl rand -hex 16))", 2)
    try:  # open once here, so a bad --db fails with our message before the server starts
        open_store(db, create=allow_ingest).close()
    except NewsgraphError as error:
        fail(error)
    if host not in LOOPBACK:
        warn(f"listening on {host}: anyone who can reach this address can read the database")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsgraph: serving {db} at http://{shown}:{port}/ (API docs at /docs); Ctrl-C stops", err=True)
    app = create_app(db, allow_ingest=allow_ingest, token=token)
    uvicorn.run(app, host=host, port=port, log_level="warning")
