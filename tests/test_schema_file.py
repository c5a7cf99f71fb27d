"""The JSON Schema shipped in docs/ (used by editors through the modeline) stays current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ekspor_cli.cli.app import app

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "ekspor-criteria.schema.json"


def test_docs_schema_matches_the_model() -> None:
    if not SCHEMA.exists():
        pytest.skip("docs/ not present (installed package without the repository)")
    result = CliRunner().invoke(app, ["criteria", "schema"])
    assert json.loads(result.output) == json.loads(SCHEMA.read_text(encoding="utf-8")), (
        "run: ekspor criteria schema > docs/ekspor-criteria.schema.json"
    )


def test_bundled_criteria_points_editors_at_the_schema() -> None:
    from ekspor_cli.bundled import bundled_criteria_path

    first = bundled_criteria_path().read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
