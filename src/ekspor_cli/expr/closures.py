"""Closures that combine already compiled operands: arithmetic, comparison, Kleene logic.

They know nothing of the syntax tree.  Each evaluates its operands left to right and stops
at an unknown (``None``) one where the language says so.  Arithmetic on plain ``int`` and
``float`` values skips the :mod:`.runtime` helper's checks but gives exactly its result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeAlias

from .runtime import (
    ARITHMETIC,
    absolute,
    arithmetic,
    bool_error,
    compare,
    count,
    extreme,
    member,
    negate,
)

Fn: TypeAlias = Callable[[Mapping[str, object]], object]
NUMBER_TYPES = (int, float)


def unary_minus(inner: Fn) -> Fn:
    def minus(env: Mapping[str, object]) -> object:
        value = inner(env)
        if value is None:
            return None
        if type(value) in NUMBER_TYPES:
            return -value  # type: ignore[operator]
        return negate(value)

    return minus


def binary(op: str, left: Fn, right: Fn) -> Fn:
    fn = ARITHMETIC[op]
    dividing = op == "/"

    def arith(env: Mapping[str, object]) -> object:
        a = left(env)
        if a is None:
            return None
        b = right(env)
        if b is None:
            return None
        if type(a) in NUMBER_TYPES and type(b) in NUMBER_TYPES:
            if dividing and b == 0:
                return None
            try:
                return fn(a, b)  # type: ignore[arg-type]
            except OverflowError:
                return None
        return arithmetic(op, a, b)

    return arith


def comparison(op: str, left: Fn, right: Fn) -> Fn:
    def compare_values(env: Mapping[str, object]) -> object:
        a = left(env)
        if a is None:
            return None
        b = right(env)
        if b is None:
            return None
        return compare(op, a, b)

    return compare_values


def membership(negated: bool, left: Fn, right: Fn) -> Fn:
    def is_member(env: Mapping[str, object]) -> object:
        x = left(env)
        if x is None:
            return None
        container = right(env)
        if container is None:
            return None
        found = member(x, container)
        return None if found is None else found is not negated

    return is_member


def junction(word: str, parts: list[Fn]) -> Fn:
    """Kleene ``and``/``or`` over ``parts``, left to right.

    The ``decisive`` value (false for ``and``, true for ``or``) wins at once; otherwise an
    unknown operand makes the result unknown.  One helper for both, so the two cannot drift.
    """
    decisive = word == "or"
    neutral = not decisive
    if len(parts) == 2:
        first, second = parts

        def junction2(env: Mapping[str, object]) -> object:
            a = first(env)
            if a is decisive:
                return decisive
            if a is not neutral and a is not None:
                raise bool_error(word, a)
            b = second(env)
            if b is decisive:
                return decisive
            if b is neutral:
                return a
            if b is None:
                return None
            raise bool_error(word, b)

        return junction2

    def junction_n(env: Mapping[str, object]) -> object:
        unknown = False
        for part in parts:
            value = part(env)
            if value is decisive:
                return decisive
            if value is None:
                unknown = True
            elif value is not neutral:
                raise bool_error(word, value)
        return None if unknown else neutral

    return junction_n


def negation(inner: Fn) -> Fn:
    def invert(env: Mapping[str, object]) -> object:
        value = inner(env)
        if value is True:
            return False
        if value is False:
            return True
        if value is None:
            return None
        raise bool_error("not", value)

    return invert


def function_call(func: str, parts: list[Fn]) -> Fn:
    """A call of a known function with the right number of arguments."""
    if func == "answered":
        (inner,) = parts
        return lambda env: inner(env) is not None
    if func == "count":
        (inner,) = parts
        return lambda env: count(inner(env))
    if func == "abs":
        (inner,) = parts
        return lambda env: absolute(inner(env))

    def min_max(env: Mapping[str, object]) -> object:
        values: list[object] = []
        for part in parts:
            value = part(env)
            if value is None:
                return None
            values.append(value)
        return extreme(func, values)

    return min_max


def failing(problem: TypeError) -> Fn:
    """A malformed call in a built tree: building works, running raises."""

    def broken(env: Mapping[str, object]) -> object:
        raise TypeError(str(problem))

    return broken
