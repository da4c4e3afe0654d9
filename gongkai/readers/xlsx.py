"""Excel workbooks to text: each sheet's rows as a grid (numbers printed as numbers).

openpyxl makes an object for every cell of a merged range and of a hyperlink's range
while it loads, and for every position of the used rectangle when a sheet is walked; a
few bytes of XML (one cell at XFD1048576, a merge of A1:XFD1048576) would ask for
billions. So the sheets' XML is scanned for those ranges before openpyxl loads them, and
each sheet's rectangle is checked before it is walked.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from decimal import Decimal, InvalidOperation

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries

from gongkai import messages
from gongkai.grid import Block, Origin, SourceMap, TracedGrid, blocks_to_traced
from gongkai.readers.library import library_errors
from gongkai.readers.limits import DEFAULT_LIMITS, Limits
from gongkai.readers.zips import check_package, is_xml

# Sheets that gongkai writes beside the tables and that are not part of the report.
SKIPPED_SHEETS = frozenset({"问题清单"})
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL, _RANGES = _MAIN + "c", (_MAIN + "mergeCell", _MAIN + "hyperlink")


def xlsx_to_traced(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, SourceMap]:
    """The workbook as text, and each cell's address (`Sheet1!C7`) in it."""
    check_package(data, limits)
    with library_errors(messages.BAD_XLSX):
        _check_sheets_xml(data, limits)
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        blocks: list[Block] = []
        for sheet in workbook.worksheets:
            if sheet.title in SKIPPED_SHEETS:
                continue
            limits.check("rows", sheet.max_row, sheet.title)
            limits.check("cells", sheet.max_row * sheet.max_column, sheet.title)
            rows = list(sheet.iter_rows())
            prefix = _sheet_prefix(sheet.title)
            blocks.append(
                TracedGrid(
                    [[_cell(c.value, c.number_format) for c in row] for row in rows],
                    [[Origin(address=prefix + c.coordinate) for c in row] for row in rows],
                )
            )
    return blocks_to_traced(blocks)


def _sheet_prefix(title: str) -> str:
    """`Sheet1!`, or `'My sheet'!` where Excel quotes the name."""
    if title.isidentifier():
        return title + "!"
    return "'" + title.replace("'", "''") + "'!"


def _check_sheets_xml(data: bytes, limits: Limits) -> None:
    """Count the cells each XML part holds and the cells its merged and linked ranges
    cover, streaming the XML (any part may be a sheet: the workbook's links decide)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if is_xml(info.filename):
                _check_sheet_xml(archive.read(info), limits, info.filename)


def _check_sheet_xml(xml: bytes, limits: Limits, name: str) -> None:
    cells = covered = 0
    parser = etree.iterparse(
        io.BytesIO(xml), events=("end",), tag=(_CELL, *_RANGES), resolve_entities=False
    )
    for _, element in parser:
        if element.tag == _CELL:
            cells += 1
        else:
            covered += _area(element.get("ref") or "A1")
        element.clear()
    limits.check("cells", max(cells, covered), name)


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
    amount = Decimal(repr(value))
    places = _DECIMALS.search(number_format or "")
    if places:
        try:
            return format(amount.quantize(Decimal(1).scaleb(-len(places.group(1)))), "f")
        except InvalidOperation:  # more digits than Decimal's precision: print it plainly
            pass
    return str(int(amount)) if amount == amount.to_integral_value() else format(amount, "f")


_DECIMALS = re.compile(r"\.(0+)")
