"""The terminal report: Rich renderables that fit an 80-column screen.

Order follows what an officer tells the owner (and the Markdown/HTML reports): who and
when; the score and level; what blocks export (knock-outs, with why and the next step);
the dimension bars; the action plan; the gaps ranked by impact, each with its next step
and programme; what to verify next visit; what is already export-ready; where the result
was saved.  A gap that is a step of the action plan points to that step instead of
repeating its next step and programme, so the screen stays short.

Every user text goes in as ``Text`` (never as markup), so a business named ``[bold]`` or
containing escape sequences is shown, not interpreted.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import Report, ReportItem, palette_index, score_band
from .render_actionplan import render_action_plan

_LEVEL_STYLES = ("bold red", "bold yellow", "bold cyan", "bold green")
_SCORE_STYLES = ("red", "yellow", "green")  # by score_band: low, middle, high


def _level_style(report: Report) -> str:
    i = palette_index(report.level_index, report.level_count, len(_LEVEL_STYLES))
    return "bold" if i is None else _LEVEL_STYLES[i]


def _score_style(score: float | None) -> str:
    return "dim" if score is None else _SCORE_STYLES[score_band(score)]


def _bar(score: float | None, width: int = 20) -> Text:
    if score is None:
        return Text("·" * width, style="dim")
    filled = round(score / 100 * width)
    return Text("█" * filled, style=_score_style(score)) + Text("░" * (width - filled), style="dim")


def _evidence_note(report: Report, item: ReportItem) -> Text | None:
    if item.evidence is None:
        return None
    mark = "✓ " if item.evidence else "! "
    return Text(
        mark + item.evidence_note(report.lang), style="green" if item.evidence else "yellow"
    )


def _items(
    report: Report,
    items: tuple[ReportItem, ...],
    *,
    impact: bool,
    in_plan: Mapping[str, int] | None = None,
) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold", no_wrap=True, min_width=3)
    table.add_column(ratio=1)
    for n, item in enumerate(items, start=1):
        head = Text(item.label, style="bold")
        meta = Text(item.dimension, style="dim")
        if item.status:
            meta += Text(f" · {item.status}", style="magenta")
        if impact and item.impact:
            meta += Text(" · " + report.phrase("impact", points=f"{item.impact:.1f}"), style="cyan")
        body: list[RenderableType] = [head, meta]
        if item.message:
            body.append(Text(item.message))
        step = (in_plan or {}).get(item.key)
        if step is not None:
            body.append(Text("→ " + report.phrase("see_step", n=step), style="green"))
        elif item.next_step:
            body.append(
                Text(f"→ {report.phrase('next_step')}: ", style="green") + Text(item.next_step)
            )
        if item.program and step is None:
            body.append(Text(f"★ {report.phrase('program')}: ", style="green") + Text(item.program))
        note = _evidence_note(report, item)
        if note is not None:
            body.append(note)
        table.add_row(f"{n}.", Group(*body))
        if n < len(items):
            table.add_row("", "")
    return table


def _headline(report: Report) -> Panel:
    style = _level_style(report)
    score = Text.assemble(
        (f"{report.phrase('score')}: ", "bold"),
        (f"{report.score:.1f}", f"bold {_score_style(report.score)}"),
        " / 100   ",
        _bar(report.score, 30),
    )
    lines: list[RenderableType] = [
        score,
        Text.assemble((f"{report.phrase('level')}: ", "bold"), (report.level_label, style)),
    ]
    if report.capped_note:
        lines.append(Text(report.capped_note, style="red"))
    for note in report.notes:
        lines.append(Text(f"{report.phrase('notes')}: {note}", style="yellow"))
    if report.level_description:
        lines.append(Text(report.level_description, style="italic"))
    lines.append(Text(f"{report.phrase('coverage')}: {report.coverage:.0%}", style="dim"))
    return Panel(Group(*lines), title=Text(report.title, style="bold"), border_style=style)


def _dimensions(report: Report) -> Table:
    dims = Table(
        title=report.phrase("dimensions"),
        show_header=False,
        box=None,
        title_justify="left",
        title_style="bold",
        padding=(0, 1),
    )
    dims.add_column(ratio=1, overflow="fold")
    dims.add_column(no_wrap=True)
    dims.add_column(justify="right", no_wrap=True)
    for row in report.dimensions:
        shown = f"{row.score:5.1f}" if row.score is not None else report.phrase("no_score")
        dims.add_row(Text(row.label), _bar(row.score), Text(shown, style=_score_style(row.score)))
    return dims


def _heading(text: str, style: str = "bold") -> Text:
    return Text("\n" + text, style=style)


def render_report(report: Report, *, max_gaps: int = 10) -> RenderableType:
    """The whole report, designed for an 80-column terminal."""
    parts: list[RenderableType] = []
    if report.profile:
        profile = Table.grid(padding=(0, 2))
        profile.add_column(style="dim", no_wrap=True)
        profile.add_column(ratio=1)
        for label, value in report.profile:
            profile.add_row(label, Text(value))
        parts.append(profile)
    parts.append(_headline(report))
    if report.knockouts:
        parts.append(
            Panel(
                _items(report, report.knockouts, impact=False),
                title=Text(report.phrase("blockers"), style="bold red"),
                border_style="red",
            )
        )
    parts.append(_dimensions(report))
    parts.append(render_action_plan(report))
    in_plan = {step.key: n for n, step in enumerate(report.action_plan.steps, start=1)}
    for title, items in (
        (report.phrase("gaps"), report.gaps),
        (report.phrase("verify"), report.to_verify),
    ):
        if not items:
            continue
        parts.append(_heading(title))
        shown = items[:max_gaps]
        parts.append(_items(report, shown, impact=True, in_plan=in_plan))
        if len(items) > max_gaps:
            more = report.phrase("more_gaps", n=len(items) - max_gaps)
            parts.append(Padding(Text(more, style="dim"), (0, 0, 0, 4)))
    if report.strengths:
        parts.append(_heading(report.phrase("strengths"), "bold green"))
        strengths = Table.grid(padding=(0, 1))
        strengths.add_column(no_wrap=True, min_width=3, justify="right")
        strengths.add_column(ratio=1)
        for item in report.strengths:
            line = Text(item.label)
            note = _evidence_note(report, item)
            if note is not None and item.evidence is False:  # flag unchecked claims only
                line += Text(" (") + note + Text(")")
            strengths.add_row(Text("✓", style="green"), line)
        parts.append(strengths)
    parts.append(Text(""))
    parts.append(Text(report.criteria_line, style="dim"))
    for path in report.saved_to:
        parts.append(Text(f"{report.phrase('saved')}: ", style="bold") + Text(path))
    return Group(*parts)
