"""HTML rendering of a report: one self-contained file a business owner can keep and print.

Why Jinja2 with autoescaping (not string building): every user text -- a business named
``<script>``, an officer's note with ``&`` -- must be shown, never interpreted, and a
template keeps layout out of the code.  The file needs no network: CSS and the SVG chart
of dimension scores are inline, and ``@media print`` lays it out on A4.

Pure apart from reading the template that ships inside the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..report import Report, palette_index, score_band

TEMPLATE = "report.html.j2"

# Chart geometry (SVG user units; the SVG scales to the page width).
_LABEL_WIDTH = 250
_BAR_WIDTH = 360
_ROW_HEIGHT = 26
_TOP = 22
_LABEL_CHARS = 36
_LEVEL_COLOURS = ("#b42318", "#b54708", "#0e7490", "#15803d")
_SCORE_COLOURS = ("#b42318", "#b54708", "#15803d")  # by score_band: low, middle, high


@dataclass(frozen=True)
class _Bar:
    label: str
    short_label: str
    score_text: str
    width: float
    y: float
    colour: str


@dataclass(frozen=True)
class _Threshold:
    label: str
    x: float


@dataclass(frozen=True)
class _Chart:
    width: int
    height: int
    label_width: int
    bar_width: int
    row_height: int
    bars: tuple[_Bar, ...]
    thresholds: tuple[_Threshold, ...]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("ekspor_cli.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def level_colour(index: int, count: int) -> str:
    """Red for the lowest level through green for the highest, whatever the level count."""
    i = palette_index(index, count, len(_LEVEL_COLOURS))
    return _LEVEL_COLOURS[-1 if i is None else i]


def _chart(report: Report) -> _Chart:
    bars = []
    for i, row in enumerate(report.dimensions):
        short = row.label if len(row.label) <= _LABEL_CHARS else row.label[: _LABEL_CHARS - 1] + "…"
        score = row.score
        bars.append(
            _Bar(
                label=row.label,
                short_label=short,
                score_text=f"{score:.1f}" if score is not None else report.phrase("no_score"),
                width=round(_BAR_WIDTH * (score or 0.0) / 100, 1),
                y=_TOP + i * _ROW_HEIGHT,
                colour=_SCORE_COLOURS[score_band(score)] if score is not None else "#98a2b3",
            )
        )
    # Level thresholds are marked by their minimum score: level names are long ("Siap
    # ekspor tidak langsung (via agregator)") and would overlap; the level strip names them.
    thresholds = tuple(
        _Threshold(f"{band.min:g}", _LABEL_WIDTH + round(_BAR_WIDTH * band.min / 100, 1))
        for band in report.levels
        if band.min > 0
    )
    return _Chart(
        width=_LABEL_WIDTH + _BAR_WIDTH + 60,
        height=_TOP + len(bars) * _ROW_HEIGHT + 6,
        label_width=_LABEL_WIDTH,
        bar_width=_BAR_WIDTH,
        row_height=_ROW_HEIGHT,
        bars=tuple(bars),
        thresholds=thresholds,
    )


def render_html(report: Report) -> str:
    """The report as one self-contained HTML document (UTF-8 text)."""
    template = _environment().get_template(TEMPLATE)
    return template.render(
        report=report,
        chart=_chart(report),
        level_colour=level_colour(report.level_index, report.level_count),
    )
