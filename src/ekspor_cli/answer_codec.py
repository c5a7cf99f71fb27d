"""Canonical answers as JSON and back, losslessly (pure): one encoding for the history
store, its exchange files and the interview's drafts.

Why one: an assessment must give back *exactly* the canonical answers that were scored, so
that it re-scores to the same result years later, and a draft must resume with the answers
as they were.  The encoding agrees with ``Result.to_dict`` (``result._json_value`` and
``format_value``): multiple-choice tuples become lists and "don't know" becomes the text
``"tidak tahu"``.  That text is unambiguous: reading it as an answer always gives
``DONT_KNOW``, so no canonical text answer can equal it.

>>> from ekspor_cli import DONT_KNOW
>>> decode_answers(encode_answers({"pemasok": ("petani", "pasar"), "nib": DONT_KNOW}))
{'nib': DONT_KNOW, 'pemasok': ('petani', 'pasar')}
"""

from __future__ import annotations

from collections.abc import Mapping

from .parsing import DONT_KNOW

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
