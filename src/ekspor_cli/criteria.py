"""Load and validate a criteria file into a ready-to-score :class:`Criteria`.

Why a separate step: validation must report *every* problem in one run, each at its
``file:line:col`` with the YAML path and what to do -- schema errors (pydantic, see
:mod:`~ekspor_cli.criteria_schema`) and whole-file rules (see
:mod:`~ekspor_cli.criteria_rules`) alike.  The result is immutable and carries compiled
expressions, so the interview and batch scoring never re-parse anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from .criteria_rules import RuleChecker
from .criteria_schema import raw_key_issues, schema_issues, short
from .errors import AnswerError, CriteriaError, Issue, Location
from .i18n import Lang
from .model import CriteriaModel, Dimension, Level
from .question_info import Evaluator, QuestionInfo
from .yamlsafe import LoadedYaml, Path, load_yaml, yaml_path

__all__ = ["Criteria", "Evaluator", "QuestionInfo", "load_criteria_text", "yaml_path"]


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
        issues.extend(schema_issues(exc, loaded, source, text.splitlines()))
        # Whole-file rules still run on what is readable, so one run shows everything.
        issues.extend(raw_key_issues(loaded, source))
        raise CriteriaError(_dedupe(issues)) from None
    checker = RuleChecker(model, loaded, source, text)
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
    from .answers import AnswerReader, problem_text  # answers imports this module

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
                    f"default {short(default)} is not a valid answer: {problem_text(err, 'en')}",
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
