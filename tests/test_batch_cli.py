"""`ekspor batch` through Typer's runner: every input problem, every output format, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from ekspor_cli import load_criteria, score
from ekspor_cli.cli.app import app

from .batch_support import DATA, batch, read_csv, runner, said, sektor_required


def column(rows: list[list[str]], name: str) -> list[str]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


# --- dialects and encodings ----------------------------------------------------------------------


def test_excel_cp1252_semicolon_file_with_decimal_commas(mini_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, DATA / "cp1252_semicolon.csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Windows-1252 (cp1252)" in said(result)  # warned, never silent
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    rows = read_csv(out, ";")  # a ';' file comes back ';'
    assert rows[1][0] == "Keripik Bu Siti – Kediri" and rows[1][9] == "“Renyah” café"
    assert column(rows, "ekspor_score") == ["100,0", "23,8", "73,3"]  # decimal comma
    assert column(rows, "ekspor_level") == ["tinggi", "rendah", "sedang"]
    assert column(rows, "ekspor_line") == ["2", "3", "4"]


def test_forced_encoding_and_delimiter(mini_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "hasil.csv"
    args = ["--encoding", "cp1252", "--delimiter", "semicolon", "--output-delimiter", ","]
    result = batch(mini_file, DATA / "cp1252_semicolon.csv", "-o", out, *args)
    assert result.exit_code == 0, result.output
    assert "not UTF-8" not in said(result)
    rows = read_csv(out)
    assert column(rows, "ekspor_score") == ["100.0", "23.8", "73.3"]  # ',' file: dots


def test_utf8_bom_header_is_clean(mini_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, DATA / "utf8_bom.csv", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert rows[0][0] == "sektor"  # not '\ufeffsektor'
    assert rows[1][4] == "Produsen kopi Gayo ☕"
    assert column(rows, "ekspor_dim_legal") == ["66.7", "25.0"]


def test_tab_delimited_file(mini_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "hasil.tsv"
    result = batch(mini_file, DATA / "tab.tsv", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_csv(out, "\t")
    assert column(rows, "ekspor_knockouts") == ["", "nib"]  # N = no


def test_crlf_and_quoted_multiline_cells_keep_first_line_numbers(
    mini_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, DATA / "crlf_multiline.csv", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert rows[1][2] == "baris satu\r\nbaris dua, dengan koma"
    assert rows[2][2] == 'kutipan "dalam"'
    assert column(rows, "ekspor_line") == ["2", "4"]  # the second record starts on line 4


def test_a_file_in_no_known_encoding_is_refused(mini_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "rusak.csv"
    bad.write_bytes(b"sektor,nib\npangan,ya\nkayu,\x81\x8d\n")
    result = batch(mini_file, bad, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert "not UTF-8 (line 3: byte 0x81) and not Windows-1252" in said(result)
    assert "Traceback" not in said(result) and not (tmp_path / "x.csv").exists()


def test_nul_bytes_are_refused(mini_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "biner.csv"
    bad.write_bytes(b"sektor,nib\npan\x00gan,ya\n")
    result = batch(mini_file, bad, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "NUL bytes" in said(result) and ":2:" in said(result)


def test_an_unclosed_quote_is_reported_with_its_line(mini_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "kutip.csv"
    bad.write_text('sektor,nib\npangan,ya\n"kayu,ya\npangan,T\n', encoding="utf-8")
    result = batch(mini_file, bad, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert "ends inside a quoted cell" in said(result) and "kutip.csv:3" in said(result)


def test_missing_input_and_same_input_output(mini_file: Path, tmp_path: Path) -> None:
    result = batch(mini_file, tmp_path / "tidak-ada.csv", "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "file not found" in said(result)
    data = tmp_path / "data.csv"
    data.write_text("sektor\npangan\n", encoding="utf-8")
    result = batch(mini_file, data, "-o", data)
    assert result.exit_code == 2 and "both the input and the output" in said(result)
    assert data.read_text(encoding="utf-8") == "sektor\npangan\n"


@pytest.mark.parametrize(
    ("option", "named"), [("--errors", "the --errors file"), ("--summary", "the --summary file")]
)
def test_the_errors_or_summary_file_cannot_be_the_input(
    mini_file: Path, tmp_path: Path, option: str, named: str
) -> None:
    data = tmp_path / "data.csv"
    data.write_bytes((DATA / "fields.csv").read_bytes())
    before = data.read_bytes()
    result = batch(mini_file, data, "-o", tmp_path / "hasil.csv", option, data)
    assert result.exit_code == 2, result.output
    assert f"both the input and {named}" in said(result) and "Traceback" not in said(result)
    assert data.read_bytes() == before
    assert not (tmp_path / "hasil.csv").exists()


@pytest.mark.parametrize(
    ("first", "second"), [("-o", "--errors"), ("-o", "--summary"), ("--errors", "--summary")]
)
def test_the_output_errors_and_summary_files_must_differ(
    mini_file: Path, tmp_path: Path, first: str, second: str
) -> None:
    same = tmp_path / "hasil.csv"
    same.write_text("hasil lama\n", encoding="utf-8")
    args = [first, same, second, tmp_path / "." / "hasil.csv"]  # one file, two spellings
    if first != "-o":
        args += ["-o", tmp_path / "lain.csv"]
    result = batch(mini_file, DATA / "fields.csv", *args)
    assert result.exit_code == 2, result.output
    assert f"is both the {first} file and the {second} file" in said(result)
    assert f"give {second} another file name" in said(result)
    assert same.read_text(encoding="utf-8") == "hasil lama\n"  # nothing was written


# --- columns -------------------------------------------------------------------------------------


def test_duplicate_headers_are_an_error_listing_every_pair(mini_file: Path, tmp_path: Path) -> None:
    result = batch(mini_file, DATA / "duplicate_headers.csv", "-o", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert "column 3 'nib' has the same name as column 2 ('NIB')" in said(result)
    assert "column 5 'catatan' has the same name as column 4 ('Catatan')" in said(result)


def test_two_columns_for_one_question_are_an_error(mini_file: Path, tmp_path: Path) -> None:
    both = tmp_path / "dua.csv"
    both.write_text("nib,Punya NIB?\nya,ya\n", encoding="utf-8")
    result = batch(mini_file, both, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2 and "both answer question 'nib'" in said(result)


def test_missing_required_column_is_reported_once_up_front(mini_file: Path, tmp_path: Path) -> None:
    criteria = sektor_required(tmp_path)
    data = tmp_path / "tanpa-sektor.csv"
    data.write_text("nib\nya\nya\nT\n", encoding="utf-8")
    result = batch(criteria, data, "-o", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert said(result).count("no column for required question 'sektor'") == 1


def test_unknown_columns_are_carried_through_untouched(mini_file: Path, tmp_path: Path) -> None:
    data = tmp_path / "lain.csv"
    data.write_text("No,Kecamatan,nib,Omzet\n007,Mojoroto,ya,1.500.000\n", encoding="utf-8")
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, data, "-o", out)
    assert result.exit_code == 0, result.output
    assert read_csv(out)[1][:4] == ["007", "Mojoroto", "ya", "1.500.000"]


def test_map_file_names_other_headers_and_leaves_columns_out(
    mini_file: Path, tmp_path: Path
) -> None:
    data = tmp_path / "survei.csv"
    data.write_text("Legalitas usaha,Jenis,Kapasitas\nya,pangan,100\n", encoding="utf-8")
    mapping = tmp_path / "peta.yaml"
    mapping.write_text("Legalitas usaha: nib\nJenis: sektor\nKapasitas: null\n", encoding="utf-8")
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, data, "-o", out, "--map", mapping)
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert column(rows, "ekspor_knockouts") == [""]  # nib answered through the map
    assert column(rows, "ekspor_dim_legal") == ["66.7"]
    # A typo in the map is caught with a suggestion.
    mapping.write_text("Legalitas usaha: nibb\n", encoding="utf-8")
    result = batch(mini_file, data, "-o", out, "--map", mapping)
    assert result.exit_code == 2 and "unknown question 'nibb' (did you mean 'nib'?)" in said(result)


def test_rescoring_an_output_replaces_its_result_columns(mini_file: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "satu.csv", tmp_path / "dua.csv"
    assert batch(mini_file, DATA / "utf8_bom.csv", "-o", first).exit_code == 0
    result = batch(mini_file, first, "-o", second)
    assert result.exit_code == 0, result.output
    assert read_csv(second)[0] == read_csv(first)[0]  # no duplicated ekspor_ columns
    assert read_csv(second)[1:] == read_csv(first)[1:]


# --- bad rows, never lost ------------------------------------------------------------------------


def test_rows_with_wrong_field_counts_are_written_with_their_error(
    mini_file: Path, tmp_path: Path
) -> None:
    out, errors = tmp_path / "hasil.csv", tmp_path / "salah.csv"
    result = batch(mini_file, DATA / "fields.csv", "-o", out, "--errors", errors)
    assert result.exit_code == 1, result.output
    rows = read_csv(out)
    assert len(rows) - 1 == 4  # rows in = rows out
    assert rows[2][:3] == ["kayu", "ya", "3"] and rows[3][:3] == ["pangan", "ya", ""]
    assert "5 kolom, judul punya 3 (kelebihan: 'ekstra', 'lagi')" in column(rows, "ekspor_error")[1]
    assert column(rows, "ekspor_score")[1:3] == ["", ""]
    listed = read_csv(errors)
    assert listed[0] == ["baris", "kolom", "pertanyaan", "nilai", "masalah"]
    assert [row[0] for row in listed[1:]] == ["3", "4"]
    english = batch(mini_file, DATA / "fields.csv", "-o", out, "--lang", "en")
    assert "4 rows read · 2 scored · 2 with errors" in said(english)


def test_invalid_values_and_blank_required_answers_name_column_and_value(
    tmp_path: Path,
) -> None:
    criteria = sektor_required(tmp_path)
    data = tmp_path / "isi.csv"
    data.write_text(
        "Sektor,NIB,Kapasitas per bulan (kg),mutu\n"
        "pangan,Yess,12 kg,5\n"
        ",ya,100,3\n"
        "kayu,T,100,9\n"
        "pangan,ya,1.500,4\n",
        encoding="utf-8",
    )
    out, errors = tmp_path / "hasil.csv", tmp_path / "salah.csv"
    result = batch(criteria, data, "-o", out, "--errors", errors)
    assert result.exit_code == 1
    found = column(read_csv(out), "ekspor_error")
    assert found[0].startswith("NIB: 'Yess' bukan jawaban ya/tidak")
    assert "Kapasitas per bulan (kg): '12 kg' bukan angka" in found[0]
    assert found[1] == "Sektor: 'Sektor' wajib diisi"
    assert found[2] == "mutu: '9': isi angka 1 sampai 5"
    assert found[3] == ""
    listed = read_csv(errors)
    assert listed[1] == ["2", "NIB", "nib", "Yess", listed[1][4]]
    assert [row[0] for row in listed[1:]] == ["2", "2", "3", "4"]


def test_t_means_tidak_and_blanks_are_not_a_silent_no(mini_file: Path, tmp_path: Path) -> None:
    data = tmp_path / "t.csv"
    data.write_text("sektor,nib\npangan,T\npangan,-\npangan,N/A\npangan,\n", encoding="utf-8")
    out = tmp_path / "hasil.csv"
    assert batch(mini_file, data, "-o", out).exit_code == 0
    rows = read_csv(out)
    assert column(rows, "ekspor_knockouts") == ["nib", "", "", ""]
    assert column(rows, "ekspor_unverified")[1:] == ["nib; rasio"] * 3  # not answered


# --- formula neutralisation ----------------------------------------------------------------------


def test_formulas_are_neutralised_in_csv_and_numbers_kept(mini_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, DATA / "formulas.csv", "-o", out)
    assert result.exit_code == 1  # kapasitas below its minimum
    rows = read_csv(out)
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][3] == "-5" and rows[2][3] == "-250000"  # plain numbers stay numbers
    assert rows[1][4] == "'+62 812-1234" and rows[1][5] == "'@SUM(A1)"
    assert rows[2][5] == "-"  # a lone dash is text in every spreadsheet: no apostrophe


def test_formulas_are_neutralised_in_xlsx(mini_file: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "hasil.xlsx"
    assert batch(mini_file, DATA / "formulas.csv", "-o", out).exit_code == 1
    sheet = load_workbook(out).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == '\'=HYPERLINK("http://x")' and values[1][5] == "'@SUM(A1)"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# --- formats -------------------------------------------------------------------------------------


def test_xlsx_in_and_out(mini_file: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nama", "sektor", "nib", "kapasitas", "volume_pembeli", "mutu", "catatan"])
    sheet.append(["UD Satu", "pangan", "ya", 2000, 1000, 5, None])
    sheet.append([None] * 7)  # a formatted but empty row
    sheet.append(["UD Dua", "kayu", True, 0.5, 1, 4, "=1+1"])
    sheet["D4"].number_format = "0%"  # 0.5 shown as 50%: the question means 50
    source = tmp_path / "daftar.xlsx"
    book.save(source)
    out = tmp_path / "hasil.xlsx"
    result = batch(mini_file, source, "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1 empty rows skipped" in said(result)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    header = rows[0]
    criteria = load_criteria(mini_file)
    first = score(
        criteria,
        {"sektor": "pangan", "nib": "ya", "kapasitas": 2000, "volume_pembeli": 1000, "mutu": 5},
    )
    second = score(
        criteria, {"sektor": "kayu", "nib": "ya", "kapasitas": 50, "volume_pembeli": 1, "mutu": 4}
    )
    assert rows[1][0] == "UD Satu" and rows[1][header.index("ekspor_score")] == first.score
    assert isinstance(rows[1][header.index("ekspor_dim_legal")], float | int)  # a number
    assert rows[2][header.index("ekspor_line")] == 4  # the sheet's row number
    assert rows[2][header.index("ekspor_score")] == second.score  # TRUE = ya, 50% = 50


def test_jsonl_output_and_stdin_input(mini_file: Path) -> None:
    data = (DATA / "utf8_bom.csv").read_bytes()
    result = batch(mini_file, "-", "-o", "-", "--format", "jsonl", "--quiet", input=data)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["ekspor_score"] for line in lines] == [46.7, 21.3]
    assert lines[0]["Catatan"] == "Produsen kopi Gayo ☕"


def test_stdout_csv_has_no_bom_and_the_summary_goes_to_stderr(mini_file: Path) -> None:
    data = (DATA / "utf8_bom.csv").read_bytes()
    result = batch(mini_file, "-", "-o", "-", input=data)
    assert result.exit_code == 0
    assert result.stdout.startswith("sektor,nib")
    assert "2 baris dibaca" in result.stderr and "2 baris dibaca" not in result.stdout


def test_sort_and_top(mini_file: Path, tmp_path: Path) -> None:
    data = tmp_path / "banyak.csv"
    data.write_text(
        "nama,sektor,nib,mutu\nA,pangan,T,1\nB,pangan,ya,5\nC,kayu,ya,3\nD,pangan,Yess,5\nE,pangan,ya,5\n",
        encoding="utf-8",
    )
    out = tmp_path / "urut.csv"
    assert batch(mini_file, data, "-o", out, "--sort", "score").exit_code == 1
    # C (kayu: no licence question) scores highest; B and E tie and keep input order;
    # D cannot be scored and comes last.
    assert [row[0] for row in read_csv(out)[1:]] == ["C", "B", "E", "A", "D"]
    assert (
        batch(mini_file, data, "-o", out, "--top", "2", "--summary", tmp_path / "s.json").exit_code
        == 1
    )
    assert [row[0] for row in read_csv(out)[1:]] == ["C", "B"]
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert summary["rows"] == {
        "read": 5,
        "scored": 4,
        "with_errors": 1,
        "written": 2,
        "blank_skipped": 0,
        "problems": 1,
    }


def test_summary_json_counts_levels_gaps_knockouts_and_top(mini_file: Path, tmp_path: Path) -> None:
    report = tmp_path / "ringkasan.json"
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, DATA / "cp1252_semicolon.csv", "-o", out, "--summary", report)
    assert result.exit_code == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["input"]["encoding"] == "Windows-1252 (cp1252)"
    assert [(lv["key"], lv["count"]) for lv in data["levels"]] == [
        ("rendah", 1),
        ("sedang", 1),
        ("tinggi", 1),
    ]
    assert data["score"] == {"mean": 65.7, "median": 73.3}
    assert data["dimensions"][0] == {"key": "legal", "label": "Legalitas", "mean": 69.4, "rows": 3}
    assert {
        "question": "subkontrak",
        "label": "Bisa subkontrak?",
        "count": 2,
        "share": 0.6667,
    } in data["gaps"]
    assert data["knockouts"] == [
        {"question": "nib", "label": "Punya NIB?", "status": "failed", "count": 1}
    ]
    assert [t["name"] for t in data["top"]] == [
        "Keripik Bu Siti – Kediri",
        "Gula Semut Makmur",
        "Mebel Jaya",
    ]
    assert any("cp1252" in note for note in data["notes"])


def test_a_template_scores_unchanged(mini_file: Path, tmp_path: Path) -> None:
    template = tmp_path / "daftar.csv"
    result = runner.invoke(app, ["template", "-c", str(mini_file), "-o", str(template)])
    assert result.exit_code == 0, result.output
    guide = read_csv(tmp_path / "daftar.columns.csv")
    assert guide[0][:3] == ["kolom", "kunci", "pertanyaan"]
    assert [row[0] for row in guide[1:]] == read_csv(template)[0]
    filled = (
        template.read_text(encoding="utf-8-sig")
        + "UD A,pangan,ya,md,2000,1000,ya,petani;pasar,5,ok\n"
    )
    template.write_text(filled, encoding="utf-8-sig")
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, template, "-o", out)
    assert result.exit_code == 0, result.output
    assert column(read_csv(out), "ekspor_score") == ["100.0"]


def test_an_xlsx_template_has_a_guide_sheet_and_scores_unchanged(
    mini_file: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    template = tmp_path / "daftar.xlsx"
    result = runner.invoke(
        app, ["template", "-c", str(mini_file), "-o", str(template), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(template)
    assert book.sheetnames == ["Data", "Columns"]
    guide = list(book["Columns"].iter_rows(values_only=True))
    assert guide[0][:5] == ("column", "key", "question", "type", "accepted answers")
    assert any(row[1] == "izin_edar" and row[6] == 'sektor == "pangan"' for row in guide)
    assert book["Data"].data_validations.dataValidation  # drop-down lists
    book["Data"].append(["UD A", "kayu", "T", None, 10, 100, "tidak", "impor", 2, None])
    book.save(template)
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, template, "-o", out)
    assert result.exit_code == 0, result.output
    assert column(read_csv(out), "ekspor_level") == ["rendah"]


# --- durability ----------------------------------------------------------------------------------


def test_an_interrupted_run_leaves_the_old_output_and_no_temp_file(
    mini_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekspor_cli.batch import writer

    out = tmp_path / "hasil.csv"
    out.write_text("hasil lama\n", encoding="utf-8")
    calls = {"n": 0}
    original = writer.CsvSink.write_units

    def interrupted(self: writer.CsvSink, units: object) -> None:
        calls["n"] += 1
        original(self, units)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.CsvSink, "write_units", interrupted)
    result = batch(mini_file, DATA / "fields.csv", "-o", out)
    assert result.exit_code == 130 and calls["n"] == 1
    assert out.read_text(encoding="utf-8") == "hasil lama\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.csv", "mini.yaml"]


def test_a_failing_writer_is_reported_and_leaves_the_old_output(
    mini_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekspor_cli.batch import writer
    from ekspor_cli.errors import OutputError

    out = tmp_path / "hasil.csv"
    out.write_text("hasil lama\n", encoding="utf-8")

    def full(self: writer.CsvSink, units: object) -> None:
        raise OutputError("disk full", "free some space")

    monkeypatch.setattr(writer.CsvSink, "write_units", full)
    result = batch(mini_file, DATA / "fields.csv", "-o", out)
    assert result.exit_code == 2 and "disk full" in said(result)
    assert out.read_text(encoding="utf-8") == "hasil lama\n"
    assert len(list(tmp_path.iterdir())) == 2


@pytest.mark.slow
def test_jobs_write_the_same_bytes_as_one_process(
    tmp_path: Path, bench_script: Callable[[str], ModuleType]
) -> None:
    data = tmp_path / "besar.csv"
    bench_script("bench_batch").generate(data, 3000, seed=7)
    one, two = tmp_path / "satu.csv", tmp_path / "dua.csv"
    args = ["batch", str(data), "--quiet", "--sort", "score", "--errors"]
    first = runner.invoke(app, [*args, str(tmp_path / "e1.csv"), "-o", str(one)])
    second = runner.invoke(app, [*args, str(tmp_path / "e2.csv"), "-o", str(two), "--jobs", "2"])
    assert first.exit_code == second.exit_code == 1, first.output + second.output
    assert one.read_bytes() == two.read_bytes()
    assert (tmp_path / "e1.csv").read_bytes() == (tmp_path / "e2.csv").read_bytes()
    assert len(read_csv(one)) == 3001


def test_save_keeps_every_scored_row_in_the_history(mini_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "riwayat.db"
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, DATA / "fields.csv", "-o", out, "--save", "--db", db, "--lang", "en")
    assert result.exit_code == 1, result.output  # two rows have the wrong field count
    assert "2 assessments saved to the history" in said(result)
    listed = runner.invoke(app, ["list", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    scores = sorted(item["score"] for item in json.loads(listed.stdout))
    assert scores == sorted(float(s) for s in column(read_csv(out), "ekspor_score") if s)


def test_save_keeps_nothing_when_the_run_stops_after_its_first_chunks(
    mini_file: Path, tmp_path: Path
) -> None:
    # 598 good rows (the first chunk of 500 is scored), then a quote that never closes.
    data = tmp_path / "kutip.csv"
    data.write_text(
        "sektor,nib\n" + "pangan,ya\n" * 598 + '"kayu,ya\n' + "pangan,T\n" * 100,
        encoding="utf-8",
    )
    db = tmp_path / "riwayat.db"
    result = batch(mini_file, data, "-o", tmp_path / "hasil.csv", "--save", "--db", db)
    assert result.exit_code == 2 and "kutip.csv:600" in said(result)
    assert "disimpan" not in said(result)
    listed = runner.invoke(app, ["list", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout) == []


def test_save_keeps_nothing_after_ctrl_c(
    mini_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekspor_cli.batch import writer

    data = tmp_path / "banyak.csv"
    data.write_text("sektor,nib\n" + "pangan,ya\n" * 1200, encoding="utf-8")
    original = writer.CsvSink.write_units
    calls = {"n": 0}

    def interrupted(self: writer.CsvSink, units: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # after the first chunk was scored and written
            raise KeyboardInterrupt
        original(self, units)  # type: ignore[arg-type]

    monkeypatch.setattr(writer.CsvSink, "write_units", interrupted)
    db = tmp_path / "riwayat.db"
    result = batch(mini_file, data, "-o", tmp_path / "hasil.csv", "--save", "--db", db)
    assert result.exit_code == 130 and calls["n"] == 2
    listed = runner.invoke(app, ["list", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout) == []


# --- progress bar: only when standard error is a terminal ----------------------------------------


def spy_on_progress(monkeypatch: pytest.MonkeyPatch, *, fast_clock: bool = False) -> list[object]:
    """The ``progress`` each run_batch call gets; with ``fast_clock``, a bar is past its
    first second as soon as the run starts (so even a small file shows it)."""
    import ekspor_cli.batch.run as run_module

    seen: list[object] = []
    original = run_module.run_batch

    def spy(*args: object, **kwargs: object) -> object:
        progress = kwargs.get("progress")
        seen.append(progress)
        if fast_clock and progress is not None:
            progress._clock = lambda: progress._start + 2.0  # type: ignore[attr-defined]
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "run_batch", spy)
    return seen


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    mini_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = spy_on_progress(monkeypatch, fast_clock=True)
    result = batch(mini_file, DATA / "utf8_bom.csv", "-o", tmp_path / "hasil.csv")
    assert result.exit_code == 0, result.output
    assert seen == [None]
    assert "ekspor batch" not in result.stderr and "━" not in result.stderr
    assert "2 baris dibaca" in result.stderr  # the summary is still printed


def test_a_terminal_gets_a_progress_bar_unless_quiet(
    mini_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from rich.console import Console

    import ekspor_cli.cli.console as console_module
    from ekspor_cli.cli.batch_cmd import _Progress

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80, highlight=False)
    monkeypatch.setattr(console_module, "err_console", lambda: terminal)
    seen = spy_on_progress(monkeypatch, fast_clock=True)
    out = tmp_path / "hasil.csv"
    result = batch(mini_file, DATA / "utf8_bom.csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert len(seen) == 1 and isinstance(seen[0], _Progress)
    shown = screen.getvalue()
    assert "ekspor batch" in shown and "100%" in shown and "2 rows" in shown
    assert "2 baris dibaca" in shown  # then the summary
    assert batch(mini_file, DATA / "utf8_bom.csv", "-o", out, "--quiet").exit_code == 0
    assert seen[1] is None


def test_the_progress_bar_waits_a_second_and_goes_away() -> None:
    import io

    from rich.console import Console

    from ekspor_cli.cli.batch_cmd import _Progress

    screen = io.StringIO()
    progress = _Progress(Console(file=screen, force_terminal=True, width=80))
    now = progress._start  # type: ignore[attr-defined]
    progress._clock = lambda: now + 0.5  # type: ignore[attr-defined]
    progress(500, 0.25)
    assert screen.getvalue() == ""  # a short run shows no bar at all
    progress._clock = lambda: now + 1.5  # type: ignore[attr-defined]
    progress(1000, 0.5)
    progress(1500, 0.75)
    progress.stop()
    shown = screen.getvalue()
    assert "ekspor batch" in shown and "75%" in shown and "1,500 rows" in shown
    assert "\x1b[2K" in shown.rsplit("1,500 rows", 1)[1]  # transient: then the bar is erased
