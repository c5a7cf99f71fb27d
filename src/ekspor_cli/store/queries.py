"""Finding assessments and businesses: by ID prefix, by filters, by business.

Why separate from saving: reading is what the history commands do all day, and these
queries share one vocabulary (:class:`~.repository.Filters`, newest-first order) that
``list``, ``export``, ``progress`` and ``cohort`` must agree on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import StoreError
from ..parsing import fold
from .connection import Store
from .identity import NIB_PREFIX, normalise_name, normalise_nib
from .repository import (
    NO_FILTERS,
    ORDER_NEWEST,
    ORDER_OLDEST,
    SELECT,
    Business,
    Filters,
    StoredAssessment,
    stored_from_row,
)

MIN_PREFIX = 4
_ID_CHARS = re.compile(r"^[0-9a-f-]+$")


def get_assessment(store: Store, ident: str) -> StoredAssessment:
    """The assessment whose UUID is ``ident`` or starts with it (at least 4 characters)."""
    prefix = ident.strip().lower()
    if len(prefix) < MIN_PREFIX or not _ID_CHARS.match(prefix):
        raise StoreError(
            f"'{ident}' is not an assessment ID",
            f"give the ID shown by `ekspor list` (at least its first {MIN_PREFIX} characters)",
        )
    with store.translate():
        rows = store.conn.execute(
            f"{SELECT} WHERE a.uuid LIKE ? ESCAPE '\\'{ORDER_NEWEST} LIMIT 6", (prefix + "%",)
        ).fetchall()
    if not rows:
        raise StoreError(
            f"no assessment with ID '{ident}' in {store.path}",
            "run `ekspor list` to see the saved assessments",
        )
    if len(rows) > 1:
        shown = "; ".join(
            f"{r.uuid[:13]} {r.record.assessed_on} {r.record.business_name}"
            for r in map(stored_from_row, rows[:5])
        )
        raise StoreError(f"'{ident}' matches several assessments: {shown}", "type more of the ID")
    return stored_from_row(rows[0])


def business_keys(store: Store, query: str) -> list[str]:
    """Business keys matching ``query``: a key, an NIB, or (part of) a name."""
    text = query.strip()
    conn = store.conn
    with store.translate():
        if ":" in text:
            rows = conn.execute(
                "SELECT DISTINCT business_key FROM assessments WHERE business_key = ?", (text,)
            ).fetchall()
            if rows:
                return [str(r[0]) for r in rows]
        nib = normalise_nib(text)
        if nib and re.fullmatch(r"[\d\s.\-]+", text):
            rows = conn.execute(
                "SELECT DISTINCT business_key FROM assessments WHERE nib = ?", (nib,)
            ).fetchall()
            return sorted(str(r[0]) for r in rows)
        name = normalise_name(text)
        if not name:
            return []
        rows = conn.execute(
            "SELECT DISTINCT business_key FROM assessments WHERE name_norm = ?", (name,)
        ).fetchall()
        if not rows:
            pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = conn.execute(
                "SELECT DISTINCT business_key FROM assessments WHERE name_norm LIKE ? ESCAPE '\\'",
                (pattern,),
            ).fetchall()
    return sorted(str(r[0]) for r in rows)


def list_assessments(
    store: Store,
    filters: Filters = NO_FILTERS,
    *,
    oldest_first: bool = False,
    limit: int | None = None,
) -> list[StoredAssessment]:
    """Assessments matching ``filters``, newest first (visit date, then time saved); at
    most ``limit`` of them, read no further than that."""
    where: list[str] = []
    params: list[object] = []
    if filters.business:
        keys = business_keys(store, filters.business)
        if not keys:
            return []
        where.append(f"a.business_key IN ({', '.join('?' * len(keys))})")
        params += keys
    if filters.level:
        where.append("a.level_key = ?")
        params.append(filters.level)
    if filters.since:
        where.append("a.assessed_on >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        where.append("a.assessed_on <= ?")
        params.append(filters.until.isoformat())
    sql = SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += ORDER_OLDEST if oldest_first else ORDER_NEWEST
    wanted = fold(filters.officer) if filters.officer else None  # (matched in Python)
    found: list[StoredAssessment] = []
    with store.read() as conn:
        for row in conn.execute(sql, params):
            if limit is not None and len(found) >= limit:
                break
            stored = stored_from_row(row)
            if wanted is None or wanted in fold(stored.record.officer):
                found.append(stored)
    return found


def history_of(store: Store, key: str) -> list[StoredAssessment]:
    """Every assessment of one business, oldest first."""
    with store.read() as conn:
        rows = conn.execute(f"{SELECT} WHERE a.business_key = ?{ORDER_OLDEST}", (key,))
        return [stored_from_row(r) for r in rows]


def by_business(rows: Iterable[StoredAssessment]) -> dict[str, list[StoredAssessment]]:
    """``rows`` grouped by business key, each group in the order given."""
    groups: dict[str, list[StoredAssessment]] = {}
    for row in rows:
        groups.setdefault(row.business_key, []).append(row)
    return groups


def businesses(store: Store, filters: Filters = NO_FILTERS) -> list[Business]:
    """Every business with at least one assessment matching ``filters``, by name."""
    groups = by_business(list_assessments(store, filters, oldest_first=True))
    found = []
    for key, rows in groups.items():
        latest = rows[-1]
        profile = latest.record.profile
        nib = key.removeprefix(NIB_PREFIX) if key.startswith(NIB_PREFIX) else None
        found.append(
            Business(
                key=key,
                name=latest.record.business_name,
                nib=nib,
                city=str(profile.get("city") or ""),
                assessments=len(rows),
                first_on=rows[0].record.assessed_on,
                last_on=latest.record.assessed_on,
                latest=latest,
            )
        )
    return sorted(found, key=lambda b: (fold(b.name), b.city, b.key))


def find_business(store: Store, query: str) -> str:
    """The one business key ``query`` names; a clear error when none or several match."""
    keys = business_keys(store, query)
    if not keys:
        raise StoreError(
            f"no saved business matches '{query}'",
            "run `ekspor businesses` to see them; give the NIB or the name",
        )
    if len(keys) > 1:
        known = {b.key: b for b in businesses(store)}
        shown = "; ".join(
            f"{k} ({known[k].name}, {known[k].city})" if k in known else k for k in keys[:6]
        )
        raise StoreError(
            f"'{query}' matches {len(keys)} businesses: {shown}",
            "give the NIB or the business key shown by `ekspor businesses`",
        )
    return keys[0]
