"""Scoring invariants, checked over generated answers (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ekspor_cli import DONT_KNOW, Criteria, score_values

from .conftest import MINI

# Canonical answers for the mini criteria (see conftest.MINI), missing (None) included.
ANSWER = {
    "sektor": st.sampled_from(["pangan", "kayu", None]),
    "nib": st.sampled_from([True, False, None, DONT_KNOW]),
    "izin_edar": st.sampled_from(["md", "pirt", "tidak_ada", "tidak_wajib", None]),
    "kapasitas": st.one_of(st.none(), st.floats(0, 1e7, allow_nan=False)),
    "volume_pembeli": st.one_of(st.none(), st.floats(0, 1e7, allow_nan=False)),
    "subkontrak": st.sampled_from([True, False, None, DONT_KNOW]),
    "pemasok": st.sampled_from(
        [(), ("petani",), ("petani", "pasar"), ("petani", "pasar", "impor"), ("tidak_ada",), None]
    ),
    "mutu": st.one_of(st.none(), st.integers(1, 5)),
    "catatan": st.one_of(st.none(), st.text(max_size=20)),
}
answers_strategy = st.fixed_dictionaries({k: v for k, v in ANSWER.items()})

# Questions no `when:` or derived value refers to: improving them can only help.
INDEPENDENT_BETTER = {
    "nib": [(False, True), (None, True), (DONT_KNOW, True)],
    "izin_edar": [("tidak_ada", "pirt"), ("pirt", "md"), (None, "md")],
    "pemasok": [((), ("petani",)), (("petani",), ("petani", "pasar")), (None, ("petani",))],
    "mutu": [(1, 2), (2, 4), (None, 3)],
}


def _criteria() -> Criteria:
    from ekspor_cli import load_criteria_text

    return load_criteria_text(MINI, "mini.yaml")


CRITERIA = _criteria()


def _scores(answers: dict[str, object]) -> tuple[float, dict[str, float | None]]:
    result = score_values(CRITERIA, answers)
    return result.score, {d.key: d.score for d in result.dimensions}


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_scores_stay_within_0_and_100(answers: dict[str, object]) -> None:
    result = score_values(CRITERIA, answers)
    assert 0.0 <= result.score <= 100.0
    for dim in result.dimensions:
        assert dim.score is None or 0.0 <= dim.score <= 100.0
    assert 0.0 <= result.coverage <= 1.0
    for gap in result.gaps + result.to_verify:
        assert 0.0 <= gap.impact <= 100.0


@settings(max_examples=300, deadline=None)
@given(answers_strategy, st.sampled_from(sorted(INDEPENDENT_BETTER)), st.data())
def test_improving_an_independent_answer_never_lowers_any_score(
    answers: dict[str, object], key: str, data: st.DataObject
) -> None:
    worse, better = data.draw(st.sampled_from(INDEPENDENT_BETTER[key]))
    before_total, before_dims = _scores({**answers, key: worse})
    after_total, after_dims = _scores({**answers, key: better})
    assert after_total >= before_total
    for dim, value in before_dims.items():
        if value is not None and after_dims[dim] is not None:
            assert after_dims[dim] >= value  # type: ignore[operator]


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_a_failed_knockout_always_caps_the_level(answers: dict[str, object]) -> None:
    result = score_values(CRITERIA, answers)
    levels = [lv.key for lv in CRITERIA.levels]
    for ko in result.knockouts:
        assert result.level.index <= levels.index(ko.cap)
    assert result.level.index <= result.level_by_score.index


@settings(max_examples=200, deadline=None)
@given(answers_strategy, st.sampled_from(["md", "pirt", "tidak_ada", "tidak_wajib", None]))
def test_answers_to_skipped_questions_never_matter(
    answers: dict[str, object], hidden_answer: object
) -> None:
    answers = {**answers, "sektor": "kayu"}  # izin_edar is asked only for processed food
    a = score_values(CRITERIA, {**answers, "izin_edar": "md"})
    b = score_values(CRITERIA, {**answers, "izin_edar": hidden_answer})
    assert a.to_dict() == b.to_dict()


@settings(max_examples=200, deadline=None)
@given(answers_strategy, st.randoms(use_true_random=False))
def test_same_answers_same_result_in_any_order(answers: dict[str, object], rnd: object) -> None:
    items = list(answers.items())
    rnd.shuffle(items)  # type: ignore[attr-defined]
    assert (
        score_values(CRITERIA, dict(items)).to_dict() == score_values(CRITERIA, answers).to_dict()
    )


def test_level_is_decided_on_the_shown_score() -> None:
    # A threshold reached through float sums (0.1 + 0.2 ...) lands on the same level
    # whatever the order the dimensions are listed in.
    template = """\
format: 1
id: t
version: "1"
title: T
levels:
  - {{key: a, min: 0, label: A}}
  - {{key: b, min: 60, label: B}}
dimensions:
{dims}
"""
    dim = """\
  - key: {key}
    label: {key}
    weight: {weight}
    questions:
      - {{key: q_{key}, type: yes_no, label: q {key}, weight: 1}}
"""
    from ekspor_cli import load_criteria_text

    specs = [("d1", 0.1, True), ("d2", 0.2, True), ("d3", 0.3, True), ("d4", 0.4, False)]
    seen = set()
    for order in (specs, specs[::-1], specs[1:] + specs[:1]):
        text = template.format(dims="".join(dim.format(key=k, weight=w) for k, w, _ in order))
        crit = load_criteria_text(text, "t.yaml")
        result = score_values(crit, {f"q_{k}": met for k, _, met in order})
        seen.add((result.score, result.level.key))
    assert seen == {(60.0, "b")}


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_coverage_is_the_answered_share_of_the_weight_that_counts(
    answers: dict[str, object],
) -> None:
    """Coverage is the sum of the answered questions' shares of the score (the shares the
    outcomes show), up to float rounding; every outcome answered means full coverage."""
    result = score_values(CRITERIA, answers)
    answered = [o for o in result.outcomes if o.status == "answered" and o.fraction is not None]
    shares = sum(o.possible for o in answered) / 100.0
    assert abs(result.coverage - min(1.0, shares)) < 1e-9
    counted = [o for o in result.outcomes if o.fraction is not None]
    if counted and len(answered) == len(counted):
        assert result.coverage == 1.0 or abs(result.coverage - 1.0) < 1e-12
