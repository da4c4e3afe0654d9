"""PDF with a text layer to text: ruled tables as grids, other text as lines in page order.

Each page is read through pdfium (pypdfium2): its characters with their boxes and the
lines drawn on it, tables found from those lines (`ruling`), text set out by position
(`pdftext`). A table whose text does not fit its cells (characters cut by a ruling
line) is a page pdfium's geometry does not explain; that page is read again by
pdfplumber's layout analysis (`pdfplumber_page`). A page whose table has no lines is
read from word positions, a wide gap between words becoming a cell boundary. A page
with no text layer is a scan, which needs OCR; so is a page whose text layer lies about
it (a scan's own OCR text, fonts with broken maps: `textlayer`), which is said.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import Block, SourceMap, TracedGrid, blocks_to_traced, unmarked
from gongkai.readers import ocr
from gongkai.readers.collector import collector_paused
from gongkai.readers.footmarks import without_footnote_marks
from gongkai.readers.holes import tables_holes
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.overlap import overlapped
from gongkai.readers.pagebreaks import PagePart, join_cut_cells
from gongkai.readers.pasted import Placed, pictures_read
from gongkai.readers.pdfpage import Char, PageContent, read_page, text_turn
from gongkai.readers.pdftext import (
    Word,
    cells_chars,
    chars_to_words,
    outside,
    table_grid,
    words_to_lines,
)
from gongkai.readers.ruling import Cell, segments_to_tables, table_box
from gongkai.readers.textcheck import DigitCheck, Sign
from gongkai.readers.textlayer import Layer, layer_signs, page_layer, pictures_to_read


@dataclass
class PageTables:
    """What was found on one page: its tables (cells, with the characters in each) and
    the words outside them."""

    content: PageContent
    tables: list[list[Cell]]
    inside: list[dict[Cell, list[Char]]]
    words: list[Word]
    mediabox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # left, bottom, right, top

    def layer(self, digits: Sign | None = None) -> Layer:
        """How the page is to be read: its text layer, or its picture (`textlayer`), with
        what looking at its digits found (`textcheck`)."""
        left, bottom, right, top = self.mediabox
        area = abs(right - left) * abs(top - bottom)
        return page_layer(layer_signs(self.content, bool(self.tables), area, digits))

    def pictures(self) -> list[Placed]:
        """The boxes of the pictures that may hold a table the text layer lacks
        (`textlayer.pictures_to_read`), on the page shown upright (`tables_to_blocks`)."""
        content, place = self.content, _page_place(self)
        left, _, right, _ = content.frame.box(*self.mediabox)
        boxes = pictures_to_read(content.drawn.pictures, content.chars, right - left)
        return [place(box) for box in boxes]

    @property
    def doubtful(self) -> bool:
        """A ruling line cuts through the text of a table: the lines pdfium placed do
        not frame the text it placed."""
        return any(
            _cut(char, cell)
            for cells in self.inside
            for cell, chars in cells.items()
            for char in chars
            if not _within(char, cell)
        )


Engine = Literal["pdfium", "pdfplumber"]


@dataclass
class PdfPages:
    """A PDF's blocks (`pdf_to_blocks`), and the pages read from their picture because
    their text layer lied, each with what it was (a scan's OCR layer, broken fonts), or
    whose pictures were read besides their text ("pictures")."""

    blocks: list[Block]
    relayered: dict[int, Layer]


def pdf_to_text(data: bytes, limits: Limits = DEFAULT_LIMITS, engine: Engine = "pdfium") -> str:
    """The PDF's text, pages read through pdfium (doubtful ones by pdfplumber), or with
    engine="pdfplumber" every page by pdfplumber: the slower reference the pdfium path
    is tested and measured against."""
    return unmarked(pdf_to_traced(data, limits, engine)[0])


def pdf_to_traced(
    data: bytes, limits: Limits = DEFAULT_LIMITS, engine: Engine = "pdfium"
) -> tuple[str, SourceMap]:
    """pdf_to_text, and the page and box (points, top-left origin) of each cell and word."""
    return blocks_to_traced(pdf_to_blocks(data, limits, engine))


def pdf_to_blocks(
    data: bytes, limits: Limits = DEFAULT_LIMITS, engine: Engine = "pdfium"
) -> list[Block]:
    """The pages' tables (cells boxed) and text lines (words boxed), a form feed between
    pages: what the text is made from, kept for the reading's other uses (`reading`)."""
    if engine == "pdfplumber":
        check_pages(data, limits)
        every = _pdfplumber_pages(upright_pages(data), None, limits)
        return _pages_blocks(data, [every[i] for i in sorted(every)], limits)
    return pdf_to_pages(data, limits).blocks


def pdf_to_pages(data: bytes, limits: Limits = DEFAULT_LIMITS) -> PdfPages:
    """pdf_to_blocks through pdfium, and the pages whose text layer was not believed or
    did not hold all (pictures read besides it)."""
    found, relayered, pictures = _pdfium_pages(data, limits)
    # pages whose pictures are read count as read by OCR, checked before any is rendered
    limits.check("ocr_pages", len({i for i, f in enumerate(found) if f is None} | set(pictures)))
    if pictures:
        upright = upright_pages(data, sorted(pictures))
        found = pictures_read(
            found, pictures, lambda index: render_page(upright, index, ocr.DPI / 72, limits)
        )
        relayered |= {index: "pictures" for index in pictures}
    return PdfPages(_pages_blocks(data, found, limits), relayered)


def _pages_blocks(data: bytes, found: list[list[Block] | None], limits: Limits) -> list[Block]:
    return pages_with_scans(
        found, lambda index: render_page(data, index, ocr.DPI / 72, limits), limits
    )


def _pdfium_pages(
    data: bytes, limits: Limits
) -> tuple[list[list[Block] | None], dict[int, Layer], dict[int, list[Placed]]]:
    """Each page's blocks through pdfium, doubtful pages' through pdfplumber; None for a
    page without text or whose text lies (and then what it was, by page index); and the
    pictures to read on the pages whose text is read, by page index."""
    found: list[list[Block] | None] = []
    doubtful: list[int] = []
    relayered: dict[int, Layer] = {}
    pictures: dict[int, list[Placed]] = {}
    check = DigitCheck()
    with open_pdf(data) as document, collector_paused():
        check_document(document, limits)
        pages = [page_tables(document, index, limits, check) for index in range(len(document))]
    digits = check.signs()
    for index, tables in enumerate(pages):
        layer = "text" if tables is None else tables.layer(digits.get(index))
        if layer != "text":
            relayered[index], tables = layer, None
        if tables is not None and (boxes := tables.pictures()):
            pictures[index] = boxes
        if tables is not None and tables.doubtful:
            doubtful.append(index)
        found.append(None if tables is None else tables_to_blocks(tables, index + 1))
    join_pages(pages, found, set(doubtful))
    if doubtful:
        again = _pdfplumber_pages(upright_pages(data, doubtful), doubtful, limits)
        found = [again[i] if i in doubtful else blocks for i, blocks in enumerate(found)]
    return found, relayered, pictures


def join_pages(
    pages: Sequence[PageTables | None],
    found: Sequence[list[Block] | None],
    skip: Collection[int] = (),
) -> None:
    """Cells merged over rows that a page break cut, joined again in the pages' blocks
    (`pagebreaks`): the last table of each page and the first of the next. Pages of
    `skip` (read again by pdfplumber: pdfium's geometry does not explain them) join none."""
    for index in range(len(pages) - 1):
        if index in skip or index + 1 in skip:
            continue
        upper = _page_part(pages[index], found[index], -1)
        lower = _page_part(pages[index + 1], found[index + 1], 0)
        if upper is not None and lower is not None:
            join_cut_cells(upper, lower)


def _page_part(tables: PageTables | None, blocks: list[Block] | None, at: int) -> PagePart | None:
    """The page's table `at` in order from top to bottom, with its grid in `blocks`
    (`tables_to_blocks` puts the grids in that order)."""
    if tables is None or blocks is None or not tables.tables:
        return None
    grids = [block for block in blocks if isinstance(block, TracedGrid)]
    order = sorted(tables.tables, key=lambda cells: table_box(cells)[1])
    return PagePart(order[at], grids[at], tables.content.lines)


def _pdfplumber_pages(
    data: bytes, indices: list[int] | None, limits: Limits
) -> dict[int, list[Block] | None]:
    # pdfplumber (and pdfminer under it) is loaded only when a page needs it
    from gongkai.readers.pdfplumber_page import pages_blocks

    return pages_blocks(data, indices, limits)


def pages_with_scans(
    found: list[list[Block] | None], render: Callable[[int], np.ndarray], limits: Limits
) -> list[Block]:
    """Pages' blocks with page breaks kept (findings name their page); a page without
    text is a scan, read by OCR once the text layer is done (so that a failure of the
    OCR is not taken for a broken file), the scans side by side. `render` gives page
    `index` as RGB pixels at ocr.DPI. More scans than `ocr_pages` are refused before
    the first is rendered: at 1–3 s of CPU a page they would outlast the isolated read's
    time (a 400-page table without a keyword on its pages was 2 s a page)."""
    scans = [index for index, page_found in enumerate(found) if page_found is None]
    limits.check("ocr_pages", len(scans))
    rendered = ((index, render(index)) for index in scans)
    read = dict(zip(scans, overlapped(rendered, _scanned, ocr.THREADS)))
    blocks: list[Block] = []
    for index, page_found in enumerate(found):
        if index:
            blocks.append("\f")
        blocks += page_found if page_found is not None else read[index]
    return blocks


def _scanned(page: tuple[int, np.ndarray]) -> list[Block]:
    """A scanned page's lines and tables, traced to boxes in points on the rendered page."""
    index, image = page
    return ocr.image_to_blocks(image, index + 1, 72 / ocr.DPI)


@contextmanager
def open_pdf(data: bytes) -> Iterator[Any]:
    """The document as pypdfium2 opens it; a password or a broken file refused, typed."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        encrypted = exc.err_code == pypdfium2.raw.FPDF_ERR_PASSWORD
        raise UnreadableInput(messages.ENCRYPTED_PDF if encrypted else messages.BAD_PDF) from exc
    try:
        yield document
    finally:
        document.close()


def check_pages(data: bytes, limits: Limits) -> None:
    """Refuse a PDF with too many pages or a page too large, from its page tree alone."""
    with open_pdf(data) as document:
        check_document(document, limits)


def check_document(document: Any, limits: Limits) -> None:
    """Pages and page sizes within limits, read without parsing any page's content."""
    limits.check("pages", len(document))
    for index in range(len(document)):
        with library_errors(messages.BAD_PDF):
            longer = max(document.get_page_size(index))
        limits.check("page_points", math.ceil(longer), page_name(index))


def page_name(index: int) -> str:
    return messages.PAGE.format(page=index + 1)


def page_tables(
    document: Any, index: int, limits: Limits, check: DigitCheck | None = None
) -> PageTables | None:
    """Page `index`'s tables and words through pdfium; None for a page without text. The
    glyphs of its digits are sampled into `check` while the page is open."""
    with library_errors(messages.BAD_PDF, page_name(index)):
        page = document[index]
        textpage = page.get_textpage()
        mediabox = page.get_mediabox()
    try:
        content = read_page(page, textpage, limits, page_name(index))
        if check is not None and content.chars:
            with library_errors(messages.BAD_PDF, page_name(index)):
                check.sample(page.raw, textpage.raw, index, content.text)
    finally:
        textpage.close()
        page.close()
    return content_tables(content, tuple(mediabox), limits, page_name(index))


def content_tables(
    content: PageContent,
    mediabox: tuple[float, float, float, float],
    limits: Limits,
    location: str,
) -> PageTables | None:
    """A page's tables and words from its characters and lines (in the frame of
    `pdfpage`; the media box in user space); None for a page without text."""
    if not content.chars:
        return None
    tables = segments_to_tables(content.lines, limits, location)
    boxes = [table_box(t) for t in tables]
    words = outside(chars_to_words(content.chars, boxes), boxes)
    found = cells_chars(tables, content.chars)
    holes = tables_holes(tables, found, content.chars, content.lines)
    if any(holes):  # a character in a table's box is never dropped unread
        tables = [cells + more for cells, more in zip(tables, holes, strict=True)]
        found = cells_chars(tables, content.chars)
    found = [{cell: without_footnote_marks(chars) for cell, chars in f.items()} for f in found]
    return PageTables(content, tables, found, words, mediabox)


def tables_to_blocks(found: PageTables, page: int = 1) -> list[Block]:
    """Tables and text lines of one page (1-based number `page`), top to bottom; the
    boxes of their origins on the page as it is shown upright (`upright_pages`, the
    picture beside the data): points from its top-left corner, as pdfplumber gives them
    on a page whose /Rotate already stands it upright."""
    place = _page_place(found)
    placed: list[tuple[float, Block]] = [
        (table_box(cells)[1], table_grid(cells, chars, page, place))
        for cells, chars in zip(found.tables, found.inside, strict=True)
    ]
    placed += words_to_lines(found.words, page, place)
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _page_place(found: PageTables) -> Callable[[Cell], Cell]:
    """A box in the frame to the page shown upright. The frame is the page turned so that
    its text reads left to right: the upright page itself, once moved so that the media
    box's corner nearest the text's start is 0, 0."""
    left, top, _, _ = found.content.frame.box(*found.mediabox)

    def place(box: Cell) -> Cell:
        x0, y0, x1, y1 = box
        return (x0 - left, y0 - top, x1 - left, y1 - top)

    return place


_CUT = 0.4  # share of a character's width or height beyond its cell that says it is cut


def _within(char: Char, cell: Cell) -> bool:
    """The character's box lies in the cell (most do: cheaper to ask than _cut)."""
    return (
        cell[0] <= char.left
        and char.right <= cell[2]
        and cell[1] <= char.top
        and char.bottom <= cell[3]
    )


def _cut(char: Char, cell: Cell) -> bool:
    width, height = max(char.right - char.left, 1e-6), max(char.bottom - char.top, 1e-6)
    across = max(cell[0] - char.left, char.right - cell[2], 0.0) / width
    down = max(cell[1] - char.top, char.bottom - cell[3], 0.0) / height
    return not char.text.isspace() and max(across, down) > _CUT


def upright_pages(data: bytes, indices: list[int] | None = None) -> bytes:
    """The PDF with each page (of `indices`, or all) turned by /Rotate so that its text
    stands upright when shown, whatever turned it (a /Rotate of its own, or content
    drawn turned)."""
    with open_pdf(data) as document:
        changed = False
        for index in range(len(document)) if indices is None else indices:
            with library_errors(messages.BAD_PDF, page_name(index)):
                changed |= _set_upright(document[index])
        if not changed:
            return data
        out = io.BytesIO()
        with library_errors(messages.BAD_PDF):
            document.save(out)
        return out.getvalue()


def _set_upright(page: Any) -> bool:
    textpage = page.get_textpage()
    try:
        turn = text_turn(textpage.raw)
    finally:
        textpage.close()
    if turn is None or turn * 90 == page.get_rotation():
        return False
    page.set_rotation(turn * 90)
    return True


def render_page(data: bytes, index: int, scale: float, limits: Limits) -> np.ndarray:
    """Page `index` as RGB pixels, its size at `scale` checked before it is rendered."""
    with open_pdf(data) as document, library_errors(messages.BAD_PDF):
        page = document[index]
        width, height = page.get_size()
        pixels = math.ceil(width * scale) * math.ceil(height * scale)
        limits.check("pixels", pixels, page_name(index))
        rendered: np.ndarray = page.render(scale=scale).to_numpy()[:, :, :3].copy()
        return rendered
