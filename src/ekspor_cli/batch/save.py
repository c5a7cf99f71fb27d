"""``ekspor batch --save``: every scored row kept as an assessment in the history.

Why the full result here: the history stores what the engine says (answers, result,
criteria text) so an assessment can be re-rendered years later; the batch fast path does
not build it, so this hook re-reads each scored row's answers exactly as the scorer did
and scores them with :func:`~ekspor_cli.scoring.score_values`.  Slower, and only on request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..answers import AnswerReader
from ..criteria import Criteria
from ..fastscore import ScoredChunk
from ..parsing import Decimal, fold
from ..scoring import score_values
from .columns import ColumnPlan
from .scorer import row_answers

PROFILE_COLUMNS = {
    "business_name": {"nama usaha", "nama_usaha", "nama", "business name", "business_name"},
    "city": {"kota", "kabupaten", "kota/kabupaten", "kota_kabupaten", "city"},
    "officer": {"petugas", "officer"},
    "date": {"tanggal", "date"},
    "nib": {"nib", "nomor nib", "no nib"},
}
"""Columns (not questions) that fill an assessment's profile, by folded header."""

Keep = Callable[[list[int], list[list[Any]], ScoredChunk], None]


def row_saver(
    store: Any, criteria: Criteria, decimal: Decimal, saved: list[str]
) -> Callable[[ColumnPlan], Keep]:
    """A ``keep`` hook for :func:`~ekspor_cli.batch.run.run_batch` that saves each scored
    row to ``store`` (an open history database) and appends the new IDs to ``saved``."""
    from ..store import NewAssessment, save_many

    def make(plan: ColumnPlan) -> Keep:
        reader = AnswerReader(criteria, decimal)  # no scoring tables: only the cells
        profile = {
            field: i
            for i in plan.unknown
            for field, names in PROFILE_COLUMNS.items()
            if fold(plan.header[i]) in names
        }

        def keep(lines: list[int], rows: list[list[Any]], scored: ScoredChunk) -> None:
            items = []
            for pos, row in enumerate(rows):
                if pos in scored.problems:
                    continue
                values = row_answers(reader, row, plan.questions)
                person = {k: str(row[i]).strip() for k, i in profile.items()}
                person = {k: v for k, v in person.items() if v}
                items.append(NewAssessment(person, values, score_values(criteria, values)))
            saved.extend(save_many(store, items, criteria, source="batch"))

        return keep

    return make
