"""`ekspor list`, `ekspor businesses` and `ekspor show ID`: reading the history.

``show`` re-scores the stored answers with the stored criteria text and renders the one
report model in the chosen format, so an assessment from years ago looks as it did --
whatever the criteria file says today.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .history_options import (
    AsJson,
    Business,
    DataDir,
    DbPath,
    Level,
    Officer,
    Since,
    Until,
    make_filters,
    open_history,
)
from .options import Lang, LangOption

if TYPE_CHECKING:
    from ..i18n import Lang as Language
    from ..report import Report
    from ..result import Result
    from ..store import Store, StoredAssessment


class ShowFormat(StrEnum):
    terminal = "terminal"
    md = "md"
    html = "html"
    json = "json"


_SUFFIX_FORMATS = {
    ".md": ShowFormat.md,
    ".html": ShowFormat.html,
    ".htm": ShowFormat.html,
    ".json": ShowFormat.json,
    ".txt": ShowFormat.terminal,
}


def _row_json(row: StoredAssessment, level_label: str) -> dict[str, Any]:
    r = row.record
    return {
        "id": r.uuid,
        "assessed_on": r.assessed_on,
        "created_at": r.created_at,
        "business_key": row.business_key,
        "business_name": r.business_name,
        "city": r.profile.get("city", ""),
        "nib": r.profile.get("nib", ""),
        "officer": r.officer,
        "source": r.source,
        "score": r.score,
        "level": r.level_key,
        "level_label": level_label,
        "capped": r.capped,
        "criteria": {
            "id": r.criteria_id,
            "version": r.criteria_version,
            "sha256": r.criteria_sha256,
        },
    }


def _level_labels(store: Store, lang: Language) -> Callable[[StoredAssessment], str]:
    """A function giving a stored assessment's level label in ``lang`` (criteria cached)."""
    from ..store.replay import CriteriaCache

    cache = CriteriaCache.of(store)

    def label(row: StoredAssessment) -> str:
        return cache.get(row).level(row.record.level_key).label.get(lang)

    return label


def list_command(
    business: Business = None,
    officer: Officer = None,
    level: Level = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Show at most N.")
    ] = None,
    as_json: AsJson = False,
    lang: Lang = LangOption.id,
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """List saved assessments, newest first (a * after the level: capped by a knock-out)."""
    from ..store import list_assessments
    from .console import out_console
    from .history_views import assessments_table

    filters = make_filters(business, officer, level, since, until)
    with open_history(db, data_dir) as store:
        rows = list_assessments(store, filters, limit=limit)
        label = _level_labels(store, lang.value)
        if as_json:
            data = [_row_json(row, label(row)) for row in rows]
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        out_console().print(assessments_table(rows, lang.value, label))


def businesses_command(
    as_json: AsJson = False,
    lang: Lang = LangOption.id,
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """List the businesses recognised across assessments (by NIB, else name and city)."""
    from ..store import businesses
    from .console import out_console
    from .history_views import businesses_table

    with open_history(db, data_dir) as store:
        found = businesses(store)
        label = _level_labels(store, lang.value)
        if as_json:
            data = [
                {
                    "key": b.key,
                    "name": b.name,
                    "nib": b.nib,
                    "city": b.city,
                    "assessments": b.assessments,
                    "first_on": b.first_on,
                    "last_on": b.last_on,
                    "latest": _row_json(b.latest, label(b.latest)),
                }
                for b in found
            ]
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        out_console().print(businesses_table(found, lang.value, label))


def show_command(
    assessment_id: Annotated[
        str, typer.Argument(help="Assessment ID, or its first characters (see `ekspor list`).")
    ],
    fmt: Annotated[
        ShowFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="terminal, md, html or json (default: from the -o file name, else terminal).",
            case_sensitive=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file.", dir_okay=False),
    ] = None,
    lang: Lang = LangOption.id,
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """Re-render one saved assessment, exactly as it was scored."""
    from ..atomic import write_text_atomic
    from ..report import build_report
    from ..store import get_assessment
    from ..store.replay import CriteriaCache, replay
    from .console import err_console

    with open_history(db, data_dir) as store:
        stored = get_assessment(store, assessment_id)
        criteria = CriteriaCache.of(store).get(stored)
    again = replay(stored, criteria)
    chosen = fmt or (_SUFFIX_FORMATS.get(output.suffix.lower()) if output else None)
    chosen = chosen or ShowFormat.terminal
    profile = again.profile()
    report = build_report(
        again.result,
        criteria,
        lang.value,
        profile,
        values=again.values,
        notes=again.notes(lang.value),
        evidence=stored.record.evidence,
    )
    text = _render(chosen, report, again.result, profile, output)
    if output is None:
        if text is not None:
            typer.echo(text, nl=not text.endswith("\n"))
        return
    assert text is not None
    write_text_atomic(output, text)
    err_console().print(f"→ {output}", markup=False, highlight=False)


def _render(
    fmt: ShowFormat,
    report: Report,
    result: Result,
    profile: dict[str, str],
    output: Path | None,
) -> str | None:
    """The report text, or ``None`` after printing the terminal view to the screen."""
    if fmt is ShowFormat.md:
        from ..render.markdown import render_markdown

        return render_markdown(report)
    if fmt is ShowFormat.html:
        from ..render.html import render_html

        return render_html(report)
    if fmt is ShowFormat.json:
        from ..render.json import render_json

        return render_json(result, report, profile)
    from .console import out_console
    from .render_terminal import render_report

    view = render_report(report)
    if output is None:
        out_console().print(view)
        return None
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None, force_terminal=False).print(view)
    return buffer.getvalue()
