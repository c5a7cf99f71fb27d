"""Opening what a batch run reads and writes: the input (file, standard input, workbook),
the output and errors files (atomic), the ``--map`` file and the summary JSON.

Why apart from the run: this is every place the batch package touches the file system, with
the messages a user sees when a file cannot be used; the rest is pure.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO, BinaryIO

from ..atomic import atomic_binary, atomic_text, write_text_atomic
from ..criteria import Criteria
from ..errors import InputError
from ..parsing import fold
from ..text_files import read_utf8
from .columns import known_names, load_map
from .options import BatchOptions, display_name
from .reader import CsvSource, XlsxSource
from .sniff import ZIP_MAGIC, codec_name, parse_delimiter
from .summary import Summary
from .writer import CsvSink, JsonLinesSink, Sink, XlsxSink, format_for


def read_map(path: Path) -> dict[str, str | None]:
    return load_map(read_utf8(path, "save it as UTF-8", "map file"), str(path))


def open_input(
    options: BatchOptions, stack: contextlib.ExitStack, stdin: BinaryIO | None
) -> tuple[BinaryIO, int]:
    """A seekable binary stream of the input and its size (stdin is spooled first, so that
    its encoding can be checked whole and an .xlsx can be read)."""
    _check_distinct_outputs(options)
    if options.input is None:
        spool = stack.enter_context(tempfile.SpooledTemporaryFile(max_size=64 << 20))  # noqa: SIM115
        shutil.copyfileobj(stdin if stdin is not None else sys.stdin.buffer, spool)
        size = spool.tell()
        spool.seek(0)
        return spool, size  # type: ignore[return-value]
    path = options.input
    written = (
        (options.output, "the output", "write the results to another file with -o"),
        (options.errors, "the --errors file", "write the errors to another file with --errors"),
        (options.summary, "the --summary file", "write the summary to another file with --summary"),
    )
    for target, what, hint in written:
        if target is not None and target.exists() and path.exists():
            with contextlib.suppress(OSError):
                if path.samefile(target):
                    raise InputError(f"{path} is both the input and {what}", hint)
    try:
        handle = stack.enter_context(path.open(mode="rb"))
        return handle, path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: file not found", "check the path and the file name") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder", "give a .csv or .xlsx file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})", "check the permissions") from None


def _check_distinct_outputs(options: BatchOptions) -> None:
    """-o, --errors and --summary name three different files (else one overwrites another)."""
    named = [
        (path, option)
        for path, option in (
            (options.output, "-o"),
            (options.errors, "--errors"),
            (options.summary, "--summary"),
        )
        if path is not None
    ]
    for (first, one), (second, other) in itertools.combinations(named, 2):
        if first.resolve() == second.resolve() or _same_existing(first, second):
            raise InputError(
                f"{second} is both the {one} file and the {other} file",
                f"give {other} another file name",
            )


def _same_existing(first: Path, second: Path) -> bool:
    with contextlib.suppress(OSError):
        return first.samefile(second)
    return False


def open_source(
    options: BatchOptions, stream: BinaryIO, criteria: Criteria
) -> CsvSource | XlsxSource:
    name = display_name(options.input)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{name} is an old Excel .xls workbook", "save it as .xlsx or as 'CSV UTF-8' first"
        )
    if head.startswith(ZIP_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        return XlsxSource(stream, name, sheet=options.sheet)
    names = known_names(criteria)
    return CsvSource(
        stream,
        name,
        encoding=options.encoding,
        delimiter=parse_delimiter(options.delimiter) if options.delimiter else None,
        known=lambda cell: fold(cell) in names,
    )


def open_output(
    options: BatchOptions, fmt_name: str, stack: contextlib.ExitStack, stdout: BinaryIO | None
) -> Sink:
    delimiter = options.output_delimiter or ","
    if options.output is None:
        binary = stdout if stdout is not None else sys.stdout.buffer
        encoding = (options.output_encoding or "utf-8") if fmt_name == "csv" else "utf-8"
        text = io.TextIOWrapper(binary, encoding=encoding, newline="", write_through=True)
        stack.callback(text.detach)  # flushes, and leaves standard output open
        return CsvSink(text, delimiter) if fmt_name == "csv" else JsonLinesSink(text)
    if fmt_name == "xlsx":
        return XlsxSink(stack.enter_context(atomic_binary(options.output)))
    encoding = (options.output_encoding or "utf-8-sig") if fmt_name == "csv" else "utf-8"
    handle = open_text(options.output, encoding, stack)
    return CsvSink(handle, delimiter) if fmt_name == "csv" else JsonLinesSink(handle)


def open_text(path: Path, encoding: str, stack: contextlib.ExitStack) -> IO[str]:
    """An atomic text file; UTF-8 with BOM is written as a BOM then plain UTF-8 (Python's
    utf-8-sig codec runs in Python for every write, plain UTF-8 does not)."""
    codec = codec_name(encoding, "use utf-8-sig, utf-8 or cp1252")
    handle = stack.enter_context(
        atomic_text(path, encoding="utf-8" if codec == "utf-8-sig" else codec)
    )
    if codec == "utf-8-sig":
        handle.write("\ufeff")
    return handle


def open_problems(options: BatchOptions, stack: contextlib.ExitStack) -> Sink | None:
    if options.errors is None:
        return None
    fmt_name = format_for(str(options.errors))
    if fmt_name == "xlsx":
        sink = XlsxSink(stack.enter_context(atomic_binary(options.errors)), sheet="errors")
        stack.callback(sink.close)
        return sink
    handle = open_text(options.errors, options.output_encoding or "utf-8-sig", stack)
    if fmt_name == "jsonl":
        return JsonLinesSink(handle)
    return CsvSink(handle, options.output_delimiter or ",")


def write_summary(path: Path, summary: Summary) -> None:
    write_text_atomic(path, json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
