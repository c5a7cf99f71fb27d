"""Canonical JSON text and its hash (pure): what the store and its exchange files write,
so that equal content is equal text -- and has an equal sha256 -- on any laptop.  Answers
are encoded by :mod:`ekspor_cli.answer_codec`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def dumps(data: Any) -> str:
    """Canonical JSON text: sorted keys, no spaces, UTF-8 kept, no NaN -- hashable as text."""
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


def content_hash(data: Any) -> str:
    """sha256 of the canonical JSON of ``data``: equal content, equal hash, on any laptop."""
    return hashlib.sha256(dumps(data).encode("utf-8")).hexdigest()
