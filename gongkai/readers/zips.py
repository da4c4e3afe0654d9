"""Zips (DOCX and XLSX packages, bundles of reports) opened within limits.

A zip's directory declares each member's size, and a hostile zip lies: a member that
declares 1 KiB may inflate to gigabytes, which zipfile (asked for a whole member, as
python-docx and openpyxl ask) inflates in one call before cutting it to the declared
size. So the entries are counted in the central directory before zipfile parses it
(building an object for each), the declared sizes are checked next, and then every
member's real stream is inflated in small steps and counted, before any library sees
the package.
"""

from __future__ import annotations

import dataclasses
import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from gongkai import messages
from gongkai.errors import OverLimit, UnreadableInput
from gongkai.readers.limits import Limits

_CHUNK = 64 * 1024
_END_RECORD = b"PK\x05\x06"
_END_SIZE = 22
# zipfile (_EndRecData) takes the last 22 bytes for the end record when they hold one with
# no comment, and else looks for it in the last 22 + 65,536 bytes: a comment of up to
# 64 KiB, and one byte more. The count must find the record wherever zipfile finds it.
_END_SEARCH = _END_SIZE + (1 << 16)
_ZIP64_LOCATOR, _ZIP64_LOCATOR_SIZE = b"PK\x06\x07", 20
_ZIP64_END_RECORD, _ZIP64_END_SIZE = b"PK\x06\x06", 56
_DIRECTORY_RECORD = b"PK\x01\x02"
# signature, then past versions, flags, method, time, date, crc and sizes: the lengths of
# the name, extra field and comment that follow the record's 46 bytes.
_DIRECTORY_HEAD = struct.Struct("<4s24x3H12x")
_LOCAL = struct.Struct("<4s5H3L2H")  # signature, versions, flags, method, time, date,
# crc, sizes, name and extra lengths: the header before each member's data.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
OFD_PARTS_PER_PAGE = 4  # package members an OFD may hold for each page (`ofd_limits`)


@contextmanager
def opened(
    data: bytes, limits: Limits, location: str | None = None, broken: str = messages.BAD_ZIP
) -> Iterator[zipfile.ZipFile]:
    """The zip, its entry count and declared sizes checked; `broken` if it is broken."""
    if directory_entries(data, limits.zip_members) > limits.zip_members:
        raise OverLimit("zip_members", None, limits.zip_members, location=location)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_directory(archive.infolist(), limits, location)
            yield archive
    # zipfile signals a compression method it lacks (Deflate64, …) with NotImplementedError.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise UnreadableInput(broken, location=location) from exc


def directory_entries(data: bytes, most: int) -> int:
    """The entries zipfile will list, counted in the central directory where zipfile finds
    it, up to `most` + 1. The end records' counts are not used: zipfile reads as many
    entries as the directory's declared size holds, whatever the counts say."""
    start, end = _directory(data)
    count = 0
    while start + _DIRECTORY_HEAD.size <= end and count <= most:
        signature, name, extra, comment = _DIRECTORY_HEAD.unpack_from(data, start)
        if signature != _DIRECTORY_RECORD:
            break  # zipfile refuses the zip here
        count += 1
        start += _DIRECTORY_HEAD.size + name + extra + comment
    return count


def _directory(data: bytes) -> tuple[int, int]:
    """Where zipfile reads the central directory, as (start, end): the size the end record
    declares, or the zip64 end record zipfile looks for just before the end record's
    locator, ending where that record begins ((0, 0) where zipfile finds no directory)."""
    at = len(data) - _END_SIZE
    if at < 0 or data[at : at + 4] != _END_RECORD or data[-2:] != b"\0\0":
        at = data.rfind(_END_RECORD, max(0, len(data) - _END_SEARCH))
    if at < 0 or at + _END_SIZE > len(data):
        return 0, 0
    (size,) = struct.unpack_from("<L", data, at + 12)
    record = at - _ZIP64_LOCATOR_SIZE - _ZIP64_END_SIZE
    zip64 = record >= 0 and data[at - _ZIP64_LOCATOR_SIZE : at - 16] == _ZIP64_LOCATOR
    if zip64 and data[record : record + 4] == _ZIP64_END_RECORD:
        at = record
        (size,) = struct.unpack_from("<Q", data, record + 40)
    if size > at:  # zipfile refuses a directory said to begin before the file
        return 0, 0
    return at - size, at


def check_directory(infos: list[zipfile.ZipInfo], limits: Limits, location: str | None) -> None:
    limits.check("zip_members", len(infos), location)
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableInput(messages.ENCRYPTED_ZIP, location=location)
        if info.compress_type not in _METHODS:
            raise UnreadableInput(messages.ZIP_METHOD, location=location)
    xml = sum(i.file_size for i in infos if is_xml(i.filename))
    limits.check("xml_bytes", xml, location)
    limits.check("unpacked_bytes", sum(i.file_size for i in infos), location)


def ofd_limits(limits: Limits) -> Limits:
    """The limits with `zip_members` at least OFD_PARTS_PER_PAGE a page of `pages`: an
    OFD holds a part or more a page (its content, and its resources, template or scanned
    picture), so a document within `pages` may hold more parts than a DOCX is allowed.
    A zip not yet known to be one is opened with them too."""
    members = max(limits.zip_members, OFD_PARTS_PER_PAGE * limits.pages)
    return dataclasses.replace(limits, zip_members=members)


def check_package(data: bytes, limits: Limits, location: str | None = None) -> None:
    """Refuse a DOCX or XLSX whose members, really inflated, break a limit or their
    own declared size; afterwards a library may read any member whole."""
    with opened(data, limits, location) as archive:
        total = xml = 0
        for info in archive.infolist():
            size = real_size(data, info, location)
            if is_xml(info.filename):  # every XML part may become a tree in memory
                xml += size
                limits.check("xml_bytes", xml, location)
            total += size
            limits.check("unpacked_bytes", total, location)


def real_size(data: bytes, info: zipfile.ZipInfo, location: str | None = None) -> int:
    """What a member inflates to, counted on its stream in steps; never past its
    declared size plus one step, so a lying member costs no more than an honest one."""
    start = _data_start(data, info, location)
    stream = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return min(len(stream), info.file_size)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    try:
        for offset in range(0, len(stream), _CHUNK):
            pending = bytes(stream[offset : offset + _CHUNK])
            while pending and not inflater.eof:
                size += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
                _check_declared(size, info, location)
            if inflater.eof:
                break
    except zlib.error as exc:
        raise UnreadableInput(messages.BAD_ZIP, location=_member(location, info)) from exc
    return size


def _check_declared(size: int, info: zipfile.ZipInfo, location: str | None) -> None:
    if size > info.file_size:
        raise UnreadableInput(messages.ZIP_SIZE_LIE, location=_member(location, info))


def _data_start(data: bytes, info: zipfile.ZipInfo, location: str | None) -> int:
    offset = info.header_offset
    if offset < 0 or offset + _LOCAL.size > len(data):
        raise UnreadableInput(messages.BAD_ZIP, location=_member(location, info))
    fields = _LOCAL.unpack_from(data, offset)
    if fields[0] != b"PK\x03\x04":
        raise UnreadableInput(messages.BAD_ZIP, location=_member(location, info))
    return offset + _LOCAL.size + int(fields[-2]) + int(fields[-1])


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member read in steps: zipfile then inflates a step at a time and stops at the
    declared size (checked by `opened`), where one whole read inflates up to 1 GiB."""
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            out += chunk
    return bytes(out)


def is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _member(location: str | None, info: zipfile.ZipInfo) -> str:
    return f"{location}/{info.filename}" if location else info.filename
