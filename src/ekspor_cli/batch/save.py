"""``ekspor batch --save``: every scored row kept as an assessment in the history.

Why the full result here: the history stores what the engine says (answers, result,
criteria text) so an assessment can be re-rendered years later; the batch fast path does
not build it, so each scored row's cells are kept aside and, once the whole run has
succeeded, read again exactly as the scorer read them and scored with
:func:`~ekspor_cli.scoring.score_values`.  Slower, and only on request.

Profile columns are found by their usual headers (``Nama usaha``, ``Kota``...) and by the
headers ``ekspor export`` writes (``profile_business_name``, ``profile_kecamatan``), and an
export's ``assessed_on`` column gives the visit date: an exported table saved again keeps
its businesses and their dates.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..answers import AnswerReader
from ..criteria import Criteria
from ..fastscore import ScoredChunk
from ..parsing import Decimal, clean, fold
from ..profile_fields import PROFILE_FIELDS, PROFILE_PREFIX
from ..scoring import score_values
from .columns import ColumnPlan
from .rows import Keep
from .scorer import row_answers
from .writer import unneutralise

if TYPE_CHECKING:
    from ..store import NewAssessment

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


class RowSaver:
    """The ``keep`` hook of :func:`~ekspor_cli.batch.run.run_batch` for ``--save``.

    Why two steps: a run can still stop with exit code 2 (a quote never closed on line
    600) or Ctrl-C after its first chunks were scored, and then nothing may be saved --
    saving those chunks would keep half a file in the history, and a re-run after the fix
    would save them twice.  So during the run each scored row's cells (the answers, the
    profile and visit-date columns, exactly as read) wait in a temporary file, one JSON
    line a row; :meth:`finish`, called only once the run has succeeded, reads them back
    with the same reader, scores them and saves them with one
    :func:`~ekspor_cli.store.save_many` (which commits every few hundred rows).  Memory
    stays flat: the rows stream from the file to the database.  Use it as a context
    manager: leaving it deletes the temporary file.
    """

    def __init__(self, store: Any, criteria: Criteria, decimal: Decimal) -> None:
        self._store = store
        self._criteria = criteria
        self._reader = AnswerReader(criteria, decimal)  # no scoring tables: only the cells
        self._file = tempfile.TemporaryFile(  # noqa: SIM115 -- closed by close()
            mode="w+", encoding="utf-8", newline="\n", prefix="ekspor-save-"
        )
        # Where each spooled line keeps its cells: question key / profile field -> position.
        self._answers: dict[str, int] = {}
        self._profile: dict[str, int] = {}
        self._visit: int | None = None

    def __enter__(self) -> RowSaver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def __call__(self, plan: ColumnPlan) -> Keep:
        """The hook for one run's columns: spools the cells of each scored row."""
        found = ((profile_field(plan.header[i]), i) for i in plan.unknown)
        profile = {field: i for field, i in found if field is not None}
        visit = next((i for i in plan.unknown if fold(plan.header[i]) == VISIT_DATE), None)
        columns = [*plan.questions.values(), *profile.values()]
        self._answers = {key: pos for pos, key in enumerate(plan.questions)}
        self._profile = {field: len(plan.questions) + pos for pos, field in enumerate(profile)}
        if visit is not None:
            self._visit = len(columns)
            columns.append(visit)
        write = self._file.write

        def keep(rows: list[list[Any]], scored: ScoredChunk) -> None:
            for pos, row in enumerate(rows):
                if pos not in scored.problems:
                    cells = [row[i] for i in columns]  # text, or a number from a workbook
                    write(json.dumps(cells, ensure_ascii=False, separators=(",", ":")) + "\n")

        return keep

    def finish(self) -> int:
        """Save every spooled row (call only after the run succeeded); how many were saved."""
        from ..store import save_many

        self._file.flush()
        self._file.seek(0)
        return len(save_many(self._store, self._assessments(), self._criteria, source="batch"))

    def _assessments(self) -> Iterator[NewAssessment]:
        from ..parsing import parse_date
        from ..store import NewAssessment

        for text in self._file:
            cells = json.loads(text)
            values = row_answers(self._reader, cells, self._answers)
            # (an exported cell may carry the spreadsheet-safety apostrophe)
            person = {k: str(unneutralise(cells[i])).strip() for k, i in self._profile.items()}
            person = {k: v for k, v in person.items() if v}
            day = parse_date(str(cells[self._visit])) if self._visit is not None else None
            result = score_values(self._criteria, values)
            yield NewAssessment(person, values, result, assessed_on=day)
