"""The action plan: the fewest gaps whose closing lifts a firm to the next readiness level.

Why a pure module of its own: "what must we fix first to move up?" is the question owners
and officers ask, and the answer must be provably right.  So nothing here is estimated
from impacts: every candidate plan is re-scored by the real engine
(:func:`~ekspor_cli.scoring.score_values`) with the chosen answers set to fully met, so the
plan reaches the level it promises -- knock-out caps, ``when:`` conditions and derived
values included.

The algorithm (docs/history.md, "Action plan"):

1. The target is the level just above the current one (no plan at the top level).
2. Knock-outs that cap the firm below the target must be closed: they come first.
3. Then the open gap with the largest impact, recomputed after every step (closing one gap
   can reveal follow-up questions), until re-scoring reaches the target.  Largest-first
   needs the fewest gaps whenever impacts add up, which they do unless a ``when:``
   condition changes what is asked.
4. Prune: drop any chosen gap (last chosen first) whose removal still reaches the target,
   so no step in the plan is superfluous.
5. Present the steps knock-outs first, then by impact; each step's projected score is
   re-scored cumulatively in that order.

Derived values (e.g. capacity / buyer volume) are not answers; "fully met" sets the derived
value itself to the lowest value of its best band, which the plan states as the target.

>>> from ekspor_cli import load_bundled_criteria
>>> plan = plan_actions(load_bundled_criteria(), {"punya_nib": False})
>>> plan.reachable, plan.target.key, plan.steps[0].kind
(True, 'pendampingan', 'knockout')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from .criteria import Criteria, QuestionInfo
from .model import (
    DerivedQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from .result import LevelRef, Result, Status
from .scoring import full_points, plan_for, ready_point, score_values

KNOCKOUT = "knockout"
GAP = "gap"
VERIFY = "verify"


@dataclass(frozen=True)
class ActionStep:
    """One gap to close: which answer closes it and where the score then stands."""

    key: str
    dimension: str
    kind: str  # KNOCKOUT, GAP (answered, not fully met) or VERIFY (not answered / don't know)
    status: str  # before: answered / not_answered / dont_know, or failed / unverified
    target: object  # the canonical answer (or derived value) that closes it
    low: float | None  # numbers: the target is the range low <= x < high (None = open)
    high: float | None
    impact: float  # overall points this step adds when it is chosen
    score_after: float  # projected score once this and every earlier step are done
    level_after: LevelRef


@dataclass(frozen=True)
class ActionPlan:
    """The plan to reach ``target`` (``None`` when the firm is already at the top level)."""

    current: LevelRef
    target: LevelRef | None
    reachable: bool
    steps: tuple[ActionStep, ...]
    projected_score: float
    projected_level: LevelRef
    blocked: tuple[str, ...] = ()  # open items no answer closes (e.g. a free-text knock-out)

    @property
    def at_top(self) -> bool:
        return self.target is None


@dataclass(frozen=True)
class _Open:
    key: str
    kind: str
    status: str
    impact: float
    forced: bool  # a knock-out capping below the target: must be closed


def plan_actions(criteria: Criteria, values: Mapping[str, object]) -> ActionPlan:
    """The action plan for canonical answers ``values`` (as stored or read by AnswerReader)."""
    scenario = _Scenario(criteria, values)
    base = scenario.score({})
    levels = plan_for(criteria).levels
    if base.level.index >= len(levels) - 1:
        return ActionPlan(base.level, None, True, (), base.score, base.level)
    target = levels[base.level.index + 1]
    fixes: dict[str, object] = {}
    picked: dict[str, _Open] = {}
    blocked: list[str] = []
    current = base
    while current.level.index < target.index:
        item = _next_open(current, target.index, criteria, set(picked) | set(blocked))
        if item is None:
            break
        closed = _closing_value(scenario, fixes, item.key)
        if closed is None:
            blocked.append(item.key)
            if item.forced:  # a capping knock-out nothing closes: the target is out of reach
                break
            continue
        fixes[item.key], current = closed
        picked[item.key] = item
    reachable = current.level.index >= target.index
    if reachable:
        for key in reversed(list(fixes)):
            trial = {k: v for k, v in fixes.items() if k != key}
            if scenario.score(trial).level.index >= target.index:
                fixes = trial
    # Shown knock-outs first (those capping below the target before the others), then by
    # impact: the set is already minimal, the order is how an owner should work through it.
    order = sorted(
        fixes,
        key=lambda k: (
            picked[k].kind != KNOCKOUT,
            not picked[k].forced,
            -picked[k].impact,
            criteria.by_key[k].index,
        ),
    )
    fixes = {key: fixes[key] for key in order}
    steps = _steps(scenario, fixes, picked)
    # The last step is already scored with every fix done: that is where the plan ends.
    end = steps[-1] if steps else None
    projected_score = end.score_after if end is not None else base.score
    projected_level = end.level_after if end is not None else base.level
    return ActionPlan(
        current=base.level,
        target=target,
        reachable=reachable,
        steps=steps,
        projected_score=projected_score,
        projected_level=projected_level,
        blocked=tuple(blocked),
    )


def _steps(
    scenario: _Scenario, fixes: Mapping[str, object], picked: Mapping[str, _Open]
) -> tuple[ActionStep, ...]:
    steps: list[ActionStep] = []
    done: dict[str, object] = {}
    for key, value in fixes.items():
        done[key] = value
        after = scenario.score(done)
        info = scenario.criteria.by_key[key]
        low, high = _bounds(info, value)
        item = picked[key]
        steps.append(
            ActionStep(
                key=key,
                dimension=info.dimension.key,
                kind=item.kind,
                status=item.status,
                target=value,
                low=low,
                high=high,
                impact=item.impact,
                score_after=after.score,
                level_after=after.level,
            )
        )
    return tuple(steps)


def _next_open(result: Result, target: int, criteria: Criteria, exclude: set[str]) -> _Open | None:
    """The next item to close: capping knock-outs first, then the largest impact."""
    plan = plan_for(criteria)
    for ko in result.knockouts:
        if ko.key not in exclude and plan.level_index(ko.cap) < target:
            impact = next(
                (g.impact for g in result.gaps + result.to_verify if g.key == ko.key), 0.0
            )
            return _Open(ko.key, KNOCKOUT, ko.status, impact, forced=True)
    gaps = [g for g in result.gaps + result.to_verify if g.key not in exclude and g.impact > 0]
    if not gaps:
        return None
    best = min(gaps, key=lambda g: (-g.impact, criteria.by_key[g.key].index))
    if best.knockout:
        status = next((k.status for k in result.knockouts if k.key == best.key), best.status)
        return _Open(best.key, KNOCKOUT, status, best.impact, forced=False)
    kind = VERIFY if best.status != Status.ANSWERED else GAP
    return _Open(best.key, kind, best.status, best.impact, forced=False)


def _closing_value(
    scenario: _Scenario, fixes: Mapping[str, object], key: str
) -> tuple[object, Result] | None:
    """The first candidate answer that closes ``key`` (no gap, no knock-out), re-scored."""
    info = scenario.criteria.by_key[key]
    for candidate in _candidates(info, scenario.values.get(key)):
        result = scenario.score({**fixes, key: candidate})
        still_open = {g.key for g in result.gaps + result.to_verify}
        still_open |= {k.key for k in result.knockouts}
        if key not in still_open:
            return candidate, result
    return None


def _candidates(info: QuestionInfo, current: object) -> list[object]:
    """Answers that may close a question, best first (the fully met answer leads)."""
    q = info.question
    if isinstance(q, YesNoQuestion):
        met = q.ready == "yes"
        return [met, not met]
    if isinstance(q, SingleChoiceQuestion):
        usable = [c for c in q.choices if not c.not_applicable]
        return [c.key for c in sorted(usable, key=lambda c: -(c.points or 0))]
    if isinstance(q, MultipleChoiceQuestion):
        usable = sorted(
            (c for c in q.choices if not c.not_applicable), key=lambda c: -(c.points or 0)
        )
        full = full_points(q)
        best: list[str] = []
        total = 0.0
        for choice in usable:
            if total >= full or choice.exclusive or not choice.points:
                continue
            best.append(choice.key)
            total += choice.points
        order = {c.key: i for i, c in enumerate(q.choices)}
        return [tuple(sorted(best, key=order.__getitem__)), *((c.key,) for c in usable)]
    if isinstance(q, ScaleQuestion):
        ready = ready_point(q)
        return [*range(ready, q.max + 1), *range(ready - 1, q.min - 1, -1)]
    if isinstance(q, NumberQuestion | DerivedQuestion):
        if q.bands:
            ranked = sorted(q.bands, key=lambda b: -b.points)
            return [float(b.min) for b in ranked]
        return _ladder(q, current)
    return []  # free text: nothing to compute


def _ladder(q: NumberQuestion | DerivedQuestion, current: object) -> list[object]:
    """Round numbers to try for an unscored number that carries a knock-out, nearest first."""
    low = q.min if isinstance(q, NumberQuestion) else None
    high = q.max if isinstance(q, NumberQuestion) else None
    values: set[float] = {0.0, *(float(10**k) for k in range(-2, 10))}
    values |= {float(v) for v in (low, high) if v is not None}
    if isinstance(q, NumberQuestion) and q.integer:  # (0.01 is no answer to "how many")
        values = {v for v in values if v.is_integer()}
    inside = [v for v in values if (low is None or v >= low) and (high is None or v <= high)]
    here = float(current) if isinstance(current, int | float) else 0.0
    inside.sort(key=lambda v: (abs(v - here), v))
    return list(inside)


def _bounds(info: QuestionInfo, value: object) -> tuple[float | None, float | None]:
    """The range a numeric target stands for: a band is ``min <= x < next band's min``."""
    q = info.question
    if isinstance(q, ScaleQuestion) and isinstance(value, int):
        return float(value), None
    if isinstance(q, NumberQuestion | DerivedQuestion) and q.bands and isinstance(value, float):
        mins = sorted(float(b.min) for b in q.bands)
        above = [m for m in mins if m > value]
        return value, (above[0] if above else None)
    return None, None


