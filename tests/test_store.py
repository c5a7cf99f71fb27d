"""The history store: round trips, identity, queries, and the errors users can meet."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings

from ekspor_cli import DONT_KNOW, Criteria, load_criteria_text, score_values
from ekspor_cli.answer_codec import decode_answers, encode_answers
from ekspor_cli.errors import StoreError
from ekspor_cli.parsing import parse_date
from ekspor_cli.render.markdown import render_markdown
from ekspor_cli.report import build_report
from ekspor_cli.store import (
    Filters,
    Store,
    businesses,
    find_business,
    get_assessment,
    history_of,
    list_assessments,
    open_store,
    resolve_db_path,
    save_assessment,
)
from ekspor_cli.store.identity import identify, normalise_city, normalise_name, normalise_nib
from ekspor_cli.store.replay import CriteriaCache, replay
from ekspor_cli.store.repository import criteria_text

from .conftest import MINI
from .test_scoring_properties import answers_strategy

CRITERIA = load_criteria_text(MINI, "mini.yaml")


def save(
    store: Store | Path,
    values: dict[str, object],
    criteria: Criteria = CRITERIA,
    **profile: str,
) -> str:
    result = score_values(criteria, values)
    return save_assessment(store, profile, values, {"nib": True}, result, criteria, source="score")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "history.db") as opened:
        yield opened


# --- codec and identity ------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(answers_strategy)
def test_answers_round_trip_through_json_and_rescore_identically(
    answers: dict[str, object],
) -> None:
    if answers.get("catatan") in ("tidak tahu",):
        return  # cannot be a canonical text answer (it reads as "don't know")
    import json

    decoded = decode_answers(json.loads(json.dumps(encode_answers(answers))))
    assert decoded == {k: v for k, v in answers.items() if v is not None}
    assert score_values(CRITERIA, decoded).to_dict() == score_values(CRITERIA, answers).to_dict()


def test_dont_know_and_tuples_use_the_result_json_convention() -> None:
    encoded = encode_answers({"nib": DONT_KNOW, "pemasok": ("petani", "pasar"), "mutu": 3})
    assert encoded == {"mutu": 3, "nib": "tidak tahu", "pemasok": ["petani", "pasar"]}
    result = score_values(CRITERIA, {"nib": DONT_KNOW, "pemasok": ("petani", "pasar")})
    answers = {q["key"]: q["answer"] for q in result.to_dict()["questions"]}
    assert answers["nib"] == encoded["nib"] and answers["pemasok"] == encoded["pemasok"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("01-03-2026", date(2026, 3, 1)),
        ("1/3/2026", date(2026, 3, 1)),
        ("31.12.2025", date(2025, 12, 31)),
        ("Maret 2026", None),
        ("2026-02-30", None),
        ("", None),
    ],
)
def test_dates_are_read_day_first(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CV. Maju-Jaya", "maju jaya"),
        ("PT  Sinar Abadi Tbk", "SINAR ABADI"),
        ("UD Kopi Gayo", "kopi gayo"),
        ("Kerupuk Bu Siti", "kerupuk  bu  siti"),
        ("Kéripik Ánda", "keripik anda"),
    ],
)
def test_business_names_match_despite_case_punctuation_and_legal_form(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_places_read_kab_as_kabupaten_but_keep_kota_apart() -> None:
    assert normalise_city("Kab. Malang") == normalise_city("kabupaten  malang")
    assert normalise_city("Kota Malang") != normalise_city("Kab. Malang")


def test_nib_is_its_digits() -> None:
    assert normalise_nib("8120-0012 3456 7") == "8120001234567"
    assert normalise_nib("8120001234567.0") == "8120001234567"  # a number cell in Excel
    assert normalise_nib("belum ada") is None
    assert identify({"business_name": "X", "nib": "-"}).key == "nama:x@"


# --- storing and reading -----------------------------------------------------------------


def test_round_trip_keeps_everything_needed_to_rescore(store: Store) -> None:
    values = {"sektor": "pangan", "nib": DONT_KNOW, "pemasok": ("petani",), "kapasitas": 1500.0}
    profile = {"business_name": "CV Maju", "city": "Malang", "officer": "Ani", "date": "2/3/2026"}
    uuid = save(store, values, **profile)
    stored = get_assessment(store, uuid)
    record = stored.record
    assert record.profile == profile
    assert record.values() == values
    assert record.evidence == {"nib": True}
    assert record.assessed_on == "2026-03-02"  # "2/3/2026" is day first
    assert record.officer == "Ani" and record.source == "score"
    assert (record.criteria_id, record.criteria_version) == ("mini", "1")
    assert record.result == score_values(CRITERIA, values).to_dict("id")
    assert record.digest() == record.content_sha256
    again = replay(stored, CriteriaCache(lambda sha: criteria_text(store, sha)).get(stored))
    assert not again.differs and again.result.to_dict() == score_values(CRITERIA, values).to_dict()


def test_stored_criteria_that_are_missing_or_unreadable_are_clear_errors(store: Store) -> None:
    stored = get_assessment(store, save(store, {"nib": True}, business_name="A"))
    with pytest.raises(StoreError, match="the criteria 0000000000ab are missing from") as err:
        criteria_text(store, "0000000000ab" + "0" * 52)
    assert "restore it from a backup" in err.value.hint
    with pytest.raises(StoreError, match="cannot be read by this version of ekspor") as err:
        CriteriaCache(lambda sha: "format: 99\n").get(stored)
    assert "the ekspor version that saved it" in err.value.hint


def test_criteria_text_is_stored_once_per_sha256(store: Store) -> None:
    save(store, {"nib": True}, business_name="A")
    save(store, {"nib": False}, business_name="B")
    other = load_criteria_text(MINI.replace('version: "1"', 'version: "2"'), "mini2.yaml")
    save(store, {"nib": True}, other, business_name="C")
    rows = store.conn.execute(
        "SELECT criteria_id, version FROM criteria ORDER BY version"
    ).fetchall()
    assert rows == [("mini", "1"), ("mini", "2")]


def test_an_old_assessment_rerenders_exactly_after_the_criteria_file_changed(
    tmp_path: Path,
) -> None:
    values = {"sektor": "pangan", "nib": False, "kapasitas": 100.0, "volume_pembeli": 1000.0}
    original = score_values(CRITERIA, values)
    before = render_markdown(build_report(original, CRITERIA, "en", {"business_name": "A"}))
    db = tmp_path / "h.db"
    uuid = save(db, values, business_name="A")
    changed = load_criteria_text(
        MINI.replace("weight: 3\n    questions", "weight: 1\n    questions").replace(
            'version: "1"', 'version: "2"'
        ),
        "mini.yaml",
    )
    assert score_values(changed, values).score != original.score  # the file really changed
    with open_store(db) as store:
        stored = get_assessment(store, uuid[:8])
        criteria = CriteriaCache(lambda sha: criteria_text(store, sha)).get(stored)
    again = replay(stored, criteria)
    assert again.result.score == original.score and criteria.version == "1"
    after = render_markdown(build_report(again.result, criteria, "en", {"business_name": "A"}))
    assert after == before


def test_a_business_is_recognised_by_nib_else_name_and_city(store: Store) -> None:
    first = save(store, {"nib": False}, business_name="CV Maju Jaya", city="Kab. Malang")
    second = save(
        store,
        {"nib": True},
        business_name="Maju Jaya",
        city="Kabupaten Malang",
        nib="8120001234567",
    )
    third = save(store, {"nib": True}, business_name="maju-jaya", city="kab malang")
    elsewhere = save(store, {"nib": True}, business_name="Maju Jaya", city="Kota Malang")
    keys = {row.uuid: row.business_key for row in list_assessments(store)}
    # The firm got its NIB during coaching: the earlier name-only visit moved to it.
    assert keys[first] == keys[second] == keys[third] == "nib:8120001234567"
    assert keys[elsewhere] == "nama:maju jaya@kota malang"
    assert [r.uuid for r in history_of(store, "nib:8120001234567")] == [first, second, third]
    assert find_business(store, "8120-0012-3456-7") == "nib:8120001234567"
    assert len(businesses(store)) == 2


def test_two_firms_with_one_name_and_city_but_different_nibs_stay_apart(store: Store) -> None:
    save(store, {"nib": True}, business_name="Sari Rasa", city="Medan", nib="111")
    save(store, {"nib": True}, business_name="Sari Rasa", city="Medan", nib="222")
    orphan = save(store, {"nib": True}, business_name="Sari Rasa", city="Medan")
    keys = {b.key for b in businesses(store)}
    assert keys == {"nib:111", "nib:222", "nama:sari rasa@medan"}
    assert get_assessment(store, orphan).business_key == "nama:sari rasa@medan"
    with pytest.raises(StoreError, match="matches 3 businesses"):
        find_business(store, "sari rasa")


def test_assessments_without_a_business_name_are_kept_apart(store: Store) -> None:
    a, b = save(store, {"nib": True}), save(store, {"nib": True})
    assert get_assessment(store, a).business_key != get_assessment(store, b).business_key


def test_list_filters_and_order(store: Store) -> None:
    save(store, {"nib": False}, business_name="A", officer="Ani Susanti", date="2026-01-10")
    save(
        store,
        {"nib": True, "subkontrak": True},
        business_name="B",
        officer="Budi",
        date="2026-02-10",
    )
    save(store, {"nib": True}, business_name="A", officer="ani", date="2026-03-10")
    names = [(r.record.business_name, r.record.assessed_on) for r in list_assessments(store)]
    assert names == [("A", "2026-03-10"), ("B", "2026-02-10"), ("A", "2026-01-10")]
    assert len(list_assessments(store, Filters(officer="ANI"))) == 2
    assert len(list_assessments(store, Filters(business="a"))) == 2
    assert len(list_assessments(store, Filters(business="nobody"))) == 0
    assert len(list_assessments(store, Filters(since=date(2026, 2, 1)))) == 2
    assert len(list_assessments(store, Filters(until=date(2026, 2, 10)))) == 2
    assert len(list_assessments(store, Filters(level="rendah"))) == 3


def test_ids_can_be_abbreviated_but_not_ambiguously(store: Store) -> None:
    uuid = save(store, {"nib": True})
    assert get_assessment(store, uuid[:4].upper()).uuid == uuid
    with pytest.raises(StoreError, match="not an assessment ID"):
        get_assessment(store, "ab")
    with pytest.raises(StoreError, match="not an assessment ID"):
        get_assessment(store, "%%%%")
    missing = "0000" if not uuid.startswith("0000") else "ffff"
    with pytest.raises(StoreError, match="no assessment with ID"):
        get_assessment(store, missing)


def test_an_ambiguous_prefix_lists_the_candidates(store: Store) -> None:
    uuid_a = save(store, {"nib": True}, business_name="A")
    store.conn.execute(
        "UPDATE assessments SET uuid = 'abcd0000-0000-4000-8000-000000000001' WHERE uuid = ?",
        (uuid_a,),
    )
    uuid_b = save(store, {"nib": True}, business_name="B")
    store.conn.execute(
        "UPDATE assessments SET uuid = 'abcd0000-0000-4000-8000-000000000002' WHERE uuid = ?",
        (uuid_b,),
    )
    with pytest.raises(StoreError, match="matches several assessments") as err:
        get_assessment(store, "abcd")
    assert "A" in err.value.message and "B" in err.value.message


# --- where the database lives, and opening it --------------------------------------------


def test_database_location_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EKSPOR_DB", raising=False)
    monkeypatch.setenv("EKSPOR_DATA_DIR", str(tmp_path / "env"))
    assert resolve_db_path() == tmp_path / "env" / "history.db"
    assert resolve_db_path(data=tmp_path / "opt") == tmp_path / "opt" / "history.db"
    monkeypatch.setenv("EKSPOR_DB", str(tmp_path / "x.db"))
    assert resolve_db_path(data=tmp_path / "opt") == tmp_path / "x.db"
    assert resolve_db_path(tmp_path / "y.db") == tmp_path / "y.db"


def test_wal_full_sync_and_busy_timeout_are_set(store: Store) -> None:
    conn = store.conn
    assert store.journal == "wal"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_network_drive_falls_back_to_the_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekspor_cli.store import connection

    monkeypatch.setattr(connection, "is_network_path", lambda path: True)
    with open_store(tmp_path / "h.db") as store:
        assert store.journal == "delete"
        assert any("network drive" in note for note in store.notes)
        save(store, {"nib": True})


def test_wal_failing_on_first_use_falls_back_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekspor_cli.store import schema

    real = schema.migrate

    def flaky(store: Store) -> None:
        if store.journal == "wal":
            raise sqlite3.OperationalError("disk I/O error")
        real(store)

    monkeypatch.setattr(schema, "migrate", flaky)
    with open_store(tmp_path / "h.db") as store:
        assert store.journal == "delete" and store.notes


def test_journal_mode_can_be_forced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EKSPOR_DB_JOURNAL", "delete")
    with open_store(tmp_path / "h.db") as store:
        assert store.journal == "delete"
    monkeypatch.setenv("EKSPOR_DB_JOURNAL", "memory")
    with pytest.raises(StoreError, match="not a journal mode"):
        open_store(tmp_path / "h.db")


def test_a_locked_database_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    open_store(db).close()
    holder = sqlite3.connect(str(db), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store(db, timeout=0.2) as store, pytest.raises(StoreError) as err:
            save(store, {"nib": True})
        assert "busy" in err.value.message and "nothing was changed" in err.value.hint
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_files_that_are_not_ekspor_databases_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not an ekspor history database"):
        open_store(junk)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not an ekspor history database"):
        open_store(other)


def test_an_empty_database_of_another_application_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(str(foreign))
    conn.execute("PRAGMA application_id = 42")  # no tables yet, but not ours
    conn.close()
    with pytest.raises(StoreError, match="not an ekspor history database"):
        open_store(foreign)


def test_a_database_from_a_newer_ekspor_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    open_store(db).close()
    conn = sqlite3.connect(str(db))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer ekspor") as err:
        open_store(db)
    assert "update ekspor" in err.value.hint


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot create the folder"):
        open_store(blocker / "sub" / "h.db")


def test_save_many_saves_in_chunks_and_in_order(store: Store) -> None:
    from ekspor_cli.store import NewAssessment, save_many

    items = [
        NewAssessment(
            {"business_name": f"Firma {n}"},
            {"nib": n % 2 == 0},
            score_values(CRITERIA, {"nib": n % 2 == 0}),
        )
        for n in range(5)
    ]
    ids = save_many(store, items, CRITERIA, source="batch", chunk=2)
    assert len(ids) == 5
    assert [get_assessment(store, i).record.business_name for i in ids] == [
        f"Firma {n}" for n in range(5)
    ]
    assert {get_assessment(store, i).record.source for i in ids} == {"batch"}
    assert store.conn.execute("SELECT count(*) FROM criteria").fetchone()[0] == 1


def test_a_stored_score_the_engine_no_longer_gives_is_pointed_out(store: Store) -> None:
    """The report of an old assessment says when today's engine scores it otherwise."""
    uuid = save(store, {"sektor": "pangan", "nib": True}, business_name="CV Maju")
    with store.write() as conn:
        conn.execute("UPDATE assessments SET score = 12.5 WHERE uuid = ?", (uuid,))
    stored = get_assessment(store, uuid)
    again = replay(stored, CriteriaCache(lambda sha: criteria_text(store, sha)).get(stored))
    assert again.differs
    (note,) = again.notes("id")
    assert note.startswith("dinilai ulang dengan ekspor versi ini: skor") and "12.5" in note
    assert again.notes("en")[0].startswith("re-scored with this version of ekspor")


