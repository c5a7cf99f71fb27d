"""Atomic file writes: a crash, Ctrl-C or power cut never leaves a half-written file.

Why: officers' interview drafts and office staff's scored lists must be either the old
file or the complete new one.  We write a temp file in the same folder, flush and fsync it,
then ``os.replace`` it over the target (atomic on Windows and POSIX).  On Windows a target
open in Excel refuses the replace: the old file is kept, the temp file removed, and the
user told to close it -- never truncated first.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import OutputError


@contextlib.contextmanager
def _temp_beside(target: Path) -> Iterator[tuple[int, Path]]:
    """A temp file descriptor in ``target``'s folder; replaces ``target`` on success."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"cannot write in {folder}: {exc.strerror}", "choose another output folder"
        ) from None
    tmp = Path(tmp_name)
    _ordinary_permissions(tmp, target)
    try:
        yield fd, tmp
        _replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_text(
    path: str | Path, *, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[TextIO]:
    """Write text to ``path`` atomically: ``with atomic_text(p) as f: f.write(...)``."""
    with (
        _temp_beside(Path(path)) as (fd, _tmp),
        os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle,
    ):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_binary(path: str | Path) -> Iterator[BinaryIO]:
    """Write bytes to ``path`` atomically."""
    with _temp_beside(Path(path)) as (fd, _tmp), os.fdopen(fd, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def _ordinary_permissions(tmp: Path, target: Path) -> None:
    """mkstemp makes owner-only files (0600); a report or export should get the mode the
    file already had, or what the user's umask gives a new file."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        tmp.chmod(mode)


def _replace(tmp: Path, target: Path) -> None:
    try:
        tmp.replace(target)
    except PermissionError:
        raise OutputError(
            f"cannot replace {target}: it is open in another program (Excel?) or read-only",
            "close the file and run again, or write to another name with -o",
        ) from None
    if hasattr(os, "O_DIRECTORY"):  # POSIX: make the rename itself durable
        with contextlib.suppress(OSError):
            dir_fd = os.open(target.parent, os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def write_text_atomic(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_text(path, encoding=encoding) as handle:
        handle.write(text)
