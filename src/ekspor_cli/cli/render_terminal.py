"""The terminal report: Rich renderables that fit an 80-column screen.

Every user text goes in as ``Text`` (never as markup), so a business named ``[bold]`` or
containing escape sequences is shown, not interpreted.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import Report, ReportItem

_LEVEL_STYLES = ("bold red", "bold yellow", "bold cyan", "bold green")


def _level_style(report: Report) -> str:
    if report.level_count <= 1:
        return "bold"
    i = round(report.level_index * (len(_LEVEL_STYLES) - 1) / (report.level_count - 1))
    return _LEVEL_STYLES[i]


def _bar(score: float | None, width: int = 20) -> Text:
    if score is None:
        return Text("-" * width, style="dim")
    filled = round(score / 100 * width)
    style = "green" if score >= 70 else "yellow" if score >= 40 else "red"
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


def _items(report: Report, items: tuple[ReportItem, ...], *, impact: bool) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for n, item in enumerate(items, start=1):
        head = Text(item.label, style="bold") + Text(f"  ({item.dimension})", style="dim")
        if item.status:
            head += Text(f"  [{item.status}]", style="magenta")
        if impact and item.impact:
            head += Text("  " + report.phrase("impact", points=f"{item.impact:.1f}"), style="cyan")
        body = [head]
        if item.message:
            body.append(Text(item.message))
        if item.next_step:
            body.append(
                Text(f"→ {report.phrase('next_step')}: ", style="green") + Text(item.next_step)
            )
        if item.program:
            body.append(Text(f"  {report.phrase('program')}: ", style="green") + Text(item.program))
        table.add_row(f"{n}.", Group(*body))
    return table


def render_report(report: Report, *, max_gaps: int = 10) -> RenderableType:
    parts: list[RenderableType] = []
    if report.profile:
        profile = Table.grid(padding=(0, 2))
        profile.add_column(style="dim")
        profile.add_column()
        for label, value in report.profile:
            profile.add_row(label, Text(value))
        parts.append(profile)
    headline = Text.assemble(
        (f"{report.phrase('score')}: ", "bold"),
        (f"{report.score:.1f}", "bold"),
        " / 100    ",
        (f"{report.phrase('level')}: ", "bold"),
        (report.level_label, _level_style(report)),
    )
    lines: list[RenderableType] = [headline]
    if report.capped_note:
        lines.append(Text(report.capped_note, style="red"))
    if report.level_description:
        lines.append(Text(report.level_description, style="italic"))
    lines.append(Text(f"{report.phrase('coverage')}: {report.coverage:.0%}", style="dim"))
    parts.append(Panel(Group(*lines), title=report.title, border_style=_level_style(report)))
    if report.knockouts:
        parts.append(
            Panel(
                _items(report, report.knockouts, impact=False),
                title=report.phrase("blockers"),
                border_style="red",
            )
        )
    dims = Table(
        title=report.phrase("dimensions"),
        show_header=False,
        box=None,
        title_justify="left",
        title_style="bold",
    )
    dims.add_column(ratio=1)
    dims.add_column(no_wrap=True)
    dims.add_column(justify="right", no_wrap=True)
    for row in report.dimensions:
        shown = f"{row.score:5.1f}" if row.score is not None else report.phrase("no_score")
        dims.add_row(Text(row.label), _bar(row.score), shown)
    parts.append(dims)
    if report.gaps:
        parts.append(Text(report.phrase("gaps"), style="bold"))
        parts.append(_items(report, report.gaps[:max_gaps], impact=True))
        if len(report.gaps) > max_gaps:
            parts.append(Text(f"(+{len(report.gaps) - max_gaps} ...)", style="dim"))
    if report.to_verify:
        parts.append(Text(report.phrase("verify"), style="bold"))
        parts.append(_items(report, report.to_verify[:max_gaps], impact=True))
        if len(report.to_verify) > max_gaps:
            parts.append(Text(f"(+{len(report.to_verify) - max_gaps} ...)", style="dim"))
    if report.strengths:
        parts.append(Text(report.phrase("strengths"), style="bold"))
        parts.append(Text(", ".join(s.label for s in report.strengths), style="green"))
    parts.append(Text(report.criteria_line, style="dim"))
    for path in report.saved_to:
        parts.append(Text(f"→ {path}", style="dim"))
    return Group(*parts)
