"""One stored assessment as plain data, and how it is built from a scored result (pure).

Why a record separate from the database: saving, exporting (JSON Lines) and importing all
move the same fields, and the *content hash* over them is how two laptops agree that an
assessment with the same UUID is the same assessment -- or report a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from ..answer_codec import decode_answers, encode_answers
from ..criteria import Criteria
from ..parsing import parse_date
from ..result import Result
from .codec import content_hash

SOURCES = ("assess", "score", "batch")

# The fields that *are* the assessment.  Where and when a copy was saved (saved_at) and
# which business it was linked to (derived from the profile) are not part of it.
CONTENT_FIELDS = (
    "uuid",
    "source",
    "assessed_on",
    "created_at",
    "profile",
    "answers",
    "evidence",
    "result",
    "score",
    "level_key",
    "capped",
    "criteria_id",
    "criteria_version",
    "criteria_sha256",
    "engine_version",
)


@dataclass(frozen=True)
class AssessmentRecord:
    """A completed assessment, JSON-ready (answers encoded by :mod:`.codec`)."""

    uuid: str
    source: str  # assess | score | batch (how it was made, kept through imports)
    assessed_on: str  # YYYY-MM-DD: the visit date the officer would state
    created_at: str  # UTC ISO 8601 instant the assessment was completed
    profile: Mapping[str, str]
    answers: Mapping[str, object]
    evidence: Mapping[str, bool]
    result: Mapping[str, Any]  # Result.to_dict("id"): the result as it was scored
    score: float
    level_key: str
    capped: bool
    criteria_id: str
    criteria_version: str
    criteria_sha256: str
    engine_version: str
    content_sha256: str = field(default="", compare=False)

    @property
    def officer(self) -> str:
        return str(self.profile.get("officer") or "")

    @property
    def business_name(self) -> str:
        return str(self.profile.get("business_name") or "")

    def values(self) -> dict[str, object]:
        """The canonical answers, ready for :func:`~ekspor_cli.scoring.score_values`."""
        return decode_answers(self.answers)

    def content(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in CONTENT_FIELDS}

    def digest(self) -> str:
        return content_hash(self.content())


def _plain(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


def build_record(
    *,
    uuid: str,
    profile: Mapping[str, str],
    values: Mapping[str, object],
    evidence: Mapping[str, bool | None] | None,
    result: Result,
    criteria: Criteria,
    source: str,
    created_at: datetime,
    engine_version: str,
    assessed_on: date | None = None,
) -> AssessmentRecord:
    """The record for a freshly scored assessment.

    ``assessed_on`` defaults to the profile's ``date`` when it is a date
    (``2026-03-01``, ``01/03/2026``), else to the local date of ``created_at``.
    """
    if result.criteria.sha256 != criteria.sha256:
        raise ValueError("result was scored with other criteria than the ones given")
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; use one of {SOURCES}")
    clean_profile = {str(k): str(v).strip() for k, v in profile.items() if v not in (None, "")}
    day = assessed_on or parse_date(clean_profile.get("date", "")) or created_at.astimezone().date()
    record = AssessmentRecord(
        uuid=uuid,
        source=source,
        assessed_on=day.isoformat(),
        created_at=utc_text(created_at),
        profile=clean_profile,
        answers=encode_answers(values),
        evidence={str(k): bool(v) for k, v in sorted((evidence or {}).items()) if v is not None},
        result=result.to_dict("id"),
        score=result.score,
        level_key=result.level.key,
        capped=result.capped,
        criteria_id=criteria.id,
        criteria_version=criteria.version,
        criteria_sha256=criteria.sha256,
        engine_version=engine_version,
    )
    return with_digest(record)


def with_digest(record: AssessmentRecord) -> AssessmentRecord:
    """``record`` with its content hash filled in (computed, never trusted from a file)."""
    return replace(record, content_sha256=record.digest())


def utc_text(moment: datetime) -> str:
    """An instant as sortable UTC text, ``2026-03-01T03:15:00.000000Z`` (naive = local time).

    Microseconds keep the order of assessments saved within one second (batch)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
