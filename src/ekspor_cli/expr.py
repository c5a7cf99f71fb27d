"""A small, safe expression language for ``when:`` conditions and ``derived:`` values.

Why a language of our own: criteria files are written by programme staff, not programmers,
and are shared between offices.  Python's ``eval`` (or ``ast``) would run anything and give
errors nobody outside IT can read; this module only knows the handful of things a criteria
file needs, checks them *before* an interview starts, and explains every problem with the
character offset, what is wrong and what to write instead.

Syntax (precedence from low to high)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") sum)?
    sum     := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | "true" | "false" | NAME | "(" expr ")"
             | "[" [expr ("," expr)*] "]" | FUNC "(" [expr ("," expr)*] ")"

* Numbers use a dot for decimals (``1.5``, ``0.25``); there are no exponents or ``%``.
* Text is in single or double quotes; the only escapes are ``\\\\``, ``\\"`` and ``\\'``.
* Question keys are ``[a-z][a-z0-9_]*``; keywords (``and or not in true false``) and
  function names are lowercase only -- ``AND`` is an error with a hint, never a name.
* Comparisons do not chain: ``1 < x < 3`` is an error (write ``1 < x and x < 3``).
* Functions: ``answered(q)``, ``count(q)``, ``abs(x)``, ``min(a, b, ...)``,
  ``max(a, b, ...)``.
* Limits: at most 2,000 characters and 50 levels of nesting.  Each bracket, list, function
  call, ``not``, minus sign and each ``+ - * /`` in a chain counts as a level, so hostile or
  runaway input fails with :class:`ExprError` instead of exhausting the Python stack.

Values and semantics (user-visible: the criteria documentation must say the same)
    A question's value is a number (``int``/``float``), yes/no (``bool``), a single-choice
    key (``str``), a multi-choice answer (a ``frozenset`` -- or tuple/list/set -- of keys),
    or ``None``: not answered, "don't know", or skipped by its own ``when:``.  Keys absent
    from the answers count as ``None``.

    * ``None`` means *unknown*, and logic is Kleene three-valued: a comparison with an
      unknown side is unknown; ``not`` unknown is unknown; ``false and`` anything is false;
      ``true or`` anything is true; otherwise ``and``/``or`` with an unknown side is unknown.
      A ``when:`` is asked only when it is exactly true, so unknown behaves like "not met"
      -- but callers can tell the two apart.
    * Arithmetic (and ``abs``, ``min``, ``max``, ``count``) with an unknown operand is
      unknown.  Division by zero is unknown too (a ratio over a zero volume has no
      meaningful value), and so is a result too large for a float.  :func:`why_missing`
      says which answers were missing or which divisor was zero.
    * ``answered(q)`` is true when ``q`` has a real answer (an empty multi-choice answer,
      "none of these", is a real answer) and is never unknown.
    * ``x in [..]`` tests membership in a list of fixed values; ``"halal" in tujuan`` tests
      whether an option was picked in a multi-choice answer.  ``x in [a, b]`` is Kleene too:
      with ``x`` unknown it is unknown.
    * ``==``/``!=`` compare values of the same kind only; ``< <= > >=`` and ``+ - * /``
      take numbers only; ``and or not`` take yes/no only.  :func:`check` rejects every
      mismatch statically.  At run time a value of the wrong kind (answers that do not
      match the criteria) raises ``TypeError`` rather than guessing: yes/no is never 1/0.
"""

from __future__ import annotations

import difflib
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, TypeAlias, TypeGuard

__all__ = [
    "And",
    "Binary",
    "Bool",
    "Call",
    "Compare",
    "ExprError",
    "Kind",
    "ListLit",
    "Name",
    "Node",
    "Not",
    "Number",
    "Or",
    "String",
    "Symbol",
    "Unary",
    "check",
    "compile_expr",
    "evaluate",
    "names",
    "parse",
    "to_source",
    "why_missing",
]

_MAX_LENGTH = 2000
_MAX_NESTING = 50
_FUNCTIONS = ("abs", "answered", "count", "max", "min")
_KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
_NAME_RE = re.compile(r"[a-z][a-z0-9_]*")


# --------------------------------------------------------------------------- public types


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
_Fn: TypeAlias = Callable[[Mapping[str, object]], object]


# --------------------------------------------------------------------------- tokenizer


@dataclass(frozen=True, slots=True)
class _Token:
    kind: Literal["num", "str", "name", "kw", "op", "eof", "err"]
    text: str
    offset: int
    value: object = None
    error: ExprError | None = None


_TWO_CHAR_OPS = frozenset({"==", "!=", "<=", ">="})
_ONE_CHAR_OPS = frozenset("<>+-*/()[],")
_SMART_QUOTES = frozenset("\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb")


def _is_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


def _tokenize(text: str) -> list[_Token]:
    """All tokens, ending with ``eof`` -- or with an ``err`` token at the first bad one.

    Why not raise at once: the parser reports the leftmost problem, and a bad token after a
    syntax error should not hide that earlier error.
    """
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            tokens.append(_Token("eof", "", n))
            return tokens
        try:
            token = _scan(text, i)
        except ExprError as err:
            tokens.append(_Token("err", text[i], i, error=err))
            return tokens
        tokens.append(token)
        i = token.offset + len(token.text)


def _scan(text: str, i: int) -> _Token:
    c = text[i]
    n = len(text)
    if "0" <= c <= "9":
        j = i
        while j < n and "0" <= text[j] <= "9":
            j += 1
        if j < n and text[j] == "." and j + 1 < n and "0" <= text[j + 1] <= "9":
            j += 1
            while j < n and "0" <= text[j] <= "9":
                j += 1
        if j < n and (_is_word_char(text[j]) or text[j] == "."):
            k = j
            while k < n and (_is_word_char(text[k]) or text[k] == "."):
                k += 1
            raise ExprError(
                f"malformed number `{text[i:k]}`",
                i,
                "numbers are written like 12, 1.5 or 0.25 (a dot for decimals, nothing else)",
            )
        word = text[i:j]
        return _Token("num", word, i, float(word) if "." in word else int(word))
    if c.isascii() and (c.isalpha() or c == "_"):
        j = i
        while j < n and _is_word_char(text[j]):
            j += 1
        word = text[i:j]
        if word in _KEYWORDS:
            return _Token("kw", word, i)
        lower = word.lower()
        if lower in _KEYWORDS:
            raise ExprError(f"`{word}` is not a keyword", i, f"write `{lower}` in lowercase")
        if _NAME_RE.fullmatch(word):
            return _Token("name", word, i)
        if _NAME_RE.fullmatch(lower):
            raise ExprError(
                f"`{word}` is not a valid name",
                i,
                f"question keys and functions are lowercase: write `{lower}`",
            )
        raise ExprError(
            f"`{word}` is not a valid name",
            i,
            "names start with a lowercase letter and use only a-z, 0-9 and _",
        )
    if c in "\"'":
        return _scan_string(text, i)
    two = text[i : i + 2]
    if two in _TWO_CHAR_OPS:
        return _Token("op", two, i)
    if two == "<>":
        raise ExprError("`<>` is not an operator", i, "use != for 'not equal'")
    if two in ("=>", "=<"):
        raise ExprError(f"`{two}` is not an operator", i, f"write `{two[::-1]}`")
    if c in _ONE_CHAR_OPS:
        return _Token("op", c, i)
    if c == "=":
        raise ExprError("`=` is not an operator", i, "use == to compare")
    if c == "!":
        raise ExprError("`!` is not an operator", i, "write `not` to negate, != for 'not equal'")
    if c == "&":
        raise ExprError(f"`{text[i : i + 2].rstrip()}` is not an operator", i, "write `and`")
    if c == "|":
        raise ExprError(f"`{text[i : i + 2].rstrip()}` is not an operator", i, "write `or`")
    if c == "." and i + 1 < n and "0" <= text[i + 1] <= "9":
        raise ExprError("malformed number: a number cannot start with `.`", i, "write 0.5, not .5")
    if c == "%":
        raise ExprError(
            "`%` is not an operator", i, "write percentages as plain numbers, e.g. 40 or 0.4"
        )
    if c in _SMART_QUOTES:
        raise ExprError(
            f"curly quote `{c}`",
            i,
            "type straight quotes \" or ' (word processors change them to curly ones)",
        )
    if not c.isprintable():
        raise ExprError(
            f"invisible character U+{ord(c):04X}",
            i,
            "it was probably copied from a web page or chat: retype this part by hand",
        )
    raise ExprError(
        f"unexpected character `{c}`",
        i,
        'expressions use question keys, numbers, "text", true/false, ( ) [ ] , '
        "and the operators + - * / == != < <= > >=",
    )


def _scan_string(text: str, i: int) -> _Token:
    quote = text[i]
    out: list[str] = []
    j, n = i + 1, len(text)
    while j < n:
        c = text[j]
        if c == quote:
            return _Token("str", text[i : j + 1], i, "".join(out))
        if c == "\\":
            nxt = text[j + 1] if j + 1 < n else ""
            if not nxt or nxt not in "\\\"'":
                raise ExprError(
                    f"unknown escape `\\{nxt}` in text",
                    j,
                    "the only escapes are \\\\, \\\" and \\'",
                )
            out.append(nxt)
            j += 2
            continue
        out.append(c)
        j += 1
    raise ExprError("text is missing its closing quote", i, f"end the text with a matching {quote}")


# --------------------------------------------------------------------------- parser


def parse(text: str) -> Node:
    """Parse ``text`` into a syntax tree; any problem raises :class:`ExprError`.

    Hand-written recursive descent (never ``eval``/``ast``): the grammar is tiny, and errors
    must point at the exact character with advice for non-programmers.
    """
    if len(text) > _MAX_LENGTH:
        raise ExprError(
            f"expression is too long ({len(text)} characters; at most {_MAX_LENGTH})",
            _MAX_LENGTH,
            "split it into several derived questions",
        )
    if not text.strip():
        raise ExprError("the expression is empty", 0, "write a condition such as `omzet > 0`")
    return _Parser(text).parse()


