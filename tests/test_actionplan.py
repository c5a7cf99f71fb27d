"""The action plan: it really reaches the next level, and it is as small as it can be."""

from __future__ import annotations

import itertools
import textwrap

import pytest
from hypothesis import given, settings

from ekspor_cli import DONT_KNOW, Criteria, load_bundled_criteria, load_criteria_text, score_values
from ekspor_cli.actionplan import (
    GAP,
    KNOCKOUT,
    VERIFY,
    ActionPlan,
    _candidates,
    _ladder,
    _next_open,
    plan_actions,
)
from ekspor_cli.model import NumberQuestion

from .conftest import MINI
from .test_scoring_properties import answers_strategy

CRITERIA = load_criteria_text(MINI, "mini.yaml")


def _apply(criteria: Criteria, values: dict[str, object], plan: ActionPlan) -> dict[str, object]:
    """The answers after doing the plan -- derived values reached through their inputs
    (rasio = kapasitas / volume_pembeli), so the check does not trust the plan's own
    re-scoring."""
    after = dict(values)
    for step in plan.steps:
        if step.key == "rasio":
            volume = after.get("volume_pembeli")
            if not isinstance(volume, float) or volume <= 0:
                volume = 1000.0
            after["volume_pembeli"] = volume
            after["kapasitas"] = float(step.target) * volume  # type: ignore[arg-type]
        else:
            after[step.key] = step.target
    return after


@settings(max_examples=250, deadline=None)
@given(answers_strategy)
def test_the_plan_reaches_the_next_level(answers: dict[str, object]) -> None:
    before = score_values(CRITERIA, answers)
    plan = plan_actions(CRITERIA, answers)
    assert plan.current == before.level
    if before.level.index == len(CRITERIA.levels) - 1:
        assert plan.at_top and plan.steps == ()
        return
    assert plan.target is not None and plan.target.index == before.level.index + 1
    assert plan.reachable  # everything in MINI can be closed
    after = score_values(CRITERIA, _apply(CRITERIA, answers, plan))
    assert after.level.index >= plan.target.index
    assert plan.projected_level.index >= plan.target.index
    assert plan.steps[-1].score_after == plan.projected_score
    keys = [s.key for s in plan.steps]
    assert len(keys) == len(set(keys))
    # Capping knock-outs come first.
    kinds = [s.kind == KNOCKOUT and s.status in ("failed", "unverified") for s in plan.steps]
    assert kinds == sorted(kinds, reverse=True) or not any(kinds)


@settings(max_examples=60, deadline=None)
@given(answers_strategy)
def test_no_step_can_be_left_out_and_no_smaller_set_exists(answers: dict[str, object]) -> None:
    plan = plan_actions(CRITERIA, answers)
    if plan.at_top:
        return
    target = plan.target
    assert target is not None
    for skipped in plan.steps:
        fewer = ActionPlan(
            plan.current,
            target,
            True,
            tuple(s for s in plan.steps if s is not skipped),
            0,
            plan.current,
        )
        assert score_values(CRITERIA, _apply(CRITERIA, answers, fewer)).level.index < target.index
    # Exhaustive check: no smaller set of "fully met" answers reaches the target.
    result = score_values(CRITERIA, answers)
    open_keys = sorted(
        {g.key for g in result.gaps + result.to_verify} | {k.key for k in result.knockouts}
    )
    for size in range(len(plan.steps)):
        for combo in itertools.combinations(open_keys, size):
            best = {key: _candidates(CRITERIA.by_key[key], answers.get(key))[0] for key in combo}
            values = dict(answers)
            for key, value in best.items():
                values[key] = value
            if "rasio" in best:
                values["volume_pembeli"] = 1000.0
                values["kapasitas"] = float(best["rasio"]) * 1000.0  # type: ignore[arg-type]
                values.pop("rasio")
            assert score_values(CRITERIA, values).level.index < target.index, combo


def test_knockouts_come_first_then_impact() -> None:
    answers = {"sektor": "pangan", "nib": False, "izin_edar": "pirt", "kapasitas": 100.0}
    answers |= {"volume_pembeli": 1000.0, "subkontrak": False}
    plan = plan_actions(CRITERIA, answers)
    assert [s.key for s in plan.steps] == ["nib", "rasio"]
    nib, rasio = plan.steps
    assert (nib.kind, nib.status, nib.target) == (KNOCKOUT, "failed", True)
    assert nib.level_after.key == "rendah"  # the knock-out alone lifts the cap, not the score
    assert (rasio.kind, rasio.target, rasio.low, rasio.high) == (KNOCKOUT, 1.0, 1.0, None)
    assert plan.projected_level.key == "sedang" and plan.reachable


def test_unanswered_and_dont_know_are_steps_to_verify() -> None:
    plan = plan_actions(CRITERIA, {"nib": DONT_KNOW})
    assert plan.steps[0].key == "nib" and plan.steps[0].status == "unverified"
    assert any(s.kind == VERIFY for s in plan.steps)


