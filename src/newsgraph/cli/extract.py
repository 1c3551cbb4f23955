"""``newsgraph extract``: analyse articles and print one JSON object per article."""

from __future__ import annotations

import json
import sys

import click

from newsgraph import api
from newsgraph.cli.options import fail, model_option, read_options, warn
from newsgraph.errors import NewsgraphError
from newsgraph.export.record import to_record
from newsgraph.ingest.fetch import Fetcher
from newsgraph.model import Rejection


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|-...")
@click.option("--pretty", is_flag=True, help="Indent the JSON (one object per article, still).")
@model_option
@read_options
def command(
    inputs: tuple[str, ...], pretty: bool, model: str | None, input_format: str | None, fields: tuple[str, ...]
) -> None:
    """Analyse articles and print one JSON object per article on stdout (nothing is stored).

    Reads plain-text articles, HTML pages, RSS/Atom feeds, WARC archives, JSONL, folders, globs,
    http(s) URLs, or - for stdin. The object has `document` (metadata and text) and the lists
    `mentions`, `entities`, `time_expressions`, `quotes` and `events`; its JSON Schema is
    src/newsgraph/schema/extract.schema.json. Inputs that cannot be read are reported on stderr
    and the exit status is 1.

    \b
    Example:
      newsgraph extract ../shared/examples/xi-moscow-2025-05-08.txt
      curl -s https://example.org/story.html | newsgraph extract -
    """
    rejected = 0
    try:
        pipeline = api.build_pipeline(model=model)
        with Fetcher() as fetch:
            options = api.ReadOptions(format=input_format, fields=fields)
            for result in api.extract(inputs, pipeline=pipeline, fetch=fetch, stdin=sys.stdin.buffer, options=options):
                if isinstance(result, Rejection):
                    rejected += 1
                    warn(f"skipped {result.describe()}")
                    continue
                record = to_record(result)
                click.echo(json.dumps(record, ensure_ascii=False, indent=2 if pretty else None))
    except NewsgraphError as error:
        fail(error)
    if rejected:
        sys.exit(1)
