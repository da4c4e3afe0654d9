"""Readers: any supported input to the interchange format. `read_bytes` is the façade."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import Block, SourceMap, blocks_to_traced, marks_as_spaces
from gongkai.model import Finding, Report, Source
from gongkai.readers.decode import bytes_to_text
from gongkai.readers.detect import detect_format
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.reading import Reading, page_stages
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
    return read_reading(data, path, settings, limits).report


def read_reading(
    data: bytes,
    path: str | None = None,
    settings: TextSettings = DEFAULT_SETTINGS,
    limits: Limits = DEFAULT_LIMITS,
) -> Reading:
    """read_bytes, with the pages' stages the report was read from (`reading`)."""
    limits.check("file_bytes", len(data), path)
    kind = detect_format(data, limits)
    text, encoding, source_map, blocks, notes = _to_text(kind, data, limits)
    source = Source(
        path=path, format=kind, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding
    )
    report = text_to_report(text, source, settings, limits, source_map)
    if notes:
        report = report.model_copy(update={"findings": [*notes, *(report.findings or [])]})
    return Reading(report, *page_stages(blocks))


_Text = tuple[str, str | None, SourceMap | None, list[Block], list[Finding]]


def _to_text(kind: str, data: bytes, limits: Limits) -> _Text:
    """The text to read, its encoding, where its pieces came from, the blocks of a paged
    source (its tables and lines with their boxes), and what the format's reader says of
    how it read them (a PDF's pages read from their picture: `parse.text_layer`; a
    document's pictures read by OCR: `parse.picture_read`)."""
    # Each format's libraries are imported when that format turns up: a text report is
    # read without loading lxml, pdfplumber or the OCR engine.
    if kind == "text":
        text, encoding = bytes_to_text(data)
        return marks_as_spaces(text), encoding, None, [], []
    if kind == "html":
        from gongkai.readers.html import html_to_traced

        text, encoding, source_map, notes = html_to_traced(data, limits)
        return text, encoding, source_map, [], notes
    if kind == "docx":
        from gongkai.readers.docx import docx_to_traced

        text, source_map, notes = docx_to_traced(data, limits)
        return text, None, source_map, [], notes
    if kind == "xlsx":
        from gongkai.readers.xlsx import xlsx_to_traced

        return _unencoded(*xlsx_to_traced(data, limits))
    if kind == "pdf":
        from gongkai.readers.pdf import pdf_to_pages

        pages = pdf_to_pages(data, limits)
        return _paged(pages.blocks, [_relayered(i, why) for i, why in pages.relayered.items()])
    if kind == "ofd":
        from gongkai.readers.ofd import ofd_to_blocks

        return _paged(ofd_to_blocks(data, limits), [])
    from gongkai.readers.ocr import image_bytes_to_blocks

    return _paged(image_bytes_to_blocks(data, limits), [])


def _paged(blocks: list[Block], notes: list[Finding]) -> _Text:
    text, source_map = blocks_to_traced(blocks)
    return text, None, source_map, blocks, notes


def _unencoded(text: str, source_map: SourceMap) -> _Text:
    return text, None, source_map, [], []


def _relayered(index: int, why: str) -> Finding:
    """The note on a page read from its picture because its text layer lied."""
    return Finding(
        rule="parse.text_layer",
        severity="warning",
        page=index + 1,
        message=messages.TEXT_LAYER.format(page=index + 1, why=messages.TEXT_LAYER_WHY[why]),
    )


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


__all__ = [
    "Limits",
    "Reading",
    "TextSettings",
    "read_bytes",
    "read_file",
    "read_path",
    "read_reading",
]
