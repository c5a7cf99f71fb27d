"""Every command is documented in the README and answers --help (STYLE: docs checked by tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ekspor_cli.cli.app import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _command_paths() -> list[list[str]]:
    root = typer.main.get_command(app)
    paths: list[list[str]] = []
    for name, command in sorted(root.commands.items()):  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            paths.extend([name, sub] for sub in sorted(subcommands))
        else:
            paths.append([name])
    return paths


COMMANDS = _command_paths()


def test_the_cli_has_the_commands_the_issues_ask_for() -> None:
    names = {" ".join(p) for p in COMMANDS}
    assert {
        "assess",
        "batch",
        "template",
        "score",
        "criteria validate",
        "criteria show",
        "criteria schema",
        "list",
        "show",
        "progress",
        "export",
        "import",
        "cohort",
        "businesses",
    } <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p))
def test_every_command_is_in_the_readme(path: list[str]) -> None:
    if not README.exists():
        pytest.skip("README.md not present (installed package without the repository)")
    assert f"ekspor {' '.join(path)}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p))
def test_every_command_has_help(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
