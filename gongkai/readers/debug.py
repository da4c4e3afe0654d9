"""Pictures of what the reader saw: detected table cells and text boxes over each page.

For PDFs with a text layer, the cells that pdfplumber's table finder detected (red) and
the words read outside tables (blue); for scans, the boxes OCR recognised. Text, HTML,
DOCX and XLSX have no page images.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from gongkai.readers import ocr
from gongkai.readers.detect import detect_format
from gongkai.readers.pages import png_bytes
from gongkai.readers.pdf import inside, upright_pages

RESOLUTION = 100


def debug_images(data: bytes) -> list[bytes]:
    """PNG images, one per page, with the detected cells drawn over the page."""
    kind = detect_format(data)
    if kind == "pdf":
        return _pdf_images(upright_pages(data))
    if kind == "image":
        with Image.open(io.BytesIO(data)) as image:
            return [_ocr_image(image.convert("RGB"))]
    return []


def _pdf_images(data: bytes) -> list[bytes]:
    import pdfplumber

    images = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if not page.chars:
                picture = page.to_image(resolution=ocr.DPI).original.convert("RGB")
                images.append(_ocr_image(picture))
                continue
            canvas = page.to_image(resolution=RESOLUTION)
            canvas.debug_tablefinder()
            boxes = [t.bbox for t in page.find_tables()]
            words = [w for w in page.extract_words() if not inside(w, boxes)]
            canvas.draw_rects(words, stroke="blue", fill=(0, 0, 255, 20))
            images.append(png_bytes(canvas.annotated))
    return images


def _ocr_image(picture: Image.Image) -> bytes:
    import numpy as np

    draw = ImageDraw.Draw(picture)
    for box in ocr.recognise(np.array(picture)):
        draw.rectangle((box.left, box.top, box.right, box.bottom), outline=(255, 0, 0), width=2)
    return png_bytes(picture)
