"""A safe, position-keeping YAML loader for criteria files.

Why: criteria files are written by non-programmers, so loading them must never run code, hang,
crash the interpreter or silently change a value's meaning -- and every problem must point at
a line and column.  PyYAML alone gets several of these wrong (reliability research notes,
section 3): it has no alias-expansion limit, keeps the *last* of two duplicate keys, applies
YAML 1.1 typing (``no`` -> False, ``010`` -> 8, ``1:30`` -> 90), raises ``RecursionError`` on
deep nesting, and its C composer recurses without limit (a segfault at ~30,000 nested ``[``).

This module is pure: it takes text (or bytes, for :func:`decode_source`) and returns plain data
plus the source position of every value and key.  Every failure is a
:class:`~ekspor_cli.errors.CriteriaError`.

Issue codes (stable; documentation and tests refer to them):

* ``Y001`` YAML syntax error (also: more than one document in the file)
* ``Y002`` duplicate mapping key
* ``Y003`` anchor, alias or merge key (``&a``, ``*a``, ``<<``)
* ``Y004`` explicit tag that is not allowed, or a tagged value that does not fit its tag
* ``Y005`` file too large
* ``Y006`` nesting too deep
* ``Y007`` too many values
* ``Y008`` mapping key that is not a plain value (``? [a, b]``)
* ``Y009`` encoding problem (not UTF-8, NUL or other control characters)

Typing of unquoted values follows the YAML 1.2 *core* schema, made stricter so that text
keeps its text: booleans are only ``true``/``false`` (three spellings each), null is ``~``,
``null`` (three spellings) or nothing, integers are plain decimal without leading zeros or
underscores, floats need a ``.`` or an exponent (plus ``.inf``/``.nan``, which validation
rejects elsewhere).  Everything else -- ``yes``, ``no``, ``on``, ``010``, ``1_000``, ``0x1F``,
``1:30``, ``2024-01-05`` -- is a string.  Mapping keys are always strings (their text as
written), so ``1:`` and ``"1":`` are the same key and paths stay ``str`` for keys and ``int``
for list positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    Event,
    MappingEndEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from ekspor_cli.errors import CriteriaError, Issue, Location, clip

__all__ = ["LoadedYaml", "Mark", "Path", "decode_source", "load_yaml", "yaml_path"]

PathKey = str | int
Path = tuple[PathKey, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based position in the source text."""

    line: int
    column: int


_START = Mark(1, 1)


@dataclass(frozen=True)
class LoadedYaml:
    """Plain data plus where each part of it was written.

    Why: validation happens on the plain data, but its error messages must point at the line
    the user has to edit, so the marks travel with the data.
    """

    data: Any
    value_marks: dict[Path, Mark]
    key_marks: dict[Path, Mark]

    def mark_for(self, path: Sequence[PathKey], *, prefer_key: bool = False) -> Mark:
        """Position for ``path``, or for its deepest parent we know (fallback 1:1).

        Why: validators report paths that may not exist in the file (a *missing* field), so the
        nearest enclosing node is the best place to point at.  ``prefer_key`` points at the key
        instead of the value, which reads better for "unknown field" errors.
        """
        parts = tuple(path)
        for end in range(len(parts), -1, -1):
            prefix = parts[:end]
            if prefer_key and prefix in self.key_marks:
                return self.key_marks[prefix]
            if prefix in self.value_marks:
                return self.value_marks[prefix]
        return _START


# --------------------------------------------------------------------------------------------
# Decoding


_UTF8_BOM = b"\xef\xbb\xbf"


