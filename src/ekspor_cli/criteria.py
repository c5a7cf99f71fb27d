"""Load and validate a criteria file into a ready-to-score :class:`Criteria`.

Why a separate step: validation must report *every* problem in one run, each at its
``file:line:col`` with the YAML path and what to do -- schema errors (pydantic) and
whole-file rules (unique keys, ``when:`` references to earlier questions, level ranges)
alike.  The result is immutable and carries compiled expressions, so the interview and
batch scoring never re-parse anything.

>>> c = load_criteria_text(open_bundled_text(), "umkm-ekspor.yaml")   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import re
import reprlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

from pydantic import ValidationError

from . import expr
from .errors import CriteriaError, Issue, Location
from .i18n import Lang
from .model import (
    QUESTION_TYPES,
    AnyQuestion,
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
from .yamlsafe import LoadedYaml, load_yaml

Path = tuple[str | int, ...]
Evaluator = Callable[[Mapping[str, object]], object]


@dataclass(frozen=True)
class QuestionInfo:
    """A question with everything scoring needs precomputed."""

    question: AnyQuestion
    dimension: Dimension
    index: int  # position in asking order, 0-based, across the whole file
    when: Evaluator | None = None
    when_node: expr.Node | None = None
    derive: Evaluator | None = None
    derive_node: expr.Node | None = None
    fails_if: Evaluator | None = None

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def type(self) -> str:
        return self.question.type

    @property
    def scored(self) -> bool:
        return self.question.scored

    def header_names(self) -> list[str]:
        """Every header a batch file may use for this question (key, labels, aliases)."""
        q = self.question
        names = [q.key, q.label.id]
        if q.label.en:
            names.append(q.label.en)
        names.extend(q.aliases)
        return names


@dataclass(frozen=True, eq=False)  # identity equality/hash: cheap, and plans are cached by it
class Criteria:
    """A validated criteria file, ready to score.  Build it with :func:`load_criteria_text`."""

    model: CriteriaModel
    source: str
    text: str
    sha256: str
    questions: tuple[QuestionInfo, ...]
    by_key: Mapping[str, QuestionInfo] = field(repr=False)

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def levels(self) -> list[Level]:
        return self.model.levels

    @property
    def dimensions(self) -> list[Dimension]:
        return self.model.dimensions

    def level(self, key: str) -> Level:
        return next(lv for lv in self.model.levels if lv.key == key)

    def title(self, lang: Lang) -> str:
        return self.model.title.get(lang)


def load_criteria_text(text: str, source: str = "<criteria>") -> Criteria:
    """Validate criteria YAML ``text`` and compile it; raise :class:`CriteriaError` listing
    every problem.  ``source`` names the file in messages.  No file I/O here."""
    loaded = load_yaml(text, source)
    issues: list[Issue] = []
    if not isinstance(loaded.data, dict):
        raise CriteriaError(
            [
                Issue(
                    Location(source, 1, 1),
                    "a criteria file must be a mapping with 'id', 'version', 'levels', ...",
                    hint="see docs/criteria.md for a complete example",
                    code="C001",
                )
            ]
        )
    try:
        model = CriteriaModel.model_validate(loaded.data)
    except ValidationError as exc:
        issues.extend(_schema_issues(exc, loaded, source, text.splitlines()))
        # Whole-file rules still run on what is readable, so one run shows everything.
        issues.extend(_raw_key_issues(loaded, source))
        raise CriteriaError(_dedupe(issues)) from None
    checker = _Checker(model, loaded, source, text)
    infos = checker.run()
    if checker.issues:
        raise CriteriaError(_dedupe(checker.issues))
    criteria = Criteria(
        model=model,
        source=source,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        questions=tuple(infos),
        by_key={info.key: info for info in infos},
    )
    bad_defaults = list(_default_issues(criteria, loaded))
    if bad_defaults:
        raise CriteriaError(bad_defaults)
    return criteria


def _default_issues(criteria: Criteria, loaded: LoadedYaml) -> Iterator[Issue]:
    """A question's ``default`` must be an answer the interview itself would accept."""
    from .answers import AnswerReader, problem_text
    from .errors import AnswerError

    reader = AnswerReader(criteria)
    for d, dim in enumerate(criteria.dimensions):
        for q, question in enumerate(dim.questions):
            default = getattr(question, "default", None)
            if default is None:
                continue
            try:
                reader.read(question.key, default)
            except AnswerError as err:
                path: Path = ("dimensions", d, "questions", q, "default")
                mark = loaded.mark_for(path)
                yield Issue(
                    Location(criteria.source, mark.line, mark.column),
                    f"default {_short(default)} is not a valid answer: {problem_text(err, 'en')}",
                    yaml_path(path),
                    "give a default the interview accepts, or remove it",
                    "C213",
                )


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen: set[tuple[str, str]] = set()
    out = []
    for issue in issues:
        sig = (str(issue.location), issue.message)
        if sig not in seen:
            seen.add(sig)
            out.append(issue)
    return out


