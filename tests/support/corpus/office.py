"""Workbooks as offices attach them: our XLSX reshaped the way an office's own spreadsheet
(Excel, WPS, or a system's export) holds the tables. Each variant keeps the printed
figures, so the report's truth is still the truth:

- `formulas`: every 总计 of table 三 and table 四 a formula (`=SUM(D7:I7)`), with the value
  Excel saved beside it, as Excel and WPS write them.
- `uncalculated`: the same formulas as a program writes them, never calculated: no value is
  saved, so a reader that takes the saved values sees nothing there.
- `text`: figures stored as text (some with spaces, full-width digits, thousands commas),
  a caption in the empty row above each table.
- `hidden`: a hidden helper column of last year's figures beside table 三 and a hidden row of
  workings under table 四, as offices leave them when they hide rather than delete.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.render.xlsx import SHEET_TITLES
from tests.support.corpus.producers import fixed_zip

_Cell = tuple[int, int]


def _workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _save(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return fixed_zip(out.getvalue())


def _is_figure(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _adds_up(parts: list[Any], total: Any) -> bool:
    """A printed total that a formula would show: a total printed off (a planted error)
    stays a figure, so the report prints what it printed."""
    contiguous = total.column == parts[0].column + len(parts)
    return bool(contiguous and sum(c.value for c in parts) == total.value)


def _applications_total_cells(sheet: Worksheet) -> dict[_Cell, str]:
    """Table 三's 总计 column: each data row's last cell as the sum of the six before it."""
    formulas: dict[_Cell, str] = {}
    for row in sheet.iter_rows(min_row=1):
        figures: list[Any] = [c for c in row if _is_figure(c.value)]
        if len(figures) == 7 and _adds_up(figures[:6], figures[6]):
            first, last = figures[0].coordinate, figures[5].coordinate
            formulas[(figures[-1].row, figures[-1].column)] = f"=SUM({first}:{last})"
    return formulas


def _appeals_total_cells(sheet: Worksheet) -> dict[_Cell, str]:
    """Table 四's three 总计 cells: each group's fifth cell as the sum of its first four."""
    formulas: dict[_Cell, str] = {}
    for row in sheet.iter_rows(min_row=1):
        figures: list[Any] = [c for c in row if _is_figure(c.value)]
        if len(figures) == 15:
            for group in range(3):
                cells = figures[group * 5 : group * 5 + 5]
                if not _adds_up(cells[:4], cells[4]):
                    continue
                first, last = cells[0].coordinate, cells[3].coordinate
                formulas[(cells[4].row, cells[4].column)] = f"=SUM({first}:{last})"
    return formulas


def _total_formulas(workbook: openpyxl.Workbook) -> dict[str, dict[_Cell, str]]:
    return {
        SHEET_TITLES["applications"]: _applications_total_cells(
            workbook[SHEET_TITLES["applications"]]
        ),
        SHEET_TITLES["appeals"]: _appeals_total_cells(workbook[SHEET_TITLES["appeals"]]),
    }


def uncalculated(data: bytes, rng: random.Random) -> bytes:
    workbook = _workbook(data)
    for title, formulas in _total_formulas(workbook).items():
        for (row, column), formula in formulas.items():
            workbook[title].cell(row, column).value = formula
    return _save(workbook)


def formulas(data: bytes, rng: random.Random) -> bytes:
    """The formulas with their saved values: openpyxl writes no value for a formula, so each
    `<f>` gets its `<v>` in the sheet's XML, as Excel leaves it."""
    workbook = _workbook(data)
    values: dict[str, dict[str, object]] = {}
    for title, cells in _total_formulas(workbook).items():
        sheet = workbook[title]
        for (row, column), formula in cells.items():
            cell = sheet.cell(row, column)
            values.setdefault(title, {})[cell.coordinate] = cell.value
            cell.value = formula
    saved = _save(workbook)
    return _with_cached_values(saved, workbook, values)


def _with_cached_values(
    data: bytes, workbook: openpyxl.Workbook, values: dict[str, dict[str, object]]
) -> bytes:
    parts = {f"xl/worksheets/sheet{i + 1}.xml": ws.title for i, ws in enumerate(workbook)}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            title = parts.get(member.filename)
            if title in values:
                content = _cached(content.decode(), values[title]).encode()
            info = zipfile.ZipInfo(member.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def _cached(xml: str, values: dict[str, object]) -> str:
    """Each formula cell of a sheet's XML with its value after the formula."""

    def add_value(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return match.group(0) + ("" if value is None else f"<v>{value}</v>")

    return re.sub(r'<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>', add_value, xml)


def _shown(value: float | int, rng: random.Random) -> str:
    text = str(value)
    if isinstance(value, int) and value >= 1000 and rng.random() < 0.5:
        text = f"{value:,}"
    roll = rng.random()
    if roll < 0.2:
        text = text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    elif roll < 0.4:
        text = f" {text} "
    return text


def text(data: bytes, rng: random.Random) -> bytes:
    workbook = _workbook(data)
    for title in SHEET_TITLES.values():
        sheet = workbook[title]
        for row in sheet.iter_rows():
            for cell in row:
                if type(cell).__name__ == "MergedCell":
                    continue
                if _is_figure(cell.value) and "." not in str(cell.value):
                    cell.value = _shown(cell.value, rng)  # type: ignore[arg-type]
                    cell.number_format = "@"
        sheet.cell(3, 1, f"附表：{title.split()[-1]}")  # the empty row above the table
    return _save(workbook)


def hidden(data: bytes, rng: random.Random) -> bytes:
    workbook = _workbook(data)
    sheet = workbook[SHEET_TITLES["applications"]]
    helper = sheet.max_column + 1
    letter = get_column_letter(helper)
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_col=helper - 1), start=1):
        if any(_is_figure(c.value) for c in row):
            sheet.cell(number, helper, rng.randint(0, 40))
    sheet.column_dimensions[letter].hidden = True
    appeals = workbook[SHEET_TITLES["appeals"]]
    rows = enumerate(appeals.iter_rows(), start=1)
    last = max(number for number, row in rows if any(_is_figure(c.value) for c in row))
    appeals.insert_rows(last + 1)
    for column in range(1, 16):
        appeals.cell(last + 1, column, rng.randint(0, 9))
    appeals.row_dimensions[last + 1].hidden = True
    return _save(workbook)


VARIANTS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "formulas": formulas,
    "uncalculated": uncalculated,
    "text": text,
    "hidden": hidden,
}
