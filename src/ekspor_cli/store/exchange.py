"""JSON Lines export and import: how assessments travel between laptops, losslessly.

Why JSON Lines: one assessment per line survives e-mail and USB sticks, diffs well, can
be read by any tool, and a damaged line is reported by number.  The file (format 1,
docs/history.md "The exchange file") is:

* a header line ``{"kind": "ekspor-history", "format": 1, ...}``;
* a ``{"kind": "criteria", "sha256", "id", "version", "text"}`` line for each criteria
  text, before the first assessment that uses it;
* one ``{"kind": "assessment", ...}`` line per assessment: every field of
  :class:`~ekspor_cli.store.records.AssessmentRecord` plus its ``content_sha256``.

Import is idempotent by UUID: an assessment already present with the same content is
skipped; one present with *different* content is a conflict, reported and never
overwritten.  A file that fails validation (bad JSON, a checksum that does not match, an
unknown criteria text) imports nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..answer_codec import decode_answers
from ..errors import InputError
from .codec import dumps
from .connection import Store
from .queries import list_assessments
from .records import CONTENT_FIELDS, SOURCES, AssessmentRecord, utc_text, with_digest
from .repository import (
    NO_FILTERS,
    Filters,
    criteria_text,
    existing_digest,
    has_criteria,
    insert_record,
    save_criteria,
    stored_record,
)

KIND_HEADER = "ekspor-history"
FORMAT = 1


def export_lines(store: Store, filters: Filters = NO_FILTERS) -> Iterator[str]:
    """The exchange file for the assessments matching ``filters``, line by line."""
    from .. import __version__

    rows = list_assessments(store, filters, oldest_first=True)
    yield dumps(
        {
            "kind": KIND_HEADER,
            "format": FORMAT,
            "ekspor": __version__,
            "exported_at": utc_text(datetime.now().astimezone()),
            "assessments": len(rows),
        }
    )
    written: set[str] = set()
    for row in rows:
        record = row.record
        sha = record.criteria_sha256
        if sha not in written:
            written.add(sha)
            text = criteria_text(store, sha)
            yield dumps(
                {
                    "kind": "criteria",
                    "sha256": sha,
                    "id": record.criteria_id,
                    "version": record.criteria_version,
                    "text": text,
                }
            )
        yield dumps({"kind": "assessment", **record.content(), "content_sha256": record.digest()})


@dataclass(frozen=True)
class CriteriaText:
    sha256: str
    id: str
    version: str
    text: str


@dataclass(frozen=True)
class Exchange:
    """A validated exchange file: nothing here has touched a database yet."""

    source: str
    criteria: Mapping[str, CriteriaText]
    records: tuple[tuple[int, AssessmentRecord], ...]  # (line number, record)


def parse_exchange(text: str, source: str) -> Exchange:
    """Validate an exchange file completely; :class:`InputError` names ``file:line``."""
    criteria: dict[str, CriteriaText] = {}
    records: list[tuple[int, AssessmentRecord]] = []
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not a JSON line ({exc.msg})", _REEXPORT) from None
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected a JSON object", _REEXPORT)
        kind = data.get("kind")
        if not header_seen:
            if kind != KIND_HEADER:
                raise InputError(
                    f"{where}: not an ekspor export (the first line must be the "
                    f"'{KIND_HEADER}' header)",
                    "give a .jsonl file written by `ekspor export -o FILE.jsonl`",
                )
            if not isinstance(data.get("format"), int) or data["format"] > FORMAT:
                raise InputError(
                    f"{where}: export format {data.get('format')!r} is newer than this ekspor "
                    f"reads ({FORMAT})",
                    "update ekspor on this laptop",
                )
            header_seen = True
        elif kind == "criteria":
            item = _criteria_line(data, where)
            criteria[item.sha256] = item
        elif kind == "assessment":
            records.append((number, _assessment_line(data, where)))
        else:
            raise InputError(f"{where}: unknown line kind {kind!r}", _REEXPORT)
    if not header_seen:
        raise InputError(f"{source}: the file is empty", "export again")
    return Exchange(source, criteria, tuple(records))


_REEXPORT = "the file is damaged or was edited: export it again from the other laptop"


def _criteria_line(data: Mapping[str, Any], where: str) -> CriteriaText:
    fields = {name: data.get(name) for name in ("sha256", "id", "version", "text")}
    if not all(isinstance(v, str) for v in fields.values()):
        raise InputError(f"{where}: criteria line needs sha256, id, version and text", _REEXPORT)
    item = CriteriaText(**{k: str(v) for k, v in fields.items()})
    if hashlib.sha256(item.text.encode("utf-8")).hexdigest() != item.sha256:
        raise InputError(f"{where}: criteria text does not match its sha256", _REEXPORT)
    return item


_TYPES: dict[str, type | tuple[type, ...]] = {
    "uuid": str,
    "source": str,
    "assessed_on": str,
    "created_at": str,
    "profile": dict,
    "answers": dict,
    "evidence": dict,
    "result": dict,
    "score": (int, float),
    "level_key": str,
    "capped": bool,
    "criteria_id": str,
    "criteria_version": str,
    "criteria_sha256": str,
    "engine_version": str,
}


def _assessment_line(data: Mapping[str, Any], where: str) -> AssessmentRecord:
    for name in CONTENT_FIELDS:
        value = data.get(name)
        if not isinstance(value, _TYPES[name]) or (name == "score" and isinstance(value, bool)):
            raise InputError(f"{where}: field '{name}' is missing or has the wrong type", _REEXPORT)
    try:
        uuid_module.UUID(data["uuid"])
        date.fromisoformat(data["assessed_on"])
        decode_answers(data["answers"])
    except ValueError as exc:
        raise InputError(f"{where}: {exc}", _REEXPORT) from None
    if data["source"] not in SOURCES:
        raise InputError(f"{where}: unknown source {data['source']!r}", _REEXPORT)
    if not all(isinstance(v, str) for v in data["profile"].values()):
        raise InputError(f"{where}: profile values must be text", _REEXPORT)
    if not all(isinstance(v, bool) for v in data["evidence"].values()):
        raise InputError(f"{where}: evidence flags must be true or false", _REEXPORT)
    record = with_digest(AssessmentRecord(**{name: data[name] for name in CONTENT_FIELDS}))
    if data.get("content_sha256") != record.content_sha256:
        raise InputError(
            f"{where}: assessment {data['uuid']} does not match its checksum (content_sha256)",
            _REEXPORT,
        )
    return record


@dataclass(frozen=True)
class Conflict:
    """Same UUID, different content: the stored copy is kept and this is reported."""

    uuid: str
    where: str  # file:line of the incoming copy
    business: str
    fields: tuple[str, ...]  # which parts differ


@dataclass
class ImportSummary:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def import_exchanges(store: Store, exchanges: Iterable[Exchange]) -> ImportSummary:
    """Merge validated exchange files in one transaction (all or nothing)."""
    summary = ImportSummary()
    with store.write() as conn:
        for exchange in exchanges:
            for item in exchange.criteria.values():
                save_criteria(conn, item.sha256, item.id, item.version, item.text)
            for number, record in exchange.records:
                where = f"{exchange.source}:{number}"
                if not has_criteria(conn, record.criteria_sha256):
                    raise InputError(
                        f"{where}: the criteria {record.criteria_sha256[:12]} of assessment "
                        f"{record.uuid[:8]} are not in the file",
                        _REEXPORT,
                    )
                digest = existing_digest(conn, record.uuid)
                if digest is None:
                    insert_record(conn, record)
                    summary.added.append(record.uuid)
                elif digest == record.content_sha256:
                    summary.unchanged.append(record.uuid)
                else:
                    summary.conflicts.append(_conflict(conn, record, where))
    return summary


def _conflict(conn: Any, record: AssessmentRecord, where: str) -> Conflict:
    mine = stored_record(conn, record.uuid)
    theirs = record.content()
    ours = mine.content() if mine is not None else {}
    differing = tuple(name for name in CONTENT_FIELDS if ours.get(name) != theirs.get(name))
    name = mine.business_name if mine is not None else record.business_name
    return Conflict(record.uuid, where, name, differing)
