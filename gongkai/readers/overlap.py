"""Work on the items of a sequence side by side, the items made one at a time.

A scanned document's pages are rendered (pdfium, which is not safe to call from two
threads) or decoded on the caller's thread, and each page is read on a worker thread: the
next page is made ready while the recogniser reads the one before, and one page's
preparation (binarising, finding its rules) overlaps another's recognition.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def overlapped(items: Iterable[Item], work: Callable[[Item], Result], workers: int) -> list[Result]:
    """`work` on each item, in order; at most `workers` items at work and one more made,
    so that a long document is never all in memory at once."""
    if workers <= 1:
        return [work(item) for item in items]
    results: list[Result] = []
    with ThreadPoolExecutor(workers, thread_name_prefix="page") as pool:
        running: deque[Future[Result]] = deque()
        for item in items:
            if len(running) >= workers:
                results.append(running.popleft().result())
            running.append(pool.submit(work, item))
        results += [future.result() for future in running]
    return results
