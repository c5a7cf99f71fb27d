"""The wording of static-check errors: kind names, quoted sub-expressions and hints."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..errors import clip
from .nodes import Call, Kind, Name, Node, String
from .source import to_source

NOUN = {
    Kind.NUMBER: "a number",
    Kind.BOOL: "yes/no (true or false)",
    Kind.TEXT: "text (a single choice)",
    Kind.SET: "a multi-choice answer",
}
_MISSING_WORDS = frozenset({"none", "null", "nil", "kosong", "missing"})
_YES_NO_WORDS = frozenset({"ya", "yes", "tidak", "no", "y", "t", "n"})


def what(node: Node) -> str:
    """``node`` as quoted in a message: a question key, or its (shortened) source."""
    if isinstance(node, Name):
        return f"'{node.name}'"
    text = to_source(node)
    return f"`{clip(text, 40)}`"


def result_mismatch(expect: Kind, got: Kind) -> str:
    """The message for a whole expression of kind ``got`` where ``expect`` is needed."""
    if expect is Kind.BOOL:
        return f"a condition must be yes/no, but this expression gives {NOUN[got]}"
    if expect is Kind.NUMBER:
        return f"a derived value must be a number, but this expression gives {NOUN[got]}"
    return f"expected {NOUN[expect]}, but this expression gives {NOUN[got]}"


def mismatch_hint(want: Kind, got: Kind, node: Node) -> str:
    """Advice for using ``node`` (of kind ``got``) where ``want`` is needed, with its text."""
    text = to_source(node)
    if len(text) > 30 or not isinstance(node, Name | Call):
        text = "x" if got is not Kind.SET else "key"
    if want is Kind.BOOL:
        return {
            Kind.NUMBER: f"compare it, e.g. `{text} > 0`",
            Kind.TEXT: f'compare it with a choice, e.g. `{text} == "..."`',
            Kind.SET: f'test one option, e.g. `"..." in {text}`',
        }.get(got, "")
    if want is Kind.NUMBER:
        return {
            Kind.BOOL: "yes/no answers are not numbers",
            Kind.TEXT: "single-choice answers are not numbers",
            Kind.SET: f"use `count({text})` for the number of options picked",
        }.get(got, "")
    return ""


def equality_hint(left: Node, lk: Kind, right: Node, rk: Kind) -> str:
    """Advice for ``==``/``!=`` between values of two different kinds."""
    if {lk, rk} == {Kind.SET, Kind.TEXT}:
        many, one = (left, right) if lk is Kind.SET else (right, left)
        option = to_source(one) if isinstance(one, String) else '"..."'
        return f"to test one option of a multi-choice answer write `{option} in " + (
            f"{to_source(many)}`" if isinstance(many, Name) else "key`"
        )
    if Kind.BOOL in (lk, rk):
        return "yes/no answers compare with true or false, e.g. `punya_nib == true`"
    return "both sides must be the same kind"


def unknown_question(name: str, known: Iterable[str]) -> tuple[str, str]:
    """Message and hint for a name that is no question key (with the closest key, if any)."""
    message = f"unknown question '{name}'"
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        message += f" (did you mean '{close[0]}'?)"
    if name in _MISSING_WORDS:
        hint = "to test for a missing answer write `not answered(x)`"
    elif name in _YES_NO_WORDS:
        hint = "yes/no values are written true and false"
    else:
        hint = "use the key of a question asked before this one"
    return message, hint


def not_an_option(value: str, key: str, choices: frozenset[str]) -> tuple[str, str]:
    """Message and hint for text that is not one of the option keys of question ``key``."""
    keys = sorted(choices)
    shown = ", ".join(f'"{k}"' for k in keys[:15]) + (", ..." if len(keys) > 15 else "")
    folded = re.sub(r"\W+", "_", value.strip().lower()).strip("_")
    lowered = {k.lower(): k for k in keys}
    if folded in lowered:
        hint = f'write the option key "{lowered[folded]}" exactly (not its label)'
    else:
        close = difflib.get_close_matches(folded, list(lowered), n=1)
        hint = f'did you mean "{lowered[close[0]]}"?' if close else "use one of the keys"
    return f"\"{value}\" is not an option of '{key}'; allowed: {shown}", hint
