"""Bytes to text: UTF-8, UTF-16 (with or without BOM) and GB18030 (a superset of GBK/GB2312)."""

from __future__ import annotations

import codecs
import re

from gongkai import messages
from gongkai.errors import UnreadableInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bytes_to_text(data: bytes) -> tuple[str, str]:
    """Decode a text file; return the text and the encoding that was used."""
    if not data.strip():
        raise UnreadableInput(messages.EMPTY_INPUT)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decoded(data, encoding), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16), utf16
    if b"\x00" in data[:4096]:
        raise UnreadableInput(messages.BINARY_INPUT)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise UnreadableInput(messages.BINARY_INPUT)
        return text, encoding
    raise UnreadableInput(messages.UNDECODABLE)


def _decoded(data: bytes, encoding: str) -> str:
    """The text in the encoding its byte order mark names, which may still be broken."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableInput(messages.UNDECODABLE) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has a NUL in every other byte for ASCII; CJK text shows it less, so sample."""
    sample = data[:2048]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    for nuls, encoding in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if nuls > half * 0.2 and nuls > 3 * (even_nuls + odd_nuls - nuls):
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 50)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
