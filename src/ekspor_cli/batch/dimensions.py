"""The fast scorer's dimensions: sums, scores, coverage and gaps per combination of answers.

Why per combination: a dimension's weight sum, score, its part of coverage and its gaps
depend only on the *classes* of its questions' answers (status and fraction) and on the
verdicts of its knock-outs with ``fails_if``.  One :class:`Entry` per
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
instead of being looked up whole; and the combinations a chunk meets for the first time
are made the same way, all together, in C-level passes rather than one Python call each.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from itertools import chain, repeat
from math import fsum
from typing import Any, NamedTuple

from ..fastscore import (
    exact_parts,
    fast_official,
    fill_misses,
    gap_code,
    memo_put,
    official_column,
    positions,
)
from ..result import Status
from ..scoring import Plan

_BLOCK = 5  # questions per block: few enough that combinations of classes repeat
_WINDOW = 10_000  # rows looked up whole, then the share of new combinations is judged
_SWITCH_AT = 0.3  # a share of new combinations above which blocks are cheaper
_FEW = 24  # new combinations in a chunk below which each is made in Python
Gaps = tuple[int, ...]  # sorted gap codes (:func:`~ekspor_cli.fastscore.gap_code`)


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
    verdicts of their knock-outs with ``fails_if``): exact parts of their sums -- weights
    counted, weighted points, weights answered."""

    __slots__ = ("aw", "aws", "classes", "gaps", "members", "statuses", "w", "wps", "ws")

    def __init__(self, members: tuple[int, ...], key: tuple[Any, ...]) -> None:
        self.members = members
        self.classes: tuple[AnswerClass, ...] = key[: len(members)]
        self.statuses: tuple[str, ...] = key[len(members) :]
        counted = [c for c in self.classes if c.p is not None]
        self.ws = exact_parts([c.w for c in counted])
        self.wps = exact_parts([c.wp for c in counted])
        self.aws = exact_parts([c.w for c in counted if c.answered])
        self.w, self.aw = fsum(self.ws), fsum(self.aws)  # exact when weights are (_Dim)
        self.gaps: dict[float, Gaps] = {}  # by the dimension's weight sum in the row


class Entry:
    """A whole dimension for one combination: what a row needs from it, with the gaps at
    the usual weight total (every dimension counted)."""

    __slots__ = ("blocks", "cov", "gaps", "livew", "score", "term", "wsum")

    @property
    def row(self) -> tuple[float, float, float | None, float, Gaps, Entry]:
        """What each row takes from the entry, as one tuple: a chunk's entries become
        :class:`Bundle` columns in one C-level transposition (``zip(*rows)``)."""
        return (self.livew, self.term, self.score, self.cov, self.gaps, self)

    def __init__(self, weight: float, blocks: tuple[Block, ...], exact: bool = False) -> None:
        self.blocks = blocks
        if len(blocks) == 1:
            self.wsum = wsum = blocks[0].w
            wp = fsum(blocks[0].wps)
            aw = blocks[0].aw
        elif exact:  # sums of weights add exactly (see _sums_exact)
            self.wsum = wsum = sum(map(_W, blocks))
            wp = fsum(chain.from_iterable(map(_WPS, blocks)))
            aw = sum(map(_AW, blocks))
        else:
            self.wsum = wsum = fsum(chain.from_iterable(map(_WS, blocks)))
            wp = fsum(chain.from_iterable(map(_WPS, blocks)))
            aw = fsum(chain.from_iterable(map(_AWS, blocks)))
        if wsum > 0.0:  # weights are > 0: some question counted
            self.livew = weight
            self.term = weight * 100.0 * wp / wsum  # the engine's expressions
            self.cov = weight * aw / wsum
            self.score: float | None = fast_official(100.0 * wp / wsum)
        else:
            self.livew = self.term = self.cov = 0.0
            self.score = None
        self.gaps: Gaps = ()


class EntryRef(NamedTuple):
    """What :meth:`Dimensions.recompute` needs of a combination made block by block."""

    blocks: tuple[Block, ...]
    wsum: float


class Bundle(NamedTuple):
    """One dimension for every row of a chunk (gaps: one column, or one per block).  Each
    row's :class:`Entry` (``entries``), or, summed block by block, each row's weight sum
    and blocks (``by_block``)."""

    livew: Sequence[float]
    term: Sequence[float]
    score: Sequence[float | None]
    cov: Sequence[float]
    gaps: list[Any]  # columns of Gaps
    entries: Sequence[Entry | EntryRef] | None
    by_block: tuple[list[float], list[list[Block]]] | None  # weight sums, block columns
    same: bool = False  # every row gives the same answers (one entry for the chunk)


