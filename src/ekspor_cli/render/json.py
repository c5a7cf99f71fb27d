"""The JSON report: the documented result shape plus what the report model adds.

Why build on ``Result.to_dict``: ``ekspor score --json`` already documents that shape and
scripts rely on it; the report adds the business profile, the action plan (machine keys
and the same sentences the other formats show) and any notes -- drawn from the one
:class:`~ekspor_cli.report.Report`, never recomputed here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..report import Report, ReportPlan
from ..result import Result


def plan_dict(plan: ReportPlan) -> dict[str, Any]:
    """The action plan as JSON: keys to act on, targets as canonical answers, and words."""
    return {
        "at_top": plan.at_top,
        "reachable": plan.reachable,
        "target_level": plan.target_key or None,
        "target_label": plan.target_label or None,
        "summary": plan.summary,
        "steps": [
            {
                "question": step.key,
                "label": step.label,
                "dimension": step.dimension,
                "kind": step.kind,
                "status": step.status or None,
                "target": step.target_value,
                "target_text": step.target,
                "impact": step.impact,
                "score_after": step.score_after,
                "level_after": step.level_after_key,
                "recommendation": step.next_step or None,
                "program": step.program or None,
            }
            for step in plan.steps
        ],
        "projected_score": plan.projected_score,
        "projected_level": plan.projected_level,
        "blocked": list(plan.blocked),
    }


def report_dict(
    result: Result,
    report: Report,
    profile: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """``result.to_dict`` in the report's language, plus profile, action plan and notes."""
    data = result.to_dict(report.lang)
    if profile:
        data["profile"] = dict(profile)
    data["action_plan"] = plan_dict(report.action_plan)
    if report.notes:
        data["notes"] = list(report.notes)
    if extra:
        data.update(extra)
    return data


def render_json(
    result: Result,
    report: Report,
    profile: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> str:
    """The JSON report as text (UTF-8, indented, newline-terminated)."""
    return (
        json.dumps(report_dict(result, report, profile, extra), ensure_ascii=False, indent=2) + "\n"
    )
