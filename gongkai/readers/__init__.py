"""Readers: any supported input to the interchange format. `read_bytes` is the façade."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import SourceMap
from gongkai.model import Report, Source
from gongkai.readers.decode import bytes_to_text
from gongkai.readers.detect import detect_format
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.text import DEFAULT_SETTINGS, TextSettings, text_to_report


def read_bytes(
    data: bytes,
    path: str | None = None,
    settings: TextSettings = DEFAULT_SETTINGS,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Read one report from the bytes of a file, whatever its format (detected from content),
    within `limits`: a file over one is refused with OverLimit, a broken one with
    UnreadableInput, never with a library's own exception."""
    limits.check("file_bytes", len(data), path)
    kind = detect_format(data, limits)
    encoding: str | None = None
    source_map: SourceMap | None = None
    # Each format's libraries are imported when that format turns up: a text report is
    # read without loading lxml, pdfplumber or the OCR engine.
    if kind == "text":
        text, encoding = bytes_to_text(data)
    elif kind == "html":
        from gongkai.readers.html import html_to_traced

        text, encoding, source_map = html_to_traced(data, limits)
    elif kind == "docx":
        from gongkai.readers.docx import docx_to_traced

        text, source_map = docx_to_traced(data, limits)
    elif kind == "xlsx":
        from gongkai.readers.xlsx import xlsx_to_traced

        text, source_map = xlsx_to_traced(data, limits)
    elif kind == "pdf":
        from gongkai.readers.pdf import pdf_to_traced

        text, source_map = pdf_to_traced(data, limits)
    else:
        from gongkai.readers.ocr import image_bytes_to_traced

        text, source_map = image_bytes_to_traced(data, limits)
    source = Source(
        path=path, format=kind, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding
    )
    return text_to_report(text, source, settings, limits, source_map)


def read_path(
    path: str | Path, settings: TextSettings = DEFAULT_SETTINGS, limits: Limits = DEFAULT_LIMITS
) -> Report:
    return read_bytes(read_file(path), str(path), settings, limits)


def read_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a file, with the reason in Chinese when it cannot be read; never more
    than the file size limit is read (a device or a pipe may never end)."""
    target = Path(path)
    try:
        with target.open("rb") as file:
            data = file.read(limits.file_bytes + 1)
            size = max(len(data), os.fstat(file.fileno()).st_size)
    except FileNotFoundError as exc:
        raise UnreadableInput(messages.FILE_NOT_FOUND, location=str(path)) from exc
    except IsADirectoryError as exc:
        raise UnreadableInput(messages.NOT_A_FILE, location=str(path)) from exc
    except PermissionError as exc:
        raise UnreadableInput(messages.PERMISSION, location=str(path)) from exc
    limits.check("file_bytes", size, str(path))
    return data


__all__ = ["Limits", "TextSettings", "read_bytes", "read_file", "read_path"]
