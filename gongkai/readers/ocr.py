"""Scans to text: offline Chinese OCR (rapidocr, models shipped in its wheel), then lines.

Recognised boxes are grouped into lines by their vertical position; within a line a wide
gap between boxes is a cell boundary (a tab). The text pipeline then reads the tables as
it reads any flattened table. Pages are rendered at 200 dpi.
"""

from __future__ import annotations

import functools
import io
import os
import statistics
import threading
import unicodedata
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from gongkai import messages
from gongkai.errors import OverLimit
from gongkai.grid import (
    Block,
    Box,
    SourceMap,
    TracedLine,
    blocks_to_traced,
    char_width,
    join_traced,
)
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.overlap import overlapped
from gongkai.readers.scanframe import LEVEL, PageFrame

DPI = 200
# Threads for one page's OCR: all cores by default (one reader at a time: 7.0 → 4.2 s/page
# on 2 cores); with several workers per machine set GONGKAI_OCR_THREADS=1 (the bulk
# ingest's pool gives each of its workers its share: gongkai/ingest/pool.py).
THREADS = int(os.environ.get("GONGKAI_OCR_THREADS", "0")) or os.cpu_count() or 1
# Pages read by the recogniser alone, text found from the ink and ruled tables cell by cell
# (gongkai.readers.scancells); GONGKAI_OCR_CELLS=0 for whole-page OCR (detection, then
# recognition) by lines, the reader before (bench/accuracy.py --scan-cells compares).
CELLS = os.environ.get("GONGKAI_OCR_CELLS", "1") != "0"
_ENGINE = threading.Lock()


def use_threads(count: int) -> None:
    """This process's threads for OCR, before its first scan: a worker's share of the
    cores when several read side by side (GONGKAI_OCR_THREADS, when set, wins)."""
    global THREADS
    if not os.environ.get("GONGKAI_OCR_THREADS"):
        THREADS = count


_CELL_GAP = 1.2  # a gap wider than this many median character widths separates cells


@functools.cache
def engine() -> Any:
    from rapidocr import RapidOCR

    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,  # pages are upright once rendered
            "Global.return_word_box": True,  # character positions split merged cells
            "EngineConfig.onnxruntime.intra_op_num_threads": THREADS,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def image_bytes_to_traced(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, SourceMap]:
    """A PNG, JPEG or TIFF scan as text, one frame (page) at a time, and where each piece
    of it was printed (the frame, and a box in the frame's pixels)."""
    return blocks_to_traced(image_bytes_to_blocks(data, limits))


def image_bytes_to_blocks(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """The frames' tables and lines (boxes in the frame's pixels), a form feed between
    frames, the frames read side by side: what the text is made from (`reading`)."""
    blocks: list[Block] = []
    pages = enumerate(image_pages(data, limits), 1)
    for page, found in enumerate(overlapped(pages, _frame_blocks, THREADS)):
        blocks += (["\f"] if page else []) + found
    return blocks


def _frame_blocks(frame: tuple[int, np.ndarray]) -> list[Block]:
    page, image = frame
    return image_to_blocks(image, page)


def image_pages(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Iterator[np.ndarray]:
    """Each frame as an RGB array, its declared size checked before it is decoded."""
    from PIL import Image

    with library_errors(messages.BAD_IMAGE), warnings.catch_warnings():
        # Pillow warns of large images on stderr; the pixel limit below decides instead.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except Image.DecompressionBombError as exc:  # larger than Pillow's own ceiling
            raise OverLimit("pixels", None, limits.pixels) from exc
    with image:
        with library_errors(messages.BAD_IMAGE):
            frames = getattr(image, "n_frames", 1)
        limits.check("frames", frames)
        for index in range(frames):
            with library_errors(messages.BAD_IMAGE):
                image.seek(index)
                limits.check("pixels", image.width * image.height)
                page = np.array(image.convert("RGB"))
            yield page


FORMATS = ("PNG", "JPEG", "TIFF")


def image_to_blocks(image: np.ndarray, page: int = 1, unit: float = 1.0) -> list[Block]:
    """Page `page` of a scan as lines and tables, each piece traced to its box on the
    picture (in `unit` per pixel: PDF points for a rendered page)."""
    frame = PageFrame(page, LEVEL, image.shape[1], image.shape[0], unit)
    if CELLS:
        from gongkai.readers.scancells import page_blocks  # it builds on this module

        blocks = page_blocks(image, frame)
        if blocks is not None:
            return blocks
    return [frame.line(line) for line in boxes_to_lines(recognise(image), page)]


# The OCR engine scales an image's short side up to 736 pixels, so a sliver (a page one
# point wide) would become hundreds of megapixels: below _MIN_SIDE nothing printed is
# legible, and a long thin image is padded with white to at most _MAX_RATIO.
_MIN_SIDE = 16
_MAX_RATIO = 4


def recognise(image: np.ndarray) -> list[Box]:
    height, width = image.shape[:2]
    if min(height, width) < _MIN_SIDE:
        return []
    short = -(-max(height, width) // _MAX_RATIO)
    if min(height, width) < short:
        image = _padded(image, max(height, short), max(width, short))
    with _ENGINE:  # rapidocr is not known to be safe to call from two threads at once
        result = engine()(image)
    if result.boxes is None:
        return []
    boxes: list[Box] = []
    words = result.word_results or [()] * len(result.txts)
    for points, text, chars in zip(result.boxes, result.txts, words):
        if chars:
            boxes += _split_on_gaps(chars)
        else:
            xs = [float(p[0]) for p in points]
            ys = [float(p[1]) for p in points]
            boxes.append(Box(_nfkc(text), min(xs), max(xs), min(ys), max(ys)))
    return boxes


def _padded(image: np.ndarray, height: int, width: int) -> np.ndarray:
    canvas = np.full((height, width, *image.shape[2:]), 255, dtype=image.dtype)
    canvas[: image.shape[0], : image.shape[1]] = image
    return canvas


def _split_on_gaps(chars: Any) -> list[Box]:
    """One detected box may hold neighbouring cells (0 and 24 read as 024): cut it
    wherever two characters stand further apart than a character is wide."""
    pieces: list[list[tuple[str, float, float, float, float]]] = [[]]
    for text, _score, points in chars:
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        char = (_nfkc(str(text)), min(xs), max(xs), min(ys), max(ys))
        if pieces[-1]:
            last = pieces[-1][-1]
            width = max(last[2] - last[1], char[2] - char[1], 1.0)
            if char[1] - last[2] > 0.9 * width:
                pieces.append([])
        pieces[-1].append(char)
    return [
        Box(
            "".join(c[0] for c in piece),
            min(c[1] for c in piece),
            max(c[2] for c in piece),
            min(c[3] for c in piece),
            max(c[4] for c in piece),
        )
        for piece in pieces
        if piece
    ]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def boxes_to_lines(boxes: list[Box], page: int) -> list[TracedLine]:
    """Boxes whose vertical middles fall within half a line height form a line; each box
    traced to its place (in the boxes' pixels) on `page`."""
    if not boxes:
        return []
    height = statistics.median(b.bottom - b.top for b in boxes)
    char = char_width(boxes)
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.middle):
        if lines and abs(statistics.mean(b.middle for b in lines[-1]) - box.middle) < height / 2:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [join_traced(line, char, _CELL_GAP, "", page) for line in lines]
