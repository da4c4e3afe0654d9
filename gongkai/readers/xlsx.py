"""Excel workbooks to text: each sheet's rows as a grid (numbers printed as numbers)."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
from lxml import etree

from gongkai import messages
from gongkai.errors import UnreadableInput
from gongkai.grid import Grid, blocks_to_text

# Sheets that gongkai writes beside the tables and that are not part of the report.
SKIPPED_SHEETS = frozenset({"问题清单"})


def xlsx_to_text(data: bytes) -> str:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError) as exc:
        raise UnreadableInput(messages.BAD_XLSX.format(detail=exc)) from exc
    blocks: list[str | Grid] = []
    for sheet in workbook.worksheets:
        if sheet.title in SKIPPED_SHEETS:
            continue
        blocks.append([[_cell(c.value, c.number_format) for c in row] for row in sheet.iter_rows()])
    return blocks_to_text(blocks)


def _cell(value: object, number_format: str) -> str:
    """The cell as it is shown: a float with the decimals its number format displays."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, float | int):
        return str(value)
    amount = Decimal(repr(value))
    places = _DECIMALS.search(number_format or "")
    if places:
        return format(amount.quantize(Decimal(1).scaleb(-len(places.group(1)))), "f")
    return str(int(amount)) if amount == amount.to_integral_value() else format(amount, "f")


_DECIMALS = re.compile(r"\.(0+)")
