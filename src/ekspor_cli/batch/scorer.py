"""The fast batch scorer: raw cells in, a :class:`~ekspor_cli.fastscore.ScoredChunk` out.

Why column by column: a chunk of rows is transposed once, then each question's column of
cells goes through one table lookup per cell (``cell -> class``), each ``when:`` group
through one lookup keyed by the values it reads, and the rest through
:class:`~ekspor_cli.batch.tables.Tables`.  Misses -- a cell, a combination seen for the
first time -- are computed by the engine's own code (:class:`~ekspor_cli.answers.AnswerReader`,
the compiled expressions) and remembered in bounded tables.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from functools import partial
from itertools import compress
from typing import Any

from .. import expr
from ..answers import AnswerReader, problem_text
from ..criteria import Criteria
from ..errors import AnswerError, clip
from ..fastscore import CellProblem, RowScore, ScoredChunk, fill_misses, memo_put, positions
from ..i18n import Lang
from ..model import DerivedQuestion, TextQuestion
from ..parsing import Decimal
from ..scoring import plan_for
from .tables import AnswerClass, Tables
from .writer import unneutralise

_CACHE_LIMIT = 8192  # distinct cells remembered per column
_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)


class FastScorer:
    """Criteria compiled for scoring raw rows; ``columns`` maps question key -> cell index.

    :meth:`score_rows` returns, per row, a :class:`~ekspor_cli.fastscore.RowScore` or the
    :class:`~ekspor_cli.fastscore.CellProblem` list that stops it (every unreadable cell;
    required questions left blank).  Questions with no column count as not answered;
    derived questions are always computed.  Tables are bounded, so memory stays flat.
    """

    def __init__(
        self,
        criteria: Criteria,
        columns: Mapping[str, int],
        *,
        decimal: Decimal = "auto",
        lang: Lang = "id",
    ) -> None:
        self.plan = plan = plan_for(criteria)
        self.reader = AnswerReader(criteria, decimal)
        self.lang: Lang = lang
        steps = plan.steps
        self._keys = tuple(s.info.key for s in steps)
        index = {k: i for i, k in enumerate(self._keys)}
        self.tables = Tables(plan, index)
        self._compile_events(index)
        # Values that conditions, derived values and knock-out conditions read.
        self._valued = {j for *_, deps, _, _ in self._events for j in deps}
        self._valued |= self.tables.ko_inputs
        self._cols: list[int | None] = []
        self._inert: list[tuple[int, int, int]] = []  # text nobody reads: (step, column, limit)
        for i, step in enumerate(steps):
            q = step.info.question
            col = None if isinstance(q, DerivedQuestion) else columns.get(q.key)
            inert = not (i in self._valued or q.required or q.knockout)
            if col is not None and isinstance(q, TextQuestion) and inert:
                self._inert.append((i, col, q.max_length))
                col = None
            self._cols.append(col)
        self._width = max(columns.values(), default=-1) + 1
        self._classes: list[dict[object, AnswerClass]] = [{} for _ in steps]
        self._values: list[dict[object, object]] = [{} for _ in steps]
        self._errors: list[dict[object, CellProblem]] = [{} for _ in steps]
        self._required = [
            i
            for i, s in enumerate(steps)
            if s.info.question.required and not isinstance(s.info.question, DerivedQuestion)
        ]

    def _compile_events(self, index: Mapping[str, int]) -> None:
        """``when:`` groups (by the answers they read) and derived values, in asking order.

        A condition only reads earlier questions, so when a group is reached the values it
        reads are final; keying its table on those values alone keeps the hit rate high.
        """

        def deps(node: expr.Node | None) -> tuple[int, ...]:
            return tuple(index[n] for n in expr.names(node)) if node is not None else ()

        groups: dict[tuple[int, ...], list[int]] = {}
        # Questions asked under the same condition are hidden together: one is judged.
        self._same_when: dict[int, list[int]] = {}
        first: dict[str, int] = {}
        for i, step in enumerate(self.plan.steps):
            if step.info.when is not None:
                judged = first.setdefault(step.info.question.when or "", i)
                if judged == i:
                    groups.setdefault(deps(step.info.when_node), []).append(i)
                self._same_when.setdefault(judged, []).append(i)
        # (position, 0 = conditions / 1 = derived value, steps read, judged, table)
        self._events: list[tuple[int, int, tuple[int, ...], tuple[int, ...], dict[Any, Any]]]
        self._events = [(m[0], 0, d, tuple(m), {}) for d, m in groups.items()]
        for i, step in enumerate(self.plan.steps):
            if step.info.derive is not None:
                self._events.append((i, 1, deps(step.info.derive_node), (i,), {}))
        self._events.sort(key=lambda e: (e[0], e[1]))  # a condition before its derived value

    # --- scoring -----------------------------------------------------------------------

    def score_row(self, row: Sequence[object]) -> RowScore | list[CellProblem]:
        """Score one row; :meth:`score_rows` is much faster for many."""
        return self.score_rows([row])[0]

    def score_rows(self, rows: Sequence[Sequence[object]]) -> list[RowScore | list[CellProblem]]:
        """Score rows of raw cells (text, or numbers and booleans from a spreadsheet)."""
        return self.score_chunk(rows).results()

    def score_chunk(self, rows: Sequence[Sequence[object]]) -> ScoredChunk:
        """Score rows into columns: the batch writer formats them column by column."""
        if rows and min(map(len, rows)) < self._width:
            raise ValueError(f"every row needs at least {self._width} cells")
        return self.score_columns(list(zip(*rows, strict=False)), len(rows))

    def score_columns(self, table: Sequence[Sequence[object]], n: int) -> ScoredChunk:
        """:meth:`score_chunk` of ``n`` rows given column by column (``table[c][row]``)."""
        problems: dict[int, list[CellProblem]] = {}
        if not n:
            dims: list[Sequence[float | None]] = [[] for _ in self.plan.dim_weights]
            return ScoredChunk(0, problems, [], [], [], dims, [], [], [], self.tables.questions)
        cls, val = self._read(table, n, problems)
        self._check_text(table, problems)
        self._run_events(cls, val, n)
        self._check_required(cls, problems)
        return self.tables.assemble(cls, val, n, problems)

    # --- reading -----------------------------------------------------------------------

    def read_cell(self, i: int, raw: object) -> tuple[object, AnswerClass]:
        """Read one cell for question ``i`` (raises :class:`AnswerError`) and remember it."""
        # A spreadsheet-safety apostrophe (ours or Excel's) is not part of the answer.
        value, cls = self.tables.cell(i, self.reader.read(self._keys[i], unneutralise(raw)))
        classes = self._classes[i]
        if len(classes) >= _CACHE_LIMIT:  # a column of mostly distinct cells: start over
            classes.clear()
            self._values[i].clear()
        classes[raw] = cls
        self._values[i][raw] = value
        return value, cls

    def _read(
        self, table: Sequence[Sequence[object]], n: int, problems: dict[int, list[CellProblem]]
    ) -> tuple[list[list[AnswerClass]], dict[int, list[object]]]:
        cls: list[list[AnswerClass]] = []
        val: dict[int, list[object]] = {}
        blank = self.tables.blank
        for i, col in enumerate(self._cols):
            if col is None:
                cls.append([blank[i]] * n)
                if i in self._valued:
                    val[i] = [None] * n
                continue
            cells = table[col]
            column: list[Any] = list(map(self._classes[i].get, cells))
            filled = self._fill(i, cells, column, problems) if not all(column) else {}
            cls.append(column)
            if i in self._valued:
                values = list(map(self._values[i].get, cells))
                for pos, value in filled.items():
                    values[pos] = value
                val[i] = values
        return cls, val

    def _fill(
        self, i: int, cells: Sequence[object], column: list[Any], problems: dict[int, Any]
    ) -> dict[int, object]:
        filled: dict[int, object] = {}
        errors, classes = self._errors[i], self._classes[i]
        for pos in positions(column):
            raw = cells[pos]
            known = classes.get(raw)  # read earlier in this chunk
            if known is not None:
                filled[pos], column[pos] = self._values[i][raw], known
                continue
            problem = errors.get(raw)
            if problem is None:
                try:
                    filled[pos], column[pos] = self.read_cell(i, raw)
                    continue
                except AnswerError as err:
                    problem = self._problem(err, raw)
                    memo_put(errors, raw, problem)
            problems.setdefault(pos, []).append(problem)
            filled[pos], column[pos] = None, self.tables.blank[i]
        return filled

    def _check_text(
        self, table: Sequence[Sequence[object]], problems: dict[int, list[CellProblem]]
    ) -> None:
        """Text nobody reads is never scored: only its length can make a row fail."""
        for i, col, limit in self._inert:
            cells = table[col]
            try:
                if max(map(len, cells)) <= limit:  # type: ignore[arg-type]
                    continue
            except TypeError:  # numbers from a spreadsheet
                pass
            for pos, raw in enumerate(cells):
                if isinstance(raw, str) and len(raw) > limit:
                    try:
                        self.reader.read(self._keys[i], raw)
                    except AnswerError as err:
                        problems.setdefault(pos, []).append(self._problem(err, raw))

    def _problem(self, err: AnswerError, raw: object) -> CellProblem:
        text = raw if isinstance(raw, str) else "" if raw is None else str(raw)
        return CellProblem(err.question, clip(text, 60), problem_text(err, self.lang))

    def _check_required(
        self, cls: list[list[AnswerClass]], problems: dict[int, list[CellProblem]]
    ) -> None:
        for i in self._required:
            blank = self.tables.blank[i]
            if blank not in cls[i]:
                continue
            q = self.plan.steps[i].info.question
            if self.lang == "id":
                problem = CellProblem(q.key, "", f"'{q.label.id}' wajib diisi")
            else:
                problem = CellProblem(q.key, "", f"'{q.label.get('en')}' is required")
            for pos in positions(cls[i], blank):
                # Conditions are not judged on rows with unreadable cells: skip those.
                if pos not in problems or self.plan.steps[i].info.when is None:
                    problems.setdefault(pos, []).append(problem)

    # --- conditions and derived values ---------------------------------------------------

    def _run_events(
        self, cls: list[list[AnswerClass]], val: dict[int, list[object]], n: int
    ) -> None:
        keys = self._keys
        for _, kind, deps, members, memo in self._events:
            inputs: list[Any]
            if len(deps) == 1:
                inputs = val[deps[0]]  # the values themselves: no 1-tuples
            else:
                inputs = list(zip(*[val[j] for j in deps], strict=True)) if deps else [()] * n
            found = list(map(memo.get, inputs))
            names = [keys[j] for j in deps]
            made = partial(self._events_made, kind, members, names)
            fill_misses(found, inputs, memo, made)
            if kind == 0:
                self._hide(cls, val, members, found)
            else:
                self._derived(cls, val, members[0], found)

    def _events_made(
        self, kind: int, members: tuple[int, ...], names: list[str], new: list[Any]
    ) -> list[object]:
        """:meth:`_event` for each new key: the values read, one value when one is read."""
        keyed = new if len(names) != 1 else [(value,) for value in new]
        return [self._event(kind, members, dict(zip(names, k, strict=True))) for k in keyed]

    def _event(self, kind: int, members: tuple[int, ...], env: dict[str, object]) -> object:
        steps = self.plan.steps
        if kind == 0:
            return tuple(steps[m].info.when(env) is not True for m in members)  # type: ignore[misc]
        derive = steps[members[0]].info.derive
        value = derive(env) if derive is not None else None
        return self.tables.cell(members[0], float(value) if value is not None else None)  # type: ignore[arg-type]

    def _hide(
        self,
        cls: list[list[AnswerClass]],
        val: dict[int, list[object]],
        members: tuple[int, ...],
        flags: list[Any],
    ) -> None:
        n = len(flags)
        for k, judged in enumerate(members):
            hidden = list(map(operator.itemgetter(k), flags))
            if True not in hidden:
                continue
            where = range(n) if False not in hidden else list(compress(range(n), hidden))
            for m in self._same_when[judged]:
                skipped = self.tables.skipped[m]
                if len(where) == n:
                    cls[m] = [skipped] * n
                    if m in val:
                        val[m] = [None] * n
                    continue
                column = cls[m] = list(cls[m])
                for pos in where:
                    column[pos] = skipped
                if m in val:
                    values = val[m] = list(val[m])
                    for pos in where:
                        values[pos] = None

    def _derived(
        self, cls: list[list[AnswerClass]], val: dict[int, list[object]], i: int, cells: list[Any]
    ) -> None:
        skipped = self.tables.skipped[i]
        hidden = positions(cls[i], skipped)  # where its own condition hides it
        cls[i] = list(map(_SECOND, cells))
        for pos in hidden:
            cls[i][pos] = skipped
        if i in val:
            val[i] = list(map(_FIRST, cells))
            for pos in hidden:
                val[i][pos] = None


def row_answers(
    reader: AnswerReader, row: Sequence[object], columns: Mapping[str, int]
) -> dict[str, object]:
    """The canonical answers of one row, read exactly as :class:`FastScorer` reads its
    cells (for saving a scored row as an assessment); raises :class:`AnswerError`."""
    # A spreadsheet-safety apostrophe (ours or Excel's) is not part of the answer.
    return {key: reader.read(key, unneutralise(row[col])) for key, col in columns.items()}
