"""Tests for the safe, position-keeping YAML loader (hostile and sloppy input first)."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from ekspor_cli import yamlsafe
from ekspor_cli.errors import CriteriaError, Issue
from ekspor_cli.yamlsafe import LoadedYaml, Mark, decode_source, load_yaml

# Both parser backends must behave the same: libyaml (when built in) and pure Python.
BACKENDS = ["python"] + (["libyaml"] if yaml.__with_libyaml__ else [])


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    name: str = request.param
    if name == "python":
        monkeypatch.setattr(yamlsafe, "_LOADER", yamlsafe._PyLoader)
    yield name


def refused(text: str, **limits: int) -> list[Issue]:
    with pytest.raises(CriteriaError) as info:
        load_yaml(text, "c.yaml", **limits)
    return info.value.issues


def where(issues: list[Issue]) -> list[tuple[int, int, str]]:
    return [(i.location.line, i.location.column, i.code) for i in issues]


# ------------------------------------------------------------------------------ refusals

BAD = [
    # --- Y001 syntax
    pytest.param("a:\n\tb: 1\n", 2, 1, "Y001", id="tab-indentation"),
    pytest.param('a: 1\nb: "hello\nc: 2\n', 2, 4, "Y001", id="unclosed-double-quote"),
    pytest.param("a: 'it''s\n", 1, 4, "Y001", id="unclosed-single-quote"),
    pytest.param("a: b: c\n", 1, 5, "Y001", id="colon-in-plain-text"),
    pytest.param("a:\n  b: 1\n c: 2\n", 3, 2, "Y001", id="bad-indentation"),
    pytest.param("a: [1, 2\nb: 3\n", 2, 2, "Y001", id="unclosed-flow-list"),
    pytest.param("a: 1\n---\nb: 2\n", 2, 1, "Y001", id="two-documents"),
    # --- Y002 duplicate keys
    pytest.param("a: 1\nb: 2\na: 3\n", 3, 1, "Y002", id="duplicate-key"),
    pytest.param("q:\n  w: 1\n  w: 2\n", 3, 3, "Y002", id="duplicate-nested"),
    pytest.param("a: 1\n'a': 2\n", 2, 1, "Y002", id="duplicate-quoted-same-text"),
    pytest.param("1: a\n'1': b\n", 2, 1, "Y002", id="duplicate-number-vs-text"),
    pytest.param("a: {b: 1, b: 2}\n", 1, 11, "Y002", id="duplicate-flow"),
    pytest.param("x:\n  - k: 1\n    k: 2\n", 3, 5, "Y002", id="duplicate-in-list-item"),
    # --- Y003 anchors, aliases, merge keys
    pytest.param("a: &x 1\n", 1, 4, "Y003", id="anchor-scalar"),
    pytest.param("base: &b\n  x: 1\n", 1, 7, "Y003", id="anchor-mapping"),
    pytest.param("- &a [1]\n", 1, 3, "Y003", id="anchor-flow-list"),
    pytest.param("a: *x\n", 1, 4, "Y003", id="alias"),
    pytest.param("<<: {a: 1}\n", 1, 1, "Y003", id="merge-key"),
    # --- Y004 tags
    pytest.param('a: !!python/object/apply:os.system ["echo hi"]\n', 1, 4, "Y004", id="python-obj"),
    pytest.param("a: !!python/name:os.system\n", 1, 4, "Y004", id="python-name"),
    pytest.param("a: !foo x\n", 1, 4, "Y004", id="custom-tag"),
    pytest.param("a: ! x\n", 1, 4, "Y004", id="non-specific-tag"),
    pytest.param("a: !!binary aGk=\n", 1, 4, "Y004", id="binary"),
    pytest.param("a: !!timestamp 2024-01-01\n", 1, 4, "Y004", id="timestamp"),
    pytest.param("a: !!set {x}\n", 1, 4, "Y004", id="set"),
    pytest.param("%TAG !! tag:evil.com,2000:\n---\na: !!str x\n", 3, 4, "Y004", id="tag-redirect"),
    pytest.param("a: !!int abc\n", 1, 4, "Y004", id="int-tag-on-text"),
    pytest.param("a: !!int 0x1F\n", 1, 4, "Y004", id="int-tag-on-hex"),
    pytest.param("a: !!bool yes\n", 1, 4, "Y004", id="bool-tag-on-yes"),
    pytest.param("a: !!str [b]\n", 1, 4, "Y004", id="str-tag-on-list"),
    # --- Y005..Y007 limits (small limits keep these fast)
    pytest.param("- " * 60 + "x\n", 1, 101, "Y006", id="deep-block-list"),
    pytest.param(
        "a:\n" + "".join(" " * (i + 1) + "b:\n" for i in range(60)), 51, 51, "Y006", id="deep-map"
    ),
    pytest.param("[" * 60, 1, 51, "Y006", id="deep-flow-list"),
    pytest.param("{a: " * 60, 1, 201, "Y006", id="deep-flow-map"),
    # --- Y008 complex keys
    pytest.param("? [a]\n: 1\n", 1, 3, "Y008", id="list-key"),
    pytest.param("[a, b]: 1\n", 1, 1, "Y008", id="flow-list-key"),
    pytest.param("? {a: 1}\n: 2\n", 1, 3, "Y008", id="map-key"),
    # --- Y009 characters YAML forbids
    pytest.param('a: "x\x07"\n', 1, 6, "Y009", id="control-char"),
    pytest.param("a: 1\nb: x\x00\n", 2, 5, "Y009", id="nul"),
    pytest.param('a: "x\ufeffy"\n', 1, 6, "Y009", id="bom-inside"),
]


@pytest.mark.parametrize(("text", "line", "column", "code"), BAD)
def test_refused_at_exact_position(
    backend: str, text: str, line: int, column: int, code: str
) -> None:
    issues = refused(text)
    assert where(issues) == [(line, column, code)]
    issue = issues[0]
    assert issue.location.source == "c.yaml"
    assert issue.message
    assert issue.hint  # every refusal says what to do


def test_too_many_nodes(backend: str) -> None:
    issues = refused("- a\n" * 20, max_nodes=10)  # the list itself is the first value
    assert where(issues) == [(10, 3, "Y007")]
    assert "limit is 10" in issues[0].message


def test_oversize_refused_before_parsing() -> None:
    issues = refused("a: " + "x" * 200 + "\n", max_bytes=100)
    assert where(issues) == [(0, 0, "Y005")]  # whole-file problem: no line
    assert "204 bytes" in issues[0].message
    assert "limit is 100" in issues[0].message


def test_oversize_measured_in_bytes_not_characters() -> None:
    text = "a: " + "é" * 60  # 63 characters, 123 bytes
    assert where(refused(text, max_bytes=100)) == [(0, 0, "Y005")]
    assert load_yaml(text, "c.yaml", max_bytes=200).data == {"a": "é" * 60}


def test_duplicate_key_names_both_lines() -> None:
    text = "title: x\nweight: 1\nnote: y\nweight: 2\n"
    (issue,) = refused(text)
    assert (issue.location.line, issue.location.column, issue.code) == (4, 1, "Y002")
    assert issue.message == "duplicate key 'weight' (first defined at line 2)"
    assert issue.path == "weight"


def test_all_duplicates_reported_together(backend: str) -> None:
    text = "a: 1\nb: 2\na: 3\nq:\n  - w: 1\n    w: 2\nb: 4\n"
    issues = refused(text)
    assert where(issues) == [(3, 1, "Y002"), (6, 5, "Y002"), (7, 1, "Y002")]
    assert [i.message for i in issues] == [
        "duplicate key 'a' (first defined at line 1)",
        "duplicate key 'w' (first defined at line 5)",
        "duplicate key 'b' (first defined at line 2)",
    ]
    assert [i.path for i in issues] == ["a", "q[0].w", "b"]


def test_duplicate_on_one_line_names_the_column() -> None:
    (issue,) = refused("a: {b: 1, b: 2}\n")
    assert issue.message == "duplicate key 'b' (first defined at line 1, column 5)"


def test_syntax_messages_are_specific() -> None:
    (tab,) = refused("a:\n\tb: 1\n")
    assert "tab" in tab.message and "spaces" in tab.hint
    (quote,) = refused('a: "open\n')
    assert "never closed" in quote.message
    (docs,) = refused("a: 1\n---\nb: 2\n")
    assert "more than one YAML document" in docs.message


def test_alias_bomb_refused_fast(backend: str) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    issues = refused("\n".join(lines) + "\n")
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert where(issues) == [(1, 4, "Y003")]
    assert "write the value out in full" in issues[0].hint


def test_python_object_tag_is_not_executed(backend: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    assert where(refused(text)) == [(1, 4, "Y004")]
    assert not marker.exists()


def test_composer_depth_check_backs_up_the_prescan(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlsafe, "_flow_overflow", lambda text, max_depth: -1)
    assert where(refused("[" * 60)) == [(1, 51, "Y006")]


def test_prescan_ignores_brackets_in_quotes_and_comments() -> None:
    many = "[" * 80
    text = f"a: \"{many}\"\nb: '{many}'  # {many}\nc: [x, [y]]\n"
    assert load_yaml(text, "c.yaml").data == {"a": many, "b": many, "c": ["x", ["y"]]}


_DEEP_SCRIPT = textwrap.dedent(
    """
    from ekspor_cli import yamlsafe
    from ekspor_cli.errors import CriteriaError

    def attempt(text):
        try:
            yamlsafe.load_yaml(text, "deep.yaml")
        except CriteriaError as exc:
            print(exc.format())

    attempt("[" * 100_000)
    attempt("{a: " * 100_000)
    attempt("- " * 100_000 + "x")
    yamlsafe._flow_overflow = lambda text, max_depth: -1  # without the pre-scan, too
    attempt("[" * 100_000)
    yamlsafe._LOADER = yamlsafe._PyLoader
    attempt("[" * 100_000)
    print("survived")
    """
)


def test_deep_nesting_does_not_crash_the_interpreter() -> None:
    package_root = str(Path(yamlsafe.__file__).parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _DEEP_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    too_deep = " -- flatten the structure; criteria files need only a few levels"
    lines = proc.stdout.splitlines()
    assert lines[:3] == [
        "deep.yaml:1:51: Y006 brackets are nested too deep: more than 50 levels" + too_deep,
        "deep.yaml:1:201: Y006 brackets are nested too deep: more than 50 levels" + too_deep,
        "deep.yaml:1:101: Y006 nesting is too deep: more than 50 levels" + too_deep,
    ]
    # Without the pre-scan, libyaml's scanner may hit its own limit (1,000) before our
    # composer sees level 51; either way it is a clean Y006.
    assert lines[3].startswith("deep.yaml:1:") and " Y006 nesting is too deep" in lines[3]
    assert lines[4:] == [
        "deep.yaml:1:51: Y006 nesting is too deep: more than 50 levels" + too_deep,
        "survived",
    ]
    assert time.perf_counter() - start < 5  # includes interpreter start-up


# ------------------------------------------------------------------------------ decoding

BAD_BYTES = [
    pytest.param(b"a: 1\nb: caf\xe9\n", 2, 7, id="latin-1-byte"),
    pytest.param(b"\xff\xfea\x00:\x00", 1, 1, id="utf-16-bom"),
    pytest.param(b"\xc3\xa9: \xff\n", 1, 4, id="after-multibyte-char"),
    pytest.param(b"a: 1\nb: 2\x00\n", 2, 5, id="nul"),
    pytest.param(b"a\x00:\x00 \x001\x00", 1, 2, id="utf-16-without-bom"),
]


@pytest.mark.parametrize(("data", "line", "column"), BAD_BYTES)
def test_decode_refuses_non_utf8(data: bytes, line: int, column: int) -> None:
    with pytest.raises(CriteriaError) as info:
        decode_source(data, "c.yaml")
    (issue,) = info.value.issues
    assert (issue.location.source, issue.location.line, issue.location.column) == (
        "c.yaml",
        line,
        column,
    )
    assert issue.code == "Y009"
    assert "UTF-8" in issue.hint


def test_decode_strips_bom_and_keeps_positions() -> None:
    text = decode_source(b"\xef\xbb\xbfname: x\n", "c.yaml")
    assert text == "name: x\n"
    loaded = load_yaml(text, "c.yaml")
    assert loaded.key_marks[("name",)] == Mark(1, 1)


def test_load_yaml_tolerates_a_leading_bom_too() -> None:
    loaded = load_yaml("\ufeffname: x\n", "c.yaml")
    assert loaded.data == {"name": "x"}
    assert loaded.value_marks[("name",)] == Mark(1, 7)


# ------------------------------------------------------------------------------ values

SCALARS: list[tuple[str, Any]] = [
    # YAML 1.1 surprises stay text
    ("no", "no"),
    ("yes", "yes"),
    ("on", "on"),
    ("off", "off"),
    ("y", "y"),
    ("N", "N"),
    ("010", "010"),
    ("1:30", "1:30"),
    ("2024-01-05", "2024-01-05"),
    ("1_000", "1_000"),
    ("0x1F", "0x1F"),
    ("0o17", "0o17"),
    ("01.5", "01.5"),
    ("1.500", 1.5),  # a decimal point is a decimal point (Indonesian thousands: quote it)
    # booleans: true/false only
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    ("tRUE", "tRUE"),
    # numbers
    ("10", 10),
    ("-3", -3),
    ("+7", 7),
    ("0", 0),
    ("1.5", 1.5),
    ("-0.25", -0.25),
    (".5", 0.5),
    ("1.", 1.0),
    ("1e3", 1000.0),
    ("2.5E-1", 0.25),
    (".inf", math.inf),
    ("-.Inf", -math.inf),
    # nulls
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("", None),
    ("nULL", "nULL"),
    # quoted is always text
    ('"no"', "no"),
    ("'10'", "10"),
    ('"true"', "true"),
    ("''", ""),
    ('"null"', "null"),
    # standard tags are fine
    ("!!str 10", "10"),
    ("!!int '7'", 7),
    ("!!float 3", 3.0),
    ("!!bool true", True),
    ("!!null ''", None),
]


@pytest.mark.parametrize(("written", "expected"), SCALARS)
def test_scalar_typing(backend: str, written: str, expected: Any) -> None:
    value = load_yaml(f"v: {written}\n", "c.yaml").data["v"]
    assert value == expected
    assert type(value) is type(expected)


def test_nan_loads_as_float() -> None:
    assert math.isnan(load_yaml("v: .nan\n", "c.yaml").data["v"])


def test_huge_integer_keeps_its_text() -> None:
    digits = "9" * 5000
    assert load_yaml(f"v: {digits}\n", "c.yaml").data["v"] == digits


def test_block_scalars_are_text() -> None:
    data = load_yaml("a: |\n  10\nb: >-\n  yes\n  no\n", "c.yaml").data
    assert data == {"a": "10\n", "b": "yes no"}


def test_keys_are_always_text(backend: str) -> None:
    data = load_yaml("1: a\ntrue: b\nnull: c\nno: d\n~: e\n", "c.yaml").data
    assert data == {"1": "a", "true": "b", "null": "c", "no": "d", "~": "e"}


def test_quoted_merge_key_is_just_text() -> None:
    assert load_yaml("'<<': 1\n", "c.yaml").data == {"<<": 1}


def test_empty_documents() -> None:
    for text in ("", "# only a comment\n"):
        loaded = load_yaml(text, "c.yaml")
        assert loaded.data is None
        assert loaded.value_marks[()] == Mark(1, 1)
    assert load_yaml("---\n", "c.yaml").data is None


# ------------------------------------------------------------------------------ marks

NESTED = """\
# criteria
title: Kesiapan ekspor
dimensions:
  - key: legal
    questions:
      - key: nib
        weight:   5
        options: [ya, tidak]
  - key: produksi
    questions: []
