"""Where ekspor keeps local data (drafts, history, logs).

Why platformdirs: Windows wants %LOCALAPPDATA%, Linux XDG, macOS ~/Library -- a mature
package knows; we don't hand-roll it.  ``EKSPOR_DATA_DIR`` (or a command's ``--data-dir``)
overrides it, e.g. to keep data on a USB stick.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "EKSPOR_DATA_DIR"


def data_dir(override: str | Path | None = None) -> Path:
    """The data directory (not created here)."""
    if override:
        return Path(override)
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("ekspor", appauthor=False))
