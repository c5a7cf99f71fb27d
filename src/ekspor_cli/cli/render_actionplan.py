"""The action plan as a terminal panel, from the report model.

Why a separate renderable: the terminal report (``render_terminal.render_report``) and
``ekspor show`` both need it; it draws only from ``Report.action_plan``, so the terminal
says exactly what the Markdown, HTML and JSON reports say.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import Report


def render_action_plan(report: Report) -> RenderableType:
    """A panel with the plan's steps."""
    plan = report.action_plan
    lines: list[RenderableType] = [Text(plan.summary)]
    if plan.steps:
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column(ratio=1)
        for n, step in enumerate(plan.steps, start=1):
            head = Text(step.label, style="bold") + Text(f"  ({step.dimension})", style="dim")
            kind = step.kind_text + (f", {step.status}" if step.status else "")
            head += Text(f"  [{kind}]", style="red" if step.kind == "knockout" else "magenta")
            after = report.phrase("after", score=f"{step.score_after:.1f}", level=step.level_after)
            body: list[RenderableType] = [
                head,
                Text(f"{report.phrase('target')}: ", style="green")
                + Text(step.target)
                + Text(f"  → {after}", style="cyan"),
            ]
            if step.next_step:
                body.append(
                    Text(f"{report.phrase('next_step')}: ", style="green") + Text(step.next_step)
                )
            if step.program:
                body.append(
                    Text(f"{report.phrase('program')}: ", style="green") + Text(step.program)
                )
            table.add_row(f"{n}.", Group(*body))
        lines.append(table)
    if plan.blocked:
        lines.append(
            Text(f"{report.phrase('plan_blocked')}: " + ", ".join(plan.blocked), style="yellow")
        )
    if plan.projected:
        lines.append(Text(plan.projected, style="bold"))
    return Panel(Group(*lines), title=report.phrase("plan"), border_style="cyan")
