"""The worker pool run on a thread of its own, beside the caller's writing.

With the pool in the caller's loop, its workers waited whenever the caller wrote a batch to
the sink: a database's batch takes as long as many reads, and a second worker made a run
only 9–15 % faster (bench/ingest.py). Here a thread keeps the workers fed while the caller
writes. The tasks are still drawn on the caller's thread, since drawing them asks the sink
what it holds, and a sink (a database connection) belongs to the thread that opened it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from gongkai.ingest.pool import ReaderPool
from gongkai.ingest.sink import Outcome
from gongkai.ingest.work import Task


def read_beside(pool: ReaderPool, tasks: Iterator[Task], ahead: int) -> Iterator[Outcome]:
    """`pool.run(tasks)`'s outcomes, the pool's thread holding up to `ahead` tasks drawn
    in advance (their bytes are in memory: `ahead` bounds it). At least one more than the
    pool has workers: a pool that finds no task for an idle worker waits for one before it
    gives back an outcome, and this thread tops the tasks up only after an outcome."""
    feed: queue.Queue[Task | None] = queue.Queue(maxsize=max(ahead, pool.workers + 1))
    done: queue.Queue[Outcome | BaseException | None] = queue.Queue()  # None: all read
    thread = threading.Thread(target=_serve, args=(pool, feed, done), daemon=True)
    thread.start()
    drawing = True
    while True:
        while drawing and not feed.full():  # only this thread puts: the check holds
            task = next(tasks, None)
            feed.put(task)
            drawing = task is not None
        got = done.get()
        if isinstance(got, BaseException):
            raise got
        if got is None:
            break
        yield got
    thread.join()


def _serve(
    pool: ReaderPool,
    feed: queue.Queue[Task | None],
    done: queue.Queue[Outcome | BaseException | None],
) -> None:
    try:
        for outcome in pool.run(iter(feed.get, None)):
            done.put(outcome)
    except BaseException as exc:  # raised again on the caller's thread
        done.put(exc)
    else:
        done.put(None)
