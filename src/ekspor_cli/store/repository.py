"""Saving assessments, and the row shapes every query shares.

Why one module for writing: every path into the database -- ``assess``, ``score --save``,
``batch --save`` and ``import`` -- goes through :func:`insert_record`, so the business
identity rule and the criteria-text-once rule are applied the same way everywhere.
Finding and listing them is :mod:`.queries`.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuid_module
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..criteria import Criteria
from ..errors import StoreError
from ..result import Result
from .codec import dumps
from .connection import Store, open_store
from .identity import NIB_PREFIX, UNNAMED_PREFIX, Identity, identify
from .records import AssessmentRecord, build_record, utc_text

SELECT = (
    "SELECT a.uuid, a.source, a.assessed_on, a.created_at, a.profile_json, a.answers_json,"
    " a.evidence_json, a.result_json, a.score, a.level_key, a.capped, a.criteria_id,"
    " a.criteria_version, a.criteria_sha256, a.engine_version, a.content_sha256,"
    " a.business_key, a.saved_at FROM assessments a"
)
ORDER_NEWEST = " ORDER BY a.assessed_on DESC, a.created_at DESC, a.uuid"
ORDER_OLDEST = " ORDER BY a.assessed_on, a.created_at, a.uuid"


@dataclass(frozen=True)
class StoredAssessment:
    """A record as stored here: plus the business it is linked to and when it was saved."""

    record: AssessmentRecord
    business_key: str
    saved_at: str

    @property
    def uuid(self) -> str:
        return self.record.uuid


@dataclass(frozen=True)
class Filters:
    """Which assessments ``list``, ``export`` and ``cohort`` look at (all when empty)."""

    business: str | None = None  # NIB, business key, or (part of) a business name
    officer: str | None = None  # part of the officer's name, any case
    level: str | None = None  # level key
    since: date | None = None  # visit date, inclusive
    until: date | None = None


NO_FILTERS = Filters()


@dataclass(frozen=True)
class Business:
    """One firm as recognised across assessments (see :mod:`.identity`)."""

    key: str
    name: str
    nib: str | None
    city: str
    assessments: int
    first_on: str
    last_on: str
    latest: StoredAssessment


def record_from_row(row: Sequence[object]) -> AssessmentRecord:
    return AssessmentRecord(
        uuid=str(row[0]),
        source=str(row[1]),
        assessed_on=str(row[2]),
        created_at=str(row[3]),
        profile=json.loads(str(row[4])),
        answers=json.loads(str(row[5])),
        evidence=json.loads(str(row[6])),
        result=json.loads(str(row[7])),
        score=float(row[8]),  # type: ignore[arg-type]
        level_key=str(row[9]),
        capped=bool(row[10]),
        criteria_id=str(row[11]),
        criteria_version=str(row[12]),
        criteria_sha256=str(row[13]),
        engine_version=str(row[14]),
        content_sha256=str(row[15]),
    )


def stored_from_row(row: Sequence[object]) -> StoredAssessment:
    return StoredAssessment(record_from_row(row), str(row[16]), str(row[17]))


@contextmanager
def _opened(db: Store | str | Path) -> Iterator[Store]:
    if isinstance(db, Store):
        yield db
    else:
        with open_store(db) as store:
            yield store


def save_assessment(
    db: Store | str | Path,
    profile: Mapping[str, str],
    answers: Mapping[str, object],
    evidence: Mapping[str, bool | None] | None,
    result: Result,
    criteria: Criteria,
    *,
    source: str,
    assessed_on: date | None = None,
) -> str:
    """Store one completed assessment; return its new UUID.

    ``db`` is an open :class:`Store` or a database path (see ``resolve_db_path``).
    ``answers`` are the canonical values that were scored, ``evidence`` the officer's
    "document seen" flags per question, ``source`` one of ``assess``, ``score``, ``batch``.
    Raises :class:`~ekspor_cli.errors.StoreError` when the database cannot be written.
    """
    item = NewAssessment(profile, answers, result, evidence, assessed_on)
    return save_many(db, [item], criteria, source=source)[0]


@dataclass(frozen=True)
class NewAssessment:
    """One scored assessment to save with :func:`save_many` (e.g. one batch row)."""

    profile: Mapping[str, str]
    answers: Mapping[str, object]
    result: Result
    evidence: Mapping[str, bool | None] | None = None
    assessed_on: date | None = None


def save_many(
    db: Store | str | Path,
    items: Iterable[NewAssessment],
    criteria: Criteria,
    *,
    source: str,
    chunk: int = 500,
) -> list[str]:
    """Save many assessments scored with ``criteria``; return their UUIDs in order.

    Why not :func:`save_assessment` per row: each save is a synced transaction (a few
    milliseconds); here ``chunk`` rows share one, so a batch of thousands saves in
    seconds, and a crash loses at most the unfinished chunk (never half of one).
    """
    from .. import __version__

    ids: list[str] = []
    with _opened(db) as store:
        pending: list[AssessmentRecord] = []

        def flush() -> None:
            with store.write() as conn:
                save_criteria(conn, criteria.sha256, criteria.id, criteria.version, criteria.text)
                for record in pending:
                    insert_record(conn, record)
            ids.extend(r.uuid for r in pending)
            pending.clear()

        for item in items:
            pending.append(
                build_record(
                    uuid=str(uuid_module.uuid4()),
                    profile=item.profile,
                    values=item.answers,
                    evidence=item.evidence,
                    result=item.result,
                    criteria=criteria,
                    source=source,
                    created_at=datetime.now().astimezone(),
                    engine_version=__version__,
                    assessed_on=item.assessed_on,
                )
            )
            if len(pending) >= chunk:
                flush()
        if pending:
            flush()
    return ids


def save_criteria(conn: sqlite3.Connection, sha256: str, cid: str, version: str, text: str) -> None:
    """Keep a criteria text once per sha256 (it is what old assessments re-score with)."""
    conn.execute(
        "INSERT OR IGNORE INTO criteria (sha256, criteria_id, version, text, added_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (sha256, cid, version, text, utc_text(datetime.now().astimezone())),
    )


def insert_record(conn: sqlite3.Connection, record: AssessmentRecord) -> str:
    """Insert ``record`` (inside the caller's write transaction); returns the business key."""
    identity = identify(record.profile)
    key = assign_business(conn, identity, record.uuid)
    conn.execute(
        "INSERT INTO assessments (uuid, created_at, officer, business_name, profile_json,"
        " answers_json, result_json, score, level_key, criteria_sha256, source, assessed_on,"
        " saved_at, evidence_json, capped, criteria_id, criteria_version, engine_version,"
        " business_key, nib, name_norm, city_norm, content_sha256)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.uuid,
            record.created_at,
            record.officer,
            record.business_name,
            dumps(dict(record.profile)),
            dumps(dict(record.answers)),
            dumps(dict(record.result)),
            record.score,
            record.level_key,
            record.criteria_sha256,
            record.source,
            record.assessed_on,
            utc_text(datetime.now().astimezone()),
            dumps(dict(record.evidence)),
            int(record.capped),
            record.criteria_id,
            record.criteria_version,
            record.engine_version,
            key,
            identity.nib,
            identity.name,
            identity.city,
            record.content_sha256 or record.digest(),
        ),
    )
    return key


