"""Read one answer -- typed in the interview, a batch cell, or a value in an answers file --
into the canonical value scoring uses.

Why one module: the interview, ``ekspor score`` and ``ekspor batch`` must read ``ya``,
``T`` (= Tidak), ``2``, ``1.500`` or a choice label identically.  Canonical values are:
yes/no -> ``bool``; single choice -> choice key ``str``; multiple choice -> ``tuple`` of keys
in the criteria's order; number -> ``float``; scale -> ``int``; text -> ``str``;
"tidak tahu" -> :data:`DONT_KNOW`; not answered -> ``None``.

>>> from ekspor_cli import load_bundled_criteria
>>> AnswerReader(load_bundled_criteria()).read("punya_nib", "Ya ")
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .criteria import Criteria
from .errors import AnswerError, clip
from .i18n import Lang
from .model import (
    AnyQuestion,
    DerivedQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from .parsing import (
    BLANK,
    DONT_KNOW,
    Decimal,
    ParseFailure,
    classify_blank,
    clean,
    fold,
    parse_number,
    parse_yes_no,
    split_multi,
)

__all__ = ["DONT_KNOW", "AnswerReader", "Reading", "format_value"]


@dataclass(frozen=True)
class Reading:
    """A value read from text, with a note when the reading deserves confirmation."""

    value: object
    note: str | None = None  # e.g. "1.500 read as 1500 (dot = thousands separator)"


def _problem(question: AnyQuestion, value: object, id_text: str, en_text: str) -> AnswerError:
    texts = {"id": id_text, "en": en_text}
    return AnswerError(en_text, question=question.key, value=_show(value), texts=texts)


def problem_text(err: AnswerError, lang: Lang) -> str:
    """The error message in ``lang`` (answer errors carry both languages)."""
    return err.texts.get(lang) or err.message


def _show(value: object) -> str:
    return clip(str(value), 60)


class AnswerReader:
    """Reads answers for one criteria file; lookup tables are built once, then reused.

    ``decimal`` is the number convention: ``"auto"`` (Indonesian-first guessing, ambiguous
    readings flagged), ``"comma"`` (1.500,5) or ``"dot"`` (1,500.5).
    """

    def __init__(self, criteria: Criteria, decimal: Decimal = "auto") -> None:
        self.criteria = criteria
        self.decimal: Decimal = decimal
        self._choices: dict[str, dict[str, str]] = {}
        for info in criteria.questions:
            q = info.question
            if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
                table: dict[str, str] = {}
                for number, choice in enumerate(q.choices, start=1):
                    names = [choice.key, choice.label.id, str(number), *choice.aliases]
                    if choice.label.en:
                        names.append(choice.label.en)
                    for name in names:
                        table.setdefault(fold(name), choice.key)
                self._choices[q.key] = table
            elif isinstance(q, ScaleQuestion):
                table = {}
                for point, label in q.labels.items():
                    table[fold(label.id)] = str(point)
                    if label.en:
                        table.setdefault(fold(label.en), str(point))
                self._choices[q.key] = table

    def question(self, key: str) -> AnyQuestion:
        info = self.criteria.by_key.get(key)
        if info is None:
            raise AnswerError(f"unknown question '{key}'", question=key)
        return info.question

    def read(self, key: str, raw: object) -> object:
        """The canonical value of ``raw`` for question ``key``; raises :class:`AnswerError`."""
        return self.read_detail(key, raw).value

    def read_detail(self, key: str, raw: object) -> Reading:
        question = self.question(key)
        if raw is None:
            return Reading(None)
        if raw is DONT_KNOW:
            return self._dont_know(question, raw)
        if isinstance(raw, str):
            kind = classify_blank(raw)
            if kind is BLANK:
                return Reading(None)
            if kind is DONT_KNOW:
                return self._dont_know(question, raw)
        if isinstance(question, DerivedQuestion):
            raise _problem(
                question,
                raw,
                f"'{key}' dihitung otomatis, tidak diisi",
                f"'{key}' is computed from other answers; do not fill it in",
            )
        if isinstance(question, YesNoQuestion):
            return Reading(self._yes_no(question, raw))
        if isinstance(question, SingleChoiceQuestion):
            return Reading(self._single(question, raw))
        if isinstance(question, MultipleChoiceQuestion):
            return Reading(self._multiple(question, raw))
        if isinstance(question, NumberQuestion):
            return self._number(question, raw)
        if isinstance(question, ScaleQuestion):
            return Reading(self._scale(question, raw))
        return Reading(self._text(question, raw))

    def read_all(self, raw: Mapping[str, Any]) -> tuple[dict[str, object], list[AnswerError]]:
        """Read a whole mapping; returns the values and *every* error (unknown keys too)."""
        values: dict[str, object] = {}
        errors: list[AnswerError] = []
        for key, value in raw.items():
            try:
                values[key] = self.read(str(key), value)
            except AnswerError as err:
                if str(key) not in self.criteria.by_key:
                    from difflib import get_close_matches

                    close = get_close_matches(str(key), list(self.criteria.by_key), n=1)
                    err.hint = f"did you mean '{close[0]}'?" if close else ""
                errors.append(err)
        return values, errors

    # --- per type ------------------------------------------------------------------------

    def _dont_know(self, question: AnyQuestion, raw: object) -> Reading:
        if not question.allow_dont_know:
            raise _problem(
                question,
                raw,
                "'tidak tahu' tidak diizinkan untuk pertanyaan ini",
                "'don't know' is not allowed for this question",
            )
        return Reading(DONT_KNOW)

    def _yes_no(self, question: YesNoQuestion, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        try:
            return parse_yes_no(str(raw))
        except ParseFailure:
            raise _problem(
                question,
                raw,
                f"'{_show(raw)}' bukan jawaban ya/tidak (ketik ya/y/1 atau tidak/t/0)",
                f"'{_show(raw)}' is not a yes/no answer (type ya/y/yes/1 or tidak/t/no/0)",
            ) from None

    def _choice_key(
        self, question: SingleChoiceQuestion | MultipleChoiceQuestion, raw: object
    ) -> str:
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
        key = self._choices[question.key].get(fold(text))
        if key is None:
            allowed = ", ".join(f"{n}={c.key}" for n, c in enumerate(question.choices, start=1))
            raise _problem(
                question,
                raw,
                f"'{_show(raw)}' bukan pilihan yang ada; pilih: {allowed}",
                f"'{_show(raw)}' is not one of the choices; use: {allowed}",
            )
        return key

    def _single(self, question: SingleChoiceQuestion, raw: object) -> str:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise _problem(question, raw, "pilih satu jawaban", "choose one answer")
        return self._choice_key(question, raw)

    def _multiple(self, question: MultipleChoiceQuestion, raw: object) -> tuple[str, ...]:
        if isinstance(raw, list | tuple | set | frozenset):
            parts: list[object] = list(raw)
        elif isinstance(raw, str):
            parts = list(split_multi(raw))
        else:
            parts = [raw]
        chosen = {self._choice_key(question, part) for part in parts}
        if not chosen:
            return ()
        exclusive = [c.key for c in question.choices if c.exclusive and c.key in chosen]
        if exclusive and len(chosen) > 1:
            raise _problem(
                question,
                raw,
                f"'{exclusive[0]}' tidak bisa digabung dengan pilihan lain",
                f"'{exclusive[0]}' cannot be combined with other choices",
            )
        return tuple(c.key for c in question.choices if c.key in chosen)

    def _number(self, question: NumberQuestion, raw: object) -> Reading:
        note = None
        if isinstance(raw, bool):
            raise _problem(question, raw, "isi dengan angka", "enter a number")
        if isinstance(raw, int | float):
            value = float(raw)
            if not math.isfinite(value):
                raise _problem(question, raw, "isi dengan angka", "enter a number")
        else:
            try:
                parsed = parse_number(str(raw), self.decimal)
            except ParseFailure as exc:
                raise _problem(
                    question,
                    raw,
                    f"'{_show(raw)}' bukan angka (contoh: 1500, 1.500, 2,5)",
                    f"'{_show(raw)}' is not a number ({exc}; e.g. 1500, 1.500, 2,5)",
                ) from None
            value = parsed.value
            note = parsed.reading if parsed.ambiguous else None
        if question.integer and not value.is_integer():
            raise _problem(question, raw, "isi dengan bilangan bulat", "enter a whole number")
        if question.min is not None and value < question.min:
            raise _problem(
                question,
                raw,
                f"angka minimal {format_value(question.min)}",
                f"the number must be at least {format_value(question.min)}",
            )
        if question.max is not None and value > question.max:
            raise _problem(
                question,
                raw,
                f"angka maksimal {format_value(question.max)}",
                f"the number must be at most {format_value(question.max)}",
            )
        return Reading(value, note)

    def _scale(self, question: ScaleQuestion, raw: object) -> int:
        if isinstance(raw, bool):
            raise _problem(question, raw, "isi angka skala", "enter a scale value")
        text = str(int(raw)) if isinstance(raw, int | float) and float(raw).is_integer() else raw
        text = clean(self._choices[question.key].get(fold(str(text)), str(text)))
        # Only plain ASCII digits: int() would also take "1_000", "٣" or "１２".
        value = int(text) if text.isascii() and text.isdigit() else None
        if value is None or not question.min <= value <= question.max:
            raise _problem(
                question,
                raw,
                f"isi angka {question.min} sampai {question.max}",
                f"enter a whole number from {question.min} to {question.max}",
            )
        return value

    def _text(self, question: TextQuestion, raw: object) -> str:
        text = clean(str(raw))
        if len(text) > question.max_length:
            raise _problem(
                question,
                raw,
                f"teks terlalu panjang (maks. {question.max_length} karakter)",
                f"text is too long (at most {question.max_length} characters)",
            )
        return text


def format_value(value: object) -> str:
    """A value as a person reads it: ``1500.0`` -> ``1500``, tuples joined, bools ya/tidak."""
    if value is None:
        return ""
    if value is DONT_KNOW:
        return "tidak tahu"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.6g}"
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)
