"""Schema (pydantic) errors turned into positioned, friendly issues.

Why: pydantic says ``extra_forbidden at dimensions.0.questions.2.yes_no.wieght``; a program
manager needs ``umkm.yaml:41:9: unknown field 'wieght' -- did you mean 'weight'?``.  Messages
are bounded in size whatever the input (pydantic's own repr of a hostile file can take
seconds), and a value is quoted as it was written in the file.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterator
from difflib import get_close_matches
from typing import Any

from pydantic import ValidationError

from .errors import Issue, Location
from .model import (
    QUESTION_TYPES,
    CriteriaModel,
    DerivedQuestion,
    Dimension,
    Level,
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from .parsing import fold
from .yamlsafe import LoadedYaml, Path, yaml_path

_ALL_FIELDS = sorted(
    {
        name
        for model in (
            CriteriaModel,
            Dimension,
            Level,
            YesNoQuestion,
            SingleChoiceQuestion,
            MultipleChoiceQuestion,
            NumberQuestion,
            ScaleQuestion,
            TextQuestion,
            DerivedQuestion,
        )
        for name in model.model_fields
    }
    | {"points", "not_applicable", "exclusive", "cap", "reason", "fails_if", "en"}
)

_YAML11_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n"}


def _clean_loc(loc: tuple[str | int, ...]) -> Path:
    """Drop pydantic's union tags (``yes_no``, ``function-after[...]``) from an error path."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            part in QUESTION_TYPES or "[" in part or part in {"str", "Text", "int", "float"}
        ):
            continue
        out.append(part)
    return tuple(out)


_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40


def short(value: Any) -> str:
    """A bounded repr: messages never grow with the input (pydantic's can take seconds)."""
    return _REPR.repr(value)


def _source_token(lines: list[str], line: int, column: int) -> str | None:
    """The plain scalar as written at ``line:column`` (``2026.10``, not the float 2026.1)."""
    if not 0 < line <= len(lines):
        return None
    rest = lines[line - 1][column - 1 :]
    token = re.split(r"\s+#|[,}\]]", rest, maxsplit=1)[0].strip()
    return token or None


def schema_issues(
    exc: ValidationError, loaded: LoadedYaml, source: str, lines: list[str]
) -> Iterator[Issue]:
    for err in exc.errors(include_url=False):
        path = _clean_loc(err["loc"])
        kind = err["type"]
        value = err.get("input")
        field_name = str(path[-1]) if path else ""
        prefer_key = kind in {"extra_forbidden"}
        if kind == "union_tag_invalid":
            path = (*path, "type")
            mark = loaded.mark_for(path)
        elif kind == "missing":
            mark = loaded.mark_for(path[:-1])
        else:
            mark = loaded.mark_for(path, prefer_key=prefer_key)
        if kind == "string_type" and not isinstance(value, str):
            value = _source_token(lines, mark.line, mark.column) or value
        message, hint = _explain(kind, field_name, value, err.get("msg", ""), err.get("ctx"))
        yield Issue(
            Location(source, mark.line, mark.column),
            message,
            path=yaml_path(path),
            hint=hint,
            code=_CODES.get(kind, "C100"),
        )


_CODES = {
    "missing": "C101",
    "extra_forbidden": "C102",
    "union_tag_invalid": "C103",
    "union_tag_not_found": "C104",
    "bool_type": "C105",
    "string_type": "C106",
    "greater_than": "C107",
    "string_pattern_mismatch": "C108",
    "literal_error": "C109",
}


def _explain(
    kind: str, name: str, value: Any, msg: str, ctx: dict[str, Any] | None
) -> tuple[str, str]:
    if kind == "missing":
        return f"missing required field '{name}'", f"add '{name}:' here"
    if kind == "extra_forbidden":
        close = get_close_matches(name, _ALL_FIELDS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it, or check docs/criteria.md"
        return f"unknown field '{name}'", hint
    if kind == "union_tag_invalid":
        tag = (ctx or {}).get("tag", value)
        return (
            f"unknown question type '{tag}'",
            "use one of: " + ", ".join(QUESTION_TYPES),
        )
    if kind == "union_tag_not_found":
        return "question has no 'type'", "add 'type:' with one of: " + ", ".join(QUESTION_TYPES)
    if kind == "bool_type":
        if isinstance(value, str) and value.lower() in _YAML11_BOOL_WORDS:
            return (
                f"'{name}' must be true or false, not '{value}'",
                "write true or false (yes/no/on/off are read as text in ekspor files)",
            )
        return f"'{name}' must be true or false, got {short(value)}", "write true or false"
    if kind == "string_type":
        return (
            f"'{name}' must be text, got {short(value)}",
            f'put the value in quotes, e.g. "{value}"',
        )
    if kind in {"greater_than", "greater_than_equal", "less_than_equal", "less_than"}:
        return f"'{name}' {msg.lower()}, got {short(value)}", "change the number"
    if kind == "string_pattern_mismatch":
        suggestion = fold(str(value)).replace(" ", "_").replace("-", "_")
        return (
            f"'{name}' {short(value)} is not a valid key",
            f"use lowercase letters, digits and _ and start with a letter, e.g. '{suggestion}'",
        )
    if kind == "literal_error":
        expected = (ctx or {}).get("expected", "")
        return f"'{name}' must be {expected}, got {short(value)}", f"write {expected}"
    if kind in {"float_type", "int_type", "int_from_float", "float_parsing", "int_parsing"}:
        return f"'{name}' must be a number, got {short(value)}", "write a plain number, e.g. 2.5"
    if kind in {"list_type", "dict_type", "model_type", "model_attributes_type"}:
        want = "a list" if kind == "list_type" else "a mapping (key: value lines)"
        return f"'{name}' must be {want}, got {short(value)}", "see docs/criteria.md"
    if kind == "too_short":
        return f"'{name}' {msg.lower()}", "add the missing items"
    if kind == "value_error":
        return msg.removeprefix("Value error, "), "see docs/criteria.md"
    return f"'{name}': {msg}", "see docs/criteria.md"


def raw_key_issues(loaded: LoadedYaml, source: str) -> Iterator[Issue]:
    """Duplicate question keys, checked on the raw data so they show even with schema errors."""
    data = loaded.data
    seen: dict[str, Path] = {}
    dims = data.get("dimensions") if isinstance(data, dict) else None
    if not isinstance(dims, list):
        return
    for d, dim in enumerate(dims):
        if not isinstance(dim, dict) or not isinstance(dim.get("questions"), list):
            continue
        for q, question in enumerate(dim["questions"]):
            if isinstance(question, dict) and isinstance(question.get("key"), str):
                path: Path = ("dimensions", d, "questions", q, "key")
                key = question["key"]
                if key in seen:
                    mark = loaded.mark_for(path)
                    first = loaded.mark_for(seen[key])
                    yield Issue(
                        Location(source, mark.line, mark.column),
                        f"duplicate question key '{key}' (first used at line {first.line})",
                        path=yaml_path(path),
                        hint="every question key must be unique in the file",
                        code="C201",
                    )
                else:
                    seen[key] = path
