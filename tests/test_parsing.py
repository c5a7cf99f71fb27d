"""Tests for the lexical cell/answer parsers (Indonesian-locale pitfalls first)."""

from __future__ import annotations

import copy
import math
import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ekspor_cli.parsing import (
    BLANK,
    DONT_KNOW,
    NO_WORDS,
    YES_WORDS,
    ParsedNumber,
    ParseFailure,
    classify_blank,
    clean,
    fold,
    parse_number,
    parse_yes_no,
    split_multi,
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------------------ clean


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ya", "ya"),
        ("  ya  ", "ya"),
        ("\xa0YA\u200b", "YA"),
        ("\ufeffNama Usaha", "Nama Usaha"),
        ("\u2007\u202f12\u202f", "12"),
        ("\u200c\u200d ya \u200d", "ya"),
        ("Kopi\xa0\xa0 Gayo", "Kopi Gayo"),
        ("a\tb\nc\r\nd", "a b c d"),
        ("Ko\u200bpi", "Kopi"),
        ("cafe\u0301", "café"),  # NFC: combining accent composed
        ("UD Maju", "UD Maju"),  # case unchanged
        ("", ""),
        ("\xa0\u200b\ufeff ", ""),
        ("👨\u200d🍳 Dapur", "👨\u200d🍳 Dapur"),  # ZWJ inside an emoji sequence kept
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("\xa0YA\u200b", "ya"), ("Tidak  Tahu", "tidak tahu"), ("STRASSE", "strasse"), ("ß", "ss")],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


