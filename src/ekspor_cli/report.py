"""The report model: one result, resolved into the words of one language.

Why: the terminal end screen, Markdown, HTML and JSON reports must say the same things in
the same order.  They all render a :class:`Report` built here, so report logic (what is a
blocker, how gaps are ranked, what the labels say) exists once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .answers import format_value
from .criteria import Criteria
from .i18n import Lang
from .model import Text
from .result import Gap, Result, Status

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
    "no_score": {"id": "tidak dinilai", "en": "not scored"},
}


def ui(key: str, lang: Lang, **values: object) -> str:
    """A report phrase in ``lang``."""
    return _UI[key][lang].format(**values)


def _t(text: Text | None, lang: Lang) -> str:
    return text.get(lang) if text is not None else ""


@dataclass(frozen=True)
class ReportItem:
    """A knock-out, gap or strength as a person reads it."""

    key: str
    label: str
    dimension: str
    status: str = ""
    impact: float = 0.0
    message: str = ""
    next_step: str = ""
    program: str = ""
    answer: str = ""


@dataclass(frozen=True)
class DimensionRow:
    key: str
    label: str
    weight: float
    score: float | None


@dataclass(frozen=True)
class Report:
    lang: Lang
    title: str
    profile: tuple[tuple[str, str], ...]
    score: float
    level_key: str
    level_label: str
    level_description: str
    level_index: int
    level_count: int
    capped_note: str
    coverage: float
    knockouts: tuple[ReportItem, ...]
    dimensions: tuple[DimensionRow, ...]
    gaps: tuple[ReportItem, ...]
    to_verify: tuple[ReportItem, ...]
    strengths: tuple[ReportItem, ...]
    criteria_line: str
    saved_to: tuple[str, ...] = field(default=())

    def phrase(self, key: str, **values: object) -> str:
        return ui(key, self.lang, **values)


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
}


def build_report(
    result: Result,
    criteria: Criteria,
    lang: Lang = "id",
    profile: Mapping[str, str] | None = None,
    saved_to: tuple[str, ...] = (),
) -> Report:
    """Resolve ``result`` into a :class:`Report` in ``lang``."""
    dims = {d.key: d.label.get(lang) for d in criteria.dimensions}
    answers = {o.key: o for o in result.outcomes}

    def item(gap: Gap) -> ReportItem:
        outcome = answers[gap.key]
        status = gap.status if gap.status != Status.ANSWERED else ""
        return ReportItem(
            key=gap.key,
            label=gap.label.get(lang),
            dimension=dims[gap.dimension],
            status=ui(status, lang) if status else "",
            impact=gap.impact,
            message=_t(gap.message, lang),
            next_step=_t(gap.next_step, lang),
            program=_t(gap.program, lang),
            answer=format_value(outcome.value),
        )

    level = criteria.level(result.level.key)
    capped = ""
    if result.capped:
        capped = ui("capped", lang, level=result.level_by_score.label.get(lang))
    knockouts = tuple(
        ReportItem(
            key=k.key,
            label=k.label.get(lang),
            dimension=dims[k.dimension],
            status=ui(k.status, lang),
            message=k.reason.get(lang),
            next_step=_t(k.next_step, lang),
            program=_t(k.program, lang),
            answer=format_value(answers[k.key].value),
        )
        for k in result.knockouts
    )
    strengths = tuple(
        ReportItem(
            key=key,
            label=criteria.by_key[key].question.label.get(lang),
            dimension=dims[criteria.by_key[key].dimension.key],
        )
        for key in result.strengths
    )
    profile_rows = tuple(
        (PROFILE_LABELS.get(k, {}).get(lang, k), str(v))
        for k, v in (profile or {}).items()
        if v not in (None, "")
    )
    return Report(
        lang=lang,
        title=ui("title", lang),
        profile=profile_rows,
        score=result.score,
        level_key=result.level.key,
        level_label=level.label.get(lang),
        level_description=_t(level.description, lang),
        level_index=result.level.index,
        level_count=len(criteria.levels),
        capped_note=capped,
        coverage=result.coverage,
        knockouts=knockouts,
        dimensions=tuple(
            DimensionRow(d.key, d.label.get(lang), d.weight, d.score) for d in result.dimensions
        ),
        gaps=tuple(item(g) for g in result.gaps),
        to_verify=tuple(item(g) for g in result.to_verify),
        strengths=strengths,
        criteria_line=(
            f"{ui('criteria', lang)}: {criteria.title(lang)} ({criteria.id} "
            f"v{criteria.version}, sha256 {criteria.sha256[:12]})"
        ),
        saved_to=saved_to,
    )
