"""HTML, DOCX and XLSX as real sites and offices leave them (issue 13): what a browser, Word
or a spreadsheet shows is what is read, and what cannot be read is said.

The fixtures (`tests/support/make_structured_fixtures.py`) are a random consistent report
rendered by gongkai and reshaped the way Word's web pages, WPS and offices' workbooks
hold it; each sits beside the report it came from.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import catalog
from gongkai.errors import UnreadableInput
from gongkai.model import Report
from gongkai.readers import read_bytes, read_path
from gongkai.readers.docx import table_to_grid
from gongkai.render.docx import render_docx
from gongkai.render.html import render_html
from gongkai.render.xlsx import SHEET_TITLES, render_xlsx
from tests.support.altered import serial_column
from tests.support.corpus import cms, office, wps
from tests.support.corpus.producers import libreoffice_pdfs, weasyprint_pdf
from tests.support.hostile import member, rezip
from tests.support.reports import consistent_reports, report_from_rng
from tests.support.scoring import cell_values, silently_wrong, wrong_cells

FIXTURES = Path(__file__).parent / "fixtures" / "issue-13"
READ_EXACTLY = (
    "html-revision-marks.html",
    "html-web-archive.mht",
    "docx-content-controls.docx",
    "docx-text-box.docx",
    "xlsx-uncalculated.xlsx",
    "xlsx-hidden.xlsx",
)
PICTURES = ("html-table-picture.html", "docx-table-picture.docx")


def _truth(name: str) -> Report:
    stem = name.rsplit(".", 1)[0]
    path = FIXTURES / f"issue-13-{stem}.expected.json"
    return Report.model_validate(json.loads(path.read_text("utf-8")))


@pytest.mark.parametrize("name", READ_EXACTLY)
def test_what_is_shown_is_read_exactly_with_no_finding(name: str) -> None:
    """Revision marks and hidden cells (HTML), Word's single-file web page (MHTML: quoted-
    printable GB2312 in a MIME archive), content controls around a table or a cell and
    a table in a text box (DOCX), totals as formulas never calculated and hidden helper
    rows and columns (XLSX): every cell as printed, and nothing said (the report is
    consistent)."""
    got = read_path(FIXTURES / f"issue-13-{name}")
    assert cell_values(got.to_json()) == cell_values(_truth(name).to_json())
    assert got.findings == []


# (how our document is rendered, the shape's name, how it is reshaped)
_RESHAPED: Sequence[tuple[Callable[[Report], Any], str, Callable[[Any, random.Random], bytes]]] = (
    [(render_html, variant, reshape) for variant, reshape in cms.VARIANTS.items()]
    + [(render_docx, variant, reshape) for variant, reshape in wps.VARIANTS.items()]
    + [(render_xlsx, variant, reshape) for variant, reshape in office.VARIANTS.items()]
    + [(render_html, "exported", cms.exported)]
)


@settings(max_examples=5, deadline=None)
@given(report=consistent_reports(), seed=st.integers(0, 2**31))
def test_every_real_world_shape_of_a_consistent_report_reads_exactly(
    report: Report, seed: int
) -> None:
    """Whatever the figures, each shape that sites and offices give our documents (Word's
    web pages, editors' pages, MHTML, split and nested tables, runs, content controls, text
    boxes, tracked changes, formulas with or without values, text figures, hidden cells,
    an editor's page exported to Word as an altChunk)
    reads every cell as printed, with no finding at all."""
    for rendered, variant, reshape in _RESHAPED:
        got = read_bytes(reshape(rendered(report), random.Random(seed)))
        assert cell_values(got.to_json()) == cell_values(report.to_json()), variant
        assert got.findings == [], variant


@pytest.mark.parametrize("name", PICTURES)
def test_a_table_given_as_a_picture_is_said_to_be_unreadable(name: str) -> None:
    got = read_path(FIXTURES / f"issue-13-{name}")
    findings = got.findings or []
    pictured = [f for f in findings if f.rule == "parse.table_picture"]
    assert [(f.row, f.message) for f in pictured] == [
        (
            "applications",
            "表三（收到和处理政府信息公开申请情况）在原文中是图片，无法读取，按空白处理，"
            "请核对原文或改交文字版",
        )
    ]
    assert silently_wrong(got, _truth(name)) == []
    assert {f.rule for f in findings if f.severity == "error"} == set()


def test_a_picture_beside_a_table_changes_nothing() -> None:
    """A stamp or a chart before a table that is printed as text: the table is read."""
    html = (FIXTURES / "issue-13-html-revision-marks.html").read_text("utf-8")
    shown = html.replace("<table", '<p><img src="seal.png"></p><table')
    got = read_bytes(shown.encode())
    name = "html-revision-marks.html"
    assert cell_values(got.to_json()) == cell_values(_truth(name).to_json())
    assert got.findings == []


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _cell(text: str, extra: str = "") -> str:
    return f"<w:tc>{extra}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_a_word_row_starting_past_the_grid_keeps_its_columns() -> None:
    """`w:gridBefore` / `w:gridAfter` (WPS writes them for rows that start or end short):
    the row's cells stand under the grid columns they are drawn in."""
    table = parse_xml(
        f"<w:tbl {_W}><w:tr>{_cell('a')}{_cell('b')}{_cell('c')}</w:tr>"
        f'<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>'
        f"{_cell('2')}</w:tr></w:tbl>"
    )
    assert table_to_grid(table).grid == [["a", "b", "c"], ["", "2", ""]]


def test_word_tracked_and_hidden_text_is_not_read() -> None:
    """Deleted text and rows under tracked changes and hidden runs (`w:vanish`) are not
    shown by Word, so they are not read; inserted text is."""
    table = parse_xml(
        f"<w:tbl {_W}><w:tr><w:tc><w:p><w:del><w:r><w:delText>5</w:delText></w:r></w:del>"
        f"<w:ins><w:r><w:t>6</w:t></w:r></w:ins></w:p></w:tc>"
        f"<w:tc><w:p><w:moveFrom><w:r><w:t>9</w:t></w:r></w:moveFrom>"
        f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>8</w:t></w:r><w:r><w:t>7</w:t></w:r></w:p></w:tc>"
        f"</w:tr><w:tr><w:trPr><w:del/></w:trPr>{_cell('1')}{_cell('1')}</w:tr></w:tbl>"
    )
    assert table_to_grid(table).grid == [["6", "7"]]


def test_word_struck_out_and_superscript_runs_are_not_read() -> None:
    """An old figure struck out before the new one (`w:strike`, `w:dstrike`) and a
    footnote's mark raised after a figure (「12¹」) joined its digits: 9912, 121, silently."""
    strike, dstrike = "<w:rPr><w:strike/></w:rPr>", '<w:rPr><w:dstrike w:val="1"/></w:rPr>'
    raised = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    kept = '<w:rPr><w:strike w:val="0"/></w:rPr>'
    cells = [
        f"<w:r>{strike}<w:t>99</w:t></w:r><w:r><w:t>12</w:t></w:r>",
        f"<w:r>{dstrike}<w:t>5</w:t></w:r><w:r><w:t>6</w:t></w:r>",
        f"<w:r><w:t>12</w:t></w:r><w:r>{raised}<w:t>1</w:t></w:r>",
        f"<w:r>{kept}<w:t>3</w:t></w:r>",
    ]
    row = "".join(f"<w:tc><w:p>{runs}</w:p></w:tc>" for runs in cells)
    table = parse_xml(f"<w:tbl {_W}><w:tr>{row}</w:tr></w:tbl>")
    assert table_to_grid(table).grid == [["12", "6", "12", "3"]]


@pytest.mark.parametrize(
    "mark",
    [
        "<s>99</s>{}",
        "<strike>99</strike>{}",
        '<span style="text-decoration: line-through">99</span>{}',
        "{}<sup>1</sup>",
        "{}<sup>[1]</sup>",
        '{}<a href="#_ftn1" name="_ftnref1"><sup>注1</sup></a>',
    ],
)
def test_html_struck_out_text_and_footnote_marks_are_not_read(mark: str) -> None:
    """A browser shows the old figure struck out, the mark raised: neither is the cell's
    figure, whose digits they joined (9912, 121), silently and with two false errors."""
    report = report_from_rng(random.Random(0), "2021")
    html = render_html(report)
    table = re.findall(r"<table.*?</table>", html, flags=re.S)[1]
    marked = re.sub(r"<td>([1-9]\d*)</td>", lambda m: f"<td>{mark.format(m[1])}</td>", table)
    back = read_bytes(html.replace(table, marked).encode(), "report.html")
    assert wrong_cells(back, report) == []
    assert back.findings == []


def _marked_html(mark: str) -> tuple[Report, str]:
    """A 2021 report's page with `mark` after each figure not 0 of table 三."""
    report = report_from_rng(random.Random(0), "2021")
    html = render_html(report)
    table = re.findall(r"<table.*?</table>", html, flags=re.S)[1]
    marked = re.sub(r"<td>([1-9]\d*)</td>", lambda m: f"<td>{m[1]}{mark}</td>", table)
    return report, html.replace(table, marked)


def _marked_docx(mark: str) -> tuple[Report, bytes]:
    """A 2021 report's Word document with `mark` raised (a superscript run) after each
    figure not 0 of table 三."""
    report = report_from_rng(random.Random(0), "2021")
    data = render_docx(report)
    xml = member(data, "word/document.xml").decode()
    start = xml.index(catalog.BALANCE_NOTE)
    table = xml[xml.rindex("<w:tbl>", 0, start) : xml.index("</w:tbl>", start)]
    raised = f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{mark}</w:t></w:r>'
    marked = re.sub(r"(<w:t>[1-9]\d*</w:t></w:r>)", r"\1" + raised, table)
    return report, rezip(data, {"word/document.xml": xml.replace(table, marked).encode()})


@pytest.mark.parametrize("mark", ["<sup>1</sup>", "<sup>*</sup>", "<sup>12</sup>", "¹"])
def test_a_footnote_mark_raised_after_a_figure_in_a_pdf_is_not_read(mark: str) -> None:
    """The mark printed smaller and raised after the figure (WeasyPrint's `<sup>`): its
    digits joined the figure's (「1561」 for 156 and 「1」), silently, with false errors;
    「*」 stood as a word after it (the row repaired, said)."""
    report, html = _marked_html(mark)
    back = read_bytes(weasyprint_pdf(html), "report.pdf")
    assert wrong_cells(back, report) == []
    assert [f.rule for f in back.findings or [] if f.rule.startswith("parse.")] == []


def test_a_word_superscript_after_a_figure_printed_by_libreoffice_is_not_read() -> None:
    report, data = _marked_docx("1")
    (pdf,) = libreoffice_pdfs([data])
    back = read_bytes(pdf, "report.pdf")
    assert wrong_cells(back, report) == []
    assert [f.rule for f in back.findings or [] if f.rule.startswith("parse.")] == []


@pytest.mark.parametrize(
    "struck", ["<td><s>{}</s></td>", '<td style="text-decoration: line-through">{}</td>']
)
def test_an_html_cell_struck_out_stands_in_its_column_blank(struck: str) -> None:
    """A cell whose whole text is struck out is drawn in its column: styled so, it was
    dropped from its row like a hidden one, the cells after it one column left, silently."""
    report = report_from_rng(random.Random(0), "2021")
    html = render_html(report)
    row = re.search(r"<tr><td>行政规范性文件</td><td>(\d+)</td>", html)
    assert row is not None
    html = html.replace(row[0], "<tr><td>行政规范性文件</td>" + struck.format(7), 1)
    back = read_bytes(html.encode(), "report.html")
    fields = report.to_json()["active"]["normative_documents"]
    assert back.to_json()["active"]["normative_documents"] == fields | {"issued": None}


def test_html_table_rows_are_read_in_the_order_a_browser_draws_them() -> None:
    """A `<tfoot>` is drawn last wherever the source puts it: table 三's last row
    (四、结转下年度继续办理) in a `<tfoot>` before the body was read first, the row lost."""
    report = report_from_rng(random.Random(0), "2021")
    html = render_html(report)
    table = re.findall(r"<table.*?</table>", html, flags=re.S)[1]
    rows = re.findall(r"<tr>.*?</tr>", table, flags=re.S)
    parts = [("thead", rows[:3]), ("tfoot", rows[-1:]), ("tbody", rows[3:-1])]
    drawn = "<table>" + "".join(f"<{t}>{''.join(r)}</{t}>" for t, r in parts) + "</table>"
    back = read_bytes(html.replace(table, drawn).encode(), "report.html")
    assert wrong_cells(back, report) == []
    assert back.findings == []


def _uncalculated_workbook(function: str) -> bytes:
    """A rendered report whose 总计 of table 三's row 一 is `function` over the row's six
    applicant cells, saved by openpyxl (so with no value beside it)."""
    report = report_from_rng(random.Random(1301))
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = workbook[SHEET_TITLES["applications"]]
    label = catalog.ALL_APPLICATION_ROWS["new_received"].label
    row = next(r for r in sheet.iter_rows() if r[0].value == label)
    figures = [c for c in row if isinstance(c.value, int)]
    figures[6].value = f"={function}({figures[0].coordinate}:{figures[5].coordinate})"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_formula_that_is_not_a_sum_is_refused_rather_than_read_as_blank() -> None:
    with pytest.raises(UnreadableInput) as refused:
        read_bytes(_uncalculated_workbook("AVERAGE"))
    assert str(refused.value) == (
        "工作表“表三 依申请公开”的J7单元格是未经计算的公式（=AVERAGE(D7:I7)），无法得知其数值；"
        "请在电子表格软件中打开、重新计算并保存后再上传"
    )


def test_a_sum_formula_never_calculated_reads_as_the_spreadsheet_shows_it() -> None:
    got = read_bytes(_uncalculated_workbook("SUM"))
    cells: list[Any] = got.applications.rows["new_received"]
    assert cells[6] == sum(c or 0 for c in cells[:6])
    assert got.findings == []


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10**6), st.permutations(list(SHEET_TITLES.values())))
def test_a_workbook_s_sheets_in_any_order_read_exactly(seed: int, order: list[str]) -> None:
    """An office may save table 四's sheet first, or table 二's last: table 四 then went
    unread (flagged), or all three tables did; each sheet's heading says which it holds."""
    report = report_from_rng(random.Random(seed))
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    for place, title in enumerate(order):
        workbook.move_sheet(title, offset=place - workbook.sheetnames.index(title))
    out = io.BytesIO()
    workbook.save(out)
    got = read_bytes(out.getvalue(), "report.xlsx")
    assert wrong_cells(got, report) == []
    assert not [f for f in got.findings or [] if f.rule.startswith("parse.")]


