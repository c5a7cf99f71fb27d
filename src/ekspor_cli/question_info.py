"""A question with what scoring and the interview need precomputed.

Why its own module: the whole-file checks build these and :class:`~ekspor_cli.criteria.Criteria`
holds them; keeping the type apart keeps both modules small and free of import cycles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import expr
from .model import AnyQuestion, Dimension

Evaluator = Callable[[Mapping[str, object]], object]


@dataclass(frozen=True)
class QuestionInfo:
    """A question with everything scoring needs precomputed."""

    question: AnyQuestion
    dimension: Dimension
    index: int  # position in asking order, 0-based, across the whole file
    when: Evaluator | None = None
    when_node: expr.Node | None = None
    derive: Evaluator | None = None
    derive_node: expr.Node | None = None
    fails_if: Evaluator | None = None

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def type(self) -> str:
        return self.question.type

    @property
    def scored(self) -> bool:
        return self.question.scored

    def header_names(self) -> list[str]:
        """Every header a batch file may use for this question (key, labels, aliases)."""
        return [name for name, _ in header_sources(self.question)]


def header_sources(q: AnyQuestion) -> list[tuple[str, tuple[str | int, ...]]]:
    """Each header a batch file may use for ``q`` with the field that sets it (``key``,
    ``label``, ``aliases``/i): for matching columns, and for naming a clash in the file."""
    names: list[tuple[str, tuple[str | int, ...]]] = [(q.key, ("key",)), (q.label.id, ("label",))]
    if q.label.en:
        names.append((q.label.en, ("label",)))
    names += [(alias, ("aliases", i)) for i, alias in enumerate(q.aliases)]
    return names
