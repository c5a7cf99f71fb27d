"""Lexical parsers for one cell or one typed answer.

Why one module: the interview and batch scoring must read ``"1.500"`` or ``"T"`` the same
way, and neither Python (``float``, ``int``) nor pydantic does it right for data typed or
exported in the Indonesian locale (``float("1.500") == 1.5``; pydantic reads ``"T"`` as
True; ``int("١")`` and ``float("nan")`` succeed).  Everything here is pure and fast: it
runs once per cell on files with millions of cells.

Cleaning
    Before anything is matched, text is Unicode-NFC normalised, zero-width characters
    copy-pasted from web pages and chat apps are removed, leading/trailing whitespace of
    any kind (including no-break spaces) is stripped and inner runs of whitespace become a
    single space.  Matching of words ignores case.

Yes/no answers
    Accepted words are in ``YES_WORDS`` / ``NO_WORDS``.  ``T`` means *Tidak* (no), never
    *True*: Indonesian forms use Y/T.  ``x`` and ``ok`` are not accepted either way (a
    cross can mean "ticked" or "no").

Number rules (user-visible, mirrored in the docs)
    * An optional sign (``-``/``+``), an optional currency prefix ``Rp``, ``Rp.`` or ``IDR``
      (any case, space optional) and the usual Rupiah ending ``,-`` (``Rp 150.000,-``)
      are allowed.
    * A trailing ``%`` is allowed and dropped: ``40%`` is 40, not 0.4.
    * A trailing multiplier word is allowed: ``rb``/``ribu`` (x 1 000), ``jt``/``juta``
      (x 1 000 000), ``m``/``miliar``/``milyar`` (x 1 000 000 000; ``m`` is *miliar*, not
      million).  ``1,5 juta`` is 1 500 000, ``2 jt`` is 2 000 000.
    * Units (``kg``, ``ton``, ...) and any other words are not accepted: the question
      says which unit it wants.
    * Thousands separators: ``.``, ``,`` or a space, one kind per number, in groups of
      exactly 3 digits after the first group (``1.500.000``, ``1 500``).  ``1.50.0`` fails.
    * Decimal convention, chosen per column/question:

      - ``comma`` (Indonesian): ``.`` groups thousands, ``,`` is the decimal mark.
        ``1.500`` is 1500, ``1.500,50`` is 1500.5, ``2,5`` is 2.5; ``1.5`` fails.
      - ``dot``: ``,`` groups thousands, ``.`` is the decimal mark.
        ``1,500.50`` is 1500.5, ``1.5`` is 1.5; ``2,5`` fails.
      - ``auto`` (default), Indonesian first:
        both marks present -> the last one is the decimal mark (``1.500,5``, ``1,500.5``);
        the same mark repeated -> thousands (``1.500.000``, ``1,500,000``);
        one mark followed by exactly 3 digits, after 1-3 digits that are not all zero ->
        **ambiguous**: ``1.500`` is read as 1500 and ``1,500`` as 1.5 (the Indonesian
        readings) and the answer is flagged so the interview asks to confirm;
        any other single mark is the decimal mark (``2,5``, ``0.25``, ``3.14159``,
        ``0,500``).  ``,-`` at the end means the comma convention (``Rp 1.500,-`` is 1500).
    * Rejected: empty text, ``nan``, ``inf``, scientific notation (``1e3``), ``1_000``,
      digits other than ASCII 0-9 (``٣``, ``１２``), more than 30 digits, anything else.
      Leading zeros are fine (``007`` is 7).
"""

from __future__ import annotations

import enum
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

__all__ = [
    "BLANK",
    "DONT_KNOW",
    "NO_WORDS",
    "YES_WORDS",
    "Blank",
    "Decimal",
    "DontKnow",
    "ParseFailure",
    "ParsedNumber",
    "classify_blank",
    "clean",
    "fold",
    "parse_number",
    "parse_yes_no",
    "split_multi",
]


class ParseFailure(ValueError):
    """A cell or answer cannot be read; ``str(e)`` is a short English reason.

    Callers turn it into an ``AnswerError``/row error with the question and location;
    ``text`` keeps the raw input so they can quote it.
    """

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.text = text

    def __reduce__(self) -> tuple[type[ParseFailure], tuple[str, str]]:
        # Batch scoring may use worker processes: keep ``text`` across pickling.
        return (type(self), (self.message, self.text))


