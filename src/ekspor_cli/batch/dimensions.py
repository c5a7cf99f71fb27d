"""The fast scorer's dimensions: sums, scores, shares and gaps per combination of answers.

Why per combination: a dimension's weight sum, score, the shares of its questions (for
coverage) and its gaps depend only on the *classes* of its questions' answers (status and
fraction) and on the verdicts of its knock-outs with ``fails_if``.  One table entry per
combination, built by the engine's own expressions in the engine's order
(:mod:`ekspor_cli.scoring`), serves every row that repeats it.  A dimension whose
combinations rarely repeat is summed block by block with C-level ``reduce`` instead.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from functools import reduce
from itertools import chain, repeat
from typing import Any, NamedTuple

from ..fastscore import fast_official, memo_put, official_column, positions
from ..result import Status
from ..scoring import Plan

_ADD = operator.add
_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)
_BLOCK = 5  # questions per block: few enough that combinations of classes repeat
Gap = tuple[int, tuple[str, float]]  # (sort key, (question, impact))


class AnswerClass:
    """How one kind of answer to one question counts (status and fraction); interned."""

    __slots__ = ("answered", "ko", "p", "status", "w", "wp")

    def __init__(self, status: str, p: float | None, weight: float, ko: str) -> None:
        self.status = status
        self.p = p
        self.w = weight
        self.wp = weight * p if p is not None else 0.0
        self.answered = status == Status.ANSWERED
        self.ko = ko  # knock-out status ("" = none), for knock-outs without fails_if


class Sums:
    """A block (or a whole dimension) for one combination of classes: the engine's sums
    and, when it is a whole dimension, its shares and gaps at the full weight total."""

    __slots__ = (
        "blocks",
        "classes",
        "gaps",
        "livew",
        "members",
        "parts",
        "score",
        "shares",
        "statuses",
        "term",
        "wp",
        "wps",
        "ws",
        "wsum",
    )

    def __init__(self, weight: float, wsum: float, wp: float) -> None:
        # Built for every new combination of answers (a table miss): kept lean.
        self.wsum = wsum
        self.wp = wp
        if wsum > 0.0:  # weights are > 0: some question counted
            self.livew = weight
            self.term = weight * 100.0 * wp / wsum
            self.score: float | None = fast_official(100.0 * wp / wsum)
        else:
            self.livew = self.term = 0.0
            self.score = None
        self.ws: tuple[float, ...] = ()
        self.wps: tuple[float, ...] = ()
        self.members: tuple[int, ...] = ()
        self.classes: tuple[AnswerClass, ...] = ()
        self.statuses: tuple[str, ...] = ()  # of the knock-outs with fails_if, in order
        self.blocks: tuple[Sums, ...] = ()  # a dimension of several blocks: those
        self.parts: dict[float, tuple[Any, Any]] | None = None  # shares, gaps by weight sum
        self.shares: tuple[float, ...] = ()
        self.gaps: tuple[Gap, ...] = ()


class Dimensions:
    """The dimensions of one plan, with their tables."""

    def __init__(self, plan: Plan, ko_column: Mapping[int, int]) -> None:
        self.plan = plan
        self.ko_column = ko_column  # step of a knock-out with fails_if -> its status column
        scored: list[list[int]] = [[] for _ in plan.dim_weights]
        for i, step in enumerate(plan.steps):
            if step.scored:
                scored[step.dim].append(i)
        # The engine's total when every dimension counts: shares are precomputed for it.
        self.full = sum([w for w in plan.dim_weights])
        # Per dimension: its scored questions, the knock-out columns they read, its blocks
        # (which part of the dimension's key each block reads, and the block's table).
        self._dims: list[tuple[tuple[int, ...], tuple[int, ...], list[Any], dict[Any, Sums]]]
        self._dims = []
        for members in scored:
            dynamic = tuple(i for i in members if i in ko_column)
            blocks: list[Any] = []
            for first in range(0, len(members), _BLOCK):
                part = tuple(members[first : first + _BLOCK])
                reads = [*range(first, first + len(part))]
                reads += [len(members) + dynamic.index(i) for i in part if i in dynamic]
                blocks.append((part, operator.itemgetter(*reads, reads[0]), {}))
            columns = tuple(ko_column[i] for i in dynamic)
            self._dims.append((tuple(members), columns, blocks, {}))
        # Dimensions whose combinations rarely repeat are summed block by block instead.
        self._by_block = [False] * len(self._dims)
        self._misses = [[0, 0] for _ in self._dims]  # [lookups, misses]
        self._part_memo: list[list[dict[Any, Any]]] = [[{} for _ in d[2]] for d in self._dims]

    def __len__(self) -> int:
        return len(self._dims)

    def column(
        self, d: int, cls: list[list[AnswerClass]], statuses: list[list[str]], n: int
    ) -> Bundle:
        """One dimension for every row: from one table keyed by its questions' classes
        (and the verdicts of its knock-outs with ``fails_if``) while combinations repeat,
        else block by block (:meth:`_dimension_by_block`)."""
        if self._by_block[d]:
            return self._dimension_by_block(d, cls, statuses, n)
        members, columns, _, memo = self._dims[d]
        single = len(members) == 1 and not columns
        keys: list[Any] = (
            cls[members[0]]
            if single
            else list(zip(*[cls[m] for m in members], *[statuses[x] for x in columns], strict=True))
        )
        found: list[Any] = list(map(memo.get, keys))
        missed = 0
        for pos in positions(found) if not all(found) else ():
            found[pos] = self._from_key(d, (keys[pos],) if single else keys[pos])
            memo_put(memo, keys[pos], found[pos])
            missed += 1
        count = self._misses[d]
        count[0] += n
        count[1] += missed
        # Block by block costs about as much as a lookup plus a few new combinations, so
        # switch only when nearly every row is new (e.g. independent random answers).
        if count[0] >= 2000 and count[1] > 0.9 * count[0] and len(self._dims[d][2]) > 1:
            self._by_block[d] = True
        return Bundle(
            list(map(_LIVEW, found)),
            list(map(_TERM, found)),
            list(map(_SCORE, found)),
            [list(map(_SHARES, found))],
            [list(map(_GAPS, found))],
            found,
            None,
        )

    def _dimension_by_block(
        self, d: int, cls: list[list[AnswerClass]], statuses: list[list[str]], n: int
    ) -> Bundle:
        """The dimension's blocks looked up column by column and added up with C-level
        ``reduce`` in the engine's order; shares and gaps per (block, weight sum)."""
        members, columns, blocks, _ = self._dims[d]
        dynamic = [i for i in members if i in self.ko_column]
        found: list[list[Sums]] = []
        for part, _, memo in blocks:
            reads = [cls[m] for m in part]
            reads += [statuses[self.ko_column[i]] for i in part if i in dynamic]
            keys = list(zip(*reads, strict=True))
            column: list[Any] = list(map(memo.get, keys))
            for pos in positions(column) if not all(column) else ():
                column[pos] = self._block(d, part, keys[pos], False)
                memo_put(memo, keys[pos], column[pos])
            found.append(column)
        wsum = list(map(_WSUM, found[0]))
        wp = list(map(_WP, found[0]))
        for column in found[1:]:
            wsum = list(map(reduce, repeat(_ADD), map(_WS, column), wsum))
            wp = list(map(reduce, repeat(_ADD), map(_WPS, column), wp))
        weight = self.plan.dim_weights[d]
        if 0.0 in wsum:  # some rows count nothing in this dimension
            sums = [Sums(weight, ws, p) for ws, p in zip(wsum, wp, strict=True)]
            livew, term = list(map(_LIVEW, sums)), list(map(_TERM, sums))
            score: list[Any] = list(map(_SCORE, sums))
        else:
            livew = [weight] * n
            term = list(map(operator.truediv, map(operator.mul, repeat(weight * 100.0), wp), wsum))
            percent = map(operator.truediv, map(operator.mul, repeat(100.0), wp), wsum)
            score = official_column(list(percent))
        shares, gaps = [], []
        for k, column in enumerate(found):
            memo = self._part_memo[d][k]
            keys2 = list(zip(column, wsum, strict=True))
            parts: list[Any] = list(map(memo.get, keys2))
            for pos in positions(parts) if not all(parts) else ():
                block, ws = keys2[pos]
                parts[pos] = self._ctx(d, block, self.full, ws)
                memo_put(memo, keys2[pos], parts[pos])
            shares.append(list(map(_FIRST, parts)))
            gaps.append(list(map(_SECOND, parts)))
        rows_blocks = list(zip(*found, strict=True))
        return Bundle(livew, term, score, shares, gaps, None, (wsum, rows_blocks))

    def _from_key(self, d: int, key: tuple[Any, ...]) -> Sums:
        """A dimension seen for the first time: from its blocks (memoised too)."""
        _, _, blocks, _ = self._dims[d]
        found = []
        for part, reads, memo in blocks:
            sub = reads(key)
            block = memo.get(sub)
            if block is None:
                block = self._block(d, part, sub[:-1], len(blocks) == 1)
                memo_put(memo, sub, block)
            found.append(block)
        return found[0] if len(found) == 1 else self._sum_blocks(d, tuple(found))

    def _block(self, d: int, members: tuple[int, ...], key: tuple[Any, ...], whole: bool) -> Sums:
        """A block's sums for one key: the members' classes, then the statuses of its
        knock-outs with ``fails_if`` (they decide whether such a gap comes first)."""
        classes: tuple[AnswerClass, ...] = key[: len(members)]
        counted = [c for c in classes if c.p is not None]
        ws = tuple(c.w for c in counted)
        wps = tuple(c.wp for c in counted)
        # The engine adds one question at a time, from 0.0: reduce keeps that order.
        sums = Sums(self.plan.dim_weights[d], reduce(_ADD, ws, 0.0), reduce(_ADD, wps, 0.0))
        sums.ws, sums.wps, sums.members, sums.classes = ws, wps, members, classes
        sums.statuses = key[len(members) :]
        sums.blocks = (sums,)
        if whole:
            sums.shares, sums.gaps = self._ctx(d, sums, self.full, sums.wsum)
        return sums

    def _sum_blocks(self, d: int, blocks: tuple[Sums, ...]) -> Sums:
        """Several blocks added block after block, as the engine adds question after
        question; shares and gaps from each block at the dimension's weight sum."""
        wsum, wp = blocks[0].wsum, blocks[0].wp
        for block in blocks[1:]:
            wsum = reduce(_ADD, block.ws, wsum)
            wp = reduce(_ADD, block.wps, wp)
        sums = Sums(self.plan.dim_weights[d], wsum, wp)
        sums.blocks = blocks
        shares: tuple[float, ...] = ()
        gaps: tuple[Gap, ...] = ()
        for block in blocks:
            if block.parts is None:
                block.parts = {}
            part = block.parts.get(wsum)
            if part is None:
                part = block.parts[wsum] = self._ctx(d, block, self.full, wsum)
            shares += part[0]
            gaps += part[1]
        sums.shares, sums.gaps = shares, gaps
        return sums

    def _ctx(self, d: int, block: Sums, total: float, wsum: float) -> tuple[Any, Any]:
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
            if bundle.states is not None:
                blocks, wsum = bundle.states[pos].blocks, bundle.states[pos].wsum
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


def _gap_key(plain: bool, impact: float, index: int) -> int:
    """The engine's gap order -- knock-outs first, then bigger impact, then asking order --
    as one int, so that sorting compares ints only."""
    return (int(plain) * 1_000_000 + 100_000 - round(impact * 100)) * 100_000 + index


class Bundle(NamedTuple):
    """One dimension for every row of a chunk (shares and gaps: one column, or one per
    block, in question order).  Each row's dimension as a whole (``states``), or summed
    block by block (``by_block``: weight sums and each row's blocks)."""

    livew: list[float]
    term: list[float]
    score: list[float | None]
    shares: list[list[Any]]
    gaps: list[list[Any]]
    states: list[Sums] | None
    by_block: tuple[list[float], list[tuple[Sums, ...]]] | None


_LIVEW = operator.attrgetter("livew")
_TERM = operator.attrgetter("term")
_SCORE = operator.attrgetter("score")
_SHARES = operator.attrgetter("shares")
_GAPS = operator.attrgetter("gaps")
_WSUM = operator.attrgetter("wsum")
_WP = operator.attrgetter("wp")
_WS = operator.attrgetter("ws")
_WPS = operator.attrgetter("wps")
