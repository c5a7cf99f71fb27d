"""ekspor: how ready is an Indonesian UMKM/IKM to export, and what must it fix first?

The core is a library; the ``ekspor`` command is a thin client of it::

    from ekspor_cli import load_bundled_criteria, score
    result = score(load_bundled_criteria(), {"punya_nib": "ya", "kapasitas_maks": "1.500"})
    print(result.score, result.level.key, [g.key for g in result.gaps[:3]])

Nothing here imports Typer or Rich.  Names are loaded on first use (PEP 562), so that
``ekspor --help`` on an old laptop does not pay for pydantic and PyYAML.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "AnswerReader": "answers",
    "format_value": "answers",
    "Criteria": "criteria",
    "load_criteria_text": "criteria",
    "AnswerError": "errors",
    "CriteriaError": "errors",
    "EksporError": "errors",
    "ExitCode": "errors",
    "InputError": "errors",
    "load_bundled_criteria": "loading",
    "load_criteria": "loading",
    "DONT_KNOW": "parsing",
    "Result": "result",
    "Status": "result",
    "AnswersError": "scoring",
    "Plan": "scoring",
    "plan_for": "scoring",
    "score": "scoring",
    "score_values": "scoring",
}

if TYPE_CHECKING:
    from .answers import AnswerReader, format_value
    from .criteria import Criteria, load_criteria_text
    from .errors import AnswerError, CriteriaError, EksporError, ExitCode, InputError
    from .loading import load_bundled_criteria, load_criteria
    from .parsing import DONT_KNOW
    from .result import Result, Status
    from .scoring import AnswersError, Plan, plan_for, score, score_values


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ekspor_cli' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "DONT_KNOW",
    "AnswerError",
    "AnswerReader",
    "AnswersError",
    "Criteria",
    "CriteriaError",
    "EksporError",
    "ExitCode",
    "InputError",
    "Plan",
    "Result",
    "Status",
    "__version__",
    "format_value",
    "load_bundled_criteria",
    "load_criteria",
    "load_criteria_text",
    "plan_for",
    "score",
    "score_values",
]
