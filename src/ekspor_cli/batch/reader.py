"""Rows of a CSV or Excel input as a stream of chunks, each row with its line number.

Why chunks: scoring runs column by column over a few hundred rows at a time, and memory
must not grow with the file.  Why line numbers: every error names the line an office
worker will find in the file -- for CSV the *first* physical line of a record (a quoted
cell may span lines), for .xlsx the sheet's row number.  Empty rows (Excel exports
formatted-but-empty rows as ``;;;;``) are skipped and counted, never scored.

Readers take binary file-like objects; the caller opens (and closes) files.
"""

from __future__ import annotations

import csv
import io
import itertools
import operator
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from itertools import compress, repeat
from typing import Any, BinaryIO, NamedTuple

from ..errors import InputError
from .sniff import SAMPLE_BYTES, Encoding, detect_delimiter, detect_encoding, first_bad_line


class Chunk(NamedTuple):
    """Rows of the input with the line number each starts on; for CSV whose records are
    one line each, also each record's text as read (without its line end), so that CSV
    output can carry the input cells through without quoting them again."""

    lines: list[int]
    rows: list[list[Any]]
    texts: list[str] | None = None


class CsvSource:
    """A CSV input: encoding and delimiter detected (or forced), header read."""

    kind = "csv"

    def __init__(
        self,
        stream: BinaryIO,
        source: str,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
        known: Callable[[str], bool] | None = None,
    ) -> None:
        self.source = source
        self.encoding: Encoding = detect_encoding(stream, source, encoding)
        self._text = io.TextIOWrapper(stream, encoding=self.encoding.codec, newline="")
        sample: list[str] = []
        size = 0
        try:
            while size < SAMPLE_BYTES:
                line = self._text.readline()
                if not line:
                    break
                sample.append(line)
                size += len(line)
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc, len(sample) + 1) from None
        self.delimiter = detect_delimiter("".join(sample), delimiter, known)
        self._lines = itertools.chain(sample, self._text)
        self._reader = csv.reader(self._lines, delimiter=self.delimiter, strict=True)
        self.blank_rows = 0
        self.header = self._header()
        self._line = self._reader.line_num  # physical lines read so far

    def _header(self) -> list[str]:
        for _, row in self._records():
            return [cell.strip() for cell in row]
        raise InputError(f"{self.source}: the file is empty", "give a CSV file with a header row")

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        reader = self._reader
        previous = reader.line_num
        try:
            for row in reader:
                if any(row):
                    yield previous + 1, row
                else:
                    self.blank_rows += 1
                previous = reader.line_num
        except csv.Error as exc:
            raise self._csv_error(exc, previous + 1) from None
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc, reader.line_num + 1) from None

    def chunks(self, size: int) -> Iterator[Chunk]:
        """Data rows after the header, ``size`` lines at a time.

        Why not always record by record: most office files have no quote character at
        all, and for such text ``csv.reader`` does nothing but split each line at the
        delimiter -- which ``str.split`` does several times faster.  And in most others
        every line is one whole record (no quoted cell spans lines), so ``csv.reader``
        can read the batch in one call.  A batch of lines without a quote (or a NUL, or a
        lone CR, or a line longer than csv's field limit) is split directly; one whose
        every line holds an even number of quotes and reads as exactly one record per
        line is read in one call; any other batch is read record by record, as a quoted
        cell may go on past the batch.  All three give ``csv.reader``'s rows.
        """
        while True:
            lines: list[str] = []
            try:
                lines.extend(itertools.islice(self._lines, size))  # keeps what was read
            except UnicodeDecodeError as exc:
                raise self._decode_error(exc, self._line + len(lines) + 1) from None
            if not lines:
                return
            quotes = list(map(str.count, lines, repeat('"')))
            chunk = (
                self._split(lines) if not any(quotes) else self._one_per_line(lines, quotes)
            ) or self._parsed(lines)
            if chunk.rows:
                yield chunk

    def _split(self, lines: list[str]) -> Chunk | None:
        """``lines`` split at the delimiter, or None when csv's rules are needed."""
        text = "".join(lines)  # (without a quote: the caller checked)
        if "\0" in text or max(map(len, lines)) > csv.field_size_limit():
            return None
        if "\r" in text:
            if text.count("\r") != text.count("\r\n"):  # a lone CR ends a line too
                return None
            text = text.replace("\r\n", "\n")  # unquoted cells hold no line break
        texts = text.removesuffix("\n").split("\n")
        return self._numbered(list(map(str.split, texts, repeat(self.delimiter))), texts)

    def _one_per_line(self, lines: list[str], quotes: list[int]) -> Chunk | None:
        """``lines`` (with ``quotes`` quote characters each) read in one ``csv.reader``
        call when each is one whole record, or None (a quoted cell spans lines, or csv
        has an error to report with its line)."""
        if 1 in map(operator.and_, quotes, repeat(1)):
            return None  # an odd number of quotes: a quoted cell goes on to the next line
        try:
            rows = list(csv.reader(lines, delimiter=self.delimiter, strict=True))
        except csv.Error:
            return None
        if len(rows) != len(lines):  # a quote inside an unquoted cell (ab"c) opened one
            return None
        return self._numbered(rows, list(map(str.rstrip, lines, repeat("\r\n"))))

    def _numbered(self, rows: list[list[str]], texts: list[str]) -> Chunk:
        """A chunk of ``rows``, one per line from the current line on, blank ones dropped."""
        numbers = range(self._line + 1, self._line + len(rows) + 1)
        self._line += len(rows)
        if all(map(any, rows)):
            return Chunk(list(numbers), rows, texts)
        keep = list(map(any, rows))
        self.blank_rows += keep.count(False)  # e.g. ';;;;' rows below Excel's data
        return Chunk(
            list(compress(numbers, keep)), list(compress(rows, keep)), list(compress(texts, keep))
        )

    def _parsed(self, lines: list[str]) -> Chunk:
        """Records that start on ``lines``, read by ``csv.reader`` (a quoted cell may go on
        past them, over the next lines of the file)."""
        reader = csv.reader(
            itertools.chain(lines, self._lines), delimiter=self.delimiter, strict=True
        )
        numbers: list[int] = []
        rows: list[list[Any]] = []
        previous = 0
        try:
            for row in reader:
                if any(row):
                    numbers.append(self._line + previous + 1)
                    rows.append(row)
                else:
                    self.blank_rows += 1
                previous = reader.line_num
                if previous >= len(lines):
                    break
        except csv.Error as exc:
            raise self._csv_error(exc, self._line + previous + 1) from None
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc, self._line + reader.line_num + 1) from None
        self._line += previous
        return Chunk(numbers, rows)

    def tell_fraction(self, total: int) -> float:
        """Share of the file read so far, for a progress bar (0 when unknown)."""
        try:
            return min(1.0, self._text.buffer.tell() / total) if total else 0.0
        except (OSError, ValueError):
            return 0.0

    def _csv_error(self, exc: csv.Error, line: int) -> InputError:
        text = str(exc)
        if "field larger than field limit" in text:
            what = f"a cell longer than {csv.field_size_limit():,} characters"
            hint = 'a quote (") is probably never closed; check the quotes from this line on'
        elif "unexpected end of data" in text:
            what = "the file ends inside a quoted cell"
            hint = 'a quote (") that opens a cell on or after this line is never closed'
        else:
            what = f"a quote is in the wrong place ({text})"
            hint = 'a quoted cell must be quoted whole, e.g. "5 ""inch"""; fix the quotes'
        return InputError(f"{self.source}:{line}: {what}", hint)

    def _decode_error(self, exc: UnicodeDecodeError, line: int) -> InputError:
        """The error for a byte the codec cannot decode.  The text layer decodes a block at
        a time, so ``line`` (where reading was) may come before the byte's own line: the
        whole-file check the encoding detection uses finds the byte and its line."""
        self._text.buffer.seek(0)  # (reading stops here: the text layer is not used again)
        found = first_bad_line(self._text.buffer, self.encoding.codec)
        line, byte = found if found is not None else (line, exc.object[exc.start])
        return InputError(
            f"{self.source}:{line}: byte 0x{byte:02X} is not {self.encoding.label} text",
            "pass the right --encoding (e.g. cp1252), or save the file as 'CSV UTF-8'",
        )


