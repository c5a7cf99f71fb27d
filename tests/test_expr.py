"""Tests for the criteria expression language (`when:` conditions, `derived:` values)."""

from __future__ import annotations

import functools
import itertools
import math
import pickle
import time
from collections.abc import Callable, Mapping

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ekspor_cli.expr import (
    And,
    Binary,
    Bool,
    Call,
    Compare,
    ExprError,
    Kind,
    ListLit,
    Name,
    Node,
    Not,
    Number,
    Or,
    String,
    Symbol,
    Unary,
    check,
    compile_expr,
    compiler,
    evaluate,
    names,
    parse,
    to_source,
    why_missing,
)

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(FAST, max_examples=50)  # narrow laws: fewer examples cover them

SYMS: dict[str, Symbol] = {
    "sektor": Symbol(Kind.TEXT, frozenset({"pangan_olahan", "kayu", "rotan"})),
    "tujuan": Symbol(Kind.SET, frozenset({"halal", "asean", "eropa"})),
    "nama": Symbol(Kind.TEXT),
    "omzet": Symbol(Kind.NUMBER),
    "kapasitas_maks": Symbol(Kind.NUMBER),
    "produksi_bulanan": Symbol(Kind.NUMBER),
    "volume_pembeli": Symbol(Kind.NUMBER),
    "punya_nib": Symbol(Kind.BOOL),
}


def value_of(text: str, env: Mapping[str, object]) -> object:
    return evaluate(parse(text), env)


def same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


# ------------------------------------------------------------------ precedence, arithmetic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("10 - (4 - 3)", 9),
        ("8 / 2 / 2", 2.0),
        ("2 * 3 / 4", 1.5),
        ("7 / 2", 3.5),
        ("-2 * 3", -6),
        ("- -2", 2),
        ("2 - -3", 5),
        ("-(1 + 2)", -3),
        ("0.25 + 1.5", 1.75),
        ("abs(-3)", 3),
        ("abs(2 - 7) * 2", 10),
        ("min(3, 1, 2)", 1),
        ("max(1, 2.5)", 2.5),
        ("1 + 2 == 3", True),
        ("1 + 2 * 3 > 6", True),
        ("not 1 == 2", True),
        ("not true or true", True),
        ("not (true or true)", False),
        ("true or false and false", True),
        ("(true or false) and false", False),
        ("not not true", True),
        ("1 < 2 and 2 < 3", True),
        ("2 <= 2 and 3 >= 4", False),
        ("1 != 1.0", False),
        ('"a" == "a" and "a" != "b"', True),
        ("true == true", True),
    ],
)
def test_precedence_and_arithmetic(text: str, expected: object) -> None:
    value = value_of(text, {})
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("a or b and c", Or((Name("a"), And((Name("b"), Name("c")))))),
        ("a and b or c", Or((And((Name("a"), Name("b"))), Name("c")))),
        ("a and b and c", And((Name("a"), Name("b"), Name("c")))),
        ("(a and b) and c", And((And((Name("a"), Name("b"))), Name("c")))),
        ("not a and b", And((Not(Name("a")), Name("b")))),
        ("not a == b", Not(Compare("==", Name("a"), Name("b")))),
        ("a - b - c", Binary("-", Binary("-", Name("a"), Name("b")), Name("c"))),
        ("a + b * c", Binary("+", Name("a"), Binary("*", Name("b"), Name("c")))),
        ("-a * b", Binary("*", Unary("-", Name("a")), Name("b"))),
        ("x not in [1, 2]", Compare("not in", Name("x"), ListLit((Number(1), Number(2))))),
        ("not x in t", Not(Compare("in", Name("x"), Name("t")))),
        ("min(a, 1)", Call("min", (Name("a"), Number(1)))),
        ("answered(q)", Call("answered", (Name("q"),))),
        ("count(t) > 0", Compare(">", Call("count", (Name("t"),)), Number(0))),
        (
            '\'it\\\'s\' == "say \\"hi\\" \\\\"',
            Compare("==", String("it's"), String('say "hi" \\')),
        ),
        ("true != false", Compare("!=", Bool(True), Bool(False))),
        ("[]", ListLit(())),
        ("min", Name("min")),  # function names are not reserved as question keys
        ("\tx\n==\r\n1 ", Compare("==", Name("x"), Number(1))),
    ],
)
def test_parse_tree(text: str, tree: Node) -> None:
    assert parse(text) == tree


def test_node_offsets_point_at_tokens() -> None:
    node = parse("omzet  >= 10")
    assert isinstance(node, Compare)
    assert (node.offset, node.left.offset, node.right.offset) == (7, 0, 10)
    # offsets do not take part in equality
    assert Compare(">=", Name("omzet", 3), Number(10)) == node


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("1.5", 1.5), ("1.0", 1.0), ("007", 7)])
def test_number_literals(text: str, value: float) -> None:
    node = parse(text)
    assert isinstance(node, Number)
    assert node.value == value and type(node.value) is type(value)


# ------------------------------------------------------------------ Kleene logic

T, F, U = True, False, None
KLEENE_AND = {
    (T, T): T, (T, F): F, (T, U): U,
    (F, T): F, (F, F): F, (F, U): F,
    (U, T): U, (U, F): F, (U, U): U,
}  # fmt: skip
KLEENE_OR = {
    (T, T): T, (T, F): T, (T, U): T,
    (F, T): T, (F, F): F, (F, U): U,
    (U, T): T, (U, F): U, (U, U): U,
}  # fmt: skip


