"""The database schema and its migrations, versioned by ``PRAGMA user_version``.

Why migrations from version 0 (not one "create latest" script): a new database and a
laptop upgraded from any older ekspor then run the very same steps, so they cannot drift
apart.  Each step runs inside one write transaction together with the version bump, so
an interrupted upgrade leaves the old version intact.  Before an existing database is
changed, a copy is written next to it (``history.db.v1-<time>.bak``).

Versions:

1. ``criteria`` (each criteria text once, by sha256) and ``assessments`` (profile,
   answers and result as JSON, score, level).
2. Assessments gain their source, visit date, evidence flags, knock-out cap, criteria
   id/version, engine version, a content hash (to detect import conflicts) and the
   business identity columns (NIB, normalised name and city, business key) with indexes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..errors import StoreError
from .connection import Store

APPLICATION_ID = 1162564432  # b"EKSP": marks the file as an ekspor history database

_V1 = (
    """CREATE TABLE criteria (
        sha256 TEXT PRIMARY KEY,
        criteria_id TEXT NOT NULL,
        version TEXT NOT NULL,
        text TEXT NOT NULL
    )""",
    """CREATE TABLE assessments (
        uuid TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        officer TEXT NOT NULL DEFAULT '',
        business_name TEXT NOT NULL DEFAULT '',
        profile_json TEXT NOT NULL,
        answers_json TEXT NOT NULL,
        result_json TEXT NOT NULL,
        score REAL NOT NULL,
        level_key TEXT NOT NULL,
        criteria_sha256 TEXT NOT NULL REFERENCES criteria(sha256)
    )""",
    "CREATE INDEX assessments_created ON assessments(created_at)",
)

_V2_COLUMNS = (
    "ALTER TABLE criteria ADD COLUMN added_at TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN source TEXT NOT NULL DEFAULT 'assess'",
    "ALTER TABLE assessments ADD COLUMN assessed_on TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN saved_at TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN evidence_json TEXT NOT NULL DEFAULT '{}'",
    "ALTER TABLE assessments ADD COLUMN capped INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE assessments ADD COLUMN criteria_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN criteria_version TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN engine_version TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN business_key TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN nib TEXT",
    "ALTER TABLE assessments ADD COLUMN name_norm TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN city_norm TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE assessments ADD COLUMN content_sha256 TEXT NOT NULL DEFAULT ''",
)

_V2_INDEXES = (
    "CREATE INDEX assessments_business ON assessments(business_key, assessed_on, created_at)",
    "CREATE INDEX assessments_assessed ON assessments(assessed_on, created_at)",
    "CREATE INDEX assessments_identity ON assessments(name_norm, city_norm)",
    "CREATE INDEX assessments_nib ON assessments(nib)",
)


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _V1:
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    from ..parsing import parse_date
    from .identity import identify
    from .repository import SELECT, assign_business, record_from_row

    for statement in _V2_COLUMNS:
        conn.execute(statement)
    conn.execute("UPDATE criteria SET added_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")
    rows = conn.execute(
        "SELECT a.uuid, a.created_at, a.profile_json, a.result_json, c.criteria_id, c.version"
        " FROM assessments a JOIN criteria c ON c.sha256 = a.criteria_sha256"
        " ORDER BY a.created_at, a.uuid"
    ).fetchall()
    for uuid, created_at, profile_json, result_json, criteria_id, version in rows:
        profile = json.loads(profile_json)
        result = json.loads(result_json)
        day = parse_date(str(profile.get("date") or ""))
        identity = identify(profile)
        key = assign_business(conn, identity, uuid)  # before this row has its identity
        conn.execute(
            "UPDATE assessments SET assessed_on = ?, saved_at = ?, capped = ?,"
            " criteria_id = ?, criteria_version = ?, engine_version = 'schema-v1',"
            " nib = ?, name_norm = ?, city_norm = ?, business_key = ? WHERE uuid = ?",
            (
                day.isoformat() if day else created_at[:10],
                created_at,
                int(bool(result.get("capped"))),
                criteria_id,
                version,
                identity.nib,
                identity.name,
                identity.city,
                key,
                uuid,
            ),
        )
    for (uuid,) in conn.execute("SELECT uuid FROM assessments").fetchall():
        row = conn.execute(f"{SELECT} WHERE a.uuid = ?", (uuid,)).fetchone()
        digest = record_from_row(row).digest()
        conn.execute("UPDATE assessments SET content_sha256 = ? WHERE uuid = ?", (digest, uuid))
    for statement in _V2_INDEXES:
        conn.execute(statement)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2)
LATEST = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(store: Store) -> None:
    """Bring the database to the latest schema; refuse newer or foreign databases."""
    conn = store.conn
    version = user_version(conn)
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if app_id not in (0, APPLICATION_ID) or (version == 0 and tables):
        raise StoreError(
            f"{store.path} is not an ekspor history database",
            "check --db / EKSPOR_DB, or move that file away",
        )
    if version > LATEST:
        raise StoreError(
            f"the history database {store.path} was written by a newer ekspor "
            f"(schema {version}; this ekspor knows up to {LATEST})",
            "update ekspor (pip install -U ekspor) on this laptop",
        )
    if version == LATEST:
        return
    if version > 0:
        store.notes.append(
            f"note: upgraded the history database; backup: {_backup(store, version)}"
        )
    with store.write():
        version = user_version(conn)  # another process may have migrated meanwhile
        for step in MIGRATIONS[version:]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {LATEST}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _backup(store: Store, version: int) -> Path:
    """Copy the database (consistently, via SQLite's backup API) before changing it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = store.path.with_name(f"{store.path.name}.v{version}-{stamp}.bak")
    dest = sqlite3.connect(str(target))
    try:
        store.conn.backup(dest)
    finally:
        dest.close()
    return target
