"""Run-time value rules: kinds of answers, arithmetic, comparison and Kleene membership.

The rules take known values (callers deal with an unknown ``None`` first, except for
``count`` and ``abs``) and raise ``TypeError`` for a value of the wrong kind rather than
guessing: yes/no is never 1/0.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeGuard

from ..errors import clip
from .nodes import FUNCTIONS, Kind, Node


class ListValue(tuple[object, ...]):
    """The value of a list literal; distinct from a multi-choice answer held as a tuple."""

    __slots__ = ()


def is_number(value: object) -> TypeGuard[int | float]:
    kind = type(value)
    if kind is int or kind is float:
        return True
    return isinstance(value, int | float) and not isinstance(value, bool)


def kind_of(value: object) -> Kind | None:
    """The kind of a known value, or None for a list literal or an unsupported type."""
    kind = type(value)
    if kind is str:
        return Kind.TEXT
    if kind is bool:
        return Kind.BOOL
    if kind is int or kind is float:
        return Kind.NUMBER
    if kind is frozenset or kind is tuple:
        return Kind.SET
    if isinstance(value, bool):
        return Kind.BOOL
    if isinstance(value, int | float):
        return Kind.NUMBER
    if isinstance(value, str):
        return Kind.TEXT
    if isinstance(value, ListValue):
        return None
    # Multi-choice answers: AnswerReader gives tuples; sets and lists are accepted too.
    if isinstance(value, frozenset | set | tuple | list):
        return Kind.SET
    return None


def show(value: object) -> str:
    """A value's type and (shortened) repr, for ``TypeError`` messages."""
    text = repr(value)
    return f"{type(value).__name__} {clip(text, 40)}"


def bool_error(word: str, value: object) -> TypeError:
    return TypeError(f"`{word}` needs yes/no values, got {show(value)}")


ARITHMETIC: dict[str, Callable[[int | float, int | float], int | float]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def arithmetic(op: str, a: object, b: object) -> object:
    """``a op b`` for two known values: None on division by zero or overflow.

    Division by zero is unknown: a ratio over a zero volume has no meaningful value.
    """
    if not (is_number(a) and is_number(b)):
        raise TypeError(f"`{op}` needs numbers, got {show(a)} and {show(b)}")
    if op == "/" and b == 0:
        return None
    try:
        return ARITHMETIC[op](a, b)
    except OverflowError:
        return None


def negate(value: object) -> object:
    if is_number(value):
        return -value
    raise TypeError(f"`-` needs a number, got {show(value)}")


def compare(op: str, a: object, b: object) -> bool:
    """``a op b`` for two known values of the same kind."""
    if op in ("==", "!="):
        kind = kind_of(a)
        if kind is None or kind is not kind_of(b):
            raise TypeError(f"`{op}` cannot compare {show(a)} with {show(b)}")
        if kind is Kind.SET:
            assert isinstance(a, frozenset | set | tuple | list)
            assert isinstance(b, frozenset | set | tuple | list)
            equal = frozenset(a) == frozenset(b)
        else:
            equal = a == b
        return equal if op == "==" else not equal
    if is_number(a) and is_number(b):
        return ORDER[op](a, b)
    raise TypeError(f"`{op}` needs numbers, got {show(a)} and {show(b)}")


def member(x: object, container: object) -> bool | None:
    """Kleene ``x in container`` for a known ``x``."""
    kind = kind_of(x)
    if isinstance(container, ListValue):
        unknown = False
        for item in container:
            if item is None:
                unknown = True
            elif kind is None or kind is Kind.SET or kind_of(item) is not kind:
                raise TypeError(f"`in` cannot look for {show(x)} among {show(item)}")
            elif item == x:
                return True
        return None if unknown else False
    if kind_of(container) is Kind.SET:
        if kind is not Kind.TEXT:
            raise TypeError(f"options of a multi-choice answer are text, got {show(x)}")
        assert isinstance(container, frozenset | set | tuple | list)
        return x in container
    raise TypeError(f"`in` needs a list or a multi-choice answer, got {show(container)}")


def count(value: object) -> object:
    if value is None:
        return None
    if kind_of(value) is Kind.SET:
        assert isinstance(value, frozenset | set | tuple | list)
        return len(value)
    raise TypeError(f"count() needs a multi-choice answer, got {show(value)}")


def absolute(value: object) -> object:
    if value is None:
        return None
    if is_number(value):
        return abs(value)
    raise TypeError(f"abs() needs a number, got {show(value)}")


def extreme(func: str, values: list[object]) -> object:
    numbers: list[int | float] = []
    for value in values:
        if not is_number(value):
            raise TypeError(f"{func}() needs numbers, got {show(value)}")
        numbers.append(value)
    return min(numbers) if func == "min" else max(numbers)


def check_arity(func: str, args: tuple[Node, ...]) -> None:
    """Raise ``TypeError`` for a call :func:`check` would reject (only built trees have one)."""
    if func not in FUNCTIONS:
        raise TypeError(f"unknown function {func!r}")
    if func in ("min", "max"):
        if not args:
            raise TypeError(f"{func}() needs at least one value")
    elif len(args) != 1:
        raise TypeError(f"{func}() takes exactly one value, got {len(args)}")
