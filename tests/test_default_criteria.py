"""The bundled criteria (criteria/umkm-ekspor.yaml) and the worked examples in examples/.

Why: the default file is what field officers actually score with.  These tests pin the
promises the file makes to them -- enough depth, bilingual texts, a gap message and a next
step for every scored question, knock-outs that route to the right track -- and check that
each worked example still lands where its header comment says it does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from ekspor_cli import (
    DONT_KNOW,
    AnswerReader,
    Criteria,
    Result,
    load_bundled_criteria,
    load_criteria,
    load_criteria_text,
    score,
)
from ekspor_cli.model import (
    QUESTION_TYPES,
    DerivedQuestion,
    MultipleChoiceQuestion,
    SingleChoiceQuestion,
    Text,
)
from ekspor_cli.yamlsafe import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CRITERIA_FILE = ROOT / "criteria" / "umkm-ekspor.yaml"
EXAMPLES = ROOT / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

CONTINUITY = "kontinuitas"


@pytest.fixture(scope="module")
def criteria() -> Criteria:
    return load_criteria(CRITERIA_FILE)


def answers(name: str) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def knockout(result: Result, key: str) -> str | None:
    """The knock-out status of ``key`` ('failed' / 'unverified'), or None when it passed."""
    return next((k.status for k in result.knockouts if k.key == key), None)


# --- the file as a whole ------------------------------------------------------------------


def test_bundled_criteria_is_this_file(criteria: Criteria) -> None:
    assert load_bundled_criteria().sha256 == criteria.sha256


def test_file_starts_with_schema_modeline() -> None:
    first = CRITERIA_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/ekspor-criteria.schema.json"


def test_depth(criteria: Criteria) -> None:
    assert len(criteria.dimensions) >= 8
    assert len(criteria.questions) >= 35
    # continuity of supply is the deepest and heaviest dimension
    sizes = {d.key: len(d.questions) for d in criteria.dimensions}
    weights = {d.key: d.weight for d in criteria.dimensions}
    assert sizes[CONTINUITY] == max(sizes.values())
    assert weights[CONTINUITY] == max(weights.values())


def test_levels_are_the_four_tracks(criteria: Criteria) -> None:
    assert [(lv.key, lv.min) for lv in criteria.levels] == [
        ("pra_ekspor", 0),
        ("pendampingan", 40),
        ("tidak_langsung", 55),
        ("langsung", 70),
    ]


def test_profile_questions_come_first(criteria: Criteria) -> None:
    sektor = criteria.by_key["sektor"]
    assert sektor.index == 0
    assert isinstance(sektor.question, SingleChoiceQuestion)
    assert sektor.question.required
    assert {c.key for c in sektor.question.choices} == {
        "pangan_olahan",
        "kayu_mebel",
        "kerajinan_non_kayu",
        "perikanan",
        "pertanian_segar",
        "tekstil_fesyen",
        "lainnya",
    }
    tujuan = criteria.by_key["tujuan_pasar"].question
    assert isinstance(tujuan, MultipleChoiceQuestion)
    assert {c.key for c in tujuan.choices} >= {
        "oki_timur_tengah",
        "asean",
        "eropa",
        "amerika_utara",
        "asia_timur",
        "belum_tahu",
    }


def test_capacity_ratio_is_derived_in_the_continuity_dimension(criteria: Criteria) -> None:
    info = criteria.by_key["rasio_kapasitas"]
    q = info.question
    assert info.dimension.key == CONTINUITY
    assert isinstance(q, DerivedQuestion)
    assert q.expr.replace(" ", "") == "(kapasitas_maks-komitmen_domestik)/volume_pembeli"
    assert q.bands is not None
    assert [b.min for b in q.bands] == [0, 0.25, 0.5, 1]
    assert q.knockout is not None
    assert q.knockout.cap == "tidak_langsung"
    assert q.knockout.fails_if == "rasio_kapasitas < 0.25 and not bisa_tambah_kapasitas"
    continuity = {i.key for i in criteria.questions if i.dimension.key == CONTINUITY}
    assert {
        "produksi_bulanan",
        "kapasitas_maks",
        "komitmen_domestik",
        "volume_pembeli",
        "bisa_tambah_kapasitas",
        "jumlah_pemasok",
        "porsi_pemasok_terbesar",
        "perjanjian_pasokan",
        "musim_bahan_baku",
        "bulan_tersedia",
        "stok_penyangga_minggu",
        "lead_time_hari",
        "repeat_order_pembeli",
        "spesifikasi_qc",
        "modal_kerja_bulan",
    } <= continuity


def test_required_knockouts_and_their_tracks(criteria: Criteria) -> None:
    caps = {i.key: i.question.knockout.cap for i in criteria.questions if i.question.knockout}
    assert caps["punya_nib"] == "pendampingan"
    assert caps["svlk_vlegal"] == "pendampingan"
    assert caps["izin_edar_pangan"] == "pendampingan"
    assert caps["rasio_kapasitas"] == "tidak_langsung"
    for key in caps:  # every knock-out routes somewhere: a next step and a programme
        q = criteria.by_key[key].question
        assert q.next_step is not None, key
        assert q.program is not None, key


def test_every_scored_question_has_gap_and_next_step_in_both_languages(
    criteria: Criteria,
) -> None:
    missing = [
        info.key
        for info in criteria.questions
        if info.scored
        and info.key != "sektor"  # profile question: equal points for every sector
        and not (
            info.question.gap
            and info.question.gap.en
            and info.question.next_step
            and info.question.next_step.en
        )
    ]
    assert missing == []


def _texts(node: object, path: str) -> Iterator[tuple[str, Text]]:
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _texts(item, f"{path}.{key}")


def test_every_text_has_english(criteria: Criteria) -> None:
    texts = list(_texts(criteria.model, "criteria"))
    assert len(texts) > 300
    assert [path for path, text in texts if not text.en] == []


def test_yaml_1_1_readers_see_the_same_values() -> None:
    """Editors and other tools may read the file as YAML 1.1 (``no`` -> False, ``010`` -> 8):
    every such value must be quoted, so both readings agree."""
    text = CRITERIA_FILE.read_text(encoding="utf-8")

    def keys_as_text(node: object) -> object:
        if isinstance(node, dict):
            return {str(k): keys_as_text(v) for k, v in node.items()}
        if isinstance(node, list):
            return [keys_as_text(v) for v in node]
        return node

    assert keys_as_text(yaml.safe_load(text)) == load_yaml(text, str(CRITERIA_FILE)).data


def test_sector_question_barely_moves_the_score(criteria: Criteria) -> None:
    result = score(criteria, answers("koperasi-gula-kelapa.yaml"))
    assert result.outcome("sektor").possible < 0.1


# --- conditions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sektor", "shown", "hidden"),
    [
        (
            "pangan_olahan",
            {
                "izin_edar_pangan",
                "paham_ske",
                "sertifikat_halal",
                "sistem_mutu_pangan",
                "label_pangan",
            },
            {"svlk_vlegal", "label_produk"},
        ),
        (
            "kayu_mebel",
            {"svlk_vlegal", "dokumen_kayu_sesuai", "label_produk"},
            {"izin_edar_pangan", "paham_ske", "sertifikat_halal", "sistem_mutu_pangan"},
        ),
        (
            "perikanan",
            {"sistem_mutu_pangan", "uji_lab", "label_pangan"},
            {"izin_edar_pangan", "svlk_vlegal", "sertifikat_halal"},
        ),
        (
            "kerajinan_non_kayu",
            {"label_produk"},
            {"izin_edar_pangan", "svlk_vlegal", "sertifikat_halal", "sistem_mutu_pangan"},
        ),
    ],
)
def test_sector_questions_follow_the_sector(
    criteria: Criteria, sektor: str, shown: set[str], hidden: set[str]
) -> None:
    result = score(criteria, {"sektor": sektor, "tujuan_pasar": "eropa"})
    statuses = {o.key: o.status for o in result.outcomes}
    assert {k for k in shown if statuses[k] == "skipped"} == set()
    assert {k for k in hidden if statuses[k] != "skipped"} == set()


def test_halal_is_asked_for_middle_east_whatever_the_sector(criteria: Criteria) -> None:
    result = score(criteria, {"sektor": "kerajinan_non_kayu", "tujuan_pasar": "oki_timur_tengah"})
    assert result.outcome("sertifikat_halal").status != "skipped"


# --- knock-outs route instead of just failing ---------------------------------------------


@pytest.fixture(scope="module")
def cooperative() -> dict[str, Any]:
    return answers("koperasi-gula-kelapa.yaml")


def test_no_nib_caps_at_coaching(criteria: Criteria, cooperative: dict[str, Any]) -> None:
    result = score(criteria, {**cooperative, "punya_nib": "tidak"})
    assert knockout(result, "punya_nib") == "failed"
    assert result.level.key == "pendampingan"
    assert result.score >= 70  # the score is kept; only the level is capped


def test_capacity_knockout_routes_to_an_aggregator(
    criteria: Criteria, cooperative: dict[str, Any]
) -> None:
    small = {**cooperative, "volume_pembeli": "10.000", "bisa_tambah_kapasitas": "tidak"}
    result = score(criteria, small)
    assert knockout(result, "rasio_kapasitas") == "failed"
    assert result.level.key == "tidak_langsung"
    # the same gap is not a knock-out when capacity can be added through partners
    result = score(criteria, {**small, "bisa_tambah_kapasitas": "ya"})
    assert knockout(result, "rasio_kapasitas") is None
    # not knowing whether capacity can be added leaves it unverified (still capped)
    result = score(criteria, {**small, "bisa_tambah_kapasitas": "tidak tahu"})
    assert knockout(result, "rasio_kapasitas") == "unverified"
    assert result.level.key == "tidak_langsung"


def test_halal_knockout_only_for_destinations_that_require_it(
    criteria: Criteria, cooperative: dict[str, Any]
) -> None:
    no_halal = {**cooperative, "sertifikat_halal": "belum"}
    assert knockout(score(criteria, no_halal), "sertifikat_halal") is None
    result = score(criteria, {**no_halal, "tujuan_pasar": ["oki_timur_tengah", "asean"]})
    assert knockout(result, "sertifikat_halal") == "failed"
    assert result.level.key == "pendampingan"


def test_food_that_needs_no_marketing_authorisation_is_not_knocked_out(
    criteria: Criteria, cooperative: dict[str, Any]
) -> None:
    result = score(criteria, {**cooperative, "izin_edar_pangan": "tidak_wajib"})
    assert result.outcome("izin_edar_pangan").status == "not_applicable"
    assert knockout(result, "izin_edar_pangan") is None
    result = score(criteria, {**cooperative, "izin_edar_pangan": "belum"})
    assert knockout(result, "izin_edar_pangan") == "failed"


# --- worked examples ----------------------------------------------------------------------


def test_there_are_worked_examples() -> None:
    assert {p.name for p in EXAMPLE_FILES} >= {
        "cabai-kering-rumahan.yaml",
        "koperasi-gula-kelapa.yaml",
        "mebel-tanpa-svlk.yaml",
    }


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_is_complete(criteria: Criteria, path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("#"), "explain the case in a header"
    result = score(criteria, answers(path.name))  # raises on any unreadable answer
    assert result.coverage > 0.95
    assert [k.key for k in result.knockouts if k.status == "unverified"] == []


def test_dried_chilli_home_industry_is_not_ready_for_direct_export(criteria: Criteria) -> None:
    result = score(criteria, answers("cabai-kering-rumahan.yaml"))
    assert result.outcome("rasio_kapasitas").value == pytest.approx(0.025)
    assert knockout(result, "rasio_kapasitas") == "failed"
    assert result.level.key not in {"langsung", "tidak_langsung"}
    assert result.gaps[0].key == "rasio_kapasitas"  # knock-outs lead the gap list


def test_coconut_sugar_cooperative_is_well_prepared(criteria: Criteria) -> None:
    result = score(criteria, answers("koperasi-gula-kelapa.yaml"))
    assert result.outcome("rasio_kapasitas").value > 1
    assert knockout(result, "rasio_kapasitas") is None
    assert result.knockouts == ()
    assert result.level.key in {"tidak_langsung", "langsung"}


def test_furniture_without_v_legal_is_knocked_out(criteria: Criteria) -> None:
    result = score(criteria, answers("mebel-tanpa-svlk.yaml"))
    assert knockout(result, "svlk_vlegal") == "failed"
    assert result.level.key == "pendampingan"
    assert result.level_by_score.key in {"tidak_langsung", "langsung"}  # capped, not low


# --- docs/criteria.md: the example, the worked numbers and the answer rules ---------------

DOCS = ROOT / "docs" / "criteria.md"


def _yaml_block_after(marker: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("```yaml\n", text.index(marker)) + len("```yaml\n")
    return text[start : text.index("```", start)]


@pytest.fixture(scope="module")
def docs_example() -> Criteria:
    return load_criteria_text(_yaml_block_after("## 1. A complete example"), "contoh.yaml")


def test_docs_example_uses_every_feature(docs_example: Criteria) -> None:
    questions = [i.question for i in docs_example.questions]
    assert {q.type for q in questions} == set(QUESTION_TYPES)
    assert any(q.when for q in questions)
    assert any(q.knockout and q.knockout.fails_if for q in questions)
    assert any(q.knockout and not q.knockout.fails_if for q in questions)
    assert len(docs_example.dimensions) == 2
    assert len(docs_example.levels) == 3


def test_docs_worked_example_numbers(docs_example: Criteria) -> None:
    given = yaml.safe_load(_yaml_block_after("### Worked example"))
    result = score(docs_example, given)
    assert result.score == 58.3
    assert result.level.key == "didampingi"
    assert [d.score for d in result.dimensions] == [66.7, 52.8]
    assert result.outcome("rasio").value == 0.75
    assert result.knockouts == ()
    assert [(g.key, round(g.impact, 1)) for g in result.gaps] == [
        ("bisa_tambah", 10.0),
        ("rasio", 10.0),
        ("izin_edar", 6.7),
        ("stok_minggu", 5.0),
        ("mutu", 3.3),
    ]
    assert [(g.key, round(g.impact, 1)) for g in result.to_verify] == [("nib_kepabeanan", 6.7)]
    assert round(result.coverage, 2) == 0.93


@pytest.mark.parametrize(("nib", "status"), [("tidak", "failed"), ("tidak tahu", "unverified")])
def test_docs_knockout_cap_example(docs_example: Criteria, nib: str, status: str) -> None:
    full = {
        "punya_nib": nib,
        "nib_kepabeanan": "ya",
        "izin_edar": "md",
        "satuan": "kg",
        "kapasitas": "2000",
        "volume_pembeli": "1000",
        "bisa_tambah": "ya",
        "stok_minggu": "4",
        "sumber_bahan": "petani; pasar",
        "mutu": "5",
    }
    result = score(docs_example, full)
    assert knockout(result, "punya_nib") == status
    assert result.level.key == "didampingi"
    if nib == "tidak":
        assert result.score == 76.0
        assert [d.score for d in result.dimensions] == [40.0, 100.0]  # legalitas, pasokan
        assert result.outcome("nib_kepabeanan").status == "skipped"
        assert result.level_by_score.key == "siap"


def test_docs_answer_file_example_reads_with_bundled_criteria(criteria: Criteria) -> None:
    given = yaml.safe_load(_yaml_block_after("**Answer files**"))
    result = score(criteria, given)
    assert result.outcome("volume_pembeli").value == 4000


@pytest.mark.parametrize(
    ("key", "written", "value"),
    [
        ("punya_nib", "T", False),
        ("punya_nib", "Y", True),
        ("punya_nib", "sudah", True),
        ("punya_nib", "belum ada", False),
        ("produksi_bulanan", "1.500", 1500),
        ("produksi_bulanan", "1 500", 1500),
        ("produksi_bulanan", "1,500,000", 1_500_000),
        ("produksi_bulanan", "2,5", 2.5),
        ("produksi_bulanan", "1.500,5", 1500.5),
        ("produksi_bulanan", "1,500.5", 1500.5),
        ("produksi_bulanan", "0,25", 0.25),
        ("produksi_bulanan", "Rp 150.000,-", 150_000),
        ("produksi_bulanan", "40%", 40),
        ("produksi_bulanan", "2 jt", 2_000_000),
        ("produksi_bulanan", "1,5 juta", 1_500_000),
        ("produksi_bulanan", "500 rb", 500_000),
        ("produksi_bulanan", "2 m", 2_000_000_000),
        ("izin_edar_pangan", "2", "spp_irt"),
        ("izin_edar_pangan", "PIRT", "spp_irt"),
        ("izin_edar_pangan", "SPP-IRT (PIRT)", "spp_irt"),
        ("tujuan_pasar", "asean dan oki_timur_tengah", ("asean", "oki_timur_tengah")),
        ("tujuan_pasar", "1, 3", ("asean", "oki_timur_tengah")),
        ("keunggulan_produk", "Jelas", 4),
    ],
)
def test_docs_answer_reading_rules(
    criteria: Criteria, key: str, written: str, value: object
) -> None:
    assert AnswerReader(criteria).read(key, written) == value


@pytest.mark.parametrize("written", ["tidak tahu", "tdk tau", "tt", "?", "TIDAK TAHU"])
def test_docs_dont_know_words(criteria: Criteria, written: str) -> None:
    assert AnswerReader(criteria).read("punya_nib", written) is DONT_KNOW


@pytest.mark.parametrize("written", ["", "-", "N/A", "#N/A", "null"])
def test_docs_blank_words(criteria: Criteria, written: str) -> None:
    assert AnswerReader(criteria).read("punya_nib", written) is None