def decode_source(data: bytes, source: str) -> str:
    """Decode a criteria file's bytes as UTF-8 (a leading BOM is allowed and dropped).

    Why: Windows editors save in other encodings; failing here with the position of the first
    bad byte beats a confusing parser error (or mojibake) later.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error(
            "Y009",
            Location(source, 1, 1),
            "the file is saved as UTF-16, not UTF-8",
            "save the file as UTF-8 (in Notepad: Save As -> Encoding: UTF-8)",
        )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        raise _error(
            "Y009",
            Location(source, line, column),
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X} cannot be read)",
            "save the file as UTF-8 (in Notepad: Save As -> Encoding: UTF-8)",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line, column = _char_position(text, nul)
        raise _error(
            "Y009",
            Location(source, line, column),
            "the file contains a NUL byte; it is not a plain text file",
            "save the file as UTF-8 text (not .docx/.xlsx, not UTF-16)",
        )
    return text


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset`` in valid-up-to-there UTF-8."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _char_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index``, counting breaks as YAML does."""
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


# --------------------------------------------------------------------------------------------
# Scalar typing: YAML 1.2 core schema, stricter (see module docstring)

_TAG_PREFIX = "tag:yaml.org,2002:"
_STR = _TAG_PREFIX + "str"
_INT = _TAG_PREFIX + "int"
_FLOAT = _TAG_PREFIX + "float"
_BOOL = _TAG_PREFIX + "bool"
_NULL = _TAG_PREFIX + "null"
_SEQ = _TAG_PREFIX + "seq"
_MAP = _TAG_PREFIX + "map"
_SCALAR_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL})
_ALLOWED_TAGS = _SCALAR_TAGS | {_SEQ, _MAP}

_BOOL_RE = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_NULL_RE = re.compile(r"(?:~|null|Null|NULL|)\Z")
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT_RE = re.compile(
    r"""[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+|(?:0|[1-9][0-9]*)(?=[eE]))(?:[eE][-+]?[0-9]+)?\Z
    |[-+]?\.(?:inf|Inf|INF)\Z
    |\.(?:nan|NaN|NAN)\Z""",
    re.VERBOSE,
)


class _CoreResolver(BaseResolver):
    """Resolver with only our implicit rules (an own, emptied copy of the resolver table).

    Why: PyYAML's default resolvers implement YAML 1.1, where ``no`` is False and ``010`` is 8.
    Both the C and the pure-Python loader call the Python ``resolve``, so this covers both.
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}


_CoreResolver.add_implicit_resolver(_BOOL, _BOOL_RE, list("tTfF"))
_CoreResolver.add_implicit_resolver(_NULL, _NULL_RE, ["~", "n", "N", ""])
_CoreResolver.add_implicit_resolver(_INT, _INT_RE, list("-+0123456789"))
_CoreResolver.add_implicit_resolver(_FLOAT, _FLOAT_RE, list("-+.0123456789"))


def _to_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


# --------------------------------------------------------------------------------------------
# Loaders


class _Refused(Exception):
    """Internal: a limit or rule was violated while composing; carries the finished Issue."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


class _YamlMark(Protocol):
    line: int
    column: int


def _mark(yaml_mark: _YamlMark | None) -> Mark:
    if yaml_mark is None:
        return _START
    return Mark(yaml_mark.line + 1, yaml_mark.column + 1)


def _show_tag(tag: str) -> str:
    shown = "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag
    return clip(shown, 60)


