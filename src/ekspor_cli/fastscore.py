"""Score batch rows fast, with exactly the numbers of :func:`~ekspor_cli.scoring.score_values`.

Why a second path: batch files hold up to millions of rows and most cells repeat (``Ya``,
``T``, ``1.500``, a choice label).  Building a :class:`~ekspor_cli.result.Result` per row
costs far more than the arithmetic, so :class:`FastScorer` (in :mod:`ekspor_cli.batch.scorer`,
with its tables in :mod:`ekspor_cli.batch.tables`) scores a chunk of rows column by column
through memo tables and returns a :class:`ScoredChunk`; :class:`RowScore` is one row of it.
Every number is computed by the engine's own expressions, with the engine's exact sums
(:func:`exact_parts`), so a ``RowScore`` equals :func:`compact_from_result` of the full
result -- a hypothesis test holds the two together.  Cells are read by the interview's
:class:`~ekspor_cli.answers.AnswerReader` (``T`` is Tidak here too).

>>> from ekspor_cli import load_bundled_criteria
>>> scorer = FastScorer(load_bundled_criteria(), {"sektor": 0, "punya_nib": 1})
>>> isinstance(scorer.score_row(["pangan", "ya"]), RowScore)
True
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import compress, repeat
from typing import TYPE_CHECKING, Any, NamedTuple

from .result import Result
from .scoring import official

if TYPE_CHECKING:
    from .batch.scorer import FastScorer

__all__ = [
    "CellProblem",
    "FastScorer",
    "RowScore",
    "ScoredChunk",
    "compact_from_result",
    "exact_parts",
    "fast_official",
    "gap_code",
    "gap_of",
]

MEMO_LIMIT = 50_000  # entries per memo table before it is cleared: memory stays flat


class RowScore(NamedTuple):
    """What a batch row needs from a result, and nothing more (no per-question outcomes)."""

    score: float
    level: int  # index into the criteria's levels, after any knock-out cap
    level_by_score: int
    dimensions: tuple[float | None, ...]  # criteria order; None when nothing counted
    knockouts: tuple[tuple[str, str], ...]  # (question, "failed"|"unverified"), failed first
    gaps: tuple[tuple[str, float], ...]  # (question, impact), in the report's order
    coverage: float


class CellProblem(NamedTuple):
    """Why one cell (or a required answer left blank) stops a row from being scored."""

    question: str
    value: str
    message: str


class ScoredChunk(NamedTuple):
    """Scores of many rows, column by column (rows in ``problems`` hold no score).

    ``gaps[pos]`` is the row's gaps as sorted :func:`gap_code` ints (``questions`` names
    them); :meth:`row` gives one row as a :class:`RowScore`.
    """

    size: int
    problems: dict[int, list[CellProblem]]
    score: list[float]
    level: list[int]
    level_by_score: list[int]
    dimensions: list[Sequence[float | None]]  # per dimension, per row
    knockouts: list[tuple[tuple[str, str], ...]]
    gaps: list[list[int]]
    coverage: list[float]
    questions: tuple[str, ...]  # question keys by asking index, for the gap codes

    def row(self, pos: int) -> RowScore | list[CellProblem]:
        found = self.problems.get(pos)
        if found is not None:
            return found
        return RowScore(
            self.score[pos],
            self.level[pos],
            self.level_by_score[pos],
            tuple(d[pos] for d in self.dimensions),
            self.knockouts[pos],
            tuple(gap_of(code, self.questions) for code in self.gaps[pos]),
            self.coverage[pos],
        )

    def results(self) -> list[RowScore | list[CellProblem]]:
        return [self.row(pos) for pos in range(self.size)]


def compact_from_result(result: Result) -> RowScore:
    """The :class:`RowScore` of a full result: the seam between the engine and batch output."""
    return RowScore(
        score=result.score,
        level=result.level.index,
        level_by_score=result.level_by_score.index,
        dimensions=tuple(d.score for d in result.dimensions),
        knockouts=tuple((k.key, k.status) for k in result.knockouts),
        gaps=tuple((g.key, g.impact) for g in result.gaps),
        coverage=result.coverage,
    )


def gap_code(knockout: bool, impact: float, index: int) -> int:
    """A gap as one int whose order is the engine's gap order -- knock-outs first, then
    the bigger impact, then asking order -- so that sorting a row's gaps compares ints.

    The impact is the engine's ``round(..., 2)``, at most 100 points: its hundredths are
    exact in the code, and :func:`gap_of` gives the very same float back.

    >>> codes = sorted([gap_code(False, 2.5, 3), gap_code(False, 12.25, 7), gap_code(True, 1.0, 9)])
    >>> [gap_of(c, tuple("abcdefghij")) for c in codes]
    [('j', 1.0), ('h', 12.25), ('d', 2.5)]
    """
    cents = round(impact * 100.0)
    return ((not knockout) * _GAP_KIND + _GAP_CENTS - cents) * _GAP_INDEX + index


def gap_of(code: int, questions: tuple[str, ...]) -> tuple[str, float]:
    """(question, impact) of a :func:`gap_code`."""
    rest, index = divmod(code, _GAP_INDEX)
    return questions[index], (_GAP_CENTS - rest % _GAP_KIND) / 100.0


def gap_index(code: int) -> int:
    """The asking index of the question of a :func:`gap_code`."""
    return code % _GAP_INDEX


_GAP_INDEX = 100_000  # questions in a criteria file: far fewer
_GAP_CENTS = 100_000  # above the largest impact in hundredths (100 points = 10,000)
_GAP_KIND = 1_000_000


_TIE = 1e-6  # closer to a .x5 tie than this (in tenths), official() decides


def fast_official(value: float) -> float:
    """:func:`~ekspor_cli.scoring.official` without :mod:`decimal` in the common case.

    Half-up rounding to one decimal is only delicate next to a ``.x5`` tie; elsewhere
    ``n / 10`` is the same correctly rounded float as ``float(Decimal("n/10"))``.
    """
    y = round(value, 9) * 10.0
    n = math.floor(y)
    frac = y - n
    if value < 0.0 or abs(frac - 0.5) < _TIE:
        return official(value)
    return (n + 1 if frac > 0.5 else n) / 10


def exact_parts(values: Iterable[float]) -> tuple[float, ...]:
    """A few floats whose exact sum is exactly the sum of ``values``: a partial sum that
    loses nothing, so that ``fsum(parts(a) + parts(b)) == fsum(a + b)``, bit for bit.

    The engine adds a dimension's terms with :func:`math.fsum` (the exact sum, rounded
    once).  Batch scoring adds them block by block: each block keeps its sum as exact parts
    -- the rounded sum, then the rounded remainder, until nothing remains (usually one or
    two floats) -- and the fsum of the blocks' parts rounds the same exact value once.

    >>> exact_parts([0.1, 0.2])
    (0.30000000000000004, -2.7755575615628914e-17)
    >>> math.fsum(exact_parts([0.1, 0.2]) + exact_parts([0.3])) == math.fsum([0.1, 0.2, 0.3])
    True
    """
    rest = list(values)
    parts: list[float] = []
    while (rounded := math.fsum(rest)) != 0.0:
        parts.append(rounded)
        rest.append(-rounded)  # what remains is exact: fsum rounds only its result
    return tuple(parts)


def official_column(values: Sequence[float]) -> list[float]:
    """:func:`fast_official` of each value, in C-level passes over the column.

    Scores are mostly distinct floats, so a memo would miss; instead every value is
    rounded half up as ``floor(10 * v + 0.5) / 10``, which is :func:`official` except next
    to a ``.x5`` tie (where summation noise decides) -- those few, and any negative value,
    go through :func:`official` itself.  A hypothesis test holds the two together.
    """
    if not values:
        return []
    if min(values) < 0.0:  # (scores never are)
        return [official(value) if value < 0.0 else fast_official(value) for value in values]
    tens = list(map(operator.mul, values, repeat(10.0)))
    halves = map(operator.sub, map(operator.sub, tens, map(math.floor, tens)), repeat(0.5))
    distance = list(map(abs, halves))  # how far from a tie, in tenths
    rounded = list(
        map(operator.truediv, map(math.floor, map(operator.add, tens, repeat(0.5))), repeat(10))
    )
    if min(distance) < _TIE:
        for pos in compress(range(len(values)), map(operator.lt, distance, repeat(_TIE))):
            value = values[pos]
            tie = _TIES.get(value)  # such values repeat (coverage 61.25 %, say)
            if tie is None:
                tie = official(value)
                memo_put(_TIES, value, tie)
            rounded[pos] = tie
    return rounded


_TIES: dict[float, float] = {}  # official() of values next to a tie


def positions(column: Sequence[Any], marker: object = None) -> list[int]:
    """Where ``marker`` (a table miss) is in ``column``: C-level searches either way --
    from hit to hit when there are few, one pass over the column when there are many --
    so a chunk with one miss is not walked cell by cell in Python."""
    count = column.count(marker)
    if count > _MANY:
        return list(compress(range(len(column)), map(operator.eq, column, repeat(marker))))
    found: list[int] = []
    pos = -1
    for _ in range(count):
        pos = column.index(marker, pos + 1)
        found.append(pos)
    return found


_MANY = 16  # hits above which one pass over the column is cheaper than a search per hit


def fill_misses(
    found: list[Any],
    keys: Sequence[Any],
    memo: dict[Any, Any],
    make: Callable[[list[Any]], Iterable[Any]],
    marker: object = None,
) -> int:
    """Complete ``found`` -- ``memo`` looked up for ``keys``, ``marker`` where it missed --
    and remember what was made: each new key once (a chunk often meets it many times),
    ``make`` taking the list of new keys and giving their values in order.  Returns how
    many keys were new; the one way batch scoring fills a table miss."""
    where = positions(found, marker)
    if not where:
        return 0
    new = list(dict.fromkeys(map(keys.__getitem__, where)))
    made = dict(zip(new, make(new), strict=True))
    for key, value in made.items():
        memo_put(memo, key, value)
    for pos in where:
        found[pos] = made[keys[pos]]
    return len(new)


def memo_put(memo: dict[Any, Any], key: Hashable, value: object) -> None:
    """Remember ``value``; a full table starts over, so memory does not grow with rows."""
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = value


def __getattr__(name: str) -> Any:
    # FastScorer lives with the batch machinery; import it on first use (no import cycle).
    if name == "FastScorer":
        from .batch.scorer import FastScorer

        return FastScorer
    raise AttributeError(name)
