"""Report formats from the one report model: golden files, escaping, self-contained HTML.

Golden files live in tests/golden/; after an intended change, regenerate them with
``EKSPOR_UPDATE_GOLDEN=1 pytest tests/test_reports.py`` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ekspor_cli import load_criteria_text, score_values
from ekspor_cli.cli.outputs import write_report
from ekspor_cli.errors import InputError
from ekspor_cli.i18n import Lang
from ekspor_cli.render.html import render_html
from ekspor_cli.render.json import report_dict
from ekspor_cli.render.markdown import render_markdown
from ekspor_cli.report import Report, build_report, ui

from .conftest import MINI
from .test_actionplan import (
    LICENCE,
    LICENCE_ANSWERS,
    TARGET_ANSWERS,
    TARGETS,
    UNREACHABLE,
)

GOLDEN = Path(__file__).parent / "golden"
CRITERIA = load_criteria_text(MINI, "mini.yaml")
ANSWERS = {
    "sektor": "pangan",
    "nib": False,
    "izin_edar": "pirt",
    "kapasitas": 100.0,
    "volume_pembeli": 1000.0,
    "subkontrak": False,
    "mutu": 2,
}
PROFILE = {
    "business_name": "CV Sambal <b>Bu Rudy</b> & Co",
    "city": "Surabaya",
    "officer": "Ani | Dinas",
    "date": "2026-03-01",
}
EVIL = "<script>alert('x')</script>"


def _report(lang: Lang, profile: dict[str, str] | None = None) -> Report:
    result = score_values(CRITERIA, ANSWERS)
    return build_report(result, CRITERIA, lang, PROFILE if profile is None else profile)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("EKSPOR_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden file {path}: run with EKSPOR_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see the module docstring"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_markdown_golden(lang: Lang) -> None:
    _golden(f"report-mini-{lang}.md", render_markdown(_report(lang)))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_html_golden(lang: Lang) -> None:
    _golden(f"report-mini-{lang}.html", render_html(_report(lang)))


def test_every_format_shows_the_action_plan() -> None:
    report = _report("en")
    plan = report.action_plan
    assert plan is not None and [s.key for s in plan.steps] == ["nib", "rasio"]
    md = render_markdown(report)
    html = render_html(report)
    data = report_dict(score_values(CRITERIA, ANSWERS), report, PROFILE)
    for step in plan.steps:
        assert step.label in md and step.label in html
    assert "## Action plan" in md and "<h2>Action plan</h2>" in html
    assert plan.summary in md and plan.summary in html
    steps = data["action_plan"]["steps"]
    assert [s["question"] for s in steps] == ["nib", "rasio"]
    assert steps[0]["target"] is True and steps[1]["target"] == 1.0
    assert data["action_plan"]["target_level"] == "sedang"


def test_json_report_keeps_the_documented_result_shape() -> None:
    result = score_values(CRITERIA, ANSWERS)
    data = report_dict(result, _report("id"), PROFILE)
    assert {k: v for k, v in data.items() if k not in ("profile", "action_plan")} == (
        result.to_dict("id")
    )
    assert data["profile"] == PROFILE


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_every_user_text() -> None:
    profile = {"business_name": EVIL, "owner": '"><img src=x onerror=alert(1)>', "city": "A&B"}
    html = render_html(_report("id", profile))
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert EVIL in "".join(parser.text)  # shown as text
    assert "&lt;script&gt;" in html and "A&amp;B" in html
    assert "<script" not in html


def test_markdown_escapes_user_text() -> None:
    md = render_markdown(_report("id", {"business_name": "*Maju* | <b>Jaya</b>"}))
    assert r"\*Maju\* \| \<b\>Jaya\</b\>" in md


def test_html_is_self_contained_and_prints_on_a4() -> None:
    html = render_html(_report("en"))
    parser = _Collector()
    parser.feed(html)
    assert parser.urls == []  # no links, images, stylesheets or scripts to fetch
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", html)
    assert "<link" not in html and "@import" not in html
    assert "@page { size: A4" in html and "@media print" in html
    assert '<html lang="en">' in html
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg is not None
    chart = ET.fromstring(svg.group(0))  # well-formed SVG
    bars = [r for r in chart.iter("{http://www.w3.org/2000/svg}rect")]
    assert len(bars) == 2 * len(CRITERIA.dimensions)
    widths = sorted(float(r.get("width", 0)) for r in bars[1::2])
    assert widths == sorted(
        round(360 * (d.score or 0) / 100, 1) for d in score_values(CRITERIA, ANSWERS).dimensions
    )


def test_html_shows_profile_score_level_blockers_gaps_strengths_and_criteria() -> None:
    report = _report("en")
    html = render_html(report)
    for text in (
        "Business name",
        "Surabaya",
        "Score per dimension",
        "Blocking items",
        "Gaps, ranked by impact",
        "Strengths",
        "mini v1",
        CRITERIA.sha256,
    ):
        assert text in html, text
    assert f"{report.score:.1f}" in html and report.level_label in html


def test_the_template_ships_inside_the_package() -> None:
    from importlib import resources

    template = resources.files("ekspor_cli.render") / "templates" / "report.html.j2"
    assert template.is_file()


def test_write_report_picks_the_format_by_extension(tmp_path: Path) -> None:
    result = score_values(CRITERIA, ANSWERS)
    for name in ("r.html", "r.md", "r.json"):
        write_report(
            tmp_path / name, build_report(result, CRITERIA, "id", PROFILE), result, PROFILE
        )
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "# Laporan Kesiapan Ekspor" in (tmp_path / "r.md").read_text(encoding="utf-8")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["score"] == result.score and "action_plan" in data
    with pytest.raises(InputError, match="unknown report format '.pdf'"):
        write_report(
            tmp_path / "r.pdf", build_report(result, CRITERIA, "id", PROFILE), result, PROFILE
        )


def test_bundled_criteria_examples_render_in_every_format() -> None:
    from ekspor_cli import load_bundled_criteria
    from ekspor_cli.answers_file import parse_answer_file
    from ekspor_cli.scoring import score

    criteria = load_bundled_criteria()
    examples = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
    assert examples
    for example in examples:
        parsed = parse_answer_file(example.read_text(encoding="utf-8"), str(example))
        result = score(criteria, parsed.answers)
        for lang in ("id", "en"):
            report = build_report(result, criteria, lang, parsed.profile)  # type: ignore[arg-type]
            assert report.action_plan is not None
            html = render_html(report)
            assert html.count("<g>") == len(criteria.dimensions)
            assert report.action_plan.summary in render_markdown(report)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_format_says_which_documents_were_seen(lang: Lang) -> None:
    # sektor is a strength (document seen); nib is a failed knock-out (not seen)
    result = score_values(CRITERIA, ANSWERS)
    report = build_report(result, CRITERIA, lang, PROFILE, evidence={"sektor": True, "nib": False})
    seen, unseen = (
        ("dokumen dilihat", "dokumen belum dilihat")
        if lang == "id"
        else ("document seen", "document not seen")
    )
    knockout = next(k for k in report.knockouts if k.key == "nib")
    assert knockout.evidence is False and knockout.evidence_note(lang) == unseen
    markdown = render_markdown(report)
    assert unseen in markdown and seen in markdown
    html = render_html(report)
    assert unseen in html and seen in html
    plain = build_report(result, CRITERIA, lang, PROFILE)
    assert seen not in render_markdown(plain) and unseen not in render_markdown(plain)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_html_notes_the_document_once_per_blocker_gap_and_item_to_verify(lang: Lang) -> None:
    # nib is a knock-out and a gap (not seen); mutu is a gap (seen)
    result = score_values(CRITERIA, ANSWERS)
    report = build_report(result, CRITERIA, lang, PROFILE, evidence={"nib": False, "mutu": True})
    html = render_html(report)
    sections = (
        (report.phrase("blockers"), report.knockouts),
        (report.phrase("gaps"), report.gaps),
        (report.phrase("verify"), report.to_verify),
    )
    noted = 0
    for heading, items in sections:
        section = re.search(f"<h2>{re.escape(heading)}</h2>(.*?)</section>", html, re.S)
        assert section is not None, heading
        entries = re.findall(r"<li>(.*?)</li>", section.group(1), re.S)
        assert len(entries) == len(items), heading
        for item, entry in zip(items, entries, strict=True):
            notes = entry.count('<div class="detail muted">')
            if item.evidence is None:
                assert notes == 0, item.key
            else:
                assert notes == 1 and entry.count(item.evidence_note(lang)) == 1, item.key
                noted += 1
    assert noted == 3  # nib as blocker and as gap, mutu as gap


# --- notes, unreachable plans, step targets, a single level -----------------------------


def _terminal(report: Report) -> str:
    """The terminal report as plain text, wide enough that no sentence wraps."""
    from rich.console import Console

    from ekspor_cli.cli.render_terminal import render_report

    buffer = io.StringIO()
    Console(file=buffer, width=250, color_system=None, force_terminal=False).print(
        render_report(report)
    )
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_format_shows_the_report_notes(lang: Lang) -> None:
    # the note `ekspor show` adds when today's engine scores a stored assessment otherwise
    result = score_values(CRITERIA, ANSWERS)
    note = ui(
        "rescored",
        lang,
        now=f"{result.score:.1f}",
        level_now=result.level.key,
        then="12.5",
        level_then="rendah",
        engine="0.9",
    )
    report = build_report(result, CRITERIA, lang, PROFILE, notes=(note,))
    label = "Catatan" if lang == "id" else "Notes"
    assert note.startswith("dinilai ulang" if lang == "id" else "re-scored")
    assert f"> {label}: {note}" in render_markdown(report)
    assert f'<p class="remark"><b>{label}:</b> {note}</p>' in render_html(report)
    assert f"{label}: {note}" in _terminal(report)
    assert report_dict(result, report, PROFILE)["notes"] == [note]
    plain = build_report(result, CRITERIA, lang, PROFILE)
    assert "notes" not in report_dict(result, plain, PROFILE)
    assert note not in render_markdown(plain)
    assert '<p class="remark">' not in render_html(plain)
    assert f"{label}: " not in _terminal(plain)


@pytest.mark.parametrize(
    ("lang", "summary", "follow_up"),
    [
        (
            "id",
            "Tingkat Tinggi belum dapat dicapai hanya dengan menutup kesenjangan yang tercatat; "
            "langkah di bawah membawa skor sejauh mungkin.",
            "Perlu ditindaklanjuti secara manual: Ekspor langsung?",
        ),
        (
            "en",
            "High cannot be reached by closing the recorded gaps alone; the steps below take "
            "the score as far as it goes.",
            "Needs manual follow-up: Exports directly?",
        ),
    ],
)
def test_every_format_says_when_the_next_level_is_out_of_reach(
    lang: Lang, summary: str, follow_up: str
) -> None:
    criteria = load_criteria_text(LICENCE, "izin.yaml")
    result = score_values(criteria, LICENCE_ANSWERS)
    report = build_report(result, criteria, lang)
    plan = report.action_plan
    assert not plan.reachable and not plan.at_top and plan.summary == summary
    assert [s.key for s in plan.steps] == ["siap"]
    md = render_markdown(report)
    assert summary in md and f"\n\n{follow_up}\n" in md
    label, names = follow_up.split(": ")
    html = render_html(report)
    assert summary in html and f"<b>{label}:</b> {names}</p>" in html
    terminal = _terminal(report)
    assert summary in terminal and follow_up in terminal
    data = report_dict(result, report)["action_plan"]
    assert (data["reachable"], data["at_top"], data["summary"]) == (False, False, summary)
    assert data["target_level"] == "tinggi" and len(data["blocked"]) == 1
    # a plan that can be reached names nothing for manual follow-up
    reachable = _report(lang)
    for shown in (render_markdown(reachable), render_html(reachable), _terminal(reachable)):
        assert label not in shown


@pytest.mark.parametrize(("lang", "promise"), [("id", "langkah di bawah"), ("en", "steps below")])
def test_an_unreachable_plan_promises_steps_only_when_it_lists_some(
    lang: Lang, promise: str
) -> None:
    criteria = load_criteria_text(UNREACHABLE, "unreachable.yaml")
    # "catatan" is a free-text knock-out (blocked); "siap: tidak" is an open gap worth 100
    result = score_values(criteria, {"catatan": "buruk", "siap": False})
    assert result.gaps and result.gaps[0].key == "siap"
    plan = build_report(result, criteria, lang).action_plan
    assert not plan.reachable
    assert plan.steps or promise not in plan.summary


TARGET_TEXTS = {
    "id": {
        "omzet": "10000 juta Rp",  # a number without bands: the number itself
        "cacat": "0 % s.d. di bawah 2 %",  # a band below the top band: a range
        "mutu": "minimal 4 (Baik)",  # a scale's ready point with its label
        "rapi": "5 (Sangat rapi)",  # the scale's maximum: no "at least"
        "bersih": "minimal 3",  # a ready point without a label
    },
    "en": {
        "omzet": "10000 million Rp",
        "cacat": "0 % to below 2 %",
        "mutu": "at least 4 (Good)",
        "rapi": "5 (Very tidy)",
        "bersih": "at least 3",
    },
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_step_targets_read_as_a_person_says_them(lang: Lang) -> None:
    criteria = load_criteria_text(TARGETS, "target.yaml")
    result = score_values(criteria, TARGET_ANSWERS)
    report = build_report(result, criteria, lang)
    assert {s.key: s.target for s in report.action_plan.steps} == TARGET_TEXTS[lang]
    steps = report_dict(result, report)["action_plan"]["steps"]
    assert {s["question"]: s["target_text"] for s in steps} == TARGET_TEXTS[lang]
    assert {s["question"]: s["target"] for s in steps} == {
        "omzet": 10000.0,
        "cacat": 0.0,
        "mutu": 4,
        "rapi": 5,
        "bersih": 3,
    }
    md, html, terminal = render_markdown(report), render_html(report), _terminal(report)
    for text in TARGET_TEXTS[lang].values():
        assert f"Target: {text} -- " in md
        assert f"<b>Target:</b> {text}\n" in html
        assert f"Target: {text}  → " in terminal


SINGLE_LEVEL = """\
format: 1
id: satu
version: "1"
title: Uji
levels:
  - {key: terdaftar, min: 0, label: {id: Terdaftar, en: Registered}}
dimensions:
  - key: umum
    label: {id: Umum, en: General}
    weight: 1
    questions:
      - key: siap
        type: yes_no
        label: {id: Siap?, en: Ready?}
"""


def test_a_single_level_is_shown_in_the_top_colour_and_has_no_plan() -> None:
    from ekspor_cli.cli.render_terminal import _level_style
    from ekspor_cli.render.html import level_colour
    from ekspor_cli.report import palette_index

    criteria = load_criteria_text(SINGLE_LEVEL, "satu.yaml")
    result = score_values(criteria, {"siap": False})
    report = build_report(result, criteria, "en")
    assert (report.level_index, report.level_count) == (0, 1)
    assert palette_index(0, 1, 4) is None
    assert level_colour(0, 1) == level_colour(3, 4) == "#15803d"  # green, as a top level
    html = render_html(report)
    assert "--level: #15803d;" in html
    assert '<span class="current" style="background: #15803d">Registered ≥ 0</span>' in html
    assert _level_style(report) == "bold"
    terminal = _terminal(report)
    assert "Readiness level: Registered" in terminal and "Score: 0.0 / 100" in terminal
    plan = report.action_plan
    assert plan.at_top and plan.steps == () and plan.summary in render_markdown(report)
