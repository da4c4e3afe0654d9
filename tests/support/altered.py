"""Tables altered as publishers and printers alter them, on a report's rendered HTML."""

from __future__ import annotations

import copy
import io
import itertools
import random
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

import openpyxl
from lxml import etree
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from gongkai import catalog, checks
from gongkai.model import Report
from tests.support.hostile import member, rezip


def rules_lost(html: str, rows: tuple[str, ...], column: int) -> str:
    """`html` with the rule under the cell of `column` (from the right) hidden in each row
    whose label is in `rows`: light toner or a faint scan loses a rule in one column, and
    Word lets a publisher take one cell's border away."""
    for label in rows:
        row = next(m for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S) if label in m[0])
        cell = list(re.finditer(r"<td", row[0]))[column]
        hidden = row[0][: cell.start()] + '<td style="border-bottom-style:hidden"'
        html = html.replace(row[0], hidden + row[0][cell.end() :], 1)
    return html


def row_repeated(html: str, label: str, spans: tuple[str, ...]) -> str:
    """`html` with the row labelled `label` printed twice, as Word's copy and paste of a row
    leaves it, and each merged cell named in `spans` (its text) one row taller over it."""
    row = next(m[0] for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S) if label in m[0])
    html = html.replace(row, row + row, 1)
    for text in spans:
        cell = re.search(r'<td rowspan="(\d+)">' + re.escape(text), html)
        assert cell is not None, text
        taller = f'<td rowspan="{int(cell[1]) + 1}">{text}'
        html = html[: cell.start()] + taller + html[cell.end() :]
    return html


def equal_neighbours(report: Report, index: int) -> Report:
    """`report` with one row of outcomes printing the same figure (not 0) in two neighbouring
    applicant columns, still consistent: the right-hand cell takes the left's figure, and the
    row's 总计, 三（七）总计 and 一（本年新收） in that column and in 总计 move with it (a
    report with no such place is returned as it was)."""
    data = report.to_json()
    rows = data["applications"]["rows"]
    places = [
        (row_id, column)
        for row_id in rows
        if row_id not in catalog.OUTCOME_EXCLUDED
        for column in range(5)
        if rows[row_id][column] and rows[row_id][column] != rows[row_id][column + 1]
    ]
    for row_id, column in random.Random(f"equal/{index}").sample(places, len(places)):
        trial = copy.deepcopy(data)
        _move(trial["applications"]["rows"], row_id, column)
        moved = Report.model_validate(trial)
        if not [f for f in checks.check_report(moved) if f.severity == "error"]:
            return moved
    return report


def equal_below(report: Report, index: int, pair: tuple[str, str] | None = None) -> Report:
    """`report` with one outcome row printing, in one column, the same figure (not 0) as the
    row above it in its group (the rows `pair` where given), still consistent: the lower
    cell takes the upper's figure, and the row's 总计, 三（七）总计 and 一（本年新收） in that
    column and in 总计 move with it (a report with no such place is returned as it was)."""
    data = report.to_json()
    rows = data["applications"]["rows"]
    ids = [row_id for row_id in rows if row_id not in catalog.OUTCOME_EXCLUDED]
    places = [
        (upper, lower, column)
        for upper, lower in itertools.pairwise(ids)
        if catalog.group_of(upper) == catalog.group_of(lower) != upper
        and pair in (None, (upper, lower))
        for column in range(6)
        if rows[upper][column] and rows[upper][column] != rows[lower][column]
    ]
    for upper, lower, column in random.Random(f"below/{index}").sample(places, len(places)):
        trial = copy.deepcopy(data)
        moved = trial["applications"]["rows"]
        change = (moved[upper][column] or 0) - (moved[lower][column] or 0)
        for row_id in (lower, "total", "new_received"):
            for at in {column, 6}:
                moved[row_id][at] = (moved[row_id][at] or 0) + change
        changed = Report.model_validate(trial)
        if not [f for f in checks.check_report(changed) if f.severity == "error"]:
            return changed
    return report


def _move(rows: dict[str, list[int | None]], row_id: str, column: int) -> None:
    change = (rows[row_id][column] or 0) - (rows[row_id][column + 1] or 0)
    for moved in (row_id, "total", "new_received"):
        for at in (column + 1, 6):
            rows[moved][at] = (rows[moved][at] or 0) + change


def figures_merged(html: str, label: str, column: int) -> str:
    """`html` with the figure cell of `column` (its data columns counted from 0) of the row
    labelled `label` merged with its right-hand neighbour, as Word merges two cells: one
    cell over both, the left's text."""
    row = next(m[0] for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S) if label in m[0])
    cells = re.findall(r"<td[^>]*>[^<]*</td>", row)
    figures = [c for c in cells if re.fullmatch(r"<td[^>]*>\s*\d+\s*</td>", c)]
    left, right = figures[column], figures[column + 1]
    merged = row.replace(left + right, left.replace("<td", '<td colspan="2"', 1), 1)
    assert merged != row, (label, column)
    return html.replace(row, merged, 1)


