"""Navigation commands an officer types at an interview prompt instead of an answer.

Pure text in, :class:`Command` out, in either language and any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .parsing import fold


@dataclass(frozen=True)
class Command:
    """A navigation command typed instead of an answer."""

    name: Literal["back", "help", "skip", "review", "jump", "quit", "finish"]
    arg: str = ""


_COMMAND_WORDS: dict[str, Literal["back", "help", "skip", "review", "quit", "finish"]] = {
    "<": "back",
    "kembali": "back",
    "back": "back",
    "?": "help",
    "bantuan": "help",
    "help": "help",
    "lewati": "skip",
    "skip": "skip",
    "ringkasan": "review",
    "review": "review",
    "simpan": "quit",
    "keluar": "quit",
    "save": "quit",
    "quit": "quit",
    "selesai": "finish",
    "finish": "finish",
}
_JUMP_RE = re.compile(r"(?:lompat|goto|jump)\s*(\S*)")


def parse_command(text: str) -> Command | None:
    """The command in ``text`` (any language, any case), or ``None`` for an answer.

    >>> parse_command(" Lompat 7 ")
    Command(name='jump', arg='7')
    >>> parse_command("ya") is None
    True
    """
    key = fold(text)
    name = _COMMAND_WORDS.get(key)
    if name is not None:
        return Command(name)
    m = _JUMP_RE.fullmatch(key)
    if m:
        return Command("jump", m.group(1))
    return None
