"""The expression language's public types: errors, kinds, symbols and the syntax tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Literal, TypeAlias

FUNCTIONS = ("abs", "answered", "count", "max", "min")


class ExprError(Exception):
    """A syntax or static-check error, located by a 0-based character offset.

    ``hint`` says what to write instead; the criteria loader turns offset into line/column.
    """

    message: str
    offset: int
    hint: str

    def __init__(self, message: str, offset: int = 0, hint: str = "") -> None:
        # All three in args, so the error survives pickling (multiprocessing batch runs).
        super().__init__(message, offset, hint)
        self.message = message
        self.offset = offset
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.message} (at offset {self.offset})"
        return f"{text}; {self.hint}" if self.hint else text


class Kind(Enum):
    """The kind of a question's value (and of an expression)."""

    NUMBER = "number"
    BOOL = "bool"
    TEXT = "text"
    SET = "set"


@dataclass(frozen=True)
class Symbol:
    """What :func:`check` knows about a question key: its kind and, for choices, the keys."""

    kind: Kind
    choices: frozenset[str] | None = None


# Syntax tree.  ``offset`` is where the node's own token starts (the operator for Binary,
# Compare, And, Or); it is excluded from equality so that trees compare by structure.


@dataclass(frozen=True, slots=True)
class Number:
    value: int | float
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class String:
    value: str
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ListLit:
    items: tuple[Node, ...]
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Unary:
    op: Literal["-"]
    operand: Node
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Binary:
    op: Literal["+", "-", "*", "/"]
    left: Node
    right: Node
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Compare:
    op: Literal["==", "!=", "<", "<=", ">", ">=", "in", "not in"]
    left: Node
    right: Node
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class And:
    """``a and b and c`` as one node: flat, so long chains do not deepen the tree."""

    items: tuple[Node, ...]
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]
    offset: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Node, ...]
    offset: int = field(default=0, compare=False, repr=False)


Node: TypeAlias = (
    Number | String | Bool | Name | ListLit | Unary | Binary | Compare | Not | And | Or | Call
)


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``, left to right."""
    match node:
        case Binary() | Compare():
            return (node.left, node.right)
        case Unary() | Not():
            return (node.operand,)
        case And() | Or() | ListLit():
            return node.items
        case Call():
            return node.args
    return ()


def start(node: Node) -> int:
    """Offset of the leftmost character of ``node`` (error positions point there)."""
    while True:
        match node:
            case Binary() | Compare():
                node = node.left
            case And() | Or():
                node = node.items[0]
            case _:
                return node.offset
