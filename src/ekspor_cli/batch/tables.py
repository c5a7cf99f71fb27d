"""The fast scorer's tables: answer classes in, a chunk's scores, levels, knock-outs,
coverage and gaps out.

Why tables: a knock-out's verdict, a dimension's sums, coverage and gaps are pure
functions of a few *classes* of answers (status and fraction), and classes repeat across
rows far more than raw answers do.  So they are computed once per combination, by the
engine's own expressions (:mod:`ekspor_cli.scoring`), and looked up by C-level
``map``/``zip`` for every other row (dimensions: :mod:`.dimensions`).  The overall score
and coverage are the engine's :func:`math.fsum` of the dimensions' terms, so adding
``0.0`` for a dimension that counts nothing changes nothing.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Mapping
from functools import partial
from itertools import chain, repeat
from math import fsum
from typing import Any

from .. import expr
from ..fastscore import ScoredChunk, fill_misses, official_column
from ..parsing import DONT_KNOW
from ..result import Status
from ..scoring import Plan
from .dimensions import AnswerClass, Bundle, Dimensions

__all__ = ["AnswerClass", "Tables"]

_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)
Fn = Callable[[Mapping[str, object]], object]


class Tables:
    """Classes, blocks, dimensions and knock-outs of one plan, with their memo tables."""

    def __init__(self, plan: Plan, index: Mapping[str, int]) -> None:
        self.plan = plan
        steps = plan.steps
        self.questions = tuple(s.info.key for s in steps)
        self._interned: list[dict[tuple[str, float | None], AnswerClass]] = [{} for _ in steps]
        self.blank = [self.cell(i, None)[1] for i in range(len(steps))]
        self.skipped = [self.klass(i, Status.SKIPPED, None) for i in range(len(steps))]
        # Knock-outs: (step, key, cap level, fails_if, steps it reads, verdict table)
        self._ko: list[tuple[int, str, int, Fn | None, tuple[int, ...], dict[Any, str]]] = []
        for i, step in enumerate(steps):
            ko = step.info.question.knockout
            if ko is not None:
                cap = plan.level_index(ko.cap) if ko.cap else 0
                fails = step.info.fails_if
                text = ko.fails_if if fails is not None else None
                deps = tuple(index[n] for n in expr.names(expr.parse(text))) if text else ()
                self._ko.append((i, step.info.key, cap, fails, deps, {}))
        self.ko_inputs = {j for ko in self._ko for j in ko[4]}
        self._ko_column = {ko[0]: n for n, ko in enumerate(self._ko) if ko[3] is not None}
        self._ko_memo: dict[tuple[str, ...], tuple[tuple[tuple[str, str], ...], int]] = {}
        self._top = len(plan.levels) - 1
        self.dimensions = Dimensions(plan, self._ko_column)
        self._full = self.dimensions.full

    # --- classes -----------------------------------------------------------------------

    def klass(self, i: int, status: str, p: float | None) -> AnswerClass:
        """The interned class of question ``i`` for ``status`` and fraction ``p``."""
        table = self._interned[i]
        found = table.get((status, p))
        if found is None:
            step = self.plan.steps[i]
            ko = ""
            if step.info.question.knockout is not None and step.info.fails_if is None:
                if status not in (Status.ANSWERED, Status.SKIPPED, Status.NOT_APPLICABLE):
                    ko = "unverified"
                elif status == Status.ANSWERED and p is not None and p <= 0.0:
                    ko = "failed"
            found = table[(status, p)] = AnswerClass(status, p, step.weight, ko)
        return found

    def cell(self, i: int, value: object) -> tuple[object, AnswerClass]:
        """(value as expressions see it, class) of canonical ``value`` for question ``i``."""
        step = self.plan.steps[i]
        if value is None or value is DONT_KNOW:
            status = Status.NOT_ANSWERED if value is None else Status.DONT_KNOW
            return (None, self.klass(i, status, 0.0 if step.scored else None))
        if not step.scored:
            return (value, self.klass(i, Status.NOT_SCORED, None))
        p = self.plan.fraction(step, value)
        status = Status.NOT_APPLICABLE if p is None else Status.ANSWERED
        return (value, self.klass(i, status, p))

    # --- a chunk of rows -----------------------------------------------------------------

    def assemble(
        self, cls: list[list[AnswerClass]], val: dict[int, list[object]], n: int, problems: Any
    ) -> ScoredChunk:
        """Scores of ``n`` rows from their classes (``cls[step][row]``) and the values
        that knock-out conditions read (``val[step][row]``)."""
        statuses = self._knockout_columns(cls, val)
        dims = [self.dimensions.column(d, cls, statuses, n) for d in range(len(self.dimensions))]
        # The engine's fsum of the live dimensions' weights and terms (a dimension that
        # counts nothing adds 0.0, which changes no exact sum).
        if any(0.0 in d.livew for d in dims):
            totals: list[float] = list(map(fsum, zip(*[d.livew for d in dims], strict=True)))
        else:
            totals = [self._full] * n
        raws = list(map(fsum, zip(*[d.term for d in dims], strict=True)))
        divisors = totals if 0.0 not in totals else [t or 1.0 for t in totals]
        overall = official_column(list(map(operator.truediv, raws, divisors)))
        rank = map(bisect.bisect_right, repeat(self.plan.level_mins), overall)
        by_score = list(map(max, repeat(0), map(operator.sub, rank, repeat(1))))
        combos = list(zip(*statuses, strict=True)) if statuses else [()] * n
        knocked: list[Any] = list(map(self._ko_memo.get, combos))
        fill_misses(knocked, combos, self._ko_memo, lambda new: map(self._ko_summary, new))
        coverage = list(map(fsum, zip(*[d.cov for d in dims], strict=True)))
        return ScoredChunk(
            n,
            problems,
            overall,
            list(map(min, by_score, map(_SECOND, knocked))),
            by_score,
            [d.score for d in dims],
            list(map(_FIRST, knocked)),
            self._gaps(dims, totals, n),
            list(map(min, repeat(1.0), map(operator.truediv, coverage, divisors))),
            self.questions,
        )

    def _knockout_columns(
        self, cls: list[list[AnswerClass]], val: dict[int, list[object]]
    ) -> list[list[str]]:
        """Per knock-out: "failed", "unverified" or "" (none) for every row."""
        columns: list[list[str]] = []
        for i, _, _, fails, deps, memo in self._ko:
            if fails is None:
                columns.append(list(map(_KO, cls[i])))
                continue
            inputs = list(zip(cls[i], *[val[j] for j in deps], strict=True))
            column = list(map(memo.get, inputs, repeat("?")))
            names = [self.questions[j] for j in deps]
            fill_misses(column, inputs, memo, partial(_ko_statuses, fails, names), "?")
            columns.append(column)
        return columns

    def _ko_summary(self, statuses: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], int]:
        """Knock-outs as the engine lists them (failed first, asking order) and the cap."""
        found = [(ko[1], s, ko[2]) for ko, s in zip(self._ko, statuses, strict=True) if s]
        ordered = [f for f in found if f[1] == "failed"] + [f for f in found if f[1] != "failed"]
        cap = min((level for _, _, level in found), default=self._top)
        return tuple((key, status) for key, status, _ in ordered), cap

    def _gaps(self, dims: list[Bundle], totals: list[float], n: int) -> list[list[int]]:
        """Each row's gap codes, sorted: the engine's gap order."""
        if totals.count(self._full) != n:  # a dimension counts nothing: impacts change
            for pos, total in enumerate(totals):
                if total != self._full:
                    self.dimensions.recompute(dims, pos, total)
            gaps = [column for bundle in dims for column in bundle.gaps]
        else:  # the gaps of dimensions the same in every row, joined once
            same = tuple(chain.from_iterable(d.gaps[0][0] for d in dims if d.same))
            gaps = [column for bundle in dims if not bundle.same for column in bundle.gaps]
            gaps.append(repeat(same, n))
        return list(map(sorted, map(chain.from_iterable, zip(*gaps, strict=True))))


def _ko_statuses(fails: Fn, names: list[str], keys: list[tuple[Any, ...]]) -> list[str]:
    """A knock-out's verdict for each (class, values its ``fails_if`` reads)."""
    return [_ko_status(fails, names, key) for key in keys]


def _ko_status(fails: Fn, names: list[str], key: tuple[Any, ...]) -> str:
    klass, *values = key
    if klass.status in (Status.SKIPPED, Status.NOT_APPLICABLE):
        return ""
    verdict = fails(dict(zip(names, values, strict=True)))
    return "failed" if verdict is True else "unverified" if verdict is None else ""


_KO = operator.attrgetter("ko")
