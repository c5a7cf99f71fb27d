"""Stored assessments as a table for spreadsheets (CSV/xlsx export), pure.

Why: an office reads exported history next to ``ekspor batch`` output, so the result
columns must be the same -- score, level, each dimension's score, failed knock-outs, top
gaps, coverage -- preceded by who and when.  Cells a spreadsheet would run as a formula
(``=``, ``+``, ``-``, ``@``, tab, CR at the start, unless a plain number) are neutralised:
a business name is never executed by Excel.

NOTE: ``interim_result_columns`` / ``interim_result_cells`` stand in for the batch
engineer's ``ekspor_cli.batch.columns`` (not written yet when this was); switch to those
functions once they exist so there is one definition of the result columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..criteria import Criteria
from ..i18n import Lang
from ..result import Result
from .repository import StoredAssessment

META_COLUMNS = (
    "assessment_id",
    "assessed_on",
    "business_key",
    "business_name",
    "nib",
    "city",
    "officer",
    "source",
    "criteria_id",
    "criteria_version",
)
TOP_GAPS = 3
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def interim_result_columns(criteria_list: Sequence[Criteria]) -> list[str]:
    """Result column names; dimension columns are the union over the criteria versions."""
    dims: list[str] = []
    for criteria in criteria_list:
        dims += [f"dim_{d.key}" for d in criteria.dimensions if f"dim_{d.key}" not in dims]
    return ["score", "level", "level_label", *dims, "knockouts", "top_gaps", "coverage", "error"]


def interim_result_cells(result: Result, criteria: Criteria, lang: Lang) -> dict[str, object]:
    """One assessment's result cells, by column name."""
    cells: dict[str, object] = {
        "score": result.score,
        "level": result.level.key,
        "level_label": result.level.label.get(lang),
        "knockouts": "; ".join(k.key for k in result.knockouts if k.status == "failed"),
        "top_gaps": "; ".join(g.key for g in (result.gaps + result.to_verify)[:TOP_GAPS]),
        "coverage": round(result.coverage, 4),
        "error": "",
    }
    for d in result.dimensions:
        cells[f"dim_{d.key}"] = d.score
    return cells


def neutralise(value: object) -> object:
    """A cell safe for spreadsheets: text that would start a formula gets a leading ``'``."""
    risky = isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")
    if risky and not _PLAIN_NUMBER.match(str(value)):
        return "'" + str(value)
    return value


def export_table(
    rows: Sequence[tuple[StoredAssessment, Result, Criteria]], lang: Lang
) -> tuple[list[str], list[list[object]]]:
    """Header and rows: who/when columns, then the result columns."""
    distinct = {id(c): c for _, _, c in rows}
    result_columns = interim_result_columns(list(distinct.values()))
    header = [*META_COLUMNS, *result_columns]
    table: list[list[object]] = []
    for stored, result, criteria in rows:
        record = stored.record
        meta: dict[str, object] = {
            "assessment_id": record.uuid,
            "assessed_on": record.assessed_on,
            "business_key": stored.business_key,
            "business_name": record.business_name,
            "nib": record.profile.get("nib", ""),
            "city": record.profile.get("city", ""),
            "officer": record.officer,
            "source": record.source,
            "criteria_id": record.criteria_id,
            "criteria_version": record.criteria_version,
        }
        cells = {**meta, **interim_result_cells(result, criteria, lang)}
        table.append([neutralise(cells.get(name, "")) for name in header])
    return header, table