class _Dim:
    """One dimension's questions, its blocks and its tables."""

    def __init__(
        self, members: list[int], ko_column: Mapping[int, int], weights: list[float]
    ) -> None:
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
        self.entries: dict[Any, tuple[Any, ...]] = {}  # key -> Entry.row
        self.exact_weights = _sums_exact(weights)
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
        self._dims = [
            _Dim(members, ko_column, [plan.steps[i].weight for i in members]) for members in scored
        ]
        # The engine's total when every dimension counts: gaps are precomputed for it.
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
            livew, term, score = [entry.livew] * n, [entry.term] * n, [entry.score] * n
            cov, gaps = [entry.cov] * n, [[entry.gaps] * n]
            return Bundle(livew, term, score, cov, gaps, [entry] * n, None, same=True)
        if dim.by_block:
            return self._by_blocks(d, cls, statuses, n)
        single = len(columns) == 1
        keys: list[Any] = columns[0] if single else list(zip(*columns, strict=True))
        found: list[Any] = list(map(dim.entries.get, keys))
        missed = fill_misses(found, keys, dim.entries, lambda new: self._new_rows(d, new, single))
        dim.looked_up += n
        dim.missed += missed
        if dim.looked_up >= _WINDOW:
            # Block by block costs about a lookup per block and row, so switch when many
            # rows are new once the table is warm (supply continuity in real lists).
            dim.by_block = dim.warm and dim.missed > _SWITCH_AT * dim.looked_up
            dim.by_block = dim.by_block and len(dim.blocks) > 1
            dim.warm, dim.looked_up, dim.missed = True, 0, 0
        rows = list(zip(*found, strict=True))  # livew, term, score, cov, gaps, entries
        return Bundle(rows[0], rows[1], rows[2], rows[3], [rows[4]], rows[5], None)

    def _new_rows(self, d: int, keys: list[Any], single: bool) -> list[tuple[Any, ...]]:
        """:attr:`Entry.row` of each new combination: one by one when they are few, else
        all at once block by block (C-level passes instead of Python per combination;
        the same numbers, as the block-by-block sums are the engine's)."""
        if len(keys) < _FEW:
            return [self._entry(d, (key,) if single else key).row for key in keys]
        dim = self._dims[d]
        columns: list[Any] = [keys] if single else list(zip(*keys, strict=True))
        width = len(dim.members)
        cls = dict(zip(dim.members, columns[:width], strict=True))
        statuses = dict(zip(dim.ko_columns, columns[width:], strict=True))
        b = self._by_blocks(d, cls, statuses, len(keys))  # type: ignore[arg-type]
        wsum, columns = b.by_block or ([], [])
        blocks = zip(*columns, strict=True)
        gaps = map(tuple, map(sorted, map(chain.from_iterable, zip(*b.gaps, strict=True))))
        refs = map(tuple.__new__, repeat(EntryRef), zip(blocks, wsum, strict=True))
        return list(zip(b.livew, b.term, b.score, b.cov, gaps, refs, strict=True))

    def _entry(self, d: int, key: tuple[Any, ...]) -> Entry:
        """A dimension for one combination, from its blocks (remembered too): the chunk's
        only combination, or one of a few new ones (:meth:`_new_rows`)."""
        dim = self._dims[d]
        blocks = []
        for part, reads, table in dim.blocks:
            sub = reads(key)[:-1]
            block = table.get(sub)
            if block is None:
                block = Block(part, sub)
                memo_put(table, sub, block)
            blocks.append(block)
        entry = Entry(self.plan.dim_weights[d], tuple(blocks), dim.exact_weights)
        wsum = entry.wsum
        gaps: list[int] = []
        for block in blocks:
            found = block.gaps.get(wsum)
            if found is None:
                found = block.gaps[wsum] = self._gaps(d, block, self.full, wsum)
            gaps += found
        entry.gaps = tuple(sorted(gaps))
        return entry

    def _by_blocks(
        self, d: int, cls: list[list[AnswerClass]], statuses: list[list[str]], n: int
    ) -> Bundle:
        """The dimension's blocks looked up column by column; each row's sums are the
        fsum of its blocks' exact parts; gaps per (block, weight sum)."""
        dim = self._dims[d]
        found: list[list[Block]] = []
        for part, _, table in dim.blocks:
            reads: list[list[Any]] = [cls[m] for m in part]
            reads += [statuses[self.ko_column[i]] for i in part if i in self.ko_column]
            keys = list(zip(*reads, strict=True))
            column: list[Any] = list(map(table.get, keys))
            fill_misses(column, keys, table, partial(_new_blocks, part))
            found.append(column)
        if dim.exact_weights:  # sums of weights need no fsum: plain additions are exact
            wsum, aw = _plain_sums(found, _W), _plain_sums(found, _AW)
        else:
            wsum, aw = _row_sums(found, _WS), _row_sums(found, _AWS)
        wp = _row_sums(found, _WPS)
        weight = self.plan.dim_weights[d]
        if 0.0 in wsum:  # some rows count nothing in this dimension
            exact = dim.exact_weights
            entries = [Entry(weight, blocks, exact) for blocks in zip(*found, strict=True)]
            livew, term = list(map(_LIVEW, entries)), list(map(_TERM, entries))
            score: list[Any] = list(map(_SCORE, entries))
            cov = list(map(_COV, entries))
        else:
            livew = [weight] * n
            term = list(map(operator.truediv, map(operator.mul, repeat(weight * 100.0), wp), wsum))
            percent = map(operator.truediv, map(operator.mul, repeat(100.0), wp), wsum)
            score = official_column(list(percent))
            cov = list(map(operator.truediv, map(operator.mul, repeat(weight), aw), wsum))
        gaps = []
        for column in found:
            looked: list[Any] = list(map(dict.get, map(_GAPS_BY_WSUM, column), wsum))
            for pos in positions(looked):
                block, ws = column[pos], wsum[pos]
                looked[pos] = block.gaps.get(ws)  # met earlier in this chunk
                if looked[pos] is None:
                    looked[pos] = block.gaps[ws] = self._gaps(d, block, self.full, ws)
            gaps.append(looked)
        return Bundle(livew, term, score, cov, gaps, None, (wsum, found))

    def _gaps(self, d: int, block: Block, total: float, wsum: float) -> Gaps:
        """Gaps of a block's answered questions, by the engine's expressions."""
        dw = self.plan.dim_weights[d]
        statuses = iter(block.statuses)
        gaps: list[int] = []
        for i, c in zip(block.members, block.classes, strict=True):
            ko = next(statuses) if i in self.ko_column else c.ko
            p = c.p
            if p is None or not c.answered or (p >= 1.0 and not ko):
                continue
            share = dw / total * self.plan.steps[i].weight / wsum
            earned = 100.0 * share * (p or 0.0)
            possible = 100.0 * share
            gaps.append(gap_code(bool(ko), round(possible - earned, 2), i))
        return tuple(sorted(gaps))

    def recompute(self, dims: list[Bundle], pos: int, total: float) -> None:
        """A row whose weight total is not the full one (rare): its gaps, in Python."""
        for d, bundle in enumerate(dims):
            if bundle.entries is not None:
                blocks, wsum = bundle.entries[pos].blocks, bundle.entries[pos].wsum
            else:
                assert bundle.by_block is not None
                wsum = bundle.by_block[0][pos]
                blocks = tuple(column[pos] for column in bundle.by_block[1])
            parts = [self._gaps(d, block, total, wsum) for block in blocks]
            columns = bundle.gaps
            if len(columns) == len(parts):  # one column per block
                for k, gaps in enumerate(parts):
                    columns[k] = _set(columns[k], pos, gaps)
            else:
                columns[0] = _set(columns[0], pos, tuple(sorted(chain.from_iterable(parts))))