@pytest.mark.parametrize(("a", "b"), list(KLEENE_AND))
def test_kleene_and_or(a: bool | None, b: bool | None) -> None:
    env = {"a": a, "b": b}
    assert value_of("a and b", env) is KLEENE_AND[a, b]
    assert value_of("a or b", env) is KLEENE_OR[a, b]
    # three operands (the n-ary path) agree with the two-operand table
    assert value_of("a and b and true", env) is KLEENE_AND[a, b]
    assert value_of("a or b or false", env) is KLEENE_OR[a, b]


@pytest.mark.parametrize(("a", "expected"), [(T, F), (F, T), (U, U)])
def test_kleene_not(a: bool | None, expected: bool | None) -> None:
    assert value_of("not a", {"a": a}) is expected


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ("x > 1 or true", {}, True),
        ("x > 1 and false", {}, False),
        ("x > 1 and true", {}, None),
        ("x > 1 or false", {}, None),
        ("not (x > 1)", {}, None),
        ("answered(x) and x > 1", {}, False),
        ("not answered(x) or x > 1", {}, True),
    ],
)
def test_kleene_with_comparisons(text: str, env: dict[str, object], expected: object) -> None:
    assert value_of(text, env) is expected


# ------------------------------------------------------------------ None propagation


@pytest.mark.parametrize(
    "text",
    [
        "x + 1",
        "1 + x",
        "x * 0",  # no "zero absorbs unknown": still unknown
        "-x",
        "x / 1",
        "x > 1",
        "1 <= x",
        "x == 1",
        "x != 1",
        's == "a"',
        "min(x, 1)",
        "max(1, x)",
        "abs(x)",
        "count(t)",
        "count(t) > 0",
        's in ["a"]',
        's not in ["a"]',
        '"a" in t',
        '"a" not in t',
        "not b",
        "b == true",
    ],
)
@pytest.mark.parametrize("present", [True, False], ids=["none", "absent"])
def test_none_propagates(text: str, present: bool) -> None:
    env = dict.fromkeys(["x", "s", "t", "b"]) if present else {}
    assert value_of(text, env) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), (0, True), (False, True), ("", True), (frozenset(), True), ((), True)],
)
def test_answered_is_never_unknown(value: object, expected: bool) -> None:
    assert value_of("answered(x)", {"x": value}) is expected
    assert value_of("answered(x)", {}) is False


# ------------------------------------------------------------------ division by zero, why_missing


@pytest.mark.parametrize(
    ("text", "env", "reason"),
    [
        ("a / b", {"a": 1, "b": 0}, "division by zero: b is 0"),
        ("a / b", {"a": 1, "b": 0.0}, "division by zero: b is 0"),
        ("a / (b - c)", {"a": 1, "b": 2, "c": 2}, "division by zero: b - c is 0"),
        ("1 / 0", {}, "division by zero: 0 is 0"),
        ("a / b", {"b": 2}, "missing answer: a"),
        ("a / b", {"a": None, "b": 0}, "missing answer: a; division by zero: b is 0"),
        (
            "(kapasitas_maks - produksi_bulanan) / volume_pembeli",
            {"kapasitas_maks": 1000, "produksi_bulanan": 400, "volume_pembeli": 0},
            "division by zero: volume_pembeli is 0",
        ),
        (
            "(kapasitas_maks - produksi_bulanan) / volume_pembeli",
            {"kapasitas_maks": 1000, "produksi_bulanan": 400},
            "missing answer: volume_pembeli",
        ),
        (
            "(kapasitas_maks - produksi_bulanan) / volume_pembeli",
            {"kapasitas_maks": 1000},
            "missing answers: produksi_bulanan, volume_pembeli",
        ),
        ("a + a * b", {"b": 1}, "missing answer: a"),
        ("min(a, b, 3)", {}, "missing answers: a, b"),
        ("abs(a / b) + count(t)", {"a": 1, "b": 0}, "missing answer: t; division by zero: b is 0"),
        ("a / 3", {"a": 10**400}, "number too large: a / 3"),
        ("x > 1 and y", {"y": True}, "missing answer: x"),
        ("x > 1 or y", {}, "missing answers: x, y"),
        ('s in ["a", "b"]', {}, "missing answer: s"),
    ],
)
def test_why_missing(text: str, env: dict[str, object], reason: str) -> None:
    node = parse(text)
    assert value_of(text, env) is None
    assert why_missing(node, env) == reason


@pytest.mark.parametrize(
    ("text", "env"),
    [
        ("a / b", {"a": 0, "b": 5}),
        ("(kapasitas_maks - produksi_bulanan) / volume_pembeli", dict.fromkeys(SYMS, 2)),
        ("answered(x)", {}),
        ("x > 1 or true", {}),
    ],
)
def test_why_missing_is_none_when_there_is_a_value(text: str, env: dict[str, object]) -> None:
    assert why_missing(parse(text), env) is None


def test_capacity_ratio() -> None:
    env = {"kapasitas_maks": 1000, "produksi_bulanan": 400, "volume_pembeli": 200}
    assert value_of("(kapasitas_maks - produksi_bulanan) / volume_pembeli", env) == 3.0


