"""Answers, profiles and dates as JSON, losslessly (pure).

Why: the store and the JSON Lines interchange file must give back *exactly* the canonical
answers that were scored, so an old assessment re-scores to the same result.  The
encoding agrees with ``Result.to_dict`` (``result._json_value`` and ``format_value``):
multiple-choice tuples become lists and "don't know" becomes the text ``"tidak tahu"``.
That text is unambiguous: reading it as an answer always gives ``DONT_KNOW``, so no
canonical text answer can equal it.

>>> from ekspor_cli import DONT_KNOW
>>> decode_answers(encode_answers({"pemasok": ("petani", "pasar"), "nib": DONT_KNOW}))
{'nib': DONT_KNOW, 'pemasok': ('petani', 'pasar')}
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..parsing import DONT_KNOW

DONT_KNOW_TEXT = "tidak tahu"


def encode_value(value: object) -> object:
    """A canonical answer as JSON: tuples -> lists, ``DONT_KNOW`` -> ``"tidak tahu"``."""
    if value is DONT_KNOW:
        return DONT_KNOW_TEXT
    if isinstance(value, tuple):
        return [str(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"not a canonical answer: {value!r}")


def decode_value(value: object) -> object:
    """The inverse of :func:`encode_value`."""
    if value == DONT_KNOW_TEXT:
        return DONT_KNOW
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise ValueError(f"not an encoded answer: {value!r}")


def encode_answers(values: Mapping[str, object]) -> dict[str, object]:
    return {str(k): encode_value(v) for k, v in sorted(values.items()) if v is not None}


def decode_answers(data: Mapping[str, object]) -> dict[str, object]:
    return {str(k): decode_value(v) for k, v in data.items()}


def dumps(data: Any) -> str:
    """Canonical JSON text: sorted keys, no spaces, UTF-8 kept, no NaN -- hashable as text."""
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


def content_hash(data: Any) -> str:
    """sha256 of the canonical JSON of ``data``: equal content, equal hash, on any laptop."""
    return hashlib.sha256(dumps(data).encode("utf-8")).hexdigest()


_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> date | None:
    """A date as officers write it: ``2026-03-01``, ``01-03-2026``, ``1/3/2026`` (day first,
    the Indonesian order).  ``None`` when it is not one of those (``Maret 2026``)."""
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