class _GuardedComposer(Composer):
    """Composer that refuses anchors, aliases and unknown tags, and bounds depth and size.

    Why: checking each event *before* it becomes a node stops an alias bomb at its first
    ``&``, and counting depth here keeps the (recursive) composer within ``max_depth`` Python
    frames, whichever parser backend produced the events.  It replaces ``Composer``'s node
    building instead of extending it: that also skips path-resolver bookkeeping we never use,
    which roughly halves the time spent here.
    """

    # provided by the parser half of the loader (Parser or CParser)
    get_event: Callable[[], Event]
    check_event: Callable[..., bool]
    resolve: Callable[[type[Node], str, tuple[bool, bool]], str]  # from the resolver half
    source: str
    max_depth: int
    max_nodes: int
    _depth: int
    _node_count: int

    def _setup_guard(self, source: str, max_depth: int, max_nodes: int) -> None:
        self.anchors = {}
        self.source = source
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self._depth = 0
        self._node_count = 0

    def _refuse(self, code: str, event: Event, message: str, hint: str) -> _Refused:
        mark = _mark(event.start_mark)
        return _Refused(
            Issue(Location(self.source, mark.line, mark.column), message, hint=hint, code=code)
        )

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.get_event()
        self._check_event(event)
        start: Any = event.start_mark  # libyaml's Mark or PyYAML's; both have line/column
        if isinstance(event, ScalarEvent):
            tag = event.tag
            if tag is None:
                tag = self.resolve(ScalarNode, event.value, event.implicit)
            end: Any = event.end_mark
            return ScalarNode(tag, event.value, start, end, event.style)
        assert isinstance(event, CollectionStartEvent)  # the parser guarantees it here
        self._depth += 1
        if self._depth > self.max_depth:
            raise self._refuse(
                "Y006",
                event,
                f"nesting is too deep: more than {self.max_depth} levels",
                "flatten the structure; criteria files need only a few levels",
            )
        node: SequenceNode | MappingNode
        if isinstance(event, SequenceStartEvent):
            node = SequenceNode(event.tag or _SEQ, [], start, None, event.flow_style)
            items: list[Node | None] = node.value
            while not self.check_event(SequenceEndEvent):
                items.append(self.compose_node(node, 0))
        else:
            node = MappingNode(event.tag or _MAP, [], start, None, event.flow_style)
            pairs: list[tuple[Node | None, Node | None]] = node.value
            while not self.check_event(MappingEndEvent):
                key = self.compose_node(node, 0)
                pairs.append((key, self.compose_node(node, 0)))
        node.end_mark = self.get_event().end_mark
        self._depth -= 1
        return node

    def _check_event(self, event: Event) -> None:
        """Refuse aliases, anchors, foreign tags and too many nodes, at the event's position."""
        if isinstance(event, AliasEvent):
            raise self._refuse(
                "Y003",
                event,
                f"alias '*{event.anchor}' is not allowed in criteria files",
                "anchors/aliases are not allowed in criteria files; write the value out in full",
            )
        assert isinstance(event, NodeEvent)  # the parser guarantees it here
        if event.anchor is not None:
            raise self._refuse(
                "Y003",
                event,
                f"anchor '&{event.anchor}' is not allowed in criteria files",
                "anchors/aliases are not allowed in criteria files; write the value out in full",
            )
        tag: str | None = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise self._refuse(
                "Y004",
                event,
                f"tag '{_show_tag(tag)}' is not allowed in criteria files",
                "remove the tag (the word starting with '!'); put text in quotes instead",
            )
        self._node_count += 1
        if self._node_count > self.max_nodes:
            raise self._refuse(
                "Y007",
                event,
                f"too many values: the limit is {self.max_nodes:,}",
                "split the criteria into smaller files",
            )


class _PyLoader(_GuardedComposer, _CoreResolver, yaml.SafeLoader):
    """Pure-Python fallback (SafeLoader-derived) for installs without libyaml."""

    def __init__(self, stream: str, source: str, max_depth: int, max_nodes: int) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._setup_guard(source, max_depth, max_nodes)


class _Loader(Protocol):  # what load_yaml needs from either loader class
    def get_single_node(self) -> Node | None: ...
    def dispose(self) -> None: ...


_LOADER: Callable[[str, str, int, int], _Loader] = _PyLoader

if yaml.__with_libyaml__:

    class _CLoader(_GuardedComposer, _CoreResolver, yaml.CSafeLoader):
        """libyaml parser (about 8x faster) with our Python composer on top.

        Why the Python composer: the C one recurses without a limit (a deep file segfaults
        the interpreter) and hides anchors, so neither rule could be enforced there.
        """

        def __init__(self, stream: str, source: str, max_depth: int, max_nodes: int) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            self._setup_guard(source, max_depth, max_nodes)

    _LOADER = _CLoader


# --------------------------------------------------------------------------------------------
# Pre-parse checks


