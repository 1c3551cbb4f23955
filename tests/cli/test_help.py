"""Every command has --help with an example."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli

COMMANDS = sorted(cli.commands)  # type: ignore[attr-defined]


def test_the_foundation_verbs_exist() -> None:
    assert {"extract", "ingest", "search", "stats", "rejections"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_shows_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "newsgraph " in result.output.split("Example:")[1]


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "newsgraph", "--version"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.startswith("newsgraph, version ")