class Blank(enum.Enum):
    """Type of ``BLANK``: the cell is empty or says "no value" (``-``, ``N/A``, ...).

    An enum so that the sentinel survives pickling/copying as the same object and so that
    ``x is BLANK`` narrows types for mypy.
    """

    BLANK = "BLANK"

    def __repr__(self) -> str:
        return "BLANK"

    __str__ = __repr__


class DontKnow(enum.Enum):
    """Type of ``DONT_KNOW``: the respondent answered "I don't know" (``tidak tahu``)."""

    DONT_KNOW = "DONT_KNOW"

    def __repr__(self) -> str:
        return "DONT_KNOW"

    __str__ = __repr__


BLANK: Final = Blank.BLANK
DONT_KNOW: Final = DontKnow.DONT_KNOW

# --------------------------------------------------------------------------- cleaning

# Invisible characters with no meaning in a cell: zero-width space, word joiner, BOM
# (a stray one mid-text after concatenating files), soft hyphen.  Removed everywhere.
_INVISIBLE = str.maketrans("", "", "\u200b\u2060\ufeff\u00ad")
# ZWNJ/ZWJ carry meaning inside emoji sequences and some scripts: stripped only at the ends.
_EDGE_RE = re.compile(r"^[\s\u200c\u200d]+|[\s\u200c\u200d]+$")


def clean(text: str) -> str:
    """Normalise a cell for matching/parsing without changing its case.

    Why: cells copy-pasted from WhatsApp/web pages carry NBSP and zero-width characters
    that make ``"ya\\u200b"`` differ from ``"ya"`` although they look the same.
    """
    if text.isascii():  # fast path: ASCII is already NFC and has no invisible characters
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return " ".join(_EDGE_RE.sub("", text).split())


def fold(text: str) -> str:
    """``clean`` + ``casefold``: the key used to match vocabulary words and labels."""
    return clean(text).casefold()


# --------------------------------------------------------------------- blank / unknown

# "none", "kosong" and "?" are not blank: "none"/"kosong" can be real answer labels,
# "?" is "don't know".  "nan" is left out as well: it is a number-parsing error to report.
_BLANK_WORDS: Final = frozenset({"", "-", "--", "—", "–", "n/a", "#n/a", "na", "null"})

_DONT_KNOW_WORDS: Final = frozenset(
    {
        f"{neg} {know}"
        for neg in ("tidak", "tdk", "gak", "ga", "nggak", "enggak", "ngga")
        for know in ("tahu", "tau")
    }
    | {"tt", "tt.", "don't know", "don’t know", "dont know", "unknown", "?"}
)


def classify_blank(text: str) -> Blank | DontKnow | None:
    """``BLANK``, ``DONT_KNOW`` or ``None`` (a real value to parse).

    Why separate from the parsers: "no answer" and "don't know" are scored differently
    from a wrong value, and must be recognised the same way for every question type.
    """
    key = fold(text)
    if key in _BLANK_WORDS:
        return BLANK
    if key in _DONT_KNOW_WORDS:
        return DONT_KNOW
    return None


# ------------------------------------------------------------------------------ yes/no

YES_WORDS: Final[frozenset[str]] = frozenset(
    {"ya", "y", "iya", "yes", "1", "true", "benar", "betul", "ada", "sudah", "sdh", "punya"}
    | {"v", "✓", "✔", "√"}
)
"""Folded words read as yes.  ``ok`` and ``x`` are deliberately absent (ambiguous)."""

NO_WORDS: Final[frozenset[str]] = frozenset(
    {"tidak", "t", "tdk", "tak", "no", "n", "0", "false", "salah", "belum", "blm", "bukan"}
    | {"ga", "gak", "nggak", "ngga", "enggak", "tidak ada", "tdk ada", "belum ada"}
    | {"✗", "✘", "×"}
)
"""Folded words read as no.  ``t`` is *Tidak*: Indonesian forms use Y/T, never T=True."""

_YES_NO_HINT: Final = "not a yes/no answer (use ya/tidak, y/t or 1/0)"


def parse_yes_no(text: str) -> bool:
    """Read a yes/no answer with the Indonesian vocabulary (see ``YES_WORDS``)."""
    key = fold(text)
    if key in YES_WORDS:
        return True
    if key in NO_WORDS:
        return False
    raise ParseFailure(_YES_NO_HINT, text)


# ----------------------------------------------------------------------------- numbers

