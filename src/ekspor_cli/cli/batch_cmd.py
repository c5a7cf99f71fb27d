"""`ekspor batch INPUT -o OUTPUT`: score a whole list of businesses (CSV or Excel)."""

from __future__ import annotations

import contextlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .history_options import DataDir, DbPath
from .options import CriteriaPath, DecimalConvention, DecimalOption, Lang, LangOption


class OutputFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    jsonl = "jsonl"


class SortKey(StrEnum):
    score = "score"


class OutputDecimal(StrEnum):
    auto = "auto"
    comma = "comma"
    dot = "dot"


def _path(text: str | None) -> Path | None:
    return None if text is None or text == "-" else Path(text)


def batch_command(
    input_file: Annotated[
        str, typer.Argument(metavar="INPUT", help="CSV or .xlsx file, or - for standard input.")
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="Output file: .csv, .xlsx or .jsonl (or - for standard output). Written "
            "atomically: an interrupted run leaves the old file as it was.",
        ),
    ],
    criteria_path: CriteriaPath = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format (default: from the file name)."),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(
            help="Input delimiter: comma, semicolon, tab, pipe or one character (default: "
            "detected). Also the output's, unless --output-delimiter."
        ),
    ] = None,
    output_delimiter: Annotated[
        str | None,
        typer.Option(
            help="Output CSV delimiter (default: the input's; ';' for Excel in Indonesia)."
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            help="Input encoding, e.g. utf-8 or cp1252 (default: UTF-8, else Windows-1252 "
            "with a warning)."
        ),
    ] = None,
    output_encoding: Annotated[
        str | None,
        typer.Option(
            help="Output CSV encoding (default: utf-8-sig, UTF-8 with a BOM so Excel shows "
            "Indonesian text right; plain utf-8 on standard output)."
        ),
    ] = None,
    decimal: DecimalConvention = DecimalOption.auto,
    output_decimal: Annotated[
        OutputDecimal,
        typer.Option(
            case_sensitive=False,
            help="Decimal mark of numbers in CSV output (auto: a comma when the delimiter is ';').",
        ),
    ] = OutputDecimal.auto,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map",
            dir_okay=False,
            help="YAML file mapping input headers to question keys ('Header: key'; null = ignore).",
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help="Sheet of an .xlsx input (default: the first).")
    ] = None,
    sort: Annotated[
        SortKey | None,
        typer.Option(
            help="Rank rows by score, best first (rows with errors last). Keeps 16 bytes per "
            "row in memory; the rows wait in a temporary file."
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Write only the N best-scored rows, best first (keeps N rows in memory). Rows "
            "with errors are left out of the output but listed by --errors.",
        ),
    ] = None,
    gaps: Annotated[int, typer.Option(min=0, help="How many top gaps to list per row.")] = 3,
    errors: Annotated[
        Path | None,
        typer.Option(
            dir_okay=False,
            help="Also write every problem (line, column, question, value, message) to this file.",
        ),
    ] = None,
    summary: Annotated[
        Path | None,
        typer.Option(dir_okay=False, help="Also write the summary as JSON to this file."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(min=1, help="Worker processes for large files (same output as --jobs 1)."),
    ] = 1,
    id_column: Annotated[
        str | None,
        typer.Option(
            help="Column that names a business in the summary (default: the first column "
            "that is not a question)."
        ),
    ] = None,
    lang: Lang = LangOption.id,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary on the terminal.")
    ] = False,
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Also save every scored row as an assessment in the history database "
            "(slower: full results are built and stored).",
        ),
    ] = False,
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """Score every row of a CSV/Excel list; write it back with score, level, gaps and errors.

    Columns are matched to questions by key, label or alias (case and spaces ignored);
    other columns are kept as they are.  Rows that cannot be scored are written too, with
    the reason.  Memory stays flat however long the file, except with --sort and --top.
    Exit code: 0 every row scored, 1 some rows have errors, 2 the input cannot be used.
    """
    from ..batch.run import BatchOptions, run_batch
    from ..loading import load_criteria
    from .console import err_console

    criteria = load_criteria(criteria_path)
    options = BatchOptions(
        input=_path(input_file),
        output=_path(output),
        format=output_format.value if output_format else None,
        delimiter=delimiter,
        output_delimiter=output_delimiter,
        encoding=encoding,
        output_encoding=output_encoding,
        output_decimal=output_decimal.value,
        decimal=decimal.value,
        lang=lang.value,
        map_file=map_file,
        sheet=sheet,
        sort=sort is not None,
        top=top,
        gaps=gaps,
        errors=errors,
        summary=summary,
        jobs=jobs,
        id_column=id_column,
    )
    console = err_console()
    progress = _Progress(console) if not quiet and console.is_terminal else None
    saved = 0
    with contextlib.ExitStack() as stack:
        saver = None
        if save:
            from ..batch.save import RowSaver
            from .history_options import open_history

            store = stack.enter_context(open_history(db, data_dir, write=True))
            saver = stack.enter_context(RowSaver(store, criteria, options.decimal))
        try:
            report = run_batch(options, criteria, progress=progress, keep=saver)
        finally:
            if progress is not None:
                progress.stop()
        if saver is not None:  # only now: a run stopped by exit 2 or Ctrl-C saves nothing
            saved = saver.finish()
    if save and not quiet:
        words = _WORDS["en" if lang.value == "en" else "id"]
        console.print(words["saved"].format(n=saved), markup=False, highlight=False)
    if not quiet:
        extra: dict[str, Any] = {"output": output, "errors": errors}
        console.print(_render_summary(report.summary.to_dict(), lang.value, **extra))
    if report.exit_code:
        raise typer.Exit(int(report.exit_code))


