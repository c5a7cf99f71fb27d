"""The interview loop: show a step, read a line, apply it to the state machine, save.

Why a thin loop: every decision (what is next, what is visible, what back/jump do) lives
in :class:`~ekspor_cli.interview.Interview`; this module only turns typed lines into
commands or answers, re-asks with the reason when an answer cannot be read, confirms
ambiguous numbers, asks about evidence, and calls ``save`` after *every* change -- before
the next prompt is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Literal

from rich.console import Console
from rich.text import Text

from ..answers import AnswerReader, problem_text
from ..errors import AnswerError
from ..i18n import Lang
from ..interview import Interview, Step
from ..parsing import BLANK, ParseFailure, classify_blank, parse_number, parse_yes_no
from ..phrases import ui
from ..profile_fields import read_profile
from ..prompt_commands import parse_command
from ..scoring import score_values
from .assess_screens import help_block, profile_block, question_block, review_block, section_rule
from .line_input import LineInput
from .ui_text import number_text, number_words, show_value, t

Outcome = Literal["finish", "quit"]


class Session:
    """Runs one interview until the officer finishes it at the review or saves and quits."""

    def __init__(
        self,
        console: Console,
        line: LineInput,
        interview: Interview,
        reader: AnswerReader,
        lang: Lang,
        save: Callable[[], None],
        today: date,
        profile_defaults: Mapping[str, str] | None = None,
    ) -> None:
        self.console = console
        self.line = line
        self.iv = interview
        self.reader = reader
        self.lang = lang
        self.save = save
        self.today = today
        self.profile_defaults = dict(profile_defaults or {})
        self._shown_section: object = None

    def run(self) -> Outcome:
        while True:
            step = self.iv.current
            if step is None:
                outcome = self._review(at_end=True)
            elif step.kind == "profile":
                outcome = self._ask_profile(step)
            else:
                outcome = self._ask_question(step)
            if outcome is not None:
                return outcome

    # -- output helpers --------------------------------------------------------------

    def _say(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style=style), highlight=False)

    def _problem(self, text: str) -> None:
        self._say(text, "red")

    def _section(self, step: Step) -> None:
        """A header when the section changes; otherwise a blank line between questions."""
        progress = self.iv.progress(step)
        section = progress.dimension.key if progress.dimension else "profile"
        self.console.print()
        if section != self._shown_section:
            self.console.print(section_rule(progress, self.lang))
            self._shown_section = section

    # -- commands shared by every prompt -----------------------------------------------

    def _navigate(self, raw: str, step: Step) -> Outcome | bool | None:
        """Handle a command: an outcome to return, True if the step changed, False to
        re-ask the same step, None if ``raw`` is not a command."""
        cmd = parse_command(raw)
        if cmd is None:
            return None
        if cmd.name == "back":
            if not self.iv.back():
                self._say(t("at_first", self.lang), "yellow")
                return False
            return True
        if cmd.name == "help":
            info = self.iv.info(step) if step.kind == "question" else None
            self.console.print(help_block(info, self.lang))
            return False
        if cmd.name == "skip":
            if self.iv.is_required(step):
                self._problem(t("cannot_skip", self.lang))
                return False
            self.iv.skip()
            self.save()
            return True
        if cmd.name == "review" or (cmd.name == "jump" and not cmd.arg):
            outcome = self._review(at_end=False)
            return outcome if outcome is not None else True
        if cmd.name == "jump" and cmd.arg:
            return self._jump(cmd.arg)
        if cmd.name == "quit":
            return "quit"
        self._say(t("not_here", self.lang), "yellow")
        return False

    def _typed_answer(
        self, step: Step, pending: str | None = None
    ) -> tuple[str | None, Outcome | None]:
        """Read lines (``pending`` first) until one is not a command: ``(line, None)``.
        When a command ends the step instead: ``(None, outcome)``, ``outcome`` None if the
        step merely changed."""
        while True:
            raw = pending if pending is not None else self.line.ask(t("prompt", self.lang))
            pending = None
            nav = self._navigate(raw, step)
            if nav is None:
                return raw, None
            if nav is not False:
                return None, (None if nav is True else nav)

    def _jump(self, ref: str) -> bool:
        target = self.iv.find(ref) if ref else None
        if target is None:
            self._problem(t("jump_unknown", self.lang, ref=ref))
            return False
        self.iv.jump(target)
        self._shown_section = None
        return True

    # -- profile ---------------------------------------------------------------------

    def _ask_profile(self, step: Step) -> Outcome | None:
        self._section(step)
        current = self.iv.profile.get(step.key) or None
        suggested = current or self.profile_defaults.get(step.key) or None
        progress = self.iv.progress(step)
        self.console.print(profile_block(step, progress, self.lang, current, suggested))
        while True:
            raw, outcome = self._typed_answer(step)
            if raw is None:
                return outcome
            text = raw if raw.strip() or not suggested else suggested
            try:
                value = read_profile(step.key, text, self.today)
            except AnswerError as err:
                self._problem(problem_text(err, self.lang))
                continue
            self.iv.set_profile(step.key, value)
            self.save()
            return None

    # -- questions -------------------------------------------------------------------

    def _ask_question(self, step: Step) -> Outcome | None:
        self._section(step)
        info = self.iv.info(step)
        current = self.iv.values.get(step.key)
        default = current if current is not None else self._criteria_default(step)
        self.console.print(question_block(self.iv, step, self.lang, current, default))
        pending: str | None = None
        while True:
            raw, outcome = self._typed_answer(step, pending)
            pending = None
            if raw is None:
                return outcome
            if not raw.strip() or classify_blank(raw) is BLANK:
                if default is None:
                    skip = "" if info.question.required else t("need_answer_skip", self.lang)
                    self._problem(t("need_answer", self.lang, skip=skip))
                    continue
                value: object = default
            else:
                try:
                    reading = self.reader.read_detail(step.key, raw)
                except AnswerError as err:
                    self._problem(problem_text(err, self.lang))
                    continue
                value = reading.value
                if reading.note:
                    confirmed = self._confirm_number(step, raw, value)
                    if isinstance(confirmed, str):
                        pending = confirmed  # the officer typed a new answer instead
                        continue
                    if confirmed is None:
                        continue
                    value = confirmed
            evidence = None
            if self.iv.needs_evidence(step, value):
                evidence = self._ask_evidence(self.iv.evidence.get(step.key, False))
            before = dict(self.iv.walk.env)
            self.iv.answer(value, evidence)
            self.save()
            self._show_computed(before)
            return None

    def _criteria_default(self, step: Step) -> object:
        raw = getattr(self.iv.info(step).question, "default", None)
        if raw is None:
            return None
        try:
            return self.reader.read(step.key, raw)
        except AnswerError:
            return None  # an unusable default is simply not offered

    def _confirm_number(self, step: Step, raw: str, value: object) -> object:
        """Ask "1500?" for an ambiguous number: the value, its alternative, None to re-ask,
        or a ``str`` when the officer typed a fresh answer instead."""
        assert isinstance(value, float)
        try:
            alternative = parse_number(raw, self.reader.decimal).alternative
        except ParseFailure:
            alternative = None
        if alternative is None:
            return value
        words = number_words(value, self.lang)
        prompt = t(
            "confirm_number", self.lang, raw=raw.strip(),
            value=number_text(value, self.lang, group=False),
            words=f" ({words})" if words else "",
            alt=number_text(alternative, self.lang, group=False),
        )  # fmt: skip
        answer = self.line.ask(Text(prompt, style="yellow"))
        if not answer.strip():
            return value
        try:
            yes = parse_yes_no(answer)
        except ParseFailure:
            return answer
        if yes:
            return value
        try:
            return self.reader.read(step.key, alternative)
        except AnswerError as err:
            self._problem(problem_text(err, self.lang))
            return None

    def _ask_evidence(self, default: bool) -> bool:
        shown = ui("yes" if default else "no", self.lang)
        while True:
            answer = self.line.ask(t("evidence", self.lang, default=shown))
            if not answer.strip():
                return default
            try:
                return parse_yes_no(answer)
            except ParseFailure:
                self._problem(t("yes_no", self.lang))

    def _show_computed(self, before: Mapping[str, object]) -> None:
        env = self.iv.walk.env
        for info in self.iv.criteria.questions:
            if info.type != "derived" or info.key not in self.iv.walk.visible:
                continue
            value = env.get(info.key)
            if value is not None and value != before.get(info.key):
                shown = show_value(info, value, self.lang)
                label = info.question.label.get(self.lang)
                self._say(t("computed", self.lang, label=label, value=shown), "cyan")

    # -- review ----------------------------------------------------------------------

    def provisional(self) -> tuple[float, str]:
        result = score_values(self.iv.criteria, self.iv.scoring_values())
        return result.score, result.level.label.get(self.lang)

    def _review(self, *, at_end: bool) -> Outcome | None:
        """Show every answer; a number jumps to it.  ``None`` means continue the loop."""
        self._shown_section = None
        self.console.print()
        self.console.print(review_block(self.iv, self.lang, self.provisional()))
        key = "review_prompt_end" if at_end else "review_prompt_mid"
        while True:
            raw = self.line.ask(Text(t(key, self.lang), style="bold"))
            cmd = parse_command(raw)
            if not raw.strip() or (cmd is not None and cmd.name == "finish"):
                return "finish" if at_end else None
            if cmd is not None and cmd.name == "quit":
                return "quit"
            if cmd is not None and cmd.name in ("back", "review"):
                if at_end:
                    self.iv.back()
                return None
            if cmd is not None and cmd.name == "help":
                self.console.print(help_block(None, self.lang))
                continue
            ref = cmd.arg if cmd is not None and cmd.name == "jump" else raw.strip()
            if self._jump(ref):
                return None