def _error(code: str, location: Location, message: str, hint: str) -> CriteriaError:
    return CriteriaError([Issue(location, message, hint=hint, code=code)])


# Characters YAML forbids (as PyYAML's reader defines them) plus a BOM inside the text,
# which libyaml refuses.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)

# Flow-bracket pre-scan.  Candidates are found with one character class (fast); comments
# and quoted strings are skipped when they start where YAML allows them to.  It is a heuristic:
# only its refusals matter, and anything it misses is still caught by the composer's depth
# check (libyaml's own parser keeps explicit stacks; only its C composer recursed).
_FLOW_CANDIDATE = re.compile(r"""[\[\]{}#"']""")
_SKIP_PATTERNS = {
    "#": re.compile(r"#[^\n\r]*"),
    '"': re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL),
    "'": re.compile(r"'[^']*(?:''[^']*)*'"),
}
_QUOTE_MAY_FOLLOW = frozenset(" \t\r\n[{,:")


def _flow_overflow(text: str, max_depth: int) -> int:
    """Index of the first ``[``/``{`` nested deeper than ``max_depth``, or -1."""
    if text.count("[") + text.count("{") <= max_depth:
        return -1  # cannot nest deeper than the number of brackets
    skips = dict(_SKIP_PATTERNS)
    depth = 0
    pos = 0
    search = _FLOW_CANDIDATE.search
    while (match := search(text, pos)) is not None:
        start = match.start()
        char = text[start]
        pos = start + 1
        if char in "[{":
            depth += 1
            if depth > max_depth:
                return start
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char in skips:
            before = text[start - 1] if start else " "
            if before in " \t\r\n" or (char != "#" and before in _QUOTE_MAY_FOLLOW):
                skipped = skips[char].match(text, start)
                if skipped is None:
                    del skips[char]  # never closed: no later one can close either (stays linear)
                else:
                    pos = skipped.end()
    return -1


def _check_text(text: str, source: str, max_bytes: int, max_depth: int) -> None:
    """Refuse what must never reach the parser: huge, undecodable or deeply bracketed text.

    Why before parsing: older libyaml builds overflow the C stack on ~30,000 nested ``[``
    (a crash nothing can catch), and a huge file takes seconds and hundreds of MB to parse.
    """
    # len(text) <= bytes, so the cheap test first; encode only when it might matter.
    size = len(text)
    if size > max_bytes or (size * 4 > max_bytes and _utf8_len(text) > max_bytes):
        shown = _utf8_len(text)
        raise _error(
            "Y005",
            Location(source),
            f"the file is too large ({shown:,} bytes; the limit is {max_bytes:,})",
            "criteria files are small text files; check that this is the right file",
        )
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        line, column = _char_position(text, bad.start())
        char = bad.group()
        if char == "\0":
            what = "a NUL byte"
        elif char == "\ufeff":
            what = "an invisible byte-order mark (U+FEFF)"
        else:
            what = f"the control character U+{ord(char):04X}"
        raise _error(
            "Y009",
            Location(source, line, column),
            f"the file contains {what}, which YAML does not allow",
            "save the file as UTF-8 text and remove the invisible character",
        )
    overflow = _flow_overflow(text, max_depth)
    if overflow >= 0:
        line, column = _char_position(text, overflow)
        raise _error(
            "Y006",
            Location(source, line, column),
            f"brackets are nested too deep: more than {max_depth} levels",
            "flatten the structure; criteria files need only a few levels",
        )


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


# --------------------------------------------------------------------------------------------
# Loading


