"""The one error boundary: exceptions become a message and a documented exit code.

Why: users must never see a traceback for something they can fix.  A user error prints
``error: ...`` with what to do, and exits 2 (or the error's own code); Ctrl-C exits 130;
a bug writes its traceback to a log file in the data directory and exits 70, unless
``EKSPOR_DEBUG=1`` asks for the traceback on screen.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import typer

from ..errors import EksporError, ExitCode

F = TypeVar("F", bound=Callable[..., Any])


def _log_bug(exc: BaseException) -> Path | None:
    from ..paths import data_dir

    try:
        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        text = "".join(traceback.format_exception(exc))
        path.write_text(f"ekspor {_version()}\n{' '.join(sys.argv)}\n\n{text}", encoding="utf-8")
        return path
    except OSError:
        return None


def _version() -> str:
    from .. import __version__

    return __version__


def report_error(err: EksporError) -> None:
    """Print a user error to stderr, plainly (no markup: messages may quote user text)."""
    from .console import err_console

    console = err_console()
    console.print(
        f"error: {err.format()}", markup=False, highlight=False, style="red", soft_wrap=True
    )


def boundary(func: F) -> F:
    """Wrap a command so every failure ends as a clear message and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EksporError as err:
            report_error(err)
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            from .console import err_console

            err_console().print("\ndibatalkan (Ctrl-C) / cancelled", markup=False)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (typer.Exit, typer.Abort, typer.BadParameter, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("EKSPOR_DEBUG"):
                raise
            from .console import err_console

            log = _log_bug(exc)
            where = f"details in {log}" if log else "set EKSPOR_DEBUG=1 to see details"
            err_console().print(
                f"internal error ({type(exc).__name__}): this is a bug in ekspor, not your "
                f"input; {where}. Please report it.",
                markup=False,
                style="red",
            )
            raise typer.Exit(int(ExitCode.BUG)) from None

    return wrapper  # type: ignore[return-value]


class EksporTyper(typer.Typer):
    """A Typer whose commands all go through :func:`boundary`."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        register = super().command(*args, **kwargs)

        def decorator(func: F) -> F:
            register(boundary(func))
            return func

        return decorator
