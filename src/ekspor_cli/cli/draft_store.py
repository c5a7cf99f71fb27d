"""Drafts and finished assessments on disk, under the data directory.

Layout (all UTF-8 JSON, each file written atomically)::

    <data dir>/drafts/<id>.json                          one interview, in progress or finished
    <data dir>/results/<date>-<business>-<id8>.json      the result of a finished interview

Why files and not a database (yet): one small file per interview survives any crash with
:mod:`ekspor_cli.atomic`, is easy to copy to a USB stick, and a damaged file affects one
interview only.  :func:`persist_completed` is the single place a finished assessment is
stored, so the SQLite history (issue #5) can replace or extend it there.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import write_text_atomic
from ..drafts import Draft, DraftError, draft_from_json, draft_to_json
from ..errors import InputError, OutputError
from ..parsing import fold

MAX_DRAFT_BYTES = 5_000_000  # a 60-question draft is ~5 kB; anything huge is not ours


class DraftStore:
    """Reads and writes drafts and results in one data directory (created on first save)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.drafts_dir = root / "drafts"
        self.results_dir = root / "results"

    def check_writable(self) -> None:
        """Fail before the interview, not after it, when drafts cannot be written here."""
        try:
            self.drafts_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot keep drafts in {self.drafts_dir}: {exc.strerror}",
                "choose a folder you can write to with --data-dir (or EKSPOR_DATA_DIR)",
            ) from None

    def path(self, draft_id: str) -> Path:
        return self.drafts_dir / f"{draft_id}.json"

    def save(self, draft: Draft) -> Path:
        """Write ``draft`` atomically; raises :class:`~ekspor_cli.errors.OutputError`."""
        path = self.path(draft.id)
        write_text_atomic(path, _dumps(draft_to_json(draft)))
        return path

    def all(self) -> tuple[list[Draft], list[Path]]:
        """Every readable draft, most recently changed first, and the unreadable files.

        Read once per command: pick from it with :func:`find_draft` and :func:`last_officer`.
        """
        found: list[tuple[datetime, int, Draft]] = []
        broken: list[Path] = []
        if not self.drafts_dir.is_dir():
            return [], broken
        for path in sorted(self.drafts_dir.glob("*.json")):
            try:
                draft, changed = _read(path)
            except (DraftError, OSError):
                broken.append(path)
                continue
            found.append((_when(draft.updated), changed, draft))
        found.sort(key=lambda entry: entry[:2], reverse=True)
        return [draft for _when_, _ns, draft in found], broken


def find_draft(drafts: list[Draft], ref: str, drafts_dir: Path) -> Draft:
    """The one of ``drafts`` whose id starts with ``ref`` (the 8 characters shown are enough)."""
    ref = ref.strip().lower()
    matches = [d for d in drafts if ref and d.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(d.id[:8] for d in drafts if d.status != "finished") or "none"
    if not matches:
        raise InputError(
            f"no draft '{ref}' in {drafts_dir}",
            f"unfinished drafts: {known}; list them with: ekspor assess --resume",
        )
    raise InputError(
        f"'{ref}' matches {len(matches)} drafts", "type more characters of the draft id"
    )


def last_officer(drafts: list[Draft]) -> str:
    """The officer named in the first of ``drafts`` (most recent first) that names one."""
    for draft in drafts:
        name = draft.state.profile.get("officer", "")
        if name:
            return name
    return ""


def persist_completed(store: DraftStore, draft: Draft, document: str) -> Draft:
    """Store a finished assessment (``document``: its JSON report) and mark its draft
    finished; returns the updated draft.

    The one place completed assessments are persisted (see module docstring).  The result
    is written before the draft is marked, so a crash in between leaves an unfinished
    draft that can be finished again -- never a finished draft without its result.
    """
    result_path = store.results_dir / result_name(draft)
    write_text_atomic(result_path, document)
    finished = replace(draft, status="finished", result_path=str(result_path))
    store.save(finished)
    return finished


def result_name(draft: Draft) -> str:
    """``2026-11-01-cv-maju-61a3f2fe.json``: sorts by date, readable in a file manager."""
    day = draft.state.profile.get("date") or draft.created[:10]
    words = re.findall(r"[a-z0-9]+", fold(draft.business_name))
    slug = "-".join(words)[:40].strip("-") or "usaha"
    return f"{day}-{slug}-{draft.id[:8]}.json"


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_UNKNOWN_WHEN = datetime.min.replace(tzinfo=UTC)


def _read(path: Path) -> tuple[Draft, int]:
    """The draft in ``path`` and when the file last changed (ns; orders drafts saved within
    one second), from one open and one stat."""
    try:
        with path.open(mode="rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > MAX_DRAFT_BYTES:
                raise DraftError(f"{path}: too large to be an ekspor draft", "check the file")
            data = json.loads(handle.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DraftError(
            f"{path}: cannot be read ({type(exc).__name__})",
            "the file may be damaged; the other drafts are not affected",
        ) from None
    return draft_from_json(data, str(path)), info.st_mtime_ns


def aware_time(stamp: str) -> datetime:
    """An ISO timestamp, timezone-aware so that any two compare: one without an offset (a
    hand edit) is local time.  Raises ValueError, OverflowError or OSError (Windows, for
    years before 1970) when it cannot be read."""
    moment = datetime.fromisoformat(stamp)
    return moment.astimezone() if moment.tzinfo is None else moment


def _when(stamp: str) -> datetime:
    """When a draft was last changed (:func:`aware_time`); an unreadable one sorts last."""
    try:
        return aware_time(stamp)
    except (ValueError, OverflowError, OSError):
        return _UNKNOWN_WHEN


__all__ = ["DraftStore", "aware_time", "find_draft", "last_officer", "persist_completed"]