def test_top_level_has_no_plan() -> None:
    full = {"sektor": "kayu", "nib": True, "kapasitas": 2000.0, "volume_pembeli": 1000.0}
    full |= {"subkontrak": True, "pemasok": ("petani", "pasar"), "mutu": 5}
    plan = plan_actions(CRITERIA, full)
    assert plan.at_top and plan.target is None and plan.steps == ()


def test_a_scale_target_is_its_ready_point_and_a_choice_the_best_choice() -> None:
    answers = {"sektor": "pangan", "nib": True, "izin_edar": "tidak_ada", "mutu": 1}
    answers |= {"kapasitas": 2000.0, "volume_pembeli": 1000.0, "subkontrak": True}
    answers |= {"pemasok": ("petani", "pasar")}
    plan = plan_actions(CRITERIA, answers)
    targets = {s.key: s.target for s in plan.steps}
    assert targets.get("izin_edar", "md") == "md"
    assert targets.get("mutu", 4) == 4
    assert all(s.kind == GAP for s in plan.steps)


UNREACHABLE = textwrap.dedent(
    """\
    format: 1
    id: tidak_terjangkau
    version: "1"
    title: Uji
    levels:
      - {key: rendah, min: 0, label: Rendah}
      - {key: tinggi, min: 50, label: Tinggi}
    dimensions:
      - key: umum
        label: Umum
        weight: 1
        questions:
          - key: catatan
            type: text
            label: Catatan
            knockout:
              reason: Catatan harus kosong
              fails_if: catatan == "buruk"
          - key: siap
            type: yes_no
            label: Siap?
    """
)


def test_a_knockout_no_answer_can_close_makes_the_next_level_unreachable() -> None:
    criteria = load_criteria_text(UNREACHABLE, "unreachable.yaml")
    plan = plan_actions(criteria, {"catatan": "buruk", "siap": False})
    assert not plan.reachable and plan.blocked == ("catatan",)
    assert plan.target is not None and plan.target.key == "tinggi"
    assert plan.projected_level.key == "rendah"


# A licence the plan cannot give: exporting directly ("langsung") is worth most points, but
# its knock-out fails without an export licence, which is recorded, not scored -- so no
# answer to "langsung" closes it.  It is not a capping knock-out while "langsung" is "no",
# so the plan blocks it and goes on with the other gaps.
LICENCE = textwrap.dedent(
    """\
    format: 1
    id: izin
    version: "1"
    title: Uji
    levels:
      - {key: rendah, min: 0, label: {id: Rendah, en: Low}}
      - {key: tinggi, min: 50, label: {id: Tinggi, en: High}}
    dimensions:
      - key: umum
        label: {id: Umum, en: General}
        weight: 1
        questions:
          - key: izin_ekspor
            type: single_choice
            label: {id: Izin ekspor, en: Export licence}
            record_only: true
            choices:
              - {key: ada, label: {id: Ada, en: Yes}}
              - {key: belum, label: {id: Belum, en: Not yet}}
          - key: langsung
            type: yes_no
            label: {id: Ekspor langsung?, en: Exports directly?}
            weight: 3
            knockout:
              reason: {id: Ekspor langsung perlu izin, en: Direct export needs a licence}
              fails_if: langsung and izin_ekspor != "ada"
          - key: siap
            type: yes_no
            label: {id: Siap?, en: Ready?}
    """
)
LICENCE_ANSWERS: dict[str, object] = {"izin_ekspor": "belum", "langsung": False, "siap": False}

# One target of each kind: a number knock-out without bands (a round number from the
# ladder), a band that is not the top one (a range), and scale ready points with and
# without a label, below and at the scale's maximum.  "tinggi" needs every gap closed.
TARGETS = textwrap.dedent(
    """\
    format: 1
    id: target
    version: "1"
    title: Uji
    levels:
      - {key: rendah, min: 0, label: {id: Rendah, en: Low}}
      - {key: tinggi, min: 90, label: {id: Tinggi, en: High}}
    dimensions:
      - key: umum
        label: {id: Umum, en: General}
        weight: 1
        questions:
          - key: omzet
            type: number
            label: {id: Omzet per bulan, en: Monthly turnover}
            unit: {id: juta Rp, en: million Rp}
            min: 0
            max: 50000
            knockout:
              reason: {id: Omzet terlalu kecil, en: Turnover too small}
              fails_if: omzet < 5000
          - key: cacat
            type: number
            label: {id: Tingkat cacat, en: Defect rate}
            unit: {id: "%", en: "%"}
            min: 0
            max: 100
            weight: 1
            bands:
              - {min: 0, points: 2}
              - {min: 2, points: 1}
              - {min: 5, points: 0}
          - key: mutu
            type: scale
            label: {id: Mutu, en: Quality}
            max: 5
            ready_at: 4
            weight: 1
            labels: {4: {id: Baik, en: Good}, 5: {id: Sangat baik, en: Very good}}
          - key: rapi
            type: scale
            label: {id: Kerapian, en: Tidiness}
            max: 5
            weight: 1
            labels: {5: {id: Sangat rapi, en: Very tidy}}
          - key: bersih
            type: scale
            label: {id: Kebersihan, en: Cleanliness}
            max: 5
            ready_at: 3
            weight: 1
    """
)
TARGET_ANSWERS: dict[str, object] = {"omzet": 100.0, "cacat": 10.0, "mutu": 1, "rapi": 1}
TARGET_ANSWERS |= {"bersih": 1}


