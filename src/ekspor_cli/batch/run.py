"""``ekspor batch``: score every row of a CSV or Excel list and write it back with results.

The orchestration: files are opened by :mod:`.files`, everything else it calls is pure.
Rows stream through in chunks: read, score column-wise
(:class:`~ekspor_cli.fastscore.FastScorer`), format, write to a temporary file that
replaces the output only when complete (:mod:`ekspor_cli.atomic`).  Memory stays flat in
the number of rows, except with ``--sort`` (16 bytes a row; the rows themselves wait in a
temporary file) and ``--top N`` (N rows).  Every row read is written -- scored, or with
its error -- and counted in the summary; ``--jobs N`` scores chunks in N processes and
writes exactly the same bytes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..criteria import Criteria
from ..errors import ExitCode, InputError
from ..parsing import fold
from .columns import ColumnPlan, match_columns
from .files import (
    open_input,
    open_output,
    open_problems,
    open_source,
    read_map,
    write_summary,
)
from .options import BatchOptions, display_name, resolve
from .ranking import SortedSpool, TopRows
from .results import ResultFormat
from .rows import Carry, ChunkWriter, Keep, problems_header
from .scorer import FastScorer
from .summary import Summary
from .workers import Scorer, local_scorer, pool_scorer
from .writer import XLSX_CELL_LIMIT, CsvSink, format_for

__all__ = ["ERROR_COLUMN", "LINE_COLUMN", "BatchOptions", "BatchReport", "run_batch"]

ERROR_COLUMN = "ekspor_error"
LINE_COLUMN = "ekspor_line"
Progress = Callable[[int, float], None]  # (rows done, share of the input read)
Keeper = Callable[[ColumnPlan], Keep]  # the ``keep`` hook for a run's columns (``--save``)


@dataclass
class BatchReport:
    """What happened: the summary (with its notes for the user) and the exit code."""

    summary: Summary
    exit_code: ExitCode


def run_batch(
    options: BatchOptions,
    criteria: Criteria,
    *,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    progress: Progress | None = None,
    keep: Keeper | None = None,
) -> BatchReport:
    """Score ``options.input`` into ``options.output``; raise :class:`InputError` or
    :class:`~ekspor_cli.errors.OutputError` when the run cannot start or finish."""
    mapping = read_map(options.map_file) if options.map_file else None
    summary = Summary(criteria, options.lang)
    with contextlib.ExitStack() as stack:
        stack.enter_context(_quiet_collector())
        stream, total = open_input(options, stack, stdin)
        source = open_source(options, stream, criteria)
        summary.input = {"name": display_name(options.input), "format": source.kind}
        summary.input |= {"encoding": source.encoding.label, "delimiter": source.delimiter}
        if source.encoding.warning:
            summary.notes.append(source.encoding.warning)
        fmt_name = format_for(display_name(options.output), options.format)
        options = resolve(options, source.delimiter, fmt_name)
        numbers = "float" if fmt_name != "csv" else options.output_decimal
        results = ResultFormat(criteria, lang=options.lang, gaps=options.gaps, numbers=numbers)  # type: ignore[arg-type]
        ours = [*results.columns(), ERROR_COLUMN, LINE_COLUMN]
        plan = match_columns(source.header, criteria, mapping, result_names=ours)
        summary.notes += plan.notes
        _note_unanswered(plan, summary)
        header = [source.header[i] for i in plan.kept()] + ours
        sink = open_output(options, fmt_name, stack, stdout)
        problems_sink = open_problems(options, stack)
        scorer = _scorer(options, criteria, plan, stack)
        chunks = ChunkWriter(
            plan,
            results,
            scorer,
            summary,
            lang=options.lang,
            id_column=_id_column(options, plan),
            blank=sink.blank,
            keep=keep(plan) if keep is not None else None,
            units=sink.units,
            carry=_carry(sink, source.delimiter),
        )
        sink.write_header(header)
        if problems_sink is not None:
            problems_sink.write_header(problems_header(options.lang))
        ranked = (
            TopRows(options.top)
            if options.top is not None
            else SortedSpool()
            if options.sort
            else None
        )
        for scores, rows, problems in chunks.run(source.chunks(options.chunk_rows)):
            if ranked is None:
                sink.write_units(rows)
            else:
                ranked.add(scores, rows)
            if problems_sink is not None:
                problems_sink.write_rows(problems)
            if progress is not None:
                progress(summary.rows_read, source.tell_fraction(total))
        if ranked is not None:
            sink.write_units(ranked.rows())
        summary.blank_rows = source.blank_rows
        summary.rows_written = (
            summary.rows_read if options.top is None else min(options.top, summary.rows_scored)
        )
        sink.close()
        cut = getattr(sink, "truncated", 0)
        if cut:
            summary.notes.append(
                f"{cut} cell(s) longer than {XLSX_CELL_LIMIT:,} characters, Excel's limit, "
                "were cut to fit (ending in '…'); write CSV to keep them whole"
            )
    if options.summary is not None:
        write_summary(options.summary, summary)
    code = ExitCode.ROWS_WITH_ERRORS if summary.rows_with_errors else ExitCode.OK
    return BatchReport(summary, code)


@contextlib.contextmanager
def _quiet_collector() -> Iterator[None]:
    """Scoring allocates many short-lived tuples and keeps large, long-lived memo tables;
    the cyclic garbage collector would keep rescanning them (about 2 % of the run, after
    the tables are frozen out of its scans).  Batch scoring makes no reference cycles --
    everything it allocates is freed by reference counting, which a test checks -- so the
    collector is paused for the run, and resumed (and the frozen objects released)
    afterwards."""
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.unfreeze()


def _carry(sink: object, delimiter: str) -> Carry | None:
    """CSV records can be written as read when the output is CSV with their delimiter."""
    if isinstance(sink, CsvSink) and sink.delimiter == delimiter:
        return sink.carried_units
    return None


def _note_unanswered(plan: ColumnPlan, summary: Summary) -> None:
    if plan.unanswered:
        shown = ", ".join(plan.unanswered[:6]) + (" ..." if len(plan.unanswered) > 6 else "")
        summary.notes.append(
            f"{len(plan.unanswered)} question(s) have no column and count as not answered "
            f"(see the coverage column): {shown}"
        )
    summary.input["columns"] = {"questions": len(plan.questions), "carried": len(plan.unknown)}


def _id_column(options: BatchOptions, plan: ColumnPlan) -> int | None:
    """The column that names a business in the summary's top list."""
    if options.id_column:
        for index, name in enumerate(plan.header):
            if fold(name) == fold(options.id_column):
                return index
        raise InputError(
            f"--id-column: no column named '{options.id_column}'",
            "columns: " + ", ".join(h for h in plan.header[:12] if h),
        )
    named = [i for i in plan.unknown if plan.header[i]]
    return named[0] if named else None


def _scorer(
    options: BatchOptions, criteria: Criteria, plan: ColumnPlan, stack: contextlib.ExitStack
) -> Scorer:
    columns = dict(plan.questions)
    if options.jobs == 1:
        return local_scorer(
            FastScorer(criteria, columns, decimal=options.decimal, lang=options.lang)
        )
    return stack.enter_context(
        pool_scorer(
            criteria, columns, decimal=options.decimal, lang=options.lang, jobs=options.jobs
        )
    )
