"""Pictures pasted into a Word document or a web page, read by OCR when they hold a table.

An office writes the report in Word or WPS and pastes a table as a picture (a screenshot
of the sheet, a scanned page); a site's editor keeps it in the page, Word's single file
web page beside it. The format reader leaves a mark (`grid.PICTURE`) where each picture is
shown and hands its bytes here. When one of the three tables is not in the text but a
picture is, each picture large enough to hold a table is decoded (its declared size checked
first, at most `Limits.pictures` of them), brought to the scan reader's resolution and
read by the scan reader as a PDF's pasted picture is (`pasted`); its blocks follow its
mark, each piece traced to the picture's number and a box in its pixels. A picture that
is not read keeps its mark alone, so that a table in it is said to be unreadable.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from gongkai import messages
from gongkai.grid import PICTURE, Block, Origin, TracedGrid, TracedLine, blocks_to_traced
from gongkai.model import Finding
from gongkai.readers import ocr, pasted
from gongkai.readers.limits import Limits
from gongkai.readers.normalize import normalize_text
from gongkai.readers.overlap import overlapped
from gongkai.readers.pictured import holds_a_row, shown_as_picture
from gongkai.readers.regions import text_to_regions

# A picture that may hold a table: shown at least this wide (a table is set to the text
# column's width, some 6 inches; a seal, a logo or a QR code is an inch or two) and as tall
# as two rows of 五号 type (a header and one row of figures: 28 points).
_TABLE_INCHES = (2.5, 28 / 72)
_SCREEN_DPI = 96  # what a picture shown at no stated size is taken at (a screenshot's)
# The shown width is the document's word, a hostile one's too (「width:9…9px」 is infinite):
# no page shows a picture wider than an A3 page's long side, and a picture shown coarser
# than 72 dots an inch has 五号 characters under ten dots tall, which scaling up cannot
# make legible; so it is scaled at most 200/72 times, and never past an A4 page's pixels
# at the recogniser's resolution (a tiny picture shown huge would cost a gigabyte).
_PAGE_INCHES = 16.5
_LEAST_DPI = 72.0
_PAGE_PIXELS = 8.27 * 11.69 * ocr.DPI**2


@dataclass(frozen=True)
class Embedded:
    """A picture the document shows: its bytes (None when the file does not hold them: a
    link to a server) and how wide it is shown, in inches, when the document says."""

    data: bytes | None
    inches: float | None = None


@dataclass(frozen=True)
class _Candidate:
    number: int  # 1-based, in the order the document shows its pictures
    data: bytes = field(repr=False)
    width: int  # declared pixels
    height: int
    scale: float  # to the scan reader's resolution as shown, within the pixel limit


def with_pictures_read(
    blocks: list[Block], pictures: list[Embedded], limits: Limits
) -> tuple[list[Block], list[Finding]]:
    """`blocks` with the tables of its pictures (one per PICTURE mark, in order) read after
    their marks, when a table is wanting from the text; and a note on each picture read."""
    if not pictures or not _table_wanting(blocks, limits):
        return blocks, []
    chosen = _candidates(pictures, limits)
    read = {n: found for n, found in overlapped(chosen, _read, ocr.THREADS) if _holds_table(found)}
    out: list[Block] = []
    marks = iter(range(1, len(pictures) + 1))
    for block in blocks:
        out.append(block)
        if block is PICTURE:  # the readers' own mark, not a paragraph that reads 〔图片〕
            out += read.get(next(marks, 0), [])
    return out, [_note(number) for number in sorted(read)]


def _holds_table(blocks: list[Block]) -> bool:
    """Whether what the recogniser found in a picture may be a table: a ruled grid, or a
    line whose figures stand apart as a row's cells do. A photo's caption (「政务公开日活动
    现场 2023年5月15日」) is neither: spliced in, its line would pass for the table read from
    the picture and hide that the table was not."""
    return any(
        isinstance(b, TracedGrid) or holds_a_row([b.text if isinstance(b, TracedLine) else b])
        for b in blocks
    )


def _table_wanting(blocks: list[Block], limits: Limits) -> bool:
    """Whether one of the three tables is missing from the text (no heading of it) or is
    only a picture (its part of the text shows one and holds no table of the document)."""
    text, source_map = blocks_to_traced(blocks)
    limits.check("text_chars", len(text))  # as the text reader would, before the work
    regions = text_to_regions(normalize_text(text))  # the lines stay the text's
    return any(
        region is None or shown_as_picture(region, source_map)
        for region in (regions.active, regions.applications, regions.appeals)
    )


def _candidates(pictures: list[Embedded], limits: Limits) -> Iterator[_Candidate]:
    """The pictures large enough to hold a table and within the pixel limit, at most
    `limits.pictures` of them, their sizes read from their headers (nothing decoded)."""
    taken = 0
    for number, picture in enumerate(pictures, 1):
        if taken >= limits.pictures:
            return
        size = _declared_size(picture.data)
        if picture.data is None or size is None or size[0] * size[1] > limits.pixels:
            continue
        dpi = _shown_dpi(size[0], picture.inches)
        if size[0] / dpi >= _TABLE_INCHES[0] and size[1] / dpi >= _TABLE_INCHES[1]:
            taken += 1
            most = math.sqrt(min(limits.pixels, _PAGE_PIXELS) / (size[0] * size[1]))
            scale = max(1.0, min(ocr.DPI / dpi, most))
            yield _Candidate(number, picture.data, size[0], size[1], scale)


def _shown_dpi(width: int, inches: float | None) -> float:
    """The dots an inch a picture `width` pixels wide is shown at, within the bounds above."""
    if inches is None or not inches > 0:  # not said, or nonsense (NaN is not > 0)
        return _SCREEN_DPI
    return max(width / min(inches, _PAGE_INCHES), _LEAST_DPI)


def _declared_size(data: bytes | None) -> tuple[int, int] | None:
    """A PNG's, JPEG's or TIFF's width and height from its header; None when it is none
    of those or broken."""
    from PIL import Image

    if data is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=ocr.FORMATS) as image:
                return image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _read(candidate: _Candidate) -> tuple[int, list[Block]]:
    """A picture's lines and tables, each piece traced to a box in the picture's pixels;
    nothing when it cannot be decoded."""
    pixels = _at_scan_resolution(candidate)
    if pixels is None:
        return candidate.number, []
    scale = candidate.scale
    blocks = ocr.image_to_blocks(pasted.padded(pixels), candidate.number, 1 / scale)
    shift = -pasted.PAD / scale

    def where(origin: Origin) -> Origin:
        moved = pasted.moved_origin(origin, shift, shift)
        return replace(moved, page=None, picture=candidate.number)

    return candidate.number, [pasted.replaced(block, where) for block in blocks]


def _at_scan_resolution(candidate: _Candidate) -> np.ndarray | None:
    """The picture's RGB pixels at its scale (a screenshot's 96 dpi type is too small for
    the recogniser); None when it cannot be decoded."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(candidate.data), formats=ocr.FORMATS) as image:
            rgb = image.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if candidate.scale > 1.0:
        size = _scaled(candidate)
        rgb = rgb.resize(size, Image.Resampling.LANCZOS)
    return np.asarray(rgb)


def _scaled(candidate: _Candidate) -> tuple[int, int]:
    """The picture's size at its scale, rounded down: never beyond the pixel limit."""
    return int(candidate.width * candidate.scale), int(candidate.height * candidate.scale)


def _note(number: int) -> Finding:
    return Finding(
        rule="parse.picture_read",
        severity="warning",
        message=messages.PICTURE_READ.format(number=number),
    )
