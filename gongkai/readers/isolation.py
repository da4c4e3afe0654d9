"""One file read in a child process with a wall-clock limit and a memory limit.

The readers' limits refuse what can be measured before the work; what cannot (a PDF
whose content streams take minutes to interpret, a library that leaks or crashes) is
bounded here: the child sets RLIMIT_AS on itself before reading and is killed when the
time is up, so a hostile file can only end its own read. Children are forked from a
forkserver that has the readers imported (a clean process, not the caller: forking a
web worker with its threads and connections would be unsafe), which makes a read cost
a fork and two pickles more than in-process (bench/hostile.py measures it).
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from gongkai import messages
from gongkai.errors import GongkaiError, InternalError, UnreadableInput
from gongkai.model import Report
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.text import DEFAULT_SETTINGS, TextSettings

GiB = 1024 * 1024 * 1024
# Imported once by the forkserver, so that each child starts with the readers loaded (the
# bulk ingest's pool asks for the same: a process has one forkserver, whoever starts it);
# "__main__" too, or every child would run the caller's script again (multiprocessing
# re-imports a main module given by path in each child it starts).
PRELOAD = [
    "__main__",
    "pypdfium2",  # imported lazily by the PDF reader; mapped here, not under a child's limit
    *(f"gongkai.readers.{name}" for name in ("html", "docx", "xlsx", "pdf", "ofd", "ocr", "text")),
]
# How the dynamic loader says a shared library did not fit in the address space left.
_MAPPING_FAILED = ("failed to map segment", "cannot allocate memory")


@dataclass(frozen=True)
class Isolation:
    seconds: float = 300.0  # wall clock for one file (OCR of a long scan takes minutes)
    memory_bytes: int = 3 * GiB  # the child's address space (RLIMIT_AS), not its RSS


class ReadTimedOut(UnreadableInput):
    code = "input.timed_out"


class ReadOutOfMemory(UnreadableInput):
    code = "input.out_of_memory"


class ReadCrashed(InternalError):
    """The child died or failed outside the readers' typed errors: a fault of gongkai.
    `detail` (the child's traceback's last line or its signal) is for the log."""

    code = "internal.read_crashed"

    def __init__(self, message: str, *, location: str | None = None, detail: str = "") -> None:
        super().__init__(message, location=location)
        self.detail = detail


def read_isolated(
    data: bytes,
    path: str | None = None,
    settings: TextSettings = DEFAULT_SETTINGS,
    limits: Limits = DEFAULT_LIMITS,
    isolation: Isolation = Isolation(),
) -> Report:
    """read_bytes in a child process: the Report, the reader's own typed error, or
    ReadTimedOut / ReadOutOfMemory / ReadCrashed when the child did not finish."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_read_in_child,
        args=(sender, data, path, settings, limits, isolation.memory_bytes),
        daemon=True,
    )
    child.start()
    sender.close()
    outcome: tuple[str, Any] | None = ("timeout", None)
    try:
        outcome = _outcome(receiver, isolation.seconds)
    finally:
        child.join(0 if outcome and outcome[0] == "timeout" else 5)  # let it exit by itself
        if child.is_alive():
            child.kill()
            child.join()
        receiver.close()
    return _result(outcome, child.exitcode, path, isolation)


def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _outcome(receiver: Connection, seconds: float) -> tuple[str, Any] | None:
    """What the child sent: ("report", …), ("error", …), ("memory", None), ("crash", …);
    ("timeout", None) when it sent nothing in time; None when it died first."""
    if not receiver.poll(seconds):
        return ("timeout", None)
    try:
        outcome: tuple[str, Any] = receiver.recv()
    except (EOFError, OSError):
        return None
    return outcome


def _result(
    outcome: tuple[str, Any] | None, exitcode: int | None, path: str | None, isolation: Isolation
) -> Report:
    kind, value = outcome or ("died", None)
    if kind == "report":
        assert isinstance(value, Report)
        return value
    if kind == "error":
        assert isinstance(value, GongkaiError)
        raise value
    if kind == "timeout":
        raise ReadTimedOut(messages.READ_TIMED_OUT.format(seconds=isolation.seconds), location=path)
    if kind == "memory" or (kind == "died" and exitcode == -signal.SIGKILL):  # the OOM killer
        raise ReadOutOfMemory(
            messages.READ_OUT_OF_MEMORY.format(mib=isolation.memory_bytes // 2**20), location=path
        )
    raise ReadCrashed(messages.READ_CRASHED, location=path, detail=_how(exitcode, value))


def _how(exitcode: int | None, detail: str | None) -> str:
    if detail:
        return detail.strip().splitlines()[-1]
    if exitcode is not None and exitcode < 0:
        return signal.Signals(-exitcode).name
    return f"exit status {exitcode}"


def _read_in_child(
    sender: Connection,
    data: bytes,
    path: str | None,
    settings: TextSettings,
    limits: Limits,
    memory_bytes: int,
) -> None:
    from gongkai.readers import read_bytes

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        sender.send(("report", read_bytes(data, path, settings, limits)))
    except GongkaiError as exc:
        sender.send(("error", exc))
    except MemoryError:
        sender.send(("memory", None))
    except (OSError, ImportError) as exc:  # a library loaded lazily may not fit in the limit
        sender.send(("memory", None) if _mapping_failed(exc) else ("crash", traceback.format_exc()))
    except BaseException:
        sender.send(("crash", traceback.format_exc()))
    finally:
        sender.close()


def _mapping_failed(exc: OSError | ImportError) -> bool:
    return any(words in str(exc).lower() for words in _MAPPING_FAILED)
