"""Pictures of what the reader saw: detected table cells and text boxes over each page.

For PDFs with a text layer, the cells that pdfplumber's table finder detected (red) and
the words read outside tables (blue); for scans, the boxes OCR recognised. Text, HTML,
DOCX and XLSX have no page images.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from gongkai import messages
from gongkai.readers import ocr
from gongkai.readers.detect import detect_format
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.pages import png_bytes
from gongkai.readers.pdf import check_pages, inside, page_name, render_page, upright_pages

RESOLUTION = 100


def debug_images(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[bytes]:
    """PNG images, one per page, with the detected cells drawn over the page."""
    kind = detect_format(data, limits)
    if kind == "pdf":
        check_pages(data, limits)
        return _pdf_images(upright_pages(data), limits)
    if kind == "image":
        return [_ocr_image(Image.fromarray(next(ocr.image_pages(data, limits))))]
    return []


def _pdf_images(data: bytes, limits: Limits) -> list[bytes]:
    import pdfplumber

    images = []
    with library_errors(messages.BAD_PDF), pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages):
            if not page.chars:
                picture = render_page(data, index, ocr.DPI / 72, limits)
                images.append(_ocr_image(Image.fromarray(picture)))
                continue
            pixels = round(page.width * RESOLUTION / 72) * round(page.height * RESOLUTION / 72)
            limits.check("pixels", pixels, page_name(index))
            canvas = page.to_image(resolution=RESOLUTION)
            canvas.debug_tablefinder()
            boxes = [t.bbox for t in page.find_tables()]
            words = [w for w in page.extract_words() if not inside(w, boxes)]
            canvas.draw_rects(words, stroke="blue", fill=(0, 0, 255, 20))
            images.append(png_bytes(canvas.annotated))
    return images


def _ocr_image(picture: Image.Image) -> bytes:
    draw = ImageDraw.Draw(picture)
    for box in ocr.recognise(np.array(picture)):
        draw.rectangle((box.left, box.top, box.right, box.bottom), outline=(255, 0, 0), width=2)
    return png_bytes(picture)
