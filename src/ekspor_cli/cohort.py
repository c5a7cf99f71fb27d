"""The program view over many firms: levels, who reached the top, common gaps, who is next.

Why: a trade office runs a coaching program for a cohort of firms and must report on it
-- how many firms are at each level, how many reached the top level this period, which
gaps most firms still share (e.g. supply continuity: one workshop for all of them), and
which firms are closest to the next level (where an officer's visit pays off most).
Pure: works on :class:`~ekspor_cli.history.Snapshot` s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .history import DimensionPoint, Snapshot


@dataclass(frozen=True)
class LevelCount:
    key: str
    label: str
    index: int
    firms: int


@dataclass(frozen=True)
class CommonGap:
    key: str
    label: str
    dimension: str
    firms: int
    share: float  # of the firms in the cohort


@dataclass(frozen=True)
class DimensionView:
    key: str
    label: str
    firms_with_gaps: int
    mean_score: float | None


@dataclass(frozen=True)
class Reached:
    snapshot: Snapshot  # the first assessment at the top level


@dataclass(frozen=True)
class Cohort:
    firms: int
    assessments: int
    levels: tuple[LevelCount, ...]
    top_label: str
    reached_top: tuple[Reached, ...]
    common_gaps: tuple[CommonGap, ...]
    dimensions: tuple[DimensionView, ...]
    closest: tuple[Snapshot, ...]  # latest assessment of the firms closest to their next level


def cohort(
    histories: Mapping[str, Sequence[Snapshot]],
    since: date | None = None,
    until: date | None = None,
    top: int = 10,
) -> Cohort:
    """The program view: each firm is counted by its latest assessment up to ``until``;
    with ``since``, only firms assessed in ``[since, until]`` belong to the cohort."""
    lo = since.isoformat() if since else ""
    hi = until.isoformat() if until else "9999-12-31"
    latest: list[Snapshot] = []
    reached: list[Reached] = []
    counted = 0
    for snaps in histories.values():
        upto = [s for s in snaps if s.assessed_on <= hi]
        if not upto or (since and not any(s.assessed_on >= lo for s in upto)):
            continue
        counted += sum(1 for s in upto if s.assessed_on >= lo)
        latest.append(upto[-1])
        first_top = next((s for s in upto if s.at_top), None)
        if first_top is not None and first_top.assessed_on >= lo:
            reached.append(Reached(first_top))
    levels: dict[str, LevelCount] = {}
    scale = max(latest, key=lambda s: (s.level_count, s.assessed_on)).levels if latest else ()
    for index, (key, label) in enumerate(scale):
        levels[key] = LevelCount(key, label, index, 0)
    for s in latest:
        old = levels.get(s.level_key)
        levels[s.level_key] = LevelCount(
            s.level_key, s.level_label, s.level_index, (old.firms if old else 0) + 1
        )
    gaps = Counter(key for s in latest for key in s.open_keys())
    items = {i.key: i for s in latest for i in s.open_items}
    n = len(latest)
    common = tuple(
        CommonGap(key, items[key].label, items[key].dimension, count, round(count / n, 3))
        for key, count in sorted(gaps.items(), key=lambda kv: (-kv[1], items[kv[0]].label))[:top]
    )
    dims: dict[str, DimensionPoint] = {d.key: d for s in latest for d in s.dimensions}
    views = []
    for key, point in dims.items():
        scores = [d.score for s in latest for d in s.dimensions if d.key == key]
        known = [x for x in scores if x is not None]
        with_gaps = sum(1 for s in latest if any(i.dimension_key == key for i in s.open_items))
        mean = round(sum(known) / len(known), 1) if known else None
        views.append(DimensionView(key, point.label, with_gaps, mean))
    candidates = [s for s in latest if not s.at_top and s.next_level is not None]
    closest = sorted(
        candidates,
        key=lambda s: (
            not s.next_level.reachable if s.next_level else True,
            s.next_level.steps if s.next_level else 0,
            s.next_level.points if s.next_level else 0.0,
            -s.score,
        ),
    )[:top]
    return Cohort(
        firms=n,
        assessments=counted,
        levels=tuple(sorted(levels.values(), key=lambda lc: (-lc.index, lc.key))),
        top_label=scale[-1][1] if scale else "",
        reached_top=tuple(sorted(reached, key=lambda r: r.snapshot.assessed_on)),
        common_gaps=common,
        dimensions=tuple(sorted(views, key=lambda v: (-v.firms_with_gaps, v.label))),
        closest=tuple(closest),
    )
