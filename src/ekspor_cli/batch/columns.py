"""Match an input's header to the criteria's questions, once, before any row is read.

Why up front: a wrong or missing column is one problem of the file, not a problem of each
of its 50,000 rows.  A header matches a question by the question's key, its Indonesian or
English label or one of its aliases, ignoring case and extra spaces (``fold``); a
``--map`` file (YAML ``header: question_key``) names the rest, or ``header: null`` to
leave a column out.  Everything else is carried through untouched.  Refused, with every
reason at once: two columns with the same name, two columns for one question, a map that
names an unknown question, a required question without a column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches

from ..criteria import Criteria
from ..errors import CriteriaError, InputError
from ..model import DerivedQuestion
from ..parsing import fold
from ..yamlsafe import load_yaml

__all__ = ["ColumnPlan", "column_name", "known_names", "load_map", "match_columns"]


@dataclass(frozen=True)
class ColumnPlan:
    """Which input column answers which question, and what happens to the others."""

    header: list[str]
    questions: dict[str, int]  # question key -> input column
    unknown: list[int] = field(default_factory=list)  # carried through untouched
    dropped: list[int] = field(default_factory=list)  # earlier ekspor results: replaced
    unanswered: list[str] = field(default_factory=list)  # questions without a column
    notes: list[str] = field(default_factory=list)  # warnings worth showing once

    def kept(self) -> list[int]:
        """Input columns written to the output, in input order."""
        drop = set(self.dropped)
        return [i for i in range(len(self.header)) if i not in drop]


def column_name(header: Sequence[str], index: int) -> str:
    """A column as a person finds it: its header, or its spreadsheet letter if unnamed."""
    name = header[index] if index < len(header) else ""
    return name or f"({_letter(index)})"


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return f"column {letters}"


def known_names(criteria: Criteria) -> dict[str, str]:
    """Folded header name -> question key, for every question that is read from a column."""
    names: dict[str, str] = {}
    for info in criteria.questions:
        if isinstance(info.question, DerivedQuestion):
            continue
        for name in info.header_names():
            names.setdefault(fold(name), info.key)
    return names


def load_map(text: str, source: str) -> dict[str, str | None]:
    """Read a ``--map`` file: ``header: question_key`` lines (``null`` = leave out)."""
    try:
        loaded = load_yaml(text, source, plain_scalars_as_text=True)
    except CriteriaError as err:
        raise InputError(
            err.format(), "a map file has lines like  Nama kolom: question_key"
        ) from None
    data = loaded.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            f"{source}: a map file must be a mapping", "write lines like  Punya NIB?: punya_nib"
        )
    out: dict[str, str | None] = {}
    for header, key in data.items():
        if not isinstance(key, str | type(None)) or isinstance(header, list | dict):
            mark = loaded.mark_for((header,))
            raise InputError(
                f"{source}:{mark.line}: '{header}' must map to one question key (or null)",
                "write  Nama kolom: question_key",
            )
        out[str(header)] = key or None
    return out


def match_columns(
    header: Sequence[str],
    criteria: Criteria,
    mapping: Mapping[str, str | None] | None = None,
    *,
    result_names: Iterable[str] = (),
) -> ColumnPlan:
    """Match ``header`` to questions; raise :class:`InputError` listing every problem."""
    names = known_names(criteria)
    derived = {
        fold(n): info.key
        for info in criteria.questions
        if isinstance(info.question, DerivedQuestion)
        for n in info.header_names()
    }
    mapped = {fold(h): key for h, key in (mapping or {}).items()}
    ours = {fold(n) for n in result_names}
    problems: list[str] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    questions: dict[str, int] = {}
    unknown: list[int] = []
    dropped: list[int] = []
    for index, text in enumerate(header):
        folded = fold(text)
        where = f"column {index + 1} '{column_name(header, index)}'"
        if folded and folded in seen:
            first = seen[folded]
            problems.append(
                f"{where} has the same name as column {first + 1} "
                f"('{column_name(header, first)}'): rename one of them"
            )
            continue
        if folded:
            seen[folded] = index
        if folded in mapped:
            key = mapped[folded]
            if key is None:
                unknown.append(index)
                continue
            if key not in criteria.by_key or key in derived.values():
                close = get_close_matches(key, list(names.values()), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(f"the map sends {where} to unknown question '{key}'{hint}")
                continue
        elif folded in ours:
            dropped.append(index)
            continue
        elif folded in names:
            key = names[folded]
        else:
            if folded in derived:
                notes.append(
                    f"{where} has the name of '{derived[folded]}', which ekspor computes "
                    "from other answers: the column is carried through, not read"
                )
            unknown.append(index)
            continue
        if key in questions:
            other = questions[key]
            problems.append(
                f"{where} and column {other + 1} ('{column_name(header, other)}') both "
                f"answer question '{key}': keep one, or map one to null with --map"
            )
            continue
        questions[key] = index
    for text in mapping or {}:
        if fold(text) not in seen:
            notes.append(f"the map names column '{text}', which the input does not have")
    readable = [i for i in criteria.questions if not isinstance(i.question, DerivedQuestion)]
    for info in readable:
        if info.question.required and info.key not in questions:
            accepted = ", ".join(f"'{n}'" for n in info.header_names()[:4])
            problems.append(
                f"no column for required question '{info.key}' ({info.question.label.id}); "
                f"name a column {accepted}, or map one with --map"
            )
    if dropped:
        shown = ", ".join(column_name(header, i) for i in dropped[:3])
        notes.append(f"earlier ekspor result columns ({shown}...) are replaced by new results")
    if problems:
        raise InputError(
            f"{len(problems)} problem(s) with the input's columns:\n  " + "\n  ".join(problems),
            "fix the header row (or add a --map file) and run again",
        )
    unanswered = [i.key for i in readable if i.key not in questions]
    return ColumnPlan(list(header), questions, unknown, dropped, unanswered, notes)
