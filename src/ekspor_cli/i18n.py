"""Bilingual text: Bahasa Indonesia first, English optional.

Why: every human text in a criteria file (labels, help, gap messages, next steps) may be a
plain string (taken as Indonesian) or a mapping ``{id: ..., en: ...}``.  At run time a missing
English text falls back to Indonesian, never to a blank (the KoboToolbox complaint).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")


def pick(text: dict[str, str] | str | None, lang: Lang) -> str:
    """Return ``text`` in ``lang``, falling back to Indonesian.

    >>> pick({"id": "Ya", "en": "Yes"}, "en")
    'Yes'
    >>> pick({"id": "Ya"}, "en")
    'Ya'
    """
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("id", "")
