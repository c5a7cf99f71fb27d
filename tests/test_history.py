"""Progress of one firm and the cohort view (pure: records in, summaries out)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ekspor_cli import Criteria, load_criteria_text, score_values
from ekspor_cli.cohort import cohort
from ekspor_cli.history import Snapshot, progress, snapshot
from ekspor_cli.store.records import build_record

from .conftest import MINI

CRITERIA = load_criteria_text(MINI, "mini.yaml")
V2 = load_criteria_text(MINI.replace('version: "1"', 'version: "2"'), "mini.yaml")

START = {"sektor": "pangan", "nib": False, "izin_edar": "pirt", "kapasitas": 100.0}
START |= {"volume_pembeli": 1000.0, "subkontrak": False}
MIDDLE = START | {"nib": True, "kapasitas": 600.0}
LATER = MIDDLE | {"subkontrak": True, "mutu": 4, "pemasok": ("petani",)}  # sedang
TOP = LATER | {"izin_edar": "md", "kapasitas": 2000.0, "pemasok": ("petani", "pasar")}


def snap(
    values: dict[str, object],
    day: str,
    name: str = "Kopi Gayo",
    criteria: Criteria = CRITERIA,
    *,
    plan: bool = False,
) -> Snapshot:
    record = build_record(
        uuid=f"{abs(hash((name, day))):032x}"[:32],
        profile={"business_name": name, "city": "Takengon", "officer": "Ani"},
        values=values,
        evidence=None,
        result=score_values(criteria, values),
        criteria=criteria,
        source="assess",
        created_at=datetime(2026, 1, 1).astimezone(),
        engine_version="test",
        assessed_on=date.fromisoformat(day),
    )
    return snapshot(record, f"nama:{name}", criteria, "en", with_plan=plan)


def test_snapshot_reads_the_stored_result_in_the_chosen_language() -> None:
    s = snap(START, "2026-01-10")
    assert (s.level_key, s.level_label, s.level_index, s.level_count) == ("rendah", "Low", 0, 3)
    assert {d.label for d in s.dimensions} == {"Legal", "Supply continuity"}
    items = {i.key: i for i in s.open_items}
    assert items["nib"].knockout and items["nib"].label == "Has NIB?"
    assert "mutu" in items  # not answered: still open
    assert s.next_level is None


def test_progress_over_three_visits() -> None:
    p = progress([snap(START, "2026-01-10"), snap(MIDDLE, "2026-03-10"), snap(LATER, "2026-06-10")])
    assert p.first.assessed_on == "2026-01-10" and p.latest.assessed_on == "2026-06-10"
    assert p.score_since_first == round(p.latest.score - p.first.score, 1) > 0
    assert p.score_since_previous is not None and p.score_since_previous > 0
    closed = {i.key for i in p.closed}
    assert closed == {"nib", "subkontrak", "mutu"}
    assert {i.key for i in p.closed_since_previous} == {"subkontrak", "mutu"}
    still = {s.item.key: s.since for s in p.still_open}
    assert still == {"izin_edar": "2026-01-10", "rasio": "2026-01-10", "pemasok": "2026-01-10"}
    assert p.new == ()
    supply = next(d for d in p.dimensions if d.key == "pasokan")
    assert supply.first is not None and supply.latest is not None
    assert supply.since_first == round(supply.latest - supply.first, 1)
    assert supply.since_previous is not None and supply.since_previous > 0
    assert not p.criteria_changed


def test_a_gap_reopened_counts_from_its_last_opening() -> None:
    p = progress([snap(START, "2026-01-10"), snap(MIDDLE, "2026-02-10"), snap(START, "2026-03-10")])
    still = {s.item.key: s.since for s in p.still_open}
    assert still["nib"] == "2026-03-10"  # closed in February, open again in March
    assert {i.key for i in p.new} == set()


def test_one_assessment_is_a_progress_of_one() -> None:
    p = progress([snap(START, "2026-01-10")])
    assert p.previous is None and p.score_since_previous is None
    assert p.closed == () and p.closed_since_previous == ()
    assert all(d.previous is None and d.since_first == 0.0 for d in p.dimensions if d.latest)
    with pytest.raises(ValueError):
        progress([])


def test_progress_notes_a_criteria_change() -> None:
    p = progress([snap(START, "2026-01-10"), snap(MIDDLE, "2026-03-10", criteria=V2)])
    assert p.criteria_changed


def test_cohort_levels_top_reached_common_gaps_and_closest() -> None:
    histories = {
        "a": [snap(START, "2025-12-01", "A"), snap(TOP, "2026-02-01", "A", plan=True)],
        "b": [snap(TOP, "2025-11-01", "B", plan=True)],
        "c": [snap(START, "2026-01-05", "C"), snap(LATER, "2026-02-05", "C", plan=True)],
        "d": [snap(START, "2026-01-20", "D", plan=True)],
        "e": [snap(MIDDLE, "2025-10-01", "E", plan=True)],
    }
    view = cohort(histories, since=date(2026, 1, 1), until=date(2026, 3, 31))
    assert view.firms == 3  # a, c, d were assessed in the period; b and e were not
    assert view.assessments == 4
    levels = {lc.key: lc.firms for lc in view.levels}
    assert levels == {"tinggi": 1, "sedang": 1, "rendah": 1}
    assert [lc.key for lc in view.levels] == ["tinggi", "sedang", "rendah"]
    assert view.top_label == "High"
    assert [r.snapshot.business_name for r in view.reached_top] == ["A"]
    gaps = {g.key: g.firms for g in view.common_gaps}
    assert gaps["izin_edar"] == 2 and gaps["nib"] == 1
    assert view.common_gaps[0].firms >= view.common_gaps[-1].firms
    supply = next(d for d in view.dimensions if d.key == "pasokan")
    assert supply.firms_with_gaps == 2 and supply.mean_score is not None
    assert [s.business_name for s in view.closest] == ["C", "D"]  # C needs fewer steps
    c_next = view.closest[0].next_level
    assert c_next is not None and c_next.reachable and c_next.label == "High"


def test_cohort_without_dates_takes_everyone_and_an_empty_one_is_empty() -> None:
    histories = {"b": [snap(TOP, "2025-11-01", "B", plan=True)]}
    everyone = cohort(histories)
    assert everyone.firms == 1 and len(everyone.reached_top) == 1
    assert everyone.closest == ()
    empty = cohort({})
    assert empty.firms == 0 and empty.levels == () and empty.common_gaps == ()
