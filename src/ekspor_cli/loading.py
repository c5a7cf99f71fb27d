"""Read a criteria file from disk: the one place the core touches the file system.

Why separate: :func:`~ekspor_cli.criteria.load_criteria_text` stays pure (text in, criteria
out); this thin layer reads bytes, refuses oversize files before reading them whole, decodes
strictly as UTF-8 and names the file in every message.
"""

from __future__ import annotations

from pathlib import Path

from .bundled import bundled_criteria_path
from .criteria import Criteria, load_criteria_text
from .errors import CriteriaError, Issue, Location
from .yamlsafe import decode_source

MAX_CRITERIA_BYTES = 1_000_000


def load_criteria(path: str | Path | None = None) -> Criteria:
    """Load and validate a criteria file (default: the bundled ``umkm-ekspor.yaml``)."""
    file = Path(path) if path is not None else bundled_criteria_path()
    source = str(path) if path is not None else file.name
    try:
        size = file.stat().st_size
        if size > MAX_CRITERIA_BYTES:
            raise CriteriaError(
                [
                    Issue(
                        Location(source),
                        f"file is too large ({size:,} bytes; limit {MAX_CRITERIA_BYTES:,})",
                        hint="criteria files are small: check the path",
                        code="Y005",
                    )
                ]
            )
        data = file.read_bytes()
    except FileNotFoundError:
        raise CriteriaError(
            [
                Issue(
                    Location(source),
                    "file not found",
                    hint="check the path given to --criteria",
                    code="F001",
                )
            ]
        ) from None
    except IsADirectoryError:
        raise CriteriaError(
            [
                Issue(
                    Location(source),
                    "is a folder, not a file",
                    hint="give the path of a .yaml file",
                    code="F002",
                )
            ]
        ) from None
    except OSError as exc:
        raise CriteriaError(
            [
                Issue(
                    Location(source),
                    f"cannot read file: {exc.strerror}",
                    hint="check the path and permissions",
                    code="F003",
                )
            ]
        ) from None
    return load_criteria_text(decode_source(data, source), source)


def load_bundled_criteria() -> Criteria:
    """The default Indonesian export-readiness criteria shipped with ekspor."""
    return load_criteria(None)
