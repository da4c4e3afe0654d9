"""Render a report as a Word document in the look of a Chinese official document (GB/T 9704).

A4 with the standard's margins, the title in 小标宋, body in 仿宋, 一、 headings in 黑体,
page numbers as "— 1 —"; the three tables keep their merged cells and stay editable.
Fonts are named as offices have them; Word substitutes where one is missing.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from gongkai import catalog
from gongkai.grid import SpanCell, place_spans
from gongkai.model import Report
from gongkai.render import layout
from gongkai.render.sections import closing, section_paragraphs, title_of

TITLE_FONT, BODY_FONT, HEADING_FONT, TABLE_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"


def render_docx(report: Report) -> bytes:
    document = Document()
    page_setup(document)
    add_text(document.add_paragraph(), title_of(report), TITLE_FONT, 22, center=True)
    tables = dict(layout.TABLES)
    for section_id, heading in catalog.SECTIONS:
        add_text(document.add_paragraph(), heading, HEADING_FONT, 16)
        for text in section_paragraphs(report, section_id):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            add_text(paragraph, text, BODY_FONT, 16)
        if section_id in tables:
            add_table(document, tables[section_id](report))
    return finish(document, closing(report))


def finish(document: DocumentObject, signature: list[str]) -> bytes:
    """The signature lines (sender, date) at the foot on the right, and the file's bytes."""
    for line in signature:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_text(paragraph, line, BODY_FONT, 16)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(footer, "— ", BODY_FONT, 14)
    _add_page_field(footer)
    add_text(footer, " —", BODY_FONT, 14)


def add_text(paragraph: Paragraph, text: str, font: str, size: float, center: bool = False) -> None:
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _add_page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._element.append(element)


def add_table(document: DocumentObject, rows: list[list[SpanCell]]) -> Table:
    """A Word table with the template's merged cells (built once, merged span by span)."""
    placed = place_spans(rows)
    height = max(r + cell.rowspan for r, _, cell in placed)
    width = max(c + cell.colspan for _, c, cell in placed)
    table: Table = document.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = [list(row.cells) for row in table.rows]
    for r, c, cell in placed:
        target = grid[r][c]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(grid[r + cell.rowspan - 1][c + cell.colspan - 1])
        paragraph = target.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(paragraph, cell.text, TABLE_FONT, 9)
    return table
