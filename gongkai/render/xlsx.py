"""Render a report as an Excel workbook: one sheet per table as the template lays it out,
numbers as numbers, and a sheet of findings."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongkai import catalog, checks
from gongkai.grid import SpanCell, place_spans
from gongkai.model import Report
from gongkai.render import layout
from gongkai.render.sections import closing, title_of

SHEET_TITLES = {
    "active": "表二 主动公开",
    "applications": "表三 依申请公开",
    "appeals": "表四 复议诉讼",
}
FINDINGS_SHEET = "问题清单"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    headings = dict(catalog.SECTIONS)
    first = True
    for table_id, rows_of in layout.TABLES:
        sheet = workbook.active if first else workbook.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = SHEET_TITLES[table_id]
        sheet.cell(1, 1, title_of(report)).font = Font(bold=True, size=14)
        sheet.cell(2, 1, headings[table_id]).font = Font(bold=True)
        write_rows(sheet, rows_of(report), top=4)
    last = workbook.worksheets[-1]
    for line in closing(report):
        last.append([line])
    _findings_sheet(workbook.create_sheet(FINDINGS_SHEET), report)
    _as_text(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _as_text(workbook: Workbook) -> None:
    """gongkai writes no formulas: text that openpyxl would store as one (an agency or a
    message starting with =) stays text, so a spreadsheet never runs what a file said.
    Text starting with + - @ is stored as text already."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def write_rows(sheet: Worksheet, rows: list[list[SpanCell]], top: int) -> None:
    for r, c, cell in place_spans(rows):
        row, column = top + r, 1 + c
        target = sheet.cell(row, column, _value(cell))
        target.alignment = _CENTER
        if isinstance(cell.value, str) and "." in cell.value:
            # Keep the decimals as printed (0.8050): the format says how many.
            target.number_format = "0." + "0" * len(cell.value.split(".")[1])
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                sheet.cell(row + dr, column + dc).border = _BORDER
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + cell.rowspan - 1,
                end_column=column + cell.colspan - 1,
            )
    for index in range(1, sheet.max_column + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 12


def _value(cell: SpanCell) -> int | float | str | None:
    if not cell.number:
        return cell.text
    if isinstance(cell.value, str):
        amount = Decimal(cell.value)
        return int(amount) if amount == amount.to_integral_value() else float(amount)
    return cell.value


def _findings_sheet(sheet: Worksheet, report: Report) -> None:
    sheet.append(["规则", "性质", "位置", "说明"])
    findings = report.findings if report.findings is not None else checks.check_report(report)
    for f in findings:
        where = f.column or f.group or f.row or ""
        sheet.append([f.rule, "错误" if f.severity == "error" else "警告", where, f.message])
    sheet.column_dimensions["D"].width = 90
