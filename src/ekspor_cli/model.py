"""The criteria format, as pydantic models: what a program manager may write in YAML.

Why pydantic: the format is data, so a schema checks it, gives every error a path that we
map back to a file line, and generates the JSON Schema editors use for autocompletion.
Cross-field rules that need the whole file (unique keys, ``when:`` references, level
ranges) live in :mod:`ekspor_cli.criteria`, which reports them with positions too.

Field names are English; every human text is bilingual (:class:`Text`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    field_validator,
    model_validator,
)

from .i18n import Lang, pick

KEY_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
_KEY_RE = re.compile(KEY_PATTERN)

FORMAT_VERSION = 1


def _text(value: Any) -> Any:
    """Accept ``"teks"`` (Indonesian) or ``{id: ..., en: ...}``; normalise to a dict."""
    if isinstance(value, str):
        return {"id": value}
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Text(_Strict):
    """A human text in Bahasa Indonesia (required) and English (optional)."""

    id: Annotated[StrictStr, Field(min_length=1, description="Teks Bahasa Indonesia (wajib).")]
    en: Annotated[StrictStr | None, Field(default=None, description="English text (optional).")]

    def get(self, lang: Lang) -> str:
        return pick({"id": self.id, "en": self.en or ""}, lang)


LText = Annotated[Text, BeforeValidator(_text)]
Key = Annotated[StrictStr, Field(pattern=KEY_PATTERN, description="lowercase a-z, 0-9, _")]
Number = Annotated[int | float, Field(allow_inf_nan=False)]
Weight = Annotated[Number, Field(gt=0, description="Relative weight, > 0.")]
Points = Annotated[Number, Field(ge=0, description="Points, >= 0.")]


class Level(_Strict):
    """A readiness level: reached when the overall score is at least ``min``."""

    key: Key
    label: LText
    min: Annotated[Number, Field(ge=0, le=100)]
    max: Annotated[Number | None, Field(default=None, ge=0, le=100)] = None
    description: LText | None = None


class Choice(_Strict):
    """One option of a single- or multiple-choice question."""

    key: Key
    label: LText
    points: Points | None = None
    not_applicable: StrictBool = Field(
        default=False,
        description="Choosing this removes the question from scoring (e.g. 'tidak wajib').",
    )
    exclusive: StrictBool = Field(
        default=False, description="Multiple choice only: cannot be combined (e.g. 'tidak ada')."
    )
    aliases: list[StrictStr] = Field(default_factory=list)


class Band(_Strict):
    """Points for numbers from ``min`` upward (up to the next band's ``min``)."""

    min: Number
    points: Points
    label: LText | None = None


class Knockout(_Strict):
    """A question that, when not met, caps the readiness level whatever the score."""

    cap: Key | None = Field(
        default=None, description="Highest level reachable while failed (default: the lowest)."
    )
    reason: LText = Field(description="Why this blocks export (shown first in the report).")
    fails_if: StrictStr | None = Field(
        default=None,
        description="Expression; default: the knock-out fails when the answer scores 0 points.",
    )


class _Question(_Strict):
    key: Key
    label: LText
    help: LText | None = None
    required: StrictBool = False
    allow_dont_know: StrictBool = True
    evidence: StrictBool = Field(
        default=False, description="Ask the officer whether a document was seen."
    )
    aliases: list[StrictStr] = Field(default_factory=list)
    when: StrictStr | None = Field(
        default=None, description="Ask only when this expression over earlier answers is true."
    )
    gap: LText | None = Field(default=None, description="Shown when the question is not met.")
    next_step: LText | None = Field(default=None, description="Recommended next step.")
    program: LText | None = Field(default=None, description="Program that helps, with year.")
    knockout: Knockout | None = None

    @property
    def scored(self) -> bool:
        return False


class _ScoredQuestion(_Question):
    weight: Weight = 1

    @property
    def scored(self) -> bool:
        return True


class YesNoQuestion(_ScoredQuestion):
    type: Literal["yes_no"]
    ready: Literal["yes", "no"] = Field(default="yes", description="The answer that is met.")
    default: StrictBool | StrictStr | None = None


class _ChoiceQuestion(_ScoredQuestion):
    choices: Annotated[list[Choice], Field(min_length=2)]
    record_only: StrictBool = Field(
        default=False,
        description="Recorded and usable in conditions (e.g. the sector), but not scored: "
        "choices need no points and 'weight' is not used.",
    )

    @property
    def scored(self) -> bool:
        return not self.record_only


class SingleChoiceQuestion(_ChoiceQuestion):
    type: Literal["single_choice"]
    default: StrictStr | None = None


class MultipleChoiceQuestion(_ChoiceQuestion):
    type: Literal["multiple_choice"]
    full_points: Points | None = Field(
        default=None, description="Points that count as fully met (default: all positive points)."
    )
    default: list[StrictStr] | StrictStr | None = None


class _NumericMixin(_Strict):
    unit: LText | None = None
    bands: list[Band] | None = Field(
        default=None, description="Scoring bands; without bands the number is recorded only."
    )

    @field_validator("bands")
    @classmethod
    def _bands_ascending(cls, bands: list[Band] | None) -> list[Band] | None:
        if bands is not None:
            if not bands:
                raise ValueError("bands must not be empty (leave 'bands' out to record only)")
            mins = [b.min for b in bands]
            if any(b <= a for a, b in zip(mins, mins[1:], strict=False)):
                raise ValueError("band 'min' values must be strictly increasing")
            if max(b.points for b in bands) <= 0:
                raise ValueError("at least one band must give more than 0 points")
        return bands


class NumberQuestion(_NumericMixin, _Question):
    type: Literal["number"]
    weight: Weight = 1
    min: Number | None = None
    max: Number | None = None
    integer: StrictBool = False
    default: Number | StrictStr | None = None

    @property
    def scored(self) -> bool:
        return self.bands is not None

    @model_validator(mode="after")
    def _range(self) -> NumberQuestion:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("'min' must not be greater than 'max'")
        return self


class ScaleQuestion(_ScoredQuestion):
    type: Literal["scale"]
    min: Annotated[int, Field(strict=True)] = 1
    max: Annotated[int, Field(strict=True)] = 5
    ready_at: Annotated[int | None, Field(strict=True)] = Field(
        default=None, description="Value that counts as fully met (default: max)."
    )
    labels: dict[int, LText] = Field(default_factory=dict)
    default: int | StrictStr | None = None

    @field_validator("labels", mode="before")
    @classmethod
    def _label_keys(cls, value: Any) -> Any:
        # YAML keys like `1:` arrive as ints; "1" (quoted) is accepted too.
        if isinstance(value, dict):
            out: dict[Any, Any] = {}
            for k, v in value.items():
                out[int(k) if isinstance(k, str) and k.isdigit() else k] = v
            return out
        return value

    @model_validator(mode="after")
    def _range(self) -> ScaleQuestion:
        if self.min >= self.max:
            raise ValueError("scale 'min' must be less than 'max'")
        if self.ready_at is not None and not self.min < self.ready_at <= self.max:
            raise ValueError("'ready_at' must lie above 'min' and not above 'max'")
        bad = [k for k in self.labels if not self.min <= k <= self.max]
        if bad:
            raise ValueError(f"label for {bad[0]} is outside the scale {self.min}-{self.max}")
        return self


class TextQuestion(_Question):
    """Free text: recorded in the result, never scored."""

    type: Literal["text"]
    max_length: Annotated[int, Field(strict=True, ge=1, le=10_000)] = 1000
    default: StrictStr | None = None


class DerivedQuestion(_NumericMixin, _Question):
    """A value computed from earlier numeric answers, scored by bands like a number."""

    type: Literal["derived"]
    weight: Weight = 1
    expr: StrictStr = Field(description="Arithmetic over earlier numeric answers.")
    allow_dont_know: StrictBool = False

    @property
    def scored(self) -> bool:
        return self.bands is not None


Question = Annotated[
    YesNoQuestion
    | SingleChoiceQuestion
    | MultipleChoiceQuestion
    | NumberQuestion
    | ScaleQuestion
    | TextQuestion
    | DerivedQuestion,
    Field(discriminator="type"),
]

QUESTION_TYPES = (
    "yes_no",
    "single_choice",
    "multiple_choice",
    "number",
    "scale",
    "text",
    "derived",
)


class Dimension(_Strict):
    key: Key
    label: LText
    weight: Weight
    description: LText | None = None
    questions: Annotated[list[Question], Field(min_length=1)]


class CriteriaModel(_Strict):
    """A whole criteria file."""

    format: Literal[1] = Field(description="Version of the ekspor criteria format.")
    id: Key
    version: Annotated[StrictStr, Field(min_length=1, max_length=64)]
    title: LText
    description: LText | None = None
    checked: StrictStr | None = Field(
        default=None, description="When the facts in this file were last checked (e.g. 2026-11)."
    )
    sources: list[StrictStr] = Field(default_factory=list)
    levels: Annotated[list[Level], Field(min_length=1)]
    dimensions: Annotated[list[Dimension], Field(min_length=1)]


AnyQuestion = (
    YesNoQuestion
    | SingleChoiceQuestion
    | MultipleChoiceQuestion
    | NumberQuestion
    | ScaleQuestion
    | TextQuestion
    | DerivedQuestion
)