def _set(column: Sequence[Gaps], pos: int, gaps: Gaps) -> list[Gaps]:
    """``column`` as a list (a transposed chunk gives tuples), ``gaps`` at ``pos``."""
    changed = column if isinstance(column, list) else list(column)
    changed[pos] = gaps
    return changed


def _new_blocks(members: tuple[int, ...], keys: list[tuple[Any, ...]]) -> list[Block]:
    return [Block(members, key) for key in keys]


def _sums_exact(weights: list[float]) -> bool:
    """Whether every sum of some of these weights, in any order, is exact in floating
    point -- so a plain addition gives :func:`math.fsum`'s result: all are multiples of
    2**-20 and together below 2**32, so no partial sum needs more than 52 bits."""
    return all(w == math.ldexp(round(math.ldexp(w, 20)), -20) for w in weights) and (
        fsum(map(abs, weights)) < 2.0**32
    )


def _plain_sums(found: list[list[Block]], part: operator.attrgetter[Any]) -> list[float]:
    """Per row, the plain sum of its blocks' ``part`` (exact: see :func:`_sums_exact`)."""
    total: Any = map(part, found[0])
    for column in found[1:]:
        total = map(operator.add, total, map(part, column))
    return list(total)


def _row_sums(found: list[list[Block]], parts: operator.attrgetter[Any]) -> list[float]:
    """Per row, the fsum of its blocks' exact parts: the engine's fsum over all terms."""
    per_block = [map(parts, column) for column in found]
    return list(map(fsum, map(chain.from_iterable, zip(*per_block, strict=True))))


_LIVEW = operator.attrgetter("livew")
_TERM = operator.attrgetter("term")
_SCORE = operator.attrgetter("score")
_COV = operator.attrgetter("cov")
_WS = operator.attrgetter("ws")
_WPS = operator.attrgetter("wps")
_AWS = operator.attrgetter("aws")
_W = operator.attrgetter("w")
_AW = operator.attrgetter("aw")
_GAPS_BY_WSUM = operator.attrgetter("gaps")
