"""ekspor: how ready is an Indonesian UMKM/IKM to export, and what must it fix first?

The core is a library; the ``ekspor`` command is a thin client of it::

    from ekspor_cli import load_bundled_criteria, score
    result = score(load_bundled_criteria(), {"punya_nib": "ya", "kapasitas_maks": "1.500"})
    print(result.score, result.level.key, [g.key for g in result.gaps[:3]])

Nothing here imports Typer or Rich.
"""

from __future__ import annotations

from .answers import AnswerReader, format_value
from .criteria import Criteria, load_criteria_text
from .errors import AnswerError, CriteriaError, EksporError, ExitCode, InputError
from .loading import load_bundled_criteria, load_criteria
from .parsing import DONT_KNOW
from .result import Result, Status
from .scoring import AnswersError, Plan, plan_for, score, score_values

__version__ = "0.1.0"

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