# ------------------------------------------------------------------ membership


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ('s in ["a", "b"]', {"s": "a"}, True),
        ('s in ["a", "b"]', {"s": "c"}, False),
        ('s not in ["a", "b"]', {"s": "c"}, True),
        ('s not in ["a", "b"]', {"s": "b"}, False),
        ('s in ["A"]', {"s": "a"}, False),  # keys are case-sensitive
        ("s in []", {"s": "a"}, False),
        ('"halal" in t', {"t": frozenset({"halal", "asean"})}, True),
        ('"halal" in t', {"t": frozenset()}, False),
        ('"halal" in t', {"t": ("asean", "halal")}, True),  # AnswerReader gives tuples
        ('"halal" in t', {"t": ["halal"]}, True),
        ('"halal" in t', {"t": {"eropa"}}, False),
        ('"halal" not in t', {"t": frozenset()}, True),
        ("s in t", {"s": "a", "t": frozenset({"a"})}, True),
        ("n in [1, 2.5]", {"n": 2.5}, True),
        ("n in [1, 2.5]", {"n": 1.0}, True),
        ("n in [-1, 2]", {"n": -1}, True),
        ("n in [0]", {"n": 1}, False),
        ("b in [true]", {"b": True}, True),
        ("b in [true]", {"b": False}, False),
        # unchecked lists with an unknown item: Kleene (x == a or x == None)
        ("s in [u, v]", {"s": "a", "u": "b"}, None),
        ("s in [u, v]", {"s": "a", "u": "b", "v": "a"}, True),
        ("s in [u, v]", {"s": "a", "v": "a"}, True),
        ("s not in [u]", {"s": "a"}, None),
    ],
)
def test_membership(text: str, env: dict[str, object], expected: object) -> None:
    assert value_of(text, env) is expected


def test_multi_choice_equality_ignores_order() -> None:
    env = {"t": ("a", "b"), "u": frozenset({"b", "a"})}
    assert value_of("t == u", env) is True
    assert value_of("t != u", env) is False
    assert value_of("count(t) + count(u)", env) == 4


# ------------------------------------------------------------------ run-time kind errors


@pytest.mark.parametrize(
    ("text", "env"),
    [
        ("x + 1", {"x": "a"}),
        ("x + 1", {"x": True}),  # yes/no is never 1/0
        ("x > 1", {"x": True}),
        ("x == 1", {"x": True}),
        ("x == 1", {"x": "1"}),
        ("-x", {"x": "a"}),
        ("b and true", {"b": 1}),
        ("true and b", {"b": "ya"}),
        ("b or false", {"b": 0}),
        ("false or b", {"b": 0}),
        ("b and c and true", {"b": True, "c": "x"}),
        ("b or c or false", {"b": False, "c": "x"}),
        ("not b", {"b": "ya"}),
        ('s in ["a"]', {"s": 1}),
        ("x in [1]", {"x": True}),
        ('s in ["a"]', {"s": frozenset({"a"})}),
        ('"a" in s', {"s": "abc"}),
        ("x in t", {"x": 1, "t": frozenset({"a"})}),
        ("count(s)", {"s": "a"}),
        ("abs(s)", {"s": "a"}),
        ("min(1, s)", {"s": "a"}),
        ("[1] == [1]", {}),
    ],
)
def test_runtime_kind_errors_raise_type_error(text: str, env: dict[str, object]) -> None:
    function = compile_expr(parse(text))  # building is fine; running is not
    with pytest.raises(TypeError):
        function(env)


@pytest.mark.parametrize(
    "node",
    [
        Call("foo", (Number(1),)),
        Call("min", ()),
        Call("abs", (Number(1), Number(2))),
        Call("answered", ()),
    ],
)
def test_malformed_calls_raise_type_error_when_run(node: Node) -> None:
    function = compile_expr(node)  # building is fine; running is not
    with pytest.raises(TypeError):
        function({})


# ------------------------------------------------------------------ syntax errors