def load_yaml(
    text: str,
    source: str,
    *,
    max_bytes: int = 1_000_000,
    max_depth: int = 50,
    max_nodes: int = 200_000,
    plain_scalars_as_text: bool = False,
) -> LoadedYaml:
    """Parse one YAML document safely into plain data with the position of every part.

    ``plain_scalars_as_text`` keeps every non-null scalar as the text written (answer files:
    ``1.500`` is one thousand five hundred to an Indonesian officer, not the float 1.5).

    Raises :class:`CriteriaError` for every problem (never ``yaml.YAMLError`` or
    ``RecursionError``).  Duplicate keys and other per-value problems are all collected and
    reported together; parse-level problems stop at the first one.
    """
    try:
        return _load(text, source, max_bytes, max_depth, max_nodes, plain_scalars_as_text)
    except CriteriaError:
        raise
    except RecursionError:  # cannot happen with the depth limits; kept as a last line
        raise _error(
            "Y006",
            Location(source),
            "nesting is too deep",
            "flatten the structure; criteria files need only a few levels",
        ) from None
    except Exception as exc:  # the contract: nothing but CriteriaError escapes
        raise _error(
            "Y001",
            Location(source),
            f"the file cannot be read as YAML ({type(exc).__name__})",
            "check the file in a text editor; if it looks fine, report this as a bug",
        ) from None


def _load(
    text: str, source: str, max_bytes: int, max_depth: int, max_nodes: int, as_text: bool
) -> LoadedYaml:
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_text(text, source, max_bytes, max_depth)
    root = _compose(text, source, max_depth, max_nodes)
    if root is None:
        return LoadedYaml(None, {(): _START}, {})
    return _Builder(source, as_text).build(root)


def _compose(text: str, source: str, max_depth: int, max_nodes: int) -> Node | None:
    loader = _LOADER(text, source, max_depth, max_nodes)
    try:
        return loader.get_single_node()
    except _Refused as exc:
        raise CriteriaError([exc.issue]) from None
    except yaml.MarkedYAMLError as exc:
        raise CriteriaError([_syntax_issue(exc, text, source)]) from None
    except yaml.YAMLError as exc:  # ReaderError and friends; _check_text should catch them
        raise _error(
            "Y009" if isinstance(exc, yaml.reader.ReaderError) else "Y001",
            Location(source),
            "the file cannot be read as YAML text",
            "save the file as UTF-8 text and check it in a text editor",
        ) from None
    finally:
        loader.dispose()


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, source: str) -> Issue:
    """Turn a parser error into an Issue that points where the user should look."""
    problem = (exc.problem or "syntax error").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    code = "Y001"
    hint = (
        "check indentation (spaces only, same depth for siblings) and quoting; text that "
        "contains ': ' or starts with a special character must be in quotes"
    )
    if "nesting depth" in problem:
        code = "Y006"
        message = "nesting is too deep"
        hint = "flatten the structure; criteria files need only a few levels"
    elif isinstance(exc, yaml.composer.ComposerError) and "single document" in context:
        message = "the file contains more than one YAML document (a second '---' starts here)"
        hint = "a criteria file holds one document; remove the extra '---' or split the file"
    elif "end of stream" in problem and "quoted scalar" in context and exc.context_mark:
        mark = exc.context_mark
        message = "this quoted text is never closed"
        hint = "add the closing quote (or remove the opening one)"
    else:
        message = f"YAML syntax error: {problem}"
        if context and exc.context_mark is not None and exc.context_mark is not mark:
            where = _mark(exc.context_mark)
            message += f" ({context}, started at line {where.line}, column {where.column})"
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            message = "a tab character is used here; YAML allows only spaces for indentation"
            hint = "replace the tab with spaces"
    position = _mark(mark)
    return Issue(Location(source, position.line, position.column), message, hint=hint, code=code)


