"""Opening the history database safely: where it is, journal mode, durability, locking.

Why these settings (docs/history.md; research/reliability.md section 4):

* ``journal_mode=WAL`` lets one command write while others read, and
  ``synchronous=FULL`` syncs every commit, so "saved" survives a power cut, not just a
  crash.  An assessment is a few rows: the cost is not noticeable.
* A busy timeout (5 s) makes a second ``ekspor`` window wait for the first instead of
  failing at once; if it still cannot write, the user gets one clear message.
* WAL needs shared memory, which network drives (SMB/NFS, a mapped ``Z:`` drive) do not
  provide: there we use the rollback journal instead and say so.  The same fallback runs
  when WAL cannot be switched on or fails on first use.  ``EKSPOR_DB_JOURNAL=delete``
  forces it for drives we cannot detect.
* Every write is one ``BEGIN IMMEDIATE`` transaction: a process killed at any point
  leaves the database as it was before or after that transaction, never in between.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import StoreError
from ..paths import data_dir

DB_FILENAME = "history.db"
ENV_DB = "EKSPOR_DB"
ENV_JOURNAL = "EKSPOR_DB_JOURNAL"
BUSY_TIMEOUT_S = 5.0

_NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "drvfs", "fuse.sshfs"}
    | {"fuse.rclone", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre"}
)


def resolve_db_path(db: str | Path | None = None, data: str | Path | None = None) -> Path:
    """The database file: ``db`` (``--db``), else ``$EKSPOR_DB``, else ``history.db`` in
    the data directory (``--data-dir``, ``$EKSPOR_DATA_DIR`` or the platform's user data
    folder)."""
    if db:
        return Path(db)
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env)
    return data_dir(data) / DB_FILENAME


class Store:
    """An open history database.  Use as a context manager; ``notes`` are things the user
    should know (e.g. the rollback-journal fallback), for the CLI to print."""

    def __init__(self, conn: sqlite3.Connection, path: Path, journal: str, notes: list[str]):
        self.conn = conn
        self.path = path
        self.journal = journal
        self.notes = notes

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so it never has to be
        upgraded half-way; committed on success, rolled back on any exception."""
        with self.translate():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several queries (one read transaction)."""
        with self.translate():
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def translate(self) -> Iterator[None]:
        """Turn SQLite failures users can act on into one :class:`StoreError`."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self.path) from None


def store_error(exc: sqlite3.DatabaseError, path: Path) -> StoreError | sqlite3.DatabaseError:
    """The user-facing error for an SQLite failure, or ``exc`` itself when it is a bug."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            f"the history database {path} is busy: another ekspor command (or a program such "
            "as DB Browser for SQLite) is writing to it",
            "wait for it to finish and run the command again; nothing was changed",
        )
    if "not a database" in text or "encrypted" in text:
        return StoreError(
            f"{path} is not an ekspor history database",
            "check --db / EKSPOR_DB, or move that file away",
        )
    if "malformed" in text or "corrupt" in text:
        return StoreError(
            f"the history database {path} is damaged",
            "restore it from a backup (see docs/history.md, Backups)",
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"the history database {path} is read-only",
            "check the file's permissions, or use --db to point to a writable copy",
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(f"the disk holding {path} is full", "free some space and run again")
    if "unable to open" in text:
        return StoreError(
            f"cannot open the history database {path}",
            "check that the folder exists and is writable (or use --data-dir / --db)",
        )
    if _disk_io(exc):
        return StoreError(
            f"disk error on the history database {path} (a network drive?)",
            f"keep the database on a local disk, or set {ENV_JOURNAL}=delete",
        )
    return exc


def _disk_io(exc: sqlite3.DatabaseError) -> bool:
    """A disk or locking failure: on a network drive, often WAL's shared memory."""
    text = str(exc).lower()
    return "disk i/o error" in text or "locking protocol" in text


def is_network_path(path: Path) -> bool:
    """True when ``path`` is on a network drive (UNC path, mapped drive, NFS/SMB mount)."""
    try:
        resolved = path.resolve()
    except OSError:
        return False
    if sys.platform == "win32":
        import ctypes

        text = str(resolved)
        if text.startswith("\\\\"):
            return True
        drive = resolved.drive
        drive_remote = 4
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote
    return _mount_type(resolved) in _NETWORK_FS


def _mount_type(path: Path) -> str:
    """The file-system type of the mount holding ``path`` (Linux; "" elsewhere)."""
    mounts = Path("/proc/self/mounts")
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    best, kind = "", ""
    target = str(path)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ").replace("\\011", "\t")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def open_store(path: str | Path, *, timeout: float | None = None) -> Store:
    """Open (creating if needed) and migrate the history database at ``path``.

    Raises :class:`StoreError` when it cannot be used (busy past ``timeout`` seconds,
    default :data:`BUSY_TIMEOUT_S`; newer schema; not an ekspor database; folder not
    writable).
    """
    from .schema import migrate

    if timeout is None:
        timeout = BUSY_TIMEOUT_S
    file = Path(path)
    memory = str(path) == ":memory:"
    if not memory:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder {file.parent}: {exc.strerror}",
                "use --data-dir or --db to choose another place",
            ) from None
    notes: list[str] = []
    wanted = _wanted_journal(file, notes, memory)
    store = _connect(file, timeout, wanted, notes)
    try:
        try:
            migrate(store)
        except sqlite3.DatabaseError as exc:
            if wanted != "wal" or not _disk_io(exc):
                raise store_error(exc, file) from None
            # WAL switched on but failed on first use (shared memory on a network drive).
            store.close()
            notes.append(_fallback_note(file))
            store = _connect(file, timeout, "delete", notes)
            with store.translate():
                migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def _wanted_journal(file: Path, notes: list[str], memory: bool) -> str:
    forced = os.environ.get(ENV_JOURNAL, "").strip().lower()
    if forced:
        if forced not in ("wal", "delete"):
            raise StoreError(f"{ENV_JOURNAL}={forced!r} is not a journal mode", "use wal or delete")
        return forced
    if not memory and is_network_path(file):
        notes.append(_fallback_note(file))
        return "delete"
    return "wal"


def _fallback_note(file: Path) -> str:
    return (
        f"note: {file} is on a network drive or does not support WAL; using the rollback "
        "journal (safe, but only one ekspor command can use it at a time)"
    )


def _connect(file: Path, timeout: float, journal: str, notes: list[str]) -> Store:
    try:
        conn = sqlite3.connect(str(file), timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise _as_store_error(exc, file) from None
    store = Store(conn, file, journal, notes)
    try:
        with store.translate():
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            mode = str(conn.execute(f"PRAGMA journal_mode = {journal}").fetchone()[0]).lower()
            if journal == "wal" and mode != "wal" and str(file) != ":memory:":
                notes.append(_fallback_note(file))
            store.journal = mode
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return store


def _as_store_error(exc: sqlite3.Error, file: Path) -> StoreError:
    if isinstance(exc, sqlite3.DatabaseError):
        err = store_error(exc, file)
        if isinstance(err, StoreError):
            return err
    return StoreError(f"cannot open the history database {file}: {exc}", "check the path")