def assign_business(conn: sqlite3.Connection, identity: Identity, uuid: str) -> str:
    """The business key for a new assessment, linking it to earlier visits of the same firm.

    An NIB wins; earlier name-only visits of the same name and city are moved to it (the
    firm got its NIB since), unless another NIB already shares that name and city.  Without
    an NIB, a visit joins the one NIB business with its name and city, if there is exactly
    one; otherwise it is keyed by name and city.
    """
    name_key = identity.name_key
    if identity.nib:
        key = NIB_PREFIX + identity.nib
        if name_key is not None:
            others = _nib_keys(conn, identity) - {key}
            if not others:
                conn.execute(
                    "UPDATE assessments SET business_key = ? WHERE business_key = ?",
                    (key, name_key),
                )
        return key
    if name_key is None:
        return UNNAMED_PREFIX + uuid
    keys = _nib_keys(conn, identity)
    return keys.pop() if len(keys) == 1 else name_key


def _nib_keys(conn: sqlite3.Connection, identity: Identity) -> set[str]:
    rows = conn.execute(
        "SELECT DISTINCT business_key FROM assessments"
        " WHERE name_norm = ? AND city_norm = ? AND nib IS NOT NULL AND business_key != ''",
        (identity.name, identity.city),
    ).fetchall()
    return {str(r[0]) for r in rows}


def criteria_text(store: Store, sha256: str) -> str:
    with store.translate():
        row = store.conn.execute("SELECT text FROM criteria WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        raise StoreError(
            f"the criteria {sha256[:12]} are missing from {store.path}",
            "the database is incomplete: restore it from a backup",
        )
    return str(row[0])


def existing_digest(conn: sqlite3.Connection, uuid: str) -> str | None:
    row = conn.execute("SELECT content_sha256 FROM assessments WHERE uuid = ?", (uuid,)).fetchone()
    return str(row[0]) if row else None


def stored_record(conn: sqlite3.Connection, uuid: str) -> AssessmentRecord | None:
    row = conn.execute(f"{SELECT} WHERE a.uuid = ?", (uuid,)).fetchone()
    return record_from_row(row) if row else None


def has_criteria(conn: sqlite3.Connection, sha256: str) -> bool:
    return conn.execute("SELECT 1 FROM criteria WHERE sha256 = ?", (sha256,)).fetchone() is not None