# --- schema (pydantic) errors -> positioned, friendly issues --------------------------------

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


def yaml_path(path: Path) -> str:
    """``('dimensions', 0, 'weight')`` -> ``dimensions[0].weight``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40


def _short(value: Any) -> str:
    """A bounded repr: messages never grow with the input (pydantic's can take seconds)."""
    return _REPR.repr(value)


def _source_token(lines: list[str], line: int, column: int) -> str | None:
    """The plain scalar as written at ``line:column`` (``2026.10``, not the float 2026.1)."""
    if not 0 < line <= len(lines):
        return None
    rest = lines[line - 1][column - 1 :]
    token = re.split(r"\s+#|[,}\]]", rest, maxsplit=1)[0].strip()
    return token or None


def _schema_issues(
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
        return f"'{name}' must be true or false, got {_short(value)}", "write true or false"
    if kind == "string_type":
        return (
            f"'{name}' must be text, got {_short(value)}",
            f'put the value in quotes, e.g. "{value}"',
        )
    if kind in {"greater_than", "greater_than_equal", "less_than_equal", "less_than"}:
        return f"'{name}' {msg.lower()}, got {_short(value)}", "change the number"
    if kind == "string_pattern_mismatch":
        suggestion = fold(str(value)).replace(" ", "_").replace("-", "_")
        return (
            f"'{name}' {_short(value)} is not a valid key",
            f"use lowercase letters, digits and _ and start with a letter, e.g. '{suggestion}'",
        )
    if kind == "literal_error":
        expected = (ctx or {}).get("expected", "")
        return f"'{name}' must be {expected}, got {_short(value)}", f"write {expected}"
    if kind in {"float_type", "int_type", "int_from_float", "float_parsing", "int_parsing"}:
        return f"'{name}' must be a number, got {_short(value)}", "write a plain number, e.g. 2.5"
    if kind in {"list_type", "dict_type", "model_type", "model_attributes_type"}:
        want = "a list" if kind == "list_type" else "a mapping (key: value lines)"
        return f"'{name}' must be {want}, got {_short(value)}", "see docs/criteria.md"
    if kind == "too_short":
        return f"'{name}' {msg.lower()}", "add the missing items"
    if kind == "value_error":
        return msg.removeprefix("Value error, "), "see docs/criteria.md"
    return f"'{name}': {msg}", "see docs/criteria.md"


def _raw_key_issues(loaded: LoadedYaml, source: str) -> Iterator[Issue]:
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


# --- whole-file rules ----------------------------------------------------------------------


def _kind_of(question: AnyQuestion) -> expr.Symbol:
    if isinstance(question, YesNoQuestion):
        return expr.Symbol(expr.Kind.BOOL)
    if isinstance(question, SingleChoiceQuestion):
        return expr.Symbol(expr.Kind.TEXT, frozenset(c.key for c in question.choices))
    if isinstance(question, MultipleChoiceQuestion):
        return expr.Symbol(expr.Kind.SET, frozenset(c.key for c in question.choices))
    if isinstance(question, NumberQuestion | ScaleQuestion | DerivedQuestion):
        return expr.Symbol(expr.Kind.NUMBER)
    return expr.Symbol(expr.Kind.TEXT)


class _Checker:
    """Runs every whole-file rule, collecting issues instead of stopping at the first."""

    def __init__(self, model: CriteriaModel, loaded: LoadedYaml, source: str, text: str) -> None:
        self.lines = text.splitlines()
        self.model = model
        self.loaded = loaded
        self.source = source
        self.issues: list[Issue] = []

    def add(self, path: Path, message: str, hint: str, code: str, *, key: bool = False) -> None:
        mark = self.loaded.mark_for(path, prefer_key=key)
        self.issues.append(
            Issue(
                Location(self.source, mark.line, mark.column), message, yaml_path(path), hint, code
            )
        )

    def run(self) -> list[QuestionInfo]:
        self._levels()
        self._dimension_keys()
        return self._questions()

    def _levels(self) -> None:
        levels = self.model.levels
        keys: set[str] = set()
        for i, level in enumerate(levels):
            if level.key in keys:
                self.add(
                    ("levels", i, "key"),
                    f"duplicate level key '{level.key}'",
                    "every level key must be unique",
                    "C301",
                )
            keys.add(level.key)
        if levels[0].min != 0:
            self.add(
                ("levels", 0, "min"),
                f"the first level must start at min: 0, not {levels[0].min}",
                "set min: 0 so every score has a level",
                "C302",
            )
        for i in range(1, len(levels)):
            if levels[i].min <= levels[i - 1].min:
                self.add(
                    ("levels", i, "min"),
                    f"level '{levels[i].key}' (min {levels[i].min}) must start above "
                    f"level '{levels[i - 1].key}' (min {levels[i - 1].min})",
                    "list levels from lowest to highest with increasing 'min'",
                    "C303",
                )
        for i, level in enumerate(levels):
            if level.max is None:
                continue
            expected = levels[i + 1].min if i + 1 < len(levels) else 100
            if level.max != expected:
                what = "overlaps" if level.max > expected else "leaves a gap before"
                nxt = f"the next level's min {expected}" if i + 1 < len(levels) else "100"
                self.add(
                    ("levels", i, "max"),
                    f"level '{level.key}' max {level.max} {what} {nxt}",
                    f"set max: {expected} or leave 'max' out (it is implied)",
                    "C304",
                )

    def _dimension_keys(self) -> None:
        seen: set[str] = set()
        for d, dim in enumerate(self.model.dimensions):
            if dim.key in seen:
                self.add(
                    ("dimensions", d, "key"),
                    f"duplicate dimension key '{dim.key}'",
                    "every dimension key must be unique",
                    "C202",
                )
            seen.add(dim.key)

    def _questions(self) -> list[QuestionInfo]:
        symbols: dict[str, expr.Symbol] = {}
        headers: dict[str, str] = {}
        infos: list[QuestionInfo] = []
        level_keys = {lv.key for lv in self.model.levels}
        index = 0
        for d, dim in enumerate(self.model.dimensions):
            if not any(q.scored for q in dim.questions):
                self.add(
                    ("dimensions", d, "questions"),
                    f"dimension '{dim.key}' has no scored question",
                    "add a scored question, or move its questions to another dimension",
                    "C203",
                )
            for q, question in enumerate(dim.questions):
                path: Path = ("dimensions", d, "questions", q)
                if question.key in symbols:
                    self.add(
                        (*path, "key"),
                        f"duplicate question key '{question.key}'",
                        "every question key must be unique in the file",
                        "C201",
                    )
                    continue
                self._question_shape(question, path, level_keys)
                self._header_names(question, path, headers)
                info = QuestionInfo(question=question, dimension=dim, index=index)
                info = self._expressions(info, path, symbols)
                symbols[question.key] = _kind_of(question)
                infos.append(info)
                index += 1
        return infos

    def _header_names(self, question: AnyQuestion, path: Path, headers: dict[str, str]) -> None:
        names: list[tuple[str, Path]] = [(question.key, ("key",)), (question.label.id, ("label",))]
        if question.label.en:
            names.append((question.label.en, ("label",)))
        names += [(alias, ("aliases", i)) for i, alias in enumerate(question.aliases)]
        own: set[str] = set()
        for name, where in names:
            folded = fold(name)
            other = headers.get(folded)
            if other is not None and other != question.key:
                self.add(
                    (*path, *where),
                    f"'{name}' is also a key, label or alias of question '{other}'",
                    "batch files match columns by these names: make them unique",
                    "C205",
                )
            own.add(folded)
        for folded in own:
            headers.setdefault(folded, question.key)

    def _question_shape(self, question: AnyQuestion, path: Path, level_keys: set[str]) -> None:
        if isinstance(question, SingleChoiceQuestion | MultipleChoiceQuestion):
            self._choices(question, path)
        if isinstance(question, NumberQuestion | DerivedQuestion) and question.bands is None:
            self._weight_without_effect(
                path,
                "'weight' has no effect without 'bands'",
                "add 'bands:' to score this number, or remove 'weight'",
            )
        ko = question.knockout
        if ko is not None:
            if ko.cap is not None and ko.cap not in level_keys:
                close = get_close_matches(ko.cap, sorted(level_keys), n=1)
                self.add(
                    (*path, "knockout", "cap"),
                    f"unknown level '{ko.cap}'",
                    f"did you mean '{close[0]}'?" if close else "use a key from 'levels'",
                    "C211",
                )
            if not question.scored and ko.fails_if is None:
                self.add(
                    (*path, "knockout"),
                    f"knock-out on '{question.key}' needs 'fails_if' (it is not scored)",
                    "add fails_if: an expression that is true when it fails",
                    "C212",
                )

    def _weight_without_effect(self, path: Path, message: str, hint: str) -> None:
        raw: Any = self.loaded.data
        for part in path:
            raw = raw[part]
        if isinstance(raw, dict) and "weight" in raw:
            self.add((*path, "weight"), message, hint, "C210")

    def _choices(self, question: SingleChoiceQuestion | MultipleChoiceQuestion, path: Path) -> None:
        seen: set[str] = set()
        for c, choice in enumerate(question.choices):
            cpath = (*path, "choices", c)
            if choice.key in seen:
                self.add(
                    (*cpath, "key"),
                    f"duplicate choice key '{choice.key}'",
                    "choice keys must be unique within a question",
                    "C206",
                )
            seen.add(choice.key)
            if choice.exclusive and isinstance(question, SingleChoiceQuestion):
                self.add(
                    (*cpath, "exclusive"),
                    "'exclusive' only applies to multiple_choice",
                    "remove it",
                    "C208",
                )
            if question.record_only:
                continue
            if choice.points is None and not choice.not_applicable:
                self.add(
                    cpath,
                    f"choice '{choice.key}' has no points",
                    "add 'points:' (0 for an answer that is not met), "
                    "'not_applicable: true', or 'record_only: true' on the question",
                    "C207",
                )
        if question.record_only:
            self._weight_without_effect(
                path,
                "'weight' has no effect with 'record_only: true'",
                "remove 'weight' (the question is not scored)",
            )
            return
        counted = [c.points or 0 for c in question.choices if not c.not_applicable]
        if not counted or max(counted) <= 0:
            self.add(
                (*path, "choices"),
                "no applicable choice gives more than 0 points",
                "give the best answer the most points",
                "C209",
            )
        if isinstance(question, MultipleChoiceQuestion) and question.full_points == 0:
            self.add(
                (*path, "full_points"),
                "'full_points' must be greater than 0",
                "leave it out to use the sum of all positive points",
                "C209",
            )

    def _expressions(
        self, info: QuestionInfo, path: Path, symbols: dict[str, expr.Symbol]
    ) -> QuestionInfo:
        question = info.question
        when = self._compile(question.when, (*path, "when"), symbols, expr.Kind.BOOL)
        derive = None
        if isinstance(question, DerivedQuestion):
            derive = self._compile(question.expr, (*path, "expr"), symbols, expr.Kind.NUMBER)
        fails = None
        if question.knockout is not None and question.knockout.fails_if is not None:
            own = {**symbols, question.key: _kind_of(question)}
            fails = self._compile(
                question.knockout.fails_if, (*path, "knockout", "fails_if"), own, expr.Kind.BOOL
            )
        return QuestionInfo(
            question=question,
            dimension=info.dimension,
            index=info.index,
            when=expr.compile_expr(when) if when else None,
            when_node=when,
            derive=expr.compile_expr(derive) if derive else None,
            derive_node=derive,
            fails_if=expr.compile_expr(fails) if fails else None,
        )

    def _compile(
        self, text: str | None, path: Path, symbols: Mapping[str, expr.Symbol], want: expr.Kind
    ) -> expr.Node | None:
        if text is None:
            return None
        mark = self.loaded.mark_for(path)
        try:
            node = expr.parse(text)
        except expr.ExprError as err:
            self._expr_issue(err, mark.line, mark.column, path, text)
            return None
        problems = expr.check(node, symbols, expect=want)
        later = {q.key for dim in self.model.dimensions for q in dim.questions} - set(symbols)
        for problem in problems:
            if any(f"'{name}'" in problem.message for name in later):
                problem = expr.ExprError(
                    problem.message.split(" (")[0] + " -- it is asked later",
                    problem.offset,
                    "a condition can only use questions that come before it",
                )
            self._expr_issue(problem, mark.line, mark.column, path, text)
        return None if problems else node

    def _expr_issue(self, err: expr.ExprError, line: int, col: int, path: Path, text: str) -> None:
        # Point inside a one-line expression; for block scalars the value mark is close enough.
        column = col + err.offset + (1 if self._quoted(line, col) else 0)
        self.issues.append(
            Issue(
                Location(self.source, line, column),
                f"in expression {text!r}: {err.message}",
                yaml_path(path),
                err.hint or "see docs/criteria.md (Expressions)",
                "C401",
            )
        )

    def _quoted(self, line: int, col: int) -> bool:
        lines = self.lines
        if 0 < line <= len(lines):
            row = lines[line - 1]
            return 0 < col <= len(row) and row[col - 1] in "'\""
        return False
