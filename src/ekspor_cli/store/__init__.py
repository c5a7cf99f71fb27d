"""The assessment history: every completed assessment, kept in a local SQLite database.

Why SQLite from the standard library: one file per laptop, no server, transactions that
survive a killed process, and readable by other tools.  What is kept -- the answers, the
result, and the criteria text itself (once per sha256) -- lets any old assessment be
re-scored and re-rendered exactly as it was, years later, after the criteria changed.

The calls the interview and batch scoring need::

    from ekspor_cli.store import resolve_db_path, save_assessment
    uuid = save_assessment(resolve_db_path(), profile, values, evidence, result, criteria,
                           source="assess")
    # batch --save: many rows, one synced transaction per 500
    from ekspor_cli.store import NewAssessment, save_many
    ids = save_many(resolve_db_path(), (NewAssessment(profile, values, result) for ...),
                    criteria, source="batch")

Modules: :mod:`.connection` (opening, pragmas, locking), :mod:`.schema` (migrations),
:mod:`.repository` (saving), :mod:`.queries` (finding and listing), :mod:`.identity`
(which visits are one firm), :mod:`.records` / :mod:`.codec` (the data, as JSON),
:mod:`.exchange` (JSON Lines export and import between laptops), :mod:`.replay`
(re-scoring a stored assessment), :mod:`.export_table` (CSV/xlsx rows).
"""

from __future__ import annotations

from .connection import DB_FILENAME, ENV_DB, Store, open_store, resolve_db_path
from .queries import businesses, find_business, get_assessment, history_of, list_assessments
from .records import AssessmentRecord
from .repository import (
    Business,
    Filters,
    NewAssessment,
    StoredAssessment,
    save_assessment,
    save_many,
)

__all__ = [
    "DB_FILENAME",
    "ENV_DB",
    "AssessmentRecord",
    "Business",
    "Filters",
    "NewAssessment",
    "Store",
    "StoredAssessment",
    "businesses",
    "find_business",
    "get_assessment",
    "history_of",
    "list_assessments",
    "open_store",
    "resolve_db_path",
    "save_assessment",
    "save_many",
]
