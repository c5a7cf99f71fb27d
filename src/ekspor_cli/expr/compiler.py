"""Compiles a syntax tree into one closure: the single definition of run-time semantics."""

from __future__ import annotations

import operator
from collections.abc import Mapping

from . import closures
from .closures import NUMBER_TYPES, Fn
from .nodes import (
    And,
    Binary,
    Bool,
    Call,
    Compare,
    Kind,
    ListLit,
    Name,
    Node,
    Not,
    Number,
    Or,
    String,
    Unary,
)
from .runtime import ORDER, ListValue, check_arity, compare, kind_of, member, show


def evaluate(node: Node, env: Mapping[str, object]) -> object:
    """The value of ``node`` over ``env`` (see the package docstring for the semantics).

    Why it only compiles: a separate tree walker would be a second copy of every rule, and
    the two could drift apart; this way one place defines the semantics.  Evaluating the
    same node many times?  Call :func:`compile_expr` once and reuse the function.
    """
    return compile_expr(node)(env)


def compile_expr(node: Node) -> Fn:
    """A function of the answers giving ``node``'s value, built once.

    Why: batch scoring evaluates the same few conditions over millions of rows.  Closures
    skip the per-node dispatch of a tree walk, and the common shapes (`key == "x"`,
    `key > 3`, `"x" in key`, `key in [...]`, two-operand `and`/`or`) get fused fast paths
    that fall back to the run-time helpers whenever a value is not of the plain expected
    type, so values (and which inputs raise ``TypeError``) never depend on the path taken.

    ``compile_expr(parse("omzet > 100"))({"omzet": 150})`` is ``True``.
    """
    match node:
        case Number() | String() | Bool():
            constant = node.value
            return lambda env: constant
        case Name():
            key = node.name
            return lambda env: env.get(key)
        case Compare() if node.op in ("in", "not in"):
            return _compile_membership(node)
        case Compare():
            return _compile_compare(node)
        case And():
            return closures.junction("and", [compile_expr(item) for item in node.items])
        case Or():
            return closures.junction("or", [compile_expr(item) for item in node.items])
        case Not():
            return closures.negation(compile_expr(node.operand))
        case Binary():
            return closures.binary(node.op, compile_expr(node.left), compile_expr(node.right))
        case Unary():
            return closures.unary_minus(compile_expr(node.operand))
        case ListLit():
            return _compile_list(node)
        case Call():
            return _compile_call(node)


def _literal(node: Node) -> tuple[bool, object]:
    """(True, value) for a constant that needs no environment: literals and ``-3``."""
    match node:
        case Number() | String() | Bool():
            return True, node.value
        case Unary(operand=Number() as number):
            return True, -number.value
    return False, None


def _compile_list(node: ListLit) -> Fn:
    literals = [_literal(item) for item in node.items]
    if all(is_literal for is_literal, _ in literals):
        items = ListValue(value for _, value in literals)
        return lambda env: items
    parts = [compile_expr(item) for item in node.items]
    return lambda env: ListValue(part(env) for part in parts)


def _compile_compare(node: Compare) -> Fn:
    op = node.op
    is_literal, constant = _literal(node.right)
    if isinstance(node.left, Name) and is_literal:
        # `key == "x"`, `key > 3`: one closure, no calls for the operands.
        key = node.left.name
        plain = type(constant)
        fast_types = NUMBER_TYPES if plain in NUMBER_TYPES else (plain,)
        fn = operator.eq if op == "==" else operator.ne if op == "!=" else ORDER[op]
        if op in ("==", "!=") or plain in NUMBER_TYPES:

            def compare_key(env: Mapping[str, object]) -> object:
                a = env.get(key)
                if a is None:
                    return None
                if type(a) in fast_types:
                    return fn(a, constant)
                return compare(op, a, constant)

            return compare_key
    return closures.comparison(op, compile_expr(node.left), compile_expr(node.right))


def _compile_membership(node: Compare) -> Fn:
    negated = node.op == "not in"
    right_node = node.right
    literals = (
        [_literal(item) for item in right_node.items] if isinstance(right_node, ListLit) else []
    )
    values = [value for is_literal, value in literals if is_literal]
    kinds = {kind_of(value) for value in values}
    if (
        isinstance(right_node, ListLit)
        and values
        and len(values) == len(right_node.items)
        and len(kinds) == 1
        and None not in kinds
    ):
        # `key in ["a", "b"]`: a set lookup after one kind check (equal to `member` then).
        (kind,) = kinds
        assert kind is not None
        members = frozenset(values)
        left = compile_expr(node.left)
        plain = str if kind is Kind.TEXT else bool if kind is Kind.BOOL else None

        def in_list(env: Mapping[str, object]) -> object:
            x = left(env)
            if x is None:
                return None
            if type(x) is not plain and kind_of(x) is not kind:
                raise TypeError(f"`in` cannot look for {show(x)} in a list of {kind.value}")
            return (x in members) is not negated

        return in_list
    if isinstance(node.left, String) and isinstance(right_node, Name):
        # `"halal" in sertifikat`
        text, key = node.left.value, right_node.name

        def option_picked(env: Mapping[str, object]) -> object:
            chosen = env.get(key)
            if chosen is None:
                return None
            if type(chosen) is frozenset or type(chosen) is tuple:
                return (text in chosen) is not negated
            found = member(text, chosen)
            return None if found is None else found is not negated

        return option_picked
    return closures.membership(negated, compile_expr(node.left), compile_expr(right_node))


def _compile_call(node: Call) -> Fn:
    try:
        check_arity(node.func, node.args)
    except TypeError as problem:
        return closures.failing(problem)
    return closures.function_call(node.func, [compile_expr(arg) for arg in node.args])
