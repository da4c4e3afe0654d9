"""Cell names: which cell a name means, which cells a finding is about, what may be typed in one.

Cells are named `applications.<row>.<column>`, `appeals.<group>.<field>` or
`active.<row>.<field>`, the contract's own ids. The renderers tag number cells with these
names, the web preview marks findings at them, and corrections address them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai import catalog
from gongkai.errors import GongkaiError
from gongkai.model import Finding

BAD_CELL = "没有这个单元格：{cell}"
BAD_VALUE = "“{value}”不是该单元格可以填写的数（应为不小于0的整数，留空表示空白）"
BAD_MONEY = "“{value}”不是金额（应为数字，如 15954.526468）"
NO_REASON = "请写明修改理由"


class CorrectionError(GongkaiError):
    code = "reports.correction"


def cell_parts(cell: str) -> tuple[str, str, str]:
    """(table, row, field) of a cell's name; row ids may hold dots (withheld.state_secret)."""
    part, _, rest = cell.partition(".")
    row, _, field = rest.rpartition(".")
    return part, row, field


def cell_value(data: dict[str, Any], cell: str) -> tuple[Any, Any, Any]:
    """(container, key, current value) of a named cell in a report's data."""
    part, row, field = cell_parts(cell)
    try:
        if part == "applications":
            cells = data["applications"]["rows"][row]
            index = catalog.COLUMN_IDS.index(field)
            return cells, index, cells[index]
        if part in ("appeals", "active"):
            container = data[part][row]
            if field in container:
                return container, field, container[field]
    except (KeyError, ValueError, TypeError):
        pass
    raise CorrectionError(BAD_CELL.format(cell=cell))


def parse_value(cell: str, text: str) -> int | str | None:
    """The value typed for a cell: blank, a non-negative integer, or a signed change or money
    where the template allows them."""
    text = text.strip()
    if not text:
        return None
    field = cell.rsplit(".", 1)[-1]
    if field in ("amount_10k_yuan", "amount"):
        try:
            Decimal(text)
        except InvalidOperation as exc:
            raise CorrectionError(BAD_MONEY.format(value=text)) from exc
        return text
    try:
        number = int(text)
    except ValueError as exc:
        raise CorrectionError(BAD_VALUE.format(value=text)) from exc
    if number < 0 and field != "change":
        raise CorrectionError(BAD_VALUE.format(value=text))
    return number


BALANCE_ROWS = ("new_received", "carried_over", "total", "carry_forward")


def finding_cells(finding: Finding) -> list[str]:
    """The names of the cells a finding is about (none for findings about the whole text):
    those the check named, else those its rule, row and column name."""
    if finding.cells:
        return finding.cells
    rule, row, column = finding.rule, finding.row, finding.column
    if rule == "applications.balance" and column:
        return [f"applications.{r}.{column}" for r in BALANCE_ROWS]
    if rule.startswith(("appeals.", "parse.")) and finding.group and column:
        return [f"appeals.{finding.group}.{column}"]
    if rule.startswith("parse.") and column and row in {a.id for a in _active_rows()}:
        return [f"active.{row}.{column}"]
    if rule.startswith(("applications.", "parse.")) and row and column:
        return [f"applications.{row}.{column}"]
    if rule.startswith("text.") and row in catalog.NARRATIVE_BY_KEY:
        return narrative_cells(row)
    return []


def narrative_cells(key: str) -> list[str]:
    """The 总计 cells of a narrative pattern's own quantities (findings stored before checks
    named the cells they compared, alternatives included)."""
    return quantity_cells(catalog.QUANTITIES[q] for q in catalog.NARRATIVE_BY_KEY[key].quantities)


def quantity_cells(quantities: Iterable[catalog.Quantity]) -> list[str]:
    """The 总计 cells that quantities add up, each once."""
    names: list[str] = []
    for quantity in quantities:
        names += [f"applications.{r}.total" for r in quantity.rows]
        names += [f"appeals.{g}.total" for g in quantity.groups]
    return list(dict.fromkeys(names))


def cell_label(name: str) -> str:
    """A cell's name as a reader of the printed report says it: 表三（七）总计「自然人」."""
    row, column = cell_row_label(name), cell_column_label(name)
    return f"{row}「{column}」" if row and column else name


def cell_row_label(name: str) -> str:
    """The printed row a cell is in (表三（七）总计, 表四行政复议, 表二规章); "" if unknown."""
    part, row, _ = cell_parts(name)
    if part == "applications" and row in catalog.ALL_APPLICATION_ROWS:
        ref = catalog.ALL_APPLICATION_ROWS[row].ref
        # 一、二、四 of table 三, never tables 一, 二, 四
        return f"表{ref}" if ref.startswith("三") else f"表三“{ref}”"
    if part == "appeals":
        return "表四" + next((g.label for g in catalog.APPEAL_GROUPS if g.id == row), row)
    if part == "active":
        return next((f"表二{a.label}" for a in _active_rows() if a.id == row), "")
    return ""


def cell_column_label(name: str) -> str:
    """The printed column a cell is in (自然人, 总计, 本年新制作数量); "" if unknown."""
    part, row, field = cell_parts(name)
    if part == "applications":
        return catalog.COLUMN_LABELS.get(field, "")
    if part == "appeals":
        return next((f.label for f in catalog.APPEAL_FIELDS if f.id == field), "")
    # A row id is shared by the templates (规章 in 2019 and 2021) but not its fields' ids.
    fields = (f for a in _active_rows() if a.id == row for f in a.fields)
    return next((f.label for f in fields if f.id == field), "")


def _active_rows() -> Iterator[catalog.ActiveRow]:
    for rows in catalog.ACTIVE_ROWS.values():
        yield from rows
