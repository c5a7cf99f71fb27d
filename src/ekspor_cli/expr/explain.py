"""Explains an unknown value: which answers are missing, which divisor is zero."""

from __future__ import annotations

from collections.abc import Mapping

from .compiler import evaluate
from .nodes import Binary, Compare, ListLit, Name, Node, children
from .runtime import is_number
from .source import to_source


def why_missing(node: Node, env: Mapping[str, object]) -> str | None:
    """Why ``node`` has no value over ``env``, in short English; None if it has one.

    E.g. ``"missing answer: volume_pembeli"``, ``"missing answers: a, b"``,
    ``"division by zero: volume_pembeli is 0"``.  Every missing answer that contributes
    is listed (not just the first one evaluation stopped at), so one report says all that
    must be filled in.
    """
    if evaluate(node, env) is not None:
        return None
    missing: dict[str, None] = {}
    other: dict[str, None] = {}
    _collect(node, env, missing, other)
    parts: list[str] = []
    if missing:
        label = "missing answer" if len(missing) == 1 else "missing answers"
        parts.append(f"{label}: {', '.join(missing)}")
    parts.extend(other)
    return "; ".join(parts) if parts else "unknown value"


_FAILED = object()


def _try_evaluate(node: Node, env: Mapping[str, object]) -> object:
    """Evaluate a part that evaluation itself may have skipped (it can be ill-typed)."""
    try:
        return evaluate(node, env)
    except TypeError:
        return _FAILED


def _collect(
    node: Node, env: Mapping[str, object], missing: dict[str, None], other: dict[str, None]
) -> None:
    """Record the reasons for ``node`` (whose value is None) being unknown."""
    match node:
        case Name():
            missing.setdefault(node.name, None)
            return
        case Binary() | Compare():
            a, b = _try_evaluate(node.left, env), _try_evaluate(node.right, env)
            if a is None:
                _collect(node.left, env, missing, other)
            if b is None:
                _collect(node.right, env, missing, other)
            if isinstance(node, Binary) and node.op == "/" and is_number(b) and b == 0:
                other.setdefault(f"division by zero: {to_source(node.right)} is 0", None)
                return
            if a is None or b is None or a is _FAILED or b is _FAILED:
                return
            if isinstance(node, Binary):
                other.setdefault(f"number too large: {to_source(node)}", None)
                return
            # `x in [a, b]` with an unknown item.
            for part in children(node.right) if isinstance(node.right, ListLit) else ():
                if _try_evaluate(part, env) is None:
                    _collect(part, env, missing, other)
            return
    for child in children(node):
        if _try_evaluate(child, env) is None:
            _collect(child, env, missing, other)
