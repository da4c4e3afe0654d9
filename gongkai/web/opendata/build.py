"""Building the open-data files in one pass over the library.

Every file of a build is written into a new hidden folder; the folder is renamed into place
once complete, and only then does the manifest (itself written to a temporary name and
renamed) point to it. A reader therefore sees the old set or the new set, never a half
file. Builds take a lock on the folder (flock), so two workers finishing publications at
once build one after the other, and a build that finds the files already newer than its
request does nothing. The build before the current one is kept, for downloads that began
on it; older ones and the leftovers of crashed builds are removed.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import gzip
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TextIO

from gongkai import opendata
from gongkai.opendata import CellsCsv, LibraryEntry, ParquetTables, jsonl_line
from gongkai.web.opendata.files import MANIFEST, Manifest, current
from gongkai.web.opendata.library import CSV_META, META

BATCH = 500  # reports per Parquet row group: about 100,000 cells
BUILDING, BUILT = ".building-", "build-"


def refresh(
    root: Path,
    entries: Callable[[], Iterable[LibraryEntry]],
    requested_at: dt.datetime | None = None,
) -> Manifest | None:
    """Build the files unless a build that began after `requested_at` exists already;
    returns the new manifest, or None when there was nothing to do."""
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        known = current(root)
        if requested_at and known and known.started_at >= requested_at:
            return None
        return build(root, entries(), dt.datetime.now(dt.UTC), known)


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    with (root / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
        yield


def build(
    root: Path, entries: Iterable[LibraryEntry], started_at: dt.datetime, previous: Manifest | None
) -> Manifest:
    """Write a complete set, then make it current (the caller holds the lock)."""
    folder = Path(tempfile.mkdtemp(prefix=BUILDING, dir=root))
    try:
        reports, cells = write_files(folder, entries)
        _sync(folder)
        final = root / f"{BUILT}{started_at:%Y%m%dT%H%M%S%f}"
        folder.rename(final)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    sizes = {path.name: path.stat().st_size for path in final.iterdir()}
    manifest = Manifest(started_at, dt.datetime.now(dt.UTC), reports, cells, final.name, sizes)
    _replace(root / MANIFEST, manifest.to_json())
    _remove_old(root, keep={final.name, previous.folder if previous else ""})
    return manifest


def write_files(folder: Path, entries: Iterable[LibraryEntry]) -> tuple[int, int]:
    """Every file of `FILES` in `folder`; returns (reports, cells) written."""
    with (folder / "dictionary.csv").open("w", encoding="utf-8-sig", newline="") as out:
        opendata.write_dictionary_csv(out)
    reports = cells = 0
    with ExitStack() as stack:
        archive = stack.enter_context(zipfile.ZipFile(folder / "cells.csv.zip", "w"))
        archive.write(folder / "dictionary.csv", "dictionary.csv", zipfile.ZIP_DEFLATED)
        csv_text = stack.enter_context(_zipped_text(archive, "cells.csv"))
        lines = stack.enter_context(gzip.open(folder / "reports.jsonl.gz", "wt", encoding="utf-8"))
        tables = stack.enter_context(
            ParquetTables(
                stack.enter_context((folder / "reports.parquet").open("wb")),
                stack.enter_context((folder / "cells.parquet").open("wb")),
                META,
            )
        )
        cells_csv = CellsCsv(csv_text, CSV_META)
        for batch in opendata.batches(entries, BATCH):
            for entry in batch:
                cells += cells_csv.write(entry)
                lines.write(jsonl_line(entry))
            tables.write(batch)
            reports += len(batch)
    return reports, cells


def _zipped_text(archive: zipfile.ZipFile, name: str) -> TextIO:
    """A member written as a stream (zip64: a national library's CSV passes 4 GiB), in
    UTF-8 with a BOM so that Excel reads the Chinese."""
    info = zipfile.ZipInfo(name, date_time=dt.datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    binary = archive.open(info, "w", force_zip64=True)
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")


def _sync(folder: Path) -> None:
    """On disk before the rename makes them current (a crash must not leave empty files)."""
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


def _replace(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _remove_old(root: Path, keep: set[str]) -> None:
    for path in root.iterdir():
        if path.is_dir() and path.name.startswith((BUILT, BUILDING)) and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
