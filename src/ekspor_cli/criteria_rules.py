"""Whole-file rules a schema cannot express, each reported with its position.

Unique keys across the file, batch header names that cannot collide, level ranges without
gaps or overlaps, choices with points, knock-out caps that name a level, and ``when:``,
``expr:`` and ``fails_if:`` expressions parsed and type-checked against the questions asked
*before* them.  Every rule adds issues instead of stopping, so one run shows everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from difflib import get_close_matches
from typing import Any

from . import expr
from .errors import Issue, Location
from .model import (
    AnyQuestion,
    CriteriaModel,
    DerivedQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from .parsing import fold
from .question_info import QuestionInfo, header_sources
from .yamlsafe import LoadedYaml, Path, yaml_path


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


class RuleChecker:
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
        own: set[str] = set()
        for name, where in header_sources(question):
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
        return replace(
            info,
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