@given(st.text())
@FAST
def test_clean_is_idempotent_and_trimmed(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert "\u200b" not in once and "\ufeff" not in once


# ------------------------------------------------------------------- blank / unknown


@pytest.mark.parametrize(
    "raw",
    ["", " ", "\xa0", "-", "--", "—", "–", "n/a", "N/A", "#N/A", "na", "NA", "null", "NULL"]
    + [" - ", "\u200bN/a\xa0"],
)
def test_blank(raw: str) -> None:
    assert classify_blank(raw) is BLANK


@pytest.mark.parametrize(
    "raw",
    ["tidak tahu", "Tidak Tahu", "TDK TAHU", "tdk tau", "tidak tau", "gak tahu", "ga tau"]
    + ["gak tau", "nggak tahu", "tt", "TT", "tt.", "don't know", "Don’t know", "dont know"]
    + ["unknown", "Unknown", "?", " ? ", "\xa0tidak\xa0 tahu\u200b"],
)
def test_dont_know(raw: str) -> None:
    assert classify_blank(raw) is DONT_KNOW


@pytest.mark.parametrize(
    "raw", ["none", "None", "kosong", "0", "ya", "tidak", "t", "nan", "x", "---x", "ada"]
)
def test_not_blank(raw: str) -> None:
    assert classify_blank(raw) is None


def test_sentinels() -> None:
    assert repr(BLANK) == "BLANK" and repr(DONT_KNOW) == "DONT_KNOW"
    assert str(BLANK) == "BLANK"
    assert pickle.loads(pickle.dumps(BLANK)) is BLANK
    assert copy.deepcopy(DONT_KNOW) is DONT_KNOW


# ----------------------------------------------------------------------------- yes/no


@pytest.mark.parametrize(
    "raw",
    ["ya", "Ya", "YA", "ya ", " ya", "\xa0YA\u200b", "y", "Y", "iya", "Iya", "yes", "YES"]
    + ["1", "true", "TRUE", "True", "benar", "Benar", "betul", "ada", "Ada", "sudah", "sdh"]
    + ["punya", "v", "V", "✓", "✔", "√", "\ufeffYa"],
)
def test_yes(raw: str) -> None:
    assert parse_yes_no(raw) is True


@pytest.mark.parametrize(
    "raw",
    ["tidak", "Tidak", "TIDAK", "t", "T", " T ", "\xa0t\u200b", "tdk", "Tdk", "tak", "no"]
    + ["No", "n", "N", "0", "false", "FALSE", "salah", "Salah", "belum", "Belum", "blm"]
    + ["bukan", "ga", "gak", "nggak", "ngga", "enggak", "tidak ada", "Tidak  Ada", "✗"]
    + ["✘", "×"],
)
def test_no(raw: str) -> None:
    assert parse_yes_no(raw) is False


@pytest.mark.parametrize(
    "raw",
    ["", " ", "ok", "OK", "x", "X", "maybe", "mungkin", "yaa", "ya tidak", "2", "1.0", "-"]
    + ["tidak tahu", "?", "on", "off", "f", "yess", "ya!"],
)
def test_yes_no_rejects(raw: str) -> None:
    with pytest.raises(ParseFailure) as info:
        parse_yes_no(raw)
    assert info.value.text == raw
    assert "ya/tidak" in str(info.value)


def test_yes_no_vocabularies() -> None:
    assert not YES_WORDS & NO_WORDS
    assert "t" in NO_WORDS and "t" not in YES_WORDS  # T = Tidak, never True
    assert all(fold(w) == w for w in YES_WORDS | NO_WORDS)
    assert isinstance(YES_WORDS, frozenset) and isinstance(NO_WORDS, frozenset)


# ---------------------------------------------------------------------------- numbers

# (text, decimal mode, value, ambiguous)
NUMBERS = [
    # plain / leading zeros / signs
    ("0", "auto", 0.0, False),
    ("7", "auto", 7.0, False),
    ("007", "auto", 7.0, False),
    ("-5", "auto", -5.0, False),
    ("+5", "auto", 5.0, False),
    ("- 5", "auto", -5.0, False),
    ("\u22125", "auto", -5.0, False),
    ("-0", "auto", 0.0, False),
    ("  12\xa0", "auto", 12.0, False),
    ("\u200b12\ufeff", "comma", 12.0, False),
    ("1" * 30, "auto", float("1" * 30), False),
    # comma mode (Indonesian)
    ("1.500", "comma", 1500.0, False),
    ("1.500,50", "comma", 1500.5, False),
    ("2,5", "comma", 2.5, False),
    ("1,500", "comma", 1.5, False),
    ("1.500.000", "comma", 1_500_000.0, False),
    ("1.234.567,89", "comma", 1234567.89, False),
    (",5", "comma", 0.5, False),
    ("0,25", "comma", 0.25, False),
    ("1 500", "comma", 1500.0, False),
    ("1\xa0500,5", "comma", 1500.5, False),
    ("1\u202f500\u202f000", "comma", 1_500_000.0, False),
    ("-1.500", "comma", -1500.0, False),
    # dot mode
    ("1,500.50", "dot", 1500.5, False),
    ("1.5", "dot", 1.5, False),
    ("1,500", "dot", 1500.0, False),
    ("1.500", "dot", 1.5, False),
    ("1,500,000", "dot", 1_500_000.0, False),
    ("0.25", "dot", 0.25, False),
    (".5", "dot", 0.5, False),
    ("1 500.25", "dot", 1500.25, False),
    # auto: both marks -> last is the decimal mark
    ("1.500,5", "auto", 1500.5, False),
    ("1,500.5", "auto", 1500.5, False),
    ("1.234.567,89", "auto", 1234567.89, False),
    ("1,234,567.89", "auto", 1234567.89, False),
    # auto: repeated mark -> thousands
    ("1.500.000", "auto", 1_500_000.0, False),
    ("1,500,000", "auto", 1_500_000.0, False),
    # auto: single mark + 3 digits -> ambiguous, Indonesian reading
    ("1.500", "auto", 1500.0, True),
    ("1,500", "auto", 1.5, True),
    ("12.345", "auto", 12345.0, True),
    ("999,999", "auto", 999.999, True),
    ("-1.500", "auto", -1500.0, True),
    # auto: single mark otherwise -> decimal
    ("2,5", "auto", 2.5, False),
    ("2,50", "auto", 2.5, False),
    ("0.25", "auto", 0.25, False),
    ("3.14159", "auto", 3.14159, False),
    ("3,1415", "auto", 3.1415, False),
    ("1234.567", "auto", 1234.567, False),  # first group too long for thousands
    ("0.500", "auto", 0.5, False),  # "0" cannot start a thousands group
    ("0,500", "auto", 0.5, False),
    (".5", "auto", 0.5, False),
    (",500", "auto", 0.5, False),
    ("1 500", "auto", 1500.0, False),
    ("1 500,250", "auto", 1500.25, False),  # space groups, so the comma is decimal
    ("1 500.250", "auto", 1500.25, False),
    # currency
    ("Rp 1.500.000", "auto", 1_500_000.0, False),
    ("Rp1.500.000", "auto", 1_500_000.0, False),
    ("Rp. 1.500.000", "auto", 1_500_000.0, False),
    ("rp.1.500.000", "auto", 1_500_000.0, False),
    ("RP 250", "auto", 250.0, False),
    ("IDR 1.500.000", "auto", 1_500_000.0, False),
    ("idr1.500.000,00", "auto", 1_500_000.0, False),
    ("Rp\xa01.234.567,89", "auto", 1234567.89, False),
    ("Rp 1.500", "auto", 1500.0, True),
    ("-Rp 1.500.000", "auto", -1_500_000.0, False),
    ("Rp -1.500.000", "auto", -1_500_000.0, False),
    ("Rp 150.000,-", "auto", 150_000.0, False),  # ",-" = comma convention, no cents
    ("Rp 1.500,-", "auto", 1500.0, False),
    ("Rp 1.500,-", "comma", 1500.0, False),
    ("150.000,-", "auto", 150_000.0, False),
    ("Rp 1.500,00", "comma", 1500.0, False),
    # percent
    ("40%", "auto", 40.0, False),
    ("40 %", "auto", 40.0, False),
    ("12,5%", "auto", 12.5, False),
    ("12.5%", "dot", 12.5, False),
    ("-3%", "auto", -3.0, False),
    ("100%", "comma", 100.0, False),
    # multipliers
    ("1,5 juta", "auto", 1_500_000.0, False),
    ("1,5 juta", "comma", 1_500_000.0, False),
    ("2 jt", "auto", 2_000_000.0, False),
    ("2jt", "auto", 2_000_000.0, False),
    ("2 JT", "auto", 2_000_000.0, False),
    ("1,1 jt", "auto", 1_100_000.0, False),  # exact, not 1100000.0000000002
    ("0,3 juta", "auto", 300_000.0, False),
    ("500rb", "auto", 500_000.0, False),
    ("500 ribu", "auto", 500_000.0, False),
    ("2,5 rb", "auto", 2500.0, False),
    ("1,250 rb", "comma", 1250.0, False),
    ("1,250 rb", "auto", 1.25e3, True),
    ("0,001 m", "comma", 1e6, False),
    ("1 m", "auto", 1e9, False),
    ("1,5M", "auto", 1.5e9, False),
    ("2 miliar", "auto", 2e9, False),
    ("2 milyar", "auto", 2e9, False),
    ("Rp 1,5 juta", "auto", 1_500_000.0, False),
    ("Rp 500rb", "auto", 500_000.0, False),
    ("1.5 jt", "dot", 1_500_000.0, False),
    ("1.5 jt", "auto", 1_500_000.0, False),
    ("1.500 jt", "auto", 1.5e9, True),
    ("-2 jt", "auto", -2e6, False),
]


@pytest.mark.parametrize(("text", "decimal", "value", "ambiguous"), NUMBERS)
def test_parse_number(text: str, decimal: str, value: float, ambiguous: bool) -> None:
    result = parse_number(text, decimal)  # type: ignore[arg-type]
    assert isinstance(result, ParsedNumber)
    assert isinstance(result.value, float)
    assert result.value == value
    assert result.ambiguous is ambiguous
    assert (result.alternative is not None) is ambiguous
    assert " read as " in result.reading
    assert not math.copysign(1.0, result.value) < 0 or result.value != 0  # never "-0"


@pytest.mark.parametrize(
    ("text", "value", "alternative", "reading"),
    [
        ("1.500", 1500.0, 1.5, "1.500 read as 1500 (dot = thousands separator; could also be 1.5)"),
        ("1,500", 1.5, 1500.0, "1,500 read as 1.5 (comma = decimal mark; could also be 1500)"),
        ("-1.500 jt", -1.5e9, -1.5e6, None),
        ("Rp 2,125", 2.125, 2125.0, None),
    ],
)
def test_ambiguous_readings(
    text: str, value: float, alternative: float, reading: str | None
) -> None:
    result = parse_number(text)
    assert result.ambiguous
    assert result.value == value
    assert result.alternative == alternative
    if reading is not None:
        assert result.reading == reading


def test_readings_explain_conventions() -> None:
    assert (
        parse_number("1.500", "comma").reading == "1.500 read as 1500 (dot = thousands separator)"
    )
    assert "comma = decimal mark" in parse_number("2,5").reading
    assert "juta = x1000000" in parse_number("1,5 juta").reading
    assert "percent" in parse_number("40%").reading
    assert parse_number("007").reading == "007 read as 7"


# (text, decimal mode, fragment of the reason)
REJECTS = [
    ("", "auto", "empty"),
    ("   ", "auto", "empty"),
    ("\xa0\u200b", "comma", "empty"),
    ("nan", "auto", "not a number"),
    ("NaN", "auto", "not a number"),
    ("inf", "auto", "not a number"),
    ("-inf", "auto", "not a number"),
    ("Infinity", "auto", "not a number"),
    ("1e400", "auto", "scientific"),
    ("1e3", "auto", "scientific"),
    ("1E+15", "auto", "scientific"),
    ("3.2e-5", "dot", "scientific"),
    ("1_000", "auto", "_"),
    ("٣", "auto", "0-9"),
    ("１２", "auto", "0-9"),
    ("१२३", "comma", "0-9"),
    ("1" * 31, "auto", "too many digits"),
    ("1" * 31, "comma", "too many digits"),
    ("1.000.000.000.000.000.000.000.000.000.000", "auto", "too many digits"),
    ("0," + "1" * 30, "auto", "too many digits"),
    ("9" * 200, "auto", "too long"),
    ("abc", "auto", "not a number"),
    ("12a", "auto", "not a number"),
    ("10 kg", "auto", "not a number"),
    ("2 ton", "auto", "not a number"),
    ("5 orang", "auto", "not a number"),
    ("Rp", "auto", "not a number"),
    ("-", "auto", "not a number"),
    ("%", "auto", "not a number"),
    ("$100", "auto", "not a number"),
    ("€5", "auto", "not a number"),
    ("(1.500)", "auto", "not a number"),
    ("1/2", "auto", "not a number"),
    ("0x1F", "auto", "not a number"),
    ("--5", "auto", "sign given twice"),
    ("-Rp -5", "auto", "sign given twice"),
    ("Rp 40%", "auto", "currency and percent"),
    ("5 jt%", "auto", "not a number"),
    ("1,5 juta juta", "auto", "not a number"),
    # comma mode: '.' can only group thousands
    ("1.5", "comma", "decimal comma"),
    ("1.50", "comma", "decimal comma"),
    ("1.5000", "comma", "decimal comma"),
    ("1234.567", "comma", "decimal comma"),
    ("0.500", "comma", "decimal comma"),
    (".5", "comma", "decimal comma"),
    ("1,5,0", "comma", "more than one decimal mark"),
    ("1,500.5", "comma", "decimal comma"),
    # dot mode: ',' can only group thousands
    ("2,5", "dot", "decimal point"),
    ("2,50", "dot", "decimal point"),
    ("1.500,5", "dot", "decimal point"),
    ("1.500.000", "dot", "more than one decimal mark"),
    ("Rp 1.500,-", "dot", ",-"),
    # malformed groups / marks
    ("1.50.0", "auto", "grouping"),
    ("1,50,0", "auto", "grouping"),
    ("1.5000.000", "auto", "grouping"),
    ("1234.567.890", "auto", "grouping"),
    ("0.500.000", "auto", "grouping"),
    ("1.500.00", "auto", "grouping"),
    ("1.500,000,5", "auto", "more than one decimal mark"),
    ("1,5.3", "auto", "grouping"),
    ("1500.", "auto", "no digits after"),
    ("1500,", "comma", "no digits after"),
    ("1.500.", "auto", "grouping"),
    (".", "auto", "no digits after"),
    (",", "comma", "no digits after"),
    ("1 5", "auto", "grouping"),
    ("12 34", "auto", "grouping"),
    ("1500 000", "auto", "grouping"),
    ("1 500.000.000", "auto", "mixed thousands separators"),
    ("1,5 00", "auto", "grouping"),
    ("1,500,-", "auto", ",-"),
]


@pytest.mark.parametrize(("text", "decimal", "reason"), REJECTS)
def test_parse_number_rejects(text: str, decimal: str, reason: str) -> None:
    with pytest.raises(ParseFailure) as info:
        parse_number(text, decimal)  # type: ignore[arg-type]
    assert reason in str(info.value)
    assert info.value.text == text


def test_parse_failure_is_value_error_and_pickles() -> None:
    with pytest.raises(ValueError):
        parse_number("nan")
    err = ParseFailure("not a number", "abc")
    back = pickle.loads(pickle.dumps(err))
    assert str(back) == "not a number" and back.text == "abc"


def test_bad_decimal_mode_is_a_programming_error() -> None:
    with pytest.raises(ValueError) as info:
        parse_number("1", "koma")  # type: ignore[arg-type]
    assert not isinstance(info.value, ParseFailure)


def _indonesian(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**30 - 1))
@FAST
def test_indonesian_thousands_roundtrip(n: int) -> None:
    text = _indonesian(n)
    assert parse_number(text, "comma").value == float(n)
    auto = parse_number(text, "auto")
    assert auto.value == float(n)
    assert auto.ambiguous is (1000 <= n < 1_000_000)