class _Scenario:
    """The firm's answers with some questions set to met, re-scored by the real engine."""

    def __init__(self, criteria: Criteria, values: Mapping[str, object]) -> None:
        self.criteria = criteria
        self.values = dict(values)
        self._fixed: dict[frozenset[tuple[str, object]], Criteria] = {}

    def score(self, fixes: Mapping[str, object]) -> Result:
        answers = dict(self.values)
        derived: dict[str, object] = {}
        for key, value in fixes.items():
            if isinstance(self.criteria.by_key[key].question, DerivedQuestion):
                derived[key] = value
            else:
                answers[key] = value
        return score_values(self._criteria_with(derived), answers)

    def _criteria_with(self, derived: Mapping[str, object]) -> Criteria:
        """The criteria with some derived values pinned (the engine computes the rest)."""
        if not derived:
            return self.criteria
        key = frozenset(derived.items())
        clone = self._fixed.get(key)
        if clone is None:
            infos = tuple(
                replace(info, derive=_Constant(derived[info.key])) if info.key in derived else info
                for info in self.criteria.questions
            )
            clone = replace(self.criteria, questions=infos, by_key={i.key: i for i in infos})
            self._fixed[key] = clone
        return clone


@dataclass(frozen=True)
class _Constant:
    """An evaluator that ignores the answers: a derived value pinned to its target."""

    value: object

    def __call__(self, env: Mapping[str, object]) -> object:
        return self.value
