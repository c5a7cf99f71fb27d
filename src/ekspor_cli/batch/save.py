"""``ekspor batch --save``: every scored row kept as an assessment in the history.

Why the full result here: the history stores what the engine says (answers, result,
criteria text) so an assessment can be re-rendered years later; the batch fast path does
not build it, so this hook re-reads each scored row's answers exactly as the scorer did
and scores them with :func:`~ekspor_cli.scoring.score_values`.  Slower, and only on request.

Profile columns are found by their usual headers (``Nama usaha``, ``Kota``...) and by the
headers ``ekspor export`` writes (``profile_business_name``, ``profile_kecamatan``), and an
export's ``assessed_on`` column gives the visit date: an exported table saved again keeps
its businesses and their dates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..answers import AnswerReader
from ..criteria import Criteria
from ..fastscore import ScoredChunk
from ..parsing import Decimal, clean, fold
from ..profile_fields import PROFILE_FIELDS, PROFILE_PREFIX
from ..scoring import score_values
from .columns import ColumnPlan
from .scorer import row_answers
from .writer import unneutralise

PROFILE_COLUMNS = {
    "business_name": {"nama usaha", "nama_usaha", "nama", "business name", "business_name"},
    "city": {"kota", "kabupaten", "kota/kabupaten", "kota_kabupaten", "city"},
    "officer": {"petugas", "officer"},
    "date": {"tanggal", "date"},
    "nib": {"nib", "nomor nib", "no nib"},
}
"""Columns (not questions) that fill an assessment's profile, by folded header."""
VISIT_DATE = "assessed_on"  # ekspor export's column of the visit date


def profile_field(header: str) -> str | None:
    """The profile field a column (not a question) fills, or None."""
    folded = fold(header)
    for field, names in PROFILE_COLUMNS.items():
        if folded in names:
            return field
    if folded.startswith(PROFILE_PREFIX) and len(folded) > len(PROFILE_PREFIX):
        name = clean(header)[len(PROFILE_PREFIX) :]  # a field of the export: its own spelling
        return fold(name) if fold(name) in PROFILE_FIELDS else name
    return None


Keep = Callable[[list[int], list[list[Any]], ScoredChunk], None]


def row_saver(
    store: Any, criteria: Criteria, decimal: Decimal, saved: list[str]
) -> Callable[[ColumnPlan], Keep]:
    """A ``keep`` hook for :func:`~ekspor_cli.batch.run.run_batch` that saves each scored
    row to ``store`` (an open history database) and appends the new IDs to ``saved``."""
    from ..store import NewAssessment, save_many
    from ..store.codec import parse_date

    def make(plan: ColumnPlan) -> Keep:
        reader = AnswerReader(criteria, decimal)  # no scoring tables: only the cells
        found = ((profile_field(plan.header[i]), i) for i in plan.unknown)
        profile = {field: i for field, i in found if field is not None}
        visit = next((i for i in plan.unknown if fold(plan.header[i]) == VISIT_DATE), None)

        def keep(lines: list[int], rows: list[list[Any]], scored: ScoredChunk) -> None:
            items = []
            for pos, row in enumerate(rows):
                if pos in scored.problems:
                    continue
                values = row_answers(reader, row, plan.questions)
                # (an exported cell may carry the spreadsheet-safety apostrophe)
                person = {k: str(unneutralise(row[i])).strip() for k, i in profile.items()}
                person = {k: v for k, v in person.items() if v}
                day = parse_date(str(row[visit])) if visit is not None else None
                result = score_values(criteria, values)
                items.append(NewAssessment(person, values, result, assessed_on=day))
            saved.extend(save_many(store, items, criteria, source="batch"))

        return keep

    return make