@pytest.mark.parametrize(
    ("text", "offset", "fragment"),
    [
        ("", 0, "empty"),
        ("  \n ", 0, "empty"),
        ("(a + b", 0, "this `(` is never closed"),
        ("x > (a + (b)", 4, "this `(` is never closed"),
        ("min(a, b", 3, "this `(` is never closed"),
        ("s in [1, 2", 5, "this `[` is never closed"),
        ("(a b)", 3, "expected `)`, found `b`"),
        ("[1 2]", 3, "expected `]`, found `2`"),
        ("a + b)", 5, "unmatched `)`"),
        ("a]", 1, "unmatched `]`"),
        ("a $ b", 2, "unexpected character `$`"),
        ("x == é", 5, "unexpected character `é`"),
        ("x ==\u200b1", 4, "invisible character U+200B"),
        ("a = 1", 2, "use == to compare"),
        ("(a = 1)", 3, "use == to compare"),
        ("a === 1", 4, "use == to compare"),
        ("a AND b", 2, "write `and` in lowercase"),
        ("a Or b", 2, "write `or` in lowercase"),
        ("NOT a", 0, "write `not` in lowercase"),
        ("x In t", 2, "write `in` in lowercase"),
        ("x == TRUE", 5, "write `true` in lowercase"),
        ("Sektor == 1", 0, "write `sektor`"),
        ("MIN(a, b)", 0, "write `min`"),
        ("_x > 1", 0, "names start with a lowercase letter"),
        ("a b", 2, "unexpected `b` after a complete expression"),
        ('a "x"', 2, 'unexpected text "x" after a complete expression'),
        ("a not b", 2, "unexpected `not`"),
        ("a b $", 2, "unexpected `b`"),  # the leftmost problem wins
        ("x > 1,5", 5, "write 1.5"),
        ("min(1,5)", -1, ""),  # valid: a comma between arguments
        ("a +", 3, "expected a value, found the end of the expression"),
        ("* 3", 0, "expected a value, found `*`"),
        (") (", 0, "expected a value, found `)`"),
        ("x == not y", 5, "put it in brackets"),
        ("not in t", 4, "expected a value, found `in`"),
        ("[1, 2,]", 6, "expected a value, found `]`"),
        ("1 < x < 3", 6, "comparisons cannot be chained"),
        ("a == b != c", 7, "comparisons cannot be chained"),
        ("x in t in u", 7, "comparisons cannot be chained"),
        ("foo(x)", 0, "unknown function `foo`"),
        ("mim(x, 1)", 0, "did you mean `min`?"),
        ("x > sqrt(2)", 4, "allowed functions: abs, answered, count, max, min"),
        ("'abc", 0, "text is missing its closing quote"),
        ('x == "abc', 5, "text is missing its closing quote"),
        ("'a\\nb'", 2, "unknown escape `\\n`"),
        ("'a\\", 2, "unknown escape"),
        ("x == \u201ckayu\u201d", 5, "straight quotes"),
        ("1.5e3", 0, "malformed number `1.5e3`"),
        ("12abc", 0, "malformed number `12abc`"),
        ("1.", 0, "malformed number `1.`"),
        ("1.2.3", 0, "malformed number `1.2.3`"),
        ("x > .5", 4, "write 0.5"),
        ("x => 1", 2, "write `>=`"),
        ("x =< 1", 2, "write `<=`"),
        ("x <> 1", 2, "use != for 'not equal'"),
        ("!x", 0, "write `not`"),
        ("a && b", 2, "write `and`"),
        ("a || b", 2, "write `or`"),
        ("x > 50%", 6, "percentages"),
    ],
)
def test_syntax_errors(text: str, offset: int, fragment: str) -> None:
    if offset < 0:
        parse(text)
        return
    with pytest.raises(ExprError) as info:
        parse(text)
    err = info.value
    assert err.offset == offset, (err.message, err.hint)
    assert fragment in f"{err.message} | {err.hint}"


def test_expr_error_fields_pickle_and_str() -> None:
    with pytest.raises(ExprError) as info:
        parse("a = 1")
    err = info.value
    assert (err.message, err.offset, err.hint) == ("`=` is not an operator", 2, "use == to compare")
    assert str(err) == "`=` is not an operator (at offset 2); use == to compare"
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.offset, copy.hint) == (err.message, err.offset, err.hint)


# ------------------------------------------------------------------ static checks


