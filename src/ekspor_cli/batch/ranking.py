"""Rows in score order: all of them (``--sort score``) or the best N (``--top N``).

Why a spool: ranking a million rows needs every row before the first can be written.
Rows go to a temporary file as they are scored and only ``(score, position)`` stays in
memory -- 16 bytes a row in two arrays -- so a sort costs disk, not gigabytes.  ``--top N``
keeps just N rows in a heap.  Ties keep input order; rows that could not be scored come
last (sort) or are left out (top: they are in the errors file and the summary).
"""

from __future__ import annotations

import heapq
import marshal
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

MISSING = float("-inf")  # the score of a row with errors


class SortedSpool:
    """Every row, written back in descending score order by :meth:`rows`."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="ekspor-sort-")  # noqa: SIM115 -- closed in rows()
        self._offsets = array("q")
        self._scores = array("d")

    def add(self, scores: Iterable[float | None], rows: Iterable[Any]) -> None:
        """Rows as the writer's units: a CSV/JSON line (text) or a tuple of cells."""
        handle = self._file
        for score, row in zip(scores, rows, strict=True):
            self._offsets.append(handle.tell())
            self._scores.append(MISSING if score is None else score)
            marshal.dump(row, handle)

    def rows(self) -> Iterator[Any]:
        """The rows, best first; closes (and deletes) the spool file at the end."""
        scores = self._scores
        order = sorted(range(len(scores)), key=lambda i: -scores[i])  # stable: ties in order
        handle = self._file
        try:
            for i in order:
                handle.seek(self._offsets[i])
                yield marshal.load(handle)
        finally:
            handle.close()


class TopRows:
    """The ``limit`` best-scored rows (rows with errors never enter)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._heap: list[tuple[float, int, Any]] = []
        self._seen = 0

    def add(self, scores: Iterable[float | None], rows: Iterable[Any]) -> None:
        heap = self._heap
        for score, row in zip(scores, rows, strict=True):
            self._seen += 1
            if score is None or self._limit <= 0:
                continue
            item = (score, -self._seen, row)
            if len(heap) < self._limit:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)

    def rows(self) -> Iterator[Any]:
        for _, _, row in sorted(self._heap, key=lambda item: (-item[0], -item[1])):
            yield row
