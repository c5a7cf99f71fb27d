"""`ekspor score ANSWERS`: score one answer file without an interview."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .history_options import DataDir, DbPath
from .options import (
    CriteriaPath,
    DecimalConvention,
    DecimalOption,
    Lang,
    LangOption,
    ReportOutput,
)


def score_command(
    answers: Annotated[
        Path, typer.Argument(help="Answers file (.yaml, .yml or .json).", dir_okay=False)
    ],
    criteria_path: CriteriaPath = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    output: ReportOutput = None,
    lang: Lang = LangOption.id,
    decimal: DecimalConvention = DecimalOption.auto,
    save: Annotated[
        bool, typer.Option("--save", help="Also save the assessment in the history database.")
    ] = False,
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """Score one answer file (question key -> answer, e.g. `punya_nib: ya`)."""
    from dataclasses import replace

    from ..answers import AnswerReader
    from ..answers_file import parse_answer_file
    from ..errors import AnswerError, OutputError
    from ..loading import load_criteria
    from ..report import build_report
    from ..scoring import score_values
    from ..text_files import read_utf8
    from .console import out_console
    from .outputs import check_report_path, write_report
    from .render_terminal import render_report

    if output is not None:
        check_report_path(output)  # before anything is saved: a re-run must not save twice
    criteria = load_criteria(criteria_path)
    text = read_utf8(answers, "save the file as UTF-8")
    parsed = parse_answer_file(text, str(answers), is_json=answers.suffix.lower() == ".json")
    reader = AnswerReader(criteria, decimal.value)
    values, errors = reader.read_all(parsed.answers)
    if errors:
        lines = []
        for err in errors:
            line = parsed.lines.get(err.question, 0)
            where = f"{answers}:{line}" if line else str(answers)
            hint = f" ({err.hint})" if err.hint else ""
            lines.append(f"{where}: {err.question}: {err.message}{hint}")
        raise AnswerError(
            f"{len(errors)} answer(s) could not be read:\n" + "\n".join(lines),
            hint="fix these answers and run again",
        )
    result = score_values(criteria, values)
    saved: tuple[str, ...] = ()
    profile = dict(parsed.profile)
    if save:
        from ..store import save_assessment
        from .history_options import open_history

        with open_history(db, data_dir, write=True) as store:
            assessment_id = save_assessment(
                store, profile, values, None, result, criteria, source="score"
            )
            saved += (f"{store.path} (ID {assessment_id[:8]})",)
        profile["assessment_id"] = assessment_id
    report = build_report(result, criteria, lang.value, profile, values=values)
    if output is not None:
        try:
            write_report(output, report, result, profile)
        except OutputError as err:
            if not save:
                raise
            # Saved already: say so, so that the fix is not a second --save of the same visit.
            raise OutputError(
                f"{err.message}; the assessment was saved (ID {assessment_id[:8]})",
                f"{err.hint}; to write the report, run: ekspor show {assessment_id[:8]} -o FILE"
                if err.hint
                else f"to write the report, run: ekspor show {assessment_id[:8]} -o FILE",
            ) from None
        saved += (str(output),)
    if as_json:
        from ..render.json import render_json

        extra = {"assessment_id": profile["assessment_id"]} if save else None
        typer.echo(render_json(result, report, parsed.profile, extra), nl=False)
        return
    out_console().print(render_report(replace(report, saved_to=saved)))
