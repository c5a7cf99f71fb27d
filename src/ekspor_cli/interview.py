"""The interview as a pure state machine: what to ask next, and what an answer changes.

Why pure: the officer's terminal, the tests, the benchmark and a future full-screen UI all
drive the same object, so "back", "jump", skip logic and progress behave identically
everywhere and are tested without a terminal.  Nothing here prints, reads input, touches
files or looks at the clock; the CLI is a thin adapter around :class:`Interview`.

The steps are the business profile fields, then every question that is asked (derived
values are computed, never asked).  ``when:`` conditions are re-evaluated after every
answer by :func:`ekspor_cli.visibility.walk`, the same function scoring uses, so a question
appears or disappears as soon as the answer it depends on changes.  An answer to a question
that is hidden later is *kept* (it comes back if the officer changes their mind) but never
scored or exported: use :meth:`Interview.scoring_values`.

>>> from ekspor_cli import load_bundled_criteria
>>> iv = Interview(load_bundled_criteria())
>>> iv.current
Step(kind='profile', key='business_name')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .criteria import Criteria, QuestionInfo
from .model import (
    Dimension,
    MultipleChoiceQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from .parsing import DONT_KNOW, fold
from .profile_fields import PROFILE_FIELDS, REQUIRED_PROFILE
from .visibility import walk

__all__ = [
    "Interview",
    "Mode",
    "Progress",
    "ReviewRow",
    "ReviewStatus",
    "State",
    "Step",
    "claims_something",
]

Mode = Literal["sequential", "fill"]


@dataclass(frozen=True, order=True)
class Step:
    """One thing the officer is asked: a profile field or a question (by key)."""

    kind: Literal["profile", "question"]
    key: str

    @property
    def code(self) -> str:
        """A stable text form for draft files: ``p:nib`` or ``q:punya_nib``."""
        return f"{self.kind[0]}:{self.key}"

    @classmethod
    def from_code(cls, code: str) -> Step | None:
        prefix, _, key = code.partition(":")
        if prefix == "p" and key in PROFILE_FIELDS:
            return cls("profile", key)
        if prefix == "q" and key:
            return cls("question", key)
        return None


# --- the state machine ------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """Everything needed to continue an interview later (see :mod:`ekspor_cli.drafts`)."""

    profile: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, object] = field(default_factory=dict)  # hidden answers kept
    evidence: Mapping[str, bool] = field(default_factory=dict)  # key -> document seen
    skipped: frozenset[str] = frozenset()  # optional questions passed over on purpose
    cursor: str | None = "p:business_name"  # Step.code; None = at the review
    mode: Mode = "sequential"


@dataclass(frozen=True)
class Progress:
    """Where the officer is: "Bagian 2/9 · Pertanyaan 7/45" (profile: section 0)."""

    section: int
    sections: int
    number: int
    total: int
    dimension: Dimension | None


ReviewStatus = Literal["answered", "dont_know", "skipped", "unanswered", "computed"]


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review: ``number`` is what ``lompat`` takes ("P2", "7"; "" if fixed)."""

    number: str
    step: Step
    status: ReviewStatus
    value: object
    dimension: Dimension | None


