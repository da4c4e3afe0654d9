"""What a file is, from its first bytes (never from its name alone)."""

from __future__ import annotations

import re
from typing import Literal

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.zips import ofd_limits, opened

Format = Literal["pdf", "ofd", "docx", "xlsx", "html", "image", "text"]

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|table|div|p)[\s>]", re.I)
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# An OLE2 compound file: Word 97–2003 (.doc), Excel (.xls), WPS's own formats (.wps, .et),
# and Office documents saved with a password (their OOXML inside an encrypted container).
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A web archive (MHTML: Word's "single file web page", .mht): its page is read as HTML.
MHTML = re.compile(rb"\A(?:[\w-]+:[^\n]*\n)*?content-type:\s*multipart/related", re.I)


def detect_format(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Format:
    head = data[:2048]
    if head.lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _office_format(data, limits)
    if head.startswith(_IMAGES):
        return "image"
    if head.startswith(_OLE2):
        raise UnreadableInput(messages.LEGACY_OFFICE)
    if MHTML.match(head) or _HTML.search(head.lower()) or _HTML.search(_utf16_ascii(head)):
        return "html"
    return "text"


def _office_format(data: bytes, limits: Limits) -> Format:
    # DOCX and XLSX are held to `zip_members` by their readers
    with opened(data, ofd_limits(limits)) as archive:
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:  # GB/T 33190, the fixed-layout format offices print to
        return "ofd"
    raise UnreadableInput(messages.UNKNOWN_ZIP)


def _utf16_ascii(head: bytes) -> bytes:
    return head.replace(b"\x00", b"")
