"""PDF with a text layer to text: ruled tables as grids, other text as lines in page order.

Tables are found from their ruling lines (pdfplumber); a page whose table has no lines
is read from word positions, a wide gap between words becoming a cell boundary. A
page with no text layer is a scan, which needs OCR.
"""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import Box, Grid, blocks_to_text, char_width, join_line
from gongkai.readers import ocr

_LINE_TOLERANCE = 3.0  # points: words whose tops differ less share a line
_CELL_GAP = 2.2  # a gap wider than this many character widths separates cells


def pdf_to_text(data: bytes) -> str:
    return _pdf_to_text(upright_pages(data))


def upright_pages(data: bytes) -> bytes:
    """The PDF with /Rotate undone on pages whose text then stands upright.

    pdfplumber applies a page's rotation to its coordinates; a table drawn upright on a
    page turned to landscape would otherwise be read column by column.
    """
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            turned = [i for i, page in enumerate(pdf.pages) if page.rotation and _lying(page)]
    except Exception:
        return data
    if not turned:
        return data
    import pypdfium2

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


def _pdf_to_text(data: bytes) -> str:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            blocks: list[str | Grid] = []
            for number, page in enumerate(pdf.pages, start=1):
                if number > 1:
                    blocks.append("\f")  # page breaks stay, so findings can name the page
                if page.chars:
                    blocks += page_blocks(page)
                else:
                    blocks.append(scanned_page_text(data, number - 1))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableInput(messages.ENCRYPTED_PDF) from exc
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        if any(isinstance(a, PDFPasswordIncorrect | PDFEncryptionError) for a in exc.args):
            raise UnreadableInput(messages.ENCRYPTED_PDF) from exc
        raise UnreadableInput(messages.BAD_PDF.format(detail=exc)) from exc
    return blocks_to_text(blocks)


def scanned_page_text(data: bytes, index: int) -> str:
    """A page without a text layer, rendered and read by OCR."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        bitmap = document[index].render(scale=ocr.DPI / 72)
        return ocr.image_to_text(bitmap.to_numpy()[:, :, :3].copy())
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
