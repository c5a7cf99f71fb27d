"""`ekspor assess`: the interview a field officer runs with a business owner.

Why this module is only wiring: the interview logic is the pure state machine in
:mod:`ekspor_cli.interview`, the prompt loop is :mod:`.assess_session`, saving is
:mod:`.assess_persist`, drafts are :mod:`ekspor_cli.drafts` + :mod:`.draft_store`.  Here:
options, a new or resumed draft (and what changed in the criteria since), and what Ctrl-C
and the end of input say.
Heavy modules are imported inside the command so `ekspor --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .history_options import DbPath
from .options import (
    CriteriaPath,
    DecimalConvention,
    DecimalOption,
    Lang,
    LangOption,
    ReportOutput,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..criteria import Criteria
    from ..drafts import Draft
    from ..i18n import Lang as LangCode
    from ..interview import Interview
    from .assess_persist import Autosave
    from .draft_store import DraftStore
    from .line_input import LineInput


def assess_command(
    draft_ref: Annotated[
        str | None,
        typer.Argument(
            metavar="DRAFT",
            help="With --resume: the draft to continue (its id, or the first characters).",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", "-r", help="Continue an unfinished interview (lists them if no DRAFT)."
        ),
    ] = False,
    criteria_path: CriteriaPath = None,
    lang: Lang = LangOption.id,
    decimal: DecimalConvention = DecimalOption.auto,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Folder for drafts and results (default: the user data folder).",
            envvar="EKSPOR_DATA_DIR",
            file_okay=False,
        ),
    ] = None,
    output: ReportOutput = None,
    db: DbPath = None,
) -> None:
    """Interview a business (profile, then the criteria's questions) and show its report.

    Every answer is saved to a draft at once; after Ctrl-C continue with
    `ekspor assess --resume`.  Answers can also be piped in, one line per prompt.
    """
    from datetime import date

    from ..answers import AnswerReader
    from ..errors import ExitCode, InputError
    from ..interview import Interview
    from ..paths import data_dir as default_data_dir
    from .assess_persist import Autosave, finish
    from .assess_session import Session
    from .console import out_console
    from .draft_store import DraftStore, last_officer
    from .line_input import InputEnded, LineInput
    from .outputs import check_report_path
    from .ui_text import t

    code: LangCode = lang.value
    if output is not None:
        check_report_path(output)  # before the interview, not after it
    store = DraftStore(default_data_dir(data_dir))
    store.check_writable()
    console = out_console()
    line = LineInput(console)
    resume_hint = _resume_command(data_dir)
    autosave: Autosave | None = None
    try:
        drafts, broken = store.all()  # read once: the draft to resume, and the last officer
        if resume or draft_ref:
            picked = _pick_draft(store, drafts, broken, draft_ref, console, line, code)
            criteria, interview, draft = _resume(picked, criteria_path, console, code)
            autosave = Autosave(store, criteria, interview, code, draft, None, console)
            if draft is not picked or draft.criteria.sha256 != criteria.sha256:
                autosave.save()  # record what changed: criteria, dropped answers (kept aside)
        else:
            criteria, path = _load_new(criteria_path)
            interview = Interview(criteria)
            autosave = Autosave(store, criteria, interview, code, None, path, console)
            _welcome(console, criteria, store, drafts, code, resume_hint)
        officer = last_officer(drafts)
        session = Session(
            console,
            line,
            interview,
            AnswerReader(criteria, decimal.value),
            code,
            autosave.save,
            date.today(),
            {"officer": officer},
        )
        outcome = session.run()
    except KeyboardInterrupt:
        _stopped(console, autosave, code, resume_hint)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except InputEnded:
        if line.interactive:  # Ctrl-D / Ctrl-Z in a terminal: the officer stopped
            _stopped(console, autosave, code, resume_hint)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        if autosave and autosave.failing:
            raise InputError(t("not_saved", code, error=autosave.failing)) from None
        saved = autosave.saved if autosave else None
        if line.lines_read == 0 and saved is None:
            raise InputError(t("no_input", code), t("no_input_hint", code)) from None
        if saved is None:
            raise InputError(t("input_ended_nothing", code)) from None
        raise InputError(
            t("input_ended", code, answers=saved.answered, id=saved.id[:8]),
            t("input_ended_hint", code, command=f"{resume_hint} {saved.id[:8]}"),
        ) from None
    if outcome == "quit":
        _stopped(console, autosave, code, resume_hint, quit_=True)
        return
    finish(console, store, autosave, code, output, history=(db, data_dir))


def _resume_command(data_dir: Path | None) -> str:
    command = "ekspor assess --resume"
    if data_dir is not None:
        folder = str(data_dir)
        command += f' --data-dir "{folder}"' if " " in folder else f" --data-dir {folder}"
    return command


def _load_new(criteria_path: Path | None) -> tuple[Criteria, str | None]:
    from ..loading import load_criteria

    criteria = load_criteria(criteria_path)
    return criteria, str(criteria_path.resolve()) if criteria_path is not None else None


def _welcome(
    console: Console,
    criteria: Criteria,
    store: DraftStore,
    drafts: list[Draft],
    lang: LangCode,
    resume: str,
) -> None:
    from rich.text import Text

    from .ui_text import t

    title = f"{criteria.title(lang)} (v{criteria.version})"
    console.print(Text(t("welcome", lang, title=title), style="bold"))
    console.print(Text(t("commands", lang), style="dim"))
    console.print(Text(t("autosave", lang, path=store.drafts_dir), style="dim"))
    unfinished = [d for d in drafts if d.status != "finished"]
    if unfinished:
        console.print(
            Text(t("open_drafts", lang, n=len(unfinished), command=resume), style="yellow")
        )


def _pick_draft(
    store: DraftStore,
    drafts: list[Draft],
    broken: list[Path],
    ref: str | None,
    console: Console,
    line: LineInput,
    lang: LangCode,
) -> Draft:
    """The draft to resume, from ``drafts`` (:meth:`.DraftStore.all`, read once)."""
    from rich.text import Text

    from ..errors import InputError
    from .assess_persist import now_iso
    from .draft_store import find_draft
    from .ui_text import ago, t

    if ref:
        draft = find_draft(drafts, ref, store.drafts_dir)
        if draft.status == "finished":
            raise InputError(
                f"draft {draft.id[:8]} is already finished; its result is in {draft.result_path}",
                "start a new interview with: ekspor assess",
            )
        return draft
    drafts = [d for d in drafts if d.status != "finished"]
    if broken:
        files = ", ".join(p.name for p in broken)
        console.print(Text(t("bad_drafts", lang, n=len(broken), files=files), style="yellow"))
    if not drafts:
        raise InputError(t("no_drafts", lang, path=store.drafts_dir), t("no_drafts_hint", lang))
    if len(drafts) == 1:
        return drafts[0]
    console.print(Text(t("drafts_title", lang), style="bold"))
    now = now_iso()
    for n, draft in enumerate(drafts, start=1):
        name = draft.business_name or t("unnamed", lang)
        when = ago(draft.updated, now, lang)
        console.print(
            Text(
                t(
                    "draft_line",
                    lang,
                    n=n,
                    name=name,
                    answered=draft.answered,
                    when=when,
                    id=draft.id[:8],
                )
            )  # fmt: skip
        )
    while True:
        raw = line.ask(t("pick_draft", lang)).strip()
        if not raw:
            return drafts[0]
        if raw.isdigit() and 1 <= int(raw) <= len(drafts):
            return drafts[int(raw) - 1]
        console.print(Text(t("pick_invalid", lang, n=len(drafts)), style="red"))


def _resume(
    draft: Draft, criteria_path: Path | None, console: Console, lang: LangCode
) -> tuple[Criteria, Interview, Draft]:
    """Load the draft's criteria, keep what still applies and say what changed."""
    from dataclasses import replace

    from rich.text import Text

    from ..drafts import reconcile
    from ..errors import InputError
    from ..interview import Interview
    from ..loading import load_criteria
    from .ui_text import t

    if criteria_path is None and draft.criteria.path is not None:
        if not Path(draft.criteria.path).is_file():
            raise InputError(
                f"draft {draft.id[:8]} was started with the criteria file "
                f"{draft.criteria.path}, which is no longer there",
                "give its new location with --criteria PATH",
            )
        criteria_path = Path(draft.criteria.path)
    elif criteria_path is not None:  # given now: later resumes use it too
        stamp = replace(draft.criteria, path=str(criteria_path.resolve()))
        draft = replace(draft, criteria=stamp)
    criteria = load_criteria(criteria_path)
    if criteria.id != draft.criteria.id:
        raise InputError(
            f"draft {draft.id[:8]} was started with criteria '{draft.criteria.id}', "
            f"not '{criteria.id}'",
            f"continue it with the '{draft.criteria.id}' criteria file (--criteria PATH)",
        )
    rec = reconcile(draft, criteria)
    name = draft.business_name or t("unnamed", lang)
    console.print(Text(t("resuming", lang, id=draft.id[:8], name=name), style="bold"))
    if rec.criteria_changed:
        old, new = draft.criteria.version, criteria.version
        console.print(Text(t("criteria_changed", lang, old=old, new=new), style="yellow"))
    if rec.reask:
        console.print(Text(t("criteria_reask", lang, keys=", ".join(rec.reask)), style="yellow"))
    if rec.removed:
        keys = ", ".join(rec.removed)
        console.print(Text(t("criteria_removed", lang, keys=keys), style="yellow"))
    if rec.new:
        console.print(Text(t("criteria_new", lang, keys=", ".join(rec.new)), style="yellow"))
    if rec.criteria_changed and not rec.anything_dropped:
        console.print(Text(t("criteria_same_answers", lang), style="yellow"))
    if rec.dropped:
        draft = replace(draft, superseded={**draft.superseded, **rec.dropped})
    return criteria, Interview(criteria, rec.state), draft


def _stopped(
    console: Console,
    autosave: Autosave | None,
    lang: LangCode,
    resume: str,
    *,
    quit_: bool = False,
) -> None:
    from rich.text import Text

    from .ui_text import t

    console.print()
    if autosave and autosave.failing:  # never say "saved" for answers that are not on disk
        console.print(Text(t("not_saved", lang, error=autosave.failing), style="red"))
        return
    draft = autosave.saved if autosave else None
    if draft is None:
        console.print(Text(t("interrupted_empty", lang), style="yellow"))
        return
    command = f"{resume} {draft.id[:8]}"
    key = "saved_quit" if quit_ else "interrupted"
    message = t(key, lang, answers=draft.answered, id=draft.id[:8], command=command)
    console.print(Text(message, style="yellow"), soft_wrap=True)
