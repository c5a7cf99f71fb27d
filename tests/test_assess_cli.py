"""`ekspor assess` through Typer's runner: piped answers, end of input, resume, outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ekspor_cli import load_bundled_criteria
from ekspor_cli.answers import AnswerReader
from ekspor_cli.answers_file import parse_answer_file
from ekspor_cli.cli.app import app
from ekspor_cli.interview import Interview
from ekspor_cli.parsing import split_multi
from ekspor_cli.scoring import score_values

from .conftest import MINI

PROFILE = [
    "CV Maju",
    "Bu Sri",
    "",
    "Jl. Mawar 1",
    "Kediri",
    "Keripik",
    "0812",
    "Pak Budi",
    "01-11-2026",
]
ANSWERS = ["1", "ya", "md", "2000", "1000", "ya", "petani, pasar", "5", "baik"]
EXPECTED = {
    "sektor": "pangan",
    "nib": True,
    "izin_edar": "md",
    "kapasitas": 2000.0,
    "volume_pembeli": 1000.0,
    "subkontrak": True,
    "pemasok": ["petani", "pasar"],
    "mutu": 5,
    "catatan": "baik",
}


@pytest.fixture
def criteria_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def assess(criteria: Path, data: Path, lines: list[str] | None, *args: str) -> Result:
    text = None if lines is None else "".join(f"{line}\n" for line in lines)
    return CliRunner().invoke(
        app,
        ["assess", "-c", str(criteria), "--data-dir", str(data), *args],
        input=text if text is not None else "",
        env={"COLUMNS": "80", "EKSPOR_LANG": None, "EKSPOR_CRITERIA": None},
    )


def drafts(data: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in (data / "drafts").glob("*.json")]


def only_result(data: Path) -> dict[str, Any]:
    (path,) = (data / "results").glob("*.json")
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return result


def without_run_details(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "assessment"}


def test_piped_interview_runs_to_the_report_and_saves_the_result(
    criteria_file: Path, data: Path
) -> None:
    result = assess(criteria_file, data, [*PROFILE, *ANSWERS, ""])
    assert result.exit_code == 0, result.output
    assert "Bagian 1/2 · Pertanyaan 1/8" in result.output
    assert "Bagian 2/2 · Kontinuitas pasokan" in result.output
    assert "Ringkasan jawaban" in result.output
    assert "Skor: 100.0 / 100" in result.output
    assert "Rencana aksi" in result.output
    assert "Laporan Kesiapan Ekspor" in result.output
    doc = only_result(data)
    assert doc["answers"] == EXPECTED
    assert doc["profile"]["business_name"] == "CV Maju"
    assert doc["profile"]["date"] == "2026-11-01"
    assert "nib" not in doc["profile"]  # left empty: not exported
    (draft,) = drafts(data)
    assert draft["status"] == "finished"
    assert Path(draft["result_path"]).name == f"2026-11-01-cv-maju-{draft['id'][:8]}.json"
    assert f"Disimpan: {draft['result_path']}" in result.output.replace("\n", "")
    assert "Traceback" not in result.output


def test_completed_interview_is_stored_in_the_history(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, *ANSWERS, ""])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(app, ["list", "--data-dir", str(data), "--json"])
    assert listed.exit_code == 0, listed.output
    (row,) = json.loads(listed.output)
    assert row["business_name"] == "CV Maju" and row["score"] == 100.0
    assert row["id"][:8] in result.output.replace("\n", "")


def test_every_line_of_an_80_column_report_fits(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, "1", "tidak", "tidak_ada", *ANSWERS[3:], ""])
    assert result.exit_code == 0, result.output
    assert "Syarat mutlak yang belum terpenuhi" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_invalid_answers_are_re_asked_with_the_reason(criteria_file: Path, data: Path) -> None:
    lines = [*PROFILE, "3", "pisang", "1", "mungkin", "ya", *ANSWERS[2:5], "ya", "7,1", "1,2"]
    result = assess(criteria_file, data, [*lines, "9", "5", "baik", ""])
    assert result.exit_code == 0, result.output
    assert "'3' bukan pilihan yang ada; pilih: 1=pangan, 2=kayu" in result.output
    assert "'mungkin' bukan jawaban ya/tidak" in result.output
    assert "'7' bukan pilihan yang ada" in result.output
    assert "isi angka 1 sampai 5" in result.output
    assert only_result(data)["answers"]["mutu"] == 5


def test_enter_never_records_an_answer_silently(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, "", "lewati", "", "ya"])
    assert "Ketik jawaban, atau 'lewati'. Bantuan: ?" in result.output
    (draft,) = drafts(data)
    assert draft["answers"] == {"nib": True}
    assert draft["skipped"] == ["sektor"]


def test_ambiguous_number_is_confirmed_or_switched(criteria_file: Path, data: Path) -> None:
    lines = [*PROFILE, "2", "ya", "1.500", "", "1.500", "tidak"]
    result = assess(criteria_file, data, lines)
    assert "'1.500' dibaca sebagai 1500 (seribu lima ratus). Benar?" in result.output
    (draft,) = drafts(data)
    assert draft["answers"]["kapasitas"] == 1500.0
    assert draft["answers"]["volume_pembeli"] == 1.5


def test_eof_midway_says_what_was_saved_and_how_to_resume(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, *ANSWERS[:3]])
    assert result.exit_code == 2
    (draft,) = drafts(data)
    short = draft["id"][:8]
    assert "masukan berakhir sebelum wawancara selesai" in result.output
    assert f"3 jawaban tersimpan di draf {short}" in result.output
    assert f"ekspor assess --resume --data-dir {data} {short}" in result.output
    assert draft["status"] == "in_progress" and draft["position"] == "q:kapasitas"
    assert "Traceback" not in result.output


def test_no_input_at_all_points_to_ekspor_score(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, None)
    assert result.exit_code == 2
    assert "tidak ada masukan" in result.output and "ekspor score FILE" in result.output
    assert drafts(data) == []  # nothing answered, nothing written


def test_resume_finishes_with_the_same_result_as_one_run(
    criteria_file: Path, data: Path, tmp_path: Path
) -> None:
    whole = tmp_path / "whole"
    assert assess(criteria_file, whole, [*PROFILE, *ANSWERS, ""]).exit_code == 0
    first = assess(criteria_file, data, [*PROFILE, *ANSWERS[:4]])
    assert first.exit_code == 2
    rest = assess(criteria_file, data, [*ANSWERS[4:], ""], "--resume")
    assert rest.exit_code == 0, rest.output
    assert "Melanjutkan draf" in rest.output and "CV Maju" in rest.output
    assert "Bagian 2/2 · Pertanyaan 5/9" in rest.output  # continues where it stopped
    assert without_run_details(only_result(data)) == without_run_details(only_result(whole))


def test_resume_by_id_and_choose_among_several(criteria_file: Path, data: Path) -> None:
    assess(criteria_file, data, [*PROFILE, *ANSWERS[:2]])
    assess(criteria_file, data, ["UD Sejahtera", *PROFILE[1:], "2"])
    listed = assess(criteria_file, data, ["2", "lompat 1", "1", "simpan"], "--resume")
    assert listed.exit_code == 0, listed.output
    assert "Draf belum selesai:" in listed.output
    assert "1. UD Sejahtera · 1 jawaban" in listed.output
    assert "2. CV Maju · 2 jawaban" in listed.output
    by_name = {d["profile"]["business_name"]: d for d in drafts(data)}
    assert by_name["CV Maju"]["answers"]["sektor"] == "pangan"
    short = by_name["UD Sejahtera"]["id"][:6]
    again = assess(criteria_file, data, ["simpan"], "--resume", short)
    assert again.exit_code == 0 and "UD Sejahtera" in again.output
    assert "Draf disimpan (1 jawaban)" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resume"], "tidak ada draf yang belum selesai"),
        (["--resume", "feedbeef"], "no draft 'feedbeef'"),
        (["-o", "laporan.pdf"], "unknown report format '.pdf'"),
    ],
)
def test_clear_errors_before_the_interview(
    criteria_file: Path, data: Path, args: list[str], message: str
) -> None:
    result = assess(criteria_file, data, ["CV Maju"], *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not (data / "drafts").exists() or not drafts(data)
    assert "Traceback" not in result.output


def test_unknown_report_format_hint_is_the_same_as_score_gives(
    criteria_file: Path, data: Path
) -> None:
    result = assess(criteria_file, data, ["CV Maju"], "-o", "laporan.PDF")
    assert result.exit_code == 2
    assert "unknown report format '.pdf'" in result.output
    assert "use a file name ending in .json, .md, .html" in result.output


def test_resuming_a_finished_draft_points_to_its_result(criteria_file: Path, data: Path) -> None:
    assess(criteria_file, data, [*PROFILE, *ANSWERS, ""])
    (draft,) = drafts(data)
    result = assess(criteria_file, data, [], "--resume", draft["id"][:8])
    assert result.exit_code == 2 and "already finished" in result.output


def test_damaged_draft_is_skipped_with_a_warning(criteria_file: Path, data: Path) -> None:
    assess(criteria_file, data, [*PROFILE, "1"])
    (data / "drafts" / "broken.json").write_text("{not json", encoding="utf-8")
    result = assess(criteria_file, data, ["simpan"], "--resume")
    assert result.exit_code == 0, result.output
    assert "1 file draf tidak dapat dibaca dan dilewati: broken.json" in result.output


def restamp(data: Path, name: str, updated: str) -> None:
    """Give the draft of business ``name`` another ``updated`` stamp, as a hand edit would."""
    for path in (data / "drafts").glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["profile"]["business_name"] == name:
            doc["updated"] = updated
            path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            return
    raise AssertionError(f"no draft of {name}")


@pytest.mark.parametrize(
    ("updated", "first", "second"),
    [
        ("2000-01-01T10:00:00", "UD Sejahtera", "CV Maju"),  # no offset: local time
        ("2999-01-01T10:00:00", "CV Maju", "UD Sejahtera"),
        ("kemarin sore", "UD Sejahtera", "CV Maju"),  # unreadable: oldest
    ],
)
def test_a_hand_edited_draft_stamp_does_not_stop_assess(
    criteria_file: Path, data: Path, updated: str, first: str, second: str
) -> None:
    assess(criteria_file, data, [*PROFILE, *ANSWERS[:2]])
    assess(criteria_file, data, ["UD Sejahtera", *PROFILE[1:], "2"])
    restamp(data, "CV Maju", updated)
    from ekspor_cli.cli.draft_store import DraftStore

    found, broken = DraftStore(data).all()
    assert [d.business_name for d in found] == [first, second] and not broken
    listed = assess(criteria_file, data, ["", "simpan"], "--resume")
    assert listed.exit_code == 0, listed.output
    assert f"1. {first}" in listed.output and f"2. {second}" in listed.output
    fresh = assess(criteria_file, data, [])  # the welcome counts the open drafts
    assert "2 draf belum selesai" in fresh.output, fresh.output
    assert "Traceback" not in listed.output + fresh.output


@pytest.mark.parametrize("args", [[], ["--resume"], ["--resume", "ID"]])
def test_the_drafts_folder_is_read_once(
    criteria_file: Path, data: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from ekspor_cli.cli import draft_store

    assess(criteria_file, data, [*PROFILE, *ANSWERS[:2]])
    assess(criteria_file, data, ["UD Sejahtera", *PROFILE[1:], "2"])
    (draft, *_) = drafts(data)
    files = sorted((data / "drafts").glob("*.json"))
    reads: list[Path] = []
    real_read = draft_store._read

    def counted(path: Path) -> tuple[Any, int]:
        reads.append(path)
        return real_read(path)

    monkeypatch.setattr(draft_store, "_read", counted)
    args = [draft["id"][:8] if a == "ID" else a for a in args]
    result = assess(criteria_file, data, ["", "simpan"], *args)
    assert "Traceback" not in result.output
    assert sorted(reads) == files  # each file once


def test_save_and_quit_keeps_the_draft(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, "1", "simpan"])
    assert result.exit_code == 0
    (draft,) = drafts(data)
    assert f"Lanjutkan nanti dengan: ekspor assess --resume --data-dir {data}" in result.output
    assert draft["answers"] == {"sektor": "pangan"} and draft["position"] == "q:nib"


def test_hidden_answer_is_kept_in_the_draft_but_not_exported(
    criteria_file: Path, data: Path
) -> None:
    lines = [*PROFILE, "1", "ya", "md", "<", "<", "<", "2", "", *ANSWERS[3:], ""]
    result = assess(criteria_file, data, lines)
    assert result.exit_code == 0, result.output
    doc = only_result(data)
    assert "izin_edar" not in doc["answers"]
    skipped = next(q for q in doc["questions"] if q["key"] == "izin_edar")
    assert skipped["status"] == "skipped" and skipped["answer"] is None
    (draft,) = drafts(data)
    assert draft["answers"]["izin_edar"] == "md"


def test_evidence_is_asked_and_exported(tmp_path: Path, data: Path) -> None:
    path = tmp_path / "evidence.yaml"
    path.write_text(
        MINI.replace('aliases: ["NIB"]', 'aliases: ["NIB"]\n        evidence: true'),
        encoding="utf-8",
    )
    lines = [*PROFILE, "1", "ya", "", "md", *ANSWERS[3:], ""]
    result = assess(path, data, lines, "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 0, result.output
    assert "Dokumennya sudah dilihat langsung? (ya/tidak, Enter = tidak)" in result.output
    assert "dokumen belum dilihat" in result.output
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert doc["documents_seen"] == {"nib": False}
    assert without_run_details(doc) == without_run_details(only_result(data))


def test_output_markdown(criteria_file: Path, data: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan.md"
    result = assess(criteria_file, data, [*PROFILE, *ANSWERS, ""], "--output", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Laporan Kesiapan Ekspor") and "CV Maju" in text
    assert f"Disimpan: {out}" in result.output.replace("\n", "")


def test_english_switches_messages_and_criteria_texts(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, "maybe", *ANSWERS, ""], "--lang", "en")
    assert result.exit_code == 0, result.output
    for text in (
        "Interview · Mini (v1)",
        "Business profile · 1/9",
        "Section 1/2 · Question 1/8",
        "Processed food",
        "Supply continuity",
        "is not one of the choices",
        "Review of answers",
        "Export Readiness Report",
    ):
        assert text in result.output, text
    for text in ("Pertanyaan", "Bagian", "Ringkasan", "Pangan olahan"):
        assert text not in result.output, text


def test_changed_criteria_are_announced_and_only_changed_answers_re_asked(
    criteria_file: Path, data: Path
) -> None:
    assess(criteria_file, data, [*PROFILE, "1", "ya", "md", "2000"])
    criteria_file.write_text(
        MINI.replace('version: "1"', 'version: "2"')
        .replace("max: 5\n", "max: 10\n")
        .replace(
            "- {key: kayu, label: {id: Kayu, en: Wood}, points: 1}",
            "- {key: kayu, label: {id: Kayu, en: Wood}, points: 1}\n"
            "          - {key: kopi, label: {id: Kopi}, points: 1}",
        ),
        encoding="utf-8",
    )
    result = assess(criteria_file, data, ["simpan"], "--resume")
    assert "Kriteria sudah berubah sejak draf ini dimulai (versi 1 → 2)" in result.output
    assert "Ditanyakan ulang karena pertanyaannya berubah: sektor" in result.output
    assert "Bagian 1/2 · Pertanyaan 1/" in result.output  # sektor is asked again first
    (draft,) = drafts(data)
    assert set(draft["answers"]) == {"nib", "izin_edar", "kapasitas"}
    assert draft["superseded_answers"] == {"sektor": "pangan"}  # never lost, only set aside
    assert draft["criteria"]["version"] == "2"


def test_resume_finds_moved_criteria_only_when_told(
    criteria_file: Path, data: Path, tmp_path: Path
) -> None:
    assess(criteria_file, data, [*PROFILE, "1"])
    moved = tmp_path / "elsewhere.yaml"
    criteria_file.rename(moved)
    lost = CliRunner().invoke(
        app,
        ["assess", "--resume", "--data-dir", str(data)],
        input="simpan\n",
        env={"EKSPOR_CRITERIA": None},
    )
    assert lost.exit_code == 2 and "which is no longer there" in lost.output
    assert "--criteria PATH" in lost.output
    found = assess(moved, data, ["simpan"], "--resume")
    assert found.exit_code == 0, found.output
    (draft,) = drafts(data)
    assert draft["criteria"]["path"] == str(moved.resolve())


def test_officer_name_is_offered_from_the_last_interview(criteria_file: Path, data: Path) -> None:
    assess(criteria_file, data, [*PROFILE, "simpan"])
    result = assess(criteria_file, data, ["UD Baru", *[""] * 8, "simpan"])
    assert "Petugas · Enter = Pak Budi" in result.output
    by_name = {d["profile"]["business_name"]: d for d in drafts(data)}
    assert by_name["UD Baru"]["profile"]["officer"] == "Pak Budi"


def test_lompat_alone_shows_the_numbers(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, "1", "lompat", "", "simpan"])
    assert "Ringkasan jawaban" in result.output and "Enter untuk lanjut" in result.output
    assert "Bagian 1/2 · Pertanyaan 2/9" in result.output.split("Ringkasan jawaban")[1]


def test_unwritable_data_folder_fails_before_the_interview(
    criteria_file: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = assess(criteria_file, blocker / "data", [*PROFILE])
    assert result.exit_code == 2
    assert "cannot keep drafts in" in result.output and "--data-dir" in result.output
    assert "Nama usaha" not in result.output


def test_input_that_is_not_utf8_is_one_clear_error(criteria_file: Path, data: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["assess", "-c", str(criteria_file), "--data-dir", str(data)],
        input=b"CV Caf\xe9\n",
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 2
    assert "not UTF-8" in result.output and "Traceback" not in result.output


def test_help_lists_assess() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert "assess" in result.output
    result = CliRunner().invoke(app, ["assess", "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0 and "--resume" in result.output and "--data-dir" in result.output


# --- the bundled criteria, end to end ---------------------------------------------------


def typed_lines(example: Path) -> tuple[list[str], dict[str, object]]:
    """The lines an officer would type for an example answers file, in interview order."""
    criteria = load_bundled_criteria()
    parsed = parse_answer_file(example.read_text(encoding="utf-8"), str(example))
    reader = AnswerReader(criteria)
    iv = Interview(criteria)
    lines = [*PROFILE]
    for _ in PROFILE:
        iv.set_profile(iv.current.key, "x")  # type: ignore[union-attr]
    while iv.current is not None:
        key = iv.current.key
        raw = parsed.answers.get(key)
        if raw is None:
            lines.append("lewati")
            iv.skip()
            continue
        text = ", ".join(raw) if isinstance(raw, list) else str(raw)
        reading = reader.read_detail(key, split_multi(text) if isinstance(raw, list) else text)
        lines.append(text)
        if reading.note:
            lines.append("")  # confirm the Indonesian reading of 1.500
        if iv.needs_evidence(iv.current, reading.value):
            lines.append("ya")
        iv.answer(reading.value)
    lines.append("")
    return lines, iv.scoring_values()


@pytest.mark.parametrize("name", ["cabai-kering-rumahan", "mebel-tanpa-svlk"])
def test_bundled_criteria_interview_matches_ekspor_score(tmp_path: Path, name: str) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / f"{name}.yaml"
    if not example.is_file():
        pytest.skip("examples are not part of this checkout")
    lines, values = typed_lines(example)
    result = CliRunner().invoke(
        app,
        ["assess", "--data-dir", str(tmp_path)],
        input="".join(f"{line}\n" for line in lines),
        env={"COLUMNS": "80", "EKSPOR_CRITERIA": None, "EKSPOR_LANG": None},
    )
    assert result.exit_code == 0, result.output[-2000:]
    doc = only_result(tmp_path)
    expected = score_values(load_bundled_criteria(), values).to_dict()
    assert doc["score"] == expected["score"] and doc["level"] == expected["level"]
    assert doc["questions"] == expected["questions"]
    scored = CliRunner().invoke(
        app, ["score", str(example), "--json"], env={"EKSPOR_CRITERIA": None}
    )
    assert json.loads(scored.output)["score"] == doc["score"]


# --- options and bad input not covered above ----------------------------------------------


def _copy_draft_as(data: Path, source: dict[str, Any], draft_id: str) -> None:
    copy = {**source, "id": draft_id}
    path = data / "drafts" / f"{draft_id}.json"
    path.write_text(json.dumps(copy), encoding="utf-8")


def test_resume_with_an_ambiguous_id_asks_for_more_characters(
    criteria_file: Path, data: Path
) -> None:
    assess(criteria_file, data, [*PROFILE, "1", "simpan"])
    (original,) = drafts(data)
    _copy_draft_as(data, original, "abcd1111" + "0" * 24)
    _copy_draft_as(data, original, "abcd2222" + "0" * 24)
    result = assess(criteria_file, data, ["simpan"], "--resume", "abcd")
    assert result.exit_code == 2
    assert "'abcd' matches 2 drafts" in result.output
    assert "type more characters of the draft id" in result.output
    assert "Traceback" not in result.output
    chosen = assess(criteria_file, data, ["simpan"], "--resume", "abcd2")
    assert chosen.exit_code == 0 and "Melanjutkan draf abcd2222" in chosen.output


def test_picking_a_draft_re_asks_a_number_out_of_range(criteria_file: Path, data: Path) -> None:
    assess(criteria_file, data, [*PROFILE, "simpan"])
    assess(criteria_file, data, ["UD Sejahtera", *PROFILE[1:], "simpan"])
    result = assess(criteria_file, data, ["9", "dua", "2", "simpan"], "--resume")
    assert result.exit_code == 0, result.output
    assert result.output.count("Ketik nomor 1 sampai 2.") == 2
    assert "Melanjutkan draf" in result.output and "CV Maju" in result.output


def test_unwritable_output_still_shows_and_stores_the_result(
    criteria_file: Path, data: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "laporan.md"
    result = assess(criteria_file, data, [*PROFILE, *ANSWERS, ""], "-o", str(out))
    assert result.exit_code == 2
    assert "Laporan Kesiapan Ekspor" in result.output  # the officer sees the result first
    assert f"Laporan tidak ditulis ke {out}" in result.output.replace("\n", "")
    assert only_result(data)["answers"] == EXPECTED
    assert not out.exists() and "Traceback" not in result.output


def test_output_html(criteria_file: Path, data: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan.html"
    result = assess(criteria_file, data, [*PROFILE, *ANSWERS, ""], "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html") and "CV Maju" in text


def test_english_review_screen(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, *ANSWERS, ""], "--lang", "en")
    assert result.exit_code == 0, result.output
    review = result.output.split("Review of answers")[1].split("Export Readiness Report")[0]
    for text in (
        "9 answered · 0 don't know · 0 skipped · 0 open",
        "Business profile",
        "Business name",
        "Provisional score: 100.0 / 100",
        "Number to change (e.g. 7, P2) · Enter to finish & see the result:",
    ):
        assert text in review, text
    for text in ("dijawab", "Skor sementara", "Nomor untuk mengubah", "Nama usaha"):
        assert text not in review, text


def test_a_new_interview_mentions_the_unfinished_drafts(criteria_file: Path, data: Path) -> None:
    first = assess(criteria_file, data, [])
    assert "draf belum selesai" not in " ".join(first.output.split())
    assess(criteria_file, data, [*PROFILE, "simpan"])  # saved, not finished
    again = assess(criteria_file, data, ["simpan"])
    shown = " ".join(again.output.split())
    assert "Ada 1 draf belum selesai; lanjutkan dengan: ekspor assess --resume" in shown


def test_how_long_ago_a_draft_changed_reads_a_stamp_without_offset_as_local_time() -> None:
    from datetime import datetime, timedelta

    from ekspor_cli.cli.ui_text import ago

    two_hours = (datetime.now() - timedelta(hours=2, minutes=1)).isoformat()  # hand-edited
    now = datetime.now().astimezone().isoformat()
    assert ago(two_hours, now, "id") == "2 jam lalu"
    assert ago(two_hours, now, "en") == "2 hours ago"
    assert ago("kemarin", now, "id") == "kemarin"  # unreadable: shown as written


# --- every interview message, triggered once --------------------------------------------


def flat(text: str) -> str:
    """``text`` with every run of whitespace one space: messages wrap at 80 columns."""
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("lines", "lang", "message"),
    [
        (["?"], "id", "masukan berakhir sebelum ada jawaban; tidak ada yang disimpan"),
        (["<"], "en", "input ended before any answer; nothing was saved"),
    ],
)
def test_input_ending_before_the_first_answer_says_nothing_was_saved(
    criteria_file: Path, data: Path, lines: list[str], lang: str, message: str
) -> None:
    # Ending at once is "no input" (above); a command read, then the end, is this one.
    result = assess(criteria_file, data, lines, "--lang", lang)
    assert result.exit_code == 2
    assert f"error: {message}" in result.output
    assert "ekspor assess --resume" not in result.output  # nothing to resume
    assert drafts(data) == []
    assert "Traceback" not in result.output


def test_input_ending_while_picking_a_draft_says_nothing_was_saved(
    criteria_file: Path, data: Path
) -> None:
    assess(criteria_file, data, [*PROFILE, "simpan"])
    assess(criteria_file, data, ["UD Sejahtera", *PROFILE[1:], "simpan"])
    before = sorted(d["updated"] for d in drafts(data))
    result = assess(criteria_file, data, ["9"], "--resume")
    assert result.exit_code == 2
    assert "Ketik nomor 1 sampai 2." in result.output
    assert "masukan berakhir sebelum ada jawaban; tidak ada yang disimpan" in result.output
    assert sorted(d["updated"] for d in drafts(data)) == before


def test_resuming_with_criteria_of_another_id_is_refused(
    criteria_file: Path, data: Path, tmp_path: Path
) -> None:
    assess(criteria_file, data, [*PROFILE, "1"])
    (path,) = (data / "drafts").glob("*.json")
    saved = path.read_bytes()
    other = tmp_path / "lain.yaml"
    other.write_text(MINI.replace("id: mini", "id: lain"), encoding="utf-8")
    result = assess(other, data, ["simpan"], "--resume")
    short = path.stem[:8]
    assert result.exit_code == 2
    assert f"error: draft {short} was started with criteria 'mini', not 'lain'" in result.output
    assert "continue it with the 'mini' criteria file (--criteria PATH)" in result.output
    assert "Melanjutkan draf" not in result.output
    assert path.read_bytes() == saved  # the draft keeps its own criteria file
    assert "Traceback" not in result.output


NEW_QUESTION = (
    "      - key: catatan",
    "      - key: sertifikat\n"
    "        type: yes_no\n"
    "        label: {id: Punya sertifikat?, en: Has a certificate?}\n"
    "      - key: catatan",
)


def _changed_mini(*edits: tuple[str, str]) -> str:
    text = MINI
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_resume_names_new_questions_and_keeps_every_answer(criteria_file: Path, data: Path) -> None:
    assess(criteria_file, data, [*PROFILE, "1", "ya"])
    criteria_file.write_text(
        _changed_mini(('version: "1"', 'version: "2"'), NEW_QUESTION), encoding="utf-8"
    )
    result = assess(criteria_file, data, ["simpan"], "--resume")
    assert result.exit_code == 0, result.output
    assert "Kriteria sudah berubah sejak draf ini dimulai (versi 1 → 2)." in result.output
    assert "Pertanyaan baru: sertifikat" in result.output
    assert "Semua jawaban tetap berlaku." in result.output
    assert "Jawaban dibuang" not in result.output
    assert "Bagian 1/2 · Pertanyaan 3/10" in result.output  # carries on where it stopped
    (draft,) = drafts(data)
    assert draft["answers"] == {"sektor": "pangan", "nib": True}
    assert draft["superseded_answers"] == {}
    assert "sertifikat" in draft["criteria"]["questions"]


def test_resume_names_the_answers_of_removed_questions(criteria_file: Path, data: Path) -> None:
    assess(criteria_file, data, [*PROFILE, "1", "ya"])
    start, end = MINI.index("      - key: nib\n"), MINI.index("      - key: izin_edar\n")
    criteria_file.write_text(MINI[:start] + MINI[end:], encoding="utf-8")
    result = assess(criteria_file, data, ["simpan"], "--resume")
    assert result.exit_code == 0, result.output
    assert "Jawaban dibuang karena pertanyaannya dihapus: nib" in result.output
    assert "Semua jawaban tetap berlaku" not in result.output
    assert "Pertanyaan baru" not in result.output
    (draft,) = drafts(data)
    assert draft["answers"] == {"sektor": "pangan"}
    assert draft["superseded_answers"] == {"nib": True}  # set aside, not lost


def test_resume_in_english_says_all_answers_still_apply(criteria_file: Path, data: Path) -> None:
    assess(criteria_file, data, [*PROFILE, "1", "ya"])
    criteria_file.write_text(
        _changed_mini(('version: "1"', 'version: "2"'), ("Punya NIB?", "Sudah punya NIB?")),
        encoding="utf-8",
    )
    result = assess(criteria_file, data, ["simpan"], "--resume", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "The criteria have changed since this draft was started (version 1 → 2)." in (
        result.output
    )
    assert "All answers still apply." in result.output
    assert "New questions" not in result.output and "Answers dropped" not in result.output
    (draft,) = drafts(data)
    assert draft["answers"] == {"sektor": "pangan", "nib": True}


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("id", "Dihentikan. Belum ada jawaban baru; tidak ada yang hilang."),
        ("en", "Stopped. No new answers; nothing was lost."),
    ],
)
def test_save_and_quit_before_any_answer(
    criteria_file: Path, data: Path, lang: str, message: str
) -> None:
    result = assess(criteria_file, data, ["simpan"], "--lang", lang)
    assert result.exit_code == 0
    assert message in result.output
    assert "--resume" not in result.output.split(message)[1]
    assert drafts(data) == []


def test_ctrl_c_before_any_answer_says_nothing_was_lost(
    criteria_file: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*_args: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupt)
    result = assess(criteria_file, data, [])
    assert result.exit_code == 130
    assert "Dihentikan. Belum ada jawaban baru; tidak ada yang hilang." in result.output
    assert drafts(data) == []
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("lang", "message"),
    [("id", "Ini pertanyaan pertama."), ("en", "This is the first question.")],
)
def test_back_at_the_first_step_says_so_and_stays(
    criteria_file: Path, data: Path, lang: str, message: str
) -> None:
    result = assess(criteria_file, data, ["<", "CV Maju", "simpan"], "--lang", lang)
    assert result.exit_code == 0, result.output
    assert f"> <\n{message}\n> CV Maju" in result.output  # asked again, same step
    (draft,) = drafts(data)
    assert draft["profile"]["business_name"] == "CV Maju"


def test_a_required_profile_field_cannot_be_skipped(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, ["lewati", "CV Maju", "simpan"])
    assert result.exit_code == 0, result.output
    assert "> lewati\nPertanyaan ini wajib dijawab; tidak bisa dilewati.\n> CV Maju" in (
        result.output
    )
    (draft,) = drafts(data)
    assert draft["profile"]["business_name"] == "CV Maju"


def test_a_required_question_cannot_be_skipped(tmp_path: Path, data: Path) -> None:
    path = tmp_path / "required.yaml"
    path.write_text(
        _changed_mini(('aliases: ["NIB"]', 'aliases: ["NIB"]\n        required: true')),
        encoding="utf-8",
    )
    result = assess(path, data, [*PROFILE, "1", "skip", "yes", "simpan"], "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "> skip\nThis question is required; it cannot be skipped.\n> yes" in result.output
    (draft,) = drafts(data)
    assert draft["answers"] == {"sektor": "pangan", "nib": True} and draft["skipped"] == []


@pytest.mark.parametrize(
    ("lang", "command", "message"),
    [
        ("id", "selesai", "Perintah itu tidak berlaku di sini."),
        ("en", "finish", "That command does not apply here."),
    ],
)
def test_finish_at_a_question_does_not_apply(
    criteria_file: Path, data: Path, lang: str, command: str, message: str
) -> None:
    result = assess(criteria_file, data, [*PROFILE, command, "1", "simpan"], "--lang", lang)
    assert result.exit_code == 0, result.output
    assert f"> {command}\n{message}\n> 1" in result.output
    assert "Ringkasan jawaban" not in result.output and "Review of answers" not in result.output
    (draft,) = drafts(data)
    assert draft["answers"] == {"sektor": "pangan"}


@pytest.mark.parametrize(
    ("lang", "command", "message"),
    [
        ("id", "lompat 99", "Tidak ada nomor '99'. Lihat nomor di ringkasan (ketik: ringkasan)."),
        ("en", "goto 99", "There is no number '99'. See the numbers in the review (type: review)."),
    ],
)
def test_jump_to_a_missing_number_is_re_asked(
    criteria_file: Path, data: Path, lang: str, command: str, message: str
) -> None:
    result = assess(criteria_file, data, [*PROFILE, command, "1", "simpan"], "--lang", lang)
    assert result.exit_code == 0, result.output
    assert f"> {command}\n{message}\n> 1" in result.output  # the same question again
    (draft,) = drafts(data)
    assert draft["answers"] == {"sektor": "pangan"} and draft["position"] == "q:nib"


def test_a_missing_number_at_the_review_is_re_asked(criteria_file: Path, data: Path) -> None:
    result = assess(criteria_file, data, [*PROFILE, "ringkasan", "99", "lompat", "", "simpan"])
    assert result.exit_code == 0, result.output
    review = result.output.split("Ringkasan jawaban")[1]
    prompt = "Nomor untuk mengubah (mis. 7, P2) · Enter untuk lanjut: "
    assert f"{prompt}99\nTidak ada nomor '99'." in review
    # `lompat` without a number at the review itself: what it prints today (see the report:
    # an empty number and "type: ringkasan" while the review is on screen).
    assert f"{prompt}lompat\nTidak ada nomor ''." in review
    assert review.count(prompt) == 3  # re-asked after each, Enter then continues
    assert "Bagian 1/2 · Pertanyaan 1/8" in review


@pytest.mark.parametrize(
    ("lang", "answers", "problem", "prompt"),
    [
        ("id", ["ya", "mungkin", "ya"], "ya / tidak", "Dokumennya sudah dilihat langsung?"),
        ("en", ["yes", "maybe", "yes"], "yes / no", "Was the document actually seen?"),
    ],
)
def test_an_evidence_answer_that_is_not_yes_or_no_is_re_asked(
    tmp_path: Path, data: Path, lang: str, answers: list[str], problem: str, prompt: str
) -> None:
    path = tmp_path / "evidence.yaml"
    path.write_text(
        _changed_mini(('aliases: ["NIB"]', 'aliases: ["NIB"]\n        evidence: true')),
        encoding="utf-8",
    )
    result = assess(path, data, [*PROFILE, "1", *answers, "simpan"], "--lang", lang)
    assert result.exit_code == 0, result.output
    assert f" {answers[1]}\n{problem}\n{prompt}" in result.output
    assert result.output.count(prompt) == 2
    (draft,) = drafts(data)
    assert draft["answers"]["nib"] is True and draft["evidence"] == {"nib": True}


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("id", "Tidak ada penjelasan tambahan untuk pertanyaan ini."),
        ("en", "No extra help for this question."),
    ],
)
def test_help_on_a_question_without_help(
    criteria_file: Path, data: Path, lang: str, message: str
) -> None:
    result = assess(criteria_file, data, [*PROFILE, "?", "1", "simpan"], "--lang", lang)
    assert result.exit_code == 0, result.output
    after = result.output.split("> ?\n")[1]
    commands = "Commands:" if lang == "en" else "Perintah:"
    assert flat(after).startswith(f"{message} {commands}")  # then the same question again
    assert "\n> 1\n" in after
    (draft,) = drafts(data)
    assert draft["answers"] == {"sektor": "pangan"}


def _drafts_cannot_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every draft write fails as a read-only folder would (root ignores chmod); results
    and reports are still written.  The real atomic write turns the OSError into its
    OutputError."""
    from ekspor_cli import atomic

    real = atomic.tempfile.mkstemp

    def mkstemp(*args: Any, dir: Path, **kwargs: Any) -> tuple[int, str]:
        if Path(dir).name == "drafts":
            raise PermissionError(13, "Permission denied")
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize(
    ("lang", "warning", "memory"),
    [
        (
            "id",
            "PERINGATAN: draf tidak dapat disimpan (cannot write in",
            "Jawaban masih ada di memori; jangan tutup program.",
        ),
        (
            "en",
            "WARNING: the draft could not be saved (cannot write in",
            "Answers are still in memory; do not close the program.",
        ),
    ],
)
def test_a_draft_that_cannot_be_saved_is_warned_about_once(
    criteria_file: Path,
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    warning: str,
    memory: str,
) -> None:
    _drafts_cannot_be_written(monkeypatch)
    result = assess(criteria_file, data, [*PROFILE, "1", "ya", "simpan"], "--lang", lang)
    shown = flat(result.output)
    assert warning in shown and memory in shown
    path_shown = f"{warning}{data / 'drafts'}:Permissiondenied).{memory}"
    assert "".join(path_shown.split()) in "".join(shown.split())  # long paths fold anywhere
    assert shown.count(warning) == 1  # said once, not after each of the 11 failed saves
    assert shown.index(warning) < shown.index("> Bu Sri")  # at the first answer
    assert "Pertanyaan 3/9" in shown or "Question 3/9" in shown  # the interview went on
    assert drafts(data) == []
    assert "Traceback" not in result.output


