"""The words of the history views (tables, headings), in Bahasa Indonesia and English."""

from __future__ import annotations

from ..i18n import Lang

_WORDS: dict[str, dict[str, str]] = {
    "id": {"id": "ID", "en": "ID"},
    "date": {"id": "Tanggal", "en": "Date"},
    "business": {"id": "Usaha", "en": "Business"},
    "city": {"id": "Kota/Kab.", "en": "City"},
    "officer": {"id": "Petugas", "en": "Officer"},
    "score": {"id": "Skor", "en": "Score"},
    "level": {"id": "Tingkat", "en": "Level"},
    "criteria": {"id": "Kriteria", "en": "Criteria"},
    "source": {"id": "Sumber", "en": "Source"},
    "count": {"id": "{n} penilaian", "en": "{n} assessment(s)"},
    "none": {"id": "Belum ada penilaian tersimpan.", "en": "No assessments saved yet."},
    "key": {"id": "Kunci", "en": "Key"},
    "visits": {"id": "Penilaian", "en": "Visits"},
    "first": {"id": "Pertama", "en": "First"},
    "last": {"id": "Terakhir", "en": "Last"},
    "businesses": {"id": "{n} usaha", "en": "{n} business(es)"},
    "previous": {"id": "Sebelumnya", "en": "Previous"},
    "latest": {"id": "Terakhir", "en": "Latest"},
    "change": {"id": "Δ", "en": "Δ"},
    "d_first": {"id": "Δ sejak pertama", "en": "Δ since first"},
    "d_prev": {"id": "Δ sejak sebelumnya", "en": "Δ since previous"},
    "dimension": {"id": "Dimensi", "en": "Dimension"},
    "closed": {
        "id": "Kesenjangan tertutup sejak penilaian pertama",
        "en": "Gaps closed since the first assessment",
    },
    "closed_prev": {
        "id": "Tertutup sejak penilaian sebelumnya",
        "en": "Closed since the previous assessment",
    },
    "open": {"id": "Masih terbuka", "en": "Still open"},
    "since": {"id": "sejak {date}", "en": "since {date}"},
    "new": {"id": "Baru muncul sejak penilaian pertama", "en": "New since the first assessment"},
    "criteria_changed": {
        "id": "Catatan: kriteria berubah di antara penilaian; kesenjangan dibandingkan "
        "menurut kunci pertanyaan.",
        "en": "Note: the criteria changed between assessments; gaps are compared by question key.",
    },
    "ko": {"id": "syarat mutlak", "en": "knock-out"},
    "firms": {"id": "Usaha", "en": "Firms"},
    "cohort": {
        "id": "{firms} usaha, {n} penilaian ({period})",
        "en": "{firms} firms, {n} assessments ({period})",
    },
    "all_time": {"id": "seluruh waktu", "en": "all time"},
    "per_level": {
        "id": "Usaha per tingkat (penilaian terakhir)",
        "en": "Firms per level (latest assessment)",
    },
    "reached": {
        "id": "Mencapai tingkat {level} dalam periode: {n}",
        "en": "Reached {level} in the period: {n}",
    },
    "common": {"id": "Kesenjangan yang paling banyak masih terbuka", "en": "Most common open gaps"},
    "share": {"id": "Bagian", "en": "Share"},
    "gap": {"id": "Kesenjangan", "en": "Gap"},
    "with_gaps": {"id": "Usaha", "en": "Firms"},
    "dims": {
        "id": "Per dimensi: usaha yang masih punya kesenjangan, rata-rata skor",
        "en": "Per dimension: firms with open gaps, mean score",
    },
    "mean": {"id": "Rata-rata", "en": "Mean"},
    "closest": {"id": "Paling dekat ke tingkat berikutnya", "en": "Closest to the next level"},
    "next": {"id": "Tingkat berikut", "en": "Next level"},
    "steps": {"id": "Langkah", "en": "Steps"},
    "missing": {"id": "Kurang poin", "en": "Points short"},
    "unreachable": {"id": "belum terjangkau", "en": "out of reach"},
}


def word(key: str, lang: Lang, **values: object) -> str:
    """A heading or column name in ``lang``."""
    return _WORDS[key][lang].format(**values)
