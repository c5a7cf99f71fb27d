"""Scoring rules, each checked with numbers worked out by hand (docs/criteria.md, Scoring)."""

from __future__ import annotations

import pytest

from ekspor_cli import DONT_KNOW, AnswersError, Criteria, Status, score, score_values
from ekspor_cli.scoring import official

from .conftest import FULL_ANSWERS


def with_(**changes: object) -> dict[str, object]:
    answers: dict[str, object] = dict(FULL_ANSWERS)
    for key, value in changes.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    return answers


def test_all_met_scores_100_top_level_no_gaps(mini: Criteria) -> None:
    result = score(mini, FULL_ANSWERS)
    assert result.score == 100.0
    assert result.level.key == "tinggi"
    assert result.gaps == () and result.knockouts == () and result.to_verify == ()
    assert result.coverage == 1.0
    assert set(result.strengths) == {
        "sektor",
        "nib",
        "izin_edar",
        "rasio",
        "subkontrak",
        "pemasok",
        "mutu",
    }


def test_dimension_and_overall_weighted_means(mini: Criteria) -> None:
    # legal: sektor w1 p1, nib w3 p0, izin_edar w2 p1 -> 100*3/6 = 50
    # pasokan: all met -> 100; overall = (1*50 + 3*100) / 4 = 87.5
    result = score(mini, with_(nib="tidak"))
    dims = {d.key: d.score for d in result.dimensions}
    assert dims == {"legal": 50.0, "pasokan": 100.0}
    assert result.score == 87.5


def test_failed_knockout_caps_level_and_is_explained(mini: Criteria) -> None:
    result = score(mini, with_(nib="T"))  # T = Tidak, never True
    assert result.level_by_score.key == "tinggi"
    assert result.level.key == "rendah" and result.capped
    (ko,) = result.knockouts
    assert (ko.key, ko.status, ko.cap) == ("nib", "failed", "rendah")
    assert ko.reason.en == "NIB is required"
    assert result.gaps[0].key == "nib" and result.gaps[0].knockout


def test_gap_impact_is_overall_points_if_met(mini: Criteria) -> None:
    # nib: dimension share 1/4, question share 3/6 -> 12.5 overall points
    result = score(mini, with_(nib="tidak"))
    assert result.gaps[0].impact == 12.5
    assert result.outcome("nib").possible == pytest.approx(12.5)
    assert sum(o.earned for o in result.outcomes) == pytest.approx(result.score)


def test_gaps_knockouts_first_then_by_impact(mini: Criteria) -> None:
    # mutu 1 -> p 0 (impact 75*1/5 = 15); pemasok petani -> p .5 (impact 7.5); nib KO 12.5
    result = score(mini, with_(nib="tidak", mutu="1", pemasok="petani"))
    assert [g.key for g in result.gaps] == ["nib", "mutu", "pemasok"]
    assert [g.impact for g in result.gaps] == [12.5, 15.0, 7.5]


def test_skipped_question_does_not_count(mini: Criteria) -> None:
    result = score(mini, with_(sektor="kayu", izin_edar="tidak_ada"))
    assert result.outcome("izin_edar").status == Status.SKIPPED
    assert result.outcome("izin_edar").fraction is None
    assert result.score == 100.0
    assert "izin_edar" not in result.answers()


def test_not_applicable_choice_removes_question(mini: Criteria) -> None:
    result = score(mini, with_(izin_edar="tidak_wajib", nib="tidak"))
    assert result.outcome("izin_edar").status == Status.NOT_APPLICABLE
    # legal: sektor w1 p1 + nib w3 p0 -> 25; overall (25 + 300) / 4 = 81.25 -> 81.3
    assert result.score == 81.3


def test_missing_counts_zero_and_is_to_verify(mini: Criteria) -> None:
    result = score(mini, with_(mutu=None))
    assert result.outcome("mutu").status == Status.NOT_ANSWERED
    assert [g.key for g in result.to_verify] == ["mutu"]
    assert result.score == 85.0  # pasokan 100*4/5 = 80; (100 + 240)/4
    assert result.coverage == pytest.approx(0.85)


def test_dont_know_scores_like_missing_but_reported_separately(mini: Criteria) -> None:
    result = score(mini, with_(mutu="tidak tahu"))
    assert result.outcome("mutu").status == Status.DONT_KNOW
    assert result.outcome("mutu").value is DONT_KNOW
    assert result.score == 85.0
    assert result.to_verify[0].status == Status.DONT_KNOW


def test_unanswered_knockout_is_unverified_and_caps(mini: Criteria) -> None:
    result = score(mini, with_(nib=None))
    assert [(k.key, k.status) for k in result.knockouts] == [("nib", "unverified")]
    assert result.level.key == "rendah"


def test_derived_value_and_its_knockout(mini: Criteria) -> None:
    # the dried-chilli case: 100 kg/month against a 4 t/month buyer
    result = score(mini, with_(kapasitas="100", volume_pembeli="4.000", subkontrak="tidak"))
    rasio = result.outcome("rasio")
    assert rasio.value == pytest.approx(0.025)
    assert rasio.fraction == 0.0
    assert [(k.key, k.status, k.cap) for k in result.knockouts] == [("rasio", "failed", "sedang")]
    assert result.level.index <= 1


