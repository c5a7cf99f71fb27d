"""`ekspor criteria validate|show|schema`: check and inspect criteria files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .boundary import EksporTyper
from .options import Lang, LangOption

if TYPE_CHECKING:
    from ..criteria import Criteria

app = EksporTyper(
    help="Check and inspect criteria files (YAML).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Criteria files (default: the bundled criteria).", dir_okay=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print issues as JSON.")] = False,
) -> None:
    """Validate criteria files; print every problem as file:line:col. Exit 0 if valid, 2 if not."""
    from ..errors import CriteriaError, ExitCode
    from ..loading import load_criteria
    from .console import err_console, out_console

    failed = False
    report: list[dict[str, Any]] = []
    targets: list[Path | None] = list(paths) if paths else [None]
    for path in targets:
        try:
            criteria = load_criteria(path)
        except CriteriaError as err:
            failed = True
            for issue in err.issues:
                report.append(
                    {
                        "file": issue.location.source,
                        "line": issue.location.line,
                        "column": issue.location.column,
                        "code": issue.code,
                        "message": issue.message,
                        "path": issue.path,
                        "hint": issue.hint,
                    }
                )
                if not as_json:
                    err_console().print(
                        issue.format(), markup=False, highlight=False, soft_wrap=True
                    )
            if not as_json:
                n = len(err.issues)
                err_console().print(f"{n} error{'s' if n != 1 else ''}", style="red")
            continue
        if not as_json:
            out_console().print(
                f"OK {criteria.source}: {criteria.id} v{criteria.version}, "
                f"{len(criteria.dimensions)} dimensions, {len(criteria.questions)} questions",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
    if as_json:
        typer.echo(
            json.dumps({"valid": not failed, "issues": report}, ensure_ascii=False, indent=2)
        )
    if failed:
        raise typer.Exit(int(ExitCode.USAGE))


def normalised(criteria: Criteria) -> dict[str, Any]:
    """The normalised criteria as JSON data: {id, version, levels, dimensions: [...]}."""
    data: dict[str, Any] = criteria.model.model_dump(mode="json", exclude_none=True)
    data["sha256"] = criteria.sha256
    return data


@app.command()
def show(
    path: Annotated[
        Path | None, typer.Argument(help="Criteria file (default: bundled).", dir_okay=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print normalised JSON.")] = False,
    lang: Lang = LangOption.id,
) -> None:
    """Show the criteria as a readable tree (dimensions, questions, types, weights)."""
    from ..loading import load_criteria
    from .console import out_console
    from .render_criteria import criteria_tree

    criteria = load_criteria(path)
    if as_json:
        typer.echo(json.dumps(normalised(criteria), ensure_ascii=False, indent=2))
        return
    out_console().print(criteria_tree(criteria, lang.value))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the criteria format (for editor autocompletion)."""
    from ..model import CriteriaModel

    data = CriteriaModel.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = "ekspor criteria file"
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
