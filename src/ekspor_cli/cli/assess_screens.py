"""What the interview shows: question blocks, help, and the review list, as Rich objects.

Why separate from the prompt loop: these are pure functions of the interview state, easy
to read and to keep within 80 columns; the loop only decides *when* to show them.  Every
criteria or answer text goes in as ``Text`` (never markup).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..criteria import QuestionInfo
from ..i18n import Lang
from ..interview import Interview, Progress, ReviewRow, Step
from ..model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ..phrases import ui
from ..profile_fields import PROFILE_FIELDS, REQUIRED_PROFILE
from .ui_text import number_text, profile_label, show_value, t

_MARKS = {
    "answered": ("✓", "green"),
    "dont_know": ("?", "yellow"),
    "skipped": ("–", "dim"),
    "unanswered": ("•", "red"),
    "computed": ("=", "cyan"),
}


def section_rule(progress: Progress, lang: Lang) -> Rule:
    if progress.dimension is None:
        title = t("profile_header", lang)
    else:
        title = t(
            "section", lang, n=progress.section, m=progress.sections,
            name=progress.dimension.label.get(lang),
        )  # fmt: skip
    return Rule(Text(title, style="bold cyan"), align="left", style="cyan")


def profile_block(
    step: Step, progress: Progress, lang: Lang, current: str | None, suggested: str | None
) -> Group:
    hints = []
    if step.key in REQUIRED_PROFILE:
        hints.append(t("required", lang))
    elif current:
        hints.append(t("current", lang, value=current))
    elif suggested:
        hints.append(t("default", lang, value=suggested))
    elif step.key == "date":
        hints.append(t("today_default", lang))
    else:
        hints.append(t("optional", lang))
    if current and step.key in REQUIRED_PROFILE:
        hints.append(t("current", lang, value=current))
    line = Text(profile_label(step.key, lang), style="bold")
    for hint in hints:
        line += Text(f" · {hint}", style="dim")
    head = Text(t("profile_progress", lang, n=progress.number, m=progress.total), style="dim")
    return Group(head, line)


def _answer_hint(info: QuestionInfo, lang: Lang) -> list[RenderableType]:
    """How to answer: numbered choices, the scale, the number's unit and range."""
    q = info.question
    lines: list[RenderableType] = []
    if isinstance(q, YesNoQuestion):
        lines.append(Text("  " + t("yes_no", lang), style="cyan"))
    elif isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="cyan", no_wrap=True)
        grid.add_column(ratio=1)
        for n, choice in enumerate(q.choices, start=1):
            grid.add_row(f"  {n}", Text(choice.label.get(lang)))
        lines.append(grid)
        key = "pick_many" if isinstance(q, MultipleChoiceQuestion) else "pick_one"
        lines.append(Text("  " + t(key, lang), style="dim"))
    elif isinstance(q, ScaleQuestion):
        if len(q.labels) == q.max - q.min + 1:  # every point named: list them like choices
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", style="cyan", no_wrap=True)
            grid.add_column(ratio=1)
            for point in range(q.min, q.max + 1):
                grid.add_row(f"  {point}", Text(q.labels[point].get(lang)))
            lines.append(grid)
        labels = [f"{k} = {v.get(lang)}" for k, v in sorted(q.labels.items())]
        hint = t("scale", lang, lo=q.min, hi=q.max)
        if labels and len(q.labels) < q.max - q.min + 1:
            hint += " · " + "; ".join(labels)
        lines.append(Text("  " + hint, style="cyan"))
    elif isinstance(q, NumberQuestion):
        unit = q.unit.get(lang) if q.unit else ""
        parts = [t("number_unit", lang, unit=unit) if unit else t("number", lang)]
        if q.integer:
            parts.append(t("whole", lang))
        if q.min is not None:
            parts.append(t("at_least", lang, n=number_text(float(q.min), lang)))
        if q.max is not None:
            parts.append(t("at_most", lang, n=number_text(float(q.max), lang)))
        lines.append(Text("  " + ", ".join(parts), style="cyan"))
    elif isinstance(q, TextQuestion):
        lines.append(Text("  " + t("text", lang, n=q.max_length), style="cyan"))
    return lines


