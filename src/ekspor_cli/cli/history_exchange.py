"""`ekspor export -o FILE` and `ekspor import FILE...`: moving assessments between laptops.

Export writes JSON Lines (the lossless exchange format) or a CSV/xlsx table, atomically:
who and when, each answer as a batch cell, then the result columns of ``ekspor batch``
(:mod:`ekspor_cli.store.export_table`), so ``ekspor batch`` can score the table again.
Import validates every file completely before writing anything, then merges them in one
transaction: already-present assessments are skipped, conflicts (same ID, different
content) are listed and the stored copy kept.
Exit code 1 when there were conflicts.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode
from .history_options import (
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
    from ..batch.results import Numbers
    from ..batch.writer import Sink
    from ..i18n import Lang as Language
    from ..store import Filters, Store
    from ..store.export_table import ExportTable


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


def export_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="File to write (.jsonl, .csv or .xlsx).", dir_okay=False
        ),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", "-f", help="jsonl, csv or xlsx (default: from -o).", case_sensitive=False
        ),
    ] = None,
    business: Business = None,
    officer: Officer = None,
    level: Level = None,
    since: Since = None,
    until: Until = None,
    lang: Lang = LangOption.id,
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """Export saved assessments: .jsonl to import on another laptop, .csv/.xlsx to read
    (or to score again with `ekspor batch`)."""
    from ..atomic import atomic_text
    from ..errors import InputError
    from .console import err_console

    chosen = fmt or _format_of(output)
    if chosen is None:
        raise InputError(
            f"unknown export format '{output.suffix or output.name}'",
            "use a file name ending in .jsonl, .csv or .xlsx, or --format",
        )
    filters = make_filters(business, officer, level, since, until)
    with open_history(db, data_dir) as store:
        if chosen is ExportFormat.jsonl:
            from ..store.exchange import export_lines

            lines = export_lines(store, filters)
            header = next(lines)
            count = int(json.loads(header)["assessments"])
            with atomic_text(output, encoding="utf-8", newline="\n") as handle:
                handle.write(header + "\n")
                for line in lines:
                    handle.write(line + "\n")
        else:
            count = _write_table(store, filters, output, chosen, lang.value)
    err_console().print(f"{count} assessment(s) → {output}", markup=False, highlight=False)


def _format_of(path: Path) -> ExportFormat | None:
    suffix = path.suffix.lower().lstrip(".")
    return ExportFormat(suffix) if suffix in ExportFormat.__members__ else None


def _write_table(
    store: Store, filters: Filters, output: Path, fmt: ExportFormat, lang: Language
) -> int:
    """Re-score each assessment with its stored criteria and write the table with the
    batch's writers: the same cells, number forms and formula neutralising."""
    from ..atomic import atomic_binary, atomic_text
    from ..batch.writer import CsvSink, XlsxSink
    from ..store import list_assessments
    from ..store.export_table import export_table
    from ..store.replay import CriteriaCache, replay

    cache = CriteriaCache.of(store)
    replayed = [
        replay(stored, cache.get(stored))
        for stored in list_assessments(store, filters, oldest_first=True)
    ]
    numbers: Numbers = "float" if fmt is ExportFormat.xlsx else "dot"  # as `ekspor batch` writes
    table = export_table(replayed, lang=lang, numbers=numbers)
    if fmt is ExportFormat.csv:
        # UTF-8 with BOM: Excel on Indonesian Windows then shows the text correctly.
        with atomic_text(output, encoding="utf-8-sig") as handle:
            _fill(CsvSink(handle), table)
    else:
        with atomic_binary(output) as binary:
            _fill(XlsxSink(binary), table)
    return len(table.rows)


def _fill(sink: Sink, table: ExportTable) -> None:
    """The rows go column by column through the writer, as a batch chunk does."""
    sink.write_header(table.header)
    columns = [list(column) for column in zip(*table.rows, strict=True)]
    sink.write_units(sink.units(columns))
    sink.close()  # inside the atomic write: an .xlsx is saved before the rename


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Exchange files (.jsonl) written by `ekspor export`.", dir_okay=False),
    ],
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """Merge exports from other laptops (idempotent: importing twice changes nothing)."""
    from ..store.exchange import import_exchanges, parse_exchange
    from ..text_files import read_utf8
    from .console import err_console, out_console

    exchanges = []
    for file in files:
        text = read_utf8(file, "give the .jsonl file ekspor wrote")
        exchanges.append(parse_exchange(text, str(file)))
    with open_history(db, data_dir, write=True) as store:
        summary = import_exchanges(store, exchanges)
    console = out_console()
    console.print(
        f"{len(summary.added)} added, {len(summary.unchanged)} already present, "
        f"{len(summary.conflicts)} conflict(s)",
        markup=False,
        highlight=False,
    )
    if summary.conflicts:
        errors = err_console()
        for c in summary.conflicts:
            errors.print(
                f"conflict: {c.where}: assessment {c.uuid} ({c.business or '-'}) differs from the "
                f"saved copy in: {', '.join(c.fields)}; kept the saved copy",
                markup=False,
                highlight=False,
                style="red",
                soft_wrap=True,
            )
        errors.print(
            "compare with `ekspor show ID`; nothing was overwritten",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(int(ExitCode.ROWS_WITH_ERRORS))
