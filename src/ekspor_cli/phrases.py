"""Every fixed phrase of a report, in Bahasa Indonesia and English.

Why a module of its own: the report model, the action plan's words and the history views
all speak the same vocabulary; one table keeps the two languages in step.
"""

from __future__ import annotations

from .i18n import Lang

_UI: dict[str, dict[str, str]] = {
    "title": {"id": "Laporan Kesiapan Ekspor", "en": "Export Readiness Report"},
    "score": {"id": "Skor", "en": "Score"},
    "level": {"id": "Tingkat kesiapan", "en": "Readiness level"},
    "capped": {
        "id": "Dibatasi oleh syarat mutlak (skor saja: {level})",
        "en": "Capped by a knock-out (score alone: {level})",
    },
    "blockers": {"id": "Syarat mutlak yang belum terpenuhi", "en": "Blocking items (knock-outs)"},
    "dimensions": {"id": "Skor per dimensi", "en": "Score per dimension"},
    "gaps": {"id": "Kesenjangan, diurutkan menurut dampak", "en": "Gaps, ranked by impact"},
    "verify": {"id": "Perlu diperiksa pada kunjungan berikut", "en": "To verify on the next visit"},
    "strengths": {"id": "Kekuatan (sudah siap ekspor)", "en": "Strengths (already export-ready)"},
    "impact": {"id": "+{points} poin jika dipenuhi", "en": "+{points} points if met"},
    "next_step": {"id": "Langkah berikut", "en": "Next step"},
    "program": {"id": "Program", "en": "Program"},
    "failed": {"id": "gagal", "en": "failed"},
    "unverified": {"id": "belum terverifikasi", "en": "unverified"},
    "not_answered": {"id": "belum dijawab", "en": "not answered"},
    "dont_know": {"id": "tidak tahu", "en": "don't know"},
    "coverage": {"id": "Cakupan jawaban", "en": "Answer coverage"},
    "criteria": {"id": "Kriteria", "en": "Criteria"},
    "none": {"id": "Tidak ada", "en": "None"},
    "seen": {"id": "dokumen dilihat", "en": "document seen"},
    "not_seen": {"id": "dokumen belum dilihat", "en": "document not seen"},
    "no_score": {"id": "tidak dinilai", "en": "not scored"},
    "plan": {"id": "Rencana aksi", "en": "Action plan"},
    "plan_goal": {
        "id": "Untuk naik ke tingkat {level}: {n} langkah, berurutan.",
        "en": "To reach {level}: {n} step(s), in this order.",
    },
    "plan_projected": {
        "id": "Skor setelah semua langkah: {score} -- {level}.",
        "en": "Score after all steps: {score} -- {level}.",
    },
    "plan_top": {
        "id": "Sudah di tingkat tertinggi: pertahankan, dan tutup kesenjangan yang tersisa.",
        "en": "Already at the highest level: keep it there, and close the remaining gaps.",
    },
    "plan_unreachable": {
        "id": "Tingkat {level} belum dapat dicapai hanya dengan menutup kesenjangan yang "
        "tercatat; langkah di bawah membawa skor sejauh mungkin.",
        "en": "{level} cannot be reached by closing the recorded gaps alone; the steps below "
        "take the score as far as it goes.",
    },
    "plan_unreachable_now": {
        "id": "Tingkat {level} belum dapat dicapai sebelum hal yang perlu ditindaklanjuti "
        "secara manual di bawah ini selesai.",
        "en": "{level} cannot be reached until the item below that needs manual follow-up "
        "is dealt with.",
    },
    "plan_blocked": {
        "id": "Perlu ditindaklanjuti secara manual",
        "en": "Needs manual follow-up",
    },
    "target": {"id": "Target", "en": "Target"},
    "after": {"id": "skor menjadi {score} ({level})", "en": "score becomes {score} ({level})"},
    "kind_knockout": {"id": "syarat mutlak", "en": "knock-out"},
    "kind_gap": {"id": "perbaiki", "en": "improve"},
    "kind_verify": {"id": "pastikan", "en": "confirm"},
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "at_least": {"id": "minimal {value}", "en": "at least {value}"},
    "between": {"id": "{low} s.d. di bawah {high}", "en": "{low} to below {high}"},
    "notes": {"id": "Catatan", "en": "Notes"},
    "levels": {"id": "Tingkat kesiapan", "en": "Readiness levels"},
    "saved": {"id": "Disimpan", "en": "Saved"},
    "see_step": {"id": "lihat rencana aksi, langkah {n}", "en": "see the action plan, step {n}"},
    "more_gaps": {
        "id": "(+{n} lagi: lihat laporan lengkap -o laporan.md)",
        "en": "(+{n} more: see the full report -o report.md)",
    },
    "rescored": {
        "id": "dinilai ulang dengan ekspor versi ini: skor {now} ({level_now}); saat disimpan "
        "(ekspor {engine}): {then} ({level_then})",
        "en": "re-scored with this version of ekspor: {now} ({level_now}); when saved "
        "(ekspor {engine}): {then} ({level_then})",
    },
}


def ui(key: str, lang: Lang, **values: object) -> str:
    """A report phrase in ``lang``."""
    return _UI[key][lang].format(**values)


def word(key: str, lang: Lang, **values: object) -> str:
    """A heading or column name of the history views in ``lang``."""
    return _HISTORY[key][lang].format(**values)


PROFILE_LABELS: dict[str, dict[str, str]] = {
    "business_name": {"id": "Nama usaha", "en": "Business name"},
    "owner": {"id": "Pemilik", "en": "Owner"},
    "nib": {"id": "NIB", "en": "NIB"},
    "address": {"id": "Alamat", "en": "Address"},
    "city": {"id": "Kota/Kabupaten", "en": "City/Regency"},
    "sector": {"id": "Sektor/produk", "en": "Sector/product"},
    "contact": {"id": "Kontak", "en": "Contact"},
    "officer": {"id": "Petugas", "en": "Officer"},
    "date": {"id": "Tanggal", "en": "Date"},
    "assessment_id": {"id": "ID penilaian", "en": "Assessment ID"},
}

# The history views (tables, headings): short words, kept apart from the report's.
_HISTORY: dict[str, dict[str, str]] = {
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
