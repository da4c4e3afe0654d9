"""Excel workbooks to text: each sheet's rows as a grid (numbers printed as numbers).

openpyxl makes an object for every cell of a merged range and of a hyperlink's range
while it loads, and for every position of the used rectangle when a sheet is walked; a
few bytes of XML (one cell at XFD1048576, a merge of A1:XFD1048576) would ask for
billions. So the sheets' XML is scanned for those ranges before openpyxl loads them, and
each sheet's rectangle is checked before it is walked.

What a person sees is read: hidden sheets, rows and columns (helper figures, workings)
are left out, floats are shown to the 15 digits a spreadsheet keeps, and a formula saved
without its value (a workbook written by a program and never opened in a spreadsheet) is
computed when it is a sum (`readers/formulas.py`); any other such formula refuses the
workbook, naming the cell, rather than read it as blank. Sheets holding one table each are
read in the report's order of tables, whatever order the office saved them in.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import (
    Origin,
    SourceMap,
    TracedGrid,
    blocks_to_traced,
    merged_below,
    spanned,
    without_marks,
)
from gongkai.readers import regions
from gongkai.readers.formulas import Unsupported, evaluate
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.zips import check_package, is_xml

# Sheets that gongkai writes beside the tables and that are not part of the report.
SKIPPED_SHEETS = frozenset({"问题清单"})
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL, _RANGES = _MAIN + "c", (_MAIN + "mergeCell", _MAIN + "hyperlink")
_FORMULA, _VALUE = _MAIN + "f", _MAIN + "v"


def xlsx_to_traced(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, SourceMap]:
    """The workbook as text, and each cell's address (`Sheet1!C7`) in it."""
    check_package(data, limits)
    with library_errors(messages.BAD_XLSX):
        uncalculated = _check_sheets_xml(data, limits)
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = (
            openpyxl.load_workbook(io.BytesIO(data), data_only=False) if uncalculated else None
        )
        grids: list[TracedGrid] = []
        for sheet in workbook.worksheets:
            if sheet.title in SKIPPED_SHEETS or sheet.sheet_state != "visible":
                continue  # our findings, and sheets the office hid (workings, old years)
            limits.check("rows", sheet.max_row, sheet.title)
            limits.check("cells", sheet.max_row * sheet.max_column, sheet.title)
            shown = _shown_cells(sheet)
            prefix = _sheet_prefix(sheet.title)
            texts = _Texts(sheet.title, workbook, formulas)
            marks = _merged_marks(sheet, texts)
            grids.append(
                TracedGrid(
                    [[marks.get((c.row, c.column)) or texts.of(c) for c in row] for row in shown],
                    [[Origin(address=prefix + c.coordinate) for c in row] for row in shown],
                )
            )
    return blocks_to_traced(_in_table_order(grids))


def _in_table_order(sheets: list[TracedGrid]) -> list[TracedGrid]:
    """The sheets that hold one table each put in the report's order (二, 三, 四), in the
    places those sheets took; the others stay where they are. The text reader finds each
    table after the one before it, and an office may save table 四's sheet first: the sheets'
    headings and words say which table each holds, not their order."""
    ranks: dict[int, int] = {}  # a sheet holding one table: its place in the report
    for index, sheet in enumerate(sheets):
        held = regions.tables_opened("\n".join("\t".join(row) for row in sheet.grid))
        if len(held) == 1:
            ranks[index] = regions.TABLE_ORDER.index(held[0])
    ordered = list(sheets)
    for place, index in zip(ranks, sorted(ranks, key=ranks.__getitem__), strict=True):
        ordered[place] = sheets[index]
    return ordered


Cell = Any


def _hidden(sheet: Worksheet) -> tuple[set[int], set[int]]:
    """The numbers of the sheet's hidden rows and of its hidden columns."""
    rows = {n for n, d in sheet.row_dimensions.items() if d.hidden}
    columns = {
        n
        for d in sheet.column_dimensions.values()
        if d.hidden and d.min is not None
        for n in range(d.min, (d.max or d.min) + 1)
    }
    return rows, columns


def _shown_cells(sheet: Worksheet) -> list[list[Cell]]:
    """The sheet's rows less its hidden rows and columns: what the spreadsheet shows."""
    hidden_rows, hidden_columns = _hidden(sheet)
    return [
        [c for c in row if c.column not in hidden_columns]
        for row in sheet.iter_rows()
        if row and row[0].row not in hidden_rows
    ]


def _merged_marks(sheet: Worksheet, texts: _Texts) -> dict[tuple[int, int], str]:
    """What the positions a merged range covers past its first cell hold, and its first
    cell where the range goes on over rows below, as every format's grid has them
    (`grid.spanned`, `grid.merged_below`), by row and column. Only ranges whose first cell
    is shown: a hidden one's text is not read (an uncalculated formula in it would refuse
    the workbook)."""
    hidden_rows, hidden_columns = _hidden(sheet)
    marks = {}
    for merged in sheet.merged_cells.ranges:
        if merged.min_row in hidden_rows or merged.min_col in hidden_columns:
            continue
        top, left = merged.min_row, merged.min_col
        first = texts.of(sheet.cell(top, left))
        more = merged.max_col - left
        columns = range(left + 1, merged.max_col + 1)
        for column, mark in zip(columns, spanned(first, more), strict=True):
            marks[top, column] = mark
        # Ranges cover no more cells than the limits allow (`_check_sheet_xml`).
        for row, column, mark in merged_below(first, merged.max_row - top + 1, more + 1):
            marks[top + row, left + column] = mark
    return marks


