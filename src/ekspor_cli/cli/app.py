"""The `ekspor` command: sub-commands are registered here, implemented in their modules.

Heavy modules (pydantic, PyYAML, openpyxl) are imported inside the commands that need them,
so `ekspor --help` starts fast on an old laptop.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from .assess_cmd import assess_command
from .batch_cmd import batch_command
from .boundary import EksporTyper
from .criteria_cmd import app as criteria_app
from .history_cmd import businesses_command, list_command, show_command
from .history_exchange import export_command, import_command
from .history_insight import cohort_command, progress_command
from .score_cmd import score_command
from .template_cmd import template_command

app = EksporTyper(
    name="ekspor",
    help="Kesiapan ekspor UMKM/IKM -- how ready is a small business to export, and what to "
    "fix first.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(criteria_app, name="criteria")
app.command("score")(score_command)
app.command("assess")(assess_command)
# Batch scoring of business lists (issue #4).
app.command("batch")(batch_command)
app.command("template")(template_command)
# History (issue #5): stored assessments, progress, program view, reports, laptop exchange.
app.command("list")(list_command)
app.command("show")(show_command)
app.command("progress")(progress_command)
app.command("businesses")(businesses_command)
app.command("cohort")(cohort_command)
app.command("export")(export_command)
app.command("import")(import_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ekspor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Kesiapan ekspor UMKM/IKM: interview, batch scoring and gap reports."""


def main() -> None:
    """Console-script entry point."""
    app()
