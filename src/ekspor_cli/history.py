"""Progress of one firm over time (pure computations; the program view is in
:mod:`ekspor_cli.cohort`).

Why separate from the store and the CLI: "is this firm improving?" and "where does the
cohort stand?" are questions about data, answered the same for the terminal and JSON, and
testable without a database.  Inputs are :class:`Snapshot` s -- one stored assessment
resolved into one language with its own criteria -- built by :func:`snapshot`.

Gaps are compared by question key, so an assessment scored with an older criteria
version still lines up with a newer one (``Progress.criteria_changed`` says when that
happened).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .actionplan import plan_actions
from .criteria import Criteria
from .i18n import Lang
from .store.records import AssessmentRecord


@dataclass(frozen=True)
class OpenItem:
    """A gap, an unverified answer or a knock-out still open at one assessment."""

    key: str
    label: str
    dimension_key: str
    dimension: str
    knockout: bool


@dataclass(frozen=True)
class DimensionPoint:
    key: str
    label: str
    score: float | None


@dataclass(frozen=True)
class NextLevel:
    """How far a firm is from the next level, from its action plan."""

    label: str
    steps: int
    reachable: bool
    points: float  # score points still missing to the next level's minimum (0 if only capped)


@dataclass(frozen=True)
class Snapshot:
    uuid: str
    assessed_on: str
    officer: str
    business_key: str
    business_name: str
    city: str
    score: float
    level_key: str
    level_label: str
    level_index: int
    level_count: int
    capped: bool
    criteria_version: str
    criteria_sha256: str
    dimensions: tuple[DimensionPoint, ...]
    open_items: tuple[OpenItem, ...]
    levels: tuple[tuple[str, str], ...] = ()  # every level of its criteria: (key, label)
    next_level: NextLevel | None = None

    @property
    def at_top(self) -> bool:
        return self.level_index == self.level_count - 1

    def open_keys(self) -> set[str]:
        return {item.key for item in self.open_items}


def snapshot(
    record: AssessmentRecord,
    business_key: str,
    criteria: Criteria,
    lang: Lang,
    *,
    with_plan: bool = False,
) -> Snapshot:
    """One stored assessment, resolved with the criteria it was scored with.

    Scores, levels and gaps come from the stored result (as scored); ``with_plan``
    re-scores the stored answers to compute how far the next level is.
    """
    result = record.result
    dims = {d.key: d.label.get(lang) for d in criteria.dimensions}
    level_index = next(i for i, lv in enumerate(criteria.levels) if lv.key == record.level_key)
    knockouts = set(result.get("knockouts", []))
    seen: dict[str, OpenItem] = {}
    for entry in [*result.get("gaps", []), *result.get("to_verify", [])]:
        seen[entry["question"]] = _item(entry["question"], criteria, dims, lang, knockouts)
    for key in result.get("knockouts", []):
        seen.setdefault(key, _item(key, criteria, dims, lang, knockouts))
    next_level = None
    if with_plan and level_index < len(criteria.levels) - 1:
        plan = plan_actions(criteria, record.values())
        target = criteria.levels[level_index + 1]
        next_level = NextLevel(
            label=target.label.get(lang),
            steps=len(plan.steps),
            reachable=plan.reachable,
            points=max(0.0, round(float(target.min) - record.score, 1)),
        )
    return Snapshot(
        uuid=record.uuid,
        assessed_on=record.assessed_on,
        officer=record.officer,
        business_key=business_key,
        business_name=record.business_name,
        city=str(record.profile.get("city") or ""),
        score=record.score,
        level_key=record.level_key,
        level_label=criteria.levels[level_index].label.get(lang),
        level_index=level_index,
        level_count=len(criteria.levels),
        capped=record.capped,
        criteria_version=record.criteria_version,
        criteria_sha256=record.criteria_sha256,
        dimensions=tuple(
            DimensionPoint(d["key"], dims.get(d["key"], d["key"]), d["score"])
            for d in result.get("dimensions", [])
        ),
        open_items=tuple(seen.values()),
        levels=tuple((lv.key, lv.label.get(lang)) for lv in criteria.levels),
        next_level=next_level,
    )


def _item(
    key: str, criteria: Criteria, dims: Mapping[str, str], lang: Lang, knockouts: set[str]
) -> OpenItem:
    info = criteria.by_key[key]
    dim = info.dimension.key
    return OpenItem(key, info.question.label.get(lang), dim, dims[dim], key in knockouts)


# --- one firm over time -----------------------------------------------------------------


@dataclass(frozen=True)
class DimensionChange:
    key: str
    label: str
    first: float | None
    previous: float | None
    latest: float | None

    @property
    def since_first(self) -> float | None:
        return _delta(self.latest, self.first)

    @property
    def since_previous(self) -> float | None:
        return _delta(self.latest, self.previous)


def _delta(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else round(now - then, 1)


@dataclass(frozen=True)
class StillOpen:
    item: OpenItem
    since: str  # visit date from which it has been open without a break


@dataclass(frozen=True)
class Progress:
    snapshots: tuple[Snapshot, ...]  # oldest first
    dimensions: tuple[DimensionChange, ...]
    closed: tuple[OpenItem, ...]  # open at the first assessment, closed at the latest
    closed_since_previous: tuple[OpenItem, ...]
    still_open: tuple[StillOpen, ...]
    new: tuple[OpenItem, ...]  # open at the latest, not at the first
    criteria_changed: bool

    @property
    def first(self) -> Snapshot:
        return self.snapshots[0]

    @property
    def latest(self) -> Snapshot:
        return self.snapshots[-1]

    @property
    def previous(self) -> Snapshot | None:
        return self.snapshots[-2] if len(self.snapshots) > 1 else None

    @property
    def score_since_first(self) -> float:
        return round(self.latest.score - self.first.score, 1)

    @property
    def score_since_previous(self) -> float | None:
        return None if self.previous is None else round(self.latest.score - self.previous.score, 1)


def progress(snapshots: Sequence[Snapshot]) -> Progress:
    """Score, level, dimensions and gaps of one firm across its assessments (oldest first)."""
    if not snapshots:
        raise ValueError("progress needs at least one assessment")
    first, latest = snapshots[0], snapshots[-1]
    previous = snapshots[-2] if len(snapshots) > 1 else first
    by_key = {d.key: d for s in snapshots for d in s.dimensions}

    def dim_score(s: Snapshot, key: str) -> float | None:
        return next((d.score for d in s.dimensions if d.key == key), None)

    latest_dims = [d.key for d in latest.dimensions] + [
        k for k in by_key if k not in {d.key for d in latest.dimensions}
    ]
    changes = tuple(
        DimensionChange(
            key,
            next((d.label for d in latest.dimensions if d.key == key), by_key[key].label),
            dim_score(first, key),
            dim_score(previous, key) if len(snapshots) > 1 else None,
            dim_score(latest, key),
        )
        for key in latest_dims
    )
    now_open = latest.open_keys()
    still = []
    for item in latest.open_items:
        since = latest.assessed_on
        for older in reversed(snapshots[:-1]):
            if item.key not in older.open_keys():
                break
            since = older.assessed_on
        still.append(StillOpen(item, since))
    return Progress(
        snapshots=tuple(snapshots),
        dimensions=changes,
        closed=tuple(i for i in first.open_items if i.key not in now_open),
        closed_since_previous=tuple(i for i in previous.open_items if i.key not in now_open)
        if len(snapshots) > 1
        else (),
        still_open=tuple(still),
        new=tuple(i for i in latest.open_items if i.key not in first.open_keys()),
        criteria_changed=len({s.criteria_sha256 for s in snapshots}) > 1,
    )