Decimal = Literal["auto", "comma", "dot"]


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from text, with how it was read.

    ``ambiguous`` is True when another reading was plausible (``1.500`` under ``auto``);
    the interview then asks to confirm, offering ``alternative``.  ``reading`` is a short
    note for the user, e.g. ``"1.500 read as 1500 (dot = thousands separator; ...)"``.
    """

    value: float
    ambiguous: bool
    reading: str
    alternative: float | None = None


_MAX_DIGITS: Final = 30
_MAX_LENGTH: Final = 100  # far above the longest valid number (~60 chars)

_NUMBER_RE: Final = re.compile(
    r"(?P<s1>[-+])? ?(?:(?P<cur>rp\.?|idr) ?)?(?P<s2>[-+])? ?"
    r"(?P<num>[0-9.,](?:[0-9., ]*[0-9.,])?)(?P<dash>,-)?"
    r"(?: ?(?P<mult>rb|ribu|jt|juta|m|miliar|milyar)| ?(?P<pct>%))?"
)
_SCIENTIFIC_RE: Final = re.compile(r"[-+]?[0-9.,]*[0-9]e[-+]?[0-9]+")
_EXPONENT: Final = {"rb": 3, "ribu": 3, "jt": 6, "juta": 6, "m": 9, "miliar": 9, "milyar": 9}
_SEP_NAME: Final = {".": "dot", ",": "comma", " ": "space"}
_BAD_GROUP: Final = {
    "comma": "with decimal comma, '.' only separates thousands (groups of 3 digits)",
    "dot": "with decimal point, ',' only separates thousands (groups of 3 digits)",
    "auto": "malformed thousands grouping (groups of 3 digits expected)",
}


def _fmt(value: float) -> str:
    """Human-friendly float for reading notes: ``1500`` not ``1500.0``."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _to_float(int_digits: str, frac: str, exponent: int, negative: bool) -> float:
    # Built from the digit string so that "1,1 juta" is exactly 1100000 (1.1 * 1e6 is not).
    shift = exponent - len(frac)
    digits = int_digits + frac
    value = float(f"{digits}e{shift}") if shift else float(digits)
    return (-value if negative else value) + 0.0  # + 0.0: "-0" becomes 0.0


def _fail_reason(s: str) -> str:
    """Why a string that did not match the number grammar was rejected."""
    if any(c.isdigit() and not c.isascii() for c in s):
        return "only digits 0-9 are accepted"
    if "_" in s:
        return "'_' is not accepted in numbers"
    if _SCIENTIFIC_RE.fullmatch(s):
        return "scientific notation is not accepted"
    return "not a number"


def parse_number(text: str, decimal: Decimal = "auto") -> ParsedNumber:
    """Read a number under the rules in the module docstring; raise ``ParseFailure``.

    Why not ``float``: it reads ``1.500`` as 1.5 (1000x wrong for Indonesian data) and
    accepts ``nan``, ``inf``, ``1_000`` and non-ASCII digits.
    """
    if decimal not in _BAD_GROUP:
        raise ValueError(f"decimal must be 'auto', 'comma' or 'dot', not {decimal!r}")
    return _parse_number(text, decimal)


