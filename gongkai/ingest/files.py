"""The sinks for a machine without the database: a folder of JSON Lines or of Parquet.

Either way the folder holds `failures.jsonl` (one object per unreadable file: its name,
sha256, the error's code and message, as `gongkai parse` prints errors) beside the
reports. Both survive `kill -9`: JSON Lines are appended whole and a torn last line is cut
off when the folder is opened again; Parquet is written in parts, each to a temporary
name and then renamed, so a part is there whole or not at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.ingest.sink import Failed, Ingested, Outcome
from gongkai.opendata import LibraryEntry, report_row

FAILURES = "failures.jsonl"


class OutputError(GongkaiError):
    code = "ingest.output"


class _JsonLines:
    """An append-only file of JSON objects, one per line, that knows its digests."""

    def __init__(self, path: Path, digest_of: Callable[[dict[str, Any]], str | None]) -> None:
        self.path = path
        self.digests: set[str] = set()
        _cut_torn_line(path)
        for line in _lines(path):
            digest = digest_of(line)
            if digest:
                self.digests.add(digest)
        self._file = path.open("a", encoding="utf-8")

    def append(self, objects: Sequence[dict[str, Any]]) -> None:
        self._file.write("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects))
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()


def _cut_torn_line(path: Path) -> None:
    """A process killed while appending leaves a last line without its line break."""
    if not path.exists():
        return
    with path.open("rb+") as handle:
        data = handle.read()
        if data and not data.endswith(b"\n"):
            handle.truncate(data.rfind(b"\n") + 1)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                detail = f"{path.name} 第{number}行"
                raise OutputError(messages.OUTPUT_BROKEN.format(detail=detail)) from exc


def failure_object(failure: Failed) -> dict[str, Any]:
    return {
        "source": {"path": failure.name, "sha256": failure.sha256},
        "error": {"code": failure.code, "message": failure.message},
    }


class _JsonReports:
    """reports.jsonl: each line the report as `gongkai parse` prints it (the contract's JSON,
    its source naming the file and the sha256 of its bytes)."""

    def __init__(self, folder: Path) -> None:
        self._lines = _JsonLines(folder / "reports.jsonl", lambda o: o["source"]["sha256"])
        self.digests = self._lines.digests

    def append(self, reports: list[Ingested]) -> None:
        self._lines.append([r.report.to_json() for r in reports])
        self.digests.update(r.sha256 for r in reports)

    def close(self) -> None:
        self._lines.close()


class _ParquetReports:
    """reports/part-NNNNNN.parquet: one row per report (`opendata.report_row`: agency, year,
    template, counts of findings, the report's JSON), plus pages. Read the folder as one
    table: `duckdb: SELECT * FROM 'reports/*.parquet'`, `pyarrow.dataset.dataset(folder)`."""

    def __init__(self, folder: Path) -> None:
        import pyarrow.parquet as pq

        self._parts = folder / "reports"
        self._parts.mkdir(exist_ok=True)
        for leftover in self._parts.glob("*.tmp"):
            leftover.unlink()
        self.digests: set[str] = set()
        parts = sorted(self._parts.glob("part-*.parquet"))
        for part in parts:
            self.digests.update(pq.read_table(part, columns=["sha256"]).column(0).to_pylist())
        self._next = int(parts[-1].stem.split("-")[1]) + 1 if parts else 0

    def append(self, reports: list[Ingested]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [
            {**report_row(LibraryEntry(r.sha256, r.report)), "sha256": r.sha256, "pages": r.pages}
            for r in reports
        ]
        target = self._parts / f"part-{self._next:06d}.parquet"
        self._next += 1
        temporary = target.with_suffix(".tmp")
        pq.write_table(pa.Table.from_pylist(rows), temporary)
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        self.digests.update(r.sha256 for r in reports)

    def close(self) -> None:
        pass


FORMATS = ("jsonl", "parquet")


class FileSink:
    """A ReportSink on a folder: the reports in the chosen format, and failures.jsonl."""

    def __init__(self, folder: Path, format: str = "jsonl") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._failures = _JsonLines(folder / FAILURES, lambda o: o["source"].get("sha256"))
        store = _ParquetReports if format == "parquet" else _JsonReports
        self._reports: _JsonReports | _ParquetReports = store(folder)

    def known(self, digests: Collection[str]) -> set[str]:
        return {d for d in digests if d in self._reports.digests or d in self._failures.digests}

    def write(self, outcomes: Sequence[Outcome]) -> None:
        fresh = [o for o in outcomes if o.sha256 is None or not self.known([o.sha256])]
        reports = [o for o in fresh if isinstance(o, Ingested)]
        failures = [o for o in fresh if isinstance(o, Failed)]
        if reports:
            self._reports.append(reports)
        if failures:
            self._failures.append([failure_object(f) for f in failures])
            self._failures.digests.update(f.sha256 for f in failures if f.sha256)

    def close(self) -> None:
        self._reports.close()
        self._failures.close()
