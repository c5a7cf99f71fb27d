"""The result of scoring one business: plain frozen data, rendered by the edges.

Why frozen dataclasses and not pydantic: results are built per row in batch scoring (millions
of rows) and must cost little; they are only ever *produced* by our own engine, so there is
nothing to validate.  ``to_dict`` gives the documented JSON shape (``ekspor score --json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .answers import format_value
from .i18n import Lang
from .model import Text


class Status:
    """Question statuses, in the words the report and exports use."""

    ANSWERED = "answered"
    NOT_ANSWERED = "not_answered"
    DONT_KNOW = "dont_know"
    SKIPPED = "skipped"  # hidden by `when:`: never counted, never exported as an answer
    NOT_APPLICABLE = "not_applicable"  # a choice marked not_applicable: not counted
    NOT_SCORED = "not_scored"  # text, or a number without bands: recorded only


@dataclass(frozen=True)
class QuestionOutcome:
    """Why a question scored what it did: the explainable part of the result."""

    key: str
    dimension: str
    type: str
    status: str
    value: object
    fraction: float | None  # share of the question's points earned, 0..1; None if not counted
    earned: float  # overall score points earned (sums to the overall score)
    possible: float  # overall score points at stake
    reason: dict[str, str]  # {"id": ..., "en": ...}

    @property
    def counted(self) -> bool:
        return self.fraction is not None


@dataclass(frozen=True)
class DimensionScore:
    key: str
    label: Text
    weight: float
    score: float | None  # 0..100, one decimal; None when no question counted
    counted: int
    answered: int


@dataclass(frozen=True)
class KnockoutOutcome:
    """A knock-out that caps the level: failed, or unverified (not answered / don't know)."""

    key: str
    dimension: str
    status: str  # "failed" | "unverified"
    cap: str  # level key
    reason: Text
    label: Text
    next_step: Text | None
    program: Text | None


@dataclass(frozen=True)
class Gap:
    """A question not (fully) met, with how much closing it would lift the overall score."""

    key: str
    dimension: str
    label: Text
    status: str  # Status.ANSWERED (partly or not met), NOT_ANSWERED or DONT_KNOW
    impact: float  # overall points gained if this question alone were fully met
    knockout: bool
    message: Text | None
    next_step: Text | None
    program: Text | None


@dataclass(frozen=True)
class LevelRef:
    key: str
    label: Text
    index: int  # 0 = lowest


@dataclass(frozen=True)
class CriteriaRef:
    id: str
    version: str
    sha256: str
    title: Text


@dataclass(frozen=True)
class Result:
    criteria: CriteriaRef
    score: float  # 0..100, one decimal, the official score the level is decided on
    level: LevelRef
    level_by_score: LevelRef  # before any knock-out cap
    knockouts: tuple[KnockoutOutcome, ...]
    dimensions: tuple[DimensionScore, ...]
    gaps: tuple[Gap, ...]  # answered but not fully met: knock-outs first, then by impact
    to_verify: tuple[Gap, ...]  # not answered or "tidak tahu": to check on the next visit
    strengths: tuple[str, ...]  # question keys fully met
    outcomes: tuple[QuestionOutcome, ...] = field(repr=False)
    coverage: float  # 0..1 share of the counted weight that was actually answered

    @property
    def capped(self) -> bool:
        return self.level.index < self.level_by_score.index

    def outcome(self, key: str) -> QuestionOutcome:
        return next(o for o in self.outcomes if o.key == key)

    def answers(self) -> dict[str, object]:
        """The answers that counted or were recorded (skipped ones are never included)."""
        return {
            o.key: o.value
            for o in self.outcomes
            if o.status not in (Status.SKIPPED, Status.NOT_ANSWERED) and o.type != "derived"
        }

    def to_dict(self, lang: Lang = "id") -> dict[str, Any]:
        """The documented JSON shape of a result (``ekspor score --json``)."""

        def text(t: Text | None) -> str | None:
            return t.get(lang) if t is not None else None

        def gap(g: Gap) -> dict[str, Any]:
            return {
                "question": g.key,
                "dimension": g.dimension,
                "label": text(g.label),
                "status": g.status,
                "impact": g.impact,
                "knockout": g.knockout,
                "message": text(g.message),
                "recommendation": text(g.next_step),
                "program": text(g.program),
            }

        return {
            "criteria": {
                "id": self.criteria.id,
                "version": self.criteria.version,
                "sha256": self.criteria.sha256,
            },
            "score": self.score,
            "level": {"key": self.level.key, "label": text(self.level.label)},
            "level_by_score": {
                "key": self.level_by_score.key,
                "label": text(self.level_by_score.label),
            },
            "capped": self.capped,
            "coverage": round(self.coverage, 4),
            "dimensions": [
                {
                    "key": d.key,
                    "label": text(d.label),
                    "weight": d.weight,
                    "score": d.score,
                    "counted": d.counted,
                    "answered": d.answered,
                }
                for d in self.dimensions
            ],
            "knockouts": [k.key for k in self.knockouts],
            "knockout_details": [
                {
                    "question": k.key,
                    "dimension": k.dimension,
                    "status": k.status,
                    "cap": k.cap,
                    "reason": text(k.reason),
                    "recommendation": text(k.next_step),
                    "program": text(k.program),
                }
                for k in self.knockouts
            ],
            "gaps": [gap(g) for g in self.gaps],
            "to_verify": [gap(g) for g in self.to_verify],
            "strengths": list(self.strengths),
            "questions": [
                {
                    "key": o.key,
                    "dimension": o.dimension,
                    "type": o.type,
                    "status": o.status,
                    "answer": _json_value(o.value),
                    "answer_text": format_value(o.value),
                    "fraction": o.fraction,
                    "points": round(o.earned, 4),
                    "possible": round(o.possible, 4),
                    "why": o.reason.get(lang) or o.reason.get("id", ""),
                }
                for o in self.outcomes
            ],
        }


def _json_value(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return format_value(value)
