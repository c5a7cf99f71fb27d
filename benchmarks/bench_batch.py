"""Benchmark `ekspor batch` against a plain csv.reader -> csv.writer pass-through.

Why a script and not a timed test: speed depends on the machine; what is comparable is the
ratio to a pass-through of the same file in the same run (issue #4: at least 30 % of the
pass-through's rows/s on one core, with peak memory that does not grow with the rows).

    python benchmarks/bench_batch.py --rows 100000
    python benchmarks/bench_batch.py --rows 1000000 --keep /tmp/bench.csv

It writes a seeded synthetic CSV (about 40 answer columns of the bundled criteria plus a
few profile columns, with the messy values office files really hold: ``Ya``, ``T``,
``1.500``, ``Rp 2 jt``, choice labels, ``-``, ``N/A``, blanks, a few invalid cells), then
measures, in this order:

1. pass-through: ``csv.reader`` -> ``csv.writer`` of the same file (the baseline);
2. ``ekspor batch`` in-process (:func:`ekspor_cli.batch.run.run_batch`), rows/s;
   (1 and 2 alternate for ``--rounds`` rounds; the median and best ratio are reported)
3. ``ekspor batch`` in a subprocess, for peak memory (``ru_maxrss`` of the child).

Rows are drawn from a few business profiles (a latent "maturity" per row) plus noise,
because real lists are like that; ``--uniform`` draws every cell independently instead,
the worst case for the memoised scorer.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ekspor_cli import load_bundled_criteria
from ekspor_cli.criteria import Criteria, QuestionInfo
from ekspor_cli.expr import names
from ekspor_cli.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)

ANSWER_COLUMNS = 40
YES = ["Ya", "ya", "YA", "Y", "1", "Sudah", "ada", "ya "]
NO = ["T", "Tidak", "tidak", "0", "Belum", "N", "tdk"]
BLANK = ["", "", "", "-", "N/A", " "]
NAMES = ["Maju", "Berkah", "Sumber Rejeki", "Sari", "Jaya", "Mandiri", "Lestari", "Makmur"]
PRODUCTS = ["keripik tempe", "gula semut", "kopi bubuk", "meja jati", "tas anyaman", "batik tulis"]
PLACES = ["Mojoroto", "Kota", "Pesantren", "Ngasem", "Gurah", "Pare", "Kandat", "Wates"]
INVALID = ["Yess", "12 kg", "??", "lima", "1.50.0", "abc"]


def _pick_questions(criteria: Criteria) -> list[QuestionInfo]:
    """About 40 input questions: everything conditions depend on, then in asking order."""
    inputs = [i for i in criteria.questions if i.question.type != "derived"]
    needed: set[str] = set()
    for info in criteria.questions:
        for node in (info.when_node, info.derive_node):
            if node is not None:
                needed.update(names(node))
    chosen = [i for i in inputs if i.key in needed or i.question.required]
    for info in inputs:
        if len(chosen) >= ANSWER_COLUMNS:
            break
        if info not in chosen:
            chosen.append(info)
    return sorted(chosen, key=lambda i: i.index)


def _header(info: QuestionInfo, rng: random.Random) -> str:
    """Headers as offices write them: keys, labels or aliases, in any case."""
    q = info.question
    options = [q.key, q.label.id, *q.aliases]
    name = rng.choice(options)
    return name.upper() if rng.random() < 0.1 else name


def _number_text(value: float, rng: random.Random) -> str:
    if value >= 1000 and rng.random() < 0.5:
        return f"{int(value):,}".replace(",", ".")  # 1.500 (Indonesian thousands)
    if not float(value).is_integer():
        return f"{value:.1f}".replace(".", ",")  # 2,5
    return str(int(value))


def _cell(info: QuestionInfo, maturity: float, rng: random.Random) -> str:
    q = info.question
    roll = rng.random()
    if q.required:
        roll += 0.1  # offices fill in the mandatory columns
    if roll < 0.06:
        return rng.choice(BLANK)
    if roll < 0.075 and q.allow_dont_know:
        return "tidak tahu"
    if roll < 0.076:
        return rng.choice(INVALID)
    good = rng.random() < maturity
    if isinstance(q, YesNoQuestion):
        ready = q.ready == "yes"
        return rng.choice(YES if good == ready else NO)
    if isinstance(q, SingleChoiceQuestion):
        ranked = sorted(q.choices, key=lambda c: -(c.points or 0))
        choice = ranked[0] if good else rng.choice(ranked)
        form = rng.random()
        if form < 0.35:
            return choice.key
        if form < 0.75:
            return choice.label.id
        return str(q.choices.index(choice) + 1)
    if isinstance(q, MultipleChoiceQuestion):
        real = [c for c in q.choices if not c.exclusive and (c.points or 0) > 0]
        picked = [c for c in real if rng.random() < maturity * 0.7]
        if not picked:
            none = [c for c in q.choices if (c.points or 0) == 0]
            return _name(none[0].label.id, none[0].key, rng) if none else ""
        sep = rng.choice(["; ", ", ", ";"])
        return sep.join(_name(c.label.id, c.key, rng) for c in picked)
    if isinstance(q, ScaleQuestion):
        point = q.max if good else rng.randint(q.min, q.max)
        label = q.labels.get(point)
        return label.id if label is not None and rng.random() < 0.3 else str(point)
    if isinstance(q, NumberQuestion):
        return _number_text(_number(q, good, rng), rng)
    if isinstance(q, TextQuestion):
        return rng.choice(PRODUCTS) if q.key != "satuan" else rng.choice(["kg", "pcs", "liter"])
    return ""


def _name(label: str, key: str, rng: random.Random) -> str:
    """A choice as typed in a multi-choice cell: its label unless that holds a separator."""
    plain = not any(sep in label for sep in ",;/|")
    return label if plain and rng.random() < 0.5 else key


def _number(q: NumberQuestion, good: bool, rng: random.Random) -> float:
    if q.bands:
        top = q.bands[-1].min
        span = max(top * 2, 4)
        value = float(rng.randint(int(top), int(span))) if good else rng.uniform(0, span)
        whole = q.integer or value >= 10 or rng.random() < 0.7
        value = round(value) if whole else round(value, 1)
    else:
        value = float(rng.choice([50, 100, 250, 500, 1000, 1500, 2000, 5000, 12000, 25000]))
    low = q.min if q.min is not None else 0
    high = q.max if q.max is not None else value
    return float(min(max(value, low), high))


def _phone(rng: random.Random) -> str:
    """WhatsApp numbers as lists hold them: mostly 08..., some 62..., a few +62 ..."""
    number = f"812{rng.randint(1000000, 9999999)}"
    roll = rng.random()
    if roll < 0.7:
        return "0" + number
    return "62" + number if roll < 0.9 else f"+62 {number[:3]}-{number[3:7]}-{number[7:]}"


def generate(path: Path, rows: int, seed: int = 4, *, uniform: bool = False) -> list[str]:
    """Write the synthetic CSV; returns its header."""
    rng = random.Random(seed)
    criteria = load_bundled_criteria()
    questions = _pick_questions(criteria)
    header = ["No", "Nama usaha", "Kecamatan", "Telepon"] + [_header(i, rng) for i in questions]
    profiles = [0.15, 0.35, 0.55, 0.75, 0.9]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(1, rows + 1):
            maturity = rng.random() if uniform else rng.choice(profiles)
            writer.writerow(
                [
                    str(n),
                    f"UD {rng.choice(NAMES)} {n}",
                    rng.choice(PLACES),
                    _phone(rng),
                    *(_cell(info, maturity, rng) for info in questions),
                ]
            )
    return header


def pass_through(source: Path, target: Path) -> int:
    """The baseline: read every record and write it back, nothing else."""
    count = 0
    with (
        source.open(encoding="utf-8", newline="") as fin,
        target.open("w", encoding="utf-8", newline="") as fout,
    ):
        writer = csv.writer(fout)
        for row in csv.reader(fin):
            writer.writerow(row)
            count += 1
    return count - 1


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def in_process(source: Path, target: Path) -> None:
    from ekspor_cli.batch.run import BatchOptions, run_batch

    run_batch(BatchOptions(input=source, output=target), load_bundled_criteria())


def peak_rss_mib(source: Path, target: Path, jobs: int = 1) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of `ekspor batch` run as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    command = [sys.executable, "-c", "from ekspor_cli.cli.app import main; main()"]
    command += ["batch", str(source), "-o", str(target)]
    command += ["--quiet", "--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"ekspor batch failed ({done.returncode}):\n{done.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:
        print("note: peak RSS of the child is not above an earlier child's", file=sys.stderr)
    return seconds, peak / 1024  # ru_maxrss is in KiB on Linux


def say(text: str) -> None:
    print(text, flush=True)  # progress shows in logs too


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--uniform", action="store_true", help="independent random cells")
    parser.add_argument("--jobs", type=int, default=1, help="also time --jobs N (subprocess)")
    parser.add_argument("--keep", type=Path, help="keep the generated CSV at this path")
    parser.add_argument("--no-subprocess", action="store_true", help="skip the RSS run")
    parser.add_argument("--rounds", type=int, default=3, help="pass-through/batch pairs to time")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = args.keep or folder / "input.csv"
        seconds = timed(lambda: generate(source, args.rows, args.seed, uniform=args.uniform))
        size = source.stat().st_size / 2**20
        say(f"input: {args.rows:,} rows, {size:,.1f} MiB (generated in {seconds:.1f} s)")

        # Rounds alternate the two, so a busy moment of a shared machine hits both alike.
        ratios = []
        for round_ in range(1, args.rounds + 1):
            base = timed(lambda: pass_through(source, folder / "copy.csv"))
            ours = timed(lambda: in_process(source, folder / "scored.csv"))
            ratios.append((base / ours, args.rows / base, args.rows / ours))
            say(
                f"round {round_}: pass-through {args.rows / base:>9,.0f} rows/s, "
                f"ekspor batch (in-process, 1 core) {args.rows / ours:>8,.0f} rows/s "
                f"= {base / ours:.0%} of pass-through"
            )
        ratios.sort()
        best, median = ratios[-1], ratios[len(ratios) // 2]
        say(
            f"ekspor batch / pass-through over {args.rounds} round(s): "
            f"median {median[0]:.0%} ({median[2]:,.0f} vs {median[1]:,.0f} rows/s), "
            f"best {best[0]:.0%}"
        )
        if not args.no_subprocess:
            seconds, peak = peak_rss_mib(source, folder / "scored-sub.csv")
            say(
                f"ekspor batch (subprocess):             {seconds:7.2f} s  peak RSS {peak:,.0f} MiB"
            )
            if args.jobs > 1:
                seconds, peak = peak_rss_mib(source, folder / "scored-jobs.csv", args.jobs)
                say(
                    f"ekspor batch --jobs {args.jobs} (subprocess):    {seconds:7.2f} s"
                    f"  peak RSS {peak:,.0f} MiB (main process only)"
                )


if __name__ == "__main__":
    main()
