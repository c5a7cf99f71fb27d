"""Writing a report file by its extension (.json, .md), atomically."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ..atomic import write_text_atomic
from ..criteria import Criteria
from ..errors import InputError
from ..i18n import Lang
from ..report import build_report
from ..result import Result

REPORT_FORMATS = (".json", ".md")


def write_report(
    path: Path, result: Result, criteria: Criteria, lang: Lang, profile: Mapping[str, str]
) -> None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = result.to_dict(lang)
        if profile:
            data["profile"] = dict(profile)
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif suffix == ".md":
        from ..render.markdown import render_markdown

        write_text_atomic(path, render_markdown(build_report(result, criteria, lang, profile)))
    else:
        raise InputError(
            f"unknown report format '{suffix or path.name}'",
            "use a file name ending in " + " or ".join(REPORT_FORMATS),
        )
