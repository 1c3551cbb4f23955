"""``python -m newsgraph``: the same as the ``newsgraph`` command."""

from newsgraph.cli.main import cli

if __name__ == "__main__":
    cli()
