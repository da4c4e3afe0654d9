"""PDF with a text layer to text: ruled tables as grids, other text as lines in page order.

Tables are found from their ruling lines (pdfplumber); a page whose table has no lines
is read from word positions, a wide gap between words becoming a cell boundary. A
page with no text layer is a scan, which needs OCR.
"""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import Box, Grid, blocks_to_text, char_width, join_line
from gongkai.readers import ocr
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits

_LINE_TOLERANCE = 3.0  # points: words whose tops differ less share a line
_CELL_GAP = 2.2  # a gap wider than this many character widths separates cells


def pdf_to_text(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    check_pages(data, limits)
    return _pdf_to_text(upright_pages(data), limits)


def check_pages(data: bytes, limits: Limits) -> None:
    """Refuse a PDF with too many pages or a page too large, from its page tree alone
    (pypdfium2 reads it without parsing any page's content)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        encrypted = exc.err_code == pypdfium2.raw.FPDF_ERR_PASSWORD
        raise UnreadableInput(messages.ENCRYPTED_PDF if encrypted else messages.BAD_PDF) from exc
    try:
        limits.check("pages", len(document))
        for index in range(len(document)):
            with library_errors(messages.BAD_PDF):
                longer = max(document.get_page_size(index))
            limits.check("page_points", math.ceil(longer), page_name(index))
    finally:
        document.close()


def page_name(index: int) -> str:
    return messages.PAGE.format(page=index + 1)


def upright_pages(data: bytes) -> bytes:
    """The PDF with /Rotate undone on pages whose text then stands upright.

    pdfplumber applies a page's rotation to its coordinates; a table drawn upright on a
    page turned to landscape would otherwise be read column by column.
    """
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            turned = [i for i, page in enumerate(pdf.pages) if page.rotation and _lying(page)]
    except Exception:
        return data  # a PDF pdfplumber cannot open is refused, with its reason, when read
    if not turned:
        return data
    import pypdfium2

    with library_errors(messages.BAD_PDF):
        document = pypdfium2.PdfDocument(data)
        try:
            for index in turned:
                document[index].set_rotation(0)
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()
        finally:
            document.close()


def _lying(page: Any) -> bool:
    chars = page.chars
    return bool(chars) and sum(1 for c in chars if not c.get("upright", True)) > len(chars) / 2


def _pdf_to_text(data: bytes, limits: Limits) -> str:
    """Each page's tables and lines; a page without text is a scan, read by OCR once
    pdfplumber is done (so that a failure of the OCR is not taken for a broken PDF)."""
    found: list[list[str | Grid] | None] = []
    try:
        with library_errors(messages.BAD_PDF), pdfplumber.open(io.BytesIO(data)) as pdf:
            limits.check("pages", len(pdf.pages))
            for page in pdf.pages:
                found.append(page_blocks(page) if page.chars else None)
                page.close()  # drop the page's parsed objects: memory stays one page's
    except UnreadableInput as exc:
        if _encrypted(exc.__cause__):
            raise UnreadableInput(messages.ENCRYPTED_PDF) from exc
        raise
    blocks: list[str | Grid] = []
    for index, page_found in enumerate(found):
        if index:
            blocks.append("\f")  # page breaks stay, so findings can name the page
        blocks += page_found if page_found is not None else [scanned_page_text(data, index, limits)]
    return blocks_to_text(blocks)


def _encrypted(error: BaseException | None) -> bool:
    kinds = (PDFPasswordIncorrect, PDFEncryptionError)
    return isinstance(error, kinds) or any(isinstance(a, kinds) for a in getattr(error, "args", ()))


def scanned_page_text(data: bytes, index: int, limits: Limits = DEFAULT_LIMITS) -> str:
    """A page without a text layer, rendered and read by OCR."""
    return ocr.image_to_text(render_page(data, index, ocr.DPI / 72, limits))


def render_page(data: bytes, index: int, scale: float, limits: Limits) -> np.ndarray:
    """Page `index` as RGB pixels, its size at `scale` checked before it is rendered."""
    import pypdfium2

    with library_errors(messages.BAD_PDF):
        document = pypdfium2.PdfDocument(data)
        try:
            page = document[index]
            width, height = page.get_size()
            pixels = math.ceil(width * scale) * math.ceil(height * scale)
            limits.check("pixels", pixels, page_name(index))
            rendered: np.ndarray = page.render(scale=scale).to_numpy()[:, :, :3].copy()
            return rendered
        finally:
            document.close()


def page_blocks(page: Any) -> list[str | Grid]:
    """Tables and text lines of one page, top to bottom."""
    tables = page.find_tables()
    placed: list[tuple[float, str | Grid]] = []
    for table in tables:
        grid = [[_clean(cell) for cell in row] for row in table.extract()]
        placed.append((table.bbox[1], grid))
    boxes = [t.bbox for t in tables]
    words = [w for w in page.extract_words(keep_blank_chars=False) if not inside(w, boxes)]
    for top, line in words_to_lines(words):
        placed.append((top, line))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def words_to_lines(words: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """Words grouped into lines by position; wide gaps become tabs (cells of unruled tables)."""
    if not words:
        return []
    boxes = [Box(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in words]
    char = char_width(boxes)
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (round(b.top), b.left)):
        if lines and abs(lines[-1][0].top - box.top) <= _LINE_TOLERANCE:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [(line[0].top, join_line(line, char, _CELL_GAP, " ")) for line in lines]


def inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _clean(cell: str | None) -> str:
    return " ".join((cell or "").split())
