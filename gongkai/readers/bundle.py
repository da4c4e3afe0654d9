"""A zip of report files, opened into its files (a DOCX, XLSX or OFD is one file, not a
bundle).

Limits are the trust boundary for uploads: the number of files and their unpacked size are
checked from the zip's directory before anything is unpacked, and members are inflated
in steps that stop at their declared size (gongkai.readers.zips).
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.zips import ofd_limits, opened, read_member, real_size

# The entry parts of the packages that are one file each (Word, Excel, OFD).
OFFICE_PARTS = ("word/document.xml", "xl/workbook.xml", "OFD.xml")


def unpack(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, bytes]]:
    """The files of a bundle as (name, bytes); any other file as itself."""
    if not data.startswith(b"PK\x03\x04"):
        return [(name, data)]
    # opened as an OFD may be (a part or more a page); a bundle is held to `zip_members`
    with opened(data, ofd_limits(limits), name, messages.BAD_BUNDLE) as archive:
        infos = archive.infolist()
        if any(info.filename in OFFICE_PARTS for info in infos):
            return [(name, data)]
        limits.check("zip_members", len(infos), name)
        members = [i for i in infos if not i.is_dir() and is_wanted(i.filename)]
        if not members:
            raise UnreadableInput(messages.EMPTY_BUNDLE, location=name)
        for info in members:
            real_size(data, info, name)  # a member inflating past its declared size is refused
        return [(f"{name}/{member_name(i)}", read_member(archive, i)) for i in members]


def is_wanted(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return not any(p.startswith(".") or p == "__MACOSX" for p in parts)


def member_name(info: zipfile.ZipInfo) -> str:
    """Chinese Windows zips name files in GBK without saying so (no UTF-8 flag)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename
