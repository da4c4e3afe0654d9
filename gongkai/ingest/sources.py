"""What to ingest: folders (every file in them, at any depth), zips (every file in them),
single files, and lists (a text file naming one path or URL per line).

Nothing is read here but folders' listings and zips' directories: a file's bytes are read
by `load`, one file at a time, when its turn comes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongkai import messages
from gongkai.errors import GongkaiError, UnreadableInput
from gongkai.readers import read_file
from gongkai.readers.bundle import OFFICE_PARTS, is_wanted, member_name
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.zips import read_member


class IngestError(GongkaiError):
    """A path given to the command does not exist, or a list cannot be read."""

    code = "ingest.bad_source"


@dataclass(frozen=True)
class Item:
    """One file to ingest: a file on disk, a member of a zip on disk, or a URL."""

    name: str
    path: Path | None = None
    member: str | None = None
    url: str | None = None


def expand(paths: Sequence[str], lists: Sequence[str] = ()) -> list[Item]:
    """Every file the arguments name, in a stable order; raises IngestError for a path
    that is not there (a typing mistake: nothing is read then)."""
    items: list[Item] = []
    for given in paths:
        if not Path(given).exists():
            raise IngestError(messages.FILE_NOT_FOUND, location=given)
        items += _expand_path(Path(given))
    for listing in lists:
        items += _from_list(Path(listing))
    return items


def _expand_path(path: Path) -> Iterator[Item]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and is_wanted(child.relative_to(path).as_posix()):
                yield from _expand_file(child)
    else:
        yield from _expand_file(path)


def _expand_file(path: Path) -> Iterator[Item]:
    members = _bundle_members(path)
    if members is None:
        yield Item(str(path), path=path)
        return
    for member in members:
        yield Item(f"{path}/{member_name(member)}", path=path, member=member.filename)


def _bundle_members(path: Path) -> list[zipfile.ZipInfo] | None:
    """The files of a zip of reports; None for any other file (a DOCX or XLSX is a zip too,
    and a broken zip is left for `load` to fail on)."""
    try:
        with path.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                return None
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile):
        return None
    if any(info.filename in OFFICE_PARTS for info in infos):
        return None
    return [i for i in infos if not i.is_dir() and is_wanted(i.filename)]


def _from_list(listing: Path) -> Iterator[Item]:
    try:
        lines = listing.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(messages.BAD_LIST, location=str(listing)) from exc
    for line in lines:
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith(("http://", "https://")):
            yield Item(entry, url=entry)
            continue
        path = Path(entry) if Path(entry).is_absolute() else listing.parent / entry
        yield from _expand_path(path) if path.exists() else iter([Item(str(path), path=path)])


class Loader:
    """Reads items one after the other. The zip last read from stays open: a zip of 10,000
    reports is opened once, not once for each of them (its directory read each time)."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._archive: tuple[Path, zipfile.ZipFile] | None = None

    def load(self, item: Item) -> bytes:
        """The bytes of one item, or UnreadableInput with the reason."""
        if item.url is not None:
            from gongkai.ingest.urls import fetch_url

            return fetch_url(item.url)
        assert item.path is not None
        if item.member is None:
            return read_file(item.path, self.limits)
        try:
            return self._member(item.path, item.member, item.name)
        # zipfile signals a compression method it lacks (Deflate64, …) with NotImplementedError.
        except (OSError, zipfile.BadZipFile, KeyError, NotImplementedError) as exc:
            raise UnreadableInput(messages.BAD_BUNDLE, location=item.name) from exc

    def _member(self, path: Path, member: str, name: str) -> bytes:
        if self._archive is None or self._archive[0] != path:
            self.close()
            self._archive = (path, zipfile.ZipFile(path))
        archive = self._archive[1]
        info = archive.getinfo(member)
        # The declared size against the limit, then read in steps up to that size only.
        self.limits.check("unpacked_bytes", info.file_size, name)
        return read_member(archive, info)

    def close(self) -> None:
        if self._archive is not None:
            self._archive[1].close()
            self._archive = None
