"""PDFs whose tables are pictures pasted among the text: the office wrote the prose in
Word or WPS, pasted each table as a screenshot of its sheet (or a scanned page of them)
and exported to PDF. The prose, headings and captions stay text; a table's figures are
only pixels.

`tables_pasted` makes one from a printed PDF: each chosen table (found by its ruling
lines, independently of the reader) is rendered alone at a screenshot's resolution, a
little blurred and saved as JPEG, its text and lines taken off the page and the picture
drawn in their place (pypdfium2's page-object API, as `textlayers` draws).
"""

from __future__ import annotations

import ctypes
import io
import random
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from PIL import ImageFilter

from tests.support.corpus.textlayers import _saved

Rect = tuple[float, float, float, float]  # left, bottom, right, top in user space

_THIN = 2.5  # points: a path this thin is a ruling line
_TOUCH = 1.5  # points: lines this close belong to the same table
_MIN_LINES = 6  # a table has at least two rows and two columns of lines
_MARGIN = (3.0, 9.0)  # points of white around the table in the screenshot
WAYS = ("one", "several", "all")


def tables_pasted(pdf: bytes, seed: int) -> bytes:
    """`pdf` with one, several or all of its tables (by `seed`) pasted as pictures at
    150–200 dpi; a table split over pages is pasted page by page (one picture each)."""
    rng = random.Random(seed)
    tables = range(len(pdf_tables(pdf)))
    return pasted(pdf, set(chosen(list(tables), rng)), rng)


def pdf_tables(pdf: bytes) -> list[tuple[int, Rect]]:
    """Each ruled table's page index and box, page by page."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [(index, box) for index, page in enumerate(document) for box in table_boxes(page)]
    finally:
        document.close()


def pasted(pdf: bytes, picked: set[int], rng: random.Random) -> bytes:
    """`pdf` with its tables numbered `picked` (in `pdf_tables`) pasted as pictures."""
    tables = pdf_tables(pdf)
    document = pypdfium2.PdfDocument(pdf)
    try:
        for number in sorted(picked):
            index, box = tables[number]
            paste(document, document[index], box, rng)
        return _saved(document)
    finally:
        document.close()


def chosen(tables: list[int], rng: random.Random) -> list[int]:
    """One table, several (each with even odds, at least one) or all, as the seed says."""
    way = rng.choice(WAYS)
    if not tables or way == "all":
        return tables
    if way == "one":
        return [rng.choice(tables)]
    picked = [table for table in tables if rng.random() < 0.5]
    return picked or [rng.choice(tables)]


def table_boxes(page: Any) -> list[Rect]:
    """The boxes of the page's ruled tables: groups of thin painted paths that touch."""
    lines = [_bounds(obj.raw) for obj in page.get_objects(max_depth=1) if _is_line(obj)]
    groups: list[list[Rect]] = []
    for line in lines:
        touching = [g for g in groups if any(_touch(line, other) for other in g)]
        merged = [line] + [r for g in touching for r in g]
        groups = [g for g in groups if g not in touching] + [merged]
    return [_union(g) for g in groups if len(g) >= _MIN_LINES]


def _is_line(obj: Any) -> bool:
    if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
        return False
    left, bottom, right, top = _bounds(obj.raw)
    return min(right - left, top - bottom) <= _THIN


def _bounds(handle: Any) -> Rect:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value


def _touch(a: Rect, b: Rect) -> bool:
    return (
        a[0] - _TOUCH <= b[2]
        and b[0] - _TOUCH <= a[2]
        and a[1] - _TOUCH <= b[3]
        and b[1] - _TOUCH <= a[3]
    )


def _union(rects: list[Rect]) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def paste(document: Any, page: Any, table: Rect, rng: random.Random) -> None:
    """The table's region rendered alone as a screenshot, the table's own objects taken
    off the page, the picture drawn where the table was."""
    margin = rng.uniform(*_MARGIN)
    box = (table[0] - margin, table[1] - margin, table[2] + margin, table[3] + margin)
    picture = screenshot(page, box, rng)
    objects = list(page.get_objects(max_depth=1))
    taken = [i for i, obj in enumerate(objects) if _inside(_bounds(obj.raw), table)]
    for index in taken:
        page.remove_obj(objects[index])
    image = pypdfium2.PdfImage.new(document)
    image.load_jpeg(io.BytesIO(picture), inline=False)
    width, height = box[2] - box[0], box[3] - box[1]
    image.set_matrix(pypdfium2.PdfMatrix().scale(width, height).translate(box[0], box[1]))
    # drawn where the table was in the page's order, as Word writes a picture in its line
    place = taken[0] if taken else len(objects)
    if not pdfium_c.FPDFPage_InsertObjectAtIndex(page.raw, image.raw, place):
        raise RuntimeError("pdfium refused to place the picture")
    image._detach_finalizer()  # the page owns it now (as PdfPage.insert_obj hands it over)
    image.page = page
    page.gen_content()


def screenshot(page: Any, box: Rect, rng: random.Random) -> bytes:
    """The page's `box` at 150–200 dpi, softened and saved as JPEG (quality 70–90), as a
    screenshot pasted into Word and exported comes out."""
    scale = rng.choice((150, 175, 200)) / 72
    left, bottom, right, top = page.get_mediabox()
    crop = (box[0] - left, box[1] - bottom, right - box[2], top - box[3])
    rendered = page.render(scale=scale, crop=crop, grayscale=rng.random() < 0.5).to_pil()
    softened = rendered.convert("RGB").filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.6)))
    out = io.BytesIO()
    softened.save(out, "JPEG", quality=rng.randint(70, 90))
    return out.getvalue()


def _inside(rect: Rect, table: Rect) -> bool:
    """The object's middle lies within the table's box (its text and lines)."""
    x, y = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    return (
        table[0] - _TOUCH <= x <= table[2] + _TOUCH and table[1] - _TOUCH <= y <= table[3] + _TOUCH
    )
