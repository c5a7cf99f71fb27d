"""The action plan in words: labels, the answer to aim for, and where the score then stands.

Why separate from :mod:`ekspor_cli.actionplan`: that module computes (pure numbers and
keys); this one only resolves them into one language for the report model, so every
renderer shows the same sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .actionplan import ActionPlan, ActionStep
from .answers import format_value
from .criteria import Criteria, QuestionInfo
from .i18n import Lang
from .model import (
    DerivedQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from .phrases import ui
from .result import Status
from .result import _json_value as json_value  # the one JSON convention for answers


@dataclass(frozen=True)
class ReportAction:
    """One step of the action plan, in words: what to change, to what, and what it gives."""

    key: str
    label: str
    dimension: str
    kind: str  # "knockout" | "gap" | "verify" (machine key; ``kind_text`` is the words)
    kind_text: str
    status: str
    target: str
    impact: float
    score_after: float
    level_after: str
    next_step: str = ""
    program: str = ""
    target_value: object = None  # the canonical answer, JSON-ready (lists, "tidak tahu")
    level_after_key: str = ""


@dataclass(frozen=True)
class ReportPlan:
    """The action plan in words (see :mod:`ekspor_cli.actionplan` for how it is computed)."""

    at_top: bool
    reachable: bool
    target_key: str
    target_label: str
    summary: str
    projected: str
    projected_score: float
    projected_level: str
    steps: tuple[ReportAction, ...]
    blocked: tuple[str, ...] = ()


def plan_words(plan: ActionPlan, criteria: Criteria, lang: Lang) -> ReportPlan:
    """The action plan in the words of ``lang`` (labels, targets, next steps)."""
    dims = {d.key: d.label.get(lang) for d in criteria.dimensions}
    projected_level = plan.projected_level.label.get(lang)
    steps = tuple(_action(step, criteria.by_key[step.key], dims, lang) for step in plan.steps)
    target = plan.target.label.get(lang) if plan.target is not None else ""
    if plan.at_top:
        summary = ui("plan_top", lang)
    elif plan.reachable:
        summary = ui("plan_goal", lang, level=target, n=len(steps))
    else:  # (with no step listed, promise none)
        summary = ui("plan_unreachable" if steps else "plan_unreachable_now", lang, level=target)
    return ReportPlan(
        at_top=plan.at_top,
        reachable=plan.reachable,
        target_key=plan.target.key if plan.target is not None else "",
        target_label=target,
        summary=summary,
        projected=""
        if plan.at_top
        else ui("plan_projected", lang, score=f"{plan.projected_score:.1f}", level=projected_level),
        projected_score=plan.projected_score,
        projected_level=projected_level,
        steps=steps,
        blocked=tuple(criteria.by_key[key].question.label.get(lang) for key in plan.blocked),
    )


def _action(
    step: ActionStep, info: QuestionInfo, dims: Mapping[str, str], lang: Lang
) -> ReportAction:
    q = info.question
    return ReportAction(
        key=step.key,
        label=q.label.get(lang),
        dimension=dims[step.dimension],
        kind=step.kind,
        kind_text=ui(f"kind_{step.kind}", lang),
        status=ui(step.status, lang) if step.status != Status.ANSWERED else "",
        target=target_text(info, step, lang),
        impact=step.impact,
        score_after=step.score_after,
        level_after=step.level_after.label.get(lang),
        next_step=q.next_step.get(lang) if q.next_step else "",
        program=q.program.get(lang) if q.program else "",
        target_value=json_value(step.target),
        level_after_key=step.level_after.key,
    )


def target_text(info: QuestionInfo, step: ActionStep, lang: Lang) -> str:
    """The answer that closes a gap, as a person reads it: "ya", "BPOM MD", "minimal 1"."""
    q = info.question
    value = step.target
    if isinstance(q, YesNoQuestion):
        return ui("yes" if value else "no", lang)
    if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
        labels = {c.key: c.label.get(lang) for c in q.choices}
        keys = value if isinstance(value, tuple) else (value,)
        return ", ".join(labels.get(str(k), str(k)) for k in keys)
    unit = ""
    if isinstance(q, NumberQuestion | DerivedQuestion) and q.unit is not None:
        unit = " " + q.unit.get(lang)
    if isinstance(q, ScaleQuestion) and isinstance(value, int):
        label = q.labels.get(value)
        shown = f"{value} ({label.get(lang)})" if label is not None else str(value)
        return ui("at_least", lang, value=shown) if value < q.max else shown
    if step.low is not None:
        low = format_value(step.low) + unit
        if step.high is not None:
            return ui("between", lang, low=low, high=format_value(step.high) + unit)
        return ui("at_least", lang, value=low)
    return format_value(value) + unit