@pytest.mark.parametrize(
    ("text", "expect", "problems"),
    [
        (
            "volume_pembli > 0",
            Kind.BOOL,
            [(0, "unknown question 'volume_pembli' (did you mean 'volume_pembeli'?)")],
        ),
        ("x > 1 and y", Kind.BOOL, [(0, "unknown question 'x'"), (10, "unknown question 'y'")]),
        ("none", Kind.BOOL, [(0, "not answered(x)")]),
        ("punya_nib == ya", Kind.BOOL, [(13, "written true and false")]),
        (
            'sektor == "Pangan"',
            Kind.BOOL,
            [(10, 'allowed: "kayu", "pangan_olahan", "rotan" | did you mean "pangan_olahan"?')],
        ),
        ('"Kayu" == sektor', Kind.BOOL, [(0, 'write the option key "kayu" exactly')]),
        ('sektor != "pangan olahan"', Kind.BOOL, [(10, 'option key "pangan_olahan"')]),
        ('sektor in ["kayu", "jati"]', Kind.BOOL, [(19, "\"jati\" is not an option of 'sektor'")]),
        ('"hala" in tujuan', Kind.BOOL, [(0, 'did you mean "halal"?')]),
        ('"halal" not in tujuan', Kind.BOOL, []),
        ('nama == "apa saja"', Kind.BOOL, []),  # free text: no option check
        ("sektor > 3", Kind.BOOL, [(0, "`>` compares numbers, but 'sektor' is text")]),
        ("3 < tujuan", Kind.BOOL, [(4, "'tujuan' is a multi-choice answer")]),
        ('tujuan == "halal"', Kind.BOOL, [(7, 'write `"halal" in tujuan`')]),
        (
            "punya_nib == 1",
            Kind.BOOL,
            [(10, "cannot compare yes/no (true or false) with a number")],
        ),
        (
            "omzet + punya_nib > 1",
            Kind.BOOL,
            [(8, "`+` needs a number, but 'punya_nib' is yes/no")],
        ),
        ("-sektor < 0", Kind.BOOL, [(1, "`-` needs a number")]),
        ("not omzet", Kind.BOOL, [(4, "`not` needs yes/no (true or false), but 'omzet' is")]),
        ("omzet and punya_nib", Kind.BOOL, [(0, "`and` needs yes/no")]),
        ("punya_nib or tujuan", Kind.BOOL, [(13, 'test one option, e.g. `"..." in tujuan`')]),
        (
            "omzet",
            Kind.BOOL,
            [(0, "a condition must be yes/no, but this expression gives a number")],
        ),
        ("sektor", Kind.BOOL, [(0, 'compare it with a choice, e.g. `sektor == "..."`')]),
        ("omzet > 1", Kind.NUMBER, [(0, "a derived value must be a number")]),
        ("tujuan", Kind.NUMBER, [(0, "use `count(tujuan)`")]),
        ("omzet", Kind.TEXT, [(0, "expected text (a single choice)")]),
        ("count(sektor) > 1", Kind.BOOL, [(6, "count() counts the options picked")]),
        ('count("tujuan") > 1', Kind.BOOL, [(6, 'not `"tujuan"` | remove the quotes')]),
        ("count(tujuan, tujuan) > 1", Kind.BOOL, [(0, "count() takes exactly one question key")]),
        ("answered(omzet, sektor)", Kind.BOOL, [(0, "answered() takes exactly one")]),
        ("answered(omzt)", Kind.BOOL, [(9, "did you mean 'omzet'?")]),
        ("min(omzet) > 1", Kind.BOOL, [(0, "min() needs at least two values, got 1")]),
        ("abs(omzet, 1) > 1", Kind.BOOL, [(0, "abs() takes exactly one value, got 2")]),
        ("max(omzet, sektor) > 1", Kind.BOOL, [(11, "max() needs a number")]),
        ("[1, 2] == omzet", Kind.BOOL, [(0, "can only be used after `in` or `not in`")]),
        ('omzet in [1, "a"]', Kind.BOOL, [(9, "same kind")]),
        ('omzet in ["a", "b"]', Kind.BOOL, [(0, "cannot look for a number in a list of text")]),
        ("omzet in [1, -2, 3.5]", Kind.BOOL, []),
        ("omzet in [1, volume_pembeli]", Kind.BOOL, [(13, "a list can only hold fixed values")]),
        ('tujuan in ["halal"]', Kind.BOOL, [(0, "needs a single value on the left")]),
        ('"kayu" in sektor', Kind.BOOL, [(10, 'write `sektor == "..."`')]),
        ("omzet in tujuan", Kind.BOOL, [(0, "options of a multi-choice answer are text")]),
        ("omzet in 5", Kind.BOOL, [(9, "needs a list [...] or a multi-choice answer")]),
        (
            "sektor > 3 or omzt == 1",
            Kind.BOOL,
            [(0, "`>` compares numbers"), (14, "unknown question 'omzt'")],
        ),
        ("omzt + 1", Kind.NUMBER, [(0, "unknown question 'omzt'")]),  # no cascade
        (
            'answered(sektor) and (sektor == "kayu" or "halal" in tujuan) and not punya_nib',
            Kind.BOOL,
            [],
        ),
        ("(kapasitas_maks - produksi_bulanan) / volume_pembeli", Kind.NUMBER, []),
        ("max(0, min(omzet, 100)) / abs(-2) + count(tujuan)", Kind.NUMBER, []),
        ("punya_nib == true and tujuan == tujuan", Kind.BOOL, []),
    ],
)
def test_static_checks(text: str, expect: Kind, problems: list[tuple[int, str]]) -> None:
    errors = check(parse(text), SYMS, expect=expect)
    got = [(e.offset, f"{e.message} | {e.hint}") for e in errors]
    assert len(got) == len(problems), got
    for (offset, text_), (want_offset, fragment) in zip(got, problems, strict=True):
        assert offset == want_offset, got
        assert fragment in text_, got


def test_check_reports_unknown_function_in_a_built_tree() -> None:
    errors = check(Call("foo", (Name("omzet", 4),)), SYMS, expect=Kind.NUMBER)
    assert [(e.offset, e.message) for e in errors] == [(0, "unknown function `foo`")]
    assert "allowed functions: abs, answered, count, max, min" in errors[0].hint


def test_check_lists_errors_in_offset_order() -> None:
    errors = check(parse("zz > 1 and aa > 1 and sektor > 1"), SYMS, expect=Kind.BOOL)
    assert [e.offset for e in errors] == sorted(e.offset for e in errors)
    assert len(errors) == 3


# ------------------------------------------------------------------ names, to_source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("b + a * b - c", ["b", "a", "c"]),
        ('answered(x) and "h" in t or count(u) > y', ["x", "t", "u", "y"]),
        ("1 + 2", []),
        ("s in [a, 1, s]", ["s", "a"]),
        ("min(max(p, q), p)", ["p", "q"]),
    ],
)
def test_names(text: str, expected: list[str]) -> None:
    assert names(parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("a+b*c", "a + b * c"),
        ("(a+b)*c", "(a + b) * c"),
        ("((a))", "a"),
        ("a-(b-c)", "a - (b - c)"),
        ("(a-b)-c", "a - b - c"),
        ("a/(b*c)", "a / (b * c)"),
        ("- - 3", "-(-3)"),
        ("-(a+b)", "-(a + b)"),
        ("not(a and b)", "not (a and b)"),
        ("not not a", "not not a"),
        ("(a and b) and c", "(a and b) and c"),
        ("a or (b or c)", "a or (b or c)"),
        ("a or b and c", "a or b and c"),
        ("(a or b) and c", "(a or b) and c"),
        ("(x == 1) == true", "(x == 1) == true"),
        ("(not a) == b", "(not a) == b"),
        ("x  ==  'k'", 'x == "k"'),
        ("'it\\'s'", '"it\'s"'),
        ('"say \\"hi\\" \\\\"', '"say \\"hi\\" \\\\"'),
        ("1.50", "1.5"),
        ("10000000000000000000000.0", "10000000000000000000000.0"),
        ("0.0000001", "0.0000001"),
        ("min( a ,b )", "min(a, b)"),
        ("x not in [ 1,2 ]", "x not in [1, 2]"),
        ("[ ]", "[]"),
    ],
)
def test_to_source(text: str, canonical: str) -> None:
    assert to_source(parse(text)) == canonical
    assert parse(canonical) == parse(text)


