"""Where ingested reports go: the interface every store implements (files here, the web
system's library on the database), and the two kinds of outcome it stores.

A sink is the run's memory. `known` says which files (by the sha256 of their bytes) it
already holds, as a report or as a failure: those are not read again, which makes a run
idempotent and resumable. `write` stores a batch durably and exactly once: when it
returns, the batch survives a kill; if the process dies inside it, a store either keeps
each outcome whole or not at all (a database in one transaction; files by appending whole
lines or renaming whole parts), and what it lost is read again by the next run.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from gongkai.model import Report


@dataclass(frozen=True)
class Ingested:
    """A report read from a file."""

    name: str  # the path as given, a zip's path/member, or a URL
    sha256: str
    report: Report
    pages: int | None  # where the format has pages
    seconds: float  # reading time, in the worker


@dataclass(frozen=True)
class Failed:
    """A file that could not be read, and why (plain Chinese, as the CLI prints it)."""

    name: str
    sha256: str | None  # None when even the bytes could not be had
    code: str  # GongkaiError.code, stable
    message: str


Outcome = Ingested | Failed


class ReportSink(Protocol):
    def known(self, digests: Collection[str]) -> set[str]:
        """Those of `digests` that the sink holds already (as a report or a failure)."""
        ...

    def write(self, outcomes: Sequence[Outcome]) -> None:
        """Store a batch; when it returns, every outcome in it survives a kill. An outcome
        whose sha256 the sink holds already is ignored."""
        ...

    def close(self) -> None:
        """Release what the sink holds open (files, connections); idempotent."""
        ...
