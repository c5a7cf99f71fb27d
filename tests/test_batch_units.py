"""The batch package's pure parts: sniffing, column matching, writing, ranking, summary."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ekspor_cli import load_bundled_criteria, load_criteria_text, score
from ekspor_cli.batch.columns import column_name, load_map, match_columns
from ekspor_cli.batch.ranking import SortedSpool, TopRows
from ekspor_cli.batch.results import ResultFormat, result_cells, result_columns
from ekspor_cli.batch.scorer import FastScorer
from ekspor_cli.batch.sniff import detect_delimiter, detect_encoding, parse_delimiter
from ekspor_cli.batch.summary import Summary
from ekspor_cli.batch.writer import csv_lines, format_for, neutralise, neutralise_column
from ekspor_cli.errors import InputError
from ekspor_cli.fastscore import RowScore, compact_from_result

from .conftest import MINI

CRITERIA = load_criteria_text(MINI, "mini.yaml")


# --- sniffing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a;b;c\n1,5;2;3\n4;5,5;6\n", ";"),  # decimal commas do not fool it
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b\n1|2\n", "|"),
        ("nama\nBudi\n", ","),  # one column: the default, no crash
        ('a;b\n"x;y";2\n"unterminated', ";"),  # a sample cut mid-record
        ("", ","),
    ],
)
def test_delimiter_detection(sample: str, expected: str) -> None:
    assert detect_delimiter(sample) == expected


def test_header_matches_break_delimiter_ties() -> None:
    sample = "sektor,nib;catatan\npangan,ya;x\n"
    assert detect_delimiter(sample, known=lambda cell: cell in {"sektor", "nib"}) == ","


@pytest.mark.parametrize(
    ("text", "char"), [("semicolon", ";"), ("TAB", "\t"), ("\\t", "\t"), ("|", "|"), (",", ",")]
)
def test_delimiter_names(text: str, char: str) -> None:
    assert parse_delimiter(text) == char


def test_bad_delimiter_and_bad_encoding_names() -> None:
    with pytest.raises(InputError, match="cannot be a delimiter"):
        parse_delimiter("ab")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        detect_encoding(io.BytesIO(b"a"), "x.csv", "klingon")


@pytest.mark.parametrize(
    ("data", "codec", "warned"),
    [
        (b"\xef\xbb\xbfa,b\n", "utf-8-sig", False),
        ("a,b\n\u00e9\n".encode(), "utf-8", False),
        ("a,b\nKediri \u2013 caf\u00e9\n".encode("cp1252"), "cp1252", True),
        ("a\tb\n".encode("utf-16"), "utf-16", False),
    ],
)
def test_encoding_detection(data: bytes, codec: str, warned: bool) -> None:
    stream = io.BytesIO(data)
    found = detect_encoding(stream, "x.csv")
    assert found.codec == codec and bool(found.warning) is warned
    assert stream.tell() == 0


def test_a_bad_byte_far_down_the_file_is_found_up_front() -> None:
    data = b"a,b\n" + b"x,y\n" * 300_000 + b"\x81\x8d\n"
    with pytest.raises(InputError, match=r"line 300002: byte 0x81"):
        detect_encoding(io.BytesIO(data), "besar.csv")


# --- columns -------------------------------------------------------------------------------------


def test_headers_match_by_key_label_or_alias_ignoring_case_and_spaces() -> None:
    plan = match_columns(["  SEKTOR ", "nib", "Kapasitas per bulan (kg)", "Lain"], CRITERIA)
    assert plan.questions == {"sektor": 0, "nib": 1, "kapasitas": 2}
    assert plan.unknown == [3]
    assert "volume_pembeli" in plan.unanswered and "rasio" not in plan.unanswered


def test_a_column_named_like_a_derived_question_is_carried_with_a_note() -> None:
    plan = match_columns(["rasio", "nib"], CRITERIA)
    assert plan.unknown == [0] and "computes" in plan.notes[0]


def test_map_file_errors_point_at_the_line() -> None:
    assert load_map("Legalitas: nib\nAbaikan: null\n", "peta.yaml") == {
        "Legalitas": "nib",
        "Abaikan": None,
    }
    with pytest.raises(InputError, match="must be a mapping"):
        load_map("- nib\n", "peta.yaml")
    with pytest.raises(InputError, match="peta.yaml:2"):
        load_map("a: nib\nb: [x, y]\n", "peta.yaml")
    with pytest.raises(InputError, match="duplicate"):
        load_map("a: nib\na: sektor\n", "peta.yaml")


def test_unnamed_columns_are_named_by_their_letter() -> None:
    assert column_name(["a", ""], 1) == "(column B)"
    assert column_name([], 27) == "(column AB)"


# --- writing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-", "-"),  # the usual "not answered" mark: text in every spreadsheet
        ("--", "'--"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-250000", "-250000"),
        ("+5", "+5"),
        ("-1.500,50", "-1.500,50"),
        ("biasa", "biasa"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, written: str) -> None:
    assert neutralise(cell) == written
    assert neutralise(neutralise(cell)) == written  # idempotent: safe on every write


CELLS = st.one_of(
    st.text(alphabet=st.sampled_from('ab,;"\r\n\t=+-@ \u00e9'), max_size=6),
    st.sampled_from(["-", "-5", "=x", "1.500", "", "-a", "--"]),
    st.none(),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(CELLS, min_size=width, max_size=width), min_size=1, max_size=6
        )
    ),
    st.sampled_from([",", ";", "\t"]),
)
def test_csv_lines_write_what_csv_writer_writes(rows: list[list[object]], delimiter: str) -> None:
    expected = io.StringIO(newline="")
    safe = [[neutralise(c) if isinstance(c, str) else c for c in row] for row in rows]
    csv.writer(expected, delimiter=delimiter).writerows(safe)
    columns = [list(col) for col in zip(*rows, strict=True)]
    memos: list[dict[str, str]] = [{} for _ in columns]
    lines = csv_lines(columns, delimiter, memos)
    assert "".join(line + "\r\n" for line in lines) == expected.getvalue()
    assert csv_lines(columns, delimiter, memos) == lines  # memo hits


def test_neutralise_column_fixes_only_what_needs_it() -> None:
    column = ["a"] * 40 + ["=x", "-5", "-", "-y"]
    assert neutralise_column(column) == ["a"] * 40 + ["'=x", "-5", "-", "'-y"]
    assert neutralise_column(["-", "a", "-"]) == ["-", "a", "-"]
    assert neutralise_column(["-z", "-"]) == ["'-z", "-"]
    untouched = ("a", "b")
    assert neutralise_column(untouched) is untouched


@pytest.mark.parametrize(
    ("name", "forced", "fmt"),
    [
        ("x.csv", None, "csv"),
        ("x.XLSX", None, "xlsx"),
        ("x.jsonl", None, "jsonl"),
        ("-", None, "csv"),
        ("x.txt", "jsonl", "jsonl"),
    ],
)
def test_format_from_name(name: str, forced: str | None, fmt: str) -> None:
    assert format_for(name, forced) == fmt


# --- result columns: one definition for batch and exports ----------------------------------------


def test_result_cells_are_the_same_from_a_full_result_and_from_the_fast_scorer() -> None:
    answers = {"sektor": "pangan", "nib": "T", "izin_edar": "pirt", "kapasitas": "100"}
    full = score(CRITERIA, answers)
    scorer = FastScorer(CRITERIA, {k: i for i, k in enumerate(answers)})
    chunk = scorer.score_chunk([list(answers.values())])
    fmt = ResultFormat(CRITERIA, gaps=2)
    from_chunk = [column[0] for column in fmt.chunk_columns(chunk)]
    assert fmt.cells(full) == fmt.cells(compact_from_result(full)) == from_chunk
    assert result_cells(full, CRITERIA, gaps=2) == from_chunk
    assert result_columns(CRITERIA, gaps=2)[:4] == [
        "ekspor_score",
        "ekspor_level",
        "ekspor_level_label",
        "ekspor_dim_legal",
    ]
    assert from_chunk[result_columns(CRITERIA).index("ekspor_knockouts")] == "nib"


def test_result_numbers_as_csv_text_with_a_decimal_comma() -> None:
    full = score(CRITERIA, {"sektor": "kayu", "nib": "ya", "mutu": "3"})
    cells = ResultFormat(CRITERIA, numbers="comma").cells(full)
    assert cells[0] == repr(full.score).replace(".", ",")
    assert ResultFormat(CRITERIA, numbers="dot").cells(full)[0] == repr(full.score)


# --- ranking -------------------------------------------------------------------------------------


def test_sorted_spool_keeps_ties_in_order_and_errors_last() -> None:
    spool = SortedSpool()
    spool.add([50.0, None, 70.0], ["a\r\n", "b\r\n", "c\r\n"])
    spool.add([70.0, 10.0], [("d", 1), ("e", 2)])
    assert list(spool.rows()) == ["c\r\n", ("d", 1), "a\r\n", ("e", 2), "b\r\n"]


def test_top_rows_keep_the_best_n() -> None:
    top = TopRows(2)
    top.add([50.0, None, 70.0, 70.0, 90.0], ["a", "b", "c", "d", "e"])
    assert list(top.rows()) == ["e", "c"]
    assert list(TopRows(0).rows()) == []


# --- summary -------------------------------------------------------------------------------------


def test_summary_median_mean_and_shares() -> None:
    scorer = FastScorer(CRITERIA, {"sektor": 0, "nib": 1, "mutu": 2})
    rows = [["kayu", "ya", "5"], ["kayu", "T", "1"], ["pangan", "ya", "3"], ["kayu", "Yess", "1"]]
    chunk = scorer.score_chunk(rows)
    summary = Summary(CRITERIA)
    summary.add(chunk, [2, 3, 4, 5], ["A", "B", "C", "D"], 0)
    data = summary.to_dict()
    scores = sorted(chunk.score[pos] for pos in range(3))
    assert data["rows"]["scored"] == 3 and data["rows"]["with_errors"] == 1
    assert data["score"]["median"] == scores[1]
    assert data["top"][0]["name"] == "A" and len(data["top"]) == 3
    assert sum(level["count"] for level in data["levels"]) == 3


# --- the bundled criteria ------------------------------------------------------------------------


def test_bundled_criteria_template_round_trip(tmp_path: Path) -> None:
    """Smoke test on the shipped criteria: every template column is matched, a filled
    row scores like the engine."""
    from ekspor_cli.batch.template import column_guide, template_header

    criteria = load_bundled_criteria()
    header = template_header(criteria)
    plan = match_columns(header, criteria)
    assert plan.unanswered == [] and plan.unknown == [0]
    guide_header, rows = column_guide(criteria, lang="en")
    assert len(rows) == len(header) and guide_header[4] == "accepted answers"
    answers = {"sektor": "pangan", "punya_nib": "ya", "punya_npwp": "T"}
    answers["volume_pembeli"] = "1.500"
    row = [answers.get(name, "") for name in header]
    got = FastScorer(criteria, plan.questions).score_row(row)
    assert got == compact_from_result(score(criteria, answers))


@pytest.mark.parametrize(("coverage", "shown"), [(0.6125, 61.3), (0.5375, 53.8), (0.3, 30.0)])
def test_coverage_column_rounds_half_up_like_the_score(coverage: float, shown: float) -> None:
    """A share such as 49/80 is 61.25 % on paper: shown 61.3, whatever float noise the
    sum carries, in the row path and the chunk path alike."""
    criteria = load_bundled_criteria()
    ndim = len(criteria.dimensions)
    row = RowScore(50.0, 0, 0, (None,) * ndim, (), (), coverage)
    cells = result_cells(row, criteria)
    assert cells[result_columns(criteria).index("ekspor_coverage_pct")] == shown
    noisy = RowScore(50.0, 0, 0, (None,) * ndim, (), (), coverage * (1 - 1e-15))
    assert result_cells(noisy, criteria)[-1] == shown


def test_a_batch_run_makes_no_reference_cycles(tmp_path: Path) -> None:
    """The run pauses the cyclic garbage collector (it would rescan the memo tables), which
    is only safe while everything a run allocates is freed by reference counting: good
    rows, unreadable cells, wrong field counts, a quoted cell over two lines."""
    import gc

    from ekspor_cli.batch.run import BatchOptions, run_batch

    source = tmp_path / "daftar.csv"
    lines = ["nama,punya_nib,sektor,kapasitas"]
    lines += [f"UD {i},{'ya' if i % 3 else 'T'},pangan,{i * 100}" for i in range(1200)]
    lines += ["UD Salah,Yess,pangan,12 kg", "UD Pendek,ya", '"UD\nDua Baris",ya,kayu,5']
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    criteria = load_bundled_criteria()
    gc.collect()
    was = gc.isenabled()
    gc.set_debug(gc.DEBUG_SAVEALL)  # whatever a collection finds stays in gc.garbage
    try:
        report = run_batch(BatchOptions(input=source, output=tmp_path / "hasil.csv"), criteria)
        gc.collect()
        cycles = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert gc.isenabled() == was
    assert report.summary.rows_read == 1203 and report.summary.rows_with_errors >= 2
    assert cycles == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["5", "4", "3", "1", "Yess"]), min_size=1, max_size=60),
    st.integers(1, 7),
    st.integers(0, 5),
)
def test_summary_top_is_the_best_scored_rows_earliest_first(
    mutu: list[str], size: int, top: int
) -> None:
    """Whatever the chunking: the best scores, ties in input order, unscorable rows never."""
    scorer = FastScorer(CRITERIA, {"sektor": 0, "nib": 1, "mutu": 2})
    rows = [["kayu", "ya", m] for m in mutu]
    summary = Summary(CRITERIA, top=top)
    expected = []
    for first in range(0, len(rows), size):
        chunk = scorer.score_chunk(rows[first : first + size])
        lines = list(range(first + 2, first + 2 + chunk.size))
        summary.add(chunk, lines, [f"UD {line}" for line in lines], first)
        expected += [
            (-chunk.score[pos], first + pos)
            for pos in range(chunk.size)
            if pos not in chunk.problems
        ]
    want = [f"UD {seq + 2}" for _, seq in sorted(expected)[:top]]
    assert [entry["name"] for entry in summary.to_dict()["top"]] == want


CARRIED_CELLS = st.sampled_from(
    ["", "ya", "-", "-5", "-x", "+62 812-1", "=1+1", "@a", "a,-b", 'q"=x', "1.500,5", "\tx", "a;b"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(CARRIED_CELLS, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
)
def test_records_written_as_read_hold_the_cells_neutralised_cell_by_cell(
    rows: list[list[str]], delimiter: str, quoting: int
) -> None:
    """Carrying input records through as read gives, cell for cell, what writing every
    cell neutralised gives -- however the input quoted them."""
    from ekspor_cli.batch.writer import CsvSink

    texts = []
    for row in rows:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="").writerow(row)
        texts.append(buffer.getvalue())
    parsed = [next(csv.reader([text], delimiter=delimiter, strict=True)) for text in texts]
    assert parsed == rows
    inputs = [list(column) for column in zip(*rows, strict=True)]
    after = [["72.5"] * len(rows), [str(i) for i in range(len(rows))]]
    carried = CsvSink(io.StringIO(), delimiter).carried_units(texts, inputs, after)
    cellwise = CsvSink(io.StringIO(), delimiter).units([*inputs, *after])
    read = list(csv.reader(carried, delimiter=delimiter, strict=True))
    assert read == list(csv.reader(cellwise, delimiter=delimiter, strict=True))
    for row, line in zip(rows, read, strict=True):
        assert line[:3] == [neutralise(cell) for cell in row]


@pytest.mark.parametrize(
    ("change", "message"),
    [({"top": -1}, "--top cannot be negative"), ({"jobs": 0}, "--jobs and the chunk size")],
)
def test_library_options_out_of_range_are_refused(
    tmp_path: Path, change: dict[str, int], message: str
) -> None:
    """The CLI's option checks stop these first; a library caller gets the same words."""
    from dataclasses import replace

    from ekspor_cli.batch.run import BatchOptions, run_batch

    source = tmp_path / "daftar.csv"
    source.write_text("nama,punya_nib\nUD A,ya\n", encoding="utf-8")
    options = replace(BatchOptions(input=source, output=tmp_path / "hasil.csv"), **change)
    with pytest.raises(InputError, match=message):
        run_batch(options, load_bundled_criteria())
    assert not (tmp_path / "hasil.csv").exists()
