"""The fast scorer's dimensions: sums, scores, shares and gaps per combination of answers.

Why per combination: a dimension's weight sum, score, the shares of its questions (for
coverage) and its gaps depend only on the *classes* of its questions' answers (status and
fraction) and on the verdicts of its knock-outs with ``fails_if``.  One :class:`Entry` per
combination, built by the engine's own expressions (:mod:`ekspor_cli.scoring`), serves
every row that repeats it; a chunk in which every row gives the same answers (a dimension
with no column in the input, say) is computed once.

Why blocks: the engine adds a dimension's terms with :func:`math.fsum` -- the exact sum,
rounded once -- so the sums do not depend on how the terms are grouped.  A dimension is
cut into blocks of a few questions, whose combinations repeat far more often than the
whole dimension's; a :class:`Block` keeps its sums as *exact parts*
(:func:`~ekspor_cli.fastscore.exact_parts`), and the fsum of several blocks' parts is the
engine's number, bit for bit.  A dimension whose combinations rarely repeat (12 questions
of supply continuity, mostly banded numbers) is summed block by block for every row
instead of being looked up whole.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from itertools import chain, repeat
from math import fsum
from typing import Any, NamedTuple

from ..fastscore import exact_parts, fast_official, memo_put, official_column, positions
from ..result import Status
from ..scoring import Plan

_BLOCK = 5  # questions per block: few enough that combinations of classes repeat
_WINDOW = 10_000  # rows looked up whole, then the share of new combinations is judged
_SWITCH_AT = 0.3  # a share of new combinations above which blocks are cheaper
Gap = tuple[int, tuple[str, float]]  # (sort key, (question, impact))
Parts = tuple[tuple[float, ...], tuple[Gap, ...]]  # shares (answered questions), gaps


class AnswerClass:
    """How one kind of answer to one question counts (status and fraction); interned."""

    __slots__ = ("answered", "ko", "p", "status", "w", "wp")

    def __init__(self, status: str, p: float | None, weight: float, ko: str) -> None:
        self.status = status
        self.p = p
        self.w = weight
        self.wp = weight * p if p is not None else 0.0  # the engine's term
        self.answered = status == Status.ANSWERED
        self.ko = ko  # knock-out status ("" = none), for knock-outs without fails_if


class Block:
    """A few questions of a dimension for one combination of their classes (and the
    verdicts of their knock-outs with ``fails_if``): exact parts of their sums."""

    __slots__ = ("classes", "members", "statuses", "wps", "ws")

    def __init__(self, members: tuple[int, ...], key: tuple[Any, ...]) -> None:
        self.members = members
        self.classes: tuple[AnswerClass, ...] = key[: len(members)]
        self.statuses: tuple[str, ...] = key[len(members) :]
        counted = [c for c in self.classes if c.p is not None]
        self.ws = exact_parts([c.w for c in counted])
        self.wps = exact_parts([c.wp for c in counted])


class Entry:
    """A whole dimension for one combination: what a row needs from it, with the shares
    and gaps at the usual weight total (every dimension counted)."""

    __slots__ = ("blocks", "gaps", "livew", "score", "shares", "term", "wsum")

    def __init__(self, weight: float, blocks: tuple[Block, ...]) -> None:
        self.blocks = blocks
        if len(blocks) == 1:
            self.wsum = wsum = fsum(blocks[0].ws)
            wp = fsum(blocks[0].wps)
        else:
            self.wsum = wsum = fsum(chain.from_iterable(map(_WS, blocks)))
            wp = fsum(chain.from_iterable(map(_WPS, blocks)))
        if wsum > 0.0:  # weights are > 0: some question counted
            self.livew = weight
            self.term = weight * 100.0 * wp / wsum  # the engine's expressions
            self.score: float | None = fast_official(100.0 * wp / wsum)
        else:
            self.livew = self.term = 0.0
            self.score = None
        self.shares: tuple[float, ...] = ()
        self.gaps: tuple[Gap, ...] = ()


class Bundle(NamedTuple):
    """One dimension for every row of a chunk (shares and gaps: one column, or one per
    block, in question order).  Each row's :class:`Entry` (``entries``), or, summed block
    by block, each row's weight sum and blocks (``by_block``)."""

    livew: list[float]
    term: list[float]
    score: list[float | None]
    shares: list[list[Any]]
    gaps: list[list[Any]]
    entries: list[Entry] | None
    by_block: tuple[list[float], list[tuple[Block, ...]]] | None