def test_the_save_warning_shows_a_folder_name_with_brackets(
    criteria_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "[kantor]" / "data"
    _drafts_cannot_be_written(monkeypatch)
    result = assess(criteria_file, data, [*PROFILE[:1], "simpan"])
    assert "PERINGATAN: draf tidak dapat disimpan" in result.output
    warning = "".join(result.output.split()).split("PERINGATAN:")[1]  # the warning itself
    assert "".join(f"cannot write in {data / 'drafts'}".split()) in warning.split("Jawaban")[0]


@pytest.mark.parametrize(
    ("last", "claim"),
    [(["simpan"], "Draf disimpan"), ([], "tersimpan di draf")],
    ids=["save-and-quit", "end-of-input"],
)
def test_answers_that_could_not_be_saved_are_not_said_to_be_saved(
    criteria_file: Path,
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
    last: list[str],
    claim: str,
) -> None:
    _drafts_cannot_be_written(monkeypatch)
    result = assess(criteria_file, data, [*PROFILE, "1", "ya", *last])
    assert "PERINGATAN: draf tidak dapat disimpan" in result.output
    assert drafts(data) == []
    assert claim not in flat(result.output)
    assert "jawaban terakhir TIDAK tersimpan: draf tidak dapat ditulis" in flat(result.output)


def _padded_draft(data: Path, size: int) -> bytes:
    """The one draft in ``data`` as valid JSON padded with spaces to ``size`` bytes."""
    (path,) = (data / "drafts").glob("*.json")
    text = path.read_bytes()
    return text + b" " * (size - len(text))


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("id", "Peringatan: 3 file draf tidak dapat dibaca dan dilewati:"),
        ("en", "Warning: 3 draft file(s) could not be read and were skipped:"),
    ],
)
def test_too_large_and_unreadable_draft_files_are_skipped(
    criteria_file: Path, data: Path, lang: str, warning: str
) -> None:
    from ekspor_cli.cli.draft_store import MAX_DRAFT_BYTES

    assess(criteria_file, data, [*PROFILE, "1", "simpan"])
    folder = data / "drafts"
    (folder / "huge.json").write_bytes(_padded_draft(data, MAX_DRAFT_BYTES + 1))
    (folder / "latin1.json").write_bytes(b'{"format": "caf\xe9"}')
    (folder / "folder.json").mkdir()
    result = assess(criteria_file, data, ["simpan"], "--resume", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert f"{warning} folder.json, huge.json, latin1.json" in flat(result.output)
    assert "CV Maju" in result.output  # the good draft is resumed


def test_why_a_draft_file_is_skipped(criteria_file: Path, data: Path) -> None:
    from ekspor_cli.cli import draft_store
    from ekspor_cli.drafts import DraftError

    assess(criteria_file, data, [*PROFILE, "1", "simpan"])
    folder = data / "drafts"
    at_limit = _padded_draft(data, draft_store.MAX_DRAFT_BYTES)
    limit = folder / "limit.json"
    limit.write_bytes(at_limit)
    huge = folder / "huge.json"
    huge.write_bytes(at_limit + b" ")
    latin1 = folder / "latin1.json"
    latin1.write_bytes(b'{"format": "caf\xe9"}')
    directory = folder / "folder.json"
    directory.mkdir()
    draft, _changed = draft_store._read(limit)  # exactly at the limit: still a draft
    assert draft.business_name == "CV Maju"
    with pytest.raises(DraftError, match="too large to be an ekspor draft") as err:
        draft_store._read(huge)
    assert err.value.message == f"{huge}: too large to be an ekspor draft"
    with pytest.raises(DraftError, match=r"cannot be read \(UnicodeDecodeError\)") as err:
        draft_store._read(latin1)
    assert "the other drafts are not affected" in str(err.value.hint)
    with pytest.raises(DraftError, match=r"cannot be read \((IsADirectory|Permission)Error\)"):
        draft_store._read(directory)
    found, broken = draft_store.DraftStore(data).all()
    assert sorted(p.name for p in broken) == ["folder.json", "huge.json", "latin1.json"]
    assert len(found) == 2  # the draft and its copy at the limit
