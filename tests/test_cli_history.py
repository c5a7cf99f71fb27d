"""The history commands through Typer's runner: output and documented exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ekspor_cli.cli.app import app

from .conftest import MINI

runner = CliRunner()

VISITS = [
    (
        "a1.yaml",
        "profile: {business_name: 'CV Kopi Gayo', city: Takengon, officer: Ani, date: 10-01-2026}\n"
        "answers: {sektor: pangan, nib: tidak, izin_edar: pirt, kapasitas: 100,"
        " volume_pembeli: 1000, subkontrak: tidak}\n",
    ),
    (
        "a2.yaml",
        "profile: {business_name: 'Kopi Gayo', city: Takengon, officer: Budi, nib: '8120001234567',"
        " date: 2026-03-10}\n"
        "answers: {sektor: pangan, nib: ya, izin_edar: pirt, kapasitas: 600, volume_pembeli: 1000,"
        " subkontrak: ya, mutu: 4, pemasok: petani}\n",
    ),
    (
        "b1.yaml",
        "profile: {business_name: '<script>x</script> Batik', city: Solo, officer: Ani,"
        " date: 2026-02-01}\n"
        "answers: {sektor: kayu, nib: ya, kapasitas: 2000, volume_pembeli: 1000, subkontrak: ya,"
        " mutu: 5, pemasok: [petani, pasar]}\n",
    ),
]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EKSPOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("EKSPOR_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    (tmp_path / "mini.yaml").write_text(MINI, encoding="utf-8")
    for name, text in VISITS:
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def ekspor(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def saved(env: Path) -> list[str]:
    ids = []
    for name, _ in VISITS:
        code, out = ekspor("score", "-c", "mini.yaml", name, "--save", "--json")
        assert code == 0, out
        ids.append(json.loads(out)["assessment_id"])
    return ids


def test_score_save_prints_where_and_the_id(env: Path) -> None:
    code, out = ekspor("score", "-c", "mini.yaml", "a1.yaml", "--save")
    assert code == 0, out
    assert "history.db (ID " in out
    assert (env / "data" / "history.db").exists()


def test_score_save_with_db_option_and_html_output(env: Path) -> None:
    code, out = ekspor(
        "score", "-c", "mini.yaml", "a1.yaml", "--save", "--db", "elsewhere.db", "-o", "r.html"
    )
    assert code == 0, out
    assert (env / "elsewhere.db").exists() and not (env / "data").exists()
    html = (env / "r.html").read_text(encoding="utf-8")
    assert "Rencana aksi" in html and "ID penilaian" in html


def test_list_on_a_fresh_laptop_is_empty_not_an_error(env: Path) -> None:
    code, out = ekspor("list")
    assert code == 0
    assert "Belum ada penilaian tersimpan" in out and "does not exist" in out
    assert not (env / "data").exists()  # reading creates nothing


def test_list_filters_and_json(env: Path) -> None:
    ids = saved(env)
    code, out = ekspor("list")
    assert code == 0
    lines = out.splitlines()
    assert [line[:8] for line in lines[1:4]] == [ids[1][:8], ids[2][:8], ids[0][:8]]
    assert "3 penilaian" in out and "<script>x</script> Batik" in out
    code, out = ekspor("list", "--officer", "ani", "--json")
    assert code == 0
    assert {row["id"] for row in json.loads(out)} == {ids[0], ids[2]}
    code, out = ekspor("list", "--business", "8120001234567", "--json", "--lang", "en")
    rows = json.loads(out)
    assert {row["id"] for row in rows} == {ids[0], ids[1]}  # linked by NIB
    assert {row["level_label"] for row in rows} <= {"Low", "Medium", "High"}
    code, out = ekspor("list", "--since", "2026-02-01", "--until", "28-02-2026", "--json")
    assert [row["id"] for row in json.loads(out)] == [ids[2]]
    code, out = ekspor("list", "--level", "tinggi", "-n", "1", "--json")
    assert [row["id"] for row in json.loads(out)] == [ids[2]]


def test_list_limit_counts_only_rows_the_officer_filter_keeps(env: Path) -> None:
    """Newest first: Budi's newer visit is passed over, not counted against -n."""
    ids = saved(env)
    code, out = ekspor("list", "--officer", "ani", "-n", "1", "--json")
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == [ids[2]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--since", "Maret"), "--since 'Maret' is not a date"),
        (("list", "--since", "2026-03-01", "--until", "2026-01-01"), "is after --until"),
        (("show", "zz"), "'zz' is not an assessment ID"),
        (("show", "0000aaaa"), "no assessment with ID '0000aaaa'"),
        (("progress", "nobody"), "no saved business matches 'nobody'"),
        (("cohort", "--until", "31/31/2026"), "is not a date"),
        (("cohort", "--since", "2026-03-01", "--until", "2026-01-01"), "is after --until"),
        (("export", "-o", "x.csv", "--since", "kemarin"), "is not a date"),
        (("import", "missing.jsonl"), "missing.jsonl: cannot read"),
    ],
)
def test_user_errors_exit_2_with_one_clear_message(
    env: Path, args: tuple[str, ...], message: str
) -> None:
    saved(env)
    code, out = ekspor(*args)
    assert code == 2, out
    assert message in out and out.count("error:") == 1


