"""Where the bundled criteria live, in a wheel and in a source checkout.

Why: `ekspor` must work from any folder after a plain `pip install .`, so the default
criteria ship inside the package (``ekspor_cli/_bundled_criteria``, see pyproject.toml);
in a development checkout they are read from the repository's ``criteria/`` folder,
which is what program managers edit.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEFAULT_CRITERIA = "umkm-ekspor.yaml"


def bundled_criteria_dir() -> Path:
    """The folder holding the bundled criteria files."""
    packaged = Path(str(resources.files("ekspor_cli"))) / "_bundled_criteria"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "criteria"


def bundled_criteria_path(name: str = DEFAULT_CRITERIA) -> Path:
    return bundled_criteria_dir() / name