def _describe(tok: _Token) -> str:
    if tok.kind == "eof":
        return "the end of the expression"
    if tok.kind == "str":
        return f"text {tok.text}"
    return f"`{tok.text}`"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0

    # -- token helpers

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        tok = self.tokens[self.pos]
        if self.pos < len(self.tokens) - 1:
            self.pos += 1
        return tok

    def at_op(self, *ops: str, ahead: int = 0) -> bool:
        tok = self.peek(ahead)
        return tok.kind == "op" and tok.text in ops

    def at_kw(self, word: str, ahead: int = 0) -> bool:
        tok = self.peek(ahead)
        return tok.kind == "kw" and tok.text == word

    def unexpected(self, tok: _Token, what: str, hint: str) -> ExprError:
        # A bad token's own error is more precise than "expected X, found <bad token>".
        if tok.error is not None:
            return tok.error
        return ExprError(f"{what}, found {_describe(tok)}", tok.offset, hint)

    def enter(self, tok: _Token) -> None:
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise ExprError(
                f"expression is nested too deeply (more than {_MAX_NESTING} levels)",
                tok.offset,
                "split it into several derived questions; brackets, `not`, minus signs and "
                "chains of + - * / each count as a level",
            )

    # -- grammar

    def parse(self) -> Node:
        node = self.or_()
        tok = self.peek()
        if tok.kind != "eof":
            raise self.trailing(tok)
        return node

    def trailing(self, tok: _Token) -> ExprError:
        if tok.error is not None:
            return tok.error
        if tok.kind == "op" and tok.text in ")]":
            opening = "(" if tok.text == ")" else "["
            return ExprError(
                f"unmatched `{tok.text}`", tok.offset, f"remove it, or add the missing `{opening}`"
            )
        prev = self.tokens[self.pos - 1] if self.pos > 0 else None
        nxt = self.peek(1)
        if (
            tok.kind == "op"
            and tok.text == ","
            and prev is not None
            and prev.kind == "num"
            and nxt.kind == "num"
            and prev.offset + len(prev.text) == tok.offset
            and nxt.offset == tok.offset + 1
        ):
            return ExprError(
                "unexpected `,` after a complete expression",
                tok.offset,
                f"decimals use a dot here: write {prev.text}.{nxt.text}",
            )
        return ExprError(
            f"unexpected {_describe(tok)} after a complete expression",
            tok.offset,
            "join conditions with `and` / `or`, and values with an operator such as + or ==",
        )

    def or_(self) -> Node:
        first = self.and_()
        if not self.at_kw("or"):
            return first
        op = self.peek()
        items = [first]
        while self.at_kw("or"):
            self.advance()
            items.append(self.and_())
        return Or(tuple(items), offset=op.offset)

    def and_(self) -> Node:
        first = self.not_()
        if not self.at_kw("and"):
            return first
        op = self.peek()
        items = [first]
        while self.at_kw("and"):
            self.advance()
            items.append(self.not_())
        return And(tuple(items), offset=op.offset)

    def not_(self) -> Node:
        if self.at_kw("not"):
            tok = self.advance()
            self.enter(tok)
            operand = self.not_()
            self.depth -= 1
            return Not(operand, offset=tok.offset)
        return self.compare()

    def compare_op(self) -> tuple[str, _Token] | None:
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("==", "!=", "<", "<=", ">", ">="):
            return tok.text, tok
        if self.at_kw("in"):
            return "in", tok
        if self.at_kw("not") and self.at_kw("in", ahead=1):
            return "not in", tok
        return None

    def compare(self) -> Node:
        left = self.sum_()
        found = self.compare_op()
        if found is None:
            return left
        op, tok = found
        self.advance()
        if op == "not in":
            self.advance()
        right = self.sum_()
        again = self.compare_op()
        if again is not None:
            raise ExprError(
                f"comparisons cannot be chained (`{op}` followed by `{again[0]}`)",
                again[1].offset,
                "split it with `and`, e.g. `1 < x and x < 3`",
            )
        return Compare(op, left, right, offset=tok.offset)  # type: ignore[arg-type]

    def sum_(self) -> Node:
        left = self.term()
        levels = 0
        while self.at_op("+", "-"):
            tok = self.advance()
            self.enter(tok)
            levels += 1
            left = Binary(tok.text, left, self.term(), offset=tok.offset)  # type: ignore[arg-type]
        self.depth -= levels
        return left

    def term(self) -> Node:
        left = self.unary()
        levels = 0
        while self.at_op("*", "/"):
            tok = self.advance()
            self.enter(tok)
            levels += 1
            left = Binary(tok.text, left, self.unary(), offset=tok.offset)  # type: ignore[arg-type]
        self.depth -= levels
        return left

    def unary(self) -> Node:
        if self.at_op("-"):
            tok = self.advance()
            self.enter(tok)
            operand = self.unary()
            self.depth -= 1
            return Unary("-", operand, offset=tok.offset)
        return self.atom()

    def atom(self) -> Node:
        tok = self.peek()
        if tok.kind == "num":
            self.advance()
            assert isinstance(tok.value, int | float)
            return Number(tok.value, offset=tok.offset)
        if tok.kind == "str":
            self.advance()
            assert isinstance(tok.value, str)
            return String(tok.value, offset=tok.offset)
        if tok.kind == "kw" and tok.text in ("true", "false"):
            self.advance()
            return Bool(tok.text == "true", offset=tok.offset)
        if tok.kind == "name":
            if self.at_op("(", ahead=1):
                return self.call()
            self.advance()
            return Name(tok.text, offset=tok.offset)
        if self.at_op("("):
            self.advance()
            self.enter(tok)
            inner = self.or_()
            self.close(")", tok)
            self.depth -= 1
            return inner
        if self.at_op("["):
            self.advance()
            self.enter(tok)
            items = self.sequence("]", tok)
            self.depth -= 1
            return ListLit(items, offset=tok.offset)
        if tok.kind == "kw" and tok.text == "not":
            hint = "put it in brackets, e.g. `x == (not y)`"
        elif tok.kind == "eof":
            hint = "something is missing at the end"
        else:
            hint = 'a value is a number, "text", true/false, a question key or ( ... )'
        raise self.unexpected(tok, "expected a value", hint)

    def call(self) -> Node:
        name = self.advance()
        if name.text not in _FUNCTIONS:
            close = difflib.get_close_matches(name.text, _FUNCTIONS, n=1)
            maybe = f"did you mean `{close[0]}`? " if close else ""
            raise ExprError(
                f"unknown function `{name.text}`",
                name.offset,
                f"{maybe}allowed functions: {', '.join(_FUNCTIONS)}",
            )
        opening = self.advance()
        self.enter(opening)
        args = self.sequence(")", opening)
        self.depth -= 1
        return Call(name.text, args, offset=name.offset)

    def close(self, closing: str, opening: _Token) -> None:
        tok = self.peek()
        if tok.kind == "op" and tok.text == closing:
            self.advance()
            return
        if tok.kind == "eof":
            raise ExprError(
                f"this `{opening.text}` is never closed", opening.offset, f"add a `{closing}`"
            )
        raise self.unexpected(
            tok,
            f"expected `{closing}`",
            "did you forget `and` / `or` or an operator between two values?",
        )

    def sequence(self, closing: str, opening: _Token) -> tuple[Node, ...]:
        items: list[Node] = []
        if self.at_op(closing):
            self.advance()
            return ()
        while True:
            items.append(self.or_())
            if self.at_op(","):
                self.advance()
                continue
            self.close(closing, opening)
            return tuple(items)