def test_knockout_passes_when_alternative_route_exists(mini: Criteria) -> None:
    result = score(mini, with_(kapasitas="100", volume_pembeli="4000", subkontrak="ya"))
    assert result.knockouts == ()


def test_division_by_zero_is_missing_with_reason(mini: Criteria) -> None:
    result = score(mini, with_(volume_pembeli="0", subkontrak="tidak"))
    rasio = result.outcome("rasio")
    assert rasio.status == Status.NOT_ANSWERED
    assert "zero" in rasio.reason["en"]
    assert [(k.key, k.status) for k in result.knockouts] == [("rasio", "unverified")]


def test_bands_lower_bounds(mini: Criteria) -> None:
    def rasio_fraction(kapasitas: str) -> float | None:
        return score(mini, with_(kapasitas=kapasitas)).outcome("rasio").fraction

    assert rasio_fraction("499") == 0.0
    assert rasio_fraction("500") == 0.5
    assert rasio_fraction("999") == 0.5
    assert rasio_fraction("1000") == 1.0


def test_multiple_choice_and_scale_fractions(mini: Criteria) -> None:
    result = score(mini, with_(pemasok="petani", mutu="3"))
    assert result.outcome("pemasok").fraction == 0.5
    assert result.outcome("mutu").fraction == pytest.approx(2 / 3)
    assert score(mini, with_(pemasok="tidak_ada")).outcome("pemasok").fraction == 0.0


def test_text_is_recorded_not_scored(mini: Criteria) -> None:
    result = score(mini, with_(catatan="x" * 10))
    outcome = result.outcome("catatan")
    assert outcome.status == Status.NOT_SCORED and outcome.fraction is None
    assert result.answers()["catatan"] == "x" * 10


def test_every_bad_answer_is_reported(mini: Criteria) -> None:
    with pytest.raises(AnswersError) as info:
        score(mini, with_(nib="mungkin", mutu="9", pemasok="tidak_ada; petani", nibb="ya"))
    by_question = {e.question: e for e in info.value.errors}
    assert set(by_question) == {"nib", "mutu", "pemasok", "nibb"}
    assert by_question["nibb"].hint == "did you mean 'nib'?"


def test_typed_values_are_accepted(mini: Criteria) -> None:
    typed = {
        **FULL_ANSWERS,
        "nib": True,
        "kapasitas": 2000,
        "pemasok": ["petani", "pasar"],
        "mutu": 5,
    }
    assert score(mini, typed).score == 100.0


def test_score_values_ignores_answers_to_hidden_questions(mini: Criteria) -> None:
    base = {"sektor": "kayu", "nib": True}
    a = score_values(mini, base)
    b = score_values(mini, {**base, "izin_edar": "tidak_ada"})
    assert a.to_dict() == b.to_dict()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (69.94999999999999, 70.0),  # float noise around 69.95: the same sum in another order
        (69.95, 70.0),
        (69.95000000000001, 70.0),
        (69.9499, 69.9),
        (69.94, 69.9),
        (49.99999999999999, 50.0),
        (0.05, 0.1),
        (100.0, 100.0),
    ],
)
def test_official_rounding_is_half_up_after_absorbing_float_noise(
    raw: float, expected: float
) -> None:
    assert official(raw) == expected


def test_json_shape(mini: Criteria) -> None:
    data = score(mini, with_(nib="tidak")).to_dict("en")
    assert set(data) >= {"score", "level", "dimensions", "knockouts", "gaps", "criteria"}
    assert data["level"] == {"key": "rendah", "label": "Low"}
    assert data["knockouts"] == ["nib"]
    assert data["criteria"]["id"] == "mini" and len(data["criteria"]["sha256"]) == 64
    gap = data["gaps"][0]
    assert gap == {
        "question": "nib",
        "dimension": "legal",
        "label": "Has NIB?",
        "status": "answered",
        "impact": 12.5,
        "knockout": True,
        "message": "No NIB",
        "recommendation": "Register at OSS",
        "program": None,
    }


def test_full_checklist_is_exactly_fully_met() -> None:
    """Seven equal items ticked must be a strength, not a gap of impact 0.0 (7 x 1/7 != 1)."""
    from ekspor_cli import load_criteria_text

    items = ", ".join(f"{{key: i{n}, label: I{n}, points: 1}}" for n in range(7))
    text = (
        'format: 1\nid: c\nversion: "1"\ntitle: C\nlevels: [{key: a, min: 0, label: A}]\n'
        "dimensions:\n  - key: d\n    label: D\n    weight: 1\n    questions:\n"
        f"      - {{key: label, type: multiple_choice, label: L, choices: [{items}]}}\n"
    )
    crit = load_criteria_text(text, "c.yaml")
    result = score(crit, {"label": "; ".join(f"i{n}" for n in range(7))})
    assert result.outcome("label").fraction == 1.0
    assert result.strengths == ("label",) and result.gaps == ()
