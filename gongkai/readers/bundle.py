"""A zip of report files, opened into its files (a DOCX or XLSX is one file, not a bundle).

Limits are the trust boundary for uploads: the number of files and their unpacked size are
checked from the zip's directory before anything is unpacked.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.readers.detect import MAX_UNPACKED

MAX_FILES = 200
OFFICE_PARTS = ("word/document.xml", "xl/workbook.xml")


def unpack(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The files of a bundle as (name, bytes); any other file as itself."""
    if not data.startswith(b"PK\x03\x04"):
        return [(name, data)]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if any(info.filename in OFFICE_PARTS for info in infos):
                return [(name, data)]
            members = [i for i in infos if not i.is_dir() and is_wanted(i.filename)]
            _check_limits(name, members)
            return [(f"{name}/{member_name(i)}", archive.read(i)) for i in members]
    # zipfile signals a compression method it lacks (Deflate64, …) with NotImplementedError.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise UnreadableInput(messages.BAD_BUNDLE, location=name) from exc


def is_wanted(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return not any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _check_limits(name: str, members: list[zipfile.ZipInfo]) -> None:
    if not members:
        raise UnreadableInput(messages.EMPTY_BUNDLE, location=name)
    if len(members) > MAX_FILES:
        raise UnreadableInput(messages.TOO_MANY_FILES.format(limit=MAX_FILES), location=name)
    if sum(i.file_size for i in members) > MAX_UNPACKED:
        raise UnreadableInput(messages.ZIP_BOMB, location=name)


def member_name(info: zipfile.ZipInfo) -> str:
    """Chinese Windows zips name files in GBK without saying so (no UTF-8 flag)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename
