"""Batch scoring of business lists: ``ekspor batch`` and ``ekspor template`` as a library.

    from pathlib import Path
    from ekspor_cli import load_bundled_criteria
    from ekspor_cli.batch import BatchOptions, run_batch
    report = run_batch(BatchOptions(input=Path("daftar.csv"), output=Path("hasil.csv")),
                       load_bundled_criteria())
    print(report.summary.to_dict()["rows"], report.exit_code)

Modules, one job each: :mod:`.options` (what a run can be told), :mod:`.files` (opening
inputs and atomic outputs), :mod:`.sniff` (encoding and delimiter), :mod:`.reader` (rows
with line numbers), :mod:`.columns` (header -> question), :mod:`.scorer`,
:mod:`.tables`, :mod:`.dimensions` (the fast scorer), :mod:`.results` (the result
columns, shared with ``ekspor export``), :mod:`.rows` (output rows, errors, rows in = rows
out), :mod:`.writer` (CSV/xlsx/JSON Lines, formula neutralisation), :mod:`.ranking`
(``--sort``/``--top``), :mod:`.summary`, :mod:`.template`, :mod:`.workers` (``--jobs``),
:mod:`.save` (``--save``), :mod:`.run` (the orchestration).  Names are imported on
first use, so ``import ekspor_cli.batch`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BatchOptions",
    "BatchReport",
    "ResultFormat",
    "result_cells",
    "result_columns",
    "run_batch",
]

_HOMES = {
    "BatchOptions": "options",
    "BatchReport": "run",
    "run_batch": "run",
    "ResultFormat": "results",
    "result_cells": "results",
    "result_columns": "results",
}


def __getattr__(name: str) -> Any:
    module = _HOMES.get(name)
    if module is None:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
