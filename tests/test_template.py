"""`ekspor template`: every option, and the file types it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from ekspor_cli import load_criteria_text
from ekspor_cli.batch.template import column_guide, template_header
from ekspor_cli.cli.app import app
from ekspor_cli.cli.template_cmd import companion_path

from .batch_support import read_csv, runner
from .conftest import MINI

CRITERIA = load_criteria_text(MINI, "mini.yaml")


def template(mini_file: Path, *args: str | Path) -> object:
    return runner.invoke(app, ["template", "-c", str(mini_file), *map(str, args)])


@pytest.mark.parametrize("name", ["daftar.jsonl", "daftar.ndjson"])
def test_a_template_is_xlsx_or_csv(mini_file: Path, tmp_path: Path, name: str) -> None:
    result = template(mini_file, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert "a template is .xlsx or .csv" in " ".join(result.output.split())  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == [mini_file]


def test_another_extension_gets_a_csv_template(mini_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "daftar.txt"
    assert template(mini_file, "-o", out).exit_code == 0  # type: ignore[attr-defined]
    assert read_csv(out)[0] == template_header(CRITERIA)
    assert (tmp_path / "daftar.columns.txt").exists()


def test_semicolon_labels_and_english(mini_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "daftar.csv"
    args = ["-o", out, "--delimiter", "semicolon", "--headers", "label", "--lang", "en"]
    result = template(mini_file, *args)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    header = read_csv(out, ";")[0]
    assert header == template_header(CRITERIA, "label", "en")
    assert header[:3] == ["nama_usaha", "Sector", "Has NIB?"]
    guide = read_csv(tmp_path / "daftar.columns.csv", ";")
    assert guide[0][:2] == ["column", "key"] and guide[2][:2] == ["Sector", "sektor"]


def test_a_bad_delimiter_is_refused(mini_file: Path, tmp_path: Path) -> None:
    result = template(mini_file, "-o", tmp_path / "daftar.csv", "--delimiter", "ab")
    assert result.exit_code == 2
    assert not (tmp_path / "daftar.csv").exists()


def test_companion_path() -> None:
    assert companion_path(Path("a/daftar.csv")) == Path("a/daftar.columns.csv")
    assert companion_path(Path("daftar")) == Path("daftar.columns.csv")


def test_the_guide_describes_every_question_type() -> None:
    _, rows = column_guide(CRITERIA, lang="en")
    by_key = {row[1]: row for row in rows}
    types = {key: row[3] for key, row in by_key.items() if key}
    assert set(types.values()) == {
        "single choice",
        "yes/no",
        "number",
        "multiple choice",
        "scale",
        "text",
    }
    assert by_key["izin_edar"][6] == 'sektor == "pangan"'
    assert "min 0" in by_key["kapasitas"][4]
    assert by_key["mutu"][4].startswith("a whole number from 1 to 5 (1 = Buruk, 5 = Sangat baik)")
    assert (
        by_key["catatan"][4] == "free text, at most 1000 characters; empty, - or N/A = not answered"
    )
    assert by_key["sektor"][4].startswith("one choice: 1=pangan (Processed food)")


@pytest.mark.parametrize("name", ["daftar.xls", "daftar.ods", "DAFTAR.XLSM"])
def test_an_old_or_other_spreadsheet_format_is_refused(
    mini_file: Path, tmp_path: Path, name: str
) -> None:
    """A CSV named .xls makes Excel warn that the file is damaged: say so instead."""
    result = template(mini_file, "-o", tmp_path / name)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    shown = " ".join(result.output.split())  # type: ignore[attr-defined]
    assert "cannot write" in shown and ".xlsx" in shown
    assert list(tmp_path.iterdir()) == [mini_file]


@pytest.mark.parametrize("delimiter", ["ab", '"'])
def test_a_bad_delimiter_says_which_delimiters_work(
    mini_file: Path, tmp_path: Path, delimiter: str
) -> None:
    result = template(mini_file, "-o", tmp_path / "daftar.csv", "--delimiter", delimiter)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    shown = " ".join(result.output.split())  # type: ignore[attr-defined]
    assert f"'{delimiter}' cannot be a delimiter" in shown
    assert "use comma, semicolon, tab, pipe or one character" in shown
    assert "Traceback" not in shown
    assert list(tmp_path.iterdir()) == [mini_file]  # neither the template nor its guide
