"""The result columns of a scored business, defined once for batch output and exports.

Why one definition: ``ekspor batch`` writes these columns after a row's own columns, and
``ekspor export`` writes the same columns for stored assessments; a spreadsheet built on
one must read the other.  Cells are typed -- numbers stay numbers (Excel sorts and averages
them), texts are texts, empty is ``None`` -- and the writers turn them into CSV, xlsx or
JSON.  For CSV, ``numbers="dot"`` or ``"comma"`` writes numbers as text (``72.5`` or, for
Excel in the Indonesian locale, ``72,5``) from a memo table -- scores repeat a lot.

>>> from ekspor_cli import load_bundled_criteria, score
>>> criteria = load_bundled_criteria()
>>> cells = result_cells(score(criteria, {"sektor": "pangan"}), criteria)
>>> len(cells) == len(result_columns(criteria))
True
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import lru_cache
from itertools import repeat
from typing import Any, Literal

from ..criteria import Criteria
from ..fastscore import (
    RowScore,
    ScoredChunk,
    compact_from_result,
    fast_official,
    fill_misses,
    gap_of,
    official_column,
    positions,
)
from ..i18n import Lang
from ..result import Result

PREFIX = "ekspor_"
Numbers = Literal["float", "dot", "comma"]
_MEMO_LIMIT = 20_000


class ResultFormat:
    """Result cells for one criteria file and output options; texts are memoised."""

    def __init__(
        self, criteria: Criteria, *, lang: Lang = "id", gaps: int = 3, numbers: Numbers = "float"
    ) -> None:
        self.level_keys = [lv.key for lv in criteria.levels]
        self.level_labels = [lv.label.get(lang) for lv in criteria.levels]
        self.dimension_keys = [d.key for d in criteria.dimensions]
        self.gaps = max(0, gaps)
        self.numbers = numbers
        self.decimal_comma = numbers == "comma"
        # id of a row's knock-out tuple -> (failed, unverified, the tuple): the scorer hands
        # out one tuple per combination, and holding it keeps its id from being reused.
        self._knockouts: dict[int, tuple[str, str, object]] = {}
        self._gap_texts = _GapTexts(tuple(q.key for q in criteria.questions), self.decimal_comma)
        self._numbers: dict[float | None, str] = {None: ""}

    def columns(self) -> list[str]:
        """Column names (stable keys, not translated: formulas and scripts refer to them)."""
        return [
            f"{PREFIX}score",
            f"{PREFIX}level",
            f"{PREFIX}level_label",
            *(f"{PREFIX}dim_{key}" for key in self.dimension_keys),
            f"{PREFIX}knockouts",
            f"{PREFIX}unverified",
            f"{PREFIX}gaps",
            f"{PREFIX}coverage_pct",
        ]

    def cells(self, item: Result | RowScore) -> list[object]:
        """The cells of one result (full or compact), in :meth:`columns` order."""
        row = compact_from_result(item) if isinstance(item, Result) else item
        failed, unverified = self._knockout_text(row.knockouts)
        top = row.gaps[: self.gaps]
        number = self._number
        return [
            number(row.score),
            self.level_keys[row.level],
            self.level_labels[row.level],
            *(number(score) for score in row.dimensions),
            failed,
            unverified,
            self._gap_text(top),
            number(fast_official(row.coverage * 100.0)),
        ]

    def chunk_columns(self, chunk: ScoredChunk) -> list[list[Any]]:
        """The same cells for every row of a chunk, column by column (rows with problems
        get cells too: the caller blanks them)."""
        knockouts = self._knockout_cells(chunk.knockouts)
        if len(self._gap_texts) > _MEMO_LIMIT:
            self._gap_texts.clear()
        top = map(operator.itemgetter(slice(0, self.gaps)), chunk.gaps)
        # Each row's first gaps joined in C: one text per gap code, made on first use.
        gaps = list(map("; ".join, map(map, repeat(self._gap_texts.__getitem__), top)))
        # Coverage in % to one decimal, half up like the score (61.25 -> 61.3).
        coverage = official_column(list(map(operator.mul, chunk.coverage, repeat(100.0))))
        numbers = self._numbers_column
        return [
            numbers(chunk.score),
            list(map(self.level_keys.__getitem__, chunk.level)),
            list(map(self.level_labels.__getitem__, chunk.level)),
            *(numbers(column) for column in chunk.dimensions),
            list(map(operator.itemgetter(0), knockouts)),
            list(map(operator.itemgetter(1), knockouts)),
            gaps,
            numbers(coverage),
        ]

    # --- texts -------------------------------------------------------------------------

    def _knockout_cells(
        self, column: Sequence[tuple[tuple[str, str], ...]]
    ) -> list[tuple[str, str, object]]:
        ids = list(map(id, column))
        found: list[Any] = list(map(self._knockouts.get, ids))

        def made(new: list[int]) -> list[tuple[str, str, object]]:
            tuples = dict(zip(ids, column, strict=True))
            return [(*self._knockout_text(tuples[i]), tuples[i]) for i in new]

        fill_misses(found, ids, self._knockouts, made)
        return found

    def _knockout_text(self, knockouts: tuple[tuple[str, str], ...]) -> tuple[str, str]:
        failed = "; ".join(key for key, status in knockouts if status == "failed")
        unverified = "; ".join(key for key, status in knockouts if status != "failed")
        return failed, unverified

    def _gap_text(self, gaps: Sequence[tuple[str, float]]) -> str:
        return "; ".join(_gap_cell(key, impact, self.decimal_comma) for key, impact in gaps)

    def _number(self, value: float | None) -> Any:
        if value is None or self.numbers == "float":
            return value
        text = repr(value)
        return text.replace(".", ",") if self.decimal_comma else text

    def _numbers_column(self, values: Sequence[Any]) -> list[Any]:
        if self.numbers == "float":
            return list(values)  # a new list: rows with problems get blanked in it
        if len(values) > 1 and values.count(values[0]) == len(values):  # e.g. no column
            return self._numbers_column(values[:1]) * len(values)
        found: list[Any] = list(map(self._numbers.get, values))
        if None in found:  # (None itself maps to "")
            if len(self._numbers) > _MEMO_LIMIT:
                self._numbers.clear()
                self._numbers[None] = ""
            for pos in positions(found):
                found[pos] = self._numbers[values[pos]] = self._number(values[pos])
        return found


def _gap_cell(key: str, impact: float, decimal_comma: bool) -> str:
    shown = f"{impact:.1f}"
    return f"{key} (+{shown.replace('.', ',') if decimal_comma else shown})"


class _GapTexts(dict[int, str]):
    """Gap code -> its text (``nib (+12,5)``), made on first use: a chunk's gap cells are
    joined by C-level ``map`` over this dict, which calls Python only for a new code."""

    def __init__(self, questions: tuple[str, ...], decimal_comma: bool) -> None:
        super().__init__()
        self._questions = questions
        self._comma = decimal_comma

    def __missing__(self, code: int) -> str:
        text = self[code] = _gap_cell(*gap_of(code, self._questions), self._comma)
        return text


@lru_cache(maxsize=8)
def _format(criteria: Criteria, lang: Lang, gaps: int, numbers: Numbers) -> ResultFormat:
    return ResultFormat(criteria, lang=lang, gaps=gaps, numbers=numbers)


def result_columns(criteria: Criteria, *, gaps: int = 3) -> list[str]:
    """Names of the result columns for ``criteria`` (see :class:`ResultFormat`)."""
    return _format(criteria, "id", gaps, "float").columns()


def result_cells(
    item: Result | RowScore,
    criteria: Criteria,
    *,
    lang: Lang = "id",
    gaps: int = 3,
    numbers: Numbers = "float",
) -> list[object]:
    """The result cells of one scored business, in :func:`result_columns` order."""
    return _format(criteria, lang, gaps, numbers).cells(item)
