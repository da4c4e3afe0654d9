"""Worker processes that read files, each read bounded in time and memory.

A plain process pool cannot stop one stuck task, and loses every pending task when a
worker dies. Here each worker gets one file at a time over its own pipe: a read that
passes its deadline has its worker killed and replaced, a worker that dies (a crash in a
native library, the memory limit) is replaced, and either way the file is reported as a
failure while the run goes on.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType

from gongkai import messages
from gongkai.ingest.sink import Failed, Outcome
from gongkai.ingest.work import Task, cpu_seconds, peak_memory_mb, read_one
from gongkai.readers import ocr
from gongkai.readers.isolation import PRELOAD

Reader = Callable[[Task], Outcome]


@dataclass(frozen=True)
class WorkerLimits:
    seconds: float = 300.0  # per file: OCR of a long scan takes minutes
    memory_mb: int | None = None  # per worker process (address space), None for no limit


class _Worker:
    def __init__(
        self,
        context: multiprocessing.context.BaseContext,
        reader: Reader,
        limits: WorkerLimits,
        threads: int,
    ) -> None:
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, reader, limits.memory_mb, threads), daemon=True
        )
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.deadline = 0.0
        self.cpu = 0.0  # CPU seconds the process has used, as it last said

    def give(self, task: Task, seconds: float) -> None:
        self.task, self.deadline = task, time.monotonic() + seconds
        self.conn.send(task)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _serve(conn: Connection, reader: Reader, memory_mb: int | None, threads: int) -> None:
    # A scan's OCR runs on all cores by default: two workers doing so would each fight the
    # other for the cores. (Set on the module: the forkserver may have imported it already.)
    ocr.use_threads(threads)
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while (task := conn.recv()) is not None:
        try:
            outcome = reader(task)
        except MemoryError:  # the limit above: the memory is free again once it is raised
            outcome = Failed(task[0], task[1], "ingest.out_of_memory", messages.OUT_OF_MEMORY)
        conn.send((outcome, peak_memory_mb(), cpu_seconds()))


class ReaderPool:
    """`run(tasks)` yields one outcome per task, in the order they finish."""

    def __init__(
        self, workers: int, limits: WorkerLimits = WorkerLimits(), reader: Reader = read_one
    ) -> None:
        method = (
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        self._context = multiprocessing.get_context(method)
        if method == "forkserver":
            # The process's one forkserver: the same modules whoever starts it (an isolated
            # read's child, started from it, must find the readers imported already).
            self._context.set_forkserver_preload([*PRELOAD, "gongkai.ingest.work"])
        self._reader, self._limits = reader, limits
        self._count = max(1, workers)
        self._workers: list[_Worker] = []  # started with the first task: none may come
        self.peak_mb = 0.0  # the largest peak resident memory of a worker
        self._spent = 0.0  # CPU seconds of the workers stopped so far

    def _start(self) -> _Worker:
        threads = max(1, (os.cpu_count() or 1) // self._count)  # each worker's share for OCR
        return _Worker(self._context, self._reader, self._limits, threads)

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def workers(self) -> int:
        return self._count

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds the workers used, as each last said (a killed read's own time is lost)."""
        return self._spent + sum(w.cpu for w in self._workers)

    def close(self) -> None:
        for worker in self._workers:
            if worker.task is None and worker.process.is_alive():
                worker.conn.send(None)
            worker.stop()
        self._spent = self.cpu_seconds
        self._workers = []

    def run(self, tasks: Iterator[Task]) -> Iterator[Outcome]:
        first = next(tasks, None)
        if first is None:
            return
        if not self._workers:
            self._workers = [self._start() for _ in range(self._count)]
        pending = itertools.chain([first], tasks)
        exhausted = False
        while True:
            for worker in self._workers:
                if worker.task is None and not exhausted:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                    else:
                        worker.give(task, self._limits.seconds)
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                return
            yield from self._collect(busy)

    def _collect(self, busy: list[_Worker]) -> Iterator[Outcome]:
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = set(wait([w.conn for w in busy], timeout=timeout))
        for worker in busy:
            if worker.conn in ready:
                yield self._receive(worker)
            elif time.monotonic() >= worker.deadline:
                yield self._replace(
                    worker,
                    messages.READ_TIMEOUT.format(seconds=self._limits.seconds),
                    "ingest.timeout",
                )

    def _receive(self, worker: _Worker) -> Outcome:
        try:
            outcome, peak, worker.cpu = worker.conn.recv()
        except (EOFError, OSError):
            return self._replace(worker, messages.READER_DIED, "ingest.reader_died")
        worker.task = None
        self.peak_mb = max(self.peak_mb, peak)
        return outcome  # type: ignore[no-any-return]

    def _replace(self, worker: _Worker, message: str, code: str) -> Failed:
        assert worker.task is not None
        name, digest, _ = worker.task
        worker.stop()
        self._spent += worker.cpu
        self._workers[self._workers.index(worker)] = self._start()
        return Failed(name, digest, code, message)