# --- terminal view: a progress bar on long runs, then the summary ---------------------------

_WORDS = {
    "id": {
        "rows": "{read:,} baris dibaca · {scored:,} dinilai · {bad:,} dengan kesalahan",
        "blank": "{n:,} baris kosong dilewati",
        "written": "{n:,} baris ditulis ke {output}",
        "levels": "Tingkat kesiapan",
        "level": "Tingkat",
        "count": "Jumlah",
        "share": "Porsi",
        "mean": "Skor rata-rata {mean} (median {median})",
        "dims": "Rata-rata per dimensi",
        "dim": "Dimensi",
        "gaps": "Kesenjangan paling umum",
        "question": "Pertanyaan",
        "firms": "Usaha",
        "kos": "Syarat mutlak (knock-out)",
        "status": "Status",
        "top": "Kandidat teratas",
        "line": "Baris",
        "name": "Nama",
        "score": "Skor",
        "errors_at": "Kesalahan per baris: {path}",
        "errors_hint": "Tambahkan --errors FILE untuk daftar kesalahan per baris.",
        "failed": "gagal",
        "unverified": "belum terverifikasi",
        "working": "Menilai",
        "saved": "{n:,} penilaian disimpan ke riwayat",
    },
    "en": {
        "rows": "{read:,} rows read · {scored:,} scored · {bad:,} with errors",
        "blank": "{n:,} empty rows skipped",
        "written": "{n:,} rows written to {output}",
        "levels": "Readiness levels",
        "level": "Level",
        "count": "Count",
        "share": "Share",
        "mean": "Mean score {mean} (median {median})",
        "dims": "Mean per dimension",
        "dim": "Dimension",
        "gaps": "Most common gaps",
        "question": "Question",
        "firms": "Firms",
        "kos": "Knock-outs",
        "status": "Status",
        "top": "Top candidates",
        "line": "Line",
        "name": "Name",
        "score": "Score",
        "errors_at": "Row errors: {path}",
        "errors_hint": "Add --errors FILE to list the errors row by row.",
        "failed": "failed",
        "unverified": "unverified",
        "working": "Scoring",
        "saved": "{n:,} assessments saved to the history",
    },
}


class _Progress:
    """A Rich progress bar on stderr, shown only once a run has taken more than a second."""

    def __init__(self, console: Any) -> None:
        import time

        self._console = console
        self._clock = time.monotonic
        self._start = self._clock()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, rows: int, fraction: float) -> None:
        if self._bar is None:
            if self._clock() - self._start < 1.0:
                return
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%  {task.fields[rows]:,} rows"),
                TimeRemainingColumn(),
                console=self._console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("ekspor batch", total=1.0, rows=0)
        self._bar.update(self._task, completed=fraction, rows=rows)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _render_summary(data: dict[str, Any], lang: str, *, output: str, errors: Path | None) -> Any:
    """The summary as Rich renderables; user texts go in as Text, never as markup."""
    from rich.console import Group
    from rich.text import Text

    words = _WORDS["en" if lang == "en" else "id"]
    rows = data["rows"]
    parts: list[Any] = [
        Text(
            words["rows"].format(read=rows["read"], scored=rows["scored"], bad=rows["with_errors"]),
            style="bold",
        ),
        Text(words["written"].format(n=rows["written"], output=output), style="dim"),
    ]
    if rows["blank_skipped"]:
        parts.append(Text(words["blank"].format(n=rows["blank_skipped"]), style="dim"))
    if rows["scored"]:
        score = data["score"]
        parts.append(Text(words["mean"].format(mean=score["mean"], median=score["median"])))
        parts.append(
            _table(
                words["levels"],
                [words["level"], words["count"], words["share"]],
                [(lv["label"], f"{lv['count']:,}", f"{lv['share']:.0%}") for lv in data["levels"]],
            )
        )
        parts.append(
            _table(
                words["dims"],
                [words["dim"], words["score"]],
                [
                    (d["label"], "-" if d["mean"] is None else f"{d['mean']:.1f}")
                    for d in data["dimensions"]
                ],
            )
        )
        if data["gaps"]:
            parts.append(
                _table(
                    words["gaps"],
                    [words["question"], words["firms"], words["share"]],
                    [
                        (f"{g['label']} ({g['question']})", f"{g['count']:,}", f"{g['share']:.0%}")
                        for g in data["gaps"]
                    ],
                )
            )
        if data["knockouts"]:
            parts.append(
                _table(
                    words["kos"],
                    [words["question"], words["status"], words["firms"]],
                    [
                        (k["label"], words[k["status"]], f"{k['count']:,}")
                        for k in data["knockouts"]
                    ],
                )
            )
        if data["top"]:
            parts.append(
                _table(
                    words["top"],
                    [words["line"], words["name"], words["score"]],
                    [(str(t["line"]), str(t["name"]), f"{t['score']:.1f}") for t in data["top"]],
                )
            )
    for note in data["notes"]:
        parts.append(Text("! " + note, style="yellow"))
    if rows["with_errors"]:
        hint = words["errors_at"].format(path=errors) if errors else words["errors_hint"]
        parts.append(Text(hint, style="red"))
    return Group(*parts)


def _table(title: str, headers: list[str], rows: list[tuple[str, ...]]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", title_style="bold", box=None, pad_edge=False)
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right", overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table
