"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class LangOption(StrEnum):
    id = "id"
    en = "en"


class DecimalOption(StrEnum):
    auto = "auto"
    comma = "comma"
    dot = "dot"


CriteriaPath = Annotated[
    Path | None,
    typer.Option(
        "--criteria",
        "-c",
        help="Criteria YAML file (default: the bundled umkm-ekspor.yaml).",
        envvar="EKSPOR_CRITERIA",
        dir_okay=False,
    ),
]
Lang = Annotated[
    LangOption,
    typer.Option(
        "--lang",
        "-l",
        help="Language of messages and reports.",
        envvar="EKSPOR_LANG",
        case_sensitive=False,
    ),
]
DecimalConvention = Annotated[
    DecimalOption,
    typer.Option(
        "--decimal",
        help="How to read numbers: auto (Indonesian-first: 1.500 = 1500, 2,5 = 2.5), "
        "comma (1.500,5) or dot (1,500.5).",
        case_sensitive=False,
    ),
]
ReportOutput = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Also write the report (.json, .md or .html).", dir_okay=False
    ),
]
