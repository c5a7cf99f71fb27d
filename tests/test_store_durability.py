"""Real processes against one database: concurrent writers, and writers killed mid-write.

Each writer prints an assessment's UUID only after its transaction committed, so the
parent knows exactly what must have survived.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ekspor_cli.store import list_assessments, open_store

from .conftest import MINI

WRITER = textwrap.dedent(
    """\
    import sys, time
    from ekspor_cli import load_criteria, score_values
    from ekspor_cli.store import open_store, save_assessment
    from ekspor_cli.store.records import build_record
    from ekspor_cli.store.repository import insert_record, save_criteria
    from datetime import datetime

    criteria_file, db, count, tag, mode = sys.argv[1:6]
    criteria = load_criteria(criteria_file)
    result = score_values(criteria, {"nib": True})
    with open_store(db, timeout=30) as store:
        print("ready", flush=True)
        if mode == "hang":  # die inside an open write transaction
            with store.write() as conn:
                save_criteria(conn, criteria.sha256, criteria.id, criteria.version, criteria.text)
                for i in range(50):
                    record = build_record(
                        uuid=f"00000000-0000-4000-8000-{i:012d}", profile={"business_name": tag},
                        values={"nib": True}, evidence=None, result=result, criteria=criteria,
                        source="score", created_at=datetime.now().astimezone(),
                        engine_version="test")
                    insert_record(conn, record)
                print("inside", flush=True)
                time.sleep(60)
        for i in range(int(count)):
            uuid = save_assessment(store, {"business_name": f"{tag} {i}", "city": "Kota"},
                                   {"nib": True}, None, result, criteria, source="score")
            print(uuid, flush=True)
    """
)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    criteria = tmp_path / "mini.yaml"
    criteria.write_text(MINI, encoding="utf-8")
    db = tmp_path / "history.db"
    open_store(db).close()  # created and migrated once, as ekspor would on first use
    return criteria, db


def _writer(
    criteria: Path, db: Path, count: int, tag: str, mode: str = "save"
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(criteria), str(db), str(count), tag, mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(str(db))
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_two_processes_writing_at_once_both_succeed(setup: tuple[Path, Path]) -> None:
    criteria, db = setup
    writers = [_writer(criteria, db, 25, tag) for tag in ("A", "B")]
    outputs = [w.communicate(timeout=60) for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    printed = {line for out, _ in outputs for line in out.split() if line != "ready"}
    assert len(printed) == 50
    assert _integrity(db) == "ok"
    with open_store(db) as store:
        assert {r.uuid for r in list_assessments(store)} == printed


def test_a_writer_killed_at_any_point_leaves_committed_rows_and_a_sound_file(
    setup: tuple[Path, Path],
) -> None:
    criteria, db = setup
    writer = _writer(criteria, db, 100_000, "K")
    assert writer.stdout is not None
    committed: list[str] = []
    for line in writer.stdout:
        if line.strip() != "ready":
            committed.append(line.strip())
        if len(committed) >= 8:
            break
    writer.kill()  # mid-run: usually between BEGIN and COMMIT of the next assessment
    rest, _ = writer.communicate(timeout=30)
    committed += [line for line in rest.split() if line]
    assert _integrity(db) == "ok"
    with open_store(db) as store:
        stored = {r.uuid for r in list_assessments(store)}
    assert set(committed) <= stored
    assert len(stored) - len(committed) <= 1  # at most the one whose UUID was not yet printed


def test_a_writer_killed_inside_a_transaction_leaves_nothing_of_it(
    setup: tuple[Path, Path],
) -> None:
    criteria, db = setup
    before = _writer(criteria, db, 3, "before")
    before.communicate(timeout=60)
    hanging = _writer(criteria, db, 0, "half", mode="hang")
    assert hanging.stdout is not None
    for line in hanging.stdout:
        if line.strip() == "inside":
            break
    hanging.kill()
    hanging.communicate(timeout=30)
    assert _integrity(db) == "ok"
    with open_store(db) as store:
        names = {r.record.business_name for r in list_assessments(store)}
    assert names == {"before 0", "before 1", "before 2"}
