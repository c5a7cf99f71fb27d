"""What ``ekspor batch`` can be told, checked and completed before anything is opened.

Why a module of its own: the CLI builds these options, the run and the file helpers read
them; the defaults that depend on the input (the output delimiter follows the input's, the
decimal mark follows the delimiter) are decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from ..i18n import Lang
from ..parsing import Decimal
from .sniff import parse_delimiter


@dataclass(frozen=True)
class BatchOptions:
    """Everything ``ekspor batch`` can be told (see ``ekspor batch --help``)."""

    input: Path | None  # None: standard input
    output: Path | None  # None: standard output
    format: str | None = None  # csv | xlsx | jsonl (default: by the output's extension)
    delimiter: str | None = None  # input; also the output's unless output_delimiter
    output_delimiter: str | None = None
    encoding: str | None = None
    output_encoding: str | None = None  # CSV: UTF-8 with BOM to a file, plain to stdout
    output_decimal: str = "auto"  # auto: a comma when the output delimiter is ";"
    decimal: Decimal = "auto"
    lang: Lang = "id"
    map_file: Path | None = None
    sheet: str | None = None
    sort: bool = False
    top: int | None = None
    gaps: int = 3
    errors: Path | None = None
    summary: Path | None = None
    jobs: int = 1
    id_column: str | None = None
    chunk_rows: int = 500


def resolve(options: BatchOptions, input_delimiter: str, fmt_name: str) -> BatchOptions:
    """Fill in the output delimiter (the input's, so a ';' file comes back ';') and the
    decimal mark (a comma when the delimiter is ';', as Excel in Indonesia expects)."""
    if options.output_delimiter:
        delimiter = parse_delimiter(options.output_delimiter)
    elif options.delimiter:
        delimiter = parse_delimiter(options.delimiter)
    else:
        delimiter = input_delimiter or ","
    decimal = options.output_decimal
    if decimal == "auto":
        decimal = "comma" if delimiter == ";" else "dot"
    if fmt_name == "xlsx" and options.output is None:
        raise InputError("an .xlsx workbook cannot be written to the terminal", "use -o FILE.xlsx")
    if options.jobs < 1 or options.chunk_rows < 1:
        raise InputError("--jobs and the chunk size must be 1 or more", "e.g. --jobs 2")
    if options.top is not None and options.top < 0:
        raise InputError("--top cannot be negative", "e.g. --top 20 (or --top 0 for the header)")
    return replace(options, output_delimiter=delimiter, output_decimal=decimal)


def display_name(path: Path | None) -> str:
    """How a path is named in messages: ``-`` for standard input/output."""
    return "-" if path is None else str(path)