def test_a_hidden_sheet_and_a_float_sum_read_as_the_spreadsheet_shows_them() -> None:
    """An amount saved as the float sum 0.30000000000000004 is the 0.3 a spreadsheet shows
    (15 significant digits), and a hidden sheet of last year's table 三 before this year's
    is not read (the reader before took the right table there too, by its order)."""
    report = report_from_rng(random.Random(1302))
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    old = workbook.copy_worksheet(workbook[SHEET_TITLES["applications"]])
    old.sheet_state = "hidden"
    workbook.move_sheet(old, offset=-len(workbook.sheetnames) + 2)  # before table 三
    for row in old.iter_rows():
        for cell in row:
            if isinstance(cell.value, int):
                cell.value += 1
    label, row_id, field = _AMOUNTS[report.template]
    active = workbook[SHEET_TITLES["active"]]
    row = next(r for r in active.iter_rows() if r[0].value == label)
    amount = [c for c in row if c.value is not None][-1]
    amount.value, amount.number_format = 0.3, "General"
    out = io.BytesIO()
    workbook.save(out)
    got = read_bytes(_as_excel_saves(out.getvalue(), "0.3", "0.30000000000000004")).to_json()
    assert got["applications"] == report.to_json()["applications"]
    assert Decimal(str(got["active"][row_id][field])) == Decimal("0.3")


