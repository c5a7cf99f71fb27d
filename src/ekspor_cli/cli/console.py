"""Rich consoles for the CLI: results to stdout, messages and summaries to stderr.

Consoles are made per use (cheap) so they always write to the current sys.stdout/stderr.

Why here: only the CLI layer may import Rich (ruff banned-api enforces it), and Windows
consoles with legacy code pages must not crash on Indonesian text or symbols.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console


def _safe_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower()
        if encoding and "utf" not in encoding and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _width() -> int | None:
    # Reports are designed for 80 columns; honour COLUMNS when set (tests, narrow terminals).
    columns = os.environ.get("COLUMNS")
    return int(columns) if columns and columns.isdigit() else None


def out_console() -> Console:
    _safe_streams()
    return Console(width=_width(), highlight=False, soft_wrap=False)


def err_console() -> Console:
    _safe_streams()
    return Console(stderr=True, width=_width(), highlight=False)
