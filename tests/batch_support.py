"""What the `ekspor batch` and `ekspor template` CLI tests share: the runner, and readers
for what the commands print and write (the criteria file is conftest's ``mini_file``, or
``sektor_required``'s variant of it)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from ekspor_cli.cli.app import app

from .conftest import MINI

DATA = Path(__file__).parent / "data" / "batch"
MINI_REQUIRED = MINI.replace(
    "label: {id: Sektor, en: Sector}", "label: {id: Sektor, en: Sector}\n        required: true"
)
"""The mini criteria with question 'sektor' required."""
assert MINI_REQUIRED != MINI
runner = CliRunner(env={"COLUMNS": "120", "EKSPOR_CRITERIA": None, "EKSPOR_LANG": None})


def batch(mini: Path, *args: str | Path, input: bytes | None = None) -> object:
    return runner.invoke(app, ["batch", "-c", str(mini), *map(str, args)], input=input)


def sektor_required(folder: Path) -> Path:
    """:data:`MINI_REQUIRED` written to ``folder``/wajib.yaml."""
    criteria = folder / "wajib.yaml"
    criteria.write_text(MINI_REQUIRED, encoding="utf-8")
    return criteria


def said(result: object) -> str:
    """What the command printed, with line wrapping undone (Rich wraps long messages)."""
    return " ".join(result.output.split())  # type: ignore[attr-defined]


def read_csv(path: Path, delimiter: str = ",") -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