def test_to_source_of_built_trees() -> None:
    assert to_source(Binary("-", Number(1), Number(-2))) == "1 - -2"
    assert to_source(Unary("-", Number(-2))) == "-(-2)"
    with pytest.raises(ValueError):
        to_source(Number(math.inf))


# ------------------------------------------------------------------ hostile input


def _raises_quickly(text: str) -> ExprError:
    start = time.perf_counter()
    with pytest.raises(ExprError) as info:
        parse(text)
    assert time.perf_counter() - start < 1.0  # generous: a fraction of a millisecond normally
    return info.value


@pytest.mark.parametrize(
    ("text", "offset", "fragment"),
    [
        ("(" * 10_000 + "x" + ")" * 10_000, 2000, "too long"),
        ("a" * 100_000, 2000, "too long"),
        ("x" + " " * 2000, 2000, "too long"),
        ("(" * 1999 + "x", 50, "nested too deeply"),
        ("(" * 51 + "x" + ")" * 51, 50, "nested too deeply"),
        ("[" * 1000, 50, "nested too deeply"),
        ("min(" * 400, 203, "nested too deeply"),
        ("not " * 499 + "x", 200, "nested too deeply"),
        ("-" * 1999 + "1", 50, "nested too deeply"),
        ("+".join(["1"] * 60), 101, "nested too deeply"),
        ("*".join(["1"] * 60), 101, "nested too deeply"),
    ],
)
def test_hostile_input(text: str, offset: int, fragment: str) -> None:
    err = _raises_quickly(text)
    assert err.offset == offset
    assert fragment in err.message


@pytest.mark.parametrize(
    "text",
    [
        "(" * 50 + "x" + ")" * 50,
        "+".join(["1"] * 51),
        " or ".join(["a"] * 399),  # and/or chains are flat: any length within the limit
        "not " * 50 + "a",
        "not (x == 1 or y and (" * 16 + "y" + "))" * 16,
    ],
)
def test_deepest_accepted_input_works_everywhere(text: str) -> None:
    node = parse(text)
    evaluate(node, {"x": 1, "y": True, "z": 2, "a": False})
    assert parse(to_source(node)) == node
    check(node, {}, expect=Kind.BOOL)
    why_missing(node, {})
    names(node)


# ------------------------------------------------------------------ compile_expr sanity