# --------------------------------------------------------------------------- tree helpers


def _children(node: Node) -> tuple[Node, ...]:
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
        stack.extend(reversed(_children(current)))
    return list(seen)


def _start(node: Node) -> int:
    """Offset of the leftmost character of ``node`` (error positions point there)."""
    while True:
        match node:
            case Binary() | Compare():
                node = node.left
            case And() | Or():
                node = node.items[0]
            case _:
                return node.offset


# --------------------------------------------------------------------------- to_source

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


# --------------------------------------------------------------------------- static check

_NOUN = {
    Kind.NUMBER: "a number",
    Kind.BOOL: "yes/no (true or false)",
    Kind.TEXT: "text (a single choice)",
    Kind.SET: "a multi-choice answer",
}
_MISSING_WORDS = frozenset({"none", "null", "nil", "kosong", "missing"})
_YES_NO_WORDS = frozenset({"ya", "yes", "tidak", "no", "y", "t", "n"})


def _what(node: Node) -> str:
    if isinstance(node, Name):
        return f"'{node.name}'"
    text = to_source(node)
    return f"`{text if len(text) <= 40 else text[:37] + '...'}`"


def _mismatch_hint(want: Kind, got: Kind, node: Node) -> str:
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


def check(node: Node, symbols: Mapping[str, Symbol], *, expect: Kind) -> list[ExprError]:
    """Every static problem in ``node``, sorted by offset (empty list = usable).

    Why all at once: a criteria author fixes a whole file per round trip, not one error.
    ``expect`` is the kind the caller needs: BOOL for ``when:``, NUMBER for ``derived:``.
    """
    checker = _Checker(symbols)
    got = checker.kind(node)
    if got is not None and got is not expect:
        if expect is Kind.BOOL:
            message = f"a condition must be yes/no, but this expression gives {_NOUN[got]}"
        elif expect is Kind.NUMBER:
            message = f"a derived value must be a number, but this expression gives {_NOUN[got]}"
        else:
            message = f"expected {_NOUN[expect]}, but this expression gives {_NOUN[got]}"
        checker.error(message, _start(node), _mismatch_hint(expect, got, node))
    return sorted(checker.errors, key=lambda err: err.offset)


def _literal_kind(node: Node) -> Kind | None:
    match node:
        case Number() | Unary(operand=Number()):
            return Kind.NUMBER
        case String():
            return Kind.TEXT
        case Bool():
            return Kind.BOOL
    return None


