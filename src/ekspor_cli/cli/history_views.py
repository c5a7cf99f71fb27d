"""Terminal views of the history: assessment lists, businesses, progress, the cohort.

Why one module: the tables share column words and styles, and every user text (business
names, officers) goes in as ``Text``, never markup, so ``[bold]`` in a name is shown as is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..cohort import Cohort
from ..history import OpenItem, Progress
from ..i18n import Lang
from ..phrases import word
from ..store import Business, StoredAssessment


def _table(*columns: str, right: Sequence[int] = (), wrap: Sequence[int] = (0,)) -> Table:
    """A plain table; only the ``wrap`` columns (names, labels) may wrap, so IDs, dates,
    NIBs and numbers stay on one line and can be copied."""
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    for i, name in enumerate(columns):
        table.add_column(
            name, justify="right" if i in right else "left", no_wrap=i not in wrap, overflow="fold"
        )
    return table


def _signed(value: float | None) -> Text:
    if value is None:
        return Text("-", style="dim")
    style = "green" if value > 0 else "red" if value < 0 else "dim"
    return Text(f"{value:+.1f}", style=style)


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def assessments_table(
    rows: Sequence[StoredAssessment], lang: Lang, level_label: Callable[[StoredAssessment], str]
) -> RenderableType:
    if not rows:
        return Text(word("none", lang))
    table = _table(
        word("id", lang),
        word("date", lang),
        word("business", lang),
        word("city", lang),
        word("officer", lang),
        word("score", lang),
        word("level", lang),
        word("criteria", lang),
        word("source", lang),
        right=(5,),
        wrap=(2, 3, 4, 6),
    )
    for row in rows:
        r = row.record
        level = Text(level_label(row)) + (Text(" *", style="red") if r.capped else Text(""))
        table.add_row(
            r.uuid[:8],
            r.assessed_on,
            Text(r.business_name or "-"),
            Text(str(r.profile.get("city") or "")),
            Text(r.officer),
            f"{r.score:.1f}",
            level,
            Text(f"{r.criteria_id} v{r.criteria_version}"),
            r.source,
        )
    return Group(table, Text(word("count", lang, n=len(rows)), style="dim"))


def businesses_table(
    found: Sequence[Business], lang: Lang, level_label: Callable[[StoredAssessment], str]
) -> RenderableType:
    """One row per firm; its key (for ``ekspor progress``) is shown dim under the name."""
    if not found:
        return Text(word("none", lang))
    table = _table(
        word("business", lang),
        word("city", lang),
        "NIB",
        word("visits", lang),
        word("first", lang),
        word("last", lang),
        word("score", lang),
        word("level", lang),
        right=(3, 6),
        wrap=(0, 1, 7),
    )
    for b in found:
        table.add_row(
            Text(b.name or "-") + Text("\n" + b.key, style="dim"),
            Text(b.city),
            b.nib or "",
            str(b.assessments),
            b.first_on,
            b.last_on,
            f"{b.latest.record.score:.1f}",
            Text(level_label(b.latest)),
        )
    return Group(table, Text(word("businesses", lang, n=len(found)), style="dim"))


def _item_lines(items: Sequence[OpenItem], lang: Lang, since: Sequence[str] = ()) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for i, item in enumerate(items):
        line = Text(item.label) + Text(f"  ({item.dimension})", style="dim")
        if item.knockout:
            line += Text(f"  [{word('ko', lang)}]", style="red")
        if i < len(since):
            line += Text("  " + word("since", lang, date=since[i]), style="dim")
        grid.add_row("-", line)
    return grid


def progress_view(p: Progress, lang: Lang) -> RenderableType:
    latest = p.latest
    head = Text(latest.business_name or latest.business_key, style="bold")
    if latest.city:
        head += Text(f", {latest.city}")
    head += Text(f"   [{latest.business_key}]", style="dim")
    parts: list[RenderableType] = [head]
    timeline = _table(
        word("date", lang),
        word("id", lang),
        word("score", lang),
        word("change", lang),
        word("level", lang),
        word("officer", lang),
        word("criteria", lang),
        right=(2, 3),
    )
    previous = None
    for s in p.snapshots:
        change = None if previous is None else round(s.score - previous.score, 1)
        level = Text(s.level_label) + (Text(" *", style="red") if s.capped else Text(""))
        timeline.add_row(
            s.assessed_on,
            s.uuid[:8],
            f"{s.score:.1f}",
            _signed(change),
            level,
            Text(s.officer),
            Text(f"v{s.criteria_version}"),
        )
        previous = s
    parts += [Text(""), timeline]
    dims = _table(
        word("dimension", lang),
        word("first", lang),
        word("previous", lang),
        word("latest", lang),
        word("d_first", lang),
        word("d_prev", lang),
        right=(1, 2, 3, 4, 5),
    )
    for d in p.dimensions:
        dims.add_row(
            Text(d.label),
            _score(d.first),
            _score(d.previous),
            _score(d.latest),
            _signed(d.since_first),
            _signed(d.since_previous),
        )
    parts += [Text(""), dims]
    if p.criteria_changed:
        parts += [Text(""), Text(word("criteria_changed", lang), style="yellow")]
    sections = (
        ("closed", p.closed, (), "green"),
        ("closed_prev", p.closed_since_previous if len(p.snapshots) > 2 else (), (), "green"),
        (
            "open",
            tuple(s.item for s in p.still_open),
            tuple(s.since for s in p.still_open),
            "yellow",
        ),
        ("new", p.new if p.previous else (), (), "magenta"),
    )
    for key, items, since, style in sections:
        if items:
            parts += [
                Text(""),
                Text(f"{word(key, lang)} ({len(items)})", style=f"bold {style}"),
                _item_lines(items, lang, since),
            ]
    return Group(*parts)


def cohort_view(c: Cohort, lang: Lang, period: str) -> RenderableType:
    parts: list[RenderableType] = [
        Text(word("cohort", lang, firms=c.firms, n=c.assessments, period=period), style="bold")
    ]
    if not c.firms:
        return Group(*parts)
    levels = _table(word("level", lang), word("firms", lang), "", right=(1,))
    for lc in c.levels:
        bar = Text("█" * round(30 * lc.firms / c.firms), style="cyan")
        levels.add_row(Text(lc.label), str(lc.firms), bar)
    parts += [Text(""), Text(word("per_level", lang), style="bold"), levels]
    parts += [
        Text(""),
        Text(word("reached", lang, level=c.top_label, n=len(c.reached_top)), style="bold"),
    ]
    for r in c.reached_top:
        parts.append(Text(f"- {r.snapshot.assessed_on}  ") + Text(r.snapshot.business_name))
    if c.common_gaps:
        parts += [Text(""), Text(word("common", lang), style="bold")]
        gaps = _table(
            word("gap", lang),
            word("dimension", lang),
            word("firms", lang),
            word("share", lang),
            right=(2, 3),
        )
        for g in c.common_gaps:
            gaps.add_row(Text(g.label), Text(g.dimension), str(g.firms), f"{g.share:.0%}")
        parts.append(gaps)
    if c.dimensions:
        parts += [Text(""), Text(word("dims", lang), style="bold")]
        dims = _table(
            word("dimension", lang), word("with_gaps", lang), word("mean", lang), right=(1, 2)
        )
        for d in c.dimensions:
            dims.add_row(Text(d.label), str(d.firms_with_gaps), _score(d.mean_score))
        parts.append(dims)
    if c.closest:
        parts += [Text(""), Text(word("closest", lang), style="bold")]
        closest = _table(
            word("business", lang),
            word("city", lang),
            word("score", lang),
            word("level", lang),
            word("next", lang),
            word("steps", lang),
            word("missing", lang),
            right=(2, 5, 6),
        )
        for s in c.closest:
            nxt = s.next_level
            if nxt is None:
                continue
            steps = str(nxt.steps) if nxt.reachable else word("unreachable", lang)
            closest.add_row(
                Text(s.business_name or s.business_key),
                Text(s.city),
                f"{s.score:.1f}",
                Text(s.level_label),
                Text(nxt.label),
                steps,
                f"{nxt.points:.1f}",
            )
        parts.append(closest)
    return Group(*parts)