def test_compiled_function_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Non-timed sanity check: running the closure never compiles (batch scoring relies on it)."""
    node = parse(
        'sektor == "kayu" and omzet > 100 or answered(x) and (s in ["a", "b"] or "h" in t)'
    )
    function = compile_expr(node)
    rows = [
        {"sektor": "kayu", "omzet": 150.0},
        {"sektor": "rotan", "omzet": 150, "x": 1, "s": "b"},
        {"sektor": None, "x": 1, "s": "c", "t": ("h",)},
        {},
    ]
    expected = [evaluate(node, row) for row in rows]
    assert expected == [True, True, True, None]

    def forbidden(*args: object) -> object:
        raise AssertionError("a compiled function must not compile again when it runs")

    monkeypatch.setattr(compiler, "compile_expr", forbidden)
    assert [function(row) for row in rows] == expected


# ------------------------------------------------------------------ property tests

NUM_NAMES = ("n1", "n2")
BOOL_NAMES = ("b1", "b2")
CHOICES = ("a", "b", "c")
PROP_SYMS = {
    "n1": Symbol(Kind.NUMBER),
    "n2": Symbol(Kind.NUMBER),
    "b1": Symbol(Kind.BOOL),
    "b2": Symbol(Kind.BOOL),
    "s1": Symbol(Kind.TEXT, frozenset(CHOICES)),
    "t1": Symbol(Kind.SET, frozenset(CHOICES)),
}

numbers = st.one_of(
    st.integers(0, 1000),
    st.floats(0, 1e6, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 4)),
    st.sampled_from([0, 0.0, 0.5, 1e-7, 1e22]),
)


@functools.cache
def num_expr(depth: int) -> st.SearchStrategy[Node]:
    leaves = st.one_of(numbers.map(Number), st.sampled_from(NUM_NAMES).map(Name))
    if depth == 0:
        return leaves
    sub = num_expr(depth - 1)
    return st.one_of(
        leaves,
        st.builds(Binary, st.sampled_from(["+", "-", "*", "/"]), sub, sub),
        st.builds(Unary, st.just("-"), sub),
        st.builds(lambda a: Call("abs", (a,)), sub),
        st.builds(
            Call, st.sampled_from(["min", "max"]), st.lists(sub, min_size=2, max_size=3).map(tuple)
        ),
        st.just(Call("count", (Name("t1"),))),
    )


@functools.cache
def bool_expr(depth: int) -> st.SearchStrategy[Node]:
    texts = st.sampled_from(CHOICES).map(String)
    leaves = st.one_of(
        st.booleans().map(Bool),
        st.sampled_from(BOOL_NAMES).map(Name),
        st.sampled_from(sorted(PROP_SYMS)).map(lambda k: Call("answered", (Name(k),))),
        st.builds(Compare, st.sampled_from(["==", "!="]), st.just(Name("s1")), texts),
        st.builds(Compare, st.sampled_from(["in", "not in"]), texts, st.just(Name("t1"))),
        st.builds(
            Compare,
            st.sampled_from(["in", "not in"]),
            st.just(Name("s1")),
            st.lists(texts, max_size=3).map(lambda items: ListLit(tuple(items))),
        ),
    )
    if depth == 0:
        return leaves
    sub, num = bool_expr(depth - 1), num_expr(depth - 1)
    ops = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])
    return st.one_of(
        leaves,
        st.builds(Compare, ops, num, num),
        st.builds(Compare, st.sampled_from(["==", "!="]), sub, sub),
        st.builds(
            Compare,
            st.sampled_from(["in", "not in"]),
            num,
            st.lists(numbers.map(Number), max_size=3).map(lambda items: ListLit(tuple(items))),
        ),
        st.builds(Not, sub),
        st.lists(sub, min_size=2, max_size=3).map(lambda items: And(tuple(items))),
        st.lists(sub, min_size=2, max_size=3).map(lambda items: Or(tuple(items))),
    )


any_expr = st.one_of(bool_expr(4), num_expr(4))

envs = st.fixed_dictionaries(
    {},
    optional={
        "n1": st.none() | numbers | st.integers(-5, 5),
        "n2": st.none() | st.floats(-1e6, 1e6, allow_nan=False) | st.just(0),
        "b1": st.none() | st.booleans(),
        "b2": st.none() | st.booleans(),
        "s1": st.none() | st.sampled_from(CHOICES),
        "t1": st.none()
        | st.frozensets(st.sampled_from(CHOICES))
        | st.lists(st.sampled_from(CHOICES), unique=True).map(tuple),
    },
)

junk_values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["a", "x", ""]),
    st.frozensets(st.sampled_from(CHOICES)), st.just(("a",)),
)  # fmt: skip
junk_envs = st.dictionaries(st.sampled_from(sorted(PROP_SYMS)), junk_values)


def outcome(function: Callable[..., object], *args: object) -> tuple[str, object]:
    try:
        return ("value", function(*args))
    except TypeError:
        return ("TypeError", None)


def same_outcome(a: tuple[str, object], b: tuple[str, object]) -> bool:
    return a[0] == b[0] and same(a[1], b[1])


@FAST
@given(bool_expr(3), num_expr(3), envs)
def test_prop_generated_trees_pass_the_checker_and_give_their_kind(
    condition: Node, value: Node, env: dict[str, object]
) -> None:
    """Trees that pass check() never raise on well-typed answers, and give their kind."""
    assert check(condition, PROP_SYMS, expect=Kind.BOOL) == []
    assert check(value, PROP_SYMS, expect=Kind.NUMBER) == []
    assert set(names(condition)) <= set(PROP_SYMS)
    truth = evaluate(condition, env)
    assert truth is True or truth is False or truth is None
    number = evaluate(value, env)
    assert number is None or type(number) in (int, float)
    # why_missing explains exactly the unknown values
    assert (why_missing(condition, env) is None) == (truth is not None)
    assert (why_missing(value, env) is None) == (number is not None)


conditions = bool_expr(2)


def assert_kleene_laws(x: Node, y: Node, z: Node, env: Mapping[str, object]) -> None:
    """and/or/not obey the laws of Kleene's three-valued logic (None = unknown)."""

    def value(node: Node) -> object:
        return evaluate(node, env)

    # De Morgan
    assert value(Not(And((x, y)))) is value(Or((Not(x), Not(y))))
    assert value(Not(Or((x, y)))) is value(And((Not(x), Not(y))))
    # double negation, commutativity
    assert value(Not(Not(x))) is value(x)
    assert value(And((x, y))) is value(And((y, x)))
    assert value(Or((x, y))) is value(Or((y, x)))
    # identity and annihilator: `false and unknown` is false, `true or unknown` is true
    assert value(And((x, Bool(True)))) is value(x)
    assert value(Or((x, Bool(False)))) is value(x)
    assert value(And((x, Bool(False)))) is False
    assert value(Or((Bool(True), x))) is True
    # associativity: the flat n-ary node agrees with both nestings
    flat = value(And((x, y, z)))
    assert flat is value(And((And((x, y)), z))) is value(And((x, And((y, z)))))
    flat = value(Or((x, y, z)))
    assert flat is value(Or((Or((x, y)), z))) is value(Or((x, Or((y, z)))))
    # distributivity
    assert value(And((x, Or((y, z))))) is value(Or((And((x, y)), And((x, z)))))


def test_kleene_laws_for_every_truth_value() -> None:
    for a, b, c in itertools.product([T, F, U], repeat=3):
        assert_kleene_laws(Name("a"), Name("b"), Name("c"), {"a": a, "b": b, "c": c})


