"""Markdown rendering of a report: for sharing by e-mail or chat, and printing.

Pure: returns a string.  User text is escaped so a business called ``*Maju* | Jaya``
cannot break the tables.  Section order matches the HTML and terminal reports: headline,
blockers, dimensions, action plan, ranked gaps, to verify, strengths, criteria.
"""

from __future__ import annotations

from ..report import Report, ReportItem, ReportPlan


def _esc(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def _item_lines(report: Report, items: tuple[ReportItem, ...], *, impact: bool) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(items, start=1):
        head = f"{n}. **{_esc(item.label)}** ({_esc(item.dimension)})"
        if item.status:
            head += f" -- {_esc(item.status)}"
        if impact and item.impact:
            head += f" -- {report.phrase('impact', points=f'{item.impact:.1f}')}"
        lines.append(head)
        if item.message:
            lines.append(f"   - {_esc(item.message)}")
        if item.next_step:
            lines.append(f"   - {report.phrase('next_step')}: {_esc(item.next_step)}")
        if item.program:
            lines.append(f"   - {report.phrase('program')}: {_esc(item.program)}")
        if item.evidence is not None:
            lines.append(f"   - {_esc(item.evidence_note(report.lang))}")
    return lines


def _strength_line(report: Report, item: ReportItem) -> str:
    note = item.evidence_note(report.lang)
    return f"- {_esc(item.label)}" + (f" ({_esc(note)})" if note else "")


def _plan_lines(report: Report, plan: ReportPlan) -> list[str]:
    lines = [f"## {report.phrase('plan')}", "", _esc(plan.summary)]
    if plan.steps:
        lines.append("")
    for n, step in enumerate(plan.steps, start=1):
        head = f"{n}. **{_esc(step.label)}** ({_esc(step.dimension)}) -- {_esc(step.kind_text)}"
        if step.status:
            head += f", {_esc(step.status)}"
        lines.append(head)
        after = report.phrase("after", score=f"{step.score_after:.1f}", level=step.level_after)
        lines.append(f"   - {report.phrase('target')}: {_esc(step.target)} -- {_esc(after)}")
        if step.next_step:
            lines.append(f"   - {report.phrase('next_step')}: {_esc(step.next_step)}")
        if step.program:
            lines.append(f"   - {report.phrase('program')}: {_esc(step.program)}")
    if plan.blocked:
        blocked = ", ".join(_esc(b) for b in plan.blocked)
        lines += ["", f"{report.phrase('plan_blocked')}: {blocked}"]
    if plan.projected:
        lines += ["", f"**{_esc(plan.projected)}**"]
    return lines


def render_markdown(report: Report) -> str:
    lines = [f"# {report.title}", ""]
    if report.profile:
        lines += ["| | |", "|---|---|"]
        lines += [f"| {_esc(k)} | {_esc(v)} |" for k, v in report.profile]
        lines.append("")
    lines.append(
        f"**{report.phrase('score')}: {report.score:.1f} / 100** -- "
        f"**{report.phrase('level')}: {_esc(report.level_label)}**"
    )
    if report.capped_note:
        lines += ["", f"> {_esc(report.capped_note)}"]
    for note in report.notes:
        lines += ["", f"> {report.phrase('notes')}: {_esc(note)}"]
    if report.level_description:
        lines += ["", _esc(report.level_description)]
    lines += ["", f"{report.phrase('coverage')}: {report.coverage:.0%}", ""]
    lines += [f"## {report.phrase('blockers')}", ""]
    lines += _item_lines(report, report.knockouts, impact=False) or [report.phrase("none")]
    lines += ["", f"## {report.phrase('dimensions')}", "", "| | % |", "|---|---:|"]
    for row in report.dimensions:
        shown = f"{row.score:.1f}" if row.score is not None else report.phrase("no_score")
        lines.append(f"| {_esc(row.label)} | {shown} |")
    lines += ["", *_plan_lines(report, report.action_plan)]
    lines += ["", f"## {report.phrase('gaps')}", ""]
    lines += _item_lines(report, report.gaps, impact=True) or [report.phrase("none")]
    if report.to_verify:
        lines += ["", f"## {report.phrase('verify')}", ""]
        lines += _item_lines(report, report.to_verify, impact=True)
    lines += ["", f"## {report.phrase('strengths')}", ""]
    lines += [_strength_line(report, s) for s in report.strengths] or [report.phrase("none")]
    lines += ["", f"_{_esc(report.criteria_line)}_", ""]
    return "\n".join(lines)
