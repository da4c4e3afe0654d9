"""Word documents to text: paragraphs in order, tables as grids (gridSpan and vMerge resolved).

What Word shows is read, however the document wraps it: content controls (`w:sdt`) around
tables, rows, cells or runs; text boxes (their drawing's text once, not again from the VML
fallback Word writes beside it); layout tables holding the real tables (unwrapped, as
HTML's); rows that start or end short of the grid (`w:gridBefore`/`w:gridAfter`). Tracked
changes count as accepted: inserted text is read, deleted and moved-away text and deleted
rows are not, nor hidden text (`w:vanish`), struck-out text or a superscript (a footnote's
mark after a figure). A picture leaves a mark (`grid.PICTURE`) and
its bytes, from the package, go to `embedded`: a table pasted as one is read from it by
OCR, or said to be unreadable rather than read as empty.

Content kept in another format (`w:altChunk`: a web page or web archive that Word converts
when it opens the file, as web editors' "export to Word" write it) is read in its place,
its tables counted among the document's.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import (
    PICTURE,
    Block,
    Origin,
    SourceMap,
    SpanCell,
    TracedGrid,
    blocks_to_traced,
    spans_to_traced,
)
from gongkai.model import Finding
from gongkai.readers.embedded import Embedded, with_pictures_read
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.pictured import holds_a_row
from gongkai.readers.zips import check_package

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
# A picture's data: DrawingML's blip, or the VML image of older Word and WPS.
_PICTURES = (_BLIP, "{urn:schemas-microsoft-com:vml}imagedata")
_EMU_INCH = 914_400  # DrawingML's sizes are in English Metric Units
# Elements that only wrap content: a content control's body, custom XML, a smart tag.
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:customXml"), qn("w:smartTag")})
_SDT_CONTENT = qn("w:sdtContent")
# Text Word does not show: deleted or moved away under tracked changes, and a text box's
# VML copy (mc:Fallback) of what its drawing (mc:Choice) holds.
_UNSHOWN = frozenset({qn("w:del"), qn("w:moveFrom"), _MC + "Fallback", qn("w:txbxContent")})
# What an altChunk may hold that is read: a web page, or a web archive (the page and its
# pictures in one MIME message).
_WEB_CHUNKS = frozenset({"text/html", "application/xhtml+xml", "message/rfc822"})
_CHUNK_NAMES = {
    "application/rtf": "RTF 格式",
    "text/rtf": "RTF 格式",
    "text/plain": "纯文本",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "另一份 Word 文档"
    ),
}


def docx_to_traced(
    data: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, SourceMap, list[Finding]]:
    """The document as text, each table cell's table, row and column in it (or picture and
    box), and a note on each picture whose table was read by OCR."""
    check_package(data, limits)
    with library_errors(messages.BAD_DOCX):
        document = docx.Document(io.BytesIO(data))
    walk = _Walk([], limits, itertools.count(1), document.part, [])
    body = document.element.body
    if body is not None:
        _content(body, walk)
    blocks, notes = with_pictures_read(walk.blocks, walk.pictures, limits)
    return *blocks_to_traced(blocks), notes


@dataclasses.dataclass
class _Walk:
    """What a walk through the document gathers and needs: the blocks read so far, the
    limits, the numbers of the tables read as grids, the part the body's links go from, and
    the pictures shown (one for each PICTURE mark among the blocks)."""

    blocks: list[Block]
    limits: Limits
    tables: Iterator[int]
    part: Any
    pictures: list[Embedded]


def _content(container: etree._Element, walk: _Walk) -> None:
    """The paragraphs and tables of a body, cell, text box or content control, in order."""
    blocks = walk.blocks
    for element in _unwrapped(container):
        if element.tag == qn("w:p"):
            text = _paragraph_text(element)
            if text.strip():
                blocks.append(text)
            for box in _text_boxes(element):
                _content(box, walk)
            for picture in _pictures(element):
                blocks.append(PICTURE)
                walk.pictures.append(_embedded(picture, walk.part))
        elif element.tag == qn("w:tbl"):
            nested = next(element.iterdescendants(qn("w:tbl")), None) is not None
            if not nested and not _frames_pictures(element):
                blocks.append(table_to_grid(element, walk.limits, next(walk.tables)))
                continue
            for tr in _unwrapped(element, qn("w:tr")):  # a layout table: its cells' content
                for tc in _unwrapped(tr, qn("w:tc")):
                    _content(tc, walk)
        elif element.tag == qn("w:altChunk"):
            blocks.extend(_chunk_blocks(element, walk))


def _frames_pictures(table: etree._Element) -> bool:
    """Whether a table only frames pictures (WPS templates and editors put a pasted table's
    picture in a one-cell table): it shows one, and no row of figures (a caption's year is
    none). Its cells are read as the body's, so that the picture is marked and read."""
    if next(table.iter(*_PICTURES), None) is None:
        return False
    return not holds_a_row(t.text or "" for t in table.iter(qn("w:t")))


