"""Options and helpers shared by the history commands (list, show, progress, ...).

Why here: every history command finds the database the same way (``--db``, ``--data-dir``,
their environment variables, then the platform data folder), filters the same way, and
prints the store's notes (e.g. the network-drive fallback) the same way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import InputError

if TYPE_CHECKING:  # the store (and the criteria models it uses) load only when needed
    from ..store import Filters, Store

DbPath = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="History database file (default: history.db in the data folder).",
        envvar="EKSPOR_DB",
        dir_okay=False,
    ),
]
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Folder for ekspor's data (default: the user data folder of this computer).",
        envvar="EKSPOR_DATA_DIR",
        file_okay=False,
    ),
]
Business = Annotated[
    str | None,
    typer.Option("--business", "-b", help="Only this business: NIB, key or (part of) the name."),
]
Officer = Annotated[
    str | None, typer.Option("--officer", help="Only assessments by this officer (part of name).")
]
Level = Annotated[str | None, typer.Option("--level", help="Only this level (level key).")]
Since = Annotated[
    str | None,
    typer.Option("--since", help="Only visits on or after this date (2026-03-01 or 01-03-2026)."),
]
Until = Annotated[str | None, typer.Option("--until", help="Only visits on or before this date.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def parse_day(text: str | None, option: str) -> date | None:
    """A date option's value; :class:`InputError` naming the option when it is not a date."""
    from ..parsing import parse_date

    if text is None or not text.strip():
        return None
    day = parse_date(text)
    if day is None:
        raise InputError(f"{option} {text!r} is not a date", "write it as 2026-03-01 or 01-03-2026")
    return day


def make_filters(
    business: str | None = None,
    officer: str | None = None,
    level: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Filters:
    from ..store import Filters

    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    if start and end and start > end:
        raise InputError(f"--since {start} is after --until {end}", "swap the two dates")
    return Filters(business=business, officer=officer, level=level, since=start, until=end)


def open_history(db: Path | None, data_dir: Path | None, *, write: bool = False) -> Store:
    """Open the history database.  Read-only commands do not create it: a missing file is
    an empty history (with a note), so a mistyped ``--db`` leaves no stray files."""
    from ..store import open_store, resolve_db_path

    path = resolve_db_path(db, data_dir)
    if not write and not path.exists():
        store = open_store(":memory:")
        store.path = path
        store.notes.append(f"note: no assessments saved yet ({path} does not exist)")
    else:
        store = open_store(path)
    print_notes(store)
    return store


def print_notes(store: Store) -> None:
    from .console import err_console

    console = err_console()
    for note in store.notes:
        console.print(note, markup=False, highlight=False, style="yellow", soft_wrap=True)
    store.notes.clear()
