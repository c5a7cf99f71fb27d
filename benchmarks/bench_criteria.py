"""How long a criteria file takes to load: our safe YAML loader against plain libyaml.

Why a script and not a timed test: the time depends on the machine; what is comparable is
the ratio to a baseline measured in the same run.  Program managers edit criteria files
and run ``ekspor criteria check`` again and again, and every ``ekspor`` command loads the
criteria first, so loading must stay a small fraction of a second even for a large file.

    python benchmarks/bench_criteria.py                  # 200 questions, 20 runs
    python benchmarks/bench_criteria.py --questions 500 --runs 10

It generates a criteria-shaped YAML file (10 dimensions, choice questions with four options
each, help texts, tags) and reports, best of ``--runs``:

1. baseline: ``yaml.load`` with libyaml's ``CSafeLoader`` (or the pure-Python
   ``SafeLoader`` when PyYAML has no libyaml): plain data, no positions, no checks;
2. :func:`ekspor_cli.yamlsafe.load_yaml`: the same parse plus duplicate-key, depth, size
   and alias checks and a ``file:line:column`` for every value, and the ratio to (1);
3. :func:`ekspor_cli.load_bundled_criteria`: the bundled criteria, read, validated and
   compiled -- what every command pays before its first output.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import yaml

from ekspor_cli import load_bundled_criteria
from ekspor_cli.yamlsafe import load_yaml


def criteria_text(questions: int) -> str:
    """A criteria-shaped YAML document with ``questions`` questions in 10 dimensions."""
    out = ["version: 1", "dimensions:"]
    for d in range(10):
        out += [f"  - key: dim_{d}", f"    label: Dimensi {d}", "    weight: 10", "    questions:"]
        for q in range(questions // 10):
            out += [
                f"      - key: q_{d}_{q}",
                f'        text: "Apakah usaha Anda sudah memiliki dokumen {q}?"',
                "        type: choice",
                "        weight: 2.5",
                "        required: true",
                "        help: >-",
                "          Penjelasan tentang pertanyaan ini.",
                "        options:",
            ]
            for o in range(4):
                out += [
                    f"          - value: opt{o}",
                    f"            label: Pilihan {o}",
                    f"            score: {o * 25}",
                ]
            out += ['        gap: "Lengkapi dokumen"', "        tags: [legal, dokumen]"]
    return "\n".join(out) + "\n"


def best_ms(func: Callable[[], object], runs: int) -> float:
    """The fastest of ``runs`` calls, in milliseconds (after one warm-up call)."""
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times) * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    text = criteria_text(args.questions)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    print(
        f"input: {args.questions} questions, {len(text.splitlines()):,} lines, "
        f"{len(text.encode('utf-8')) / 1024:.0f} KiB; baseline loader {loader.__name__}"
    )
    base = best_ms(lambda: yaml.load(text, Loader=loader), args.runs)  # a safe loader
    ours = best_ms(lambda: load_yaml(text, "c.yaml"), args.runs)
    print(f"plain yaml.load:           {base:7.1f} ms")
    print(f"ekspor load_yaml:          {ours:7.1f} ms = {ours / base:.1f}x the plain load")
    bundled = best_ms(load_bundled_criteria, max(1, args.runs // 4))
    print(f"bundled criteria, loaded, validated and compiled: {bundled:.1f} ms")


if __name__ == "__main__":
    main()