def _chunk_blocks(chunk: etree._Element, walk: _Walk) -> Iterator[Block]:
    """An altChunk's lines and tables, its tables numbered and placed as the document's:
    Word makes them its own tables when it opens the file."""
    from gongkai.readers.html import html_to_blocks

    with library_errors(messages.BAD_DOCX):
        part = walk.part.related_parts[chunk.get(qn("r:id"))]
    kind = part.content_type.split(";")[0].strip().lower()
    if kind not in _WEB_CHUNKS:
        name = _CHUNK_NAMES.get(kind, "其他格式")
        raise UnreadableInput(messages.DOCX_FOREIGN_CHUNK.format(kind=name))
    blocks, _, pictures = html_to_blocks(part.blob, walk.limits)
    walk.pictures += pictures
    for block in blocks:
        if isinstance(block, TracedGrid):
            table = next(walk.tables)
            origins = [
                [None if o is None else _word_place(table, r, c) for c, o in enumerate(row)]
                for r, row in enumerate(block.origins)
            ]
            block = TracedGrid(block.grid, origins)
        yield block


def _unwrapped(element: etree._Element, tag: str | None = None) -> Iterator[etree._Element]:
    """An element's children, those inside content controls and custom XML in their place
    (a control may wrap a table, a row or a cell); only `tag` children if given."""
    for child in element:
        if child.tag in _WRAPPERS:
            inner = child.find(_SDT_CONTENT) if child.tag == qn("w:sdt") else child
            if inner is not None:
                yield from _unwrapped(inner, tag)
        elif tag is None or child.tag == tag:
            yield child