def test_a_blocked_gap_that_caps_nothing_is_skipped_and_the_plan_goes_on() -> None:
    criteria = load_criteria_text(LICENCE, "izin.yaml")
    before = score_values(criteria, LICENCE_ANSWERS)
    assert before.knockouts == ()  # "langsung: no" fails no knock-out: it is only a gap
    first = _next_open(before, 1, criteria, set())
    assert first is not None and (first.key, first.kind, first.forced) == ("langsung", GAP, False)
    plan = plan_actions(criteria, LICENCE_ANSWERS)
    assert not plan.reachable and plan.blocked == ("langsung",)
    assert [(s.key, s.kind, s.target) for s in plan.steps] == [("siap", GAP, True)]
    assert plan.target is not None and plan.target.key == "tinggi"
    assert (plan.projected_score, plan.projected_level.key) == (25.0, "rendah")


def test_with_every_open_item_picked_or_blocked_there_is_nothing_next() -> None:
    criteria = load_criteria_text(LICENCE, "izin.yaml")
    after = score_values(criteria, {**LICENCE_ANSWERS, "siap": True})
    assert after.level.key == "rendah"  # still below the target ...
    assert _next_open(after, 1, criteria, set()) is not None
    assert _next_open(after, 1, criteria, {"langsung"}) is None  # ... and nothing left to try


def test_a_number_knockout_without_bands_aims_at_the_nearest_round_number_that_passes() -> None:
    criteria = load_criteria_text(TARGETS, "target.yaml")
    plan = plan_actions(criteria, TARGET_ANSWERS)
    omzet = plan.steps[0]
    assert (omzet.key, omzet.kind, omzet.status) == ("omzet", KNOCKOUT, "failed")
    assert (omzet.target, omzet.low, omzet.high, omzet.impact) == (10000.0, None, None, 0.0)
    assert plan.reachable and plan.projected_level.key == "tinggi"
    assert [s.key for s in plan.steps] == ["omzet", "cacat", "mutu", "rapi", "bersih"]


def test_the_ladder_tries_round_numbers_within_min_and_max_nearest_first() -> None:
    question = load_criteria_text(TARGETS, "target.yaml").by_key["omzet"].question
    assert isinstance(question, NumberQuestion)
    assert _ladder(question, 100.0) == [100.0, 10.0, 1.0, 0.1, 0.01, 0.0, 1000.0, 1e4, 5e4]
    # no number yet ("tidak tahu"): from 0 upwards; the maximum 50000 replaces 10**5 and up
    assert _ladder(question, DONT_KNOW) == [0.0, 0.01, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4, 5e4]


WHOLE_NUMBER = textwrap.dedent(
    """\
    format: 1
    id: karyawan
    version: "1"
    title: Uji
    levels:
      - {key: rendah, min: 0, label: Rendah}
      - {key: tinggi, min: 50, label: Tinggi}
    dimensions:
      - key: umum
        label: Umum
        weight: 1
        questions:
          - key: karyawan
            type: number
            label: Jumlah karyawan tetap
            unit: orang
            integer: true
            min: 0
            knockout:
              reason: Perlu karyawan tetap
              fails_if: karyawan == 0
          - key: siap
            type: yes_no
            label: Siap?
    """
)


def test_the_target_of_a_whole_number_question_is_a_whole_number() -> None:
    from ekspor_cli.answers import AnswerReader
    from ekspor_cli.errors import AnswerError

    criteria = load_criteria_text(WHOLE_NUMBER, "karyawan.yaml")
    with pytest.raises(AnswerError, match="whole number"):
        AnswerReader(criteria).read("karyawan", "0,01")  # what an officer cannot enter
    plan = plan_actions(criteria, {"karyawan": 0.0, "siap": True})
    (step,) = plan.steps
    assert step.key == "karyawan" and plan.reachable
    assert isinstance(step.target, float) and step.target.is_integer() and step.target >= 1


def test_bundled_criteria_worked_example_reaches_the_next_level() -> None:
    from pathlib import Path

    from ekspor_cli.answers_file import parse_answer_file
    from ekspor_cli.scoring import score

    criteria = load_bundled_criteria()
    example = Path(__file__).resolve().parents[1] / "examples" / "cabai-kering-rumahan.yaml"
    parsed = parse_answer_file(example.read_text(encoding="utf-8"), str(example))
    result = score(criteria, parsed.answers)
    plan = plan_actions(criteria, result.answers())
    assert plan.reachable and plan.target is not None
    assert plan.projected_level.index >= plan.target.index
    assert plan.steps and plan.steps[0].kind == KNOCKOUT  # the capacity knock-out first
