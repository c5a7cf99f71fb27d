"""Draft files as data: the JSON format, and reconciliation when the criteria change."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from ekspor_cli import DONT_KNOW, Criteria, load_criteria_text
from ekspor_cli.answer_codec import decode_value, encode_value
from ekspor_cli.drafts import (
    Draft,
    DraftError,
    completed_extras,
    draft_from_json,
    draft_to_json,
    new_draft,
    reconcile,
    with_state,
)
from ekspor_cli.interview import Interview, State, Step
from ekspor_cli.profile_fields import PROFILE_FIELDS
from ekspor_cli.scoring import score_values

from .conftest import MINI

NOW = "2026-11-29T10:15:00+07:00"
LATER = "2026-11-29T11:00:00+07:00"
PROFILE = {k: "" for k in PROFILE_FIELDS} | {"business_name": "CV Maju", "date": "2026-11-29"}


def variant(*edits: tuple[str, str]) -> Criteria:
    """MINI with text replacements (each must apply), as a *changed* criteria file."""
    text = MINI
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return load_criteria_text(text, "mini-changed.yaml")


def draft_for(criteria: Criteria, values: dict[str, object], **state: Any) -> Draft:
    base = new_draft("0" * 32, criteria, None, NOW, "id")
    full = State(profile=PROFILE, values=values, **state)
    return with_state(base, full, criteria, LATER)


ANSWERS: dict[str, object] = {
    "sektor": "pangan",
    "nib": True,
    "izin_edar": "md",
    "kapasitas": 2000.0,
    "volume_pembeli": DONT_KNOW,
    "subkontrak": False,
    "pemasok": ("petani", "pasar"),
    "mutu": 4,
    "catatan": "dont_know",  # text stays text
}


@pytest.mark.parametrize("value", [*ANSWERS.values(), None, (), 0.5, "", "ya"])
def test_values_survive_json(value: object) -> None:
    assert decode_value(json.loads(json.dumps(encode_value(value)))) == value


def test_dont_know_is_the_text_every_export_uses() -> None:
    assert encode_value(DONT_KNOW) == "tidak tahu"  # as Result.to_dict and the store
    assert decode_value("tidak tahu") is DONT_KNOW
    assert decode_value("dont_know") == "dont_know"
    with pytest.raises(ValueError):
        decode_value({"something": 1})


def test_draft_round_trips_through_json(mini: Criteria) -> None:
    draft = draft_for(
        mini,
        ANSWERS,
        evidence={"nib": True},
        skipped=frozenset({"catatan"}),
        cursor="q:mutu",
        mode="fill",
    )
    draft = replace(draft, superseded={"mutu": 3, "sektor": DONT_KNOW})
    text = json.dumps(draft_to_json(draft), ensure_ascii=False)
    again = draft_from_json(json.loads(text), "d.json")
    assert again == draft
    assert again.state.values["volume_pembeli"] is DONT_KNOW
    assert again.answered == len(ANSWERS)
    data = draft_to_json(draft)
    assert data["criteria"]["sha256"] == mini.sha256
    assert data["answer_spaces"]["sektor"] == "single_choice:pangan,kayu"
    assert data["answer_spaces"]["mutu"] == "scale:1-5"
    assert data["created"] == NOW and data["updated"] == LATER


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "unknown format"),
        ({"format": "something-else"}, "unknown format"),
        ({"format": "ekspor-draft", "format_version": 99}, "newer ekspor"),
        ({"format": "ekspor-draft", "format_version": 1, "id": "x"}, "KeyError"),
    ],
)
def test_unusable_draft_names_the_file(data: object, message: str) -> None:
    with pytest.raises(DraftError) as info:
        draft_from_json(data, "drafts/abc.json")
    assert "drafts/abc.json" in info.value.message and message in info.value.message


def test_damaged_answer_value_is_a_draft_error(mini: Criteria) -> None:
    data = draft_to_json(draft_for(mini, {"sektor": "kayu"}))
    data["answers"]["sektor"] = {"weird": True}
    with pytest.raises(DraftError, match="not a usable ekspor draft"):
        draft_from_json(data, "d.json")


def test_same_criteria_keeps_everything() -> None:
    criteria = variant(('aliases: ["NIB"]', 'aliases: ["NIB"]\n        evidence: true'))
    draft = draft_for(criteria, ANSWERS, evidence={"nib": True}, cursor="q:mutu")
    rec = reconcile(draft, criteria)
    assert not rec.criteria_changed and not rec.anything_dropped and rec.new == ()
    assert rec.state == draft.state


def test_wording_and_weights_may_change_without_reasking(mini: Criteria) -> None:
    changed = variant(
        ("label: {id: Punya NIB?, en: Has NIB?}", "label: {id: Sudah punya NIB?, en: NIB?}"),
        ("weight: 3\n", "weight: 5\n"),
    )
    rec = reconcile(draft_for(mini, ANSWERS), changed)
    assert rec.criteria_changed and not rec.anything_dropped
    assert rec.state.values == ANSWERS


def test_changed_questions_are_asked_again_and_removed_ones_dropped(mini: Criteria) -> None:
    changed = variant(
        # a new choice: the old answer was given without it
        (
            "- {key: kayu, label: {id: Kayu, en: Wood}, points: 1}",
            "- {key: kayu, label: {id: Kayu, en: Wood}, points: 1}\n"
            "          - {key: kopi, label: {id: Kopi}, points: 1}",
        ),
        # the scale now runs 1-10: a "4" meant something else
        ("max: 5\n        ready_at: 4", "max: 10\n        ready_at: 8"),
        # "tidak tahu" no longer allowed for the buyer volume
        (
            "label: {id: Volume pembeli per bulan (kg), en: Buyer volume per month (kg)}",
            "label: {id: Volume pembeli per bulan (kg), en: Buyer volume per month (kg)}\n"
            "        allow_dont_know: false",
        ),
        # capacity must now be at least 5000: the stored 2000 no longer reads
        ("label: {id: Kapasitas per bulan (kg), en: Monthly capacity (kg)}\n        min: 0",
         "label: {id: Kapasitas per bulan (kg), en: Monthly capacity (kg)}\n        min: 5000"),
        # the notes question is gone, a new one takes its place
        ("- key: catatan\n", "- key: catatan_baru\n"),
    )  # fmt: skip
    draft = draft_for(mini, ANSWERS, evidence={"sektor": True}, cursor="q:catatan")
    rec = reconcile(draft, changed)
    assert rec.criteria_changed
    assert set(rec.reask) == {"sektor", "mutu", "volume_pembeli", "kapasitas"}
    assert rec.removed == ("catatan",)
    assert rec.dropped == {k: ANSWERS[k] for k in (*rec.removed, *rec.reask)}
    assert rec.new == ("catatan_baru",)
    kept = rec.state.values
    assert set(kept) == {"nib", "izin_edar", "subkontrak", "pemasok"}
    assert rec.state.evidence == {}  # evidence goes with its answer
    assert rec.state.cursor is None  # the saved position no longer exists
    iv = Interview(changed, rec.state)
    assert iv.current == Step("question", "sektor")  # re-asked first, in order
    open_keys = [s.key for s in iv.unvisited()]
    assert open_keys[:2] == ["sektor", "kapasitas"]
    assert "catatan_baru" in open_keys


def test_a_skipped_question_that_became_required_is_asked(mini: Criteria) -> None:
    changed = variant(("- key: catatan\n", "- key: catatan\n        required: true\n"))
    draft = draft_for(mini, {"sektor": "kayu"}, skipped=frozenset({"catatan", "nib"}))
    rec = reconcile(draft, changed)
    assert rec.state.skipped == frozenset({"nib"})


def test_completed_record_exports_only_answers_that_count(mini: Criteria) -> None:
    from ekspor_cli.render.json import report_dict
    from ekspor_cli.report import build_report

    iv = Interview(mini, State(profile=PROFILE, values=dict(ANSWERS), evidence={"izin_edar": True}))
    iv.jump(Step("question", "sektor"))
    iv.answer("kayu")  # hides izin_edar, whose answer and evidence stay in the draft
    draft = with_state(new_draft("1" * 32, mini, "/x/mini.yaml", NOW, "en"), iv.state, mini, NOW)
    values = iv.scoring_values()
    result = score_values(mini, values)
    extras = completed_extras(draft, iv, "en", LATER)
    assert extras["format"] == "ekspor-assessment"
    assert extras["assessment"] == {
        "id": "1" * 32,
        "started": NOW,
        "finished": LATER,
        "lang": "en",
        "criteria_path": "/x/mini.yaml",
    }
    assert "izin_edar" not in extras["answers"]
    assert extras["documents_seen"] == {}
    assert extras["answers"]["volume_pembeli"] == "tidak tahu"
    assert extras["answers"]["pemasok"] == ["petani", "pasar"]
    doc = report_dict(result, build_report(result, mini, "en", values=values), {}, extras)
    assert doc["score"] == result.score and doc["criteria"]["sha256"] == mini.sha256
    izin = next(row for row in doc["questions"] if row["key"] == "izin_edar")
    assert izin["status"] == "skipped" and izin["answer"] is None
    assert all(step["question"] != "izin_edar" for step in doc["action_plan"]["steps"])
    assert draft.state.values["izin_edar"] == "md"  # kept for if the officer changes back
    json.dumps(doc)  # serialisable as is
