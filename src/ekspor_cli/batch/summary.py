"""What a batch run found, for whoever chooses whom to coach next: a pure accumulator.

Why counted chunk by chunk: the summary of a million rows must not keep a million rows.
Levels, gaps and knock-outs are counters, dimension means are running sums, the median
comes from a histogram of one-decimal scores, and the top candidates are a small heap.
:meth:`Summary.to_dict` is the ``--summary FILE.json`` shape; the CLI renders the same
data with Rich.
"""

from __future__ import annotations

import heapq
import math
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, compress, repeat
from typing import Any

from ..criteria import Criteria
from ..fastscore import ScoredChunk, gap_index
from ..i18n import Lang

_NOT_NONE = partial(operator.is_not, None)


@dataclass
class Summary:
    """Counts and means over the scored rows of one batch run."""

    criteria: Criteria
    lang: Lang = "id"
    top: int = 10
    rows_read: int = 0
    rows_scored: int = 0
    rows_with_errors: int = 0
    rows_written: int = 0
    blank_rows: int = 0
    problems: int = 0
    levels: Counter[int] = field(default_factory=Counter)
    scores: Counter[float] = field(default_factory=Counter)
    gap_codes: Counter[int] = field(default_factory=Counter)  # a row's gap and impact
    knockouts: Counter[tuple[str, str]] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    input: dict[str, Any] = field(default_factory=dict)
    _dim_sums: list[float] = field(default_factory=list)
    _dim_counts: list[int] = field(default_factory=list)
    _best: list[tuple[float, int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.criteria.dimensions)
        self._dim_sums = [0.0] * n
        self._dim_counts = [0] * n

    def add(
        self, chunk: ScoredChunk, lines: Sequence[int], names: Sequence[object], first: int
    ) -> None:
        """Count a scored chunk; ``first`` is the sequence number of its first row and
        ``names`` name its rows (cells of the id column, shown as text)."""
        self.rows_read += chunk.size
        bad = len(chunk.problems)
        self.rows_with_errors += bad
        self.problems += sum(map(len, chunk.problems.values()))
        self.rows_scored += chunk.size - bad
        if bad == chunk.size:
            return
        keep = [pos not in chunk.problems for pos in range(chunk.size)] if bad else None

        def good(column: Sequence[Any]) -> Any:
            return compress(column, keep) if keep is not None else column

        self.levels.update(good(chunk.level))
        self.scores.update(good(chunk.score))
        for d, column in enumerate(chunk.dimensions):
            values: Sequence[Any] = list(compress(column, keep)) if keep is not None else column
            if None in values:  # rows that count nothing in this dimension
                values = list(filter(_NOT_NONE, values))
            self._dim_sums[d] += math.fsum(values)
            self._dim_counts[d] += len(values)
        self.gap_codes.update(chain.from_iterable(good(chunk.gaps)))
        self.knockouts.update(chain.from_iterable(good(chunk.knockouts)))
        # The best rows of the chunk by score (ties: the earlier row), then their details.
        scores = chunk.score
        candidates: Iterable[int] = range(chunk.size)
        if len(self._best) >= self.top > 0:  # only a score above the last of them gets in
            above = map(operator.gt, scores, repeat(self._best[-1][0]))
            candidates = compress(candidates, map(operator.and_, above, keep) if keep else above)
        elif keep is not None:
            candidates = compress(candidates, keep)
        winners = heapq.nlargest(self.top, candidates, key=scores.__getitem__)
        best = [(scores[p], -(first + p), lines[p], str(names[p])) for p in winners]
        self._best = heapq.nlargest(self.top, [*self._best, *best])

    @property
    def gaps(self) -> Counter[str]:
        """How many scored rows have each question as a gap (in asking order, so that
        ties in :meth:`Counter.most_common` come in asking order)."""
        counts = [0] * len(self.criteria.questions)
        for code, n in self.gap_codes.items():
            counts[gap_index(code)] += n
        return Counter(
            {info.key: n for info, n in zip(self.criteria.questions, counts, strict=True) if n}
        )

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON data (``--summary``)."""
        criteria = self.criteria
        scored = self.rows_scored
        share = (lambda count: round(count / scored, 4)) if scored else (lambda count: 0.0)
        labels = {info.key: info.question.label.get(self.lang) for info in criteria.questions}
        return {
            "input": self.input,
            "criteria": {"id": criteria.id, "version": criteria.version, "sha256": criteria.sha256},
            "rows": {
                "read": self.rows_read,
                "scored": scored,
                "with_errors": self.rows_with_errors,
                "written": self.rows_written,
                "blank_skipped": self.blank_rows,
                "problems": self.problems,
            },
            "score": {"mean": self._mean(), "median": self._median()},
            "levels": [
                {
                    "key": level.key,
                    "label": level.label.get(self.lang),
                    "count": self.levels[i],
                    "share": share(self.levels[i]),
                }
                for i, level in enumerate(criteria.levels)
            ],
            "dimensions": [
                {
                    "key": dim.key,
                    "label": dim.label.get(self.lang),
                    "mean": round(self._dim_sums[d] / self._dim_counts[d], 1)
                    if self._dim_counts[d]
                    else None,
                    "rows": self._dim_counts[d],
                }
                for d, dim in enumerate(criteria.dimensions)
            ],
            "gaps": [
                {"question": key, "label": labels.get(key, key), "count": n, "share": share(n)}
                for key, n in self.gaps.most_common(10)
            ],
            "knockouts": [
                {"question": key, "label": labels.get(key, key), "status": status, "count": n}
                for (key, status), n in sorted(self.knockouts.items(), key=lambda kv: -kv[1])
            ],
            "top": [
                {"line": line, "name": name, "score": score} for score, _, line, name in self._best
            ],
            "notes": list(self.notes),
        }

    def _mean(self) -> float | None:
        total = sum(self.scores.values())
        if not total:
            return None
        return round(math.fsum(score * n for score, n in self.scores.items()) / total, 1)

    def _median(self) -> float | None:
        total = sum(self.scores.values())
        if not total:
            return None
        ordered = sorted(self.scores.items())
        middle = [(total - 1) // 2, total // 2]
        found: list[float] = []
        seen = 0
        for score, n in ordered:
            while middle and middle[0] < seen + n:
                found.append(score)
                middle.pop(0)
            seen += n
        return round(sum(found) / 2, 2)