class _Checker:
    def __init__(self, symbols: Mapping[str, Symbol]) -> None:
        self.symbols = symbols
        self.errors: list[ExprError] = []

    def error(self, message: str, offset: int, hint: str = "") -> None:
        self.errors.append(ExprError(message, offset, hint))

    def kind(self, node: Node) -> Kind | None:
        """The kind of ``node``, or None when it has an error (already reported)."""
        match node:
            case Number():
                return Kind.NUMBER
            case String():
                return Kind.TEXT
            case Bool():
                return Kind.BOOL
            case Name():
                return self.name(node)
            case ListLit():
                self.list_kind(node)
                self.error(
                    "a list [...] can only be used after `in` or `not in`",
                    node.offset,
                    'e.g. `sektor in ["kayu", "rotan"]`',
                )
                return None
            case Unary():
                self.need(node.operand, Kind.NUMBER, "`-`")
                return Kind.NUMBER
            case Binary():
                self.need(node.left, Kind.NUMBER, f"`{node.op}`")
                self.need(node.right, Kind.NUMBER, f"`{node.op}`")
                return Kind.NUMBER
            case Not():
                self.need(node.operand, Kind.BOOL, "`not`")
                return Kind.BOOL
            case And() | Or():
                word = "`and`" if isinstance(node, And) else "`or`"
                for item in node.items:
                    self.need(item, Kind.BOOL, word)
                return Kind.BOOL
            case Compare():
                self.compare(node)
                return Kind.BOOL
            case Call():
                return self.call(node)

    def need(self, node: Node, want: Kind, context: str) -> None:
        got = self.kind(node)
        if got is not None and got is not want:
            self.error(
                f"{context} needs {_NOUN[want]}, but {_what(node)} is {_NOUN[got]}",
                _start(node),
                _mismatch_hint(want, got, node),
            )

    def name(self, node: Name) -> Kind | None:
        symbol = self.symbols.get(node.name)
        if symbol is not None:
            return symbol.kind
        message = f"unknown question '{node.name}'"
        close = difflib.get_close_matches(node.name, list(self.symbols), n=1)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        if node.name in _MISSING_WORDS:
            hint = "to test for a missing answer write `not answered(x)`"
        elif node.name in _YES_NO_WORDS:
            hint = "yes/no values are written true and false"
        else:
            hint = "use the key of a question asked before this one"
        self.error(message, node.offset, hint)
        return None

    def choice(self, literal: Node, other: Node) -> None:
        """Report ``literal`` if it is text that is not one of ``other``'s option keys."""
        if not (isinstance(literal, String) and isinstance(other, Name)):
            return
        symbol = self.symbols.get(other.name)
        if symbol is None or symbol.choices is None or symbol.kind not in (Kind.TEXT, Kind.SET):
            return
        value = literal.value
        if value in symbol.choices:
            return
        keys = sorted(symbol.choices)
        shown = ", ".join(f'"{k}"' for k in keys[:15]) + (", ..." if len(keys) > 15 else "")
        folded = re.sub(r"\W+", "_", value.strip().lower()).strip("_")
        lowered = {k.lower(): k for k in keys}
        if folded in lowered:
            hint = f'write the option key "{lowered[folded]}" exactly (not its label)'
        else:
            close = difflib.get_close_matches(folded, list(lowered), n=1)
            hint = f'did you mean "{lowered[close[0]]}"?' if close else "use one of the keys"
        self.error(
            f"\"{value}\" is not an option of '{other.name}'; allowed: {shown}",
            literal.offset,
            hint,
        )

    def list_kind(self, node: ListLit) -> Kind | None:
        kinds: list[Kind] = []
        ok = True
        for item in node.items:
            kind = _literal_kind(item)
            if kind is None:
                ok = False
                self.error(
                    f'a list can only hold fixed values such as "kayu" or 3, not {_what(item)}',
                    _start(item),
                    "to compare with another answer, use == with `or`",
                )
            else:
                kinds.append(kind)
        if ok and len(set(kinds)) > 1:
            self.error(
                "all values in a list must be of the same kind",
                node.offset,
                'e.g. ["kayu", "rotan"] or [1, 2, 3]',
            )
            return None
        return kinds[0] if ok and kinds else None

    def compare(self, node: Compare) -> None:
        op, left, right = node.op, node.left, node.right
        if op in ("in", "not in"):
            self.membership(node)
            return
        lk, rk = self.kind(left), self.kind(right)
        if op in ("<", "<=", ">", ">="):
            for side, kind in ((left, lk), (right, rk)):
                if kind is not None and kind is not Kind.NUMBER:
                    self.error(
                        f"`{op}` compares numbers, but {_what(side)} is {_NOUN[kind]}",
                        _start(side),
                        'compare choices with == or `in`, e.g. `sektor == "kayu"`'
                        if kind in (Kind.TEXT, Kind.SET)
                        else _mismatch_hint(Kind.NUMBER, kind, side),
                    )
            return
        if lk is None or rk is None:
            return
        if lk is not rk:
            if {lk, rk} == {Kind.SET, Kind.TEXT}:
                many, one = (left, right) if lk is Kind.SET else (right, left)
                option = to_source(one) if isinstance(one, String) else '"..."'
                hint = f"to test one option of a multi-choice answer write `{option} in " + (
                    f"{to_source(many)}`" if isinstance(many, Name) else "key`"
                )
            elif Kind.BOOL in (lk, rk):
                hint = "yes/no answers compare with true or false, e.g. `punya_nib == true`"
            else:
                hint = "both sides must be the same kind"
            self.error(f"`{op}` cannot compare {_NOUN[lk]} with {_NOUN[rk]}", node.offset, hint)
        elif lk is Kind.TEXT:
            self.choice(left, right)
            self.choice(right, left)

    def membership(self, node: Compare) -> None:
        op, left, right = node.op, node.left, node.right
        lk = self.kind(left)
        if isinstance(right, ListLit):
            item_kind = self.list_kind(right)
            if lk is Kind.SET:
                self.error(
                    f"`{op}` needs a single value on the left, but {_what(left)} is {_NOUN[lk]}",
                    _start(left),
                    'test options one at a time: `"a" in key or "b" in key`',
                )
            elif lk is not None and item_kind is not None and lk is not item_kind:
                self.error(
                    f"cannot look for {_NOUN[lk]} in a list of {_NOUN[item_kind]} values",
                    _start(left),
                    "the value and the list must be of the same kind",
                )
            elif lk is Kind.TEXT:
                for item in right.items:
                    self.choice(item, left)
            return
        rk = self.kind(right)
        if rk is None:
            return
        if rk is not Kind.SET:
            hint = 'e.g. `sektor in ["kayu", "rotan"]` or `"halal" in sertifikat`'
            if rk is Kind.TEXT and isinstance(right, Name):
                hint = f'for a single-choice answer write `{right.name} == "..."`'
            self.error(
                f"`{op}` needs a list [...] or a multi-choice answer on the right, but "
                f"{_what(right)} is {_NOUN[rk]}",
                _start(right),
                hint,
            )
        elif lk is not None and lk is not Kind.TEXT:
            self.error(
                f"options of a multi-choice answer are text, but {_what(left)} is {_NOUN[lk]}",
                _start(left),
                'e.g. `"halal" in sertifikat`',
            )
        elif lk is Kind.TEXT:
            self.choice(left, right)

    def call(self, node: Call) -> Kind | None:
        func, args = node.func, node.args
        if func not in _FUNCTIONS:
            for arg in args:
                self.kind(arg)
            self.error(
                f"unknown function `{func}`",
                node.offset,
                f"allowed functions: {', '.join(_FUNCTIONS)}",
            )
            return None
        result = Kind.BOOL if func == "answered" else Kind.NUMBER
        if func in ("answered", "count"):
            if len(args) != 1:
                self.error(
                    f"{func}() takes exactly one question key, got {len(args)} values",
                    node.offset,
                    f"e.g. `{func}(omzet)`",
                )
                return result
            arg = args[0]
            if not isinstance(arg, Name):
                self.error(
                    f"{func}() takes a question key such as `{func}(omzet)`, not {_what(arg)}",
                    _start(arg),
                    "remove the quotes" if isinstance(arg, String) else "",
                )
                return result
            kind = self.kind(arg)
            if func == "count" and kind is not None and kind is not Kind.SET:
                self.error(
                    f"count() counts the options picked in a multi-choice answer, but "
                    f"'{arg.name}' is {_NOUN[kind]}",
                    arg.offset,
                    "use answered(x) to test whether a question was answered",
                )
            return result
        if func == "abs" and len(args) != 1:
            self.error(f"abs() takes exactly one value, got {len(args)}", node.offset)
        elif func in ("min", "max") and len(args) < 2:
            self.error(
                f"{func}() needs at least two values, got {len(args)}",
                node.offset,
                f"e.g. `{func}(a, b)`",
            )
        for arg in args:
            self.need(arg, Kind.NUMBER, f"{func}()")
        return result


