"""How long the officer waits: Enter -> next prompt in `ekspor assess`, and `ekspor --help`.

Run from the repository root::

    python benchmarks/bench_interview.py            # 5 interviews, 10 --help runs
    python benchmarks/bench_interview.py --runs 20 --help-runs 30

Enter -> next prompt is measured on the real interview loop (``Session``) over the
bundled criteria: parsing the line, the state machine, skip logic, the atomic draft save
(with fsync) and rendering the next question to an 80-column terminal -- everything that
happens between the officer pressing Enter and the next prompt appearing.  Only reading
the keyboard is replaced by a list of lines.  ``--help`` is timed as a fresh process,
like a user typing it, and we check that it does not import pydantic or PyYAML.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rich.console import Console

from ekspor_cli import load_bundled_criteria
from ekspor_cli.answers import AnswerReader
from ekspor_cli.cli.assess_persist import Autosave
from ekspor_cli.cli.assess_session import Session
from ekspor_cli.cli.draft_store import DraftStore
from ekspor_cli.interview import Interview
from ekspor_cli.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)

ENTRY = "from ekspor_cli.cli.app import main; main()"


class TimedLines:
    """Stands in for the keyboard: returns the next line, timing the gap between prompts."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = iter(lines)
        self.interactive = False
        self.lines_read = 0
        self.gaps_ms: list[float] = []
        self._entered: float | None = None

    def ask(self, prompt: object) -> str:
        now = time.perf_counter()
        if self._entered is not None:
            self.gaps_ms.append((now - self._entered) * 1000)
        line = next(self.lines)
        self.lines_read += 1
        self._entered = time.perf_counter()  # the officer presses Enter now
        return line


def answer_for(iv: Interview) -> list[str]:
    """Plausible typed lines for the current question (1.500 triggers a confirmation)."""
    step = iv.current
    assert step is not None
    q = iv.info(step).question
    if isinstance(q, YesNoQuestion):
        lines = ["ya"]
    elif isinstance(q, SingleChoiceQuestion):
        lines = ["1"]
    elif isinstance(q, MultipleChoiceQuestion):
        lines = ["1,2"]
    elif isinstance(q, ScaleQuestion):
        lines = [str(q.max)]
    elif isinstance(q, NumberQuestion):
        top = q.max if q.max is not None else 10_000
        lines = ["1.500", ""] if top >= 1500 and not q.integer else [str(int(min(top, 12)))]
    elif isinstance(q, TextQuestion):
        lines = ["keripik singkong"]
    else:
        lines = ["lewati"]
    return lines


def script() -> list[str]:
    """Every line of one interview over the bundled criteria, found by dry-running it."""
    criteria = load_bundled_criteria()
    reader = AnswerReader(criteria)
    iv = Interview(criteria)
    lines = ["CV Maju", "Bu Sri", "", "Jl. Mawar 1", "Kediri", "Keripik", "0812", "Budi", ""]
    for line in lines:
        iv.set_profile(iv.current.key, line or "x")  # type: ignore[union-attr]
    while iv.current is not None:
        typed = answer_for(iv)
        value = reader.read(iv.current.key, typed[0])
        lines += typed
        if iv.needs_evidence(iv.current, value):
            lines.append("ya")  # the document was seen
        iv.answer(value)
    return [*lines, ""]


def interview_latency(runs: int) -> tuple[list[float], list[float]]:
    """Enter -> next prompt for every prompt, and the draft-save part of each answer."""
    criteria = load_bundled_criteria()
    lines = script()
    gaps: list[float] = []
    saves: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            console = Console(file=io.StringIO(), width=80, force_terminal=True)
            iv = Interview(criteria)
            store = DraftStore(Path(folder))
            autosave = Autosave(store, criteria, iv, "id", None, None, console)

            def save(autosave: Autosave = autosave) -> None:
                start = time.perf_counter()
                autosave.save()
                saves.append((time.perf_counter() - start) * 1000)

            timed = TimedLines(lines)
            session = Session(
                console,
                timed,  # type: ignore[arg-type]
                iv,
                AnswerReader(criteria),
                "id",
                save,
                date.today(),
            )
            assert session.run() == "finish"
            gaps += timed.gaps_ms
    return gaps, saves


def help_startup(runs: int) -> tuple[list[float], list[float], str]:
    def timed(args: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=True)
        return (time.perf_counter() - start) * 1000

    help_ms = [timed([sys.executable, "-c", ENTRY, "--help"]) for _ in range(runs)]
    bare_ms = [timed([sys.executable, "-c", "pass"]) for _ in range(runs)]
    probe = (
        "import sys; sys.argv = ['ekspor', '--help']\n"
        "from ekspor_cli.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'yaml', 'openpyxl', 'jinja2') if m in sys.modules]\n"
        "print(','.join(heavy) or 'none', file=sys.stderr)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stderr.strip()
    return help_ms, bare_ms, found


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="interviews to time")
    parser.add_argument("--help-runs", type=int, default=10, help="`ekspor --help` runs")
    args = parser.parse_args()

    gaps, saves = interview_latency(args.runs)
    print(f"Enter -> next prompt, bundled criteria, {len(gaps)} prompts in {args.runs} interviews")
    print(
        f"  median {statistics.median(gaps):.2f} ms   p95 {p95(gaps):.2f} ms   "
        f"max {max(gaps):.2f} ms   (everything, including the draft save)"
    )
    print(
        f"  of which the atomic, fsynced draft save: median {statistics.median(saves):.2f} ms"
        f"   p95 {p95(saves):.2f} ms   ({len(saves)} saves; depends on the disk)"
    )
    help_ms, bare_ms, heavy = help_startup(args.help_runs)
    print(f"`ekspor --help`, fresh process, {args.help_runs} runs")
    print(
        f"  median {statistics.median(help_ms):.0f} ms   p95 {p95(help_ms):.0f} ms   "
        f"(python -c pass: median {statistics.median(bare_ms):.0f} ms)"
    )
    print(f"  heavy modules imported by --help: {heavy}")


if __name__ == "__main__":
    main()