class XlsxSource:
    """The first (or a named) sheet of an .xlsx workbook, read in streaming mode."""

    kind = "xlsx"
    delimiter = ""

    def __init__(self, stream: BinaryIO, source: str, *, sheet: str | None = None) -> None:
        from openpyxl import load_workbook

        self.source = source
        self.encoding = Encoding("xlsx", "Excel workbook")
        self.blank_rows = 0
        try:
            self._book = load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise InputError(
                f"{source}: not a readable Excel workbook ({type(exc).__name__}: {exc})",
                "open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8",
            ) from None
        names = self._book.sheetnames
        if sheet is not None and sheet not in names:
            raise InputError(f"{source}: no sheet named '{sheet}'", "sheets: " + ", ".join(names))
        self.sheet = sheet or names[0]
        self._rows = enumerate(self._book[self.sheet].iter_rows(), start=1)
        self.header = self._header()
        self.width = len(self.header)

    def _header(self) -> list[str]:
        for _, cells in self._rows:
            values = [_value(c) for c in cells]
            while values and values[-1] == "":
                values.pop()  # formatted but empty columns at the right
            if values:
                return [str(v).strip() for v in values]
            self.blank_rows += 1
        raise InputError(
            f"{self.source}: sheet '{self.sheet}' is empty", "put the header in the first row"
        )

    def chunks(self, size: int) -> Iterator[Chunk]:
        lines: list[int] = []
        rows: list[list[Any]] = []
        for line, cells in self._rows:
            values = [_value(c) for c in cells]
            while len(values) > self.width and values[-1] == "":
                values.pop()
            if not any(v != "" for v in values):
                self.blank_rows += 1
                continue
            if len(values) < self.width:
                values += [""] * (self.width - len(values))  # Excel drops empty cells at the end
            lines.append(line)
            rows.append(values)
            if len(rows) >= size:
                yield Chunk(lines, rows)
                lines, rows = [], []
        if rows:
            yield Chunk(lines, rows)
        self._book.close()

    def tell_fraction(self, total: int) -> float:
        return 0.0


def _value(cell: Any) -> Any:
    """A cell as batch scoring reads it: text, or an int/float Excel stored as a number."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        # A cell shown as 40% holds 0.4; the question means 40 (parsing.py: "40%" is 40).
        if "%" in (getattr(cell, "number_format", "") or ""):
            return round(value * 100, 10)
        return value
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()  # a date cell: Excel keeps it as midnight of the day
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
