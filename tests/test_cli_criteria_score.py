"""`ekspor criteria ...` and `ekspor score` through Typer's runner: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ekspor_cli.cli.app import app
from ekspor_cli.cli.boundary import EksporTyper
from ekspor_cli.errors import InputError
from ekspor_cli.paths import ENV_DATA_DIR

from .conftest import MINI

runner = CliRunner()


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "jawaban.yaml"
    path.write_text(
        "sektor: pangan\nnib: T\nizin_edar: 2\nkapasitas: 1.500\nvolume_pembeli: 1000\n"
        "subkontrak: ya\npemasok: petani\nmutu: tidak tahu\n",
        encoding="utf-8",
    )
    return path


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("ekspor ")


def test_validate_ok(mini_file: Path) -> None:
    result = runner.invoke(app, ["criteria", "validate", str(mini_file)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output and "2 dimensions, 10 questions" in result.output


def test_validate_reports_every_error_with_position(tmp_path: Path, mini_file: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.replace("weight: 3\n    questions", "weight: 0\n    questions").replace(
            "type: scale", "type: skala"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["criteria", "validate", str(mini_file), str(bad)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith(str(bad))]
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}:43:13: C107 'weight' input should be greater than 0")
    assert lines[1].startswith(f"{bad}:81:15: C103 unknown question type 'skala'")
    assert "Traceback" not in result.output


def test_validate_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\nid: y\n", encoding="utf-8")
    result = runner.invoke(app, ["criteria", "validate", "--json", str(bad)])
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert data["valid"] is False
    assert data["issues"][0]["line"] == 3 and data["issues"][0]["code"] == "Y002"


def test_validate_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["criteria", "validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "file not found" in result.output


def test_show_tree_and_json(mini_file: Path) -> None:
    tree = runner.invoke(app, ["criteria", "show", str(mini_file), "--lang", "en"])
    assert tree.exit_code == 0
    assert "Supply continuity" in tree.output and "KNOCK-OUT" in tree.output
    shown = runner.invoke(app, ["criteria", "show", str(mini_file), "--json"])
    data = json.loads(shown.output)
    assert {"id", "version", "levels", "dimensions"} <= set(data)
    question = data["dimensions"][0]["questions"][2]
    assert question["key"] == "izin_edar" and question["when"] == 'sektor == "pangan"'
    assert question["choices"][0] == {
        "key": "md",
        "label": {"id": "BPOM MD"},
        "points": 2,
        "not_applicable": False,
        "exclusive": False,
        "aliases": [],
    }


def test_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["criteria", "schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "dimensions" in schema["properties"]


def test_score_json(mini_file: Path, answers_file: Path) -> None:
    result = runner.invoke(
        app, ["score", str(answers_file), "--criteria", str(mini_file), "--json", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["score"] == 60.8
    assert data["level"] == {"key": "rendah", "label": "Low"}
    assert data["knockouts"] == ["nib"]
    assert [g["question"] for g in data["gaps"]] == ["nib", "pemasok", "izin_edar"]
    assert data["criteria"]["id"] == "mini"
    kapasitas = next(q for q in data["questions"] if q["key"] == "kapasitas")
    assert kapasitas["answer"] == 1500.0  # 1.500 is one thousand five hundred


def test_score_terminal_report(mini_file: Path, answers_file: Path) -> None:
    result = runner.invoke(app, ["score", str(answers_file), "-c", str(mini_file)])
    assert result.exit_code == 0
    assert "Skor: 60.8 / 100" in result.output
    assert "Syarat mutlak" in result.output


def test_score_writes_markdown_report(tmp_path: Path, mini_file: Path, answers_file: Path) -> None:
    out = tmp_path / "laporan.md"
    result = runner.invoke(app, ["score", str(answers_file), "-c", str(mini_file), "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Laporan Kesiapan Ekspor")
    assert "**Skor: 60.8 / 100**" in text


def test_score_bad_answers_are_all_listed_with_lines(tmp_path: Path, mini_file: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("nib: mungkin\nmutu: 9\nnibb: ya\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(answers), "-c", str(mini_file)])
    assert result.exit_code == 2
    assert f"{answers}:1: nib:" in result.output
    assert f"{answers}:2: mutu:" in result.output
    assert "did you mean 'nib'?" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- a\n- b\n", "expected a mapping"),
        ("a: [\n", "Y001"),
        ("answers: {nib: ya}\nextra: 1\n", "unexpected top-level key"),
    ],
)
def test_score_unusable_answer_file(
    tmp_path: Path, mini_file: Path, content: str, message: str
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["score", str(answers), "-c", str(mini_file)])
    assert result.exit_code == 2
    assert message in result.output


def test_score_unknown_report_format(tmp_path: Path, mini_file: Path, answers_file: Path) -> None:
    result = runner.invoke(
        app, ["score", str(answers_file), "-c", str(mini_file), "-o", str(tmp_path / "r.pdf")]
    )
    assert result.exit_code == 2
    assert "unknown report format '.pdf'" in result.output


def test_score_save_with_unknown_report_format_saves_nothing(
    tmp_path: Path, mini_file: Path, answers_file: Path
) -> None:
    db = tmp_path / "history.db"
    args = ["score", str(answers_file), "-c", str(mini_file), "--save", "--db", str(db)]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2
    assert "unknown report format '.pdf'" in result.output
    assert "use a file name ending in .json, .md, .html" in result.output
    assert not db.exists()  # refused before anything was saved: a re-run saves it once


def test_score_save_whose_report_cannot_be_written_names_the_saved_id(
    tmp_path: Path, mini_file: Path, answers_file: Path
) -> None:
    db = tmp_path / "history.db"
    args = ["score", str(answers_file), "-c", str(mini_file), "--save", "--db", str(db)]
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "a-file" / "r.md")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    listed = runner.invoke(app, ["list", "--db", str(db), "--json"])
    (saved,) = json.loads(listed.stdout)
    short = saved["id"][:8]
    assert f"the assessment was saved (ID {short})" in result.output
    assert f"ekspor show {short} -o FILE" in result.output


def test_score_answers_file_with_profile(tmp_path: Path, mini_file: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(
        json.dumps({"profile": {"business_name": "CV [bold]Maju"}, "answers": {"nib": True}}),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["score", str(answers), "-c", str(mini_file)])
    assert result.exit_code == 0, result.output
    assert "CV [bold]Maju" in result.output  # user text is shown, never read as markup


def test_validate_bundled_by_default_and_json_when_valid() -> None:
    plain = runner.invoke(app, ["criteria", "validate"])
    assert plain.exit_code == 0, plain.output
    assert plain.output.startswith("OK umkm-ekspor.yaml: ")
    as_json = runner.invoke(app, ["criteria", "validate", "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.output) == {"valid": True, "issues": []}


def test_validate_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["criteria", "validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.output
    assert "Traceback" not in result.output


def test_validate_non_utf8_file(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("id: caf\xe9\n".encode("latin-1"))
    result = runner.invoke(app, ["criteria", "validate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1:8: Y009 the file is not valid UTF-8 (byte 0xE9" in result.output


def test_show_broken_file_lists_issues(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\nid: y\n", encoding="utf-8")
    result = runner.invoke(app, ["criteria", "show", str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad}:3:" in result.output and "Y002" in result.output
    assert "Traceback" not in result.output


def test_show_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["criteria", "show", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "F001 file not found" in result.output


@pytest.mark.parametrize(
    ("decimal", "kapasitas"), [("auto", 1500.0), ("comma", 1500.0), ("dot", 1.5)]
)
def test_score_decimal_convention(
    mini_file: Path, answers_file: Path, decimal: str, kapasitas: float
) -> None:
    result = runner.invoke(
        app, ["score", str(answers_file), "-c", str(mini_file), "--json", "--decimal", decimal]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert next(q for q in data["questions"] if q["key"] == "kapasitas")["answer"] == kapasitas


def test_score_non_utf8_answers_file(tmp_path: Path, mini_file: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_bytes("pemasok: petani\nnama: caf\xe9\n".encode("latin-1"))
    result = runner.invoke(app, ["score", str(answers), "-c", str(mini_file)])
    assert result.exit_code == 2
    assert f"{answers}: not UTF-8 text" in result.output
    assert "save the file as UTF-8" in result.output


def test_score_answers_file_with_bom(tmp_path: Path, mini_file: Path, answers_file: Path) -> None:
    answers = tmp_path / "bom.yaml"
    answers.write_bytes(b"\xef\xbb\xbf" + answers_file.read_bytes())
    result = runner.invoke(app, ["score", str(answers), "-c", str(mini_file), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["score"] == 60.8


def test_score_missing_answers_file(tmp_path: Path, mini_file: Path) -> None:
    answers = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["score", str(answers), "-c", str(mini_file)])
    assert result.exit_code == 2
    assert f"{answers}: cannot read (No such file or directory)" in result.output


def test_score_answers_folder_is_a_usage_error(tmp_path: Path, mini_file: Path) -> None:
    result = runner.invoke(app, ["score", str(tmp_path), "-c", str(mini_file)])
    assert result.exit_code == 2
    assert "is a directory" in result.output


def test_score_broken_criteria(tmp_path: Path, answers_file: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- not a mapping\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(answers_file), "-c", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1:1: C001 a criteria file must be a mapping" in result.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.json", '{"nib": ', "a.json:1:9: invalid JSON"),
        ("a.json", "[1, 2]", "expected a mapping of question key -> answer"),
        ("a.yaml", "answers: {nib: ya}\nprofile: [x]\n", "'profile' must be a mapping"),
    ],
)
def test_score_unusable_answer_file_shapes(
    tmp_path: Path, mini_file: Path, name: str, content: str, message: str
) -> None:
    answers = tmp_path / name
    answers.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["score", str(answers), "-c", str(mini_file)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def _boundary_app(problem: BaseException) -> EksporTyper:
    demo = EksporTyper()

    @demo.command()
    def fail() -> None:
        raise problem

    @demo.command()
    def other() -> None:  # a second command keeps `fail` a subcommand
        pass

    return demo


def test_boundary_user_error_is_a_message_and_its_exit_code() -> None:
    result = runner.invoke(_boundary_app(InputError("x.csv: empty", "add rows")), ["fail"])
    assert result.exit_code == 2
    assert result.output == "error: x.csv: empty\n  add rows\n"


def test_boundary_ctrl_c_exits_130() -> None:
    result = runner.invoke(_boundary_app(KeyboardInterrupt()), ["fail"])
    assert result.exit_code == 130
    assert "cancelled" in result.output


def test_boundary_bug_writes_a_log_and_exits_70(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path))
    monkeypatch.delenv("EKSPOR_DEBUG", raising=False)
    result = runner.invoke(_boundary_app(RuntimeError("boom")), ["fail"])
    assert result.exit_code == 70
    assert "internal error (RuntimeError): this is a bug in ekspor" in result.output
    assert "Traceback" not in result.output
    (log,) = (tmp_path / "logs").glob("crash-*.log")
    assert f"detailsin{log}" in "".join(result.output.split())  # however the line wraps
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")


def test_boundary_bug_with_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EKSPOR_DEBUG", "1")
    result = runner.invoke(_boundary_app(RuntimeError("boom")), ["fail"])
    assert isinstance(result.exception, RuntimeError)


@pytest.mark.parametrize(
    ("lang", "step", "more"),
    [
        ("id", "→ lihat rencana aksi, langkah 1", "lagi: lihat laporan lengkap -o laporan.md)"),
        ("en", "→ see the action plan, step 1", "more: see the full report -o report.md)"),
    ],
)
def test_terminal_report_points_gaps_to_plan_steps_and_to_the_full_report(
    lang: str, step: str, more: str
) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "cabai-kering-rumahan.yaml"
    result = runner.invoke(
        app,
        ["score", str(example), "--lang", lang],
        env={"COLUMNS": "200", "EKSPOR_CRITERIA": None},
    )
    assert result.exit_code == 0, result.output
    assert step in result.output and more in result.output
