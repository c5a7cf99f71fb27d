"""The CSV reader's split path reads exactly what csv.reader reads; exact parts add up."""

from __future__ import annotations

import csv
import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ekspor_cli.batch.reader import CsvSource
from ekspor_cli.errors import InputError
from ekspor_cli.fastscore import exact_parts

CELLS = st.sampled_from(["", " ", "ya", "T", "1.500", "2,5", "-", "a;b", 'x"y', "é", "\t"])
ENDS = st.sampled_from(["\n", "\r\n", "\r"])


def _csv_records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first line, record) of every non-blank data record, by csv.reader alone."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out = []
    previous = 0
    for row in reader:
        if any(row):
            out.append((previous + 1, row))
        previous = reader.line_num
    return out[1:]


def _chunked(text: str, delimiter: str, size: int) -> tuple[list[tuple[int, list[str]]], int]:
    source = CsvSource(io.BytesIO(text.encode()), "x.csv", delimiter=delimiter)
    got = []
    for lines, rows, _ in source.chunks(size):
        got += list(zip(lines, rows, strict=True))
    return got, source.blank_rows


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.lists(CELLS, min_size=1, max_size=4), ENDS), min_size=1, max_size=12),
    st.sampled_from([",", ";", "\t"]),
    st.integers(1, 5),
    st.booleans(),
)
def test_chunks_equal_csv_reader(
    lines: list[tuple[list[str], str]], delimiter: str, size: int, quote_some: bool
) -> None:
    """Lines with and without quotes, CRLF, LF and lone CR, blank lines, any chunk size."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["nama", "punya_nib"])
    for cells, end in lines:
        if quote_some or not any('"' in c or delimiter in c for c in cells):
            written = io.StringIO(newline="")
            csv.writer(written, delimiter=delimiter, lineterminator=end).writerow(cells)
            buffer.write(written.getvalue())
        else:
            buffer.write(delimiter.join(c.replace('"', "") for c in cells) + end)
    text = buffer.getvalue()
    want = _csv_records(text, delimiter)
    got, blank = _chunked(text, delimiter, size)
    assert got == want
    assert blank == sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1 - len(want)


def test_a_quoted_cell_over_two_lines_and_the_line_after_it() -> None:
    text = 'nama,punya_nib\r\n"UD Maju\r\nJaya",ya\r\nUD Sari,T\r\n\r\nUD Lestari,-\r\n'
    got, blank = _chunked(text, ",", 1)
    assert got == [(2, ["UD Maju\r\nJaya", "ya"]), (4, ["UD Sari", "T"]), (6, ["UD Lestari", "-"])]
    assert blank == 1


def test_an_unclosed_quote_names_the_line_where_it_starts() -> None:
    text = 'nama,punya_nib\nUD Maju,ya\nUD Sari,T\n"UD Jaya,ya\nUD Lestari,-\n'
    with pytest.raises(InputError, match=r"x\.csv:4: the file ends inside a quoted cell"):
        _chunked(text, ",", 2)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), max_size=8),
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), max_size=8),
)
def test_exact_parts_lose_nothing(a: list[float], b: list[float]) -> None:
    """Summing the parts of two groups gives the fsum of all the terms, bit for bit."""
    assert math.fsum(exact_parts(a) + exact_parts(b)) == math.fsum(a + b)
    assert math.fsum(exact_parts(a)) == math.fsum(a)


RAW_CELLS = st.sampled_from(["", "ya", "2,5", "-", 'ab"c', '"q"', '"a\nb"', '"x""y"', '"m;n"'])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.lists(RAW_CELLS, min_size=1, max_size=4), ENDS), min_size=1, max_size=12),
    st.sampled_from([",", ";"]),
    st.integers(1, 5),
)
def test_chunks_equal_csv_reader_with_stray_quotes_and_cells_over_lines(
    lines: list[tuple[list[str], str]], delimiter: str, size: int
) -> None:
    """Raw text as people type it: quotes inside unquoted cells (ab"c), quoted cells over
    two lines.  Whatever path a batch takes, the records are csv.reader's -- or both fail
    -- and a chunk's record texts read back as its rows."""
    text = "nama,punya_nib\n".replace(",", delimiter)
    text += "".join(delimiter.join(cells) + end for cells, end in lines)
    try:
        want = _csv_records(text, delimiter)
    except csv.Error:
        with pytest.raises(InputError):
            _chunked(text, delimiter, size)
        return
    got, _ = _chunked(text, delimiter, size)
    assert got == want
    source = CsvSource(io.BytesIO(text.encode()), "x.csv", delimiter=delimiter)
    for chunk in source.chunks(size):
        if chunk.texts is not None:
            assert len(chunk.texts) == len(chunk.rows)
            again = list(csv.reader(chunk.texts, delimiter=delimiter, strict=True))
            assert again == chunk.rows


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([b"a", b"\n", "é".encode(), "€".encode(), b"\xff", b"\x81"])),
    st.integers(1, 5),
    st.sampled_from(["utf-8", "cp1252"]),
)
def test_the_first_bad_byte_is_found_whatever_the_blocks(
    parts: list[bytes], block: int, codec: str
) -> None:
    """Plain-ASCII blocks are skipped undecoded -- but never one that ends a character
    the block before it began -- and a bad byte right after a character cut by a block's
    end is reported with its line (this once raised IndexError)."""
    import ekspor_cli.batch.sniff as sniff

    data = b"".join(parts)
    try:
        data.decode(codec)
        want = None
    except UnicodeDecodeError as exc:
        want = (data.count(b"\n", 0, exc.start) + 1, data[exc.start])
    size, sniff._BLOCK = sniff._BLOCK, block
    try:
        got = sniff.first_bad_line(io.BytesIO(data), codec)
    finally:
        sniff._BLOCK = size
    assert got == want


def test_xlsx_date_cells_read_as_dates_and_times_are_kept() -> None:
    from datetime import date, datetime, time

    from openpyxl import Workbook

    from ekspor_cli.batch.reader import XlsxSource

    book = Workbook()
    book.active.append(["tanggal", "jam", "hari", "pukul"])
    book.active.append(
        [datetime(2026, 3, 1), datetime(2026, 3, 1, 14, 30), date(2026, 3, 2), time(9, 15)]
    )
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    (chunk,) = XlsxSource(data, "daftar.xlsx").chunks(10)
    assert chunk.rows == [["2026-03-01", "2026-03-01T14:30:00", "2026-03-02", "09:15:00"]]


def test_a_bad_byte_in_a_forced_encoding_is_reported_on_its_own_line() -> None:
    data = b"sektor,nib\n" + b"pangan,ya\n" * 1500 + b"kayu,caf\xe9\n" + b"pangan,ya\n" * 10
    with pytest.raises(InputError, match=r"x\.csv:1502: byte 0xE9 is not UTF-8 text"):
        # (within the first MiB: found while the header sample is read)
        CsvSource(io.BytesIO(data), "x.csv", encoding="utf-8")
    far = b"sektor,nib\n" + b"pangan,ya\n" * 150_000 + b"kayu,caf\xe9\n"  # past the sample
    source = CsvSource(io.BytesIO(far), "x.csv", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.csv:150002: byte 0xE9 is not UTF-8 text"):
        for _ in source.chunks(500):
            pass
