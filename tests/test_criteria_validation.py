"""Every criteria validation error path: the message, the code and the exact line:col."""

from __future__ import annotations

import textwrap

import pytest

from ekspor_cli import CriteriaError, load_criteria_text

HEAD = """\
format: 1
id: t
version: "1"
title: {id: Uji, en: Test}
levels:
  - {key: rendah, min: 0, label: Rendah}
  - {key: tinggi, min: 60, label: Tinggi}
dimensions:
  - key: d
    label: D
    weight: 1
    questions:
"""


def issues_of(text: str) -> list[tuple[int, int, str, str]]:
    with pytest.raises(CriteriaError) as info:
        load_criteria_text(text, "t.yaml")
    return [(i.location.line, i.location.column, i.code, i.message) for i in info.value.issues]


def q(body: str) -> str:
    return HEAD + textwrap.indent(textwrap.dedent(body), "      ")


OK_Q = "- {key: a, type: yes_no, label: A}\n"


def test_valid_minimal_file_loads() -> None:
    criteria = load_criteria_text(q(OK_Q), "t.yaml")
    assert [info.key for info in criteria.questions] == ["a"]


CASES = [
    pytest.param(
        q("- {key: a, type: yes_no, label: A, wieght: 2}\n"),
        [(13, 42, "C102", "unknown field 'wieght'")],
        id="unknown-field",
    ),
    pytest.param(
        q("- {key: a, type: yesno, label: A}\n"),
        [(13, 24, "C103", "unknown question type 'yesno'")],
        id="unknown-type",
    ),
    pytest.param(
        q("- {key: a, label: A}\n"),
        [(13, 9, "C104", "question has no 'type'")],
        id="missing-type",
    ),
    pytest.param(
        q("- {key: a, type: yes_no, label: A, weight: 0}\n"),
        [(13, 50, "C107", "'weight' input should be greater than 0, got 0")],
        id="weight-zero",
    ),
    pytest.param(
        q("- {key: a, type: yes_no, label: A, weight: -1}\n"),
        [(13, 50, "C107", "'weight' input should be greater than 0, got -1")],
        id="weight-negative",
    ),
    pytest.param(
        q("- {key: Punya NIB, type: yes_no, label: A}\n"),
        [(13, 15, "C108", "'key' 'Punya NIB' is not a valid key")],
        id="bad-key",
    ),
    pytest.param(
        q("- {key: a, type: yes_no, label: A, required: yes}\n"),
        [(13, 52, "C105", "'required' must be true or false, not 'yes'")],
        id="yaml11-yes",
    ),
    pytest.param(
        q(OK_Q + "- {key: a, type: yes_no, label: B}\n"),
        [(14, 15, "C201", "duplicate question key 'a'")],
        id="duplicate-question-key",
    ),
    pytest.param(
        q(
            """\
            - key: s
              type: single_choice
              label: S
              choices:
                - {key: x, label: X, points: 1}
                - {key: y, label: Y}
            """
        ),
        [(18, 13, "C207", "choice 'y' has no points")],
        id="choice-without-points",
    ),
    pytest.param(
        q(
            "- {key: a, type: yes_no, label: A, when: b == true}\n"
            "- {key: b, type: yes_no, label: B}\n"
        ),
        [(13, 48, "C401", "in expression 'b == true': unknown question 'b' -- it is asked later")],
        id="when-refers-to-later-question",
    ),
    pytest.param(
        q("- {key: a, type: yes_no, label: A, when: zz == 1}\n"),
        [(13, 48, "C401", "in expression 'zz == 1': unknown question 'zz'")],
        id="when-unknown-question",
    ),
    pytest.param(
        q("- {key: a, type: yes_no, label: A, when: 'a ==== 1'}\n"),
        [(13, 53, "C401", None)],
        id="when-syntax-error",
    ),
    pytest.param(
        q("- {key: a, type: yes_no, label: A, knockout: {cap: tingi, reason: R}}\n"),
        [(13, 58, "C211", "unknown level 'tingi'")],
        id="knockout-unknown-level",
    ),
    pytest.param(
        q("- {key: a, type: number, label: A, weight: 2}\n- {key: b, type: yes_no, label: B}\n"),
        [(13, 50, "C210", "'weight' has no effect without 'bands'")],
        id="weight-without-bands",
    ),
    pytest.param(
        q(
            """\
            - key: n
              type: number
              label: N
              bands: [{min: 5, points: 1}, {min: 1, points: 2}]
            """
        ),
        [(16, 16, None, "band 'min' values must be strictly increasing")],
        id="bands-unordered",
    ),
    pytest.param(
        q(OK_Q + "- {key: b, type: yes_no, label: B, aliases: [a]}\n"),
        [(14, 52, "C205", "'a' is also a key, label or alias of question 'a'")],
        id="alias-collides-with-other-question",
    ),
    pytest.param(
        q("- {key: a, type: yes_no, label: A, default: mungkin}\n"),
        [(13, 51, "C213", "default 'mungkin' is not a valid answer")],
        id="invalid-default",
    ),
    pytest.param(
        q(
            """\
            - key: s
              type: single_choice
              label: S
              choices:
                - {key: x, label: X, points: 1, not_applicable: true}
                - {key: y, label: Y, points: 0}
            """
        ),
        [(17, 11, "C209", "no applicable choice gives more than 0 points")],
        id="only-points-on-not-applicable-choice",
    ),
    pytest.param(
        q(
            OK_Q + "- {key: s, type: single_choice, label: S, record_only: true, weight: 2, "
            "choices: [{key: x, label: X}, {key: y, label: Y}]}\n"
        ),
        [(14, 76, "C210", "'weight' has no effect with 'record_only: true'")],
        id="weight-on-record-only",
    ),
    pytest.param(
        q("- {key: t, type: text, label: T}\n"),
        [(13, 7, "C203", "dimension 'd' has no scored question")],
        id="dimension-without-scored-question",
    ),
    pytest.param(
        q("- {key: n, type: scale, label: N, min: 5, max: 1}\n"),
        [(13, 9, None, "scale 'min' must be less than 'max'")],
        id="scale-inverted",
    ),
    pytest.param(
        q(
            "- {key: s, type: single_choice, label: S, choices: "
            "[{key: x, label: X, points: 1}, {key: x, label: Y, points: 0}]}\n"
        ),
        [(13, 96, "C206", "duplicate choice key 'x'")],
        id="duplicate-choice",
    ),
    pytest.param(
        q(
            "- {key: s, type: single_choice, label: S, choices: "
            "[{key: x, label: X, points: 1}, {key: y, label: Y, points: 0, exclusive: true}]}\n"
        ),
        [(13, 131, "C208", "'exclusive' only applies to multiple_choice")],
        id="exclusive-on-single-choice",
    ),
    pytest.param(
        q(
            "- {key: m, type: multiple_choice, label: M, full_points: 0, choices: "
            "[{key: x, label: X, points: 1}, {key: y, label: Y, points: 1}]}\n"
        ),
        [(13, 64, "C209", "'full_points' must be greater than 0")],
        id="full-points-zero",
    ),
    pytest.param(
        q(OK_Q + "- {key: t, type: text, label: T, knockout: {cap: rendah, reason: Wajib}}\n"),
        [(14, 50, "C212", "knock-out on 't' needs 'fails_if' (it is not scored)")],
        id="knockout-on-unscored-without-fails-if",
    ),
    pytest.param(
        q(OK_Q) + "  - key: d\n    label: D2\n    weight: 1\n    questions:\n"
        "      - {key: b, type: yes_no, label: B}\n",
        [(14, 10, "C202", "duplicate dimension key 'd'")],
        id="duplicate-dimension",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_invalid_question(
    text: str, expected: list[tuple[int, int, str | None, str | None]]
) -> None:
    found = issues_of(text)
    assert len(found) == len(expected), found
    for (line, col, code, message), (eline, ecol, ecode, emessage) in zip(
        found, expected, strict=True
    ):
        assert (line, col) == (eline, ecol), found
        if ecode:
            assert code == ecode
        if emessage:
            assert message.startswith(emessage), message


LEVEL_CASES = [
    pytest.param(
        "  - {key: rendah, min: 10, label: R}\n  - {key: tinggi, min: 60, label: T}\n",
        "the first level must start at min: 0",
        id="first-not-zero",
    ),
    pytest.param(
        "  - {key: rendah, min: 0, label: R}\n  - {key: tinggi, min: 0, label: T}\n",
        "level 'tinggi' (min 0) must start above level 'rendah'",
        id="unordered",
    ),
    pytest.param(
        "  - {key: rendah, min: 0, max: 70, label: R}\n  - {key: tinggi, min: 60, label: T}\n",
        "level 'rendah' max 70 overlaps the next level's min 60",
        id="overlap",
    ),
    pytest.param(
        "  - {key: rendah, min: 0, max: 50, label: R}\n  - {key: tinggi, min: 60, label: T}\n",
        "level 'rendah' max 50 leaves a gap before the next level's min 60",
        id="gap",
    ),
    pytest.param(
        "  - {key: rendah, min: 0, label: R}\n  - {key: rendah, min: 60, label: T}\n",
        "duplicate level key 'rendah'",
        id="duplicate",
    ),
]


@pytest.mark.parametrize(("levels", "message"), LEVEL_CASES)
def test_invalid_levels(levels: str, message: str) -> None:
    text = q(OK_Q).replace(
        "  - {key: rendah, min: 0, label: Rendah}\n  - {key: tinggi, min: 60, label: Tinggi}\n",
        levels,
    )
    found = issues_of(text)
    assert any(m.startswith(message) for *_, m in found), found
    assert all(line in (6, 7) for line, *_ in found), found


def test_every_error_is_reported_in_one_run() -> None:
    text = q(
        "- {key: a, type: yes_no, label: A, weight: 0}\n"
        "- {key: b, type: yesno, label: B}\n"
        "- {key: c, type: yes_no, label: C, colour: red}\n"
    )
    found = issues_of(text)
    assert [(line, code) for line, _, code, _ in found] == [
        (13, "C107"),
        (14, "C103"),
        (15, "C102"),
    ]


def test_unquoted_version_hint_keeps_the_text_as_written() -> None:
    found = issues_of(q(OK_Q).replace('version: "1"', "version: 2026.10"))
    assert found == [(3, 10, "C106", "'version' must be text, got '2026.10'")]
    with pytest.raises(CriteriaError) as info:
        load_criteria_text(q(OK_Q).replace('version: "1"', "version: 2026.10"), "t.yaml")
    assert info.value.issues[0].hint == 'put the value in quotes, e.g. "2026.10"'


def test_missing_top_level_fields() -> None:
    found = issues_of("format: 1\nid: t\n")
    messages = {m for *_, m in found}
    assert {"missing required field 'version'", "missing required field 'levels'"} <= messages


def test_not_a_mapping() -> None:
    assert issues_of("- a\n- b\n")[0][2] == "C001"


def test_messages_carry_yaml_path_and_hint() -> None:
    with pytest.raises(CriteriaError) as info:
        load_criteria_text(q("- {key: a, type: yes_no, label: A, wieght: 2}\n"), "t.yaml")
    issue = info.value.issues[0]
    assert issue.path == "dimensions[0].questions[0].wieght"
    assert issue.hint == "did you mean 'weight'?"
    assert issue.format().startswith("t.yaml:13:42: C102 unknown field 'wieght'")


def test_hostile_python_tag_is_refused_not_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "pwned"
    text = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(CriteriaError):
        load_criteria_text(text, "evil.yaml")
    assert not marker.exists()


def test_alias_bomb_refused_quickly() -> None:
    import time

    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    start = time.perf_counter()
    with pytest.raises(CriteriaError) as info:
        load_criteria_text("\n".join(lines) + "\n", "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert info.value.issues[0].code == "Y003"
