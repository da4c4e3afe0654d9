"""Table 二's monthly figures from the CSV or XLSX an agency already keeps: one row per month
and item (年度, 月份, 事项, 数值), all or nothing, every problem named by its line."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.db import transaction

from gongkai.errors import GongkaiError
from gongkai.readers.decode import bytes_to_text
from gongkai.web.agencies.models import Agency
from gongkai.web.audit.log import record
from gongkai.web.audit.models import EventType
from gongkai.web.registers.models import MonthlyFigure

HEADER = ("年度", "月份", "事项", "数值")
ROWS = {label.split("（")[0]: value for value, label in MonthlyFigure.Row.choices}


class FigureImportError(GongkaiError):
    code = "registers.figures"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems[:20]) + ("；……" if len(problems) > 20 else ""))
        self.problems = problems


def read_table(data: bytes, name: str) -> list[list[str]]:
    """Rows of cells as text, from an XLSX workbook's first sheet or a CSV file."""
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise FigureImportError(
                [f"{name}：无法打开 Excel 文件（{exc.__class__.__name__}）"]
            ) from exc
        assert sheet is not None
        return [
            ["" if c is None else str(c).strip() for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    text, _ = bytes_to_text(data)
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


Figure = tuple[int, int, str, Decimal]


def parse_figures(rows: list[list[str]]) -> tuple[list[Figure], list[str]]:
    """The figures of a table under the header, and a problem per wrong line."""
    if not rows or tuple(rows[0][:4]) != HEADER:
        return [], [f"第1行：表头应为 {'，'.join(HEADER)}"]
    figures: list[Figure] = []
    problems: list[str] = []
    seen: set[tuple[int, int, str]] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        try:
            figure = _figure([*row, "", "", "", ""][:4])
            if figure[:3] in seen:
                raise ValueError(f"{figure[0]}年{figure[1]}月{figure[2]}重复")
        except ValueError as exc:
            problems.append(f"第{number}行：{exc}")
            continue
        seen.add(figure[:3])
        figures.append(figure)
    return figures, problems


def _figure(cells: list[str]) -> Figure:
    year, month, item, value = cells
    if not (year.isdigit() and 2008 <= int(year) <= 2100):
        raise ValueError(f"年度“{year}”应为四位数字")
    if not (month.isdigit() and 1 <= int(month) <= 12):
        raise ValueError(f"月份“{month}”应为1至12")
    row = ROWS.get(item.split("（")[0].strip())
    if row is None:
        raise ValueError(f"事项“{item}”应为 行政许可、行政处罚、行政强制 或 行政事业性收费")
    try:
        amount = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"数值“{value}”不是数字") from None
    whole = amount == amount.to_integral_value()
    if amount < 0 or (row != "fees" and not whole):
        raise ValueError(f"数值“{value}”应为不小于0的{'数' if row == 'fees' else '整数'}")
    return int(year), int(month), row, amount


@transaction.atomic
def do_import_figures(agency: Agency, user: User | None, data: bytes, name: str) -> int:
    """Store the figures, replacing those months' earlier ones; nothing if a line is wrong."""
    figures, problems = parse_figures(read_table(data, name))
    if problems:
        raise FigureImportError(problems)
    for year, month, row, value in figures:
        MonthlyFigure.objects.update_or_create(
            agency=agency, year=year, month=month, row=row, defaults={"value": value}
        )
    record(
        EventType.FIGURES_IMPORTED,
        None,
        kind="figure",
        user=user,
        agency_id=agency.pk,
        after={"file": name, "figures": [[y, m, r, v] for y, m, r, v in figures]},
    )
    return len(figures)