def _as_excel_saves(data: bytes, written: str, saved: str) -> bytes:
    """The workbook with a value saved as Excel writes it (17 significant digits, where
    openpyxl writes the shortest form)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename.startswith("xl/worksheets/"):
                content = content.replace(f"<v>{written}</v>".encode(), f"<v>{saved}</v>".encode())
            target.writestr(member, content)
    return out.getvalue()


# The row of table 二 that prints an amount, by template: its label, id and field.
_AMOUNTS = {
    "2021": ("行政事业性收费", "fees", "amount_10k_yuan"),
    "2019": ("政府集中采购", "procurement", "amount"),
}


@pytest.mark.parametrize("number_format", ["0", "#,##0", "General"])
@pytest.mark.parametrize("error", [-1e-9, 1e-9, 1e-12])
def test_a_count_saved_as_a_float_a_hair_from_whole_reads_as_shown(
    number_format: str, error: float
) -> None:
    """A sum saved as 329.999999999 shows 330 under 「0」, 「#,##0」 or General (11 characters):
    it was read as that float, not a count, and the cell left blank."""
    report = report_from_rng(random.Random(1), "2021")
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = workbook[SHEET_TITLES["applications"]]
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, int) and c.value)
    cell.value, cell.number_format = int(str(cell.value)) + error, number_format
    out = io.BytesIO()
    workbook.save(out)
    back = read_bytes(out.getvalue(), "report.xlsx")
    assert wrong_cells(back, report) == []
    assert back.findings == []


@pytest.mark.parametrize(
    ("saved", "number_format", "read"),
    [
        (12.5, "0", "12.5"),
        (0.421, "#,##0", "0.421"),
        (0.125, "0.00", "0.13"),
        (2.5, "0.00", "2.50"),
    ],
)
def test_an_amount_keeps_the_decimals_a_whole_number_format_hides(
    saved: float, number_format: str, read: str
) -> None:
    """A table set to 「0」 as a whole hides an amount's decimals: rounded (half to even, not
    as Excel does), 0.421 read 0 and 12.5 read 12, silently. Only a float a hair from whole
    is read whole; decimals a format shows are rounded half up, as Excel shows them."""
    report = report_from_rng(random.Random(1302))
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    label, row_id, field = _AMOUNTS[report.template]
    active = workbook[SHEET_TITLES["active"]]
    row = next(r for r in active.iter_rows() if r[0].value == label)
    amount = [c for c in row if c.value is not None][-1]
    amount.value, amount.number_format = saved, number_format
    out = io.BytesIO()
    workbook.save(out)
    assert str(read_bytes(out.getvalue(), "report.xlsx").to_json()["active"][row_id][field]) == read


def test_a_word_97_document_is_refused_with_what_to_do() -> None:
    """A .doc (made by LibreOffice from our DOCX): an OLE2 file, said to be one, not "binary
    text"; Excel's .xls, WPS's .wps and .et and password-protected Office files share it."""
    with pytest.raises(UnreadableInput) as refused:
        read_path(FIXTURES / "issue-13-legacy-word.doc")
    assert str(refused.value) == (
        "这是旧版 Word、Excel、WPS 文件（.doc、.xls、.wps、.et）或加密的文档，无法直接读取；"
        "请另存为 .docx、.xlsx 或 PDF（不加密）后上传"
    )


