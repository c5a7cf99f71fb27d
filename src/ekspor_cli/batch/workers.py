"""Score chunks in this process, or in N worker processes in the same order.

Why processes: scoring is CPU-bound Python, so threads would not help.  Why a window:
``Pool.imap`` would read the whole input ahead of the writer; here at most ``2 * jobs``
chunks are in flight, so memory stays flat.  Workers are started with ``spawn`` on every
platform (the only method on Windows), receive the criteria as text and compile their own
scorer; results come back in submission order, so ``--jobs 4`` writes exactly the bytes of
``--jobs 1``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol, TypeVar

from ..criteria import Criteria, load_criteria_text
from ..fastscore import ScoredChunk
from ..i18n import Lang
from ..parsing import Decimal
from .scorer import FastScorer

T = TypeVar("T")
Table = list[tuple[Any, ...]]  # table[column][row]


class Scorer(Protocol):
    def map(self, chunks: Iterable[tuple[T, Table]]) -> Iterator[tuple[T, ScoredChunk]]: ...


class _Local:
    def __init__(self, scorer: FastScorer) -> None:
        self._scorer = scorer

    def map(self, chunks: Iterable[tuple[T, Table]]) -> Iterator[tuple[T, ScoredChunk]]:
        score = self._scorer.score_columns
        for context, table in chunks:
            yield context, score(table, len(table[0]) if table else 0)


def local_scorer(scorer: FastScorer) -> Scorer:
    """Score in this process."""
    return _Local(scorer)


_WORKER: FastScorer | None = None


def _start(text: str, source: str, columns: dict[str, int], decimal: Decimal, lang: Lang) -> None:
    global _WORKER
    _WORKER = FastScorer(load_criteria_text(text, source), columns, decimal=decimal, lang=lang)


def _score(table: Table) -> ScoredChunk:
    assert _WORKER is not None
    return _WORKER.score_columns(table, len(table[0]) if table else 0)


class _Pool:
    def __init__(self, pool: Any, jobs: int) -> None:
        self._pool = pool
        self._window = 2 * jobs

    def map(self, chunks: Iterable[tuple[T, Table]]) -> Iterator[tuple[T, ScoredChunk]]:
        pending: deque[tuple[T, Any]] = deque()
        for context, table in chunks:
            pending.append((context, self._pool.apply_async(_score, (table,))))
            if len(pending) >= self._window:
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()


@contextlib.contextmanager
def pool_scorer(
    criteria: Criteria,
    columns: Mapping[str, int],
    *,
    decimal: Decimal = "auto",
    lang: Lang = "id",
    jobs: int = 2,
) -> Iterator[Scorer]:
    """Score in ``jobs`` worker processes (stopped when the context ends)."""
    context = multiprocessing.get_context("spawn")
    arguments = (criteria.text, criteria.source, dict(columns), decimal, lang)
    pool = context.Pool(jobs, initializer=_start, initargs=arguments)
    try:
        yield _Pool(pool, jobs)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
