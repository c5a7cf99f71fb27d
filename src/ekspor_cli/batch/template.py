"""An empty input sheet for ``ekspor batch``, with a guide to every column.

Why: office staff collect answers in Excel or Google Sheets; a sheet whose headers are the
question keys needs no ``--map``, and a guide next to it (question, type, allowed answers,
when it applies) saves a phone call per column.  The .xlsx template has the guide on a
second sheet and drop-down lists for yes/no and single-choice columns (typing other
accepted forms such as ``Y`` or ``T`` still works); a CSV template gets a companion
``NAME.columns.csv``.  A filled template scores unchanged.
"""

from __future__ import annotations

from typing import BinaryIO, Literal

from ..answers import format_value
from ..criteria import Criteria
from ..i18n import Lang
from ..model import (
    AnyQuestion,
    DerivedQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from .writer import neutralise

NAME_COLUMN = "nama_usaha"
Headers = Literal["key", "label"]
_ROWS_WITH_LISTS = 5000  # drop-down lists cover this many data rows

_GUIDE = {
    "id": [
        "kolom",
        "kunci",
        "pertanyaan",
        "jenis",
        "jawaban yang diterima",
        "wajib",
        "ditanyakan bila",
        "catatan",
    ],
    "en": [
        "column",
        "key",
        "question",
        "type",
        "accepted answers",
        "required",
        "asked when",
        "notes",
    ],
}
_TYPES = {
    "id": {
        "yes_no": "ya/tidak",
        "single_choice": "pilihan tunggal",
        "multiple_choice": "pilihan ganda",
        "number": "angka",
        "scale": "skala",
        "text": "teks",
    },
    "en": {
        "yes_no": "yes/no",
        "single_choice": "single choice",
        "multiple_choice": "multiple choice",
        "number": "number",
        "scale": "scale",
        "text": "text",
    },
}
_WORDS = {
    "id": {
        "name": "Nama usaha (tidak dinilai; dipakai di ringkasan)",
        "yes": "ya / tidak (juga y/t, 1/0, sudah/belum; T = tidak)",
        "one": "satu pilihan: ",
        "many": "satu atau lebih, dipisah ';' : ",
        "number": "angka (1.500 = seribu lima ratus; 2,5 = dua setengah)",
        "scale": "angka bulat {low} sampai {high}",
        "text": "teks bebas, paling banyak {n} karakter",
        "blank": "kosong, - atau N/A = belum dijawab",
        "dont_know": "'tidak tahu' boleh",
        "required": "ya",
        "sheet": "Kolom",
    },
    "en": {
        "name": "Business name (not scored; used in the summary)",
        "yes": "ya / tidak (also y/t, 1/0, yes/no; T = tidak = no)",
        "one": "one choice: ",
        "many": "one or more, separated by ';' : ",
        "number": "a number (1.500 = one thousand five hundred; 2,5 = two and a half)",
        "scale": "a whole number from {low} to {high}",
        "text": "free text, at most {n} characters",
        "blank": "empty, - or N/A = not answered",
        "dont_know": "'tidak tahu' (don't know) allowed",
        "required": "yes",
        "sheet": "Columns",
    },
}


def _questions(criteria: Criteria) -> list[AnyQuestion]:
    return [i.question for i in criteria.questions if not isinstance(i.question, DerivedQuestion)]


def template_header(criteria: Criteria, headers: Headers = "key", lang: Lang = "id") -> list[str]:
    """The template's header: a name column, then one column per question asked."""
    names = [q.key if headers == "key" else q.label.get(lang) for q in _questions(criteria)]
    return names if NAME_COLUMN in criteria.by_key else [NAME_COLUMN, *names]


def column_guide(
    criteria: Criteria, headers: Headers = "key", lang: Lang = "id"
) -> tuple[list[str], list[list[str]]]:
    """(header, rows) documenting every template column."""
    words = _WORDS[lang]
    rows: list[list[str]] = []
    if NAME_COLUMN not in criteria.by_key:
        rows.append([NAME_COLUMN, "", words["name"], _TYPES[lang]["text"], "", "", "", ""])
    for q in _questions(criteria):
        column = q.key if headers == "key" else q.label.get(lang)
        accepted = [allowed_answers(q, lang), words["blank"]]
        if q.allow_dont_know and not isinstance(q, TextQuestion):
            accepted.append(words["dont_know"])
        notes = [t.get(lang) for t in (getattr(q, "unit", None), q.help) if t is not None]
        rows.append(
            [
                column,
                q.key,
                q.label.get(lang),
                _TYPES[lang].get(q.type, q.type),
                "; ".join(accepted),
                words["required"] if q.required else "",
                q.when or "",
                " -- ".join(notes),
            ]
        )
    return list(_GUIDE[lang]), rows


def allowed_answers(q: AnyQuestion, lang: Lang = "id") -> str:
    """What a cell of this question may hold, in words."""
    words = _WORDS[lang]
    if isinstance(q, YesNoQuestion):
        return words["yes"]
    if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
        choices = "; ".join(
            f"{n}={c.key} ({c.label.get(lang)})" for n, c in enumerate(q.choices, start=1)
        )
        return (words["one"] if isinstance(q, SingleChoiceQuestion) else words["many"]) + choices
    if isinstance(q, NumberQuestion):
        bounds = [
            f"min {format_value(float(q.min))}" if q.min is not None else "",
            f"max {format_value(float(q.max))}" if q.max is not None else "",
        ]
        extra = ", ".join(b for b in bounds if b)
        return words["number"] + (f"; {extra}" if extra else "")
    if isinstance(q, ScaleQuestion):
        labels = ", ".join(f"{k} = {v.get(lang)}" for k, v in sorted(q.labels.items()))
        text = words["scale"].format(low=q.min, high=q.max)
        return text + (f" ({labels})" if labels else "")
    if isinstance(q, TextQuestion):
        return words["text"].format(n=q.max_length)
    return ""


def _choice_list(q: AnyQuestion) -> str | None:
    """A drop-down list formula, when the choices fit Excel's 255-character limit."""
    if isinstance(q, YesNoQuestion):
        return '"ya,tidak,tidak tahu"' if q.allow_dont_know else '"ya,tidak"'
    if isinstance(q, SingleChoiceQuestion):
        formula = '"' + ",".join(c.key for c in q.choices) + '"'
        return formula if len(formula) <= 255 else None
    return None


def write_xlsx_template(
    handle: BinaryIO, criteria: Criteria, headers: Headers = "key", lang: Lang = "id"
) -> None:
    """The .xlsx template: a data sheet with drop-downs, and the column guide."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    data = book.active
    data.title = "Data"
    header = template_header(criteria, headers, lang)
    data.append([neutralise(h) for h in header])
    data.freeze_panes = "A2"
    questions = {q.key if headers == "key" else q.label.get(lang): q for q in _questions(criteria)}
    for index, name in enumerate(header, start=1):
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = min(40, max(12, len(name) + 2))
        data.cell(row=1, column=index).font = Font(bold=True)
        q = questions.get(name)
        if q is None:
            continue
        formula = _choice_list(q)
        validation = DataValidation(
            type="list" if formula else None,
            formula1=formula,
            allow_blank=True,
            showErrorMessage=False,  # other accepted forms (Y, T, 1, labels) stay allowed
            showInputMessage=True,
            promptTitle=q.key[:32],
            prompt=q.label.get(lang)[:255],
        )
        validation.add(f"{letter}2:{letter}{_ROWS_WITH_LISTS + 1}")
        data.add_data_validation(validation)
    guide = book.create_sheet(_WORDS[lang]["sheet"])
    guide_header, rows = column_guide(criteria, headers, lang)
    guide.append(guide_header)
    for row in rows:
        guide.append([neutralise(cell) for cell in row])
    for index, width in enumerate((24, 24, 50, 16, 60, 8, 30, 40), start=1):
        guide.column_dimensions[get_column_letter(index)].width = width
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.freeze_panes = "A2"
    book.save(handle)
