"""Writing a report file by its extension (.json, .md, .html), atomically."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_text_atomic
from ..errors import InputError

if TYPE_CHECKING:
    from ..report import Report
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
    report: Report,
    result: Result,
    profile: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Write ``report`` (built once by the command, see :func:`~ekspor_cli.report.build_report`)
    to ``path``; the extension picks the format.

    ``result``, ``profile`` and ``extra`` are what the JSON format adds to the report
    (:func:`~ekspor_cli.render.json.render_json`); the other formats need only ``report``.
    """
    suffix = check_report_path(path)
    if suffix == ".json":
        from ..render.json import render_json

        write_text_atomic(path, render_json(result, report, profile, extra))
    elif suffix == ".md":
        from ..render.markdown import render_markdown

        write_text_atomic(path, render_markdown(report))
    else:
        from ..render.html import render_html

        write_text_atomic(path, render_html(report))
