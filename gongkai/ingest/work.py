"""Reading one file, as a worker process does it: every failure becomes a `Failed`
outcome, so that one bad file never stops the run."""

from __future__ import annotations

import resource
import time

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.ingest.sink import Failed, Ingested, Outcome
from gongkai.readers import read_bytes
from gongkai.readers.detect import detect_format
from gongkai.readers.limits import DEFAULT_LIMITS, Limits

Task = tuple[str, str, bytes]  # name, sha256, bytes


def read_one(task: Task, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    name, digest, data = task
    start = time.perf_counter()
    try:
        report = read_bytes(data, name, limits=limits)
        pages = _pages(data, limits)
    except GongkaiError as exc:
        return Failed(name, digest, exc.code, exc.message)
    except MemoryError:
        raise  # the pool reports it, with the limit
    except Exception:  # a reader's own bug must not stop thousands of others
        return Failed(name, digest, "ingest.reader_failed", messages.READER_FAILED)
    return Ingested(name, digest, report, pages, time.perf_counter() - start)


def _pages(data: bytes, limits: Limits) -> int | None:
    kind = detect_format(data)
    if kind == "ofd":
        from gongkai.readers.ofd import page_count

        return page_count(data, limits)
    if kind != "pdf":
        return None
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def peak_memory_mb() -> float:
    """This process's peak resident memory."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU seconds this process has used (user and system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
