"""The ``newsgraph`` command: verbs as subcommands, each in its own module.

Data goes to stdout (JSON lines by default); messages and progress go to stderr.
"""

from __future__ import annotations

import click

from newsgraph.cli import bench, extract, ingest, link, rejections, search, serve, stats
from newsgraph.cli import eval as evaluate
from newsgraph.cli import export as export_cli
from newsgraph.cli import query as query_cli
from newsgraph.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="newsgraph")
def cli() -> None:
    """newsgraph: who did what to whom, when and where, and who said what, from news articles.

    \b
    Example:
      newsgraph extract article.txt
      newsgraph ingest articles.jsonl saved-pages/ --db news.db
      newsgraph stats --db news.db --json
    """


for command in (
    extract.command,
    ingest.command,
    link.command,
    search.command,
    stats.command,
    rejections.command,
    evaluate.command,
    bench.command,
    serve.command,
    query_cli.command,
    export_cli.command,
):
    cli.add_command(command)
