"""Write table rows as CSV, Excel (.xlsx) or JSON Lines, safe to open in a spreadsheet.

Why neutralise on every write: a cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR
is run as a formula by Excel, LibreOffice and Google Sheets (OWASP "CSV injection"), and
Excel drops our protective apostrophe when a user re-saves the file -- so whatever we write
is protected again, every time.  Text cells get a leading ``'`` unless they are a plain
number (``-250000``, ``1.500,5`` stay as they are); numbers are written as numbers and
never touched.  JSON Lines is for programs and is written as is.

Batch output arrives column by column (a chunk of rows at a time), so neutralising and CSV
quoting are done per column -- one C-level scan finds the few cells that need work -- and
rows are joined at the end; :func:`csv_lines` writes exactly what :mod:`csv` would.
Writers take an open file-like object and stream: nothing grows with the number of rows
(the .xlsx writer uses openpyxl's write-only mode, which spools to a temporary file).
"""

from __future__ import annotations

import bisect
import json
import operator
import re
from collections.abc import Iterable, Sequence
from itertools import accumulate, repeat
from typing import IO, Any, BinaryIO, Protocol, TextIO

from ..errors import InputError
from ..fastscore import positions

FORMATS = ("csv", "xlsx", "jsonl")
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_FIRST = frozenset(_TRIGGERS)
# Cells that start like a formula but are none: plain numbers, and a lone "-" (the usual
# "not answered" mark, plain text in every spreadsheet, where "'-" would show the ').
_HARMLESS = re.compile(r"-|[+-]?(?:[0-9]+(?:[.,][0-9]+)*|[.,][0-9]+)")
_SEPARATOR = "\x1f"  # joins a column's cells for one scan; never in office text
# A literal first, for a fast scan; a lone "-" cell is left out at once.
_AFTER_SEPARATOR = re.compile("\x1f(?:[=+@\t\r\n]|-(?!\x1f|\\Z))")
_AT_START = re.compile("(?:[=+@\t\r\n]|-(?!\x1f|\\Z))")
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CELL_LIMIT = 32_767
LINE_END = "\r\n"  # what csv.writer writes, and what Excel expects


def neutralise(text: str) -> str:
    """``'=HYPERLINK(...)`` instead of ``=HYPERLINK(...)``; plain numbers and a lone
    ``-`` unchanged."""
    if text.startswith(_TRIGGERS) and not _HARMLESS.fullmatch(text):
        return "'" + text
    return text


def unneutralise(cell: object) -> object:
    """The cell as typed: without the apostrophe that :func:`neutralise` (or Excel) put
    before a formula trigger (``'-`` is ``-``, not an answer starting with ``'``)."""
    if isinstance(cell, str) and len(cell) > 1 and cell[0] == "'" and cell[1] in _FIRST:
        return cell[1:]
    return cell


def neutralise_row(row: Sequence[Any]) -> list[Any]:
    """The row with every text cell neutralised."""
    return [neutralise(c) if isinstance(c, str) else c for c in row]


def neutralise_column(column: Sequence[Any], joined: str | None = None) -> Sequence[Any]:
    """A column with every text cell neutralised: one regex scan over the joined column
    finds the cells to check, so columns without a trigger cost almost nothing."""
    if joined is None:
        try:
            joined = _SEPARATOR.join(column)
        except TypeError:  # numbers from a spreadsheet
            return neutralise_row(column)
    starts = [m.start() for m in _AFTER_SEPARATOR.finditer(joined)]
    first = _AT_START.match(joined) is not None
    if not starts and not first:
        return column
    if len(starts) > len(column) // 8 or joined.count(_SEPARATOR) != len(column) - 1:
        return [neutralise(c) for c in column]
    fixed = list(column)
    if first:
        fixed[0] = neutralise(fixed[0])
    index = last = 0
    for start in starts:
        index += joined.count(_SEPARATOR, last, start + 1)
        last = start + 1
        fixed[index] = neutralise(fixed[index])
    return fixed


def csv_lines(
    columns: Sequence[Sequence[Any]],
    delimiter: str = ",",
    memos: list[dict[str, str]] | None = None,
) -> list[str]:
    """Neutralised CSV lines (without line ends) for rows given column by column: exactly
    what ``csv.writer(..., delimiter=delimiter)`` writes for :func:`neutralise_row` of
    each row, with no per-cell Python step for a column that needs neither quoting nor
    neutralising.  ``memos`` (one dict per column, kept across chunks) remembers the
    written form of repeated cells such as choice labels.  Numbers are never neutralised
    (``-250000`` is a number, not a formula); ``None`` is an empty cell."""
    ready: list[Sequence[Any]] = []
    for k, column in enumerate(columns):
        try:
            joined = _SEPARATOR.join(column)
        except TypeError:  # None (an empty cell) or numbers
            column = list(map(_EMPTY.get, column, column))  # None -> "", in C
            try:
                joined = _SEPARATOR.join(column)
            except TypeError:  # numbers: written as they are, text neutralised per cell
                cells = [neutralise(c) if type(c) is str else str(c) for c in column]
                ready.append([_quote(cell, delimiter) for cell in cells])
                continue
        texts: Sequence[Any] = column
        # Four substring scans (memchr) beat one character-class regex by 100x here.
        if delimiter in joined or '"' in joined or "\n" in joined or "\r" in joined:
            texts = _encoded(column, delimiter, memos[k] if memos is not None else {})
        elif _AT_START.match(joined) or _AFTER_SEPARATOR.search(joined):
            texts = neutralise_column(column, joined)
        ready.append(texts)
    if len(ready) == 1:  # csv quotes a lone empty field, so the line is not blank
        return [c or '""' for c in ready[0]]
    return list(map(delimiter.join, zip(*ready, strict=True)))