def question_block(
    iv: Interview, step: Step, lang: Lang, current: object, default: object
) -> Group:
    """The question with its progress line, how to answer, and what Enter does."""
    info = iv.info(step)
    q = info.question
    progress = iv.progress(step)
    head = t(
        "progress", lang, s=progress.section, sm=progress.sections, n=progress.number,
        m=progress.total,
    )  # fmt: skip
    parts: list[RenderableType] = [
        Text(head, style="dim"),
        Text(q.label.get(lang), style="bold"),
        *_answer_hint(info, lang),
    ]
    extras = []
    if q.allow_dont_know:
        extras.append(t("also_dont_know", lang))
    if not q.required:
        extras.append(t("also_skip", lang))
    if q.help is not None:
        extras.append(t("also_help", lang))
    if current is not None:
        extras.append(t("current", lang, value=show_value(info, current, lang)))
    elif default is not None:
        extras.append(t("default", lang, value=show_value(info, default, lang)))
    if extras:
        parts.append(Text("  " + " · ".join(extras), style="dim"))
    return Group(*parts)


def help_block(info: QuestionInfo | None, lang: Lang) -> Group:
    parts: list[RenderableType] = []
    if info is not None:
        help_text = info.question.help
        parts.append(
            Text(help_text.get(lang)) if help_text is not None else Text(t("no_help", lang))
        )
    parts.append(Text(t("commands", lang), style="dim"))
    return Group(*parts)


def _row_value(iv: Interview, row: ReviewRow, lang: Lang) -> Text:
    if row.status == "skipped":
        return Text(t("status_skipped", lang), style="dim")
    if row.status == "unanswered":
        return Text(t("status_open", lang), style="red")
    if row.step.kind == "profile":
        return Text(str(row.value))
    info = iv.info(row.step)
    text = Text(show_value(info, row.value, lang))
    if row.step.key in iv.evidence and row.status == "answered":
        seen = iv.evidence[row.step.key]
        text += Text(f" · {ui('seen' if seen else 'not_seen', lang)}", style="dim")
    return text


def review_block(iv: Interview, lang: Lang, provisional: tuple[float, str] | None) -> Group:
    """Every visible answer with the number ``lompat`` takes, grouped by section."""
    rows = iv.review()
    counts = {s: sum(1 for r in rows if r.status == s and r.number[:1] != "P") for s in _MARKS}
    parts: list[RenderableType] = [
        Rule(Text(t("review_title", lang), style="bold"), align="left"),
        Text(
            t(
                "review_counts",
                lang,
                answered=counts["answered"],
                dont_know=counts["dont_know"],
                skipped=counts["skipped"],
                open=counts["unanswered"],
            ),  # fmt: skip
            style="dim",
        ),
    ]
    table = Table.grid(padding=(0, 1), expand=True)
    # Fixed widths: long labels are cut with "…", never the number ``lompat`` needs.
    table.add_column(justify="right", no_wrap=True, width=3)
    table.add_column(no_wrap=True, width=1)
    table.add_column(ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column(ratio=2, no_wrap=True, overflow="ellipsis")
    dimension = None
    for row in rows:
        if row.step.kind == "profile" and row.step.key == PROFILE_FIELDS[0]:
            table.add_row("", "", Text(t("profile_header", lang), style="bold cyan"), "")
        if row.dimension is not None and row.dimension is not dimension:
            dimension = row.dimension
            table.add_row("", "", Text(dimension.label.get(lang), style="bold cyan"), "")
        mark, style = _MARKS[row.status]
        label = (
            profile_label(row.step.key, lang)
            if row.step.kind == "profile"
            else iv.info(row.step).question.label.get(lang)
        )
        table.add_row(
            Text(row.number, style="bold"),
            Text(mark, style=style),
            Text(label),
            _row_value(iv, row, lang),
        )
    parts.append(table)
    if provisional is not None:
        score, level = provisional
        parts.append(
            Text(
                t("review_score", lang, score=f"{score:.1f}", level=level),
                style="bold",
            )
        )
    return Group(*parts)
