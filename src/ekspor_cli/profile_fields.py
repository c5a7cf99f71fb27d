"""The business profile asked before the criteria: its fields and how a typed value is checked.

Pure: a typed line goes in, the stored text (or a :class:`ProfileError` with the fix in both
languages) comes out.  The interview (:mod:`ekspor_cli.interview`) decides *when* to ask.

>>> read_profile("nib", "1234.5678.90123", date(2026, 11, 29))
'1234567890123'
"""

from __future__ import annotations

import re
from datetime import date

from .errors import AnswerError
from .parsing import clean, fold, parse_date

PROFILE_FIELDS: tuple[str, ...] = (
    "business_name",
    "owner",
    "nib",
    "address",
    "city",
    "sector",
    "contact",
    "officer",
    "date",
)
REQUIRED_PROFILE = frozenset({"business_name"})
PROFILE_PREFIX = "profile_"
"""Before a profile field's key in table headers (``ekspor export``; ``batch --save`` reads it)."""
PROFILE_MAX_LENGTH = 200


class ProfileError(AnswerError):
    """A profile field that cannot be accepted; ``texts`` holds the message per language."""

    def __init__(self, field_key: str, id_text: str, en_text: str) -> None:
        super().__init__(en_text, question=field_key)
        self.texts = {"id": id_text, "en": en_text}


_TODAY_WORDS = frozenset({"hari ini", "today", "sekarang", "now"})


def read_profile(field_key: str, raw: str, today: date) -> str:
    """Check and normalise one profile answer; raise :class:`ProfileError` with the fix.

    ``nib`` must be 13 digits (spaces, dots and dashes between digits are dropped);
    ``date`` accepts ``dd-mm-yyyy``, ``dd/mm/yyyy`` or ISO ``yyyy-mm-dd``, empty for
    ``today``, and is stored as ISO; other fields are cleaned free text.
    """
    text = clean(raw)
    if field_key == "date":
        return _read_date(text, today)
    if len(text) > PROFILE_MAX_LENGTH:
        raise ProfileError(
            field_key,
            f"terlalu panjang (maks. {PROFILE_MAX_LENGTH} karakter)",
            f"too long (at most {PROFILE_MAX_LENGTH} characters)",
        )
    if not text and field_key in REQUIRED_PROFILE:
        raise ProfileError(field_key, "wajib diisi", "required")
    if field_key == "nib" and text:
        digits = re.sub(r"[\s.\-]", "", text)
        if not (digits.isascii() and digits.isdigit() and len(digits) == 13):
            count = sum(c.isdigit() for c in digits)
            raise ProfileError(
                field_key,
                f"NIB terdiri dari 13 angka (yang diketik: {count} angka); "
                "kosongkan bila belum ada",
                f"an NIB has 13 digits (you typed {count}); leave it empty if there is none",
            )
        return digits
    return text


def _read_date(text: str, today: date) -> str:
    if not text or fold(text) in _TODAY_WORDS:
        return today.isoformat()
    day = parse_date(text)
    if day is not None:
        if day > today:
            raise ProfileError(
                "date",
                f"tanggal {day:%d-%m-%Y} belum terjadi",
                f"{day.isoformat()} is in the future",
            )
        return day.isoformat()
    raise ProfileError(
        "date",
        f"'{text[:40]}' bukan tanggal (contoh: 29-11-2026 atau 2026-11-29)",
        f"'{text[:40]}' is not a date (e.g. 29-11-2026 or 2026-11-29)",
    )
