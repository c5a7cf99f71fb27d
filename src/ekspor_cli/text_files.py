"""Reading the small text files users hand over: answer files, --map files, exchange files.

Why one function: each is read whole, as UTF-8 with or without a BOM (what Excel and
Notepad write), and a path that cannot be read or bytes that are not UTF-8 must be one
clear :class:`~ekspor_cli.errors.InputError` naming the file -- never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def read_utf8(path: Path, utf8_hint: str, what: str = "") -> str:
    """The text of ``path``; ``what`` names the file in messages (``"map file"``) and
    ``utf8_hint`` says how to get UTF-8 when it is not."""
    named = f"the {what} " if what else ""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read {named}({exc.strerror})", "check the path") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        is_not = f"{named}is not" if what else "not"
        raise InputError(f"{path}: {is_not} UTF-8 text", utf8_hint) from None
