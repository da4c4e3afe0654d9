"""Excel workbooks to text: each sheet's rows as a grid (numbers printed as numbers)."""

from __future__ import annotations

import io
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
        blocks.append([[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)])
    return blocks_to_text(blocks)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        amount = Decimal(repr(value))
        return str(int(amount)) if amount == amount.to_integral_value() else format(amount, "f")
    return str(value)
