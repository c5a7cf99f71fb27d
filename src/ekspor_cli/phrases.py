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
}


def ui(key: str, lang: Lang, **values: object) -> str:
    """A report phrase in ``lang``."""
    return _UI[key][lang].format(**values)


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
