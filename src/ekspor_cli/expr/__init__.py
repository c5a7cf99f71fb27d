"""A small, safe expression language for ``when:`` conditions and ``derived:`` values.

Why a language of our own: criteria files are written by programme staff, not programmers,
and are shared between offices.  Python's ``eval`` (or ``ast``) would run anything and give
errors nobody outside IT can read; this package only knows the handful of things a criteria
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

One implementation of these semantics
    :func:`compile_expr` turns a tree into a closure once (batch scoring runs it over many
    rows); :func:`evaluate` is just ``compile_expr(node)(env)``, so there is no second
    interpreter that could disagree with it.  The value rules themselves live in
    :mod:`.runtime`; the compiler adds fast paths for common shapes that give the same
    values and raise ``TypeError`` for the same inputs.

Modules: ``nodes`` (public types and the tree), ``lexer``, ``parser``, ``source``
(:func:`to_source`, :func:`names`), ``checker`` and ``messages`` (static checks and their
wording), ``runtime`` (value rules), ``closures`` and ``compiler`` (:func:`compile_expr`,
:func:`evaluate`), ``explain`` (:func:`why_missing`).
"""

from __future__ import annotations

from .checker import check
from .compiler import compile_expr, evaluate
from .explain import why_missing
from .nodes import (
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
)
from .parser import parse
from .source import names, to_source

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