# Batch columns repeat the same cells ("0", "1.500", "Rp 500.000") many times, and building
# a frozen dataclass costs more than the lookup; results are immutable, so caching is safe.
# Failures are not cached (exceptions propagate through lru_cache).
@functools.lru_cache(maxsize=4096)
def _parse_number(text: str, decimal: Decimal) -> ParsedNumber:
    # Fast path: plain ASCII digits, by far the most common cell.
    if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
        return ParsedNumber(float(text), False, f"{text} read as {int(text)}")

    s = clean(text)
    if not s:
        raise ParseFailure("empty", text)
    if len(s) > _MAX_LENGTH:
        raise ParseFailure("too long for a number", text)
    low = s.lower()
    if not low.isascii():
        low = low.replace("\u2212", "-")  # Unicode minus sign, as typed by word processors
    m = _NUMBER_RE.fullmatch(low) if low.isascii() else None
    if m is None:
        raise ParseFailure(_fail_reason(low), text)
    s1, s2, cur, num, dash, mult, pct = m.group("s1", "s2", "cur", "num", "dash", "mult", "pct")
    if s1 and s2:
        raise ParseFailure("sign given twice", text)
    if cur and pct:
        raise ParseFailure("currency and percent together", text)

    mode: str = decimal
    if dash:
        if decimal == "dot" or "," in num:
            raise ParseFailure("',-' ending needs the comma-decimal convention", text)
        mode = "comma"

    # Decide which mark (if any) is the decimal mark.
    ambiguous = False
    if mode == "comma":
        dec: str | None = ","
    elif mode == "dot":
        dec = "."
    else:
        has_dot, has_comma = "." in num, "," in num
        if has_dot and has_comma:
            dec = "," if num.rfind(",") > num.rfind(".") else "."
        elif has_dot or has_comma:
            sep = "." if has_dot else ","
            head, _, tail = num.partition(sep)
            if sep in tail:
                dec = None  # repeated mark: thousands groups
            elif " " not in head and len(tail) == 3 and len(head) <= 3 and head.strip("0"):
                ambiguous = True
                dec = "," if sep == "," else None  # Indonesian reading of either mark
            else:
                dec = sep
        else:
            dec = None

    if dec is not None and dec in num:
        if num.count(dec) > 1:
            raise ParseFailure("more than one decimal mark", text)
        int_part, _, frac = num.partition(dec)
        if not frac.isdigit():
            raise ParseFailure(
                "no digits after the decimal mark" if not frac else _BAD_GROUP[mode], text
            )
    else:
        int_part, frac = num, ""

    group_char = ""
    if not int_part.isdigit() and int_part:
        seps = [c for c in "., " if c in int_part]
        if len(seps) > 1:
            raise ParseFailure("mixed thousands separators", text)
        group_char = seps[0]
        groups = int_part.split(group_char)
        first = groups[0]
        if (
            not 1 <= len(first) <= 3
            or not first.strip("0")
            or any(len(g) != 3 or not g.isdigit() for g in groups[1:])
        ):
            raise ParseFailure(_BAD_GROUP[mode], text)
        int_part = "".join(groups)

    if not int_part and not frac:
        raise ParseFailure("not a number", text)
    if len(int_part) + len(frac) > _MAX_DIGITS:
        raise ParseFailure(f"too many digits (at most {_MAX_DIGITS})", text)

    exponent = _EXPONENT[mult] if mult else 0
    negative = s1 == "-" or s2 == "-"
    value = _to_float(int_part, frac, exponent, negative)
    if not math.isfinite(value):  # unreachable with 30 digits; kept as a guard
        raise ParseFailure("number too large", text)

    notes: list[str] = []
    if group_char:
        notes.append(f"{_SEP_NAME[group_char]} = thousands separator")
    if frac:
        notes.append(f"{_SEP_NAME[dec or '.']} = decimal mark")
    if dash:
        notes.append("',-' = no cents")
    if mult:
        notes.append(f"{mult} = x{10**exponent}")
    if pct:
        notes.append("percent sign dropped")
    alternative: float | None = None
    if ambiguous:
        # Only "1.500"-like numbers get here: swap the thousands/decimal readings.
        head, tail = (int_part[:-3], int_part[-3:]) if not frac else (int_part, frac)
        alt_int, alt_frac = (head, tail) if not frac else (head + tail, "")
        alternative = _to_float(alt_int, alt_frac, exponent, negative)
        notes.append(f"could also be {_fmt(alternative)}")
    reading = f"{s} read as {_fmt(value)}"
    if notes:
        reading += f" ({'; '.join(notes)})"
    return ParsedNumber(value, ambiguous, reading, alternative)


# ------------------------------------------------------------------------ multi-choice

_MULTI_SPLIT_RE: Final = re.compile(r"[;,|/]|(?<=\s)(?:dan|&)(?=\s)", re.IGNORECASE)


def split_multi(text: str) -> list[str]:
    """Split a multi-choice cell into cleaned, de-duplicated parts, keeping order.

    Why so many separators: officers and Google Forms join choices with ``;``, ``,``,
    ``|``, ``/`` or write them out ("Jawa dan Bali").  Duplicates (ignoring case) are
    dropped so a choice is never counted twice.
    """
    seen: set[str] = set()
    parts: list[str] = []
    for raw in _MULTI_SPLIT_RE.split(clean(text)):
        part = clean(raw)
        key = part.casefold()
        if part and key not in seen:
            seen.add(key)
            parts.append(part)
    return parts


# --------------------------------------------------------------------------- dates

_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> date | None:
    """A date as officers write it: ``2026-03-01``, ``01-03-2026``, ``1/3/2026`` (day first,
    the Indonesian order).  ``None`` when it is not one of those (``Maret 2026``) or no
    such day (``31-02-2026``)."""
    ymd = _YMD.match(text)
    dmy = _DMY.match(text)
    try:
        if ymd:
            return date(int(ymd[1]), int(ymd[2]), int(ymd[3]))
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        return None
    return None
