"""`ekspor template -o FILE`: an empty input sheet for `ekspor batch`, with a column guide."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .options import CriteriaPath, Lang, LangOption


class HeaderStyle(StrEnum):
    key = "key"
    label = "label"


def companion_path(path: Path) -> Path:
    """Where a CSV template's column guide goes: ``daftar.csv`` -> ``daftar.columns.csv``."""
    return path.with_name(f"{path.stem}.columns{path.suffix or '.csv'}")


def template_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            help="Template file: .xlsx (guide on a second sheet) or .csv.",
        ),
    ],
    criteria_path: CriteriaPath = None,
    headers: Annotated[
        HeaderStyle,
        typer.Option(case_sensitive=False, help="Column names: question keys (stable) or labels."),
    ] = HeaderStyle.key,
    delimiter: Annotated[
        str, typer.Option(help="CSV delimiter: comma, semicolon (Excel in Indonesia) or tab.")
    ] = "comma",
    lang: Lang = LangOption.id,
) -> None:
    """Write an empty input sheet with the right headers, and a guide to every column.

    An .xlsx template has drop-down lists for yes/no and single-choice columns and the
    guide (question, type, accepted answers, when asked) on a second sheet; a .csv template
    gets the guide in NAME.columns.csv.  Fill it in and score it with `ekspor batch`.
    """
    from ..atomic import atomic_binary, atomic_text
    from ..batch.sniff import parse_delimiter
    from ..batch.template import column_guide, template_header, write_xlsx_template
    from ..batch.writer import CsvSink, format_for
    from ..errors import InputError
    from ..loading import load_criteria
    from .console import err_console

    criteria = load_criteria(criteria_path)
    kind = format_for(output.name)
    written = [output]
    if kind == "xlsx":
        with atomic_binary(output) as handle:
            write_xlsx_template(handle, criteria, headers.value, lang.value)
    elif kind == "csv":
        separator = parse_delimiter(delimiter)
        guide = companion_path(output)
        with atomic_text(output, encoding="utf-8-sig") as handle:
            sink = CsvSink(handle, separator)
            sink.write_header(template_header(criteria, headers.value, lang.value))
        with atomic_text(guide, encoding="utf-8-sig") as handle:
            sink = CsvSink(handle, separator)
            guide_header, rows = column_guide(criteria, headers.value, lang.value)
            sink.write_header(guide_header)
            sink.write_rows(rows)
        written.append(guide)
    else:
        raise InputError(
            f"a template is .xlsx or .csv, not '{output.suffix}'", "use -o daftar.xlsx"
        )
    for path in written:
        err_console().print(f"→ {path}", markup=False, highlight=False, soft_wrap=True)