@given(st.integers(min_value=0, max_value=10**30 - 1))
@FAST
def test_english_thousands_roundtrip_dot_mode(n: int) -> None:
    assert parse_number(f"{n:,}", "dot").value == float(n)


@given(st.integers(min_value=-(10**17), max_value=10**17))
@FAST
def test_indonesian_two_decimals_roundtrip(cents: int) -> None:
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    text = f"{sign}{_indonesian(whole)},{frac:02d}"
    expected = cents / 100
    assert parse_number(text, "comma").value == expected
    assert parse_number(text, "auto").value == expected
    assert parse_number(f"Rp {text}", "comma").value == expected


_NUMBERISH = st.text(alphabet="0123456789.,-+ %_eE\xa0\u200b\u2212RrPpjtJTmbuIDR٣１", max_size=20)


@given(st.one_of(st.text(max_size=40), _NUMBERISH), st.sampled_from(["auto", "comma", "dot"]))
@settings(max_examples=400, deadline=None)
def test_parse_number_only_raises_parse_failure(text: str, decimal: str) -> None:
    try:
        result = parse_number(text, decimal)  # type: ignore[arg-type]
    except ParseFailure as exc:
        assert exc.text == text
        assert str(exc)
    else:
        assert math.isfinite(result.value)


# ------------------------------------------------------------------------ split_multi


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a;b;c", ["a", "b", "c"]),
        ("Jawa, Bali", ["Jawa", "Bali"]),
        ("Jawa | Bali|NTB", ["Jawa", "Bali", "NTB"]),
        ("Jawa/Bali", ["Jawa", "Bali"]),
        ("Jawa dan Bali", ["Jawa", "Bali"]),
        ("Jawa DAN Bali", ["Jawa", "Bali"]),
        ("Jawa & Bali", ["Jawa", "Bali"]),
        ("Jawa, dan Bali", ["Jawa", "Bali"]),
        ("H&M", ["H&M"]),  # '&' only splits between spaces
        ("Sedan", ["Sedan"]),
        ("Pandan dandang", ["Pandan dandang"]),
        ("a;;b; ;", ["a", "b"]),
        ("  a  ;\xa0b\u200b ", ["a", "b"]),
        ("Ekspor; ekspor; EKSPOR", ["Ekspor"]),
        ("b, a, b", ["b", "a"]),
        ("Kopi  Gayo ; Teh", ["Kopi Gayo", "Teh"]),
        ("", []),
        (" ; , | ", []),
        ("single", ["single"]),
    ],
)
def test_split_multi(raw: str, expected: list[str]) -> None:
    assert split_multi(raw) == expected


@given(st.text(max_size=60))
@FAST
def test_split_multi_parts_are_clean_and_unique(text: str) -> None:
    parts = split_multi(text)
    assert all(p and clean(p) == p for p in parts)
    assert len({p.casefold() for p in parts}) == len(parts)


def test_messages_clip_long_values_to_their_limit() -> None:
    from ekspor_cli.errors import clip

    assert clip("x" * 60, 60) == "x" * 60
    assert clip("x" * 61, 60) == "x" * 57 + "..." and len(clip("y" * 500, 40)) == 40
