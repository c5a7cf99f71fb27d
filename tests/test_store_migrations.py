"""Upgrading a database written by an older ekspor (schema version 1).

The fixture below is the version-1 schema written out by hand, as such a laptop has it --
deliberately not imported from the code, so a change to the shipped migrations that
would break real old databases fails here.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ekspor_cli import load_criteria_text, score_values
from ekspor_cli.answer_codec import encode_answers
from ekspor_cli.store import businesses, get_assessment, list_assessments, open_store
from ekspor_cli.store.replay import CriteriaCache, replay
from ekspor_cli.store.repository import criteria_text
from ekspor_cli.store.schema import APPLICATION_ID, LATEST

from .conftest import MINI

V1_SQL = """
CREATE TABLE criteria (
    sha256 TEXT PRIMARY KEY,
    criteria_id TEXT NOT NULL,
    version TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE assessments (
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
);
CREATE INDEX assessments_created ON assessments(created_at);
PRAGMA user_version = 1;
PRAGMA application_id = 1162564432;
"""

CRITERIA = load_criteria_text(MINI, "mini.yaml")

# (uuid, created_at, profile, answers) as an older ekspor stored them.
ROWS = [
    (
        "11111111-1111-4111-8111-111111111111",
        "2025-08-01T02:00:00Z",
        {"business_name": "UD Sumber Rejeki", "city": "Kab. Jember", "officer": "Ani"},
        {"sektor": "pangan", "nib": False, "kapasitas": 100.0, "volume_pembeli": 1000.0},
    ),
    (
        "22222222-2222-4222-8222-222222222222",
        "2025-11-20T03:00:00Z",
        {
            "business_name": "Sumber Rejeki",
            "city": "Kabupaten Jember",
            "officer": "Ani",
            "nib": "9120001234567",
            "date": "18-11-2025",
        },
        {"sektor": "pangan", "nib": True, "izin_edar": "pirt", "pemasok": ["petani"], "mutu": 3},
    ),
    (
        "33333333-3333-4333-8333-333333333333",
        "2025-09-01T02:00:00Z",
        {"business_name": "Mebel Jati", "city": "Jepara", "officer": "Budi"},
        {"sektor": "kayu", "nib": "tidak tahu"},
    ),
]


def _v1_database(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.executescript(V1_SQL)
    conn.execute(
        "INSERT INTO criteria VALUES (?, ?, ?, ?)",
        (CRITERIA.sha256, CRITERIA.id, CRITERIA.version, CRITERIA.text),
    )
    from ekspor_cli.answer_codec import decode_answers

    for uuid, created, profile, answers in ROWS:
        result = score_values(CRITERIA, decode_answers(answers))
        conn.execute(
            "INSERT INTO assessments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uuid,
                created,
                profile["officer"],
                profile["business_name"],
                json.dumps(profile),
                json.dumps(encode_answers(decode_answers(answers))),
                json.dumps(result.to_dict("id")),
                result.score,
                result.level.key,
                CRITERIA.sha256,
            ),
        )
    conn.commit()
    conn.close()


def _schema(conn: sqlite3.Connection) -> dict[str, object]:
    """Tables with their columns (name, type, not null, default, pk) and indexes."""
    names = conn.execute("SELECT type, name FROM sqlite_master ORDER BY name").fetchall()
    shape: dict[str, object] = {}
    for kind, name in names:
        if kind == "table":
            shape[name] = conn.execute(f"PRAGMA table_info({name})").fetchall()
        elif kind == "index":
            shape[name] = conn.execute(f"PRAGMA index_info({name})").fetchall()
    return shape


def test_a_version_1_database_is_upgraded_with_its_data(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    _v1_database(db)
    with open_store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert any("backup" in note for note in store.notes)
        rows = {r.uuid: r for r in list_assessments(store)}
        assert set(rows) == {row[0] for row in ROWS}
        first, second, third = (rows[row[0]] for row in ROWS)
        # Business identity is computed for old rows: the NIB visit adopts the earlier one.
        assert first.business_key == second.business_key == "nib:9120001234567"
        assert third.business_key == "nama:mebel jati@jepara"
        assert second.record.assessed_on == "2025-11-18"  # from the profile date
        assert first.record.assessed_on == "2025-08-01"  # from created_at
        assert (first.record.criteria_id, first.record.criteria_version) == ("mini", "1")
        assert first.record.source == "assess" and first.record.engine_version == "schema-v1"
        for row in rows.values():
            assert row.record.content_sha256 == row.record.digest()
        assert len(businesses(store)) == 2
        stored = get_assessment(store, "3333")
        cache = CriteriaCache(lambda sha: criteria_text(store, sha))
        again = replay(stored, cache.get(stored))
        assert not again.differs and str(again.values["nib"]) == "DONT_KNOW"
    backups = list(tmp_path.glob("history.db.v1-*.bak"))
    assert len(backups) == 1
    conn = sqlite3.connect(str(backups[0]))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM assessments").fetchone()[0] == 3
    conn.close()


def test_an_upgraded_database_has_the_same_schema_as_a_new_one(tmp_path: Path) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    _v1_database(old)
    open_store(old).close()
    open_store(new).close()
    conns = [sqlite3.connect(str(p)) for p in (old, new)]
    try:
        assert _schema(conns[0]) == _schema(conns[1])
    finally:
        for conn in conns:
            conn.close()


def test_opening_an_up_to_date_database_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    open_store(db).close()
    with open_store(db) as store:
        assert store.notes == []
    assert not list(tmp_path.glob("*.bak"))
