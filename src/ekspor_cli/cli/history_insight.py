"""`ekspor progress BUSINESS` and `ekspor cohort`: is a firm improving, where is the program?

Both read stored results (as scored) and resolve labels with each assessment's own
criteria text; the computations are the pure :mod:`ekspor_cli.history` and
:mod:`ekspor_cli.cohort`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .history_options import (
    AsJson,
    DataDir,
    DbPath,
    Officer,
    Since,
    Until,
    make_filters,
    open_history,
)
from .options import Lang, LangOption

if TYPE_CHECKING:
    from ..cohort import Cohort
    from ..history import Progress


def progress_command(
    business: Annotated[
        str, typer.Argument(help="The business: NIB, key (see `ekspor businesses`) or name.")
    ],
    as_json: AsJson = False,
    lang: Lang = LangOption.id,
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """Score and level over time, dimension changes, gaps closed and still open."""
    from ..history import progress, snapshot
    from ..store import find_business, history_of
    from ..store.replay import CriteriaCache
    from .console import out_console
    from .history_views import progress_view

    with open_history(db, data_dir) as store:
        key = find_business(store, business)
        rows = history_of(store, key)
        cache = CriteriaCache.of(store)
        snaps = [snapshot(r.record, r.business_key, cache.get(r), lang.value) for r in rows]
    result = progress(snaps)
    if as_json:
        typer.echo(json.dumps(_progress_json(result), ensure_ascii=False, indent=2))
        return
    out_console().print(progress_view(result, lang.value))


def _progress_json(p: Progress) -> dict[str, Any]:
    data = asdict(p)
    data["score_since_first"] = p.score_since_first
    data["score_since_previous"] = p.score_since_previous
    for row, change in zip(data["dimensions"], p.dimensions, strict=True):
        row["since_first"] = change.since_first
        row["since_previous"] = change.since_previous
    return data


def cohort_command(
    since: Since = None,
    until: Until = None,
    officer: Officer = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many gaps and firms to list.")] = 10,
    as_json: AsJson = False,
    lang: Lang = LangOption.id,
    db: DbPath = None,
    data_dir: DataDir = None,
) -> None:
    """The program view: firms per level, who reached the top level in the period, the most
    common open gaps, and who is closest to the next level."""
    from dataclasses import replace

    from ..cohort import cohort
    from ..history import Snapshot, snapshot
    from ..phrases import word
    from ..store import list_assessments
    from ..store.queries import by_business
    from ..store.replay import CriteriaCache
    from .console import out_console
    from .history_views import cohort_view

    period = make_filters(officer=officer, since=since, until=until)
    start = period.since
    filters = replace(period, since=None)  # earlier visits count for "first reached the top"
    with open_history(db, data_dir) as store:
        rows = list_assessments(store, filters, oldest_first=True)
        cache = CriteriaCache.of(store)
        histories: dict[str, list[Snapshot]] = {}
        lo = start.isoformat() if start else ""
        for key, group in by_business(rows).items():
            # Only a firm's latest visit needs a plan, and only if it is in the period
            # (cohort() leaves out firms with no visit since the start).
            last = group[-1] if group[-1].record.assessed_on >= lo else None
            histories[key] = [
                snapshot(r.record, key, cache.get(r), lang.value, with_plan=r is last)
                for r in group
            ]
    view = cohort(histories, start, filters.until, top=top)
    if as_json:
        typer.echo(json.dumps(_cohort_json(view), ensure_ascii=False, indent=2))
        return
    shown = f"{start or '…'} – {filters.until or '…'}" if start or filters.until else None
    out_console().print(cohort_view(view, lang.value, shown or word("all_time", lang.value)))


def _cohort_json(c: Cohort) -> dict[str, Any]:
    data = asdict(c)
    data["closest"] = [
        {
            "id": s.uuid,
            "business_key": s.business_key,
            "business_name": s.business_name,
            "city": s.city,
            "score": s.score,
            "level": s.level_key,
            "next_level": asdict(s.next_level) if s.next_level else None,
        }
        for s in c.closest
    ]
    data["reached_top"] = [
        {
            "id": r.snapshot.uuid,
            "business_name": r.snapshot.business_name,
            "on": r.snapshot.assessed_on,
        }
        for r in c.reached_top
    ]
    return data