def docx_figures_merged(data: bytes, label: str, column: int) -> bytes:
    """`data` (a Word document) with the figure cell of `column` of the row labelled
    `label` merged with its right-hand neighbour as Word merges them (`w:gridSpan`)."""
    root = etree.fromstring(member(data, "word/document.xml"))
    row = next(tr for tr in root.iter(_W + "tr") if label in _text_of(tr))
    figures = [tc for tc in row.iter(_W + "tc") if _text_of(tc).strip().isdigit()]
    left, right = figures[column], figures[column + 1]
    props = left.find(_W + "tcPr")
    if props is None:
        props = etree.SubElement(left, _W + "tcPr")
        left.insert(0, props)
    etree.SubElement(props, _W + "gridSpan").set(_W + "val", "2")
    row_of = right.getparent()
    assert row_of is not None
    row_of.remove(right)
    document = etree.tostring(root, xml_declaration=True, standalone=True)
    return rezip(data, {"word/document.xml": document})


def xlsx_figures_merged(data: bytes, label: str, column: int) -> bytes:
    """`data` (a workbook) with the figure cell of `column` of the row labelled `label`
    merged with its right-hand neighbour, as a spreadsheet merges them (the left's value
    kept)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet, row = next(
        (sheet, row)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        if any(label == str(c.value) for c in row)
    )
    left = [c for c in row if isinstance(c.value, int)][column]
    sheet.merge_cells(
        start_row=left.row, start_column=left.column, end_row=left.row, end_column=left.column + 1
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text_of(element: etree._Element) -> str:
    return "".join(str(t) for t in element.itertext())


def row_cut(html: str, label: str) -> str:
    """`html` with the row labelled `label` cut out as a `<tr>`, the cells merged over it
    left as they were: the rows below stand out of line, the table's right edge ragged."""
    row = next(m[0] for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S) if label in m[0])
    return html.replace(row, "", 1)


def page_break_before(html: str, label: str) -> str:
    """`html` with a page break before the row labelled `label` (a cell merged over it and
    the row above is cut in two, as a page's end cuts it)."""
    row = next(m[0] for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S) if label in m[0])
    return html.replace(row, row.replace("<tr>", '<tr style="break-before: page">', 1), 1)


def figures_merged_down(html: str, labels: Sequence[str], column: int) -> str:
    """`html` with the figure cells of `column` (counted from 0 in the run of figure or
    blank cells that ends its row, `_figures`) of the rows labelled `labels`, one below the
    other, merged as Excel's 合并后居中 merges them: one cell over the rows, printing the
    first figure that is not 0 of them (the first's if none is)."""
    rows = [m[0] for m in re.finditer(r"<tr>.*?</tr>", html, flags=re.S)]
    merged = [next(row for row in rows if label in row) for label in labels]
    cells = [
        _figures(list(re.finditer(r"<td[^>]*>[^<]*</td>", row)), lambda m: _cell_text(m[0]))[column]
        for row in merged
    ]
    figure = _merged_figure([_cell_text(cell[0]) for cell in cells])
    span = f'<td rowspan="{len(labels)}"'
    first = re.sub(r">[^<]*<", f">{figure}<", cells[0][0].replace("<td", span, 1))
    # by place in the row: two cells of a row may print alike
    texts = [first] + [""] * (len(cells) - 1)
    for row, cell, text in zip(merged, cells, texts, strict=True):
        html = html.replace(row, row[: cell.start()] + text + row[cell.end() :], 1)
    return html


_C = TypeVar("_C")


def _figures(cells: list[_C], text: Callable[[_C], str]) -> list[_C]:
    """The run of cells printing a figure or nothing that ends a row (a blank figure cell
    is one of them; a label merged down from the rows above is not, being before it)."""
    run = list(itertools.takewhile(lambda c: re.fullmatch(r"-?\d*", text(c).strip()), cells[::-1]))
    return run[::-1]


def _cell_text(cell: str) -> str:
    return re.sub(r"<[^>]*>", "", cell).strip()


def _merged_figure(figures: list[str]) -> str:
    return next((f for f in figures if f not in ("", "0")), figures[0])


