"""Every `ekspor batch` option and bad-input branch not covered in test_batch_cli.py."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ekspor_cli.batch.ranking import SortedSpool
from ekspor_cli.cli.app import app

from .batch_support import DATA, batch, read_csv, runner, said
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


# --- CSV text that cannot be read: the line, exit code 2, nothing written ------------------------


def refused(result: object, tmp_path: Path, *kept: str) -> str:
    """What a run stopped by an unusable input said, after checking it wrote nothing."""
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert "Traceback" not in said(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["mini.yaml", *kept])
    return said(result)


def test_a_quote_inside_an_unquoted_cell_names_its_line(mini_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "kutip.csv"
    source.write_text('sektor,nib\npangan,ya\n"ab"c,ya\nkayu,T\n', encoding="utf-8")
    shown = refused(batch(mini_file, source, "-o", tmp_path / "x.csv"), tmp_path, "kutip.csv")
    assert "kutip.csv:3: a quote is in the wrong place (" in shown
    assert 'a quoted cell must be quoted whole, e.g. "5 ""inch"""' in shown


@pytest.fixture
def field_limit_64() -> Iterator[int]:
    """csv's field size limit (a process-wide setting) at 64 characters for one test, so
    that a cell over the limit fits in a small file; the old limit is put back after."""
    old = csv.field_size_limit(64)
    try:
        yield 64
    finally:
        csv.field_size_limit(old)


def test_a_cell_over_csvs_field_limit_names_the_line_it_starts_on(
    mini_file: Path, tmp_path: Path, field_limit_64: int
) -> None:
    source = tmp_path / "kutip.csv"
    # The quote opened on line 3 is never closed: the cell runs on over the next lines.
    source.write_text(
        'sektor,nib\npangan,ya\n"kayu,ya\n' + "pangan,T\n" * 20 + "kayu,ya\n", encoding="utf-8"
    )
    shown = refused(batch(mini_file, source, "-o", tmp_path / "x.csv"), tmp_path, "kutip.csv")
    assert f"kutip.csv:3: a cell longer than {field_limit_64:,} characters" in shown
    assert 'a quote (") is probably never closed' in shown


