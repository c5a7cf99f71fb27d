"""Writing a report file by its extension (.json, .md, .html), atomically."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..atomic import write_text_atomic
from ..criteria import Criteria
from ..errors import InputError
from ..i18n import Lang
from ..report import build_report
from ..result import Result

REPORT_FORMATS = (".json", ".md", ".html")


def check_report_path(path: Path) -> str:
    """The report format ``path`` names (its lower-case extension); raises
    :class:`~ekspor_cli.errors.InputError` if it names none.

    Commands call this before they save or ask anything, so a wrong ``--output`` name
    costs nothing and a re-run does not save twice.
    """
    suffix = path.suffix.lower()
    if suffix not in (*REPORT_FORMATS, ".htm"):
        raise InputError(
            f"unknown report format '{suffix or path.name}'",
            "use a file name ending in " + ", ".join(REPORT_FORMATS),
        )
    return suffix


def write_report(
    path: Path,
    result: Result,
    criteria: Criteria,
    lang: Lang,
    profile: Mapping[str, str],
    *,
    values: Mapping[str, object] | None = None,
    notes: tuple[str, ...] = (),
    evidence: Mapping[str, bool] | None = None,
) -> None:
    """Write the report for ``result`` to ``path``; the extension picks the format.

    ``values`` are the canonical answers the action plan starts from (default: those
    recorded in ``result``).
    """
    suffix = check_report_path(path)
    report = build_report(
        result, criteria, lang, profile, values=values, notes=notes, evidence=evidence
    )
    if suffix == ".json":
        from ..render.json import render_json

        write_text_atomic(path, render_json(result, report, profile))
    elif suffix == ".md":
        from ..render.markdown import render_markdown

        write_text_atomic(path, render_markdown(report))
    else:
        from ..render.html import render_html

        write_text_atomic(path, render_html(report))