def docx_figures_merged_down(data: bytes, upper: str, lower: str, column: int) -> bytes:
    """`data` (a Word document) with the figure cells of `column` of the rows labelled
    `upper` and `lower` merged as Word merges them (`w:vMerge`), the cell printing the
    figure that is not 0 of the two."""
    root = etree.fromstring(member(data, "word/document.xml"))
    top, bottom = (
        _figures(list(_row_of(root, label).iter(_W + "tc")), _text_of)[column]
        for label in (upper, lower)
    )
    figure = _merged_figure([_text_of(top).strip(), _text_of(bottom).strip()])
    for cell, restart in ((top, True), (bottom, False)):
        props = cell.find(_W + "tcPr")
        if props is None:
            props = etree.Element(_W + "tcPr")
            cell.insert(0, props)
        merge = etree.SubElement(props, _W + "vMerge")
        if restart:
            merge.set(_W + "val", "restart")
    for text in [*top.iter(_W + "t"), *bottom.iter(_W + "t")]:
        text.text = ""
    run = etree.SubElement(next(top.iter(_W + "p")), _W + "r")
    etree.SubElement(run, _W + "t").text = figure
    document = etree.tostring(root, xml_declaration=True, standalone=True)
    return rezip(data, {"word/document.xml": document})


def _row_of(root: etree._Element, label: str) -> etree._Element:
    return next(tr for tr in root.iter(_W + "tr") if label in _text_of(tr))


def xlsx_figures_merged_down(data: bytes, upper: str, lower: str, column: int) -> bytes:
    """`data` (a workbook) with the figure cells of `column` of the rows labelled `upper`
    and `lower` merged as a spreadsheet merges them, the figure that is not 0 kept."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = next(s for s in workbook.worksheets if _sheet_row(s, upper))
    top, bottom = (
        _figures([c for c in _sheet_row(sheet, label) if isinstance(c, Cell)], _value_text)[column]
        for label in (upper, lower)
    )
    top.value = int(_merged_figure([_value_text(top), _value_text(bottom)]))
    bottom.value = None
    sheet.merge_cells(f"{top.coordinate}:{bottom.coordinate}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _value_text(cell: Cell | MergedCell) -> str:
    return "" if cell.value is None else str(cell.value)


def _sheet_row(sheet: Worksheet, label: str) -> tuple[Cell | MergedCell, ...]:
    return next((row for row in sheet.iter_rows() if any(label == str(c.value) for c in row)), ())


def serial_column(html: str, header: str = catalog.SERIAL_HEADER) -> str:
    """`html` with a row-number column before table 二's labels, as some offices add one:
    `header` (「序号」, 「编号」, nothing) in each header row, the rows numbered 1, 2, … below,
    the block titles one column wider."""
    table = re.findall(r"<table.*?</table>", html, flags=re.S)[0]
    numbered = table
    serial = 0
    for row in re.findall(r"<tr>.*?</tr>", table, flags=re.S):
        title = re.search(r'<td colspan="(\d+)">', row)
        if title and row.count("<td") == 1:
            new = row.replace(title[0], f'<td colspan="{int(title[1]) + 1}">', 1)
        elif catalog.CONTENT_HEADER in row:
            new = row.replace("<tr>", f"<tr><td>{header}</td>", 1)
        else:
            serial += 1
            new = row.replace("<tr>", f"<tr><td>{serial}</td>", 1)
        numbered = numbered.replace(row, new, 1)
    return html.replace(table, numbered, 1)


def text_serial_column(text: str, layout: str) -> str:
    """`text` (a report printed a cell a line, `layout` "lines", or spaced, "spaces") with
    table 二's rows numbered 「1、」, 「2、」, … before their labels under a 序号 header, and
    its zeros typed 「—」, as a table copied from an office's PDF prints them."""
    labels = {row.label for rows in catalog.ACTIVE_ROWS.values() for row in rows}
    headings = dict(catalog.SECTIONS)
    start, end = text.index(headings["active"]), text.index(headings["applications"])
    lines, serial = [], 0
    for line in text[start:end].split("\n"):
        cells = line.split("   ") if layout == "spaces" else [line]
        if cells[0] in labels:
            serial += 1
            cells = [f"{serial}、", cells[0]] + ["—" if c == "0" else c for c in cells[1:]]
        elif cells == ["0"]:
            cells = ["—"]  # a cell a line: a figure of the row above
        elif cells[0] == catalog.CONTENT_HEADER:
            cells = [catalog.SERIAL_HEADER, *cells]
        lines.append(("   " if layout == "spaces" else "\n").join(cells))
    return text[:start] + "\n".join(lines) + text[end:]


def zeros_blank(report: Report) -> Report:
    """`report` with table 二's zeros blank, as an office that types them 「—」 or 「无」
    prints them."""
    blanked = report.model_copy(deep=True)
    for row in type(blanked.active).model_fields:
        cells = getattr(blanked.active, row)
        for field in type(cells).model_fields:
            if getattr(cells, field) in (0, "0"):
                setattr(cells, field, None)
    return blanked
