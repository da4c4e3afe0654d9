"""Word documents to text: paragraphs in order, tables as grids (gridSpan and vMerge resolved)."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from lxml import etree

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import Grid, SpanCell, blocks_to_text, spans_to_grid


def docx_to_text(data: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UnreadableInput(messages.BAD_DOCX.format(detail=exc)) from exc
    blocks: list[str | Grid] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = _paragraph_text(element)
            if text.strip():
                blocks.append(text)
        elif element.tag == qn("w:tbl"):
            blocks.append(table_to_grid(element))
    return blocks_to_text(blocks)


def table_to_grid(table: etree._Element) -> Grid:
    rows = []
    for tr in table.iterchildren(qn("w:tr")):
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            span, continued = _cell_spans(tc)
            text = "" if continued else " ".join(_paragraph_text(p) for p in tc.iter(qn("w:p")))
            cells.append(SpanCell(text.strip(), 1, span))
        rows.append(cells)
    return spans_to_grid(rows)


def _cell_spans(tc: etree._Element) -> tuple[int, bool]:
    """(columns spanned, whether it continues a vertical merge from the row above)."""
    props = tc.find(qn("w:tcPr"))
    if props is None:
        return 1, False
    grid_span = props.find(qn("w:gridSpan"))
    span = int(grid_span.get(qn("w:val"), "1")) if grid_span is not None else 1
    v_merge = props.find(qn("w:vMerge"))
    continued = v_merge is not None and v_merge.get(qn("w:val")) != "restart"
    return max(1, span), continued


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
