"""Static checks: every kind mismatch, unknown name and wrong option key, before any run."""

from __future__ import annotations

from collections.abc import Mapping

from .messages import (
    NOUN,
    equality_hint,
    mismatch_hint,
    not_an_option,
    result_mismatch,
    unknown_question,
    what,
)
from .nodes import (
    FUNCTIONS,
    And,
    Binary,
    Bool,
    Call,
    Compare,
    ExprError,
    Kind,
    ListLit,
    Name,
    Node,
    Not,
    Number,
    Or,
    String,
    Symbol,
    Unary,
    start,
)


def check(node: Node, symbols: Mapping[str, Symbol], *, expect: Kind) -> list[ExprError]:
    """Every static problem in ``node``, sorted by offset (empty list = usable).

    Why all at once: a criteria author fixes a whole file per round trip, not one error.
    ``expect`` is the kind the caller needs: BOOL for ``when:``, NUMBER for ``derived:``.
    """
    checker = _Checker(symbols)
    got = checker.kind(node)
    if got is not None and got is not expect:
        checker.error(result_mismatch(expect, got), start(node), mismatch_hint(expect, got, node))
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
                f"{context} needs {NOUN[want]}, but {what(node)} is {NOUN[got]}",
                start(node),
                mismatch_hint(want, got, node),
            )

    def name(self, node: Name) -> Kind | None:
        symbol = self.symbols.get(node.name)
        if symbol is not None:
            return symbol.kind
        message, hint = unknown_question(node.name, self.symbols)
        self.error(message, node.offset, hint)
        return None

    def choice(self, literal: Node, other: Node) -> None:
        """Report ``literal`` if it is text that is not one of ``other``'s option keys."""
        if not (isinstance(literal, String) and isinstance(other, Name)):
            return
        symbol = self.symbols.get(other.name)
        if symbol is None or symbol.choices is None or symbol.kind not in (Kind.TEXT, Kind.SET):
            return
        if literal.value not in symbol.choices:
            message, hint = not_an_option(literal.value, other.name, symbol.choices)
            self.error(message, literal.offset, hint)

    def list_kind(self, node: ListLit) -> Kind | None:
        kinds: list[Kind] = []
        ok = True
        for item in node.items:
            kind = _literal_kind(item)
            if kind is None:
                ok = False
                self.error(
                    f'a list can only hold fixed values such as "kayu" or 3, not {what(item)}',
                    start(item),
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
                        f"`{op}` compares numbers, but {what(side)} is {NOUN[kind]}",
                        start(side),
                        'compare choices with == or `in`, e.g. `sektor == "kayu"`'
                        if kind in (Kind.TEXT, Kind.SET)
                        else mismatch_hint(Kind.NUMBER, kind, side),
                    )
            return
        if lk is None or rk is None:
            return
        if lk is not rk:
            hint = equality_hint(left, lk, right, rk)
            self.error(f"`{op}` cannot compare {NOUN[lk]} with {NOUN[rk]}", node.offset, hint)
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
                    f"`{op}` needs a single value on the left, but {what(left)} is {NOUN[lk]}",
                    start(left),
                    'test options one at a time: `"a" in key or "b" in key`',
                )
            elif lk is not None and item_kind is not None and lk is not item_kind:
                self.error(
                    f"cannot look for {NOUN[lk]} in a list of {NOUN[item_kind]} values",
                    start(left),
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
                f"{what(right)} is {NOUN[rk]}",
                start(right),
                hint,
            )
        elif lk is not None and lk is not Kind.TEXT:
            self.error(
                f"options of a multi-choice answer are text, but {what(left)} is {NOUN[lk]}",
                start(left),
                'e.g. `"halal" in sertifikat`',
            )
        elif lk is Kind.TEXT:
            self.choice(left, right)

    def call(self, node: Call) -> Kind | None:
        func, args = node.func, node.args
        if func not in FUNCTIONS:
            for arg in args:
                self.kind(arg)
            self.error(
                f"unknown function `{func}`",
                node.offset,
                f"allowed functions: {', '.join(FUNCTIONS)}",
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
                    f"{func}() takes a question key such as `{func}(omzet)`, not {what(arg)}",
                    start(arg),
                    "remove the quotes" if isinstance(arg, String) else "",
                )
                return result
            kind = self.kind(arg)
            if func == "count" and kind is not None and kind is not Kind.SET:
                self.error(
                    f"count() counts the options picked in a multi-choice answer, but "
                    f"'{arg.name}' is {NOUN[kind]}",
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
