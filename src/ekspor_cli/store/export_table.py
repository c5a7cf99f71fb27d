"""Stored assessments as a spreadsheet table (``ekspor export`` to CSV/xlsx), pure.

Why this shape: an office reads exported history next to ``ekspor batch`` output and
scores exports again after correcting them.  So a row is who and when (``assessment_id``,
dates, ``profile_*`` fields), then one column per question holding the answer in the
form a batch cell takes (``ya``, ``petani; pasar``, ``1500``, ``tidak tahu``), then the
batch's own result columns from :mod:`ekspor_cli.batch.results` -- one definition, so
``ekspor batch export.csv`` reads the answers back and writes the same results.
Neutralising formula-like cells is the batch writers' job (:mod:`ekspor_cli.batch.writer`).

>>> answer_cell(("petani", "pasar"), "dot"), answer_cell(1.125, "dot")
('petani; pasar', '1.1250')
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..answer_codec import DONT_KNOW_TEXT
from ..batch.results import Numbers, result_cells, result_columns
from ..i18n import Lang
from ..model import DerivedQuestion
from ..parsing import DONT_KNOW
from ..profile_fields import PROFILE_FIELDS, PROFILE_PREFIX
from .replay import Replayed

_NOTHING_CHOSEN = ";"  # a multiple choice answered with no choice: read back as ()


@dataclass(frozen=True)
class ExportTable:
    """Header and rows, cells typed as the batch writers take them (``None`` = empty)."""

    header: list[str]
    rows: list[list[object]]


def export_table(
    assessments: Sequence[Replayed], *, lang: Lang = "id", numbers: Numbers = "float"
) -> ExportTable:
    """One row per re-scored assessment.  Assessments scored with different criteria
    share the table: question and dimension columns are the union, in criteria order.
    ``numbers`` is the batch's (``"float"`` for .xlsx, ``"dot"``/``"comma"`` for CSV)."""
    distinct = list({a.criteria.sha256: a.criteria for a in assessments}.values())
    seen = {name for a in assessments for name in a.stored.record.profile}
    business = [*(n for n in PROFILE_FIELDS if n != "officer"), *sorted(seen - {*PROFILE_FIELDS})]
    questions = _union(
        [i.key for i in c.questions if not isinstance(i.question, DerivedQuestion)]
        for c in distinct
    )
    results = _union(result_columns(c) for c in distinct)
    header = [
        "assessment_id",
        "assessed_on",
        "created_at",
        PROFILE_PREFIX + "officer",
        "business_key",
        *(PROFILE_PREFIX + name for name in business),
        "source",
        "criteria_id",
        "criteria_version",
        *questions,
        *results,
    ]
    rows = []
    for item in assessments:
        record = item.stored.record
        answers = {key: answer_cell(value, numbers) for key, value in item.values.items()}
        cells = result_cells(item.result, item.criteria, lang=lang, numbers=numbers)
        scored = dict(zip(result_columns(item.criteria), cells, strict=True))
        rows.append(
            [
                record.uuid,
                record.assessed_on,
                record.created_at,
                record.officer or None,
                item.stored.business_key,
                *(record.profile.get(name) or None for name in business),
                record.source,
                record.criteria_id,
                record.criteria_version,
                *(answers.get(key) for key in questions),
                *(scored.get(name) for name in results),
            ]
        )
    return ExportTable(header, rows)


def answer_cell(value: object, numbers: Numbers = "float") -> object:
    """A canonical answer as a batch input cell that reads back to exactly ``value``.

    Yes/no is ``ya``/``tidak``, choices are keys (several joined by ``; ``), "don't know"
    is ``tidak tahu``, not answered is empty.  Numbers stay numbers for .xlsx; as text
    (``numbers`` not ``"float"``) see :func:`number_text`.
    """
    if value is None:
        return None
    if value is DONT_KNOW:
        return DONT_KNOW_TEXT
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, tuple):
        return "; ".join(value) if value else _NOTHING_CHOSEN
    if isinstance(value, float) and numbers != "float":
        return number_text(value)
    if isinstance(value, int | float):
        return value
    return str(value)


def number_text(value: float) -> str:
    """``1500``, ``2.5``, ``0.125``, ``1.1250``: a number the batch reads back exactly.

    No exponent and no thousands mark; and a decimal point is never followed by exactly
    three digits after one to three leading digits, because batch's automatic reading
    takes ``1.125`` as one thousand one hundred and twenty-five (Indonesian grouping).
    """
    text = format(decimal.Decimal(repr(value + 0.0)), "f")  # + 0.0: no "-0"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    head, _, tail = text.lstrip("-").partition(".")
    if len(tail) == 3 and len(head) <= 3 and head.strip("0"):
        text += "0"
    return text


def _union(lists: Iterable[Sequence[str]]) -> list[str]:
    """Names in order of first appearance; a name new in a later list goes before the next
    name it shares with the earlier ones (a newer version's dimension joins the others)."""
    merged: list[str] = []
    for names in lists:
        for at, name in enumerate(names):
            if name not in merged:
                following = next((n for n in names[at + 1 :] if n in merged), None)
                merged.insert(len(merged) if following is None else merged.index(following), name)
    return merged
