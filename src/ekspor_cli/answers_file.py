"""Answer files for `ekspor score`: a mapping of question key -> answer, YAML or JSON.

Why all YAML scalars are read as text here: answers use the same forms as a batch cell,
and YAML would otherwise read ``1.500`` (one thousand five hundred, Indonesian style) as the
float 1.5.  JSON keeps its types (typed values are accepted too).

Two shapes are accepted::

    punya_nib: ya                 # flat
    kapasitas_maks: 1.500

    profile: {business_name: CV Maju}   # or with a business profile
    answers: {punya_nib: ya}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .errors import CriteriaError, InputError
from .yamlsafe import load_yaml


@dataclass(frozen=True)
class AnswerFile:
    answers: dict[str, Any]
    profile: dict[str, str]
    lines: dict[str, int]  # question key -> line in the file (0 when unknown)


def parse_answer_file(text: str, source: str, *, is_json: bool = False) -> AnswerFile:
    """Parse answer-file ``text`` (pure).  Raises :class:`InputError` with the file name."""
    lines: dict[str, int] = {}
    if is_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{source}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}", "fix the JSON syntax"
            ) from None
    else:
        try:
            loaded = load_yaml(text, source, plain_scalars_as_text=True)
        except CriteriaError as err:
            raise InputError(err.format(), "fix the answers file") from None
        data = loaded.data
        if isinstance(data, dict):
            nested = isinstance(data.get("answers"), dict)
            for key in data["answers"] if nested else data:
                path = ("answers", key) if nested else (key,)
                lines[str(key)] = loaded.mark_for(path, prefer_key=True).line
    if not isinstance(data, dict):
        raise InputError(
            f"{source}: expected a mapping of question key -> answer",
            "write one 'key: answer' per line",
        )
    profile: dict[str, str] = {}
    if isinstance(data.get("answers"), dict):
        raw_profile = data.get("profile") or {}
        if not isinstance(raw_profile, dict):
            raise InputError(f"{source}: 'profile' must be a mapping", "write 'name: value' lines")
        profile = {str(k): "" if v is None else str(v) for k, v in raw_profile.items()}
        extra = set(data) - {"answers", "profile"}
        if extra:
            raise InputError(
                f"{source}: unexpected top-level key(s) {sorted(extra)}",
                "put answers under 'answers:' and details under 'profile:'",
            )
        data = data["answers"]
    return AnswerFile(answers={str(k): v for k, v in data.items()}, profile=profile, lines=lines)
