"""The report model: one result, resolved into the words of one language.

Why: the terminal end screen, Markdown, HTML and JSON reports must say the same things in
the same order.  They all render a :class:`Report` built here, so report logic (what is a
blocker, how gaps are ranked, what the labels say, what the action plan is) exists once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .actionplan import ActionPlan, plan_actions
from .answers import format_value
from .criteria import Criteria
from .i18n import Lang
from .model import Text
from .phrases import PROFILE_LABELS, ui
from .report_plan import ReportAction, ReportPlan, plan_words
from .result import Gap, Result, Status

__all__ = [
    "PROFILE_LABELS",
    "DimensionRow",
    "LevelBand",
    "Report",
    "ReportAction",
    "ReportItem",
    "ReportPlan",
    "build_report",
    "palette_index",
    "score_band",
    "ui",
]


def _t(text: Text | None, lang: Lang) -> str:
    return text.get(lang) if text is not None else ""


def palette_index(level_index: int, level_count: int, size: int) -> int | None:
    """Which of ``size`` colours shows a level: the lowest level gets the first, the top
    level the last, the others spread evenly, whatever the level count.  ``None`` when the
    criteria have a single level (nothing to rank)."""
    if level_count <= 1:
        return None
    return round(level_index * (size - 1) / (level_count - 1))


def score_band(score: float) -> int:
    """How a renderer colours a score: 0 below 40, 1 from 40, 2 from 70."""
    return 2 if score >= 70 else 1 if score >= 40 else 0


@dataclass(frozen=True)
class ReportItem:
    """A knock-out, gap or strength as a person reads it."""

    key: str
    label: str
    dimension: str
    status: str = ""
    impact: float = 0.0
    message: str = ""
    next_step: str = ""
    program: str = ""
    answer: str = ""
    evidence: bool | None = None  # officer saw the document: True/False; None = not asked

    def evidence_note(self, lang: Lang) -> str:
        """ "dokumen dilihat" / "dokumen belum dilihat", or '' when it was not asked."""
        if self.evidence is None:
            return ""
        return ui("seen" if self.evidence else "not_seen", lang)


@dataclass(frozen=True)
class DimensionRow:
    key: str
    label: str
    weight: float
    score: float | None


@dataclass(frozen=True)
class LevelBand:
    key: str
    label: str
    min: float


@dataclass(frozen=True)
class Report:
    lang: Lang
    title: str
    profile: tuple[tuple[str, str], ...]
    score: float
    level_label: str
    level_description: str
    level_index: int
    level_count: int
    capped_note: str
    coverage: float
    knockouts: tuple[ReportItem, ...]
    dimensions: tuple[DimensionRow, ...]
    gaps: tuple[ReportItem, ...]
    to_verify: tuple[ReportItem, ...]
    strengths: tuple[ReportItem, ...]
    criteria_line: str
    action_plan: ReportPlan
    saved_to: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = ()  # e.g. "re-scored today: differs from the stored result"
    levels: tuple[LevelBand, ...] = ()
    criteria_sha256: str = ""
    business_name: str = ""

    def phrase(self, key: str, **values: object) -> str:
        return ui(key, self.lang, **values)


def build_report(
    result: Result,
    criteria: Criteria,
    lang: Lang = "id",
    profile: Mapping[str, str] | None = None,
    saved_to: tuple[str, ...] = (),
    *,
    values: Mapping[str, object] | None = None,
    plan: ActionPlan | None = None,
    notes: tuple[str, ...] = (),
    evidence: Mapping[str, bool] | None = None,
) -> Report:
    """Resolve ``result`` into a :class:`Report` in ``lang``.

    ``evidence`` (question key -> the officer saw the document) annotates the items, so
    every format says which claims were checked on paper.

    The action plan is computed from ``values`` (the canonical answers; default: the
    answers recorded in ``result``) unless a precomputed ``plan`` is given.
    """
    dims = {d.key: d.label.get(lang) for d in criteria.dimensions}
    answers = {o.key: o for o in result.outcomes}
    seen = evidence or {}

    def item(gap: Gap) -> ReportItem:
        outcome = answers[gap.key]
        status = gap.status if gap.status != Status.ANSWERED else ""
        return ReportItem(
            key=gap.key,
            label=gap.label.get(lang),
            dimension=dims[gap.dimension],
            status=ui(status, lang) if status else "",
            impact=gap.impact,
            message=_t(gap.message, lang),
            next_step=_t(gap.next_step, lang),
            program=_t(gap.program, lang),
            answer=format_value(outcome.value),
            evidence=seen.get(gap.key),
        )

    level = criteria.level(result.level.key)
    capped = ""
    if result.capped:
        capped = ui("capped", lang, level=result.level_by_score.label.get(lang))
    knockouts = tuple(
        ReportItem(
            key=k.key,
            label=k.label.get(lang),
            dimension=dims[k.dimension],
            status=ui(k.status, lang),
            message=k.reason.get(lang),
            next_step=_t(k.next_step, lang),
            program=_t(k.program, lang),
            answer=format_value(answers[k.key].value),
            evidence=seen.get(k.key),
        )
        for k in result.knockouts
    )
    strengths = tuple(
        ReportItem(
            key=key,
            label=criteria.by_key[key].question.label.get(lang),
            dimension=dims[criteria.by_key[key].dimension.key],
            evidence=seen.get(key),
        )
        for key in result.strengths
    )
    profile_rows = tuple(
        (PROFILE_LABELS.get(k, {}).get(lang, k), str(v))
        for k, v in (profile or {}).items()
        if v not in (None, "")
    )
    return Report(
        lang=lang,
        title=ui("title", lang),
        profile=profile_rows,
        score=result.score,
        level_label=level.label.get(lang),
        level_description=_t(level.description, lang),
        level_index=result.level.index,
        level_count=len(criteria.levels),
        capped_note=capped,
        coverage=result.coverage,
        knockouts=knockouts,
        dimensions=tuple(
            DimensionRow(d.key, d.label.get(lang), d.weight, d.score) for d in result.dimensions
        ),
        gaps=tuple(item(g) for g in result.gaps),
        to_verify=tuple(item(g) for g in result.to_verify),
        strengths=strengths,
        criteria_line=(
            f"{ui('criteria', lang)}: {criteria.title(lang)} ({criteria.id} "
            f"v{criteria.version}, sha256 {criteria.sha256[:12]})"
        ),
        saved_to=saved_to,
        action_plan=plan_words(
            plan if plan is not None else plan_actions(criteria, _answers(result, values)),
            criteria,
            lang,
        ),
        notes=notes,
        levels=tuple(
            LevelBand(lv.key, lv.label.get(lang), float(lv.min)) for lv in criteria.levels
        ),
        criteria_sha256=criteria.sha256,
        business_name=str((profile or {}).get("business_name") or ""),
    )


def _answers(result: Result, values: Mapping[str, object] | None) -> Mapping[str, object]:
    return values if values is not None else result.answers()
