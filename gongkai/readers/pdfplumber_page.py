"""Pages read by pdfplumber's layout analysis (pdfminer): the slow path, for the pages
whose table the pdfium path cannot trust (see `pdf.PageTables.doubtful`)."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import Table

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import Block, Origin, TracedGrid
from gongkai.readers.footmarks import footnote_marks
from gongkai.readers.holes import tables_holes
from gongkai.readers.library import library_errors
from gongkai.readers.limits import Limits
from gongkai.readers.pdfpage import Char, Segment
from gongkai.readers.pdftext import Word, cells_chars, outside, words_to_lines


def pages_blocks(
    data: bytes, indices: list[int] | None, limits: Limits
) -> dict[int, list[Block] | None]:
    """Tables and lines of the pages `indices` (None: every page), each as pdfplumber
    finds them; None for a page without text."""
    found: dict[int, list[Block] | None] = {}
    try:
        with library_errors(messages.BAD_PDF), pdfplumber.open(io.BytesIO(data)) as pdf:
            limits.check("pages", len(pdf.pages))
            for index in range(len(pdf.pages)) if indices is None else indices:
                page = pdf.pages[index]
                found[index] = page_blocks(page, index + 1) if page.chars else None
                page.close()  # drop the page's parsed objects: memory stays one page's
    except UnreadableInput as exc:
        if _encrypted(exc.__cause__):
            raise UnreadableInput(messages.ENCRYPTED_PDF) from exc
        raise
    return found


def _encrypted(error: BaseException | None) -> bool:
    kinds = (PDFPasswordIncorrect, PDFEncryptionError)
    return isinstance(error, kinds) or any(isinstance(a, kinds) for a in getattr(error, "args", ()))


def page_blocks(page: Any, number: int = 1) -> list[Block]:
    """Tables and text lines of one page (1-based `number`), top to bottom."""
    page, tables = _without_footnote_marks(page, _holes_closed(page, page.find_tables()))
    placed: list[tuple[float, Block]] = []
    for table in tables:
        grid = [[_clean(cell) for cell in row] for row in table.extract()]
        origins = [
            [None if box is None else Origin(page=number, box=tuple(box)) for box in row.cells]
            for row in table.rows
        ]
        placed.append((table.bbox[1], TracedGrid(grid, origins)))
    boxes = [t.bbox for t in tables]
    words = [word_box(w) for w in page.extract_words(keep_blank_chars=False)]
    placed += words_to_lines(outside(words, boxes), number)
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _holes_closed(page: Any, tables: list[Any]) -> list[Any]:
    """The tables with the cells their ruling left open closed (`holes`), as the pdfium
    path closes them: a character in a table's box is never dropped unread."""
    cells = [table.cells for table in tables]
    chars = [_char(c) for c in page.chars]
    lines = [Segment(False, e["x0"], e["top"], e["bottom"]) for e in page.vertical_edges]
    holes = tables_holes(cells, cells_chars(cells, chars), chars, lines) if tables else []
    return [
        Table(page, table.cells + more) if more else table
        for table, more in zip(tables, holes, strict=True)
    ]


def _without_footnote_marks(page: Any, tables: list[Any]) -> tuple[Any, list[Any]]:
    """The page without the footnote marks after figures in its tables' cells
    (`footmarks`), and its tables on it (a table reads its text from its page's chars)."""
    objects = page.chars
    chars = [_char(c) for c in objects]
    at = {id(char): i for i, char in enumerate(chars)}
    held = cells_chars([table.cells for table in tables], chars)
    dropped = {
        id(objects[at[id(mark)]])
        for cells in held
        for found in cells.values()
        for mark in footnote_marks(found)
    }
    if not dropped:
        return page, tables
    filtered = page.filter(lambda obj: id(obj) not in dropped)
    return filtered, [Table(filtered, table.cells) for table in tables]


def _char(c: dict[str, Any]) -> Char:
    """A character as pdfplumber gives it, its box's bottom for a baseline."""
    return Char(c["text"], c["x0"], c["top"], c["x1"], c["bottom"], 0, c["bottom"])


def word_box(word: dict[str, Any]) -> Word:
    top = word["top"]
    return Word(word["text"], word["x0"], word["x1"], top, word["bottom"], baseline=top)


def _clean(cell: str | None) -> str:
    return " ".join((cell or "").split())