def _char_at(text: str, line: int, column: int) -> str:
    lines = _LINE_BREAK.split(text)
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def yaml_path(path: Path) -> str:
    """``('dimensions', 0, 'weight')`` -> ``dimensions[0].weight``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _Builder:
    """Turns the composed node tree into plain data and marks, collecting per-value issues.

    Why iterative: depth is already bounded, but a loop keeps it that way for any limits.
    """

    def __init__(self, source: str, as_text: bool = False) -> None:
        self.source = source
        self.as_text = as_text
        self.value_marks: dict[Path, Mark] = {}
        self.key_marks: dict[Path, Mark] = {}
        self.issues: list[Issue] = []

    def build(self, root: Node) -> LoadedYaml:
        self.value_marks[()] = _mark(root.start_mark)
        data = self._value(root, ())
        stack: list[tuple[Node, Any, Path]] = [(root, data, ())]
        while stack:
            node, container, path = stack.pop()
            if isinstance(node, SequenceNode):
                for index, child in enumerate(node.value):
                    child_path = (*path, index)
                    self.value_marks[child_path] = _mark(child.start_mark)
                    value = self._value(child, child_path)
                    container.append(value)
                    if isinstance(child, SequenceNode | MappingNode):
                        stack.append((child, value, child_path))
            elif isinstance(node, MappingNode):
                self._mapping(node, container, path, stack)
        if self.issues:
            raise CriteriaError(self.issues)
        return LoadedYaml(data, self.value_marks, self.key_marks)

    def _mapping(
        self,
        node: MappingNode,
        container: dict[str, Any],
        path: Path,
        stack: list[tuple[Node, Any, Path]],
    ) -> None:
        first_seen: dict[str, Mark] = {}
        for key_node, child in node.value:
            key_mark = _mark(key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                self._issue(
                    "Y008",
                    key_mark,
                    "a mapping key must be a single word or text, not a list or mapping",
                    "write the key as plain text before the ':'",
                    path,
                )
                continue
            key = str(key_node.value)
            if key == "<<" and not key_node.style:  # plain style: None (Python) or "" (libyaml)
                self._issue(
                    "Y003",
                    key_mark,
                    "merge keys ('<<') are not allowed in criteria files",
                    "write the fields out in full instead of merging them in",
                    path,
                )
                continue
            child_path = (*path, key)
            if key in first_seen:
                first = first_seen[key]
                where = f"line {first.line}"
                if first.line == key_mark.line:  # flow mapping: both on one line
                    where += f", column {first.column}"
                self._issue(
                    "Y002",
                    key_mark,
                    f"duplicate key {key!r} (first defined at {where})",
                    "remove one of them or rename it; YAML would silently keep only the last",
                    child_path,
                )
                continue
            first_seen[key] = key_mark
            self.key_marks[child_path] = key_mark
            self.value_marks[child_path] = _mark(child.start_mark)
            value = self._value(child, child_path)
            container[key] = value
            if isinstance(child, SequenceNode | MappingNode):
                stack.append((child, value, child_path))

    def _value(self, node: Node, path: Path) -> Any:
        """The Python value of a scalar, or an empty container to be filled later."""
        tag = node.tag
        if isinstance(node, SequenceNode):
            if tag != _SEQ:
                self._tag_mismatch(node, path)
            return []
        if isinstance(node, MappingNode):
            if tag != _MAP:
                self._tag_mismatch(node, path)
            return {}
        text = str(node.value)
        if tag == _STR or (self.as_text and tag != _NULL):
            return text
        if tag == _INT and _INT_RE.match(text):
            try:
                return int(text)
            except ValueError:  # more digits than Python converts (4,300): keep the text
                return text
        if tag == _FLOAT and (_FLOAT_RE.match(text) or _INT_RE.match(text)):
            return _to_float(text)
        if tag == _BOOL and _BOOL_RE.match(text):
            return text.lower() == "true"
        if tag == _NULL and _NULL_RE.match(text):
            return None
        self._tag_mismatch(node, path)
        return text

    def _tag_mismatch(self, node: Node, path: Path) -> None:
        if isinstance(node, ScalarNode):
            what = f"the value {clip(str(node.value), 40)!r} cannot be read as"
        else:
            what = "a list or mapping cannot be tagged as"
        self._issue(
            "Y004",
            _mark(node.start_mark),
            f"{what} '{_show_tag(node.tag)}'",
            "remove the tag; write plain values (put text in quotes)",
            path,
        )

    def _issue(self, code: str, mark: Mark, message: str, hint: str, path: Path) -> None:
        location = Location(self.source, mark.line, mark.column)
        self.issues.append(Issue(location, message, yaml_path(path), hint, code))
