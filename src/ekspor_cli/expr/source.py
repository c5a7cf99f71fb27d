"""Expressions back to text: canonical source with minimal brackets, and the names used."""

from __future__ import annotations

import math
from decimal import Decimal

from .nodes import (
    And,
    Binary,
    Bool,
    Call,
    Compare,
    ListLit,
    Name,
    Node,
    Not,
    Number,
    Or,
    String,
    Unary,
    children,
)

# Binding strength: a child that binds more loosely than its place allows gets brackets.
_PREC_OR, _PREC_AND, _PREC_NOT, _PREC_CMP = 1, 2, 3, 4
_PREC_SUM, _PREC_TERM, _PREC_UNARY, _PREC_ATOM = 5, 6, 7, 8


def _format_number(value: int | float) -> str:
    if isinstance(value, bool):
        raise ValueError("a Number node cannot hold a bool")
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"{value!r} cannot be written as an expression")
    # repr() is the shortest text that reads back exactly; Decimal drops the exponent.
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"


def _prec(node: Node) -> int:
    match node:
        case Or():
            return _PREC_OR
        case And():
            return _PREC_AND
        case Not():
            return _PREC_NOT
        case Compare():
            return _PREC_CMP
        case Binary():
            return _PREC_SUM if node.op in "+-" else _PREC_TERM
        case Unary():
            return _PREC_UNARY
        case Number() if _format_number(node.value).startswith("-"):
            return _PREC_UNARY
    return _PREC_ATOM


def _wrap(node: Node, minimum: int) -> str:
    text = to_source(node)
    return f"({text})" if _prec(node) < minimum else text


def to_source(node: Node) -> str:
    """Canonical text for ``node``: minimal brackets, single spaces, double-quoted text.

    ``parse(to_source(parse(s))) == parse(s)`` for every valid ``s``, so error messages and
    reports can quote sub-expressions and the loader can normalise criteria files.
    """
    match node:
        case Number():
            return _format_number(node.value)
        case String():
            escaped = node.value.replace("\\", "\\\\").replace('"', '\\"')
            return f'"{escaped}"'
        case Bool():
            return "true" if node.value else "false"
        case Name():
            return node.name
        case ListLit():
            return "[" + ", ".join(to_source(item) for item in node.items) + "]"
        case Call():
            return f"{node.func}(" + ", ".join(to_source(arg) for arg in node.args) + ")"
        case Unary():
            inner = _wrap(node.operand, _PREC_UNARY)
            return f"-({inner})" if inner.startswith("-") else f"-{inner}"
        case Not():
            return "not " + _wrap(node.operand, _PREC_NOT)
        case Binary():
            prec = _prec(node)
            return f"{_wrap(node.left, prec)} {node.op} {_wrap(node.right, prec + 1)}"
        case Compare():
            return f"{_wrap(node.left, _PREC_SUM)} {node.op} {_wrap(node.right, _PREC_SUM)}"
        case And():
            return " and ".join(_wrap(item, _PREC_NOT) for item in node.items)
        case Or():
            return " or ".join(_wrap(item, _PREC_AND) for item in node.items)


def names(node: Node) -> list[str]:
    """Question keys used by ``node``, in order of first appearance, without duplicates.

    Why: the loader uses it to order questions and to reject conditions on later ones.
    """
    seen: dict[str, None] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Name):
            seen.setdefault(current.name, None)
        stack.extend(reversed(children(current)))
    return list(seen)
