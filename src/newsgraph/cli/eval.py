"""``newsgraph eval``: score newsgraph against standard gold formats.

Each kind of gold is a subcommand defined beside its scorer's CLI shell and added here.
"""

from __future__ import annotations

import click


@click.group("eval")
def command() -> None:
    """Score newsgraph against gold data and print the numbers (a table, or --json).

    \b
    Example:
      newsgraph eval --help
    """


# Subcommands register below, one line each: command.add_command(<module>.command)
