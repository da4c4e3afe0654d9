"""Table 三 as the picture an office pastes into Word, WPS or a site's editor: a screenshot
of the table (PNG at a screen's 96–150 dpi) or a scanned page of it (grey JPEG at 200 dpi,
a little blurred), made from our own page of the report (printed by WeasyPrint on one
tall page, rendered by pdfium and cropped to the table's ink).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from typing import Any

import lxml.html
import numpy as np
import pypdfium2
from PIL import Image, ImageFilter

from gongkai import catalog
from gongkai.render.pdf import html_to_pdf

# One page tall enough for table 三 of either template, as wide as A4's text column, with
# no page number (a screenshot holds the table alone).
_PAGE = "@page { size: 160mm 700mm; margin: 6mm; @bottom-center { content: none } }"
_MARGIN = (4, 16)  # pixels of white kept around the table's ink
_INK = 200  # grey level below which a pixel is ink


@dataclass(frozen=True)
class TablePicture:
    data: bytes
    mime: str  # image/png or image/jpeg
    dpi: int  # pixels per inch the table was taken at: its size on the page follows


def applications_page(html: str) -> str:
    """Our page of the report with table 三 alone, on one tall page."""
    root: Any = lxml.html.document_fromstring(html)
    table = next(t for t in root.iter("table") if catalog.BALANCE_NOTE in t.text_content())
    body = root.find("body")
    assert body is not None
    for child in list(body):
        body.remove(child)
    body.append(table)
    style = root.find("head/style")
    assert style is not None
    style.text = (style.text or "") + _PAGE
    page: str = lxml.html.tostring(root, encoding="unicode")
    return page


def applications_pdf(html: str) -> bytes:
    """Table 三 printed alone (the cached step of the corpus)."""
    return html_to_pdf(applications_page(html))


def table_picture(pdf: bytes, rng: random.Random) -> TablePicture:
    """The table of `pdf` (from `applications_pdf`) as a screenshot or a scan, as `rng`
    picks."""
    if rng.random() < 0.6:
        dpi = rng.choice((96, 120, 144, 150))
        image = _rendered(pdf, dpi, rng).convert("RGB")
        return TablePicture(_saved(image, "PNG"), "image/png", dpi)
    image = _rendered(pdf, 200, rng).convert("L")
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
    return TablePicture(_saved(image, "JPEG", quality=rng.randint(75, 90)), "image/jpeg", 200)


def _rendered(pdf: bytes, dpi: int, rng: random.Random) -> Image.Image:
    """The page at `dpi`, cut to its ink with a few pixels of white around it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    ink = np.asarray(image.convert("L")) < _INK
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    margin = rng.randint(*_MARGIN)
    box = (
        max(0, int(columns[0]) - margin),
        max(0, int(rows[0]) - margin),
        min(image.width, int(columns[-1]) + 1 + margin),
        min(image.height, int(rows[-1]) + 1 + margin),
    )
    cropped: Image.Image = image.crop(box)
    return cropped


def _saved(image: Image.Image, kind: str, **options: int) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()
