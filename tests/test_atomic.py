"""Atomic writes: the old file survives any failure, and no temp file is left behind."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from ekspor_cli.atomic import atomic_text, write_text_atomic
from ekspor_cli.errors import OutputError


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_text_atomic(target, "a\n")
    write_text_atomic(target, "b\n")
    assert target.read_text(encoding="utf-8") == "b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failure_midway_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_text(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_ctrl_c_midway_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_text(target) as handle:
        handle.write("partial")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old\n"
    assert len(list(tmp_path.iterdir())) == 1


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        write_text_atomic(blocker / "sub" / "out.csv", "x")
    assert "cannot write in" in info.value.message


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_new_files_get_ordinary_permissions_not_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_text_atomic(target, "<p>x</p>")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_replacing_keeps_the_existing_mode(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640
