"""Readers that misbehave on purpose, for the worker pool's tests (module-level, so that
worker processes can load them by name)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from gongkai.ingest.sink import Failed, Outcome
from gongkai.ingest.work import Task, read_one


def stuck_on_slow(task: Task) -> Outcome:
    if "slow" in task[0]:
        time.sleep(60)
    return read_one(task)


def hungry_on_huge(task: Task) -> Outcome:
    if "huge" in task[0]:
        bytearray(8 * 1024**3)  # more than any limit the test sets
    return read_one(task)


def dies_on_crash(task: Task) -> Outcome:
    if "crash" in task[0]:
        os._exit(3)  # as a segfault in a native library would
    return read_one(task)


def busy_on_spin(task: Task) -> Outcome:
    if "spin" in task[0]:
        until = time.process_time() + 0.5
        while time.process_time() < until:
            pass
    return dies_on_crash(task)


def tells_ocr_threads(task: Task) -> Outcome:
    """The threads a scan's OCR would use in this worker, said as a failure's message."""
    from gongkai.readers import ocr

    return Failed(task[0], task[1], "test.threads", str(ocr.THREADS))


def marks_done(task: Task) -> Outcome:
    """Reads the file, then leaves `<name>.done` beside it: what was read, seen from outside."""
    outcome = read_one(task)
    Path(task[0] + ".done").touch()
    return outcome
