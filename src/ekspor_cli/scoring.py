"""The scoring engine: canonical answers in, an explainable :class:`Result` out.

Pure and deterministic: no I/O, no printing, no clock.  The rules (docs/criteria.md,
"Scoring"):

* a scored question earns a fraction ``p`` in [0, 1] of its points; a missing answer or
  "tidak tahu" counts 0; a question hidden by ``when:`` or answered "not applicable" does
  not count at all;
* dimension score = 100 * sum(w_q * p_q) / sum(w_q) over its counted questions;
* overall = mean of dimension scores weighted by dimension weight, over dimensions with at
  least one counted question;
* coverage = the dimensions' weights times the answered share of their counted weight,
  over the same total: ``sum(W_d * answered_d / wsum_d) / sum(W_d)``;
* a dimension's weight sum, weighted sum and answered weight, the overall weighted mean and
  coverage are :func:`math.fsum`: the exact sum, rounded once.  Results therefore do not
  depend on the order of the terms or on the Python version (``sum()`` of floats changed
  in 3.12), and batch scoring may add the same terms in any grouping (see
  :mod:`ekspor_cli.fastscore`) and still get these very numbers;
* the overall score is rounded half-up to one decimal *before* the level is chosen, so a
  score on a threshold lands on the same level;
* a failed (or unverified) knock-out caps the level;
* a gap's impact is the overall points gained if that question alone were fully met.

Criteria are compiled once into a :class:`Plan` of lookup tables (points per choice, band
edges), which batch scoring reuses for every row.

>>> from ekspor_cli import load_bundled_criteria, score
>>> score(load_bundled_criteria(), {"punya_nib": "tidak"}).level.key
'pra_ekspor'
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal as _D
from functools import lru_cache
from typing import Any

from . import expr
from .answers import AnswerReader, format_value
from .criteria import Criteria, QuestionInfo
from .errors import AnswerError
from .model import (
    DerivedQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from .parsing import DONT_KNOW
from .result import (
    CriteriaRef,
    DimensionScore,
    Gap,
    KnockoutOutcome,
    LevelRef,
    QuestionOutcome,
    Result,
    Status,
)
from .visibility import walk

_ONE_DECIMAL = _D("0.1")


def official(value: float) -> float:
    """Round a score half-up to one decimal, after absorbing float summation noise.

    ``69.94999999999999`` and ``69.95000000000001`` (the same sum in another order) both
    become ``70.0``; the level is then decided on exactly what the report shows.
    """
    return float(_D(repr(round(value, 9))).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class _Step:
    """One question compiled for scoring."""

    info: QuestionInfo
    dim: int  # index of its dimension
    weight: float
    scored: bool
    choice_fraction: Mapping[str, float | None]  # choice key -> p (None = not applicable)
    choice_points: Mapping[str, float]  # multiple choice: points summed before dividing once
    band_mins: tuple[float, ...]
    band_fractions: tuple[float, ...]
    full_points: float  # multiple choice: points that count as fully met
    ready: bool  # yes/no
    scale: tuple[int, int]  # (min, ready_at)


def full_points(question: MultipleChoiceQuestion) -> float:
    """The points that count as fully met: ``full_points``, else every positive point of
    the counted (applicable) choices."""
    points = (float(c.points or 0) for c in question.choices if not c.not_applicable)
    return float(question.full_points or sum(p for p in points if p > 0))


def ready_point(question: ScaleQuestion) -> int:
    """The scale value that counts as fully met: ``ready_at``, else the top of the scale."""
    return question.ready_at if question.ready_at is not None else question.max


class Plan:
    """Criteria compiled for fast, repeated scoring.  Build with :func:`plan_for`."""

    def __init__(self, criteria: Criteria) -> None:
        self.criteria = criteria
        dim_index = {d.key: i for i, d in enumerate(criteria.dimensions)}
        self.dim_weights = tuple(float(d.weight) for d in criteria.dimensions)
        self.levels = tuple(LevelRef(lv.key, lv.label, i) for i, lv in enumerate(criteria.levels))
        self.level_mins = tuple(float(lv.min) for lv in criteria.levels)
        self._level_index = {lv.key: i for i, lv in enumerate(criteria.levels)}
        self.ref = CriteriaRef(criteria.id, criteria.version, criteria.sha256, criteria.model.title)
        self.steps = tuple(
            self._compile(info, dim_index[info.dimension.key]) for info in criteria.questions
        )

    def level_index(self, key: str) -> int:
        return self._level_index[key]

    @staticmethod
    def _compile(info: QuestionInfo, dim: int) -> _Step:
        q = info.question
        choice_fraction: dict[str, float | None] = {}
        choice_points: dict[str, float] = {}
        band_mins: tuple[float, ...] = ()
        band_fractions: tuple[float, ...] = ()
        full = 0.0
        scale = (0, 0)
        if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion) and q.scored:
            # Validation guarantees a counted choice with points > 0, so top > 0.
            points = [float(c.points or 0) for c in q.choices if not c.not_applicable]
            if isinstance(q, MultipleChoiceQuestion):
                full = full_points(q)
            top = full if isinstance(q, MultipleChoiceQuestion) else max(points)
            for c in q.choices:
                choice_points[c.key] = float(c.points or 0)
                choice_fraction[c.key] = None if c.not_applicable else (c.points or 0) / top
        if isinstance(q, NumberQuestion | DerivedQuestion) and q.bands:
            top = max(b.points for b in q.bands)
            band_mins = tuple(float(b.min) for b in q.bands)
            band_fractions = tuple(b.points / top for b in q.bands)
        if isinstance(q, ScaleQuestion):
            scale = (q.min, ready_point(q))
        return _Step(
            info=info,
            dim=dim,
            weight=float(getattr(q, "weight", 0) or 0),
            scored=q.scored,
            choice_fraction=choice_fraction,
            choice_points=choice_points,
            band_mins=band_mins,
            band_fractions=band_fractions,
            full_points=full,
            ready=isinstance(q, YesNoQuestion) and q.ready == "yes",
            scale=scale,
        )

    def fraction(self, step: _Step, value: object) -> float | None:
        """p in [0, 1] for a real answer; None when the answer makes it not applicable."""
        q = step.info.question
        if isinstance(q, YesNoQuestion):
            return 1.0 if value == step.ready else 0.0
        if isinstance(q, SingleChoiceQuestion):
            return step.choice_fraction[str(value)]
        if isinstance(q, MultipleChoiceQuestion):
            assert isinstance(value, tuple)
            if value and all(step.choice_fraction[k] is None for k in value):
                return None
            # Sum the points, then divide once: 7 x (1/7) must be exactly 1, not 0.999...
            return min(1.0, sum(step.choice_points[k] for k in value) / step.full_points)
        if isinstance(q, ScaleQuestion):
            low, ready_at = step.scale
            return max(0.0, min(1.0, (float(value) - low) / (ready_at - low)))  # type: ignore[arg-type]
        # number / derived with bands
        i = bisect.bisect_right(step.band_mins, float(value)) - 1  # type: ignore[arg-type]
        return step.band_fractions[i] if i >= 0 else 0.0


@lru_cache(maxsize=16)
def plan_for(criteria: Criteria) -> Plan:
    """The compiled plan for ``criteria`` (cached: criteria objects are immutable)."""
    return Plan(criteria)


def score(criteria: Criteria, answers: Mapping[str, Any], *, decimal: str = "auto") -> Result:
    """Score a mapping of question key -> answer (text forms like ``"ya"``, ``"1.500"`` or
    typed values).  Raises :class:`AnswersError` listing every unreadable answer.

    >>> from ekspor_cli import load_bundled_criteria
    >>> r = score(load_bundled_criteria(), {"punya_nib": "ya", "punya_npwp": "ya"})
    >>> 0 <= r.score <= 100
    True
    """
    reader = AnswerReader(criteria, decimal)  # type: ignore[arg-type]
    values, errors = reader.read_all(answers)
    if errors:
        raise AnswersError(errors)
    return score_values(criteria, values)


class AnswersError(AnswerError):
    """Several answers could not be read; ``errors`` has one :class:`AnswerError` each."""

    def __init__(self, errors: list[AnswerError]) -> None:
        self.errors = errors
        lines = [f"{e.question}: {e.message}" + (f" ({e.hint})" if e.hint else "") for e in errors]
        super().__init__(f"{len(errors)} answer(s) could not be read:\n  " + "\n  ".join(lines))


def _reason(id_text: str, en_text: str) -> dict[str, str]:
    return {"id": id_text, "en": en_text}


def score_values(criteria: Criteria, values: Mapping[str, object]) -> Result:
    """Score canonical values (as produced by :class:`~ekspor_cli.answers.AnswerReader`).

    Answers to questions that ``when:`` hides are ignored entirely, whatever they are.
    """
    plan = plan_for(criteria)
    seen = walk(criteria, values)
    env = seen.env
    rows: list[tuple[_Step, str, object, float | None, dict[str, str]]] = []
    for step in plan.steps:
        info = step.info
        q = info.question
        if q.key not in seen.visible:
            rows.append(
                (
                    step,
                    Status.SKIPPED,
                    None,
                    None,
                    _reason(
                        f"tidak ditanyakan: syarat '{q.when}' tidak terpenuhi",
                        f"not asked: condition '{q.when}' is not met",
                    ),
                )
            )
            continue
        value = env[q.key] if isinstance(q, DerivedQuestion) else values.get(q.key)
        if value is None:
            why = None
            if isinstance(q, DerivedQuestion) and info.derive_node is not None:
                why = expr.why_missing(info.derive_node, env)
            status = Status.NOT_ANSWERED
            reason = _reason(
                f"tidak dapat dihitung ({why})" if why else "belum dijawab",
                f"cannot be computed ({why})" if why else "not answered",
            )
            rows.append((step, status, None, 0.0 if step.scored else None, reason))
            continue
        if value is DONT_KNOW:
            rows.append(
                (
                    step,
                    Status.DONT_KNOW,
                    value,
                    0.0 if step.scored else None,
                    _reason(
                        "dijawab 'tidak tahu': dihitung 0, periksa pada kunjungan berikut",
                        "answered 'don't know': counts 0, verify on the next visit",
                    ),
                )
            )
            continue
        if not step.scored:
            rows.append(
                (
                    step,
                    Status.NOT_SCORED,
                    value,
                    None,
                    _reason("dicatat, tidak dinilai", "recorded, not scored"),
                )
            )
            continue
        p = plan.fraction(step, value)
        if p is None:
            rows.append(
                (
                    step,
                    Status.NOT_APPLICABLE,
                    value,
                    None,
                    _reason(
                        "tidak berlaku untuk usaha ini: tidak dihitung",
                        "not applicable to this business: not counted",
                    ),
                )
            )
            continue
        shown = format_value(value)
        rows.append(
            (
                step,
                Status.ANSWERED,
                value,
                p,
                _reason(
                    f"jawaban '{shown}' memberi {p:.0%} dari poin pertanyaan ini",
                    f"answer '{shown}' earns {p:.0%} of this question's points",
                ),
            )
        )
    return _assemble(plan, rows, env)


def _assemble(
    plan: Plan,
    rows: list[tuple[_Step, str, object, float | None, dict[str, str]]],
    env: Mapping[str, object],
) -> Result:
    criteria = plan.criteria
    ndim = len(plan.dim_weights)
    weights: list[list[float]] = [[] for _ in range(ndim)]
    terms: list[list[float]] = [[] for _ in range(ndim)]
    answered_weights: list[list[float]] = [[] for _ in range(ndim)]
    answered = [0] * ndim
    for step, status, _value, p, _why in rows:
        if p is None:
            continue
        weights[step.dim].append(step.weight)
        terms[step.dim].append(step.weight * p)
        if status == Status.ANSWERED:
            answered_weights[step.dim].append(step.weight)
            answered[step.dim] += 1
    # Exact sums, rounded once (math.fsum): independent of the order of the terms.
    wsum = [math.fsum(w) for w in weights]
    wp = [math.fsum(t) for t in terms]
    aw = [math.fsum(a) for a in answered_weights]
    counted = [len(w) for w in weights]
    live = [i for i in range(ndim) if counted[i]]
    dw = plan.dim_weights
    dim_total = math.fsum(dw[i] for i in live)
    raw = coverage = 0.0
    if dim_total:
        raw = math.fsum(dw[i] * 100.0 * wp[i] / wsum[i] for i in live) / dim_total
        coverage = math.fsum(dw[i] * aw[i] / wsum[i] for i in live) / dim_total
    overall = official(raw)
    by_score = 0
    for i, minimum in enumerate(plan.level_mins):
        if overall >= minimum:
            by_score = i

    outcomes: list[QuestionOutcome] = []
    gaps: list[tuple[float, bool, int, Gap]] = []
    verify: list[tuple[float, bool, int, Gap]] = []
    knockouts: list[KnockoutOutcome] = []
    strengths: list[str] = []
    for step, status, value, p, reason in rows:
        q = step.info.question
        share = 0.0
        if p is not None and dim_total:
            share = plan.dim_weights[step.dim] / dim_total * step.weight / wsum[step.dim]
        earned = 100.0 * share * (p or 0.0)
        possible = 100.0 * share
        outcomes.append(
            QuestionOutcome(
                q.key, step.info.dimension.key, q.type, status, value, p, earned, possible, reason
            )
        )
        if status in (Status.SKIPPED, Status.NOT_APPLICABLE):
            continue
        ko_status = _knockout_status(step, status, p, env)
        if ko_status is not None and q.knockout is not None:
            cap = plan.level_index(q.knockout.cap) if q.knockout.cap else 0
            knockouts.append(
                KnockoutOutcome(
                    q.key,
                    step.info.dimension.key,
                    ko_status,
                    plan.levels[cap].key,
                    q.knockout.reason,
                    q.label,
                    q.next_step,
                    q.program,
                )
            )
        if p is None:
            continue
        if p >= 1.0 and ko_status is None:
            if status == Status.ANSWERED:
                strengths.append(q.key)
            continue
        impact = round(possible - earned, 2)
        gap = Gap(
            q.key,
            step.info.dimension.key,
            q.label,
            status,
            impact,
            ko_status is not None,
            q.gap,
            q.next_step,
            q.program,
        )
        entry = (-impact, ko_status is None, step.info.index, gap)
        (gaps if status == Status.ANSWERED else verify).append(entry)

    cap_index = min((plan.level_index(k.cap) for k in knockouts), default=len(plan.levels) - 1)
    final = min(by_score, cap_index)
    gaps.sort(key=lambda e: (e[1], e[0], e[2]))
    verify.sort(key=lambda e: (e[1], e[0], e[2]))
    dims = tuple(
        DimensionScore(
            d.key,
            d.label,
            float(d.weight),
            official(100.0 * wp[i] / wsum[i]) if counted[i] else None,
            counted[i],
            answered[i],
        )
        for i, d in enumerate(criteria.dimensions)
    )
    return Result(
        criteria=plan.ref,
        score=overall,
        level=plan.levels[final],
        level_by_score=plan.levels[by_score],
        knockouts=tuple(sorted(knockouts, key=lambda k: (k.status != "failed",))),
        dimensions=dims,
        gaps=tuple(e[3] for e in gaps),
        to_verify=tuple(e[3] for e in verify),
        strengths=tuple(strengths),
        outcomes=tuple(outcomes),
        coverage=min(1.0, coverage),
    )


def _knockout_status(
    step: _Step, status: str, p: float | None, env: Mapping[str, object]
) -> str | None:
    """'failed', 'unverified' or None (passed / not a knock-out)."""
    info = step.info
    if info.question.knockout is None:
        return None
    if info.fails_if is not None:
        verdict = info.fails_if(env)
        if verdict is True:
            return "failed"
        return "unverified" if verdict is None else None
    if status != Status.ANSWERED:
        return "unverified"
    return "failed" if p is not None and p <= 0.0 else None