"""


def test_values_and_marks_of_a_nested_document(backend: str) -> None:
    loaded = load_yaml(NESTED, "c.yaml")
    assert loaded.data == {
        "title": "Kesiapan ekspor",
        "dimensions": [
            {
                "key": "legal",
                "questions": [{"key": "nib", "weight": 5, "options": ["ya", "tidak"]}],
            },
            {"key": "produksi", "questions": []},
        ],
    }
    weight = ("dimensions", 0, "questions", 0, "weight")
    assert loaded.value_marks[weight] == Mark(7, 19)
    assert loaded.key_marks[weight] == Mark(7, 9)
    assert loaded.value_marks[("dimensions", 0, "questions", 0, "options", 1)] == Mark(8, 23)
    assert loaded.value_marks[("dimensions", 1)] == Mark(9, 5)
    assert loaded.value_marks[("title",)] == Mark(2, 8)
    assert loaded.key_marks[("title",)] == Mark(2, 1)
    assert loaded.value_marks[()] == Mark(2, 1)
    assert ("dimensions", 1) not in loaded.key_marks  # list items have no key


def test_mark_for_walks_up_to_the_deepest_known_prefix() -> None:
    loaded = load_yaml(NESTED, "c.yaml")
    question = ("dimensions", 0, "questions", 0)
    assert loaded.mark_for([*question, "weight"]) == Mark(7, 19)
    assert loaded.mark_for([*question, "weight"], prefer_key=True) == Mark(7, 9)
    assert loaded.mark_for([*question, "missing", 3]) == Mark(6, 9)  # the question's mapping
    assert loaded.mark_for(("dimensions", 7), prefer_key=True) == Mark(3, 1)  # key dimensions
    assert loaded.mark_for(("nope",)) == Mark(2, 1)  # the root
    assert LoadedYaml(None, {}, {}).mark_for(("x",)) == Mark(1, 1)


def test_marks_count_characters_not_bytes() -> None:
    loaded = load_yaml("nama: 'Kopi Gayo ☕'\nharga: 5\n", "c.yaml")
    assert loaded.value_marks[("harga",)] == Mark(2, 8)
    assert load_yaml("é: [1, x]\n", "c.yaml").value_marks[("é", 1)] == Mark(1, 8)


# ------------------------------------------------------------------------------ size & speed


@pytest.fixture(scope="module")
def criteria_text(bench_script: Callable[[str], ModuleType]) -> Callable[[int], str]:
    """A criteria-shaped YAML file of N questions: benchmarks/bench_criteria.py's."""
    text: Callable[[int], str] = bench_script("bench_criteria").criteria_text
    return text


def test_200_question_file_loads_with_every_position(criteria_text: Callable[[int], str]) -> None:
    # How fast is measured by benchmarks/bench_criteria.py, not here.
    text = criteria_text(200)
    assert len(text.splitlines()) > 4000
    loaded = load_yaml(text, "c.yaml")
    assert len(loaded.data["dimensions"]) == 10
    assert sum(len(d["questions"]) for d in loaded.data["dimensions"]) == 200
    last = ("dimensions", 9, "questions", 19, "options", 3, "score")
    assert loaded.data["dimensions"][9]["questions"][19]["options"][3]["score"] == 75
    assert loaded.value_marks[last].line == len(text.splitlines()) - 2


def test_backends_agree(
    monkeypatch: pytest.MonkeyPatch, criteria_text: Callable[[int], str]
) -> None:
    text = criteria_text(20) + "extra: {a: [1, 2.5, no, ~, '', \"x\"]}\n"
    fast = load_yaml(text, "c.yaml")
    monkeypatch.setattr(yamlsafe, "_LOADER", yamlsafe._PyLoader)
    slow = load_yaml(text, "c.yaml")
    assert fast == slow
