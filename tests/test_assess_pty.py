"""The real `ekspor assess` in a pseudo-terminal, as an officer would use it.

One interview with back, help, an invalid answer re-asked, Ctrl-C, then `--resume` to the
end -- and the saved result must equal that of an uninterrupted run.  Plus `--lang en` and
Ctrl-D.  POSIX only (pexpect); the same loop runs on Windows through the piped tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import MINI

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty"),
]

ENTRY = "from ekspor_cli.cli.app import main; main()"
OPTIONAL = ["NIB", "Alamat", "Kota/Kabupaten", "Sektor/produk", "Kontak", "Petugas"]


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    criteria = tmp_path / "mini.yaml"
    criteria.write_text(MINI, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EKSPOR_")}
    env |= {
        "EKSPOR_DATA_DIR": str(tmp_path / "data"),
        "COLUMNS": "80",
        "LINES": "40",
        "TERM": "dumb",  # plain text: no colour codes between the words we look for
        "NO_COLOR": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    return criteria, env


def spawn(env: dict[str, str], *args: str) -> Any:
    child = pexpect.spawn(
        sys.executable,
        ["-c", ENTRY, *args],
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(40, 80),
    )
    child.delaybeforesend = None
    return child


def answer(child: Any, expected: str, line: str) -> None:
    child.expect_exact(expected)
    child.expect_exact("> ")
    child.sendline(line)


def profile(child: Any, name: str = "CV Maju") -> None:
    answer(child, "Nama usaha", name)
    answer(child, "Pemilik", "Bu Sri")
    for label in OPTIONAL:
        answer(child, label, "")
    answer(child, "Tanggal", "01-11-2026")


def finish(child: Any) -> int:
    child.expect_exact("Enter untuk selesai")
    child.sendline("")
    child.expect_exact("Laporan Kesiapan Ekspor")
    child.expect(pexpect.EOF)
    child.close()
    status: int = child.exitstatus
    return status


def result_of(data: Path) -> dict[str, Any]:
    (path,) = (data / "results").glob("*.json")
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("assessment")
    return doc


def test_interview_back_help_invalid_ctrl_c_and_resume(
    setup: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    criteria, env = setup
    child = spawn(env, "assess", "-c", str(criteria))
    profile(child)
    answer(child, "Bagian 1/2 · Pertanyaan 1/8", "1")
    answer(child, "Pertanyaan 2/9", "?")
    answer(child, "Perintah: < kembali", "mungkin")  # help shown, then an invalid answer
    answer(child, "'mungkin' bukan jawaban ya/tidak", "ya")  # re-asked with the reason
    answer(child, "Izin edar", "<")  # back ...
    answer(child, "jawaban sekarang: ya (Enter = tetap)", "")  # ... shows the answer; keep it
    answer(child, "Izin edar", "md")
    answer(child, "Kapasitas per bulan (kg)", "2.000")
    child.expect_exact("'2.000' dibaca sebagai 2000 (dua ribu). Benar?")
    child.sendline("")  # Enter confirms the Indonesian reading
    child.expect_exact("Volume pembeli per bulan (kg)")
    child.expect_exact("> ")
    child.sendintr()  # Ctrl-C mid-interview
    child.expect_exact("4 jawaban sudah tersimpan di draf")
    child.expect_exact("Lanjutkan dengan: ekspor assess --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    child = spawn(env, "assess", "--resume")
    child.expect_exact("Melanjutkan draf")
    answer(child, "Volume pembeli per bulan (kg)", "1000")
    child.expect_exact("Dihitung: Rasio kapasitas = 2")
    for label, line in [
        ("Bisa subkontrak?", "ya"),
        ("Sumber bahan baku", "1,2"),
        ("Konsistensi mutu", "5"),
        ("Catatan", "baik"),
    ]:
        answer(child, label, line)
    assert finish(child) == 0

    # The same answers in one uninterrupted (piped) run give the identical result.
    whole = dict(env, EKSPOR_DATA_DIR=str(tmp_path / "whole"))
    lines = ["CV Maju", "Bu Sri", *[""] * 6, "01-11-2026", "1", "ya", "md", "2000", "1000"]
    lines += ["ya", "1,2", "5", "baik", ""]
    piped = subprocess.run(
        [sys.executable, "-c", ENTRY, "assess", "-c", str(criteria)],
        input="".join(f"{line}\n" for line in lines),
        env=whole,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        check=False,
    )
    assert piped.returncode == 0, piped.stdout + piped.stderr
    assert result_of(tmp_path / "data") == result_of(tmp_path / "whole")


def test_english_interview_and_ctrl_d(setup: tuple[Path, dict[str, str]]) -> None:
    criteria, env = setup
    env = dict(env, TERM="xterm-256color")  # styled output must not get in the way
    env.pop("NO_COLOR")
    child = spawn(env, "assess", "-c", str(criteria), "--lang", "en")
    child.expect_exact("Business profile")
    child.expect_exact("Business name")
    child.sendline("UD Sejahtera")
    for _ in range(8):
        child.expect_exact("> ")
        child.sendline("")
    child.expect("Section 1/2 . Question 1/8")
    child.expect_exact("Processed food")
    child.expect_exact("> ")
    child.sendline("banana")
    child.expect_exact("is not one of the choices")
    child.sendline("wood")
    child.expect_exact("Has NIB?")
    child.expect_exact("> ")
    child.sendeof()  # Ctrl-D: the officer stops; nothing is lost
    child.expect_exact("Stopped. 1 answers are saved in draft")
    child.expect_exact("ekspor assess --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
