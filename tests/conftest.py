"""Shared fixtures: a small criteria file that uses every feature, and helpers."""

from __future__ import annotations

import importlib.util
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from ekspor_cli import Criteria, load_criteria_text

MINI = textwrap.dedent(
    """\
    format: 1
    id: mini
    version: "1"
    title: {id: Mini, en: Mini}
    levels:
      - {key: rendah, min: 0, label: {id: Rendah, en: Low}}
      - {key: sedang, min: 50, label: {id: Sedang, en: Medium}}
      - {key: tinggi, min: 80, label: {id: Tinggi, en: High}}
    dimensions:
      - key: legal
        label: {id: Legalitas, en: Legal}
        weight: 1
        questions:
          - key: sektor
            type: single_choice
            label: {id: Sektor, en: Sector}
            weight: 1
            choices:
              - {key: pangan, label: {id: Pangan olahan, en: Processed food}, points: 1}
              - {key: kayu, label: {id: Kayu, en: Wood}, points: 1}
          - key: nib
            type: yes_no
            label: {id: Punya NIB?, en: Has NIB?}
            aliases: ["NIB"]
            weight: 3
            knockout:
              cap: rendah
              reason: {id: NIB wajib, en: NIB is required}
            gap: {id: Belum punya NIB, en: No NIB}
            next_step: {id: Daftar di OSS, en: Register at OSS}
          - key: izin_edar
            type: single_choice
            label: {id: Izin edar, en: Marketing licence}
            when: sektor == "pangan"
            weight: 2
            choices:
              - {key: md, label: {id: BPOM MD}, points: 2}
              - {key: pirt, label: {id: SPP-IRT}, points: 1}
              - {key: tidak_ada, label: {id: Tidak ada, en: None}, points: 0}
              - {key: tidak_wajib, label: {id: Tidak wajib, en: Not required}, not_applicable: true}
      - key: pasokan
        label: {id: Kontinuitas pasokan, en: Supply continuity}
        weight: 3
        questions:
          - key: kapasitas
            type: number
            label: {id: Kapasitas per bulan (kg), en: Monthly capacity (kg)}
            min: 0
          - key: volume_pembeli
            type: number
            label: {id: Volume pembeli per bulan (kg), en: Buyer volume per month (kg)}
            min: 0
          - key: subkontrak
            type: yes_no
            label: {id: Bisa subkontrak?, en: Can subcontract?}
            weight: 1
          - key: rasio
            type: derived
            label: {id: Rasio kapasitas, en: Capacity ratio}
            expr: kapasitas / volume_pembeli
            weight: 2
            bands:
              - {min: 0, points: 0}
              - {min: 0.5, points: 1}
              - {min: 1, points: 2}
            knockout:
              cap: sedang
              reason: {id: Kapasitas kurang, en: Capacity too low}
              fails_if: rasio < 0.25 and not subkontrak
          - key: pemasok
            type: multiple_choice
            label: {id: Sumber bahan baku, en: Raw material sources}
            weight: 1
            choices:
              - {key: petani, label: {id: Petani}, points: 1}
              - {key: pasar, label: {id: Pasar}, points: 1}
              - {key: impor, label: {id: Impor}, points: 1}
              - {key: tidak_ada, label: {id: Tidak ada}, points: 0, exclusive: true}
            full_points: 2
          - key: mutu
            type: scale
            label: {id: Konsistensi mutu, en: Quality consistency}
            min: 1
            max: 5
            ready_at: 4
            weight: 1
            labels: {1: {id: Buruk}, 5: {id: Sangat baik}}
          - key: catatan
            type: text
            label: {id: Catatan, en: Notes}
    """
)


@pytest.fixture(scope="session")
def mini() -> Criteria:
    return load_criteria_text(MINI, "mini.yaml")


@pytest.fixture
def mini_file(tmp_path: Path) -> Path:
    """The mini criteria as a file, for the commands that take ``-c PATH``."""
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    return path


FULL_ANSWERS = {
    "sektor": "pangan",
    "nib": "ya",
    "izin_edar": "md",
    "kapasitas": "2.000",
    "volume_pembeli": "1000",
    "subkontrak": "ya",
    "pemasok": "petani; pasar",
    "mutu": "5",
    "catatan": "baik",
}


BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


@pytest.fixture(scope="session")
def bench_script() -> Callable[[str], ModuleType]:
    """A script of benchmarks/ as a module, so that tests reuse its data generators."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