def test_an_ofd_without_its_document_is_refused_naming_what_is_missing() -> None:
    """OFD (GB/T 33190), the fixed-layout format Chinese offices print to: a zip whose
    entry point is OFD.xml. One that names no document is a broken OFD, not "neither
    Word nor Excel"."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
        archive.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    with pytest.raises(UnreadableInput) as refused:
        read_bytes(out.getvalue())
    assert str(refused.value) == "OFD.xml：OFD 文件缺少必需的内容：文档入口"


def _with_chunk_type(data: bytes, content_type: str) -> bytes:
    """The exported document with its altChunk declared as another kind of content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename == "[Content_Types].xml":
                member = member.replace(b"message/rfc822", content_type.encode())
            target.writestr(info, member)
    return out.getvalue()


def test_an_exported_pages_tables_are_placed_as_the_word_documents() -> None:
    """Each cell at the table, row and column it has on the page, said as Word's cell."""
    html = render_html(report_from_rng(random.Random(7)))
    page = read_bytes(cms.editor(html, random.Random(7))).to_json()["provenance"]
    exported = read_bytes(cms.exported(html, random.Random(7))).to_json()["provenance"]
    assert exported.keys() == page.keys()
    for name, where in exported.items():
        place = (where["table"], where["row"], where["column"])
        assert place == (page[name]["table"], page[name]["row"], page[name]["column"])
        column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[where["column"] - 1]
        assert where["address"] == f"Table{where['table']}!{column}{where['row']}"
        assert "path" not in where


