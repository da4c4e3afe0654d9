"""An OFD page drawn as a picture, from what the OFD reader read on it: the preview
shows it beside the data as it shows a PDF's page rendered by pdfium.

No renderer of OFD that the project may use draws it (easyofd needs PyMuPDF, AGPL), and a
preview needs no more than the reader already has: each character at its box and
baseline in the CJK font, the ruling lines, the pictures. Drawn in the reader's frame, the
page stands as its text reads and the cells' provenance boxes (the same characters'
boxes) fall on the characters drawn.
"""

from __future__ import annotations

import io
import math
import statistics
import warnings
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from gongkai import messages
from gongkai.errors import OverLimit
from gongkai.readers import ocr
from gongkai.readers.fonts import cjk_font
from gongkai.readers.library import library_errors
from gongkai.readers.limits import Limits
from gongkai.readers.pdf import render_page
from gongkai.readers.pdfpage import Char, PageContent

Box = tuple[float, float, float, float]
Picture = tuple[bytes, Box]  # a picture's bytes and its box, points from the page's corner
_ASCENT = 0.8  # of the type size: the baseline's depth in a character's box (as the reader)
_JPEG = b"\xff\xd8"
_INK = (0, 0, 0)
_RULE = (40, 40, 40)


def draw_page(
    content: PageContent,
    size: tuple[float, float],
    pictures: list[Picture],
    scale: float,
    limits: Limits,
    location: str,
) -> Image.Image:
    """The page (`size` in points, upright as OFD places it) at `scale` pixels a point,
    turned as the reader's frame is: pictures, then lines, then text, on white paper."""
    width, height = size
    left, top, right, bottom = content.frame.box(0.0, 0.0, width, height)
    shape = (math.ceil((right - left) * scale), math.ceil((bottom - top) * scale))
    limits.check("pixels", shape[0] * shape[1], location)
    if pictures:
        upright = Image.fromarray(pictures_drawn(size, pictures, scale, limits, location))
    else:
        upright = Image.new("RGB", (math.ceil(width * scale), math.ceil(height * scale)), "white")
    turn = content.frame.turn
    canvas = upright.rotate(-90 * turn, expand=True) if turn else upright
    pen = ImageDraw.Draw(canvas)
    for line in content.lines:
        if line.horizontal:
            at = (line.at - top) * scale
            pen.line(((line.start - left) * scale, at, (line.end - left) * scale, at), _RULE)
        else:
            at = (line.at - left) * scale
            pen.line((at, (line.start - top) * scale, at, (line.end - top) * scale), _RULE)
    shown = [char for char in content.chars if not char.text.isspace()]
    narrowed = _narrowed(shown, scale, max(canvas.size))
    for char in shown:
        _char(canvas, pen, char, (left, top), scale, narrowed)
    return canvas


def pictures_drawn(
    size: tuple[float, float],
    pictures: list[Picture],
    scale: float,
    limits: Limits,
    location: str,
) -> np.ndarray:
    """The page's pictures on white paper as RGB pixels at `scale` pixels a point: put on
    a page of a PDF of their own and rendered by pdfium, so that a scan's page is decoded,
    resampled and made grey as the same scan printed to PDF is, pixel for pixel (the OCR
    reads the two alike: decoded and pasted by Pillow, one cell of a corpus scan read in
    doubt where its PDF's did not)."""
    import pypdfium2

    width, height = size
    with library_errors(messages.BAD_IMAGE, location):
        document = pypdfium2.PdfDocument.new()
        try:
            page = document.new_page(width, height)
            for data, (x0, y0, x1, y1) in pictures:
                box = math.ceil((x1 - x0) * scale) * math.ceil((y1 - y0) * scale)
                limits.check("pixels", box, location)  # a box far beyond the page
                image = pypdfium2.PdfImage.new(document)
                _load(image, data, limits, location)
                image.set_matrix(pypdfium2.PdfMatrix(x1 - x0, 0, 0, y1 - y0, x0, height - y1))
                page.insert_obj(image)
            page.gen_content()
            out = io.BytesIO()
            document.save(out)
        finally:
            document.close()
    return render_page(out.getvalue(), 0, scale, limits)


def _load(image: Any, data: bytes, limits: Limits, location: str) -> None:
    """A picture into a PDF image object: a JPEG as it is (pdfium decodes it, as it
    does a scan's in a PDF), its declared size checked first; another kind decoded."""
    if data.startswith(_JPEG):
        with warnings.catch_warnings():
            # Pillow warns of large images; the pixel limit decides instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            try:
                header = Image.open(io.BytesIO(data), formats=("JPEG",))
            except Image.DecompressionBombError as exc:  # beyond Pillow's own ceiling
                raise OverLimit("pixels", None, limits.pixels, location=location) from exc
        with header:
            limits.check("pixels", header.width * header.height, location)
        image.load_jpeg(io.BytesIO(data), inline=True)
        return
    import pypdfium2

    pixels = next(ocr.image_pages(data, limits))  # a TIFF's first frame, as a viewer shows
    image.set_bitmap(pypdfium2.PdfBitmap.from_pil(Image.fromarray(pixels)))


def _across(char: Char, scale: float, most: int) -> tuple[float, int]:
    """A character's box along its text and across it (its type size), in pixels; the
    size no more than `most`, the canvas's side."""
    width, height = (char.right - char.left) * scale, (char.bottom - char.top) * scale
    along, across = (width, height) if char.turn % 2 == 0 else (height, width)
    return along, max(min(round(across), most), 1)


def _narrowed(chars: list[Char], scale: float, most: int) -> dict[int, float]:
    """The share of each type size (pixels) its glyphs are drawn at: a writer's Size may
    be the font's whole height, not its em, and a glyph spilling onto its neighbour's
    box would be a wrong picture of the reading. The median of the characters' own
    shares, so that a run's last character (its box ending where the run does) and a
    figure alone in its cell are drawn as the others of their size."""
    shares: dict[int, list[float]] = {}
    for char in chars:
        along, size = _across(char, scale, most)
        wide = cjk_font(size).getlength(char.text)
        shares.setdefault(size, []).append(along / wide if wide > along > 0 else 1.0)
    return {size: statistics.median(found) for size, found in shares.items()}


def _char(
    canvas: Image.Image,
    pen: ImageDraw.ImageDraw,
    char: Char,
    corner: tuple[float, float],
    scale: float,
    narrowed: dict[int, float],
) -> None:
    """A character on its baseline in its box, turned as it is drawn in the frame."""
    x0, y0 = (char.left - corner[0]) * scale, (char.top - corner[1]) * scale
    x1, y1 = (char.right - corner[0]) * scale, (char.bottom - corner[1]) * scale
    if x1 < 0 or y1 < 0 or x0 > canvas.width or y0 > canvas.height:
        return  # off the page: nothing shows
    along, size = _across(char, scale, max(canvas.size))
    font = cjk_font(max(round(size * narrowed[size]), 1))
    if char.turn == 0:
        pen.text((x0, (char.baseline - corner[1]) * scale), char.text, _INK, font, anchor="ls")
        return
    # A turned character: drawn upright on a slip of its own, then the slip turned.
    slip = Image.new("L", (max(math.ceil(along), 1), size), 0)
    ImageDraw.Draw(slip).text((0, _ASCENT * size), char.text, 255, font, anchor="ls")
    slip = slip.rotate(90 * char.turn, expand=True)
    canvas.paste(_INK, (round(x0), round(y0)), slip)
