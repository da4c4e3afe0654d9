"""The cyclic garbage collector paused while a loop makes many short-lived objects that
form no cycles (a PDF page's characters, lines and cells: tuples and lists freed by
their reference counts as soon as the page is done).

While it runs, each few hundred objects made start a collection of the youngest
generation, and now and then of all objects the process holds (its modules, the
catalogue): on the PDF reader's corpus some 5 % of the read found nothing to free.
Pauses nest and may overlap between threads: the collector runs again when the last one
ends, if it ran before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _paused, _was_enabled
    with _lock:
        if not _paused:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if not _paused and _was_enabled:
                gc.enable()
