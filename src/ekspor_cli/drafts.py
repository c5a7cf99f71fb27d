"""Interview drafts as JSON data, and which answers survive a change of the criteria.

Why a module of its own: "never lose an answer" means the draft format is a promise --
files written today must load next year, after the criteria file has been edited.  This
module is pure (dicts in, dicts out; the CLI's ``draft_store`` does the disk), so the format
and the reconciliation rules are tested without files.

Answers are stored as their canonical values in JSON form: yes/no ``true``/``false``,
choice keys, multiple choice as a list, numbers, text, and "don't know" as the text
``"tidak tahu"`` -- the convention of ``Result.to_dict`` and the history store.  It is
unambiguous: that text always *reads* as "don't know", so no stored text answer equals it.
Next to each answer
the draft keeps the *answer space* it was given in (type, choice keys, scale range, unit):
when the criteria change, an answer is asked again only if its question disappeared, its
answer space changed, or the old value no longer reads as a valid answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .answer_codec import decode_value, encode_value
from .answers import AnswerReader
from .criteria import Criteria
from .errors import AnswerError, InputError
from .i18n import LANGS, Lang
from .interview import Interview, State, Step
from .model import (
    AnyQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from .profile_fields import PROFILE_FIELDS

DRAFT_FORMAT = "ekspor-draft"
RESULT_FORMAT = "ekspor-assessment"
FORMAT_VERSION = 1

Status = Literal["in_progress", "finished"]


class DraftError(InputError):
    """A draft file that cannot be used (damaged, or from a newer ekspor)."""


@dataclass(frozen=True)
class CriteriaStamp:
    """Which criteria a draft was answered against; ``path`` is None for the bundled file."""

    id: str
    version: str
    sha256: str
    path: str | None = None
    keys: tuple[str, ...] = ()  # the questions it had, to tell which ones are new later

    @classmethod
    def of(cls, criteria: Criteria, path: str | None) -> CriteriaStamp:
        keys = tuple(info.key for info in criteria.questions)
        return cls(criteria.id, criteria.version, criteria.sha256, path, keys)


@dataclass(frozen=True)
class Draft:
    """One interview in progress (or finished), as stored in ``drafts/<id>.json``."""

    id: str
    created: str  # ISO 8601 with offset, e.g. 2026-11-29T10:15:00+07:00
    updated: str
    criteria: CriteriaStamp
    state: State
    spaces: Mapping[str, str] = field(default_factory=dict)  # key -> answer_space(question)
    lang: Lang = "id"
    status: Status = "in_progress"
    result_path: str | None = None
    # Answers dropped when the criteria changed, kept for the record: never lose an answer.
    superseded: Mapping[str, object] = field(default_factory=dict)

    @property
    def business_name(self) -> str:
        return self.state.profile.get("business_name", "")

    @property
    def answered(self) -> int:
        return sum(1 for v in self.state.values.values() if v is not None)


def new_draft(draft_id: str, criteria: Criteria, path: str | None, now: str, lang: Lang) -> Draft:
    """An empty draft for a new interview."""
    return Draft(draft_id, now, now, CriteriaStamp.of(criteria, path), State(), lang=lang)


def with_state(draft: Draft, state: State, criteria: Criteria, now: str) -> Draft:
    """``draft`` after the interview moved on: new state, answer spaces, timestamp."""
    spaces = {
        key: answer_space(criteria.by_key[key].question)
        for key in state.values
        if key in criteria.by_key
    }
    stamp = CriteriaStamp.of(criteria, draft.criteria.path)
    return replace(draft, state=state, spaces=spaces, updated=now, criteria=stamp)


def answer_space(question: AnyQuestion) -> str:
    """What an answer to ``question`` *means*: changes here make an old answer stale.

    Labels, help, weights and points may change freely (they do not change what the
    business answered); the type, the choice keys, a scale's range and a number's unit do.
    """
    if isinstance(question, SingleChoiceQuestion | MultipleChoiceQuestion):
        return f"{question.type}:{','.join(c.key for c in question.choices)}"
    if isinstance(question, ScaleQuestion):
        return f"scale:{question.min}-{question.max}"
    if isinstance(question, NumberQuestion):
        return f"number:{question.unit.id if question.unit else ''}"
    return question.type


# --- JSON -------------------------------------------------------------------------------


def draft_to_json(draft: Draft) -> dict[str, Any]:
    """The draft as JSON data (see module docstring for the value forms)."""
    state = draft.state
    return {
        "format": DRAFT_FORMAT,
        "format_version": FORMAT_VERSION,
        "id": draft.id,
        "status": draft.status,
        "created": draft.created,
        "updated": draft.updated,
        "lang": draft.lang,
        "criteria": {
            "id": draft.criteria.id,
            "version": draft.criteria.version,
            "sha256": draft.criteria.sha256,
            "path": draft.criteria.path,
            "questions": list(draft.criteria.keys),
        },
        "position": state.cursor,
        "mode": state.mode,
        "profile": dict(state.profile),
        "answers": {k: encode_value(v) for k, v in state.values.items()},
        "answer_spaces": dict(draft.spaces),
        "evidence": dict(state.evidence),
        "skipped": sorted(state.skipped),
        "result_path": draft.result_path,
        "superseded_answers": {k: encode_value(v) for k, v in draft.superseded.items()},
    }


def draft_from_json(data: Any, source: str) -> Draft:
    """Read a draft; raise :class:`DraftError` naming ``source`` if it is not usable."""

    def bad(what: str) -> DraftError:
        return DraftError(
            f"{source}: not a usable ekspor draft ({what})",
            "the file may be damaged; the other drafts are not affected",
        )

    if not isinstance(data, dict) or data.get("format") != DRAFT_FORMAT:
        raise bad("unknown format")
    if data.get("format_version") != FORMAT_VERSION:
        raise DraftError(
            f"{source}: written by a newer ekspor (draft format {data.get('format_version')})",
            "update ekspor to continue this interview",
        )
    try:
        crit = data["criteria"]
        stamp = CriteriaStamp(
            str(crit["id"]),
            str(crit["version"]),
            str(crit["sha256"]),
            None if crit.get("path") is None else str(crit["path"]),
            tuple(str(k) for k in crit.get("questions") or ()),
        )
        profile = {str(k): str(v) for k, v in dict(data["profile"]).items() if k in PROFILE_FIELDS}
        values = {str(k): decode_value(v) for k, v in dict(data["answers"]).items()}
        evidence = {str(k): bool(v) for k, v in dict(data.get("evidence") or {}).items()}
        skipped = frozenset(str(k) for k in data.get("skipped") or [])
        position = data.get("position")
        mode = data.get("mode", "sequential")
        state = State(
            profile=profile,
            values=values,
            evidence=evidence,
            skipped=skipped,
            cursor=str(position) if position is not None else None,
            mode="fill" if mode == "fill" else "sequential",
        )
        lang = data.get("lang", "id")
        status = data.get("status", "in_progress")
        return Draft(
            id=str(data["id"]),
            created=str(data["created"]),
            updated=str(data["updated"]),
            criteria=stamp,
            state=state,
            spaces={str(k): str(v) for k, v in dict(data.get("answer_spaces") or {}).items()},
            lang=lang if lang in LANGS else "id",
            status="finished" if status == "finished" else "in_progress",
            result_path=data.get("result_path"),
            superseded={
                str(k): decode_value(v)
                for k, v in dict(data.get("superseded_answers") or {}).items()
            },
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise bad(f"{type(exc).__name__}: {exc}") from None


# --- criteria changed since the draft was started ---------------------------------------


@dataclass(frozen=True)
class Reconciliation:
    """What a draft keeps when resumed against ``criteria`` (possibly changed)."""

    state: State
    criteria_changed: bool  # the sha256 differs from the one the draft was started with
    removed: tuple[str, ...]  # answered questions that no longer exist (answers dropped)
    reask: tuple[str, ...]  # answers dropped because their question changed
    new: tuple[str, ...]  # questions the draft has never seen
    dropped: Mapping[str, object] = field(default_factory=dict)  # the removed + reask values

    @property
    def anything_dropped(self) -> bool:
        return bool(self.removed or self.reask)


def reconcile(draft: Draft, criteria: Criteria) -> Reconciliation:
    """Keep every answer that still means the same; list the rest to ask again.

    Always run on resume (cheap), not only when the sha256 changed, so a hand-edited or
    damaged answer is re-asked instead of crashing the interview later.
    """
    reader = AnswerReader(criteria)
    state = draft.state
    values: dict[str, object] = {}
    removed: list[str] = []
    reask: list[str] = []
    for key, value in state.values.items():
        info = criteria.by_key.get(key)
        if info is None or info.type == "derived":
            removed.append(key)
            continue
        stored_space = draft.spaces.get(key)
        if stored_space is not None and stored_space != answer_space(info.question):
            reask.append(key)
            continue
        canonical = _still_valid(reader, key, value)
        if canonical is _INVALID:
            reask.append(key)
        else:
            values[key] = canonical
    evidence = {
        k: v
        for k, v in state.evidence.items()
        if k in values and criteria.by_key[k].question.evidence
    }
    skipped = frozenset(
        k
        for k in state.skipped
        if k in criteria.by_key and not criteria.by_key[k].question.required
    )
    before = set(draft.criteria.keys)
    new = tuple(
        info.key
        for info in criteria.questions
        if before and info.type != "derived" and info.key not in before
    )
    changed = draft.criteria.sha256 != criteria.sha256
    cursor = state.cursor
    step = Step.from_code(cursor) if cursor else None
    gone = step is not None and step.kind == "question" and step.key not in criteria.by_key
    if gone or removed or reask:
        cursor = None  # ask what is open first, in order, then carry on

    kept = State(state.profile, values, evidence, skipped, cursor, state.mode)
    dropped = {k: state.values[k] for k in (*removed, *reask)}
    return Reconciliation(
        kept, changed, tuple(removed), tuple(reask), new if changed else (), dropped
    )


_INVALID = object()


def _still_valid(reader: AnswerReader, key: str, value: object) -> object:
    try:
        canonical = reader.read(key, value)
    except AnswerError:
        return _INVALID
    if canonical is None or canonical != value:
        return _INVALID
    return canonical


# --- the completed assessment -----------------------------------------------------------


def completed_extras(
    draft: Draft, interview: Interview, lang: Lang, finished: str
) -> dict[str, Any]:
    """What a finished interview adds to the JSON report (``render.json``'s ``extra``).

    The saved result and ``--output x.json`` are the report JSON -- a superset of
    ``ekspor score --json`` -- plus these keys: when and against which criteria file the
    interview ran, and the answers and document evidence that *count* (never an answer to
    a question that skip logic hid).
    """
    return {
        "format": RESULT_FORMAT,
        "format_version": FORMAT_VERSION,
        "assessment": {
            "id": draft.id,
            "started": draft.created,
            "finished": finished,
            "lang": lang,
            "criteria_path": draft.criteria.path,
        },
        "answers": {k: encode_value(v) for k, v in interview.scoring_values().items()},
        "documents_seen": interview.scoring_evidence(),
    }
