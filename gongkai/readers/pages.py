"""A source's pages as pictures, to show beside the data read from them."""

from __future__ import annotations

import io
import math

from PIL import Image

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.readers import ofd
from gongkai.readers.detect import detect_format
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.ocr import image_pages
from gongkai.readers.pdf import check_pages, render_page, upright_pages

WIDTH = 900  # pixels: legible beside the table on an office screen


class NoSuchPage(GongkaiError):
    code = "input.no_such_page"
    http_status = 404


def page_count(data: bytes, limits: Limits) -> int:
    """Pages of a paged source (PDF, OFD, scan); 0 for text, HTML, DOCX and XLSX, and for
    an OFD that `limits` refuse (the deployment's: the defaults would hide the pages of a
    source read under raised ones)."""
    kind = detect_format(data)
    if kind == "image":
        return 1
    if kind == "ofd":
        try:
            return ofd.page_count(data, limits)
        except GongkaiError:
            return 0
    if kind != "pdf":
        return 0
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def page_png(data: bytes, number: int, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Page `number` (from 1) as a PNG about WIDTH pixels wide (narrower when a page so
    thin would otherwise be drawn taller than the pixel limit allows)."""
    if not 1 <= number <= page_count(data, limits):
        raise NoSuchPage(messages.NO_SUCH_PAGE.format(page=number))
    kind = detect_format(data)
    if kind == "image":
        return _png(Image.fromarray(next(image_pages(data, limits))))
    if kind == "ofd":
        return _png(ofd.page_picture(data, number, lambda size: _scale(size, limits), limits))
    check_pages(data, limits)
    upright = upright_pages(data, [number - 1])
    scale = _scale(_size(upright, number), limits)
    return _png(Image.fromarray(render_page(upright, number - 1, scale, limits)))


def _scale(size: tuple[float, float], limits: Limits) -> float:
    """Pixels a point for a page `size` points wide and high: WIDTH across, unless the
    pixel limit allows less."""
    width, height = size
    # 0.99: room for the rounding up of both sides when the pixel limit decides the scale.
    within = 0.99 * math.sqrt(limits.pixels / max(width * height, 1e-6))
    return min(WIDTH / max(width, 1e-6), within)


def page_points(data: bytes, number: int, limits: Limits) -> tuple[float, float]:
    """The width and height in points of PDF or OFD page `number` (from 1) as page_png
    shows it, turned upright, of a picture in pixels: the scale and frame of the boxes
    that cells' provenance gives on it, read within `limits`."""
    kind = detect_format(data)
    if kind == "image":
        height, width = next(image_pages(data, limits)).shape[:2]
        return float(width), float(height)
    if kind == "ofd":
        return ofd.page_size(data, number, limits)
    return _size(upright_pages(data, [number - 1]), number)


def _size(data: bytes, number: int) -> tuple[float, float]:
    import pypdfium2

    with library_errors(messages.BAD_PDF):
        document = pypdfium2.PdfDocument(data)
        try:
            width, height = document.get_page_size(number - 1)
        finally:
            document.close()
    return width, height


def _png(picture: Image.Image) -> bytes:
    if picture.width > WIDTH:
        picture = picture.resize((WIDTH, round(picture.height * WIDTH / picture.width)))
    return png_bytes(picture)


def png_bytes(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()
