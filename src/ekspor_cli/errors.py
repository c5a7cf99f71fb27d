"""One family of user-facing errors, and the exit codes the CLI maps them to.

Why: every failure a user can cause (a broken criteria file, a bad answer, an unreadable
input) must end as one clear message -- where, what, what to do -- and a documented exit
code, never a traceback.  Core code raises these; only the CLI's error boundary prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (README "Exit codes")."""

    OK = 0
    ROWS_WITH_ERRORS = 1  # batch: some rows could not be scored (they are still written)
    USAGE = 2  # unusable input: broken criteria, unreadable file, bad option
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT); interview drafts are already saved
    BUG = 70  # internal error (EX_SOFTWARE); details go to a log file


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: 1-based line and column (0 = unknown)."""

    source: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.source
        if self.column <= 0:
            return f"{self.source}:{self.line}"
        return f"{self.source}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Issue:
    """One problem found while validating a criteria file.

    ``path`` is the YAML path of the offending field (``dimensions[2].questions[0].weight``),
    ``hint`` says what to do about it.
    """

    location: Location
    message: str
    path: str = ""
    hint: str = ""
    code: str = "E000"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.source, self.location.line, self.location.column, self.message)

    def format(self) -> str:
        text = f"{self.location}: {self.code} {self.message}"
        if self.path:
            text += f" [at {self.path}]"
        if self.hint:
            text += f" -- {self.hint}"
        return text


class EksporError(Exception):
    """Base of every user-facing error: a message, an optional hint, an exit code."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def format(self) -> str:
        return f"{self.message}\n  {self.hint}" if self.hint else self.message


class CriteriaError(EksporError):
    """A criteria file cannot be used; carries *every* issue found, sorted by position."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues, key=Issue.sort_key)
        n = len(self.issues)
        super().__init__(
            f"{n} error{'s' if n != 1 else ''} in criteria",
            "fix the lines above, then run `ekspor criteria validate`",
        )

    def format(self) -> str:
        return "\n".join(issue.format() for issue in self.issues)


class AnswerError(EksporError):
    """An answer cannot be read for a question; the message says what is allowed.

    ``texts`` holds the message per language (``{"id": ..., "en": ...}``) when it has both.
    """

    def __init__(
        self,
        message: str,
        *,
        question: str = "",
        value: str = "",
        hint: str = "",
        texts: dict[str, str] | None = None,
    ):
        super().__init__(message, hint)
        self.question = question
        self.value = value
        self.texts: dict[str, str] = texts or {}


class InputError(EksporError):
    """An input file (answers, batch CSV/xlsx, map file) cannot be used at all."""


class OutputError(EksporError):
    """An output file cannot be written (e.g. it is open in Excel on Windows)."""


class StoreError(EksporError):
    """The assessment history database cannot be used: busy (locked by another writer),
    written by a newer ekspor, not an ekspor database, on a read-only or full disk, or an
    assessment ID that matches nothing (or several assessments)."""


def clip(text: str, limit: int) -> str:
    """``text`` as a message shows it: at most ``limit`` characters, cut ones ending in
    ``...`` (a long cell or expression must not flood the line that names it)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