class _Dim:
    """One dimension's questions, its blocks and its tables."""

    def __init__(self, members: list[int], ko_column: Mapping[int, int]) -> None:
        self.members = tuple(members)
        dynamic = [i for i in members if i in ko_column]
        self.ko_columns = tuple(ko_column[i] for i in dynamic)
        # Per block: its questions, where its key sits in the dimension's key, its table.
        self.blocks: list[tuple[tuple[int, ...], Callable[[Any], Any], dict[Any, Block]]] = []
        for first in range(0, len(members), _BLOCK):
            part = tuple(members[first : first + _BLOCK])
            reads = [*range(first, first + len(part))]
            reads += [len(members) + dynamic.index(i) for i in part if i in dynamic]
            # (reads[0] once more: itemgetter of two or more items returns a tuple)
            self.blocks.append((part, operator.itemgetter(*reads, reads[0]), {}))
        self.entries: dict[Any, Entry] = {}
        self.parts: dict[tuple[Block, float], Parts] = {}  # by (block, weight sum)
        self.by_block = self.warm = False
        self.looked_up = self.missed = 0


class Dimensions:
    """The dimensions of one plan, with their tables."""

    def __init__(self, plan: Plan, ko_column: Mapping[int, int]) -> None:
        self.plan = plan
        self.ko_column = ko_column  # step of a knock-out with fails_if -> its status column
        scored: list[list[int]] = [[] for _ in plan.dim_weights]
        for i, step in enumerate(plan.steps):
            if step.scored:
                scored[step.dim].append(i)
        self._dims = [_Dim(members, ko_column) for members in scored]
        # The engine's total when every dimension counts: shares are precomputed for it.
        self.full = fsum(plan.dim_weights)

    def __len__(self) -> int:
        return len(self._dims)

    @property
    def _by_block(self) -> list[bool]:
        return [dim.by_block for dim in self._dims]

    @_by_block.setter
    def _by_block(self, flags: list[bool]) -> None:  # tests force one way or the other
        for dim, flag in zip(self._dims, flags, strict=True):
            dim.by_block = flag and len(dim.blocks) > 1

    def column(
        self, d: int, cls: list[list[AnswerClass]], statuses: list[list[str]], n: int
    ) -> Bundle:
        """One dimension for every row: computed once when every row gives the same
        answers, else from a table keyed by the combination of its questions' classes
        (and verdicts) while combinations repeat, else block by block."""
        dim = self._dims[d]
        columns: list[list[Any]] = [cls[m] for m in dim.members]
        columns += [statuses[x] for x in dim.ko_columns]
        if all(column.count(column[0]) == n for column in columns):
            entry = self._entry(d, tuple(c[0] for c in columns))
            shares, gaps = [entry.shares] * n, [entry.gaps] * n
            livew, term, score = [entry.livew] * n, [entry.term] * n, [entry.score] * n
            return Bundle(livew, term, score, [shares], [gaps], [entry] * n, None)
        if dim.by_block:
            return self._by_blocks(d, cls, statuses, n)
        single = len(columns) == 1
        keys: list[Any] = columns[0] if single else list(zip(*columns, strict=True))
        found: list[Any] = list(map(dim.entries.get, keys))
        missed = 0
        for pos in positions(found) if not all(found) else ():
            found[pos] = self._entry(d, (keys[pos],) if single else keys[pos])
            memo_put(dim.entries, keys[pos], found[pos])
            missed += 1
        dim.looked_up += n
        dim.missed += missed
        if dim.looked_up >= _WINDOW:
            # Block by block costs about a lookup per block and row, so switch when many
            # rows are new once the table is warm (supply continuity in real lists).
            dim.by_block = dim.warm and dim.missed > _SWITCH_AT * dim.looked_up
            dim.by_block = dim.by_block and len(dim.blocks) > 1
            dim.warm, dim.looked_up, dim.missed = True, 0, 0
        return self._bundle(found)

    @staticmethod
    def _bundle(found: list[Entry]) -> Bundle:
        return Bundle(
            list(map(_LIVEW, found)),
            list(map(_TERM, found)),
            list(map(_SCORE, found)),
            [list(map(_SHARES, found))],
            [list(map(_GAPS, found))],
            found,
            None,
        )

    def _entry(self, d: int, key: tuple[Any, ...]) -> Entry:
        """A dimension seen for the first time: from its blocks (remembered too).  Runs
        for every new combination, so it is kept lean."""
        dim = self._dims[d]
        blocks = []
        for part, reads, table in dim.blocks:
            sub = reads(key)[:-1]
            block = table.get(sub)
            if block is None:
                block = Block(part, sub)
                memo_put(table, sub, block)
            blocks.append(block)
        entry = Entry(self.plan.dim_weights[d], tuple(blocks))
        wsum, parts = entry.wsum, dim.parts
        for block in blocks:
            found = parts.get((block, wsum))
            if found is None:
                found = self._ctx(d, block, self.full, wsum)
                memo_put(parts, (block, wsum), found)
            entry.shares += found[0]
            entry.gaps += found[1]
        return entry

    def _by_blocks(
        self, d: int, cls: list[list[AnswerClass]], statuses: list[list[str]], n: int
    ) -> Bundle:
        """The dimension's blocks looked up column by column; each row's sums are the
        fsum of its blocks' exact parts; shares and gaps per (block, weight sum)."""
        dim = self._dims[d]
        found: list[list[Block]] = []
        for part, _, table in dim.blocks:
            reads: list[list[Any]] = [cls[m] for m in part]
            reads += [statuses[self.ko_column[i]] for i in part if i in self.ko_column]
            keys = list(zip(*reads, strict=True))
            column: list[Any] = list(map(table.get, keys))
            for pos in positions(column) if not all(column) else ():
                column[pos] = Block(part, keys[pos])
                memo_put(table, keys[pos], column[pos])
            found.append(column)
        wsum = _row_sums(found, _WS)
        wp = _row_sums(found, _WPS)
        weight = self.plan.dim_weights[d]
        if 0.0 in wsum:  # some rows count nothing in this dimension
            entries = [Entry(weight, blocks) for blocks in zip(*found, strict=True)]
            livew, term = list(map(_LIVEW, entries)), list(map(_TERM, entries))
            score: list[Any] = list(map(_SCORE, entries))
        else:
            livew = [weight] * n
            term = list(map(operator.truediv, map(operator.mul, repeat(weight * 100.0), wp), wsum))
            percent = map(operator.truediv, map(operator.mul, repeat(100.0), wp), wsum)
            score = official_column(list(percent))
        shares, gaps = [], []
        for column in found:
            keys2 = list(zip(column, wsum, strict=True))
            parts: list[Any] = list(map(dim.parts.get, keys2))
            for pos in positions(parts) if not all(parts) else ():
                block, ws = keys2[pos]
                parts[pos] = self._ctx(d, block, self.full, ws)
                memo_put(dim.parts, keys2[pos], parts[pos])
            shares.append(list(map(_FIRST, parts)))
            gaps.append(list(map(_SECOND, parts)))
        rows_blocks = list(zip(*found, strict=True))
        return Bundle(livew, term, score, shares, gaps, None, (wsum, rows_blocks))

    def _ctx(self, d: int, block: Block, total: float, wsum: float) -> Parts:
        """Shares (for coverage) and gaps of a block, by the engine's expressions."""
        dw = self.plan.dim_weights[d]
        statuses = iter(block.statuses)
        shares: list[float] = []
        gaps: list[Gap] = []
        for i, c in zip(block.members, block.classes, strict=True):
            ko = next(statuses) if i in self.ko_column else c.ko
            p = c.p
            if p is None or not c.answered:
                continue
            step = self.plan.steps[i]
            share = dw / total * step.weight / wsum
            shares.append(share)
            if p < 1.0 or ko:
                earned = 100.0 * share * (p or 0.0)
                possible = 100.0 * share
                impact = round(possible - earned, 2)
                gaps.append((_gap_key(not ko, impact, i), (step.info.key, impact)))
        return tuple(shares), tuple(sorted(gaps))

    def recompute(self, dims: list[Bundle], pos: int, total: float) -> None:
        """A row whose weight total is not the full one (rare): its shares, in Python."""
        for d, bundle in enumerate(dims):
            if bundle.entries is not None:
                blocks, wsum = bundle.entries[pos].blocks, bundle.entries[pos].wsum
            else:
                assert bundle.by_block is not None
                blocks, wsum = bundle.by_block[1][pos], bundle.by_block[0][pos]
            parts = [self._ctx(d, block, total, wsum) for block in blocks]
            if len(bundle.shares) == len(parts):  # one column per block
                for k, (shares, gaps) in enumerate(parts):
                    bundle.shares[k][pos], bundle.gaps[k][pos] = shares, gaps
            else:
                bundle.shares[0][pos] = tuple(chain.from_iterable(p[0] for p in parts))
                bundle.gaps[0][pos] = tuple(chain.from_iterable(p[1] for p in parts))


def _row_sums(found: list[list[Block]], parts: operator.attrgetter[Any]) -> list[float]:
    """Per row, the fsum of its blocks' exact parts: the engine's fsum over all terms."""
    per_block = [map(parts, column) for column in found]
    return list(map(fsum, map(chain.from_iterable, zip(*per_block, strict=True))))


def _gap_key(plain: bool, impact: float, index: int) -> int:
    """The engine's gap order -- knock-outs first, then bigger impact, then asking order --
    as one int, so that sorting compares ints only."""
    return (int(plain) * 1_000_000 + 100_000 - round(impact * 100)) * 100_000 + index


_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)
_LIVEW = operator.attrgetter("livew")
_TERM = operator.attrgetter("term")
_SCORE = operator.attrgetter("score")
_SHARES = operator.attrgetter("shares")
_GAPS = operator.attrgetter("gaps")
_WS = operator.attrgetter("ws")
_WPS = operator.attrgetter("wps")
