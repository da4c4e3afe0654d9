"""What a file is, from its first bytes (never from its name alone)."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

from gongkai import messages
from gongkai.errors import UnreadableInput

Format = Literal["pdf", "docx", "xlsx", "html", "image", "text"]

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|table|div|p)[\s>]", re.I)
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# A zip whose parts would unpack to more than this is refused (a zip bomb, not a report).
MAX_UNPACKED = 200 * 1024 * 1024


def detect_format(data: bytes) -> Format:
    head = data[:2048]
    if head.lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _office_format(data)
    if head.startswith(_IMAGES):
        return "image"
    if _HTML.search(head.lower()) or _HTML.search(_utf16_ascii(head)):
        return "html"
    return "text"


def _office_format(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except zipfile.BadZipFile as exc:
        raise UnreadableInput(messages.BAD_ZIP) from exc
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise UnreadableInput(messages.ZIP_BOMB)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise UnreadableInput(messages.UNKNOWN_ZIP)


def _utf16_ascii(head: bytes) -> bytes:
    return head.replace(b"\x00", b"")
