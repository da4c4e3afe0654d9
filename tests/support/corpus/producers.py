"""What publishers and readers do to a report: PDFs from two producers, text copied out of
them, Markdown converted from them.

- WeasyPrint (`gongkai render --to pdf`), plain or *styled*: table 三 in a larger type so
  that it runs over pages with its three header rows repeated (`<thead>`), and the
  「三、本年度办理结果」 label turned on its side.
- LibreOffice: our DOCX converted by `soffice --headless --convert-to pdf`, plain or styled
  the Word way (header rows marked `w:tblHeader`, the group labels `btLr`).
- Copy-paste: poppler's `pdftotext` in its three modes, and pypdfium2's text (what
  Chromium's viewer copies).
- Markdown: markitdown (the converter crawlers and RAG pipelines use on PDFs).
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pypdfium2
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell

from gongkai import catalog
from gongkai.model import Report
from gongkai.render.docx import render_docx
from gongkai.render.html import render_html
from gongkai.render.pdf import html_to_pdf

PDFTOTEXT_MODES = {"pdftotext-raw": ["-raw"], "pdftotext": [], "pdftotext-layout": ["-layout"]}
_APPLICATIONS_HEADER_ROWS = 3
_STYLED_CSS = """
table.applications { font-size: 11.5pt; }
table.applications td { padding: 5px 4px; }
td.turned div { position: relative; height: 6.5em; width: 1.3em; }
td.turned span { position: absolute; top: 6.3em; left: 0; white-space: nowrap;
                 transform-origin: left top; transform: rotate(-90deg); }
"""
# Word users turn these cells' text btLr; the HTML version turns the applicant headers.
_ROTATED_LABELS = (
    catalog.GROUP_RESULTS,
    catalog.GROUP_WITHHELD,
    catalog.GROUP_UNAVAILABLE,
    catalog.GROUP_NOT_PROCESSED,
    catalog.GROUP_OTHER,
)
_APPLICANT_HEADER = re.compile(
    r"<td((?: rowspan=\"\d+\")?)>("
    + "|".join(c.label for c in catalog.APPLICANT_COLUMNS)
    + r")</td>"
)


def weasyprint_html(report: Report, styled: bool) -> str:
    html = render_html(report)
    return _styled_html(html) if styled else html


def _styled_html(html: str) -> str:
    """Table 三 in a larger type with its header rows in `<thead>` (repeated on every page
    by WeasyPrint), the applicant headers turned to read bottom to top."""
    start = html.index(catalog.BALANCE_NOTE)
    table_at = html.rindex("<table>", 0, start)
    rows_end = table_at
    for _ in range(_APPLICATIONS_HEADER_ROWS):
        rows_end = html.index("</tr>", rows_end) + len("</tr>")
    head = _APPLICANT_HEADER.sub(
        r'<td\1 class="turned"><div><span>\2</span></div></td>',
        html[table_at + len("<table>") : rows_end],
    )
    rest = html[rows_end:]
    table_end = rest.index("</table>")
    styled = (
        html[:table_at]
        + f'<table class="applications"><thead>{head}</thead><tbody>{rest[:table_end]}</tbody>'
        + rest[table_end:]
    )
    return styled.replace("</style>", _STYLED_CSS + "</style>", 1)


def weasyprint_pdf(html: str) -> bytes:
    return html_to_pdf(html)


def word_docx(report: Report, styled: bool) -> bytes:
    """Our DOCX, or as Word users style it: repeated header rows, labels turned btLr."""
    data = render_docx(report)
    if not styled:
        return fixed_zip(data)
    document = Document(io.BytesIO(data))
    table = document.tables[1]  # 二, 三, 四: table 三 runs over pages
    for row in table.rows[:_APPLICATIONS_HEADER_ROWS]:
        header = OxmlElement("w:tblHeader")
        row._tr.get_or_add_trPr().append(header)
    for row in table.rows:
        for cell in row.cells:
            if cell.text in _ROTATED_LABELS:
                _turn(cell)
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01, so that equal documents are
    equal bytes (python-docx stamps the minute of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return out.getvalue()


def _turn(cell: _Cell) -> None:
    properties = cell._tc.get_or_add_tcPr()
    if properties.find(qn("w:textDirection")) is None:
        direction = OxmlElement("w:textDirection")
        direction.set(qn("w:val"), "btLr")
        properties.append(direction)


def libreoffice_pdfs(documents: list[bytes], suffix: str = "docx") -> list[bytes]:
    """DOCX files (or pages, `suffix` "html") converted by one LibreOffice run (its
    start-up is most of the cost)."""
    if not documents:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = []
        for index, data in enumerate(documents):
            path = folder / f"d{index:04d}.{suffix}"
            path.write_bytes(data)
            names.append(str(path))
        profile = (folder / "profile").as_uri()  # a private profile: runs never share a lock
        command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
        subprocess.run(
            [*command, "--convert-to", "pdf", "--outdir", str(folder / "out"), *names],
            check=True,
            capture_output=True,
            timeout=60 + 20 * len(documents),
        )
        return [(folder / "out" / f"d{i:04d}.pdf").read_bytes() for i in range(len(documents))]


def pdftotext(pdf: bytes, mode: str) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        done = subprocess.run(
            ["pdftotext", *PDFTOTEXT_MODES[mode], "-enc", "UTF-8", file.name, "-"],
            check=True,
            capture_output=True,
        )
    return done.stdout


def pdfium_text(pdf: bytes) -> bytes:
    """The whole document's text as a viewer built on PDFium copies it (Ctrl+A, Ctrl+C)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    return "\r\n".join(pages).encode()


def markdown_from_pdf(pdf: bytes) -> bytes:
    from markitdown import MarkItDown, StreamInfo

    converted = MarkItDown(enable_plugins=False).convert_stream(
        io.BytesIO(pdf), stream_info=StreamInfo(extension=".pdf", mimetype="application/pdf")
    )
    return converted.text_content.encode()


def drawn_turned(pdf: bytes) -> bytes:
    """The PDF with each page's content drawn turned a quarter counter-clockwise on a
    landscape page (a form XObject under a rotation matrix; no /Rotate): a printer's way
    of fitting a portrait page on a landscape sheet."""
    source, turned = pypdfium2.PdfDocument(pdf), pypdfium2.PdfDocument.new()
    raw = pypdfium2.raw
    try:
        for index in range(len(source)):
            width, height = source.get_page_size(index)
            xobject = raw.FPDF_NewXObjectFromPage(turned.raw, source.raw, index)
            drawn = raw.FPDF_NewFormObjectFromXObject(xobject)
            raw.FPDFPageObj_Transform(drawn, 0, 1, -1, 0, height, 0)
            page = raw.FPDFPage_New(turned.raw, index, height, width)
            raw.FPDFPage_InsertObject(page, drawn)
            raw.FPDFPage_GenerateContent(page)
            raw.FPDF_CloseXObject(xobject)
            raw.FPDF_ClosePage(page)
        out = io.BytesIO()
        turned.save(out)
        return out.getvalue()
    finally:
        turned.close()
        source.close()


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()
