"""Who is this business?  Recognising one firm across assessments (pure).

Why: an officer visits the same firm several times during a coaching program, and an
office merges assessments from several laptops.  Progress only means something if those
visits are linked.  The rule (docs/history.md, "Which assessments belong together"):

* by **NIB** (Nomor Induk Berusaha) when the profile has one: digits only, so
  ``8120-0012 3456 7`` and ``8120001234567`` are the same firm;
* otherwise by the **normalised name and city**: case, accents, punctuation and the legal
  form (PT, CV, UD, ...) are ignored, and ``Kab.`` is read as ``Kabupaten`` -- so
  ``CV. Maju-Jaya`` in ``Kab. Malang`` is ``maju jaya`` in ``kabupaten malang`` (but
  *Kota* Malang stays a different place).

Linking an NIB to earlier name-only visits (a firm often gets its NIB *because* of the
coaching) needs the database and lives in :mod:`ekspor_cli.store.repository`.

>>> identify({"business_name": "CV. Maju-Jaya", "city": "Kab. Malang"}).name_key
'nama:maju jaya@kabupaten malang'
>>> identify({"business_name": "Maju Jaya", "nib": "8120-0012 3456 7"}).key
'nib:8120001234567'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..parsing import fold

_WORD = re.compile(r"[0-9a-z]+")
_LEGAL_FORMS = frozenset({"pt", "cv", "ud", "pd", "fa", "firma", "tbk", "persero"})
_PLACE_WORDS = {"kab": "kabupaten", "kabupaten": "kabupaten", "kota": "kota", "kot": "kota"}

NIB_PREFIX = "nib:"
NAME_PREFIX = "nama:"
UNNAMED_PREFIX = "tanpa-nama:"


def _words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", fold(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(plain)


def normalise_name(text: str) -> str:
    """A business name reduced to what identifies it: ``PT. Sinar  Abadi`` -> ``sinar abadi``."""
    words = _words(text)
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)


def normalise_city(text: str) -> str:
    """``Kab. Malang`` -> ``kabupaten malang``; ``KOTA  Malang`` -> ``kota malang``."""
    return " ".join(_PLACE_WORDS.get(w, w) for w in _words(text))


def normalise_nib(text: str) -> str | None:
    """The digits of an NIB, or ``None`` when there are none (``-``, ``belum ada``).

    A spreadsheet that stored the NIB as a number gives ``8120001234567.0``: the ``.0`` is
    not part of it."""
    text = text.strip().removesuffix(".0") if text.strip()[:-2].isdigit() else text
    digits = "".join(ch for ch in text if "0" <= ch <= "9")
    return digits or None


@dataclass(frozen=True)
class Identity:
    """What identifies a business in one profile; ``key`` is its own best guess."""

    nib: str | None
    name: str  # normalised; "" when the profile has no business name
    city: str  # normalised

    @property
    def name_key(self) -> str | None:
        return f"{NAME_PREFIX}{self.name}@{self.city}" if self.name else None

    @property
    def key(self) -> str | None:
        """``nib:...`` or ``nama:name@city``; ``None`` when the profile names no business."""
        return f"{NIB_PREFIX}{self.nib}" if self.nib else self.name_key


def identify(profile: Mapping[str, str]) -> Identity:
    """The identity a business profile states (keys ``nib``, ``business_name``, ``city``)."""
    return Identity(
        nib=normalise_nib(str(profile.get("nib") or "")),
        name=normalise_name(str(profile.get("business_name") or "")),
        city=normalise_city(str(profile.get("city") or "")),
    )