class Interview:
    """The interview over one criteria file.  Mutated only through its command methods.

    After :meth:`answer` or :meth:`skip` the cursor moves on: in ``sequential`` mode to the
    next visible step (already answered ones show their answer as the default); after a
    :meth:`jump` (``fill`` mode) to the next step *not yet answered*, and to the review
    (``current is None``) when there is none.
    """

    def __init__(self, criteria: Criteria, state: State | None = None) -> None:
        state = state or State()
        self.criteria = criteria
        self.profile: dict[str, str] = {
            k: v for k, v in state.profile.items() if k in PROFILE_FIELDS
        }
        self.values: dict[str, object] = dict(state.values)
        self.evidence: dict[str, bool] = dict(state.evidence)
        self.skipped: set[str] = set(state.skipped)
        self.mode: Mode = state.mode
        self._infos: tuple[QuestionInfo, ...] = tuple(
            info for info in criteria.questions if info.type != "derived"
        )
        self.steps: tuple[Step, ...] = tuple(Step("profile", k) for k in PROFILE_FIELDS) + tuple(
            Step("question", info.key) for info in self._infos
        )
        self._order = {step: i for i, step in enumerate(self.steps)}
        self.walk = walk(criteria, self.values)
        cursor = Step.from_code(state.cursor) if state.cursor else None
        if cursor is not None and not self.is_visible(cursor):
            cursor = None
        if cursor is None:
            # At the review, or the saved position is gone (criteria changed): ask what is
            # still open, then return to the review.
            cursor = self._first_unvisited()
            self.mode = "fill"
        self.current: Step | None = cursor

    # -- queries ---------------------------------------------------------------------

    def info(self, step: Step) -> QuestionInfo:
        return self.criteria.by_key[step.key]

    def is_visible(self, step: Step) -> bool:
        if step.kind == "profile":
            return step.key in PROFILE_FIELDS
        return step in self._order and step.key in self.walk.visible

    def visible_steps(self) -> list[Step]:
        return [s for s in self.steps if self.is_visible(s)]

    def is_visited(self, step: Step) -> bool:
        """Answered, "tidak tahu" or skipped on purpose (profile: given, even empty)."""
        if step.kind == "profile":
            return step.key in self.profile
        return step.key in self.values or step.key in self.skipped

    def unvisited(self) -> list[Step]:
        return [s for s in self.visible_steps() if not self.is_visited(s)]

    def is_required(self, step: Step) -> bool:
        if step.kind == "profile":
            return step.key in REQUIRED_PROFILE
        return self.info(step).question.required

    def progress(self, step: Step | None = None) -> Progress:
        step = step or self.current
        if step is None or step.kind == "profile":
            number = PROFILE_FIELDS.index(step.key) + 1 if step else 0
            return Progress(0, 0, number, len(PROFILE_FIELDS), None)
        questions = [s for s in self.visible_steps() if s.kind == "question"]
        dims: list[str] = []
        for s in questions:
            dim_key = self.info(s).dimension.key
            if not dims or dims[-1] != dim_key:
                dims.append(dim_key)
        dimension = self.info(step).dimension
        number = questions.index(step) + 1 if step in questions else 0
        section = dims.index(dimension.key) + 1 if dimension.key in dims else 0
        return Progress(section, len(dims), number, len(questions), dimension)

    def review(self) -> list[ReviewRow]:
        """Every visible step with its status; computed values listed without a number."""
        rows: list[ReviewRow] = []
        for n, key in enumerate(PROFILE_FIELDS, start=1):
            text = self.profile.get(key)
            status: ReviewStatus = "answered" if text else "unanswered"
            if text == "":
                status = "skipped"
            rows.append(ReviewRow(f"P{n}", Step("profile", key), status, text or None, None))
        number = 0
        for info in self.criteria.questions:
            if info.key not in self.walk.visible:
                continue
            step = Step("question", info.key)
            if info.type == "derived":
                computed = self.walk.env.get(info.key)
                rows.append(ReviewRow("", step, "computed", computed, info.dimension))
                continue
            number += 1
            value = self.values.get(info.key)
            if value is DONT_KNOW:
                status = "dont_know"
            elif value is not None:
                status = "answered"
            elif info.key in self.skipped:
                status = "skipped"
            else:
                status = "unanswered"
            rows.append(ReviewRow(str(number), step, status, value, info.dimension))
        return rows

    def find(self, ref: str) -> Step | None:
        """The visible step a ``lompat`` argument names: "7", "P2" or a question key."""
        ref = fold(ref)
        for row in self.review():
            if not row.number:
                continue
            if fold(row.number) == ref or (row.step.kind == "question" and row.step.key == ref):
                return row.step
        return None

    def scoring_values(self) -> dict[str, object]:
        """The answers that count: visible questions only, never a hidden leftover."""
        return {
            k: v
            for k, v in self.values.items()
            if k in self.walk.visible and v is not None and k in self.criteria.by_key
        }

    def scoring_evidence(self) -> dict[str, bool]:
        """Evidence notes for the answers that count (same rule as :meth:`scoring_values`)."""
        counted = self.scoring_values()
        return {k: v for k, v in self.evidence.items() if k in counted}

    def needs_evidence(self, step: Step, value: object) -> bool:
        """Ask "was the document seen?" only when the answer claims something exists."""
        if step.kind != "question":
            return False
        return self.info(step).question.evidence and claims_something(self.info(step), value)

    @property
    def state(self) -> State:
        return State(
            profile=dict(self.profile),
            values=dict(self.values),
            evidence=dict(self.evidence),
            skipped=frozenset(self.skipped),
            cursor=self.current.code if self.current else None,
            mode=self.mode,
        )

    # -- commands --------------------------------------------------------------------

    def set_profile(self, field_key: str, value: str) -> None:
        """Record a profile field (already checked by :func:`read_profile`) and move on."""
        self.profile[field_key] = value
        self._advance(Step("profile", field_key))

    def answer(self, value: object, evidence: bool | None = None) -> None:
        """Record the canonical ``value`` for the current question and move on."""
        step = self._current_question()
        key = step.key
        self.values[key] = value
        self.skipped.discard(key)
        if evidence is None or not self.needs_evidence(step, value):
            self.evidence.pop(key, None)
        else:
            self.evidence[key] = evidence
        self.walk = walk(self.criteria, self.values)
        self._advance(step)

    def skip(self) -> None:
        """Pass over an optional question or profile field on purpose."""
        step = self.current
        if step is None or self.is_required(step):
            raise ValueError("only an optional question can be skipped")
        if step.kind == "profile":
            self.profile[step.key] = ""
        else:
            self.values.pop(step.key, None)
            self.evidence.pop(step.key, None)
            self.skipped.add(step.key)
            self.walk = walk(self.criteria, self.values)
        self._advance(step)

    def back(self) -> bool:
        """Go to the previous visible step (from the review: the last one)."""
        visible = self.visible_steps()
        if self.current is None:
            target = visible[-1] if visible else None
        else:
            earlier = [s for s in visible if self._order[s] < self._order[self.current]]
            target = earlier[-1] if earlier else None
        if target is None:
            return False
        self.current = target
        self.mode = "sequential"
        return True

    def jump(self, step: Step) -> None:
        """Go to any visible step; after answering it, continue with what is still open."""
        if not self.is_visible(step) or step not in self._order:
            raise ValueError(f"cannot jump to {step.code}: it is not asked")
        self.current = step
        self.mode = "fill"

    # -- internals -------------------------------------------------------------------

    def _current_question(self) -> Step:
        if self.current is None or self.current.kind != "question":
            raise ValueError("the current step is not a question")
        return self.current

    def _first_unvisited(self, after: Step | None = None) -> Step | None:
        open_steps = self.unvisited()
        if after is not None:
            later = [s for s in open_steps if self._order[s] > self._order[after]]
            if later:
                return later[0]
        return open_steps[0] if open_steps else None

    def _advance(self, done: Step) -> None:
        if self.mode == "fill":
            self.current = self._first_unvisited(done)
            return
        later = [s for s in self.visible_steps() if self._order[s] > self._order[done]]
        self.current = later[0] if later else self._first_unvisited()


def claims_something(info: QuestionInfo, value: object) -> bool:
    """Whether ``value`` says a document/thing exists (so seeing it can be noted).

    Yes/no: the "met" answer; choices: any chosen option worth points; numbers and
    scales: any real value.  "tidak tahu" and no answer claim nothing.
    """
    q = info.question
    if value is None or value is DONT_KNOW:
        return False
    if isinstance(q, YesNoQuestion):
        return value == (q.ready == "yes")
    if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
        chosen: Iterable[object] = value if isinstance(value, tuple) else (value,)
        points = {c.key: (c.points or 0) for c in q.choices if not c.not_applicable}
        return any(points.get(str(k), 0) > 0 for k in chosen)
    return True
