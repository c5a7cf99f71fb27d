"""The interview state machine, driven directly: no terminal, no files."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ekspor_cli import DONT_KNOW, Criteria, load_criteria_text
from ekspor_cli.errors import AnswerError
from ekspor_cli.interview import Interview, State, Step
from ekspor_cli.profile_fields import PROFILE_FIELDS, read_profile
from ekspor_cli.prompt_commands import Command, parse_command
from ekspor_cli.result import Status
from ekspor_cli.scoring import score_values
from ekspor_cli.visibility import walk

from .conftest import MINI

TODAY = date(2026, 11, 29)


def q(key: str) -> Step:
    return Step("question", key)


def at_questions(criteria: Criteria) -> Interview:
    """An interview whose profile is filled in, standing at the first question."""
    iv = Interview(criteria)
    iv.set_profile("business_name", "CV Maju")
    for key in PROFILE_FIELDS[1:]:
        iv.skip()
        assert iv.current is not None
        assert key  # every optional profile field can be passed over
    assert iv.current == q("sektor")
    return iv


def mini_with(**extra: str) -> Criteria:
    """MINI with one more line (e.g. ``nib="evidence: true"``) in some questions."""
    text = MINI
    for key, line in extra.items():
        text = text.replace(f"      - key: {key}\n", f"      - key: {key}\n        {line}\n")
        assert line in text
    return load_criteria_text(text, "mini-variant.yaml")


@pytest.fixture(scope="module")
def with_evidence() -> Criteria:
    return mini_with(nib="evidence: true", izin_edar="evidence: true")


def test_steps_are_profile_then_asked_questions(mini: Criteria) -> None:
    iv = Interview(mini)
    assert iv.current == Step("profile", "business_name")
    assert [s.key for s in iv.steps[: len(PROFILE_FIELDS)]] == list(PROFILE_FIELDS)
    asked = [s.key for s in iv.steps if s.kind == "question"]
    assert "rasio" not in asked  # derived values are computed, never asked
    assert asked[:3] == ["sektor", "nib", "izin_edar"]


def test_skip_logic_follows_answers_as_they_come(mini: Criteria) -> None:
    iv = at_questions(mini)
    assert not iv.is_visible(q("izin_edar"))  # sektor not answered yet: condition unknown
    iv.answer("pangan")
    assert iv.is_visible(q("izin_edar"))
    iv.answer(True)
    assert iv.current == q("izin_edar")


def test_hidden_answer_is_kept_but_never_scored_and_comes_back(mini: Criteria) -> None:
    iv = at_questions(mini)
    iv.answer("pangan")
    iv.answer(True)
    iv.answer("md")
    iv.jump(q("sektor"))
    iv.answer("kayu")
    assert iv.values["izin_edar"] == "md"  # kept in the draft ...
    assert "izin_edar" not in iv.scoring_values()  # ... but not scored or exported
    result = score_values(mini, iv.scoring_values())
    assert result.outcome("izin_edar").status == Status.SKIPPED
    assert "izin_edar" not in result.answers()
    # Scoring *all* values (hidden leftover included) ignores it the same way.
    assert score_values(mini, iv.values).to_dict() == result.to_dict()
    iv.jump(q("sektor"))
    iv.answer("pangan")
    assert iv.scoring_values()["izin_edar"] == "md"  # the officer's answer came back


def test_dont_know_counts_as_unknown_in_conditions(mini: Criteria) -> None:
    iv = at_questions(mini)
    iv.answer(DONT_KNOW)
    assert iv.values["sektor"] is DONT_KNOW
    assert not iv.is_visible(q("izin_edar"))
    assert iv.current == q("nib")


def test_progress_counts_visible_questions_and_sections(mini: Criteria) -> None:
    iv = at_questions(mini)
    first = iv.progress()
    assert (first.section, first.sections, first.number, first.total) == (1, 2, 1, 8)
    iv.answer("pangan")
    p = iv.progress()
    assert (p.number, p.total) == (2, 9)  # izin_edar appeared
    assert iv.progress(q("kapasitas")).section == 2
    assert iv.progress(Step("profile", "city")).number == PROFILE_FIELDS.index("city") + 1


def test_back_then_forward_walks_through_answered_questions(mini: Criteria) -> None:
    iv = at_questions(mini)
    assert iv.back() and iv.current == Step("profile", "date")
    iv.skip()
    iv.answer("kayu")
    iv.answer(True)
    assert iv.current == q("kapasitas")
    assert iv.back() and iv.current == q("nib")
    assert iv.back() and iv.current == q("sektor")
    iv.answer("kayu")  # same answer again: moves to the *next* question, not the first open
    assert iv.current == q("nib")


def test_back_at_the_first_step_stays(mini: Criteria) -> None:
    iv = Interview(mini)
    assert not iv.back()
    assert iv.current == Step("profile", "business_name")


def test_jump_fills_open_questions_then_returns_to_review(mini: Criteria) -> None:
    iv = at_questions(mini)
    iv.answer("kayu")
    iv.jump(q("mutu"))
    iv.answer(4)
    assert iv.current == q("catatan")  # first open question after the jump target
    iv.answer("ok")
    assert iv.current == q("nib")  # wraps to the first open one
    for value in (True, 100.0, 50.0, True, ("petani",)):
        iv.answer(value)
    assert iv.current is None  # nothing open: the review
    assert iv.unvisited() == []


def test_finishing_in_order_reaches_the_review(mini: Criteria) -> None:
    iv = at_questions(mini)
    for value in ("pangan", True, "md", 2000.0, 1000.0, True, ("petani", "pasar"), 5, "baik"):
        iv.answer(value)
    assert iv.current is None
    assert iv.back() and iv.current == q("catatan")


def test_skip_only_optional(mini: Criteria) -> None:
    iv = Interview(mini)
    with pytest.raises(ValueError):
        iv.skip()  # business name is required
    required = mini_with(sektor="required: true")
    iv = at_questions(required)
    assert iv.is_required(q("sektor"))
    with pytest.raises(ValueError):
        iv.skip()
    iv.answer("kayu")
    iv.skip()
    assert "nib" in iv.skipped and "nib" not in iv.values
    assert iv.is_visited(q("nib"))
    iv.back()
    iv.answer(False)
    assert "nib" not in iv.skipped


def test_review_rows_numbers_statuses_and_computed_values(mini: Criteria) -> None:
    iv = at_questions(mini)
    iv.answer("kayu")
    iv.answer(DONT_KNOW)
    iv.skip()
    iv.answer(50.0)
    rows = {r.step.key: r for r in iv.review() if r.step.kind == "question"}
    assert rows["sektor"].number == "1" and rows["sektor"].status == "answered"
    assert rows["nib"].status == "dont_know"
    assert rows["kapasitas"].status == "skipped"
    assert rows["volume_pembeli"].status == "answered"
    assert rows["subkontrak"].status == "unanswered"
    assert "izin_edar" not in rows  # hidden questions are not listed
    assert rows["rasio"].status == "computed" and rows["rasio"].number == ""
    profile = [r for r in iv.review() if r.step.kind == "profile"]
    assert [r.number for r in profile[:2]] == ["P1", "P2"]
    assert profile[0].status == "answered" and profile[1].status == "skipped"


def test_find_by_number_profile_number_or_key(mini: Criteria) -> None:
    iv = at_questions(mini)
    iv.answer("pangan")
    assert iv.find("3") == q("izin_edar")
    assert iv.find("p2") == Step("profile", "owner")
    assert iv.find("kapasitas") == q("kapasitas")
    assert iv.find("nib") == q("nib")  # a key names the question, never the profile field
    assert iv.find("99") is None and iv.find("rasio") is None


def test_jump_to_hidden_question_is_refused(mini: Criteria) -> None:
    iv = at_questions(mini)
    with pytest.raises(ValueError):
        iv.jump(q("izin_edar"))


def test_state_round_trip_continues_where_it_stopped(mini: Criteria) -> None:
    iv = at_questions(mini)
    iv.answer("pangan")
    iv.answer(True)
    again = Interview(mini, iv.state)
    assert again.current == iv.current == q("izin_edar")
    assert again.values == iv.values and again.profile == iv.profile
    assert again.state == iv.state


def test_restoring_a_position_that_no_longer_exists_asks_what_is_open(mini: Criteria) -> None:
    state = State(
        profile={k: "x" for k in PROFILE_FIELDS}, values={"sektor": "kayu"}, cursor="q:gone"
    )
    iv = Interview(mini, state)
    assert iv.current == q("nib") and iv.mode == "fill"
    done = State(profile={k: "x" for k in PROFILE_FIELDS}, values={"sektor": "kayu"}, cursor=None)
    assert Interview(mini, done).current == q("nib")


def test_evidence_is_kept_only_when_the_answer_claims_something(with_evidence: Criteria) -> None:
    iv = at_questions(with_evidence)
    iv.answer("pangan")
    assert iv.needs_evidence(q("nib"), True) and not iv.needs_evidence(q("nib"), False)
    assert not iv.needs_evidence(q("nib"), DONT_KNOW)
    iv.answer(True, evidence=False)
    assert iv.evidence == {"nib": False}
    assert iv.needs_evidence(q("izin_edar"), "pirt")
    assert not iv.needs_evidence(q("izin_edar"), "tidak_ada")  # 0 points: nothing to see
    assert not iv.needs_evidence(q("izin_edar"), "tidak_wajib")
    iv.answer("md", evidence=True)
    assert iv.scoring_evidence() == {"nib": False, "izin_edar": True}
    iv.jump(q("sektor"))
    iv.answer("kayu")
    assert iv.scoring_evidence() == {"nib": False}  # hidden answer: its evidence is not exported
    iv.jump(q("nib"))
    iv.answer(False, evidence=True)
    assert "nib" not in iv.evidence  # a "no" cannot have been seen


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("<", Command("back")),
        (" Kembali ", Command("back")),
        ("?", Command("help")),
        ("bantuan", Command("help")),
        ("LEWATI", Command("skip")),
        ("skip", Command("skip")),
        ("ringkasan", Command("review")),
        ("lompat 7", Command("jump", "7")),
        ("lompat P2", Command("jump", "p2")),
        ("goto kapasitas", Command("jump", "kapasitas")),
        ("lompat", Command("jump", "")),
        ("simpan", Command("quit")),
        ("keluar", Command("quit")),
        ("selesai", Command("finish")),
        ("ya", None),
        ("tidak tahu", None),
        ("1.500", None),
        ("", None),
        ("kembali ke awal", None),
    ],
)
def test_parse_command(text: str, command: Command | None) -> None:
    assert parse_command(text) == command


@pytest.mark.parametrize(
    ("field", "raw", "stored"),
    [
        ("business_name", "  CV  Maju\u200b Jaya ", "CV Maju Jaya"),
        ("nib", "1234 5678 90123", "1234567890123"),
        ("nib", "1234-5678-901.23", "1234567890123"),
        ("nib", "", ""),
        ("date", "", "2026-11-29"),
        ("date", "hari ini", "2026-11-29"),
        ("date", "1-11-2026", "2026-11-01"),
        ("date", "01/11/2026", "2026-11-01"),
        ("date", "2026-11-01", "2026-11-01"),
        ("owner", "", ""),
    ],
)
def test_read_profile_accepts(field: str, raw: str, stored: str) -> None:
    assert read_profile(field, raw, TODAY) == stored


@pytest.mark.parametrize(
    ("field", "raw", "id_message", "en_message"),
    [
        ("business_name", "  ", "wajib diisi", "required"),
        ("nib", "12345", "13 angka (yang diketik: 5 angka)", "13 digits (you typed 5)"),
        ("nib", "12345678901234", "yang diketik: 14 angka", "you typed 14"),
        ("nib", "１２３４５６７８９０１２３", "13 angka", "13 digits"),
        ("date", "31-02-2026", "bukan tanggal", "not a date"),
        ("date", "30-11-2026", "belum terjadi", "in the future"),
        ("date", "kemarin", "bukan tanggal", "not a date"),
        ("city", "x" * 201, "terlalu panjang", "too long"),
    ],
)
def test_read_profile_rejects_with_a_message_in_both_languages(
    field: str, raw: str, id_message: str, en_message: str
) -> None:
    from ekspor_cli.answers import problem_text

    with pytest.raises(AnswerError) as info:
        read_profile(field, raw, TODAY)
    assert id_message in problem_text(info.value, "id")
    assert en_message in problem_text(info.value, "en")


# --- skip logic is the scoring engine's, exactly --------------------------------------

_ANSWER = {
    "sektor": st.sampled_from(["pangan", "kayu", DONT_KNOW, None]),
    "nib": st.sampled_from([True, False, DONT_KNOW, None]),
    "izin_edar": st.sampled_from(["md", "pirt", "tidak_wajib", None]),
    "kapasitas": st.sampled_from([0.0, 50.0, 2000.0, DONT_KNOW, None]),
    "volume_pembeli": st.sampled_from([0.0, 100.0, 1000.0, None]),
    "subkontrak": st.sampled_from([True, False, None]),
}


_CRITERIA = load_criteria_text(MINI, "mini.yaml")


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries(_ANSWER))
def test_walk_hides_exactly_what_scoring_skips(answers: dict[str, object]) -> None:
    criteria = _CRITERIA
    values = {k: v for k, v in answers.items() if v is not None}
    seen = walk(criteria, values)
    result = score_values(criteria, values)
    skipped = {o.key for o in result.outcomes if o.status == Status.SKIPPED}
    assert skipped == {info.key for info in criteria.questions} - seen.visible
    derived = result.outcome("rasio").value
    assert seen.env["rasio"] == derived