@pytest.mark.parametrize(
    ("sqlite_says", "we_say", "hint"),
    [
        ("database is locked", "is busy", "nothing was changed"),
        ("file is not a database", "is not an ekspor history database", "--db"),
        ("database disk image is malformed", "is damaged", "restore it from a backup"),
        ("attempt to write a readonly database", "is read-only", "permissions"),
        ("database or disk is full", "is full", "free some space"),
        ("unable to open database file", "cannot open the history database", "--data-dir"),
        ("disk I/O error", "disk error on the history database", "EKSPOR_DB_JOURNAL=delete"),
    ],
)
def test_each_sqlite_failure_a_user_can_act_on_has_its_own_message(
    tmp_path: Path, sqlite_says: str, we_say: str, hint: str
) -> None:
    from ekspor_cli.store.connection import store_error

    err = store_error(sqlite3.OperationalError(sqlite_says), tmp_path / "h.db")
    assert isinstance(err, StoreError)
    assert we_say in err.message and str(tmp_path / "h.db") in err.message
    assert hint in err.hint


def test_an_sqlite_failure_no_user_can_act_on_stays_a_bug(tmp_path: Path) -> None:
    from ekspor_cli.store.connection import store_error

    bug = sqlite3.OperationalError("no such column: nope")
    assert store_error(bug, tmp_path / "h.db") is bug


def test_a_disk_error_without_wal_is_reported_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekspor_cli.store import schema

    def failing(store: Store) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setenv("EKSPOR_DB_JOURNAL", "delete")
    monkeypatch.setattr(schema, "migrate", failing)
    with pytest.raises(StoreError, match="disk error on the history database"):
        open_store(tmp_path / "h.db")