def test_businesses(env: Path) -> None:
    saved(env)
    code, out = ekspor("businesses")
    assert code == 0 and "2 usaha" in out and "nib:8120001234567" in out
    code, out = ekspor("businesses", "--json")
    data = {b["key"]: b for b in json.loads(out)}
    assert data["nib:8120001234567"]["assessments"] == 2
    assert data["nib:8120001234567"]["first_on"] == "2026-01-10"


def test_show_in_every_format(env: Path) -> None:
    ids = saved(env)
    code, out = ekspor("show", ids[0][:8], "--lang", "en")
    assert code == 0 and "Export Readiness Report" in out and "Action plan" in out
    code, out = ekspor("show", ids[0][:8], "--format", "md")
    assert code == 0 and out.startswith("# Laporan Kesiapan Ekspor")
    assert ids[0] in out  # the assessment ID is part of the profile
    code, out = ekspor("show", ids[2], "-f", "json")
    data = json.loads(out)
    assert data["profile"]["assessment_id"] == ids[2] and "action_plan" in data
    code, out = ekspor("show", ids[2], "-o", "laporan.html")
    assert code == 0 and "laporan.html" in out
    html = (env / "laporan.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;x&lt;/script&gt; Batik" in html and "<script>" not in html
    code, out = ekspor("show", ids[2], "-o", "laporan.txt")
    assert code == 0
    text = (env / "laporan.txt").read_text(encoding="utf-8")
    assert "Laporan Kesiapan Ekspor" in text and "\x1b[" not in text


def test_show_rerenders_after_the_criteria_file_changed(env: Path) -> None:
    ids = saved(env)
    _, before = ekspor("show", ids[0], "-f", "md")
    (env / "mini.yaml").write_text(
        MINI.replace('version: "1"', 'version: "2"').replace("weight: 3\n", "weight: 1\n"),
        encoding="utf-8",
    )
    _, rescored = ekspor("score", "-c", "mini.yaml", "a1.yaml", "-o", "now.md")
    assert (env / "now.md").read_text(encoding="utf-8") != before
    code, after = ekspor("show", ids[0], "-f", "md")
    assert code == 0 and after == before and "mini v1" in after


def test_progress(env: Path) -> None:
    saved(env)
    code, out = ekspor("progress", "kopi gayo", "--lang", "en")
    assert code == 0, out
    assert "2026-01-10" in out and "2026-03-10" in out
    assert "Gaps closed since the first assessment" in out and "Has NIB?" in out
    assert "Still open" in out
    code, out = ekspor("progress", "8120001234567", "--json")
    data = json.loads(out)
    assert len(data["snapshots"]) == 2 and data["score_since_first"] > 0
    assert "nib" in {item["key"] for item in data["closed"]}


def test_progress_with_an_ambiguous_name(env: Path) -> None:
    saved(env)
    code, out = ekspor("score", "-c", "mini.yaml", "b1.yaml", "--save")
    (env / "c.yaml").write_text(
        "profile: {business_name: 'Kopi Gayo', city: Bener Meriah}\nanswers: {nib: ya}\n",
        encoding="utf-8",
    )
    ekspor("score", "-c", "mini.yaml", "c.yaml", "--save")
    code, out = ekspor("progress", "gayo")
    assert code == 2 and "matches 2 businesses" in out


def test_cohort(env: Path) -> None:
    saved(env)
    code, out = ekspor("cohort", "--lang", "en")
    assert code == 0, out
    assert "2 firms, 3 assessments (all time)" in out
    assert "Firms per level" in out and "Reached High in the period: 1" in out
    assert "Closest to the next level" in out
    code, out = ekspor("cohort", "--since", "2026-03-01", "--json")
    data = json.loads(out)
    assert data["firms"] == 1 and data["closest"][0]["business_key"] == "nib:8120001234567"


def test_import_is_idempotent_and_reports_conflicts(env: Path) -> None:
    from ekspor_cli.store import open_store
    from ekspor_cli.store.exchange import export_lines

    ids = saved(env)
    with open_store(env / "data" / "history.db") as store:
        (env / "a.jsonl").write_text("\n".join(export_lines(store)) + "\n", encoding="utf-8")
    code, out = ekspor("import", "a.jsonl", "--db", "b.db")
    assert code == 0 and "3 added, 0 already present, 0 conflict(s)" in out
    code, out = ekspor("import", "a.jsonl", "a.jsonl", "--db", "b.db")
    assert code == 0 and "0 added, 6 already present" in out
    conn = sqlite3.connect(str(env / "b.db"))
    conn.execute("UPDATE assessments SET content_sha256 = 'x' WHERE uuid = ?", (ids[0],))
    conn.commit()
    conn.close()
    code, out = ekspor("import", "a.jsonl", "--db", "b.db")
    assert code == 1
    assert f"conflict: a.jsonl:3: assessment {ids[0]}" in out and "kept the saved copy" in out
    (env / "bad.jsonl").write_text("{}\n", encoding="utf-8")
    code, out = ekspor("import", "bad.jsonl", "--db", "b.db")
    assert code == 2 and "bad.jsonl:1: not an ekspor export" in out


def test_a_locked_database_is_exit_2_and_a_message(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekspor_cli.store import connection

    ekspor("score", "-c", "mini.yaml", "a1.yaml", "--save")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(str(env / "data" / "history.db"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, out = ekspor("score", "-c", "mini.yaml", "a1.yaml", "--save")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2 and "is busy" in out and "nothing was changed" in out


def test_every_history_command_is_documented() -> None:
    root = Path(__file__).resolve().parents[1]
    guide = (root / "docs" / "history.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    for command in ("list", "show", "progress", "businesses", "cohort", "import", "export"):
        assert f"ekspor {command}" in guide, command
        assert f"ekspor {command}" in readme, command
    code, out = ekspor("--help")
    for command in ("list", "show", "progress", "businesses", "cohort", "import"):
        assert command in out


def _table(path: Path) -> list[dict[str, object]]:
    """An exported or batch-scored .csv/.xlsx as dicts, cells as the file holds them."""
    if path.suffix == ".csv":
        import csv

        return list(csv.DictReader(path.read_bytes().decode("utf-8-sig").splitlines()))
    from openpyxl import load_workbook

    header, *rows = load_workbook(path).active.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]  # type: ignore[arg-type]


def test_export_csv_xlsx_and_jsonl(env: Path) -> None:
    from ekspor_cli import load_criteria
    from ekspor_cli.batch import result_columns

    ids = saved(env)
    (env / "evil.yaml").write_text(
        "profile: {business_name: '=HYPERLINK(\"http://x\")', city: '-2+3'}\nanswers: {nib: ya}\n",
        encoding="utf-8",
    )
    ekspor("score", "-c", "mini.yaml", "evil.yaml", "--save")
    code, out = ekspor("export", "-o", "all.csv")
    assert code == 0 and "4 assessment(s)" in out
    raw = (env / "all.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the text as UTF-8
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == [
        "assessment_id",
        "assessed_on",
        "created_at",
        "profile_officer",
        "business_key",
        "profile_business_name",
        "profile_owner",
        "profile_nib",
        "profile_address",
        "profile_city",
        "profile_sector",
        "profile_contact",
        "profile_date",
        "source",
        "criteria_id",
        "criteria_version",
        *("sektor", "nib", "izin_edar", "kapasitas", "volume_pembeli", "subkontrak"),
        *("pemasok", "mutu", "catatan"),  # every question but the derived 'rasio'
        *result_columns(load_criteria(env / "mini.yaml")),  # the batch's, in its order
    ]
    rows = _table(env / "all.csv")
    assert [r["assessment_id"] for r in rows[:3]] == [ids[0], ids[2], ids[1]]  # oldest first
    first = rows[0]
    assert first["profile_officer"] == "Ani" and first["profile_nib"] == ""
    assert (first["nib"], first["kapasitas"], first["pemasok"]) == ("tidak", "100", "")
    assert rows[1]["pemasok"] == "petani; pasar"
    assert first["ekspor_knockouts"] == "nib; rasio" and first["ekspor_level"] == "rendah"
    evil = rows[3]
    assert evil["profile_business_name"].startswith("'=") and evil["profile_city"] == "'-2+3"
    code, out = ekspor("export", "-o", "tinggi.xlsx", "--level", "tinggi", "--lang", "en")
    assert code == 0 and "1 assessment(s)" in out
    (row,) = _table(env / "tinggi.xlsx")
    assert row["assessment_id"] == ids[2] and row["ekspor_level_label"] == "High"
    assert row["kapasitas"] == 2000 and row["ekspor_score"] == 100  # numbers, not text
    code, out = ekspor("export", "-o", "ani.jsonl", "--officer", "ani")
    assert code == 0 and "2 assessment(s)" in out
    kinds = [
        json.loads(line)["kind"] for line in (env / "ani.jsonl").read_text("utf-8").splitlines()
    ]
    assert kinds == ["ekspor-history", "criteria", "assessment", "assessment"]
    code, out = ekspor("export", "-o", "x.pdf")
    assert code == 2 and "unknown export format '.pdf'" in out
    code, out = ekspor("export", "-o", "x.dat", "--format", "jsonl")
    assert code == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_exported_table_scores_again_in_batch_to_the_same_results(
    env: Path, suffix: str
) -> None:
    """Answers are exported as batch cells, so `ekspor batch` re-reads exactly what was
    scored: no answer lost or misread (1.125 is not 1125, "tidak tahu" stays don't know,
    an empty multiple choice stays answered, a formula-like note is not a formula)."""
    from ekspor_cli import load_criteria
    from ekspor_cli.batch import result_columns

    saved(env)
    (env / "edge.yaml").write_text(
        "profile: {business_name: Edge, city: Kediri, officer: Cici, kecamatan: Pare}\n"
        "answers: {sektor: pangan, nib: tidak tahu, izin_edar: tidak_wajib, kapasitas: '1,125',"
        " volume_pembeli: '0,5', subkontrak: tidak, pemasok: [], mutu: 2,"
        " catatan: '=1+1; -x'}\n",
        encoding="utf-8",
    )
    code, out = ekspor("score", "-c", "mini.yaml", "edge.yaml", "--save")
    assert code == 0, out
    exported, rescored = env / f"export{suffix}", env / f"rescored{suffix}"
    assert ekspor("export", "-o", exported.name)[0] == 0
    code, out = ekspor("batch", "-c", "mini.yaml", exported.name, "-o", rescored.name)
    assert code == 0, out
    before, after = _table(exported), _table(rescored)
    assert len(before) == len(after) == 4
    edge = before[3]
    assert edge["profile_kecamatan"] == "Pare"  # profile fields outside the usual ones too
    if suffix == ".csv":
        assert (edge["nib"], edge["kapasitas"], edge["pemasok"]) == ("tidak tahu", "1.1250", ";")
        assert edge["catatan"] == "'=1+1; -x"  # neutralised, and read back without the '
    results = [name for name in before[0] if str(name).startswith("ekspor_")]
    assert results == result_columns(load_criteria(env / "mini.yaml"))
    for old, new in zip(before, after, strict=True):
        assert new["ekspor_error"] in ("", None)
        assert {k: new[k] for k in old} == old  # every column, results included
    assert before[3]["ekspor_unverified"] == "nib" and before[3]["ekspor_score"] not in ("", None)


def _drop_column(path: Path, name: str) -> None:
    """Remove a column from an exported .csv/.xlsx, as an office worker might."""
    rows = [list(row.values()) for row in _table(path)]
    header = list(_table(path)[0])
    at = header.index(name)
    kept = [[c for i, c in enumerate(row) if i != at] for row in [header, *rows]]
    if path.suffix == ".csv":
        import csv
        import io

        text = io.StringIO()
        csv.writer(text).writerows(kept)
        path.write_text(text.getvalue(), encoding="utf-8-sig")
        return
    from openpyxl import Workbook

    book = Workbook()
    for row in kept:
        book.active.append(row)
    book.save(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_exported_table_saved_again_keeps_its_profiles_and_dates(env: Path, suffix: str) -> None:
    """`batch --save` of an export fills each profile from the `profile_*` columns (the
    usual fields and any other, the safety apostrophe removed) and the visit date from
    `assessed_on`: merging an exported table loses no business and no date."""
    saved(env)
    (env / "evil.yaml").write_text(
        "profile: {business_name: '=1+1 Usaha', city: Kediri, kecamatan: Pare, officer: Cici}\n"
        "answers: {nib: ya}\n",
        encoding="utf-8",
    )
    assert ekspor("score", "-c", "mini.yaml", "evil.yaml", "--save")[0] == 0
    exported = env / f"asal{suffix}"
    assert ekspor("export", "-o", exported.name)[0] == 0
    _drop_column(exported, "profile_date")  # the visit date must come from assessed_on
    code, out = ekspor(
        "batch", "-c", "mini.yaml", exported.name, "-o", f"hasil{suffix}", "--save", "--db", "b.db"
    )
    assert code == 0 and "4 penilaian disimpan" in out, out
    assert ekspor("export", "--db", "b.db", "-o", f"lagi{suffix}")[0] == 0
    before, after = _table(exported), _table(env / f"lagi{suffix}")

    def profiles(rows: list[dict[str, object]]) -> list[str]:
        keep = ("assessed_on", "business_key", "ekspor_score")
        wanted = [
            {k: v for k, v in row.items() if k.startswith("profile_") or k in keep} for row in rows
        ]
        return sorted(map(str, wanted))

    assert len(after) == 4 and all(row["profile_date"] in ("", None) for row in after)
    del_date = [{k: v for k, v in row.items() if k != "profile_date"} for row in after]
    assert profiles(del_date) == profiles(before)
    first = next(row for row in after if row["profile_business_name"] == "CV Kopi Gayo")
    assert (first["assessed_on"], first["profile_officer"]) == ("2026-01-10", "Ani")
    evil = next(row for row in after if row["profile_kecamatan"] == "Pare")
    assert evil["profile_city"] == "Kediri"
    listed = json.loads(runner.invoke(app, ["list", "--db", "b.db", "--json"]).stdout)
    assert "=1+1 Usaha" in {item["business_name"] for item in listed}  # stored as typed


def test_show_format_option_wins_over_the_file_name(env: Path) -> None:
    ids = saved(env)
    code, out = ekspor("show", ids[0][:8], "-f", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    code, out = ekspor("show", ids[0][:8], "--format", "TERMINAL", "-o", "x.md")
    assert code == 0 and "x.md" in out
    text = (env / "x.md").read_text(encoding="utf-8")
    assert "Laporan Kesiapan Ekspor" in text and not text.startswith("#")
    code, out = ekspor("show", ids[0][:8], "-o", "x.htm")
    assert code == 0 and (env / "x.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    code, out = ekspor("show", ids[0][:8], "-o", "x.md")
    assert code == 0 and (env / "x.md").read_text(encoding="utf-8").startswith("# Laporan")


def test_show_needs_four_characters_and_an_unambiguous_prefix(env: Path) -> None:
    from ekspor_cli.store.queries import MIN_PREFIX

    ids = saved(env)
    code, out = ekspor("show", ids[0][: MIN_PREFIX - 1])
    assert code == 2 and "is not an assessment ID" in out
    assert f"at least its first {MIN_PREFIX} characters" in out
    conn = sqlite3.connect(str(env / "data" / "history.db"))
    for n, uuid in enumerate(ids[:2]):
        new = f"abcd0000-0000-4000-8000-00000000000{n}"
        conn.execute("UPDATE assessments SET uuid = ? WHERE uuid = ?", (new, uuid))
    conn.commit()
    conn.close()
    code, out = ekspor("show", "abcd")
    assert code == 2 and "'abcd' matches several assessments" in out
    assert "Kopi Gayo" in out and "type more of the ID" in out
    code, out = ekspor("show", "abcd0000-0000-4000-8000-000000000001", "-f", "json")
    assert code == 0 and json.loads(out)["profile"]["date"] == "2026-03-10"


def test_cohort_filters_and_top(env: Path) -> None:
    saved(env)
    code, out = ekspor("cohort", "--officer", "ani", "--json")
    data = json.loads(out)
    assert code == 0 and (data["firms"], data["assessments"]) == (2, 2)
    code, out = ekspor("cohort", "--until", "2026-01-31", "--json")
    data = json.loads(out)
    assert (data["firms"], data["assessments"], data["reached_top"]) == (1, 1, [])
    code, out = ekspor("cohort", "--top", "1", "--json")
    data = json.loads(out)
    assert len(data["common_gaps"]) == 1 and len(data["closest"]) <= 1
    code, out = ekspor("cohort", "--top", "0")
    assert code == 2
    code, out = ekspor("cohort", "--since", "2026-03-01", "--lang", "en")
    assert code == 0 and "(2026-03-01 – …)" in out


def test_list_of_an_unknown_business_is_empty(env: Path) -> None:
    saved(env)
    code, out = ekspor("list", "--business", "nobody", "--json")
    assert code == 0 and json.loads(out) == []
    code, out = ekspor("list", "--business", "nobody")
    assert code == 0 and "Belum ada penilaian tersimpan" in out


def test_the_numbers_in_the_guide_are_the_code_s() -> None:
    from ekspor_cli.store.connection import BUSY_TIMEOUT_S
    from ekspor_cli.store.exchange import FORMAT
    from ekspor_cli.store.queries import MIN_PREFIX
    from ekspor_cli.store.schema import APPLICATION_ID, LATEST

    guide = (Path(__file__).resolve().parents[1] / "docs" / "history.md").read_text("utf-8")
    assert f"waits up to {BUSY_TIMEOUT_S:g} seconds" in guide
    assert f"(at least {MIN_PREFIX})" in guide
    assert f"`PRAGMA user_version` (currently {LATEST})" in guide
    assert f"`PRAGMA application_id = {APPLICATION_ID}`" in guide
    assert f'{{"kind": "ekspor-history", "format": {FORMAT}, ' in guide


@pytest.mark.parametrize(
    "command", ["list", "show", "progress", "businesses", "cohort", "export", "import"]
)
def test_the_history_commands_take_the_options_the_guide_names(command: str) -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "history.md").read_text("utf-8")
    assert "All accept `--db` and `--data-dir`; all but `import`" in guide
    code, out = ekspor(command, "--help")
    assert code == 0 and "--db" in out and "--data-dir" in out
    assert ("--lang" in out) == (command != "import")


def test_import_of_a_file_that_is_not_utf8_or_cannot_be_read(env: Path) -> None:
    (env / "lama.jsonl").write_bytes(b'{"kind": "ekspor-history", "nama": "Caf\xe9"}\n')
    code, out = ekspor("import", "lama.jsonl")
    assert code == 2 and "lama.jsonl: not UTF-8 text" in out
    assert "give the .jsonl file ekspor wrote" in out
    code, out = ekspor("import", "tidak-ada.jsonl")
    assert code == 2 and "tidak-ada.jsonl: cannot read (No such file or directory)" in out
