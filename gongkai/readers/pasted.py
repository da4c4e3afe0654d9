"""Pictures pasted among a PDF page's text, read by OCR and put in their place.

An office writes the prose in Word or WPS, pastes a table as a picture (a screenshot of
the sheet, a scanned page) and exports to PDF: the page's text layer is true and the
table's figures are only pixels. Which pictures to read is decided in `textlayer`
(`pictures_to_read`); here each is cut out of the page rendered at the scan reader's
resolution, read by the scan reader as a page of its own, its boxes moved to where the
picture lies on the page, and its blocks put among the page's text blocks at the
picture's top (the text is in reading order, top to bottom: what lies above the picture
is read before it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import replace

import numpy as np

from gongkai.grid import Block, Origin, TracedGrid, TracedLine
from gongkai.readers import ocr
from gongkai.readers.overlap import overlapped

Placed = tuple[float, float, float, float]  # points from the upright page's top-left corner
# a picture to read: its page index, its box, its pixels, and where they start (points)
_CutOut = tuple[int, Placed, np.ndarray, tuple[float, float]]
PAD = 12  # white pixels around a cut-out: the picture's outer rules are not its edge


def pictures_read(
    found: list[list[Block] | None],
    pictures: dict[int, list[Placed]],
    render: Callable[[int], np.ndarray],
) -> list[list[Block] | None]:
    """Each page's blocks with its pictures' blocks put among them; `render` gives page
    `index` (upright) as RGB pixels at ocr.DPI. The pictures are read side by side."""
    by_page: dict[int, list[tuple[Placed, list[Block]]]] = {}
    for index, box, blocks in overlapped(_cut_outs(pictures, render), _read, ocr.THREADS):
        by_page.setdefault(index, []).append((box, blocks))
    return [
        merged(page, by_page[index]) if page is not None and index in by_page else page
        for index, page in enumerate(found)
    ]


def _cut_outs(
    pictures: dict[int, list[Placed]], render: Callable[[int], np.ndarray]
) -> Iterator[_CutOut]:
    """Each picture's pixels, its page rendered once (on this thread: pdfium is not safe
    to call from two)."""
    for index, boxes in sorted(pictures.items()):
        page = render(index)
        for box in boxes:
            yield index, box, *_cut_out(page, box)


def _cut_out(page: np.ndarray, box: Placed) -> tuple[np.ndarray, tuple[float, float]]:
    """The box's pixels (kept on the page) with white around them, and where their
    top-left corner lies on the page, in points."""
    scale = ocr.DPI / 72
    height, width = page.shape[:2]
    left, top = max(0, int(box[0] * scale)), max(0, int(box[1] * scale))
    right = min(width, math.ceil(box[2] * scale))
    bottom = min(height, math.ceil(box[3] * scale))
    crop = padded(page[top:bottom, left:right])
    return crop, ((left - PAD) / scale, (top - PAD) / scale)


def padded(pixels: np.ndarray) -> np.ndarray:
    """RGB pixels with PAD white pixels around them."""
    out = np.full((pixels.shape[0] + 2 * PAD, pixels.shape[1] + 2 * PAD, 3), 255, np.uint8)
    out[PAD : PAD + pixels.shape[0], PAD : PAD + pixels.shape[1]] = pixels
    return out


def _read(picture: _CutOut) -> tuple[int, Placed, list[Block]]:
    """A picture's lines and tables, boxed in points on its page."""
    index, box, pixels, (left, top) = picture
    blocks = ocr.image_to_blocks(pixels, index + 1, 72 / ocr.DPI)
    return index, box, [moved(block, left, top) for block in blocks]


def moved(block: Block, right: float, down: float) -> Block:
    """A block whose boxes are moved `right` and `down` points."""
    return replaced(block, lambda origin: moved_origin(origin, right, down))


def replaced(block: Block, where: Callable[[Origin], Origin]) -> Block:
    """A block whose pieces' origins are `where` of them."""
    if isinstance(block, TracedLine):
        spans = [(start, end, where(origin)) for start, end, origin in block.spans]
        return TracedLine(block.text, spans)
    if isinstance(block, TracedGrid):
        origins = [[None if o is None else where(o) for o in row] for row in block.origins]
        return TracedGrid(block.grid, origins)
    return block


def moved_origin(origin: Origin, right: float, down: float) -> Origin:
    if origin.box is None:
        return origin
    left, top, far, bottom = origin.box
    return replace(origin, box=(left + right, top + down, far + right, bottom + down))


def merged(text: list[Block], pictures: list[tuple[Placed, list[Block]]]) -> list[Block]:
    """A page's text blocks (top to bottom) with each picture's blocks before the first
    text block that starts below the picture's top."""
    out: list[Block] = []
    waiting = sorted(pictures, key=lambda picture: picture[0][1])
    for block in text:
        top = block_top(block)
        while waiting and top is not None and top >= waiting[0][0][1]:
            out += waiting.pop(0)[1]
        out.append(block)
    for _, blocks in waiting:
        out += blocks
    return out


def block_top(block: Block) -> float | None:
    """Where a block starts on its page: the top of its first placed piece."""
    if isinstance(block, TracedLine):
        origins: list[Origin | None] = [origin for _, _, origin in block.spans]
    elif isinstance(block, TracedGrid):
        origins = [origin for row in block.origins for origin in row]
    else:
        return None
    tops = [origin.box[1] for origin in origins if origin is not None and origin.box is not None]
    return min(tops) if tops else None
