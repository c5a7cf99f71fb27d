"""Turns expression text into tokens, with a precise error for every character it refuses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .nodes import ExprError

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
_NAME_RE = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Token:
    kind: Literal["num", "str", "name", "kw", "op", "eof", "err"]
    text: str
    offset: int
    value: object = None
    error: ExprError | None = None

    def describe(self) -> str:
        """How an error message names this token."""
        if self.kind == "eof":
            return "the end of the expression"
        if self.kind == "str":
            return f"text {self.text}"
        return f"`{self.text}`"


_TWO_CHAR_OPS = frozenset({"==", "!=", "<=", ">="})
_ONE_CHAR_OPS = frozenset("<>+-*/()[],")
_SMART_QUOTES = frozenset("\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb")


def _is_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


def tokenize(text: str) -> list[Token]:
    """All tokens, ending with ``eof`` -- or with an ``err`` token at the first bad one.

    Why not raise at once: the parser reports the leftmost problem, and a bad token after a
    syntax error should not hide that earlier error.
    """
    tokens: list[Token] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            tokens.append(Token("eof", "", n))
            return tokens
        try:
            token = _scan(text, i)
        except ExprError as err:
            tokens.append(Token("err", text[i], i, error=err))
            return tokens
        tokens.append(token)
        i = token.offset + len(token.text)


def _scan(text: str, i: int) -> Token:
    c = text[i]
    if "0" <= c <= "9":
        return _scan_number(text, i)
    if c.isascii() and (c.isalpha() or c == "_"):
        return _scan_word(text, i)
    if c in "\"'":
        return _scan_string(text, i)
    two = text[i : i + 2]
    if two in _TWO_CHAR_OPS:
        return Token("op", two, i)
    if c in _ONE_CHAR_OPS and two != "<>":
        return Token("op", c, i)
    raise _refusal(text, i)


def _scan_number(text: str, i: int) -> Token:
    n = len(text)
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
    return Token("num", word, i, float(word) if "." in word else int(word))


def _scan_word(text: str, i: int) -> Token:
    j, n = i, len(text)
    while j < n and _is_word_char(text[j]):
        j += 1
    word = text[i:j]
    if word in KEYWORDS:
        return Token("kw", word, i)
    lower = word.lower()
    if lower in KEYWORDS:
        raise ExprError(f"`{word}` is not a keyword", i, f"write `{lower}` in lowercase")
    if _NAME_RE.fullmatch(word):
        return Token("name", word, i)
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


def _refusal(text: str, i: int) -> ExprError:
    """The error for a character that starts no token, with what was probably meant."""
    c, two = text[i], text[i : i + 2]
    if two == "<>":
        return ExprError("`<>` is not an operator", i, "use != for 'not equal'")
    if two in ("=>", "=<"):
        return ExprError(f"`{two}` is not an operator", i, f"write `{two[::-1]}`")
    if c == "=":
        return ExprError("`=` is not an operator", i, "use == to compare")
    if c == "!":
        return ExprError("`!` is not an operator", i, "write `not` to negate, != for 'not equal'")
    if c == "&":
        return ExprError(f"`{two.rstrip()}` is not an operator", i, "write `and`")
    if c == "|":
        return ExprError(f"`{two.rstrip()}` is not an operator", i, "write `or`")
    if c == "." and i + 1 < len(text) and "0" <= text[i + 1] <= "9":
        return ExprError("malformed number: a number cannot start with `.`", i, "write 0.5, not .5")
    if c == "%":
        return ExprError(
            "`%` is not an operator", i, "write percentages as plain numbers, e.g. 40 or 0.4"
        )
    if c in _SMART_QUOTES:
        return ExprError(
            f"curly quote `{c}`",
            i,
            "type straight quotes \" or ' (word processors change them to curly ones)",
        )
    if not c.isprintable():
        return ExprError(
            f"invisible character U+{ord(c):04X}",
            i,
            "it was probably copied from a web page or chat: retype this part by hand",
        )
    return ExprError(
        f"unexpected character `{c}`",
        i,
        'expressions use question keys, numbers, "text", true/false, ( ) [ ] , '
        "and the operators + - * / == != < <= > >=",
    )


def _scan_string(text: str, i: int) -> Token:
    quote = text[i]
    out: list[str] = []
    j, n = i + 1, len(text)
    while j < n:
        c = text[j]
        if c == quote:
            return Token("str", text[i : j + 1], i, "".join(out))
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
