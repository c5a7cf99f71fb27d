"""Re-scoring a stored assessment with the criteria text it was scored with (pure).

Why re-score instead of rendering the stored JSON: the report model needs the full
result (outcomes, labels in either language, the action plan), and re-scoring the stored
answers with the stored criteria text reproduces it exactly -- whatever the criteria file
on disk says today.  If this version of the engine scores differently from the one that
saved it, the report says so instead of silently showing other numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..criteria import Criteria, load_criteria_text
from ..errors import CriteriaError, StoreError
from ..i18n import Lang
from ..phrases import ui
from ..result import Result
from ..scoring import score_values
from .connection import Store
from .repository import StoredAssessment, criteria_text


@dataclass(frozen=True)
class Replayed:
    stored: StoredAssessment
    criteria: Criteria
    values: dict[str, object]
    result: Result

    @property
    def differs(self) -> bool:
        """True when today's engine does not reproduce the stored score and level."""
        record = self.stored.record
        return (self.result.score, self.result.level.key) != (record.score, record.level_key)

    def notes(self, lang: Lang) -> tuple[str, ...]:
        if not self.differs:
            return ()
        record = self.stored.record
        return (
            ui(
                "rescored",
                lang,
                now=f"{self.result.score:.1f}",
                level_now=self.result.level.key,
                then=f"{record.score:.1f}",
                level_then=record.level_key,
                engine=record.engine_version or "?",
            ),
        )

    def profile(self) -> dict[str, str]:
        """The stored profile plus the assessment ID and the visit date, for the report."""
        record = self.stored.record
        profile = dict(record.profile)
        profile.setdefault("date", record.assessed_on)
        profile["assessment_id"] = record.uuid
        return profile


class CriteriaCache:
    """Stored criteria texts, loaded once each (a bundled file takes ~0.1 s to validate)."""

    def __init__(self, text_for: Callable[[str], str]) -> None:
        self._text_for = text_for
        self._loaded: dict[str, Criteria] = {}

    def get(self, stored: StoredAssessment) -> Criteria:
        record = stored.record
        sha = record.criteria_sha256
        if sha not in self._loaded:
            source = f"{record.criteria_id} v{record.criteria_version} (stored, {sha[:12]})"
            try:
                self._loaded[sha] = load_criteria_text(self._text_for(sha), source)
            except CriteriaError as err:
                raise StoreError(
                    f"the criteria stored with assessment {record.uuid[:8]} cannot be read by "
                    f"this version of ekspor:\n{err.format()}",
                    "use the ekspor version that saved it to export a report",
                ) from None
        return self._loaded[sha]

    @classmethod
    def of(cls, store: Store) -> CriteriaCache:
        """A cache over the criteria texts kept in ``store``."""
        return cls(lambda sha: criteria_text(store, sha))


def replay(stored: StoredAssessment, criteria: Criteria) -> Replayed:
    """Re-score ``stored`` with ``criteria`` (the text it was scored with)."""
    if criteria.sha256 != stored.record.criteria_sha256:
        raise ValueError("replay needs the criteria the assessment was scored with")
    values = stored.record.values()
    return Replayed(stored, criteria, values, score_values(criteria, values))
