"""Every `ekspor batch` option and bad-input branch not covered in test_batch_cli.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ekspor_cli.batch.ranking import SortedSpool

from .batch_support import DATA, batch, said
from .conftest import MINI

SEMICOLON = "nama;sektor;nib;kapasitas\nUD A;pangan;ya;2,5\nUD B;kayu;T;1500\n"


def lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8-sig").splitlines()


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


# --- options that are refused before anything is read -------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "'pdf' is not one of"),
        (["--top", "-1"], "greater than or equal to 0"),
        (["--jobs", "0"], "greater than or equal to 1"),
        (["--gaps", "-1"], "greater than or equal to 0"),
        (["--output-decimal", "koma"], "'koma' is not one of"),
        (["--sort", "name"], "'name' is not one of"),
    ],
)
def test_option_values_typer_refuses(
    mini_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = batch(mini_file, DATA / "fields.csv", "-o", tmp_path / "x.csv", *args)
    assert result.exit_code == 2
    assert message in said(result)
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--encoding", "klingon"], "unknown encoding 'klingon'"),
        (["--output-encoding", "klingon"], "unknown encoding 'klingon'"),
        (["--delimiter", "ab"], "'ab' cannot be a delimiter"),
        (["--output-delimiter", '"'], "'\"' cannot be a delimiter"),
        (["--id-column", "Telepon"], "--id-column: no column named 'Telepon'"),
    ],
)
def test_bad_option_values_stop_the_run_and_write_nothing(
    mini_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.csv"
    result = batch(mini_file, DATA / "fields.csv", "-o", out, *args)
    assert result.exit_code == 2, result.output
    assert message in said(result)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "mini.yaml"]  # no temp file left


def test_xlsx_cannot_go_to_the_terminal(mini_file: Path) -> None:
    result = batch(mini_file, DATA / "fields.csv", "-o", "-", "--format", "xlsx")
    assert result.exit_code == 2
    assert "cannot be written to the terminal" in said(result) and "-o FILE.xlsx" in said(result)


# --- inputs that cannot be used ------------------------------------------------------------------


def test_an_old_xls_workbook_is_refused(mini_file: Path, tmp_path: Path) -> None:
    old = tmp_path / "daftar.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    result = batch(mini_file, old, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert "is an old Excel .xls workbook" in said(result) and "save it as .xlsx" in said(result)


def test_a_folder_an_empty_file_and_a_broken_workbook_are_refused(
    mini_file: Path, tmp_path: Path
) -> None:
    result = batch(mini_file, tmp_path, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "is a folder" in said(result)
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    result = batch(mini_file, empty, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "the file is empty" in said(result)
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = batch(mini_file, broken, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "not a readable Excel workbook" in said(result)
    assert not (tmp_path / "x.csv").exists()


def test_sheet_chooses_the_sheet_and_a_missing_one_lists_the_sheets(
    mini_file: Path, tmp_path: Path
) -> None:
    source = workbook(
        tmp_path / "daftar.xlsx",
        {
            "Catatan": [["dibuat oleh petugas"]],
            "Data": [["sektor", "nib"], ["pangan", "ya"], ["kayu", "T"]],
        },
    )
    result = batch(mini_file, source, "-o", tmp_path / "x.csv", "--sheet", "Lain")
    assert result.exit_code == 2
    assert "no sheet named 'Lain'" in said(result) and "sheets: Catatan, Data" in said(result)
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, source, "-o", out, "--sheet", "Data", "--quiet")
    assert result.exit_code == 0, result.output
    assert [line.split(",")[:2] for line in lines(out)[1:]] == [["pangan", "ya"], ["kayu", "T"]]
    assert [line.split(",")[-1] for line in lines(out)[1:]] == ["2", "3"]  # the sheet's rows


def test_an_empty_sheet_is_refused(mini_file: Path, tmp_path: Path) -> None:
    source = workbook(tmp_path / "daftar.xlsx", {"Data": [[None, None]]})
    result = batch(mini_file, source, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "sheet 'Data' is empty" in said(result)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"- a\n- b\n", "a map file must be a mapping"),
        (b"Legalitas: \xff\xfe\n", "the map file is not UTF-8 text"),
        (b"NIB: [nib, sektor]\n", "'NIB' must map to one question key (or null)"),
    ],
)
def test_bad_map_files(mini_file: Path, tmp_path: Path, content: bytes, message: str) -> None:
    mapping = tmp_path / "peta.yaml"
    mapping.write_bytes(content)
    result = batch(mini_file, DATA / "fields.csv", "-o", tmp_path / "x.csv", "--map", mapping)
    assert result.exit_code == 2
    assert message in said(result)


def test_a_missing_map_file_is_refused(mini_file: Path, tmp_path: Path) -> None:
    result = batch(
        mini_file, DATA / "fields.csv", "-o", tmp_path / "x.csv", "--map", tmp_path / "no"
    )
    assert result.exit_code == 2
    assert "cannot read the map file" in said(result) and "check the path" in said(result)


# --- output options ------------------------------------------------------------------------------


def test_top_zero_writes_only_the_header(mini_file: Path, tmp_path: Path) -> None:
    out, report = tmp_path / "hasil.csv", tmp_path / "s.json"
    source = tmp_path / "daftar.csv"
    source.write_text("sektor,nib\npangan,ya\nkayu,T\n", encoding="utf-8")
    result = batch(mini_file, source, "-o", out, "--top", "0", "--summary", report, "--quiet")
    assert result.exit_code == 0, result.output
    assert lines(out) == [
        "sektor,nib,ekspor_score,ekspor_level,ekspor_level_label,ekspor_dim_legal,"
        "ekspor_dim_pasokan,ekspor_knockouts,ekspor_unverified,ekspor_gaps,"
        "ekspor_coverage_pct,ekspor_error,ekspor_line"
    ]
    rows = json.loads(report.read_text(encoding="utf-8"))["rows"]
    assert rows["read"] == rows["scored"] == 2 and rows["written"] == 0


def test_id_column_names_businesses_in_the_summary(mini_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "daftar.csv"
    source.write_text("No,Nama usaha,sektor,nib\n1,UD A,pangan,ya\n2,UD B,kayu,T\n", "utf-8")
    report = tmp_path / "s.json"
    args = ["-o", tmp_path / "x.csv", "--summary", report, "--quiet"]
    assert batch(mini_file, source, *args).exit_code == 0
    top = json.loads(report.read_text(encoding="utf-8"))["top"]
    assert [t["name"] for t in top] == ["1", "2"]  # default: the first non-question column
    assert batch(mini_file, source, *args, "--id-column", "nama USAHA").exit_code == 0
    top = json.loads(report.read_text(encoding="utf-8"))["top"]
    assert [t["name"] for t in top] == ["UD A", "UD B"]  # case and spaces ignored


def test_a_semicolon_file_comes_back_with_semicolons_and_decimal_commas(
    mini_file: Path, tmp_path: Path
) -> None:
    source = tmp_path / "daftar.csv"
    source.write_text(SEMICOLON, encoding="utf-8")
    out = tmp_path / "hasil.csv"
    assert batch(mini_file, source, "-o", out, "--quiet").exit_code == 0
    first = lines(out)[1].split(";")
    assert first[:4] == ["UD A", "pangan", "ya", "2,5"] and "," in first[4]  # 72,5-style
    assert batch(mini_file, source, "-o", out, "--quiet", "--output-decimal", "dot").exit_code == 0
    first = lines(out)[1].split(";")
    assert "." in first[4] and "," not in first[4]
    args = ["--output-delimiter", "comma", "--output-encoding", "cp1252"]
    assert batch(mini_file, source, "-o", out, "--quiet", *args).exit_code == 0
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM in cp1252
    assert data.decode("cp1252").splitlines()[1].startswith('UD A,pangan,ya,"2,5",')


def test_gaps_zero_leaves_the_gap_column_empty(mini_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "hasil.jsonl"
    assert (
        batch(mini_file, DATA / "utf8_bom.csv", "-o", out, "--gaps", "0", "--quiet").exit_code == 0
    )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(row["ekspor_gaps"] == "" for row in rows)


@pytest.mark.parametrize("name", ["salah.csv", "salah.jsonl", "salah.xlsx"])
def test_errors_file_in_every_format(mini_file: Path, tmp_path: Path, name: str) -> None:
    errors = tmp_path / name
    result = batch(
        mini_file, DATA / "fields.csv", "-o", tmp_path / "x.csv", "--errors", errors, "-q"
    )
    assert result.exit_code == 1
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        rows = list(load_workbook(errors)["errors"].iter_rows(values_only=True))
        assert rows[0] == ("baris", "kolom", "pertanyaan", "nilai", "masalah") and rows[1][0] == 3
    elif name.endswith(".jsonl"):
        first = json.loads(errors.read_text(encoding="utf-8-sig").splitlines()[0])
        assert first["baris"] == 3 and "ekstra" in first["nilai"]
    else:
        assert lines(errors)[0] == "baris,kolom,pertanyaan,nilai,masalah"
        assert lines(errors)[1].startswith("3,,,ekstra; lagi,")


# --- numbers in docs/batch.md --------------------------------------------------------------------


def test_sort_keeps_sixteen_bytes_a_row_in_memory() -> None:
    """docs/batch.md: "--sort keeps 16 bytes per row in memory"."""
    spool = SortedSpool()
    spool.add([1.0, None, 2.0], ["a", "b", "c"])
    kept = spool._offsets.itemsize + spool._scores.itemsize
    assert kept == 16 and len(spool._offsets) == len(spool._scores) == 3
    assert list(spool.rows()) == ["c", "a", "b"]


def test_rows_are_read_in_chunks_of_500_and_text_holds_1000_characters() -> None:
    """docs/batch.md and benchmarks/README.md: chunks of 500 rows; text up to 1,000 chars."""
    from ekspor_cli.batch.options import BatchOptions
    from ekspor_cli.model import TextQuestion

    assert BatchOptions(input=None, output=None).chunk_rows == 500
    assert TextQuestion.model_fields["max_length"].default == 1000


@pytest.mark.parametrize(
    ("cell", "typed"),
    [("'-", "-"), ("'=1+1", "=1+1"), ("'+62 812", "+62 812"), ("'abc", "'abc"), ("'", "'"), (5, 5)],
)
def test_a_protective_apostrophe_is_not_part_of_the_answer(cell: object, typed: object) -> None:
    from ekspor_cli.batch.writer import neutralise, unneutralise

    assert unneutralise(cell) == typed
    if isinstance(typed, str):
        assert unneutralise(neutralise(typed)) == typed


def test_saved_answers_are_read_like_scored_ones() -> None:
    from ekspor_cli import load_criteria_text
    from ekspor_cli.batch.scorer import FastScorer, row_answers

    scorer = FastScorer(load_criteria_text(MINI, "mini.yaml"), {"sektor": 0, "kapasitas": 1})
    answers = row_answers(scorer.reader, ["pangan", "'-"], {"sektor": 0, "kapasitas": 1})
    assert answers == {"sektor": "pangan", "kapasitas": None}  # '- is "-": not answered


def test_an_xls_output_is_refused_before_anything_is_written(
    mini_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "hasil.xls"
    result = batch(mini_file, DATA / "fields.csv", "-o", out)
    assert result.exit_code == 2, result.output
    assert "cannot write .xls files" in said(result) and ".xlsx" in said(result)
    assert list(tmp_path.iterdir()) == [tmp_path / "mini.yaml"]


def test_cells_too_long_for_excel_are_cut_and_the_summary_says_so(
    mini_file: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    source = tmp_path / "panjang.csv"
    source.write_text(f"nama,catatan\nUD A,{'x' * 40_000}\nUD B,pendek\n", encoding="utf-8")
    out, summary = tmp_path / "hasil.xlsx", tmp_path / "ringkasan.json"
    result = batch(mini_file, source, "-o", out, "--summary", summary)
    assert "1 cell(s) longer than 32,767 characters" in said(result), result.output
    notes = json.loads(summary.read_text(encoding="utf-8"))["notes"]
    assert any("cut to fit" in note for note in notes)
    cell = load_workbook(out).active.cell(row=2, column=2).value
    assert len(cell) == 32_767 and cell.endswith("…")
