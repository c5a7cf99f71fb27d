"""Recursive-descent parser: tokens to a syntax tree, with limits on length and nesting."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from .lexer import Token, tokenize
from .nodes import (
    FUNCTIONS,
    And,
    Binary,
    Bool,
    Call,
    Compare,
    ExprError,
    ListLit,
    Name,
    Node,
    Not,
    Number,
    Or,
    String,
    Unary,
)

_MAX_LENGTH = 2000
_MAX_NESTING = 50


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


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0
        self.depth = 0

    # -- token helpers

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
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

    def unexpected(self, tok: Token, what: str, hint: str) -> ExprError:
        # A bad token's own error is more precise than "expected X, found <bad token>".
        if tok.error is not None:
            return tok.error
        return ExprError(f"{what}, found {tok.describe()}", tok.offset, hint)

    def enter(self, tok: Token) -> None:
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

    def trailing(self, tok: Token) -> ExprError:
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
            f"unexpected {tok.describe()} after a complete expression",
            tok.offset,
            "join conditions with `and` / `or`, and values with an operator such as + or ==",
        )

    def or_(self) -> Node:
        return self.chain("or", self.and_, Or)

    def and_(self) -> Node:
        return self.chain("and", self.not_, And)

    def chain(
        self,
        word: str,
        operand: Callable[[], Node],
        build: Callable[[tuple[Node, ...], int], Node],
    ) -> Node:
        """``x word y word z`` as one flat node, so long chains do not deepen the tree."""
        first = operand()
        if not self.at_kw(word):
            return first
        op = self.peek()
        items = [first]
        while self.at_kw(word):
            self.advance()
            items.append(operand())
        return build(tuple(items), op.offset)

    def not_(self) -> Node:
        if self.at_kw("not"):
            tok = self.advance()
            self.enter(tok)
            operand = self.not_()
            self.depth -= 1
            return Not(operand, offset=tok.offset)
        return self.compare()

    def compare_op(self) -> tuple[str, Token] | None:
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
        return self.arithmetic(("+", "-"), self.term)

    def term(self) -> Node:
        return self.arithmetic(("*", "/"), self.unary)

    def arithmetic(self, ops: tuple[str, str], operand: Callable[[], Node]) -> Node:
        """A left-associative chain; each operator counts as a nesting level."""
        left = operand()
        levels = 0
        while self.at_op(*ops):
            tok = self.advance()
            self.enter(tok)
            levels += 1
            left = Binary(tok.text, left, operand(), offset=tok.offset)  # type: ignore[arg-type]
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
        if name.text not in FUNCTIONS:
            close = difflib.get_close_matches(name.text, FUNCTIONS, n=1)
            maybe = f"did you mean `{close[0]}`? " if close else ""
            raise ExprError(
                f"unknown function `{name.text}`",
                name.offset,
                f"{maybe}allowed functions: {', '.join(FUNCTIONS)}",
            )
        opening = self.advance()
        self.enter(opening)
        args = self.sequence(")", opening)
        self.depth -= 1
        return Call(name.text, args, offset=name.offset)

    def close(self, closing: str, opening: Token) -> None:
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

    def sequence(self, closing: str, opening: Token) -> tuple[Node, ...]:
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
