"""Turn chunks of input rows into output rows: input cells, result cells, error, line.

Why a module of its own: this is where "rows in = rows out" is kept.  A row with the wrong
number of fields cannot be scored but is written anyway (padded, its extra values quoted
in the error); a row with unreadable cells is written with every problem named (column,
value, what is allowed); both are listed for ``--errors`` with their line numbers and
counted in the summary.  Pure: no files, no terminal.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ..fastscore import CellProblem, ScoredChunk
from ..i18n import Lang
from .columns import ColumnPlan, column_name
from .reader import Chunk
from .results import ResultFormat
from .summary import Summary
from .workers import Scorer, Table

Output = tuple[list[float | None], list[Any], list[list[Any]]]  # scores, row units, problems
# (input records as read, input columns, result columns) -> output rows
Carry = Callable[[Sequence[str], Sequence[Sequence[Any]], Sequence[Sequence[Any]]], list[Any]]
# What to do with each scored chunk (``--save``): called with the rows as read and their
# scores, for the rows with the header's field count (the others are never scored).
Keep = Callable[[list[list[Any]], ScoredChunk], None]

_PROBLEMS_HEADER = {
    "id": ["baris", "kolom", "pertanyaan", "nilai", "masalah"],
    "en": ["line", "column", "question", "value", "problem"],
}


def problems_header(lang: Lang) -> list[str]:
    """Header of the ``--errors`` file: line, column, question, value, message."""
    return list(_PROBLEMS_HEADER[lang])


def _field_count_message(found: int, width: int, extra: Sequence[Any], lang: Lang) -> str:
    shown = ", ".join(f"'{str(v)[:30]}'" for v in extra[:5] if str(v) != "")
    if lang == "id":
        text = f"baris ini punya {found} kolom, judul punya {width}"
        if found > width:
            return (
                text
                + (f" (kelebihan: {shown})" if shown else "")
                + " -- cek pemisah atau tanda kutip"
            )
        return text + " -- ada pemisah yang hilang atau baris terpotong?"
    text = f"this row has {found} fields, the header has {width}"
    if found > width:
        return text + (f" (extra: {shown})" if shown else "") + " -- check delimiters and quotes"
    return text + " -- a missing delimiter, or a line break inside an unquoted cell?"


class ChunkWriter:
    """Scores chunks and lays out their output rows, counting everything in ``summary``.

    Work is column by column: the input's kept columns and the result columns go to the
    writer's ``units`` (which neutralises, quotes and joins them) as whole columns.
    """

    def __init__(
        self,
        plan: ColumnPlan,
        results: ResultFormat,
        scorer: Scorer,
        summary: Summary,
        *,
        lang: Lang = "id",
        id_column: int | None = None,
        blank: str | None = None,
        keep: Keep | None = None,
        units: Callable[[Sequence[Sequence[Any]]], list[Any]] = lambda columns: list(
            zip(*columns, strict=True)
        ),
        carry: Carry | None = None,
    ) -> None:
        self.plan = plan
        self.results = results
        self.scorer = scorer
        self.summary = summary
        self.lang: Lang = lang
        self.width = len(plan.header)
        self._kept = plan.kept()
        self._units = units
        # Input records written as read (CSV to CSV, same delimiter, every column kept).
        self._carry = carry if self._kept == list(range(self.width)) else None
        self._id = id_column
        self._empty = blank
        self._keep = keep
        self._blank = [blank] * len(results.columns())
        self._column_of = {key: column_name(plan.header, i) for key, i in plan.questions.items()}
        self._seq = 0

    def run(self, chunks: Iterable[Chunk]) -> Iterator[Output]:
        """Output rows per chunk, in input order."""
        for context, scored in self.scorer.map(map(self._prepare, chunks)):
            yield self._finish(context, scored)

    def _prepare(self, chunk: Chunk) -> tuple[Any, Table]:
        lines, rows, texts = chunk
        width = self.width
        lengths = list(map(len, rows))
        good: list[int] | None = None
        if not (min(lengths) == max(lengths) == width):
            good = [pos for pos, n in enumerate(lengths) if n == width]
        kept = rows if good is None else [rows[pos] for pos in good]
        table = list(zip(*kept, strict=True)) if kept else [()] * width
        return (lines, rows, texts, good, table), table

    def _finish(self, context: Any, scored: ScoredChunk) -> Output:
        lines, rows, texts, good, table = context
        good_lines = lines if good is None else [lines[pos] for pos in good]
        columns = self.results.chunk_columns(scored)
        errors = [""] * scored.size
        problems: list[list[Any]] = []
        scores: list[float | None] = list(scored.score)
        for pos in sorted(scored.problems):
            for column in columns:
                column[pos] = self._empty
            scores[pos] = None
            errors[pos] = self._describe(scored.problems[pos], good_lines[pos], problems)
        if self._keep is not None:
            self._keep(rows if good is None else [rows[pos] for pos in good], scored)
        names = table[self._id] if self._id is not None else good_lines
        self.summary.add(scored, good_lines, names, self._seq)
        self._seq += len(rows)
        inputs = [table[i] for i in self._kept]
        shown = good_lines if self._empty is None else list(map(str, good_lines))  # CSV: text
        if self._carry is not None and texts is not None:
            good_texts = texts if good is None else [texts[pos] for pos in good]
            out = self._carry(good_texts, inputs, [*columns, errors, shown])
        else:
            out = self._units([*inputs, *columns, errors, shown])
        if good is not None:
            out, scores = self._merge(lines, rows, good, out, scores, problems)
        return scores, out, problems

    def _describe(self, found: list[CellProblem], line: int, problems: list[list[Any]]) -> str:
        texts = []
        for problem in found:
            column = self._column_of.get(problem.question, "")
            problems.append([line, column, problem.question, problem.value, problem.message])
            message = problem.message
            if problem.value and f"'{problem.value}'" not in message:
                message = f"'{problem.value}': {message}"  # always name the value
            texts.append(f"{column}: {message}" if column else message)
        return "; ".join(texts)

    def _merge(
        self,
        lines: list[int],
        rows: list[list[Any]],
        good: list[int],
        out: list[Sequence[Any]],
        scores: list[float | None],
        problems: list[list[Any]],
    ) -> tuple[list[Sequence[Any]], list[float | None]]:
        """Put the rows with a wrong field count back in their places, with their error."""
        width = self.width
        merged: list[Sequence[Any]] = []
        merged_scores: list[float | None] = []
        scored = iter(zip(out, scores, strict=True))
        good_set = set(good)
        bad = 0
        for pos, row in enumerate(rows):
            if pos in good_set:
                cells, score = next(scored)
                merged.append(cells)
                merged_scores.append(score)
                continue
            bad += 1
            message = _field_count_message(len(row), width, row[width:], self.lang)
            extra = "; ".join(str(v) for v in row[width:] if str(v) != "")
            problems.append([lines[pos], "", "", extra[:200], message])
            padded = list(row[:width]) + [""] * (width - len(row))
            inputs = [padded[i] for i in self._kept]
            cells = [*inputs, *self._blank, message, lines[pos]]
            merged.extend(self._units([[cell] for cell in cells]))
            merged_scores.append(None)
        problems.sort(key=operator.itemgetter(0))
        self.summary.rows_read += bad
        self.summary.rows_with_errors += bad
        self.summary.problems += bad
        return merged, merged_scores