def test_a_byte_that_is_not_utf8_with_encoding_forced(mini_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "daftar.csv"
    source.write_bytes(b"sektor,nib,catatan caf\xe9\npangan,ya,ok\n")  # cp1252 'e acute'
    result = batch(mini_file, source, "-o", tmp_path / "x.csv", "--encoding", "utf-8")
    shown = refused(result, tmp_path, "daftar.csv")
    assert "daftar.csv:1: byte 0xE9 is not UTF-8 text" in shown
    assert "pass the right --encoding (e.g. cp1252)" in shown


def test_a_byte_that_is_not_utf8_names_its_own_line(mini_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "excel.csv"
    source.write_bytes((DATA / "cp1252_semicolon.csv").read_bytes())  # 0x96 ('–') on line 2
    result = batch(mini_file, source, "-o", tmp_path / "x.csv", "--encoding", "utf-8")
    assert "excel.csv:2: byte 0x96 is not UTF-8 text" in refused(result, tmp_path, "excel.csv")


def test_an_input_that_cannot_be_opened_says_why(
    mini_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "rahasia.csv"
    source.write_text("sektor,nib\npangan,ya\n", encoding="utf-8")
    opened = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self == source:  # (tests run as root: chmod would not stop the read)
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    shown = refused(batch(mini_file, source, "-o", tmp_path / "x.csv"), tmp_path, "rahasia.csv")
    assert f"{source}: cannot read (Permission denied)" in shown
    assert "check the permissions" in shown


# --- reading options ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kapasitas", "decimal", "read_as"),
    [
        ("1.500", "auto", 1500),
        ("1.500", "comma", 1500),  # Indonesian 1.500,5: the dot groups thousands
        ("1.500", "dot", 1.5),  # English 1,500.5: the dot is the decimal mark
        ("1,500", "auto", 1.5),  # ambiguous: the Indonesian reading (parsing.py)
        ("1,500", "comma", 1.5),
        ("1,500", "dot", 1500),
        ("1.5", "auto", 1.5),
        ("1.5", "comma", None),  # not a number in the comma convention
    ],
)
def test_decimal_decides_how_numbers_are_read(
    mini_file: Path, tmp_path: Path, kapasitas: str, decimal: str, read_as: float | None
) -> None:
    """kapasitas / volume_pembeli of 1.5 gets full points; 0.0015 fails the ratio knock-out."""
    source = tmp_path / "angka.csv"
    source.write_text(
        f"nama;kapasitas;volume_pembeli;subkontrak\nUD A;{kapasitas};1000;T\n", encoding="utf-8"
    )
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, source, "-o", out, "--decimal", decimal, "--quiet")
    assert result.exit_code == (1 if read_as is None else 0), result.output
    row = dict(zip(*read_csv(out, ";"), strict=True))
    if read_as is None:
        assert row["ekspor_error"] == "kapasitas: '1.5' bukan angka (contoh: 1500, 1.500, 2,5)"
        return
    assert row["ekspor_knockouts"] == ("rasio" if read_as == 1.5 else "")
    assert row["ekspor_dim_pasokan"] == ("0,0" if read_as == 1.5 else "40,0")


def test_save_with_data_dir_keeps_the_history_in_that_folder(
    mini_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EKSPOR_DB", raising=False)  # it would win over --data-dir
    source = tmp_path / "angka.csv"
    source.write_text(
        "nama,kapasitas,volume_pembeli,subkontrak\nUD A,1.500,1000,T\nUD B,2000,1000,ya\n",
        encoding="utf-8",
    )
    data, out = tmp_path / "data", tmp_path / "hasil.csv"
    args = ["-o", out, "--save", "--data-dir", data, "--decimal", "dot", "--lang", "en"]
    result = batch(mini_file, source, *args)
    assert result.exit_code == 0, result.output
    assert "2 assessments saved to the history" in said(result)
    assert (data / "history.db").is_file()
    listed = runner.invoke(app, ["list", "--data-dir", str(data), "--json"])
    assert listed.exit_code == 0, listed.output
    saved = sorted(item["score"] for item in json.loads(listed.stdout))
    rows = read_csv(out)
    written = [row[rows[0].index("ekspor_score")] for row in rows[1:]]
    assert saved == sorted(map(float, written))  # 1.500 saved as 1.5, as scored (--decimal dot)
    assert len(set(saved)) == 2


def test_gaps_lists_three_by_default_and_more_on_request(mini_file: Path, tmp_path: Path) -> None:
    """docs/batch.md: `--gaps N`, default 3."""
    source = tmp_path / "lemah.csv"
    source.write_text(  # six questions short of full points
        "nama,sektor,nib,izin_edar,kapasitas,volume_pembeli,subkontrak,pemasok,mutu\n"
        "UD A,pangan,T,tidak_ada,1,1000,T,tidak_ada,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "hasil.jsonl"

    def gaps(*args: str) -> list[str]:
        assert batch(mini_file, source, "-o", out, "--quiet", *args).exit_code == 0
        return json.loads(out.read_text(encoding="utf-8"))["ekspor_gaps"].split("; ")

    three, five, all_six = gaps(), gaps("--gaps", "5"), gaps("--gaps", "10")
    assert len(all_six) == 6
    assert three == all_six[:3] and five == all_six[:5]
    assert three[:2] == ["rasio (+30.0)", "nib (+12.5)"]  # knock-outs first


def test_an_xlsx_workbook_on_standard_input(mini_file: Path, tmp_path: Path) -> None:
    """docs/batch.md: `-` is standard input, CSV or an .xlsx workbook."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["nama", "sektor", "nib", "kapasitas"])
    book.active.append(["UD A", "pangan", "ya", 1500])
    book.active.append(["UD B", "kayu", "T", 2.5])
    data = io.BytesIO()
    book.save(data)
    out, report = tmp_path / "hasil.csv", tmp_path / "s.json"
    result = batch(mini_file, "-", "-o", out, "--summary", report, "-q", input=data.getvalue())
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert [row[:4] for row in rows[1:]] == [
        ["UD A", "pangan", "ya", "1500"],
        ["UD B", "kayu", "T", "2.5"],
    ]
    assert [row[-1] for row in rows[1:]] == ["2", "3"]  # the sheet's row numbers
    assert [row[rows[0].index("ekspor_knockouts")] for row in rows[1:]] == ["", "nib"]
    assert json.loads(report.read_text(encoding="utf-8"))["input"]["format"] == "xlsx"


def test_a_utf16_file_with_a_bom(mini_file: Path, tmp_path: Path) -> None:
    """Excel's "Unicode text" and some exports: UTF-16 with a BOM."""
    source = tmp_path / "unicode.csv"
    text = "nama;sektor;nib;catatan\nKopi Gayo ☕;pangan;ya;café\nMebel Jaya;kayu;T;–\n"
    source.write_bytes(text.encode("utf-16"))
    assert source.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    out, report = tmp_path / "hasil.csv", tmp_path / "s.json"
    result = batch(mini_file, source, "-o", out, "--summary", report, "--quiet")
    assert result.exit_code == 0, result.output
    rows = read_csv(out, ";")
    assert rows[0][:4] == ["nama", "sektor", "nib", "catatan"]  # no BOM in the first name
    assert [row[:4] for row in rows[1:]] == [
        ["Kopi Gayo ☕", "pangan", "ya", "café"],
        ["Mebel Jaya", "kayu", "T", "–"],
    ]
    assert [row[rows[0].index("ekspor_knockouts")] for row in rows[1:]] == ["", "nib"]
    assert json.loads(report.read_text(encoding="utf-8"))["input"]["encoding"] == "UTF-16"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.500.000", 1_500_000.0),
        ("1,500,000", 1_500_000.0),
        ("1.500,5", 1500.5),
        ("1,500.5", 1500.5),
        ("1.500", 1500.0),
        ("1,500", 1.5),
        ("2,5", 2.5),
        ("0.25", 0.25),
    ],
)
def test_the_guide_s_decimal_examples_read_as_it_says(text: str, value: float) -> None:
    from ekspor_cli.parsing import parse_number

    guide = (Path(__file__).resolve().parents[1] / "docs" / "batch.md").read_text("utf-8")
    assert f"`{text}`" in guide
    assert parse_number(text, "auto").value == value
