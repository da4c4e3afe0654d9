"""Word documents to text: paragraphs in order, tables as grids (gridSpan and vMerge resolved)."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
from docx.oxml.ns import qn
from lxml import etree

from gongkai import messages
from gongkai.grid import (
    Block,
    Origin,
    SourceMap,
    SpanCell,
    TracedGrid,
    blocks_to_traced,
    spans_to_traced,
)
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.zips import check_package


def docx_to_traced(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, SourceMap]:
    """The document as text, and each table cell's table, row and column in it."""
    check_package(data, limits)
    with library_errors(messages.BAD_DOCX):
        body = docx.Document(io.BytesIO(data)).element.body
    blocks: list[Block] = []
    tables = 0
    for element in body.iterchildren() if body is not None else ():
        if element.tag == qn("w:p"):
            text = _paragraph_text(element)
            if text.strip():
                blocks.append(text)
        elif element.tag == qn("w:tbl"):
            tables += 1
            blocks.append(table_to_grid(element, limits, tables))
    return blocks_to_traced(blocks)


def _cell_origin(table: int) -> Callable[[int, int, SpanCell], Origin]:
    """A cell's place as Word counts it: the table, then row and column of the table's
    grid, 1-based (`Table2!C5`: the formula address Word gives that cell)."""

    def where(row: int, column: int, cell: SpanCell) -> Origin:
        address = f"Table{table}!{_letters(column + 1)}{row + 1}"
        return Origin(address=address, table=table, row=row + 1, column=column + 1)

    return where


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
    for tr in table.iterchildren(qn("w:tr")):
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            span, continued = _cell_spans(tc, limits.span)
            text = "" if continued else " ".join(_paragraph_text(p) for p in tc.iter(qn("w:p")))
            cells.append(SpanCell(text.strip(), 1, span))
        rows.append(cells)
    limits.check("rows", len(rows))
    return spans_to_traced(rows, limits.cells, _cell_origin(number))


def _cell_spans(tc: etree._Element, most: int) -> tuple[int, bool]:
    """(columns spanned, whether it continues a vertical merge from the row above)."""
    props = tc.find(qn("w:tcPr"))
    if props is None:
        return 1, False
    grid_span = props.find(qn("w:gridSpan"))
    span = _span(grid_span.get(qn("w:val"), "1")) if grid_span is not None else 1
    v_merge = props.find(qn("w:vMerge"))
    continued = v_merge is not None and v_merge.get(qn("w:val")) != "restart"
    return min(span, most), continued


def _span(value: str) -> int:
    """A gridSpan as Word takes it: a whole number, anything else as no span (ten digits
    already exceed any limit, and int() of a long run is slow)."""
    value = value.strip()
    return max(1, int(value)) if value.isascii() and value.isdigit() and len(value) < 10 else 1


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