_EMPTY: dict[object, str] = {None: ""}


def formula_records(texts: Sequence[str], delimiter: str) -> list[int]:
    """Positions of the CSV records (one line each, as read, without the line end) in
    which some cell may start like a formula; every other record holds no cell that
    :func:`neutralise` would change, so it can be written exactly as it was read.

    A superset, found with substring searches instead of parsing: a formula character
    right after a delimiter or the line start, or after a quote there, marks the record
    (even inside a quoted cell, where it is harmless) -- unless the unquoted cell it
    starts is a plain number or a lone ``-``.
    """
    joined = "\n" + "\n".join(texts) + "\n"
    starts = list(accumulate(map(operator.add, map(len, texts), repeat(1)), initial=1))
    found: set[int] = set()
    ends = (delimiter, "\n")  # what comes before a cell, and after it
    for trigger in _FORMULA_START:
        pos = joined.find(trigger)
        while pos != -1:
            before = joined[pos - 1]
            quoted = before == '"'
            if quoted:
                before = joined[pos - 2]
            if before in ends and (
                quoted
                or not (
                    trigger == delimiter  # an empty cell, in a tab-separated file
                    or (trigger == "-" and joined[pos + 1] in ends)  # a lone "-"
                    or _harmless(joined, pos, delimiter)
                )
            ):
                found.add(bisect.bisect_right(starts, pos) - 1)
            pos = joined.find(trigger, pos + 1)
    return sorted(found)


# The triggers that can start a cell within one line (CR and LF end it).
_FORMULA_START = tuple(t for t in _TRIGGERS if t not in "\r\n")


def _harmless(joined: str, pos: int, delimiter: str) -> bool:
    """Whether the unquoted cell starting at ``pos`` is a plain number or a lone ``-``."""
    end = joined.find("\n", pos)
    cut = joined.find(delimiter, pos, end)
    return _HARMLESS.fullmatch(joined, pos, end if cut == -1 else cut) is not None


def _quote(text: str, delimiter: str) -> str:
    if delimiter in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _encoded(texts: Sequence[str], delimiter: str, memo: dict[str, str]) -> list[str]:
    """Each cell neutralised, then quoted when it holds the delimiter, a quote or a line
    break (csv's minimal quoting); repeated cells come from ``memo``."""
    found: list[str | None] = list(map(memo.get, texts))
    if None in found:
        if len(memo) > 4096:
            memo.clear()
        for pos in positions(found):
            text = texts[pos]
            found[pos] = memo[text] = _quote(neutralise(text), delimiter)
    return found  # type: ignore[return-value]


class Sink(Protocol):
    """Every writer: a header, then rows.  Batch output goes ``units(columns)`` (one
    format-specific unit per row, ready to write or to rank) then ``write_units``.
    Neutralising is the writer's job: CSV and .xlsx do it, JSON Lines does not."""

    blank: str | None  # what an empty result cell is in this format

    def write_header(self, names: Sequence[str]) -> None: ...
    def write_rows(self, rows: Iterable[Sequence[Any]]) -> None: ...
    def units(self, columns: Sequence[Sequence[Any]]) -> list[Any]: ...
    def write_units(self, units: Iterable[Any]) -> None: ...
    def close(self) -> None: ...


