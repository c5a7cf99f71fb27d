"""Every command is documented in the README and answers --help (STYLE: docs checked by tests)."""

from __future__ import annotations

import re
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


# --- the sample interview in the README -------------------------------------------------

SHOWN_DATA_DIR = "~/.local/share/ekspor"  # how the README shows the data folder


def _readme_text() -> str:
    if not README.exists():
        pytest.skip("README.md not present (installed package without the repository)")
    return README.read_text(encoding="utf-8")


def _usage_block(text: str) -> str:
    return text.split("## Usage", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]


def test_the_usage_block_lists_the_interview() -> None:
    usage = _usage_block(_readme_text())
    assert "\nekspor assess " in usage and "\nekspor score " in usage


def test_the_readme_names_the_bundled_criteria_by_their_sha256() -> None:
    from ekspor_cli import load_bundled_criteria

    shown = re.findall(r"sha256\s+([0-9a-f]{12})\)", _readme_text())
    assert shown, "the README sample shows no criteria sha256"
    assert set(shown) == {load_bundled_criteria().sha256[:12]}


def _session_lines(text: str) -> list[str]:
    """The lines of the README's sample session, without the ones marking left-out parts."""
    section = text.split("### Interview (`ekspor assess`)", 1)[1].split("\n### ", 1)[0]
    lines: list[str] = []
    for block in re.findall(r"```text\n(.*?)```", section, re.S):
        left_out = False
        for line in block.splitlines():
            # "…" and "…  (the rest of ...," with its indented continuation
            left_out = line.startswith("…") or (left_out and line.startswith("    "))
            if not left_out:
                lines.append(line)
    return lines


def _ids_left_out(line: str) -> str:
    line = re.sub(r"-[0-9a-f]{8}\.json$", "-ID.json", line)
    return re.sub(r"\(ID [0-9a-f]{8}\)$", "(ID ID)", line)


def test_the_readme_session_is_what_assess_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every line the README shows, in order: question counts (1/47, 8/53, 26/54), the
    review's counts, the score, the action plan, the criteria sha256 and what was saved
    (the result file and the history database, the last line)."""
    from .test_assess_cli import PROFILE, typed_lines

    example = README.parent / "examples" / "cabai-kering-rumahan.yaml"
    if not example.is_file():
        pytest.skip("examples are not part of this checkout")
    expected = [_ids_left_out(line) for line in _session_lines(_readme_text())]
    assert len(expected) > 100
    typed, _ = typed_lines(example)
    first = len(PROFILE)  # the sector, answered by its number in the README
    nib = first + 7  # the NIB, after seven questions on product and market
    assert typed[first] == "pangan_olahan" and typed[nib : nib + 2] == ["ya", "ya"]
    typed[first] = "1"
    typed[nib:nib] = ["?", "mungkin"]  # asks for help, then mistypes
    # a relative data folder as long as the one shown, so lines wrap where they do there
    data = "data".ljust(len(SHOWN_DATA_DIR), "_")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app,
        ["assess", "--data-dir", data],
        input="".join(f"{line}\n" for line in typed),
        env={
            "COLUMNS": "80",
            "EKSPOR_CRITERIA": None,
            "EKSPOR_LANG": None,
            "EKSPOR_DATA_DIR": None,
            "EKSPOR_DB": None,
        },
    )
    assert result.exit_code == 0, result.output[-2000:]
    printed = [
        _ids_left_out(line.rstrip().replace(data, SHOWN_DATA_DIR))
        for line in result.output.splitlines()
    ]
    at = 0
    for line in expected:
        assert line in printed[at:], f"README line not printed (in this order): {line!r}"
        at = printed.index(line, at) + 1
    assert expected[-1] == printed[-1]  # the sample ends where the session does