def _pictures(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The pictures a paragraph shows: not a VML copy in mc:Fallback, nor one in a text box
    (read with the box's own paragraphs)."""
    for picture in paragraph.iter(*_PICTURES):
        above = itertools.takewhile(lambda a: a is not paragraph, picture.iterancestors())
        if not any(a.tag in (_MC + "Fallback", qn("w:txbxContent")) for a in above):
            yield picture


def _embedded(picture: etree._Element, part: Any) -> Embedded:
    """A picture's bytes from the package (None for a linked file or a broken link), and
    the width its drawing is shown at."""
    related = part.related_parts.get(picture.get(qn("r:embed")) or picture.get(qn("r:id")))
    data = related.blob if related is not None else None
    return Embedded(data, _shown_inches(picture))


def _shown_inches(picture: etree._Element) -> float | None:
    """The width of the drawing a blip is shown in (`wp:extent`), in inches."""
    if picture.tag != _BLIP:
        return None
    drawing = next(picture.iterancestors(_WP + "inline", _WP + "anchor"), None)
    extent = drawing.find(_WP + "extent") if drawing is not None else None
    width = _span(extent.get("cx", "")) if extent is not None else 0
    return width / _EMU_INCH if width else None


def _text_boxes(paragraph: etree._Element) -> Iterator[etree._Element]:
    """A paragraph's text boxes, each once: not the VML copy in mc:Fallback, nor a box
    inside another (read with the outer box's content)."""
    for box in paragraph.iter(qn("w:txbxContent")):
        if not any(a.tag in (_MC + "Fallback", qn("w:txbxContent")) for a in box.iterancestors()):
            yield box


def _cell_origin(table: int) -> Callable[[int, int, SpanCell], Origin]:
    """A cell's place as Word counts it (`_word_place`), for the grid builder."""

    def where(row: int, column: int, cell: SpanCell) -> Origin:
        return _word_place(table, row, column)

    return where


def _word_place(table: int, row: int, column: int) -> Origin:
    """The table, then row and column of the table's grid, 1-based (`Table2!C5`: the formula
    address Word gives that cell)."""
    address = f"Table{table}!{_letters(column + 1)}{row + 1}"
    return Origin(address=address, table=table, row=row + 1, column=column + 1)


def _letters(column: int) -> str:
    """A 1-based column as letters (1 → A, 27 → AA), without loading a spreadsheet library."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def table_to_grid(
    table: etree._Element, limits: Limits = DEFAULT_LIMITS, number: int = 1
) -> TracedGrid:
    rows = []
    for tr in _unwrapped(table, qn("w:tr")):
        if tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None:
            continue  # a row deleted with tracked changes on
        before, after = _row_gaps(tr, limits.span)
        cells = [SpanCell("", 1, before)] if before else []
        for tc in _unwrapped(tr, qn("w:tc")):
            span, continued = _cell_spans(tc, limits.span)
            text = "" if continued else " ".join(_paragraph_text(p) for p in _paragraphs(tc))
            cells.append(SpanCell(text.strip(), 1, span, continued=continued))
        if after:
            cells.append(SpanCell("", 1, after))
        rows.append(cells)
    limits.check("rows", len(rows))
    return spans_to_traced(rows, limits.cells, _cell_origin(number))


def _paragraphs(tc: etree._Element) -> Iterator[etree._Element]:
    """A cell's paragraphs, those in content controls too, not those of text boxes."""
    for element in _unwrapped(tc):
        if element.tag == qn("w:p"):
            yield element
        elif element.tag == qn("w:tbl"):
            yield from element.iter(qn("w:p"))


def _row_gaps(tr: etree._Element, most: int) -> tuple[int, int]:
    """Grid columns a row leaves empty before its first cell and after its last."""
    props = tr.find(qn("w:trPr"))
    if props is None:
        return 0, 0
    gaps = []
    for name in ("w:gridBefore", "w:gridAfter"):
        gap = props.find(qn(name))
        gaps.append(min(_span(gap.get(qn("w:val"), "0")), most) if gap is not None else 0)
    return gaps[0], gaps[1]


def _cell_spans(tc: etree._Element, most: int) -> tuple[int, bool]:
    """(columns spanned, whether it continues a vertical merge from the row above)."""
    props = tc.find(qn("w:tcPr"))
    if props is None:
        return 1, False
    grid_span = props.find(qn("w:gridSpan"))
    span = _span(grid_span.get(qn("w:val"), "1")) if grid_span is not None else 1
    v_merge = props.find(qn("w:vMerge"))
    continued = v_merge is not None and v_merge.get(qn("w:val")) != "restart"
    return min(max(span, 1), most), continued


def _span(value: str) -> int:
    """A gridSpan as Word takes it: a whole number, anything else as none (ten digits
    already exceed any limit, and int() of a long run is slow)."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0


def _paragraph_text(paragraph: etree._Element) -> str:
    """The text Word shows in a paragraph: accepted changes, no hidden runs, no text box
    (read on its own)."""
    return "".join(_shown_text(paragraph))


def _shown_text(element: etree._Element) -> Iterator[str]:
    for child in element:
        if child.tag in _UNSHOWN or not isinstance(child.tag, str):
            continue
        if child.tag == qn("w:t"):
            yield child.text or ""
        elif child.tag == qn("w:r") and _unread(child):
            continue
        else:
            yield from _shown_text(child)


def _unread(run: etree._Element) -> bool:
    """A run hidden, struck out (an old figure left before the new one), or raised as a
    footnote's mark (「12¹」): none of it is the cell's figure, whose digits it would join."""
    properties = run.find(qn("w:rPr"))
    if properties is None:
        return False
    if any(_on(properties.find(qn(tag))) for tag in ("w:vanish", "w:strike", "w:dstrike")):
        return True
    raised = properties.find(qn("w:vertAlign"))
    return raised is not None and raised.get(qn("w:val")) == "superscript"


def _on(toggle: etree._Element | None) -> bool:
    """Whether a run's on/off property is there and on (its `w:val` defaults to on)."""
    return toggle is not None and toggle.get(qn("w:val"), "true") not in ("0", "false", "off")
