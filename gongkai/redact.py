"""Redaction (区分处理, 第三十七条) that cannot be undone: boxes burned into pictures of the
pages. A PDF is rasterised page by page (pypdfium2), the boxes painted black, and the PDF
rebuilt from those pictures alone, so the result has no text layer, no fonts, no original
image data, no annotations, attachments or metadata: nothing under a box survives, because
nothing but pixels does. An image is decoded, turned upright (EXIF orientation, as browsers
show it), painted and encoded again without its metadata (an EXIF thumbnail would keep the
whole picture).

Pure: bytes and boxes in, bytes out. Boxes are fractions of the page (0–1, from the top
left), the way the browser marks them over a picture of any size.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from gongkai import messages
from gongkai.errors import GongkaiError

PDF_MAGIC = b"%PDF-"
PREVIEW_WIDTH = 1400
IMAGE_FORMATS = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg")}


class RedactionError(GongkaiError):
    code = "redact.refused"
    http_status = 422


@dataclass(frozen=True)
class Box:
    """A region to withhold on page `page` (0 for an image), as fractions of its size."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def pixels(self, width: int, height: int) -> tuple[int, int, int, int]:
        """The box on a picture `width` × `height`, widened to whole pixels (never narrower)."""
        return (
            int(self.x0 * width),
            int(self.y0 * height),
            -int(-self.x1 * width),
            -int(-self.y1 * height),
        )


@dataclass(frozen=True)
class Limits:
    """What one redaction may cost (the web's settings choose them)."""

    dpi: int = 150  # legible for print and screen; 200 for small type
    max_pages: int = 300
    max_pixels: int = 60_000_000  # per page or image (A0 at 150 dpi is 35 million)
    max_boxes: int = 2000
    jpeg_quality: int = 85


@dataclass(frozen=True)
class Redacted:
    data: bytes
    content_type: str
    extension: str


def kind_of(data: bytes) -> str:
    """ "pdf", "image", or what is refused."""
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
        return "image"
    raise RedactionError(messages.REDACT_FORMAT)


def boxes_from_json(text: str, pages: int, limits: Limits = Limits()) -> list[Box]:
    """The boxes a browser posted ([{"page": 0, "x0": .1, …}, …]), each checked."""
    try:
        raw = json.loads(text or "[]")
    except (ValueError, RecursionError) as exc:
        raise RedactionError(messages.REDACT_BOXES) from exc
    if not isinstance(raw, list) or len(raw) > limits.max_boxes:
        raise RedactionError(messages.REDACT_BOXES)
    return [_box(item, pages) for item in raw]


def _box(item: object, pages: int) -> Box:
    try:
        assert isinstance(item, dict)
        box = Box(int(item["page"]), *(float(item[k]) for k in ("x0", "y0", "x1", "y1")))
    except (AssertionError, KeyError, TypeError, ValueError, OverflowError) as exc:
        raise RedactionError(messages.REDACT_BOXES) from exc
    inside = 0 <= box.x0 < box.x1 <= 1 and 0 <= box.y0 < box.y1 <= 1
    if not inside or not 0 <= box.page < pages:
        raise RedactionError(messages.REDACT_BOXES)
    return box


def redact(data: bytes, boxes: list[Box], limits: Limits = Limits()) -> Redacted:
    """`data` (a PDF, PNG or JPEG) with every box burned in."""
    if kind_of(data) == "pdf":
        return Redacted(redact_pdf(data, boxes, limits), "application/pdf", "pdf")
    return redact_image(data, boxes, limits)


def redact_pdf(data: bytes, boxes: list[Box], limits: Limits = Limits()) -> bytes:
    """A new PDF made of one picture per page, each with its boxes painted black."""
    out = pdfium.PdfDocument.new()
    for number, picture in enumerate(pdf_pages(data, limits.dpi, limits)):
        _paint(picture, [b for b in boxes if b.page == number])
        page = _picture_pdf(picture, limits)
        out.import_pages(pdfium.PdfDocument(page))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def pdf_pages(data: bytes, dpi: int, limits: Limits = Limits()) -> Iterator[Image.Image]:
    """Each page of a PDF as an RGB picture at `dpi`, one at a time."""
    document = open_pdf(data, limits)
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        if width * height * (dpi / 72) ** 2 > limits.max_pixels:
            raise RedactionError(messages.REDACT_PAGE_SIZE.format(page=index + 1))
        bitmap = page.render(scale=dpi / 72, may_draw_forms=True)
        yield bitmap.to_pil().convert("RGB")


def open_pdf(data: bytes, limits: Limits = Limits()) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise RedactionError(messages.BAD_PDF.format(detail=exc)) from exc
    if len(document) > limits.max_pages:
        raise RedactionError(messages.REDACT_PAGES.format(limit=limits.max_pages))
    return document


def page_count(data: bytes, limits: Limits = Limits()) -> int:
    """How many pages there are to mark: a PDF's pages, or 1 for an image."""
    return len(open_pdf(data, limits)) if kind_of(data) == "pdf" else 1


def _paint(picture: Image.Image, boxes: list[Box]) -> None:
    draw = ImageDraw.Draw(picture)
    for box in boxes:
        x0, y0, x1, y1 = box.pixels(*picture.size)
        draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=(0, 0, 0))


def _picture_pdf(picture: Image.Image, limits: Limits) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "PDF", resolution=limits.dpi, quality=limits.jpeg_quality)
    return buffer.getvalue()


def open_image(data: bytes, limits: Limits = Limits()) -> Image.Image:
    """An uploaded image, upright and in RGB, or why it cannot be read."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.format not in IMAGE_FORMATS:
                raise RedactionError(messages.REDACT_FORMAT)
            if opened.width * opened.height > limits.max_pixels:
                raise RedactionError(messages.REDACT_PAGE_SIZE.format(page=1))
            upright = ImageOps.exif_transpose(opened)
            picture = upright.convert("RGB")
            picture.format = opened.format
            return picture
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise RedactionError(messages.BAD_IMAGE.format(detail=exc)) from exc


def redact_image(data: bytes, boxes: list[Box], limits: Limits = Limits()) -> Redacted:
    picture = open_image(data, limits)
    image_format = picture.format or "PNG"
    clean = Image.new("RGB", picture.size)  # a fresh image: no metadata comes along
    clean.paste(picture)
    _paint(clean, boxes)
    buffer = io.BytesIO()
    if image_format == "JPEG":
        clean.save(buffer, "JPEG", quality=limits.jpeg_quality)
    else:
        clean.save(buffer, "PNG", optimize=False)
    content_type, extension = IMAGE_FORMATS[image_format]
    return Redacted(buffer.getvalue(), content_type, extension)


def preview(data: bytes, page: int, dpi: int = 96, limits: Limits = Limits()) -> bytes:
    """Page `page` as a PNG for the officer to mark boxes on (the same page as `redact`
    paints: the PDF's page, or the image upright)."""
    if kind_of(data) == "pdf":
        document = open_pdf(data, limits)
        if not 0 <= page < len(document):
            raise RedactionError(messages.NO_SUCH_PAGE.format(page=page + 1))
        picture = document[page].render(scale=dpi / 72).to_pil().convert("RGB")
    else:
        picture = open_image(data, limits)
        picture.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH * 4))  # boxes are fractions: any size
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()