# --------------------------------------------------------------------------- run-time values


class _Items(tuple[object, ...]):
    """The value of a list literal; distinct from a multi-choice answer held as a tuple."""

    __slots__ = ()


def _is_num(value: object) -> TypeGuard[int | float]:
    kind = type(value)
    if kind is int or kind is float:
        return True
    return isinstance(value, int | float) and not isinstance(value, bool)


def _kind_of(value: object) -> Kind | None:
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
    if isinstance(value, _Items):
        return None
    # Multi-choice answers: AnswerReader gives tuples; sets and lists are accepted too.
    if isinstance(value, frozenset | set | tuple | list):
        return Kind.SET
    return None


def _show(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


def _bool_error(word: str, value: object) -> TypeError:
    return TypeError(f"`{word}` needs yes/no values, got {_show(value)}")


_ARITH: dict[str, Callable[[int | float, int | float], int | float]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _arith(op: str, a: object, b: object) -> object:
    """``a op b`` for two known values: None on division by zero or overflow."""
    if not (_is_num(a) and _is_num(b)):
        raise TypeError(f"`{op}` needs numbers, got {_show(a)} and {_show(b)}")
    try:
        if op == "/":
            return None if b == 0 else a / b
        return _ARITH[op](a, b)
    except OverflowError:
        return None


def _negate(value: object) -> object:
    if _is_num(value):
        return -value
    raise TypeError(f"`-` needs a number, got {_show(value)}")


def _compare(op: str, a: object, b: object) -> bool:
    """``a op b`` for two known values of the same kind."""
    if op in ("==", "!="):
        kind = _kind_of(a)
        if kind is None or kind is not _kind_of(b):
            raise TypeError(f"`{op}` cannot compare {_show(a)} with {_show(b)}")
        if kind is Kind.SET:
            assert isinstance(a, frozenset | set | tuple | list)
            assert isinstance(b, frozenset | set | tuple | list)
            equal = frozenset(a) == frozenset(b)
        else:
            equal = a == b
        return equal if op == "==" else not equal
    if _is_num(a) and _is_num(b):
        return _ORDER[op](a, b)
    raise TypeError(f"`{op}` needs numbers, got {_show(a)} and {_show(b)}")


def _member(x: object, container: object) -> bool | None:
    """Kleene ``x in container`` for a known ``x``."""
    kind = _kind_of(x)
    if isinstance(container, _Items):
        unknown = False
        for item in container:
            if item is None:
                unknown = True
            elif kind is None or kind is Kind.SET or _kind_of(item) is not kind:
                raise TypeError(f"`in` cannot look for {_show(x)} among {_show(item)}")
            elif item == x:
                return True
        return None if unknown else False
    if _kind_of(container) is Kind.SET:
        if kind is not Kind.TEXT:
            raise TypeError(f"options of a multi-choice answer are text, got {_show(x)}")
        assert isinstance(container, frozenset | set | tuple | list)
        return x in container
    raise TypeError(f"`in` needs a list or a multi-choice answer, got {_show(container)}")


def _count(value: object) -> object:
    if value is None:
        return None
    if _kind_of(value) is Kind.SET:
        assert isinstance(value, frozenset | set | tuple | list)
        return len(value)
    raise TypeError(f"count() needs a multi-choice answer, got {_show(value)}")


def _abs(value: object) -> object:
    if value is None:
        return None
    if _is_num(value):
        return abs(value)
    raise TypeError(f"abs() needs a number, got {_show(value)}")


def _extreme(func: str, values: list[object]) -> object:
    numbers: list[int | float] = []
    for value in values:
        if not _is_num(value):
            raise TypeError(f"{func}() needs numbers, got {_show(value)}")
        numbers.append(value)
    return min(numbers) if func == "min" else max(numbers)


def _arity(func: str, args: tuple[Node, ...]) -> None:
    if func not in _FUNCTIONS:
        raise TypeError(f"unknown function {func!r}")
    if func in ("min", "max"):
        if not args:
            raise TypeError(f"{func}() needs at least one value")
    elif len(args) != 1:
        raise TypeError(f"{func}() takes exactly one value, got {len(args)}")


# --------------------------------------------------------------------------- evaluate


def evaluate(node: Node, env: Mapping[str, object]) -> object:
    """The value of ``node`` over ``env`` (see the module docstring for the semantics).

    The reference implementation: a plain tree walk.  Binary operators evaluate the left
    side first and stop at an unknown one; ``and``/``or`` go left to right and stop at the
    first false/true; a value of the wrong kind raises ``TypeError``.
    """
    match node:
        case Name():
            return env.get(node.name)
        case Number() | String() | Bool():
            return node.value
        case Compare():
            a = evaluate(node.left, env)
            if a is None:
                return None
            b = evaluate(node.right, env)
            if b is None:
                return None
            if node.op == "in":
                return _member(a, b)
            if node.op == "not in":
                found = _member(a, b)
                return None if found is None else not found
            return _compare(node.op, a, b)
        case And():
            unknown = False
            for item in node.items:
                value = evaluate(item, env)
                if value is False:
                    return False
                if value is None:
                    unknown = True
                elif value is not True:
                    raise _bool_error("and", value)
            return None if unknown else True
        case Or():
            unknown = False
            for item in node.items:
                value = evaluate(item, env)
                if value is True:
                    return True
                if value is None:
                    unknown = True
                elif value is not False:
                    raise _bool_error("or", value)
            return None if unknown else False
        case Not():
            value = evaluate(node.operand, env)
            if value is None:
                return None
            if value is True or value is False:
                return not value
            raise _bool_error("not", value)
        case Binary():
            a = evaluate(node.left, env)
            if a is None:
                return None
            b = evaluate(node.right, env)
            if b is None:
                return None
            return _arith(node.op, a, b)
        case Unary():
            value = evaluate(node.operand, env)
            return None if value is None else _negate(value)
        case ListLit():
            return _Items(evaluate(item, env) for item in node.items)
        case Call():
            _arity(node.func, node.args)
            if node.func == "answered":
                return evaluate(node.args[0], env) is not None
            if node.func == "count":
                return _count(evaluate(node.args[0], env))
            if node.func == "abs":
                return _abs(evaluate(node.args[0], env))
            values: list[object] = []
            for arg in node.args:
                value = evaluate(arg, env)
                if value is None:
                    return None
                values.append(value)
            return _extreme(node.func, values)


# --------------------------------------------------------------------------- compile

_NUMBER_TYPES = (int, float)


def _literal(node: Node) -> tuple[bool, object]:
    """(True, value) for a constant that needs no environment: literals and ``-3``."""
    match node:
        case Number() | String() | Bool():
            return True, node.value
        case Unary(operand=Number() as number):
            return True, -number.value
    return False, None


def compile_expr(node: Node) -> _Fn:
    """A function of the answers with exactly :func:`evaluate`'s semantics, built once.

    Why: batch scoring evaluates the same few conditions over millions of rows.  Closures
    skip the per-node dispatch of the tree walk, and the common shapes (`key == "x"`,
    `key > 3`, `"x" in key`, `key in [...]`, two-operand `and`/`or`) get fused fast paths
    that fall back to the shared run-time helpers whenever a value is not of the plain
    expected type, so results and errors stay identical to :func:`evaluate`.
    """
    match node:
        case Number() | String() | Bool():
            constant = node.value
            return lambda env: constant
        case Name():
            key = node.name
            return lambda env: env.get(key)
        case Compare():
            return _compile_compare(node)
        case And():
            return _compile_and(node)
        case Or():
            return _compile_or(node)
        case Not():
            return _compile_not(node)
        case Binary():
            return _compile_binary(node)
        case Unary():
            return _compile_unary(node)
        case ListLit():
            return _compile_list(node)
        case Call():
            return _compile_call(node)


def _compile_list(node: ListLit) -> _Fn:
    literals = [_literal(item) for item in node.items]
    if all(is_literal for is_literal, _ in literals):
        items = _Items(value for _, value in literals)
        return lambda env: items
    parts = [compile_expr(item) for item in node.items]
    return lambda env: _Items(part(env) for part in parts)


def _compile_unary(node: Unary) -> _Fn:
    inner = compile_expr(node.operand)

    def negate(env: Mapping[str, object]) -> object:
        value = inner(env)
        if value is None:
            return None
        if type(value) in _NUMBER_TYPES:
            return -value  # type: ignore[operator]
        return _negate(value)

    return negate


def _compile_binary(node: Binary) -> _Fn:
    op = node.op
    left, right = compile_expr(node.left), compile_expr(node.right)
    if op == "/":

        def divide(env: Mapping[str, object]) -> object:
            a = left(env)
            if a is None:
                return None
            b = right(env)
            if b is None:
                return None
            if type(a) in _NUMBER_TYPES and type(b) in _NUMBER_TYPES:
                if b == 0:
                    return None
                try:
                    return a / b  # type: ignore[operator]
                except OverflowError:
                    return None
            return _arith(op, a, b)

        return divide
    fn = _ARITH[op]

    def arith(env: Mapping[str, object]) -> object:
        a = left(env)
        if a is None:
            return None
        b = right(env)
        if b is None:
            return None
        if type(a) in _NUMBER_TYPES and type(b) in _NUMBER_TYPES:
            try:
                return fn(a, b)  # type: ignore[arg-type]
            except OverflowError:
                return None
        return _arith(op, a, b)

    return arith


def _compile_compare(node: Compare) -> _Fn:
    op = node.op
    if op in ("in", "not in"):
        return _compile_membership(node)
    is_literal, constant = _literal(node.right)
    if isinstance(node.left, Name) and is_literal:
        # `key == "x"`, `key > 3`: one closure, no calls for the operands.
        key = node.left.name
        plain = type(constant)
        fast_types = _NUMBER_TYPES if plain in _NUMBER_TYPES else (plain,)
        fn = operator.eq if op == "==" else operator.ne if op == "!=" else _ORDER[op]
        if op in ("==", "!=") or plain in _NUMBER_TYPES:

            def compare_key(env: Mapping[str, object]) -> object:
                a = env.get(key)
                if a is None:
                    return None
                if type(a) in fast_types:
                    return fn(a, constant)
                return _compare(op, a, constant)

            return compare_key
    left, right = compile_expr(node.left), compile_expr(node.right)

    def compare(env: Mapping[str, object]) -> object:
        a = left(env)
        if a is None:
            return None
        b = right(env)
        if b is None:
            return None
        return _compare(op, a, b)

    return compare


def _compile_membership(node: Compare) -> _Fn:
    negated = node.op == "not in"
    right_node = node.right
    literals = (
        [_literal(item) for item in right_node.items] if isinstance(right_node, ListLit) else []
    )
    values = [value for is_literal, value in literals if is_literal]
    kinds = {_kind_of(value) for value in values}
    if (
        isinstance(right_node, ListLit)
        and values
        and len(values) == len(right_node.items)
        and len(kinds) == 1
        and None not in kinds
    ):
        # `key in ["a", "b"]`: a set lookup after one kind check (equal to _member then).
        (kind,) = kinds
        assert kind is not None
        members = frozenset(values)
        left = compile_expr(node.left)
        plain = str if kind is Kind.TEXT else bool if kind is Kind.BOOL else None

        def in_list(env: Mapping[str, object]) -> object:
            x = left(env)
            if x is None:
                return None
            if type(x) is not plain and _kind_of(x) is not kind:
                raise TypeError(f"`in` cannot look for {_show(x)} in a list of {kind.value}")
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
            found = _member(text, chosen)
            return None if found is None else found is not negated

        return option_picked
    left, right = compile_expr(node.left), compile_expr(right_node)

    def member(env: Mapping[str, object]) -> object:
        x = left(env)
        if x is None:
            return None
        container = right(env)
        if container is None:
            return None
        found = _member(x, container)
        return None if found is None else found is not negated

    return member


def _compile_and(node: And) -> _Fn:
    parts = [compile_expr(item) for item in node.items]
    if len(parts) == 2:
        first, second = parts

        def and2(env: Mapping[str, object]) -> object:
            a = first(env)
            if a is False:
                return False
            if a is not True and a is not None:
                raise _bool_error("and", a)
            b = second(env)
            if b is False:
                return False
            if b is True:
                return a
            if b is None:
                return None
            raise _bool_error("and", b)

        return and2

    def and_n(env: Mapping[str, object]) -> object:
        unknown = False
        for part in parts:
            value = part(env)
            if value is False:
                return False
            if value is None:
                unknown = True
            elif value is not True:
                raise _bool_error("and", value)
        return None if unknown else True

    return and_n


def _compile_or(node: Or) -> _Fn:
    parts = [compile_expr(item) for item in node.items]
    if len(parts) == 2:
        first, second = parts

        def or2(env: Mapping[str, object]) -> object:
            a = first(env)
            if a is True:
                return True
            if a is not False and a is not None:
                raise _bool_error("or", a)
            b = second(env)
            if b is True:
                return True
            if b is False:
                return a
            if b is None:
                return None
            raise _bool_error("or", b)

        return or2

    def or_n(env: Mapping[str, object]) -> object:
        unknown = False
        for part in parts:
            value = part(env)
            if value is True:
                return True
            if value is None:
                unknown = True
            elif value is not False:
                raise _bool_error("or", value)
        return None if unknown else False

    return or_n


def _compile_not(node: Not) -> _Fn:
    inner = compile_expr(node.operand)

    def negate(env: Mapping[str, object]) -> object:
        value = inner(env)
        if value is True:
            return False
        if value is False:
            return True
        if value is None:
            return None
        raise _bool_error("not", value)

    return negate


def _compile_call(node: Call) -> _Fn:
    func, args = node.func, node.args
    try:
        _arity(func, args)
    except TypeError as err:
        problem = err

        def broken(env: Mapping[str, object]) -> object:
            raise TypeError(str(problem))

        return broken
    parts = [compile_expr(arg) for arg in args]
    if func == "answered":
        (inner,) = parts
        return lambda env: inner(env) is not None
    if func == "count":
        (inner,) = parts
        return lambda env: _count(inner(env))
    if func == "abs":
        (inner,) = parts
        return lambda env: _abs(inner(env))

    def extreme(env: Mapping[str, object]) -> object:
        values: list[object] = []
        for part in parts:
            value = part(env)
            if value is None:
                return None
            values.append(value)
        return _extreme(func, values)

    return extreme


# --------------------------------------------------------------------------- why_missing


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
            if isinstance(node, Binary) and node.op == "/" and _is_num(b) and b == 0:
                other.setdefault(f"division by zero: {to_source(node.right)} is 0", None)
                return
            if a is None or b is None or a is _FAILED or b is _FAILED:
                return
            if isinstance(node, Binary):
                other.setdefault(f"number too large: {to_source(node)}", None)
                return
            # `x in [a, b]` with an unknown item.
            for part in _children(node.right) if isinstance(node.right, ListLit) else ():
                if _try_evaluate(part, env) is None:
                    _collect(part, env, missing, other)
            return
    for child in _children(node):
        if _try_evaluate(child, env) is None:
            _collect(child, env, missing, other)
