"""Decide how to read a CSV file: its text encoding and its delimiter.

Why our own rules: encoding guessers misread short cp1252 files (research: cp1250 instead of
cp1252) and ``csv.Sniffer`` fails on one-column files or picks ``,`` for a ``;`` file with
decimal commas.  Office files come from three places -- Excel "CSV UTF-8" (BOM), Excel
"CSV" in the Windows code page (cp1252, ``;`` in the Indonesian locale) and Google Sheets
(UTF-8, ``,``) -- so the rules are short and strict:

* encoding: a BOM decides (UTF-8 or UTF-16); otherwise strict UTF-8 over the *whole* file;
  otherwise Windows-1252 **with a warning**; otherwise the file is refused with the line of
  the first bad byte.  Never latin-1, which "succeeds" on anything and silently turns
  ``– “ ” ’`` into invisible control characters.  ``--encoding`` forces any codec.
* delimiter: each of ``,`` ``;`` tab ``|`` parses a sample; the winner matches the most
  header cells to questions, then gives the most rows with the header's field count, then
  the most fields.  ``--delimiter`` forces one.

Reads only from the (seekable) file-like object it is given.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError

SAMPLE_BYTES = 1 << 20  # the head: BOM, NUL bytes and the delimiter (the encoding: all)
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_BLOCK = 1 << 20
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LABELS = {
    "utf-8-sig": "UTF-8",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (cp1252)",
}
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx files are zip archives


@dataclass(frozen=True)
class Encoding:
    """How to decode a file, and what to tell the user about it."""

    codec: str
    label: str
    warning: str = ""


def detect_encoding(stream: BinaryIO, source: str, forced: str | None = None) -> Encoding:
    """Choose the codec for ``stream`` (left at its start); raise :class:`InputError`.

    ``stream`` must be seekable (:func:`~ekspor_cli.batch.files.open_input` spools standard
    input to a temporary file): it is checked whole, so a bad byte on line 90,000 is found
    before any output is written.
    """
    head = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    if forced:
        codec = codec_name(forced, "use e.g. utf-8, cp1252 or utf-16")
        if codec == "utf-8" and head.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        return Encoding(codec, _LABELS.get(codec, codec))
    for bom, codec in _BOMS:
        if head.startswith(bom):
            _check_nul(head, source, codec)
            return Encoding(codec, _LABELS[codec] + (" with BOM" if codec == "utf-8-sig" else ""))
    _check_nul(head, source, "")
    bad = first_bad_line(stream, "utf-8")
    if bad is None:
        return Encoding("utf-8", "UTF-8")
    bad_1252 = first_bad_line(stream, "cp1252")
    if bad_1252 is None:
        return Encoding(
            "cp1252",
            _LABELS["cp1252"],
            f"{source} is not UTF-8 (line {bad[0]}: byte 0x{bad[1]:02X}); reading it as "
            "Windows-1252 (cp1252), the encoding of Excel's plain 'CSV (Comma delimited)'. "
            "If letters look wrong in the output, pass --encoding, or save as 'CSV UTF-8'.",
        )
    raise InputError(
        f"{source}: cannot decode the text: not UTF-8 (line {bad[0]}: byte 0x{bad[1]:02X}) "
        f"and not Windows-1252 either (line {bad_1252[0]}: byte 0x{bad_1252[1]:02X})",
        "save the sheet as 'CSV UTF-8' in Excel, or pass --encoding with the right codec",
    )


def codec_name(name: str, hint: str) -> str:
    """Python's name for the encoding ``name`` (``UTF8`` -> ``utf-8``); unknown: an error."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding '{name}'", hint) from None


def _check_nul(head: bytes, source: str, codec: str) -> None:
    if codec != "utf-16" and b"\x00" in head:
        line = head.count(b"\n", 0, head.index(b"\x00")) + 1
        raise InputError(
            f"{source}:{line}: the file contains NUL bytes: it is not a CSV text file",
            "if it is an Excel workbook, name it .xlsx; otherwise save it as 'CSV UTF-8'",
        )


def first_bad_line(stream: BinaryIO, codec: str) -> tuple[int, int] | None:
    """(line, byte value) of the first byte ``codec`` cannot decode, or None.

    Reads the seekable ``stream`` to the end and rewinds it.
    """
    decoder = codecs.getincrementaldecoder(codec)("strict")
    lines = 1
    try:
        for block in iter(lambda: stream.read(_BLOCK), b""):
            if block.isascii() and not decoder.getstate()[0]:
                lines += block.count(b"\n")  # plain ASCII (most of a list): valid as is
                continue
            try:
                decoder.decode(block, final=False)
            except UnicodeDecodeError as exc:  # (exc.object: bytes held back + this block)
                return lines + exc.object.count(b"\n", 0, exc.start), exc.object[exc.start]
            lines += block.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return lines, exc.object[exc.start] if exc.object else 0
        return None
    finally:
        stream.seek(0)


def detect_delimiter(
    sample: str, forced: str | None = None, known: Callable[[str], bool] | None = None
) -> str:
    """The delimiter of the CSV text ``sample`` (see the module docstring)."""
    if forced:
        return forced
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end mid-record
    text = "".join(lines[:200])
    best, best_rank = ",", (-1, -1.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        matched = sum(1 for cell in rows[0] if known is not None and known(cell))
        consistent = sum(1 for r in rows[1:] if len(r) == width) / max(1, len(rows) - 1)
        rank = (matched, consistent, width)
        if rank > best_rank:
            best, best_rank = delimiter, rank
    return best


def parse_delimiter(text: str) -> str:
    """``--delimiter`` values: a character, or comma/semicolon/tab/pipe by name."""
    names = {name: char for char, name in DELIMITERS.items()} | {"\\t": "\t"}
    value = names.get(text.strip().lower(), text)
    if len(value) != 1 or value in "\"'\r\n":
        raise InputError(
            f"'{text}' cannot be a delimiter", "use comma, semicolon, tab, pipe or one character"
        )
    return value
