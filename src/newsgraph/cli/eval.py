"""``newsgraph eval``: score newsgraph against standard gold formats.

Each kind of gold is a subcommand defined beside its scorer's CLI shell and added here.
"""

from __future__ import annotations

import click

from newsgraph.cli import (
    eval_coref,
    eval_event_coref,
    eval_events,
    eval_linking,
    eval_ner,
    eval_quotes,
    eval_stories,
    eval_timex,
)


@click.group("eval")
def command() -> None:
    """Score newsgraph against gold data and print the numbers (a table, or --json).

    \b
    Example:
      newsgraph eval timex ../shared/data/timeml-tbaq --baseline
      newsgraph eval ner ../shared/data/conll2003/eng.testa
      newsgraph eval coref tests/data/coref
      newsgraph eval quotes ../shared/data/polnear/dev --baseline
      newsgraph eval events ../shared/data/plover-gsr-dev/plover_gsr_dev.json
      newsgraph eval event-coref ../shared/data/ecbplus-dev/ECB+
      newsgraph eval stories ../shared/data/ecbplus-dev/ECB+
    """


# Subcommands register below, one line each: command.add_command(<module>.command)
command.add_command(eval_ner.command)
command.add_command(eval_timex.command)
command.add_command(eval_quotes.command)
command.add_command(eval_coref.command)
command.add_command(eval_linking.command)
command.add_command(eval_events.command)
command.add_command(eval_event_coref.command)
command.add_command(eval_stories.command)
