"""A run: every item loaded and hashed here, the new ones read by the worker pool, the
outcomes written to the sink in batches.

Hashing happens before reading, so a file the sink already holds (an earlier run, or the
same bytes under another name in this one) costs a read of its bytes and nothing more.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from gongkai import checks
from gongkai.errors import GongkaiError
from gongkai.ingest.beside import read_beside
from gongkai.ingest.pool import ReaderPool, WorkerLimits
from gongkai.ingest.sink import Failed, Ingested, Outcome, ReportSink
from gongkai.ingest.sources import Item, Loader
from gongkai.ingest.work import Task, read_one
from gongkai.readers.limits import DEFAULT_LIMITS, Limits

LOOKAHEAD = 64  # files loaded and hashed at a time (one `known` question to the sink)
BATCH = 50  # outcomes written together
FLUSH_SECONDS = 2.0  # or after this long, whichever comes first
DEFAULT_WORKER_LIMITS = WorkerLimits()


class Observer(Protocol):
    def advance(self, event: str) -> None:
        """One item done: "read", "failed", "known" (held already) or "duplicate"."""
        ...


@dataclass
class Summary:
    total: int = 0
    read: int = 0
    failed: int = 0
    known: int = 0  # held by the sink already
    duplicates: int = 0  # the same bytes as another item of this run
    with_errors: int = 0  # reports that break a rule (勾稽关系)
    pages: int = 0
    seconds: float = 0.0
    peak_mb: float = 0.0  # the largest worker's peak resident memory
    worker_cpu: float = 0.0  # CPU seconds the workers used reading
    failures: list[Failed] = field(default_factory=list)


def ingest(
    items: Sequence[Item],
    sink: ReportSink,
    *,
    workers: int = os.cpu_count() or 1,
    limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
    reader_limits: Limits = DEFAULT_LIMITS,
    observer: Observer | None = None,
) -> Summary:
    """Read `items` into `sink`: each read within `limits` (time, memory) by the pool and
    within `reader_limits` (pages, sizes: gongkai.readers.limits) by the readers."""
    run = _Run(sink, observer, Summary(total=len(items)), reader_limits)
    start = time.perf_counter()
    try:
        # A partial of a module's function and a frozen dataclass: pickled into the workers.
        reader = functools.partial(read_one, limits=reader_limits)
        with ReaderPool(workers, limits, reader) as pool:
            for outcome in read_beside(pool, run.tasks(items), ahead=LOOKAHEAD):
                run.record(outcome)
            run.summary.peak_mb, run.summary.worker_cpu = pool.peak_mb, pool.cpu_seconds
    finally:
        run.loader.close()
        run.flush()
        run.summary.seconds = time.perf_counter() - start
    return run.summary


class _Run:
    def __init__(
        self,
        sink: ReportSink,
        observer: Observer | None,
        summary: Summary,
        limits: Limits,
    ) -> None:
        self.sink, self.observer, self.summary = sink, observer, summary
        self.buffer: list[Outcome] = []
        self.flushed = time.monotonic()
        self.seen: set[str] = set()
        self.sources: dict[str, bytes] = {}  # files in the workers' hands, by sha256
        self.loader = Loader(limits)

    def tasks(self, items: Sequence[Item]) -> Iterator[Task]:
        for first in range(0, len(items), LOOKAHEAD):
            loaded = [t for t in map(self._load, items[first : first + LOOKAHEAD]) if t]
            known = self.sink.known([digest for _, digest, _ in loaded])
            for task in loaded:
                event = "known" if task[1] in known else "duplicate" if task[1] in self.seen else ""
                if event:
                    self._count(event)
                    continue
                self.seen.add(task[1])
                self.sources[task[1]] = task[2]
                yield task

    def _load(self, item: Item) -> Task | None:
        try:
            data = self.loader.load(item)
        except GongkaiError as exc:
            self.record(Failed(item.name, None, exc.code, exc.message))
            return None
        return item.name, hashlib.sha256(data).hexdigest(), data

    def record(self, outcome: Outcome) -> None:
        source = self.sources.pop(outcome.sha256, None) if outcome.sha256 else None
        if isinstance(outcome, Ingested):
            outcome = replace(outcome, source=source)
            self.summary.read += 1
            self.summary.pages += outcome.pages or 0
            if checks.errors(outcome.report.findings or []):
                self.summary.with_errors += 1
            self._count("read")
        else:
            self.summary.failed += 1
            self.summary.failures.append(outcome)
            self._count("failed")
        self.buffer.append(outcome)
        if len(self.buffer) >= BATCH or time.monotonic() - self.flushed >= FLUSH_SECONDS:
            self.flush()

    def _count(self, event: str) -> None:
        if event == "known":
            self.summary.known += 1
        elif event == "duplicate":
            self.summary.duplicates += 1
        if self.observer:
            self.observer.advance(event)

    def flush(self) -> None:
        if self.buffer:
            self.sink.write(self.buffer)
            self.buffer = []
        self.flushed = time.monotonic()
