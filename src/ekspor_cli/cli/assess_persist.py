"""Saving an interview: the draft after every answer, and the result at the end.

Why apart from the command: this is the "never lose an answer" part -- the draft file
appears with the first answer and is rewritten atomically after every change, and a
finished interview is scored, persisted (:func:`.draft_store.persist_completed`), written
to ``--output`` and shown, in that order, so a failure to write a file never hides the
result from the officer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ..criteria import Criteria
    from ..drafts import Draft
    from ..i18n import Lang as LangCode
    from ..interview import Interview
    from ..result import Result
    from .draft_store import DraftStore


class Autosave:
    """Saves the interview after every change; the draft file appears with the first answer."""

    def __init__(
        self,
        store: DraftStore,
        criteria: Criteria,
        interview: Interview,
        lang: LangCode,
        draft: Draft | None,
        criteria_path: str | None,
        console: Console,
    ) -> None:
        self.store = store
        self.criteria = criteria
        self.interview = interview
        self.lang: LangCode = lang
        self.draft = draft
        self.saved = draft  # the draft as it is on disk (None: nothing written yet)
        self.criteria_path = criteria_path
        self.console = console
        self._warned = ""  # the last save's error ("" when it was written)

    @property
    def failing(self) -> str:
        """Why the latest answers are not on disk ("" when they are)."""
        return self._warned

    def save(self) -> None:
        from dataclasses import replace
        from uuid import uuid4

        from rich.text import Text

        from ..drafts import new_draft, with_state
        from ..errors import OutputError
        from .ui_text import t

        now = now_iso()
        if self.draft is None:
            self.draft = new_draft(uuid4().hex, self.criteria, self.criteria_path, now, self.lang)
        self.draft = replace(
            with_state(self.draft, self.interview.state, self.criteria, now), lang=self.lang
        )
        try:
            self.store.save(self.draft)
        except OutputError as err:
            if err.message != self._warned:  # say it once, not after every answer
                self._warned = err.message
                self.console.print(Text(t("save_failed", self.lang, error=err.message), "red"))
        else:
            self._warned = ""
            self.saved = self.draft


def now_iso() -> str:
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="seconds")


def finish(
    console: Console,
    store: DraftStore,
    autosave: Autosave,
    lang: LangCode,
    output: Path | None,
    history: tuple[Path | None, Path | None] = (None, None),
) -> None:
    """Score, persist the completed assessment (result file and history database), write
    ``--output``, print the report.  ``history`` is ``(--db, --data-dir)``."""
    from dataclasses import replace

    from ..drafts import completed_extras
    from ..errors import EksporError, OutputError, StoreError
    from ..profile_fields import PROFILE_FIELDS
    from ..render.json import render_json
    from ..report import build_report
    from ..scoring import score_values
    from .draft_store import persist_completed
    from .outputs import write_report
    from .render_terminal import render_report
    from .ui_text import t

    interview, criteria = autosave.interview, autosave.criteria
    if autosave.draft is None:  # cannot happen: the business name is required and saved
        autosave.save()
    assert autosave.draft is not None
    values = interview.scoring_values()
    result = score_values(criteria, values)
    stored = {k: interview.profile[k] for k in PROFILE_FIELDS if interview.profile.get(k)}
    profile = _report_profile(stored, lang)  # as people read it; the JSON keeps ISO dates
    evidence = interview.scoring_evidence()
    report = build_report(result, criteria, lang, profile, values=values, evidence=evidence)
    extras = completed_extras(autosave.draft, interview, lang, now_iso())
    document = render_json(result, report, stored, extras)
    saved: list[str] = []
    failure: EksporError | None = None
    try:
        autosave.draft = persist_completed(store, autosave.draft, document)
        saved.append(str(autosave.draft.result_path))
    except OutputError as err:
        failure = err  # reported after the report: the officer sees the result first
    try:
        saved.append(_save_history(history, stored, values, evidence, result, criteria))
    except StoreError as err:
        failure = failure or err
    if output is not None:
        try:
            write_report(output, report, result, stored, extras)  # .json: the same document
            saved.append(str(output))
        except OutputError as err:
            err.message = f"{t('output_failed', lang, path=output)}: {err.message}"
            failure = failure or err
    console.print()
    console.print(render_report(replace(report, saved_to=tuple(saved))))
    if failure is not None:
        raise failure


def _save_history(
    history: tuple[Path | None, Path | None],
    profile: dict[str, str],
    values: dict[str, object],
    evidence: dict[str, bool],
    result: Result,
    criteria: Criteria,
) -> str:
    """Store the completed assessment in the history database; say where, with its ID."""
    from ..store import save_assessment
    from .history_options import open_history

    db, data_dir = history
    with open_history(db, data_dir, write=True) as database:
        assessment_id = save_assessment(
            database,
            profile,
            values,
            evidence,
            result,
            criteria,
            source="assess",
        )
        return f"{database.path} (ID {assessment_id[:8]})"


def _report_profile(profile: dict[str, str], lang: LangCode) -> dict[str, str]:
    """The profile for people: the date as the language writes it (29-11-2026 in id)."""
    shown = dict(profile)
    iso = shown.get("date", "")
    if lang == "id" and len(iso) == 10:
        shown["date"] = f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}"
    return shown