class CsvSink:
    """CSV for Excel: the caller opens the file (UTF-8 with BOM by default)."""

    blank: str | None = ""  # an empty result cell

    def __init__(self, handle: TextIO | IO[str], delimiter: str = ",") -> None:
        self._handle = handle
        self._delimiter = delimiter
        self._memos: list[dict[str, str]] = []

    def write_header(self, names: Sequence[str]) -> None:
        self.write_rows([names])

    def write_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Rows of any cells, neutralised here (small outputs: headers, error lists)."""
        for row in rows:
            self._handle.write(csv_lines([[c] for c in row], self._delimiter)[0] + LINE_END)

    @property
    def delimiter(self) -> str:
        return self._delimiter

    def units(self, columns: Sequence[Sequence[Any]]) -> list[str]:
        if not columns or not len(columns[0]):
            return []
        while len(self._memos) < len(columns):
            self._memos.append({})
        return csv_lines(columns, self._delimiter, self._memos)

    def carried_units(
        self, texts: Sequence[str], inputs: Sequence[Sequence[Any]], after: Sequence[Sequence[Any]]
    ) -> list[str]:
        """:meth:`units` of ``[*inputs, *after]``, where ``texts`` are the input rows as
        read -- CSV records with this delimiter and exactly the cells of ``inputs``.

        Why: most records need neither quoting nor neutralising beyond what they already
        have, so they are written as read and only the result cells are formatted; a
        record in which a cell may start like a formula (:func:`formula_records`) is
        written cell by cell.  Either way the line reads back as the same cells.
        """
        width = len(inputs)
        while len(self._memos) < width + len(after):
            self._memos.append({})
        ends = csv_lines(after, self._delimiter, self._memos[width:])
        lines = list(map(self._delimiter.join, zip(texts, ends, strict=True)))
        dirty = formula_records(texts, self._delimiter)
        if dirty:  # their input cells cell by cell, then the same result cells
            pick = operator.itemgetter(*dirty, dirty[0])  # (a tuple even for one record)
            fixed = csv_lines(
                [pick(column)[:-1] for column in inputs], self._delimiter, self._memos
            )
            for pos, line in zip(dirty, fixed, strict=True):
                lines[pos] = line + self._delimiter + ends[pos]
        return lines

    def write_units(self, units: Iterable[str]) -> None:
        lines = list(units)
        if lines:
            self._handle.write(LINE_END.join(lines) + LINE_END)

    def close(self) -> None:
        """Nothing to finish: the caller closes the file."""


class JsonLinesSink:
    """One JSON object per line, keys from the header (unnamed columns: ``column_N``)."""

    blank: str | None = None  # null

    def __init__(self, handle: TextIO | IO[str]) -> None:
        self._handle = handle
        self._keys: list[str] = []
        self._dumps = json.JSONEncoder(ensure_ascii=False).encode

    def write_header(self, names: Sequence[str]) -> None:
        self._keys = [name or f"column_{i + 1}" for i, name in enumerate(names)]

    def write_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        self.write_units(self.units(list(zip(*rows, strict=True))))

    def units(self, columns: Sequence[Sequence[Any]]) -> list[str]:
        keys, dumps = self._keys, self._dumps
        return [
            dumps(dict(zip(keys, row, strict=True))) + "\n" for row in zip(*columns, strict=True)
        ]

    def write_units(self, units: Iterable[str]) -> None:
        self._handle.writelines(units)

    def close(self) -> None:
        """Nothing to finish."""


class XlsxSink:
    """A one-sheet workbook written in streaming mode."""

    blank: str | None = None  # an empty cell

    def __init__(self, handle: BinaryIO | IO[bytes], sheet: str = "ekspor") -> None:
        from openpyxl import Workbook

        self._handle = handle
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(sheet)
        self.truncated = 0

    def write_header(self, names: Sequence[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self._sheet.freeze_panes = "A2"
        for index, name in enumerate(names, start=1):
            width = min(40, max(10, len(str(name)) + 2))
            self._sheet.column_dimensions[get_column_letter(index)].width = width
        bold = Font(bold=True)
        cells = []
        for name in names:
            cell = WriteOnlyCell(self._sheet, value=self._text(str(name)))
            cell.font = bold
            cells.append(cell)
        self._sheet.append(cells)

    def write_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        append = self._sheet.append
        text = self._text
        for row in rows:
            append([text(cell) if isinstance(cell, str) else cell for cell in row])

    def units(self, columns: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
        return list(zip(*columns, strict=True))

    def write_units(self, units: Iterable[Sequence[Any]]) -> None:
        self.write_rows(units)  # control characters and the cell limit still need a look

    def close(self) -> None:
        self._book.save(self._handle)

    def _text(self, value: str) -> str:
        """Text Excel accepts: neutralised, no control characters, at most 32,767 chars."""
        if _XLSX_ILLEGAL.search(value):
            value = _XLSX_ILLEGAL.sub("\ufffd", value)
        if len(value) > XLSX_CELL_LIMIT:
            self.truncated += 1
            value = value[: XLSX_CELL_LIMIT - 1] + "…"
        return neutralise(value)


def format_for(name: str, forced: str | None = None) -> str:
    """The output format from ``--format`` or the file name (stdout, .txt: CSV); raise
    :class:`~ekspor_cli.errors.InputError` for a spreadsheet format we cannot write --
    a CSV saved as ``hasil.xls`` would make Excel complain about the file."""
    if forced:
        return forced
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in _NOT_WRITTEN:
        raise InputError(
            f"{name}: cannot write .{suffix} files",
            "name the output .xlsx (Excel), .csv or .jsonl",
        )
    return {"xlsx": "xlsx", "jsonl": "jsonl", "ndjson": "jsonl"}.get(suffix, "csv")


_NOT_WRITTEN = frozenset({"xls", "xlsm", "xlsb", "ods", "numbers"})
