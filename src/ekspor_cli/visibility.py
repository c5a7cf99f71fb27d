"""Skip logic: which questions are asked, given the answers so far.

Why one module: the interview (what to ask next), scoring (what counts) and batch scoring
must agree exactly on which questions a ``when:`` hides -- the stale-answer bug of survey
tools is two places disagreeing about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .criteria import Criteria
from .parsing import DONT_KNOW

__all__ = ["Walk", "condition_value", "walk"]


@dataclass(frozen=True)
class Walk:
    """Which questions are visible for some answers, and the values conditions saw."""

    visible: frozenset[str]
    env: Mapping[str, object]  # key -> value as conditions see it (derived values included)


def condition_value(value: object) -> object:
    """The value a ``when:``/derived expression sees: "tidak tahu" counts as unknown."""
    return None if value is DONT_KNOW else value


def walk(criteria: Criteria, values: Mapping[str, object]) -> Walk:
    """Evaluate skip logic over ``values`` in asking order.

    Scoring and the interview both call this, so they can never disagree: a question is
    visible only when its ``when:`` is exactly true; a hidden question and "tidak tahu" are
    ``None`` to later conditions; derived values are computed, not read.
    """
    env: dict[str, object] = {}
    visible: set[str] = set()
    for info in criteria.questions:
        key = info.key
        if info.when is not None and info.when(env) is not True:
            env[key] = None
            continue
        visible.add(key)
        if info.type == "derived":
            value = info.derive(env) if info.derive else None
            env[key] = float(value) if isinstance(value, int | float) else None
        else:
            env[key] = condition_value(values.get(key))
    return Walk(frozenset(visible), env)