@QUICK
@given(conditions, conditions, conditions, envs)
def test_prop_kleene_laws(x: Node, y: Node, z: Node, env: dict[str, object]) -> None:
    assert_kleene_laws(x, y, z, env)


@QUICK
@given(num_expr(1), num_expr(1), envs)
def test_prop_comparison_laws(a: Node, b: Node, env: dict[str, object]) -> None:
    def value(node: Node) -> object:
        return evaluate(node, env)

    assert value(Compare("!=", a, b)) is value(Not(Compare("==", a, b)))
    assert value(Compare("<", a, b)) is value(Compare(">", b, a))
    assert value(Compare("<=", a, b)) is value(Or((Compare("<", a, b), Compare("==", a, b))))
    assert value(Compare(">=", a, b)) is value(Not(Compare("<", a, b)))
    # arithmetic with an unknown operand is unknown
    if value(a) is None:
        assert value(Binary("*", a, Number(0))) is None
        assert value(Compare("==", a, a)) is None


@QUICK
@given(
    st.sampled_from([Name("s1"), String("a")]),
    st.lists(st.sampled_from(CHOICES), min_size=1, max_size=3),
    st.sampled_from([Name("n1"), Name("n2"), Number(2)]),
    st.lists(st.sampled_from([0, 1, 2.5, -3, 1e22]), min_size=1, max_size=3),
    envs,
)
def test_prop_membership_is_a_disjunction_of_equalities(
    text: Node, options: list[str], number: Node, values: list[float], env: dict[str, object]
) -> None:
    """`x in [a, b]` means `x == a or x == b`, and `not in` is its negation."""
    for x, items in ((text, [String(o) for o in options]), (number, [Number(v) for v in values])):
        found = evaluate(Compare("in", x, ListLit(tuple(items))), env)
        assert found is evaluate(Or(tuple(Compare("==", x, item) for item in items)), env)
        assert evaluate(Compare("not in", x, ListLit(tuple(items))), env) is evaluate(
            Not(Compare("in", x, ListLit(tuple(items)))), env
        )


@QUICK
@given(st.sampled_from(CHOICES), envs)
def test_prop_option_picked_means_in_the_answer(option: str, env: dict[str, object]) -> None:
    """`"a" in t` is true exactly when "a" is among t's options, however t is held."""
    picked = env.get("t1")
    for held in (picked, None if picked is None else list(picked)):
        found = evaluate(Compare("in", String(option), Name("t1")), {"t1": held})
        assert found is (None if held is None else option in held)


@QUICK
@given(conditions, conditions, junk_envs)
def test_prop_ill_typed_answers_raise_type_error_only(
    x: Node, y: Node, env: dict[str, object]
) -> None:
    """Answers that do not match the criteria raise TypeError, never another exception.

    The two-operand `and`/`or` fast path and the n-ary loop stop at the same operand.
    """
    for word, junction, neutral in (("and", And, True), ("or", Or, False)):
        two = outcome(evaluate, junction((x, y)), env)
        assert same_outcome(two, outcome(evaluate, junction((x, y, Bool(neutral))), env)), word
    outcome(evaluate, x, env)


def noisy(node: Node) -> str:
    """A fully bracketed, oddly spaced spelling of ``node`` (tests the parser's precedence)."""
    match node:
        case String():
            return "'" + node.value.replace("\\", "\\\\").replace("'", "\\'") + "'"
        case Number() | Bool() | Name():
            return to_source(node)
        case ListLit():
            return "[" + " ,".join(noisy(i) for i in node.items) + " ]"
        case Call():
            return f"{node.func} (" + ",".join(noisy(a) for a in node.args) + ")"
        case Unary():
            return f"-({noisy(node.operand)})"
        case Not():
            return f"not({noisy(node.operand)})"
        case Binary() | Compare():
            return f"({noisy(node.left)}){node.op}({noisy(node.right)})"
        case And():
            return "(" + ")and(".join(noisy(i) for i in node.items) + ")"
        case Or():
            return "(" + ")\n or\t(".join(noisy(i) for i in node.items) + ")"
    raise AssertionError(node)


@FAST
@given(any_expr)
def test_prop_round_trip(node: Node) -> None:
    text, spelled = to_source(node), noisy(node)
    assume(len(spelled) <= 2000)
    assert parse(text) == node
    assert parse(to_source(parse(text))) == parse(text)
    assert parse(spelled) == node
    assert parse(to_source(parse(spelled))) == parse(spelled)


TOKENS = [
    "(", ")", "[", "]", ",", "a", "b", "t", "1", "2.5", "0", '"k"', "'k'", "and", "or",
    "not", "in", "true", "false", "==", "!=", "<", "<=", ">", "+", "-", "*", "/", "min(",
    "abs(", "answered(", "count(", "=", "$", "AND", "\\", '"',
]  # fmt: skip


@FAST
@given(st.lists(st.sampled_from(TOKENS), max_size=14), st.sampled_from(["", " "]))
def test_prop_fuzzed_text(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    try:
        node = parse(text)
    except ExprError as err:
        assert 0 <= err.offset <= len(text)
        assert err.message
        return
    assert parse(to_source(node)) == node
    outcome(evaluate, node, {"a": 1, "b": True, "t": frozenset({"k"})})  # value or TypeError
    check(node, PROP_SYMS, expect=Kind.BOOL)  # never crashes on any parsed tree
