"""A plain table as an Excel workbook (exports of lists: the audit log, a supervisor's year).

Text is written as text: openpyxl stores a string that begins with = as a formula, which
Excel would then run (formula injection from a name or a note someone typed); such a cell
is typed back to a string, as `gongkai.render.xlsx` does.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Value = str | int | float | None


def sheet_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    """One sheet: a bold header row, then the rows; numbers stay numbers."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet name
    sheet.append([_cell(sheet, h, bold=True) for h in header])
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet: WriteOnlyWorksheet, value: Value, bold: bool = False) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    if cell.data_type == "f":
        cell.data_type = "s"  # a string, even though it reads like a formula
    return cell