def test_an_altchunk_in_a_format_not_read_is_refused_with_what_to_do() -> None:
    report = report_from_rng(random.Random(7))
    data = _with_chunk_type(cms.exported(render_html(report), random.Random(7)), "text/rtf")
    with pytest.raises(UnreadableInput) as refused:
        read_bytes(data)
    assert str(refused.value) == (
        "Word 文档中有以RTF 格式嵌入的内容，暂不能直接读取；"
        "请用 Word 或 WPS 打开后另存为 DOCX 再上传"
    )


@pytest.mark.parametrize("header", [catalog.SERIAL_HEADER, "编号", ""])
@pytest.mark.parametrize("template", catalog.TEMPLATES)
@pytest.mark.parametrize("name", ["report.html", "report.pdf"])
def test_a_serial_number_column_before_table_2_s_labels_is_no_cell(
    template: catalog.TemplateId, name: str, header: str
) -> None:
    """A row's number ended the row above: 2021's 行政处罚 read its serial 9 for 2758,
    silently (and 规章 a repaired row of its serial 3). Headed 序号 or not (「编号」,
    nothing), the numbers counting the rows tell the column."""
    report = report_from_rng(random.Random(2000), template)
    html = serial_column(render_html(report), header)
    data = html.encode() if name.endswith(".html") else weasyprint_pdf(html)
    back = read_bytes(data, name)
    assert [key for key in wrong_cells(back, report) if key[0] == "active"] == []
    assert [f.rule for f in back.findings or [] if f.rule.startswith("parse.")] == []