class _Texts:
    """Each cell's text as shown; a formula saved without its value computed from the
    workbook's formulas (`formulas`, loaded only when the XML holds such a cell)."""

    def __init__(self, title: str, values: Workbook, formulas: Workbook | None) -> None:
        self.title, self.values, self.formulas = title, values, formulas

    def of(self, cell: Cell) -> str:
        if cell.value is not None or self.formulas is None:
            return without_marks(_cell(cell.value, cell.number_format))
        formula = self.formulas[self.title].cell(cell.row, cell.column).value
        if not (isinstance(formula, str) and formula.startswith("=")):
            return ""
        try:
            amount = evaluate(formula, self.title, self._lookup)
        except (Unsupported, InvalidOperation):
            where = {"sheet": self.title, "cell": cell.coordinate, "formula": formula[:60]}
            raise UnreadableInput(messages.UNCALCULATED_FORMULA.format(**where)) from None
        value = int(amount) if amount == amount.to_integral_value() else float(amount)
        return _cell(value, cell.number_format)

    def _lookup(self, title: str, column: int, row: int) -> object:
        """A referred cell's saved value, else its formula (a sum of sums)."""
        if title not in self.values.sheetnames or self.formulas is None:
            raise Unsupported(title)
        value = self.values[title].cell(row, column).value
        if value is None:
            return self.formulas[title].cell(row, column).value
        return value


def _sheet_prefix(title: str) -> str:
    """`Sheet1!`, or `'My sheet'!` where Excel quotes the name."""
    if title.isidentifier():
        return title + "!"
    return "'" + title.replace("'", "''") + "'!"


def _check_sheets_xml(data: bytes, limits: Limits) -> bool:
    """Count the cells each XML part holds and the cells its merged and linked ranges
    cover, streaming the XML (any part may be a sheet: the workbook's links decide);
    whether any cell holds a formula saved without its value."""
    uncalculated = False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if is_xml(info.filename):
                uncalculated |= _check_sheet_xml(archive.read(info), limits, info.filename)
    return uncalculated


def _check_sheet_xml(xml: bytes, limits: Limits, name: str) -> bool:
    cells = covered = 0
    uncalculated = False
    parser = etree.iterparse(
        io.BytesIO(xml), events=("end",), tag=(_CELL, *_RANGES), resolve_entities=False
    )
    for _, element in parser:
        if element.tag == _CELL:
            cells += 1
            uncalculated |= element.find(_FORMULA) is not None and not element.findtext(_VALUE)
        else:
            covered += _area(element.get("ref") or "A1")
        element.clear()
    limits.check("cells", max(cells, covered), name)
    return uncalculated


def _area(ref: str) -> int:
    """Cells a range covers; a whole column (A:A) or row (1:1) runs to the sheet's edge."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    columns = (max_col or _COLUMNS) - (min_col or 1) + 1
    rows = (max_row or _ROWS) - (min_row or 1) + 1
    return max(columns, 1) * max(rows, 1)


_ROWS, _COLUMNS = 1_048_576, 16_384


def _cell(value: object, number_format: str) -> str:
    """The cell as it is shown: a float with the decimals its number format displays."""
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # a stored 1e999 is no figure, and Decimal cannot print it as one
    if isinstance(value, bool) or not isinstance(value, float | int):
        return str(value)
    # A float as the spreadsheet shows it: to 15 significant digits, its precision, so that
    # a sum saved as 0.30000000000000004 is the 0.3 the sheet shows.
    amount = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    places = _DECIMALS.search(number_format or "")
    if places:
        try:
            step = Decimal(1).scaleb(-len(places.group(1)))
            return format(amount.quantize(step, rounding=ROUND_HALF_UP), "f")
        except InvalidOperation:  # more digits than Decimal's precision: print it plainly
            pass
    amount = _near_whole(amount)
    return str(int(amount)) if amount == amount.to_integral_value() else format(amount, "f")


_DECIMALS = re.compile(r"\.(0+)")
# Excel's General format shows a number in 11 characters at most, its decimals rounded.
_GENERAL_WIDTH = 11


def _near_whole(amount: Decimal) -> Decimal:
    """`amount` as a whole number where General would show it so (a sum saved as
    329.999999999 shows 330; 「0」 and 「#,##0」 show it so too); else as it is: an amount's
    decimals that a whole-number format hides (12.5 shown 13) are kept, not rounded away."""
    room = _GENERAL_WIDTH - len(str(abs(int(amount)))) - (1 if amount < 0 else 0) - 1
    if room <= 0:
        return amount
    try:
        rounded = amount.quantize(Decimal(1).scaleb(-room))
    except InvalidOperation:
        return amount
    return rounded.to_integral_value() if rounded == rounded.to_integral_value() else amount
