"""A source's pages as pictures, to show beside the data read from them."""

from __future__ import annotations

import io

from PIL import Image

from gongkai import messages
from gongkai.errors import GongkaiError
from gongkai.readers.detect import detect_format
from gongkai.readers.pdf import upright_pages

WIDTH = 900  # pixels: legible beside the table on an office screen


class NoSuchPage(GongkaiError):
    code = "input.no_such_page"
    http_status = 404


def page_count(data: bytes) -> int:
    """Pages of a paged source (PDF, scan); 0 for text, HTML, DOCX and XLSX."""
    kind = detect_format(data)
    if kind == "image":
        return 1
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


def page_png(data: bytes, number: int) -> bytes:
    """Page `number` (from 1) as a PNG about WIDTH pixels wide."""
    if not 1 <= number <= page_count(data):
        raise NoSuchPage(messages.NO_SUCH_PAGE.format(page=number))
    if detect_format(data) == "image":
        with Image.open(io.BytesIO(data)) as image:
            return _png(image.convert("RGB"))
    import pypdfium2

    document = pypdfium2.PdfDocument(upright_pages(data))
    try:
        page = document[number - 1]
        return _png(page.render(scale=WIDTH / page.get_width()).to_pil())
    finally:
        document.close()


def _png(picture: Image.Image) -> bytes:
    if picture.width > WIDTH:
        picture = picture.resize((WIDTH, round(picture.height * WIDTH / picture.width)))
    return png_bytes(picture)


def png_bytes(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()
