"""Reading one answer line at a time, from a terminal or a pipe, without hanging.

Why plain lines: ``input()`` works the same in Windows cmd and PowerShell, Git Bash,
macOS/Linux terminals, pipes and test runners; arrow-key widgets do not.  End of input is
turned into :class:`InputEnded` exactly once (the interview then stops with a message and
a resume command -- never a loop re-asking a closed stream, never a traceback).  When the
answers come from a pipe each line read is echoed, so a saved transcript reads like the
interview did.
"""

from __future__ import annotations

import contextlib
import sys

from rich.console import Console
from rich.text import Text

from ..errors import InputError


class InputEnded(Exception):
    """Standard input reached its end (Ctrl-D/Ctrl-Z in a terminal, or the pipe ran dry)."""


class LineInput:
    """Prompts on ``console`` and reads one line of standard input per call."""

    def __init__(self, console: Console, *, interactive: bool | None = None) -> None:
        self.console = console
        self.interactive = _stdin_is_tty() if interactive is None else interactive
        self.lines_read = 0
        if self.interactive:
            _enable_line_editing()

    def ask(self, prompt: Text | str) -> str:
        """Show ``prompt`` (plain text, never markup) and return the line typed, unstripped."""
        self.console.print(Text(prompt) if isinstance(prompt, str) else prompt, end="")
        try:
            line = input()
        except EOFError:
            self.console.print()
            raise InputEnded from None
        except UnicodeDecodeError:
            self.console.print()
            raise InputError(
                "standard input is not UTF-8 text", "save the answers as UTF-8"
            ) from None
        self.lines_read += 1
        if not self.interactive:
            self.console.print(Text(line), highlight=False)
        return line


def _stdin_is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # replaced or closed stdin
        return False


def _enable_line_editing() -> None:
    """Arrow keys and editing in POSIX terminals (Windows consoles have their own)."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401
