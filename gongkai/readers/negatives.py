"""A minus printed before a count that the template allows no minus for.

Tables 三 and 四 count applications and cases, and table 二 counts documents and decisions
but for its 本年增/减 (`catalog.may_be_negative`): none of them can be below zero. A minus
read before such a count is far likelier something else than a negative count: a
separator, a speck, a rule's stub or a fax streak in a scan (a blank mark 「-」 of the cell
before, glued to the figure, is read in `readers/blankmarks.py`). It is never taken
silently (issue 13). The figure without its minus is read where the rules the cell takes
part in prove it (its row's rule holds without the minus, not with it, and its column's
rules hold no less), with the repair warning. Otherwise the cell is a doubt on its row
(`parse.negative_count`), in its column only: kept as printed where the report's own sums
agree with the minus (a negative count truly printed: the report's error, but the reader
cannot tell it from a stray mark, so it says so as a doubt for the officer to check), else
read without it, the likelier; the rules across that cell are said as warnings, not errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from gongkai import catalog, messages
from gongkai.cells import cell_label
from gongkai.model import Finding
from gongkai.readers.column_rules import broken_column_rules
from gongkai.readers.repair import Cells, holds
from gongkai.readers.tables import APPEAL_RULES, ROW_RULE, TableResult

_GROUP_RULE = APPEAL_RULES[:1]  # one group of table 四: its four results add up to its total
_BALANCE_ROWS = ("new_received", "carried_over", "total", "carry_forward")


class _Held(NamedTuple):
    """The rules a cell takes part in, with it read one way: whether its row's own rule
    holds, and how many of its column's rules hold."""

    row: bool
    column: int


class _Cell(NamedTuple):
    """A count printed with a minus: its name (gongkai.cells), and how findings locate it."""

    name: str
    printed: int | str  # table 二's amounts of money are decimal strings
    row: str
    column: str
    group: str | None = None
    shown: str | None = None  # as the report printed it, where not with a minus: 「（3）」


def unsigned_counts(
    active: TableResult,
    applications: TableResult,
    appeals: TableResult,
    shown: Mapping[str, str],
) -> list[Finding]:
    """Decide every count printed with a minus in the three tables, their data and doubts
    changed in place; the findings that say so. `shown`: table 二's cells read with a
    minus the report printed otherwise (an accounting negative 「（3）」), as printed."""
    return _active(active, shown) + _applications(applications) + _appeals(appeals)


def _active(result: TableResult, shown: Mapping[str, str]) -> list[Finding]:
    """Table 二: no rule relates its cells, so a minus before a count, or before an amount
    of money (a decimal string; no fee or purchase is below zero), is always a doubt."""
    findings = []
    for row_id, values in result.data.items():
        for field_id, value in values.items():
            unsigned = _unsigned(value)
            if unsigned is None or catalog.may_be_negative("active", row_id, field_id):
                continue
            values[field_id] = unsigned
            name = f"active.{row_id}.{field_id}"
            cell = _Cell(name, value, row_id, field_id, shown=shown.get(name))
            findings.append(_doubt(cell, result))
    return findings


def _unsigned(value: object) -> int | str | None:
    """A count or an amount printed with a minus, without it; None for any other value."""
    if isinstance(value, int) and value < 0:
        return -value
    if isinstance(value, str) and value.startswith("-"):
        return value[1:]
    return None


def _applications(result: TableResult) -> list[Finding]:
    rows: dict[str, list[int | None]] = result.data["rows"]
    columns: list[str] = result.data["columns"]
    findings = []
    for row_id, cells in rows.items():
        for index, value in enumerate(cells):
            if value is None or value >= 0:
                continue
            cell = _Cell(f"applications.{row_id}.{columns[index]}", value, row_id, columns[index])
            held = [_table_three(rows, row_id, index, v) for v in (-value, value)]
            cells[index], proven = _choose(value, *held)
            findings.append(_repaired(cell, result) if proven else _doubt(cell, result))
    return findings


def _table_three(rows: dict[str, list[int | None]], row_id: str, index: int, value: int) -> _Held:
    """The rules a cell of table 三 takes part in, with it read as `value`: its row's 总计,
    and its column's 三（七）总计 and 一 + 二 = 三（七） + 四 (where the table has their rows)."""
    cells = list(rows[row_id])
    cells[index] = value
    if not all(r in rows for r in _BALANCE_ROWS):
        return _Held(holds(tuple(cells), ROW_RULE), 0)
    trial: dict[str, Cells] = {r: tuple(c) for r, c in rows.items()}
    trial[row_id] = tuple(cells)
    broken = broken_column_rules(trial, list(rows))
    held = 2 - sum(1 for _, column in broken if column == index)
    return _Held(holds(tuple(cells), ROW_RULE), held)


def _appeals(result: TableResult) -> list[Finding]:
    findings = []
    for group, values in result.data.items():
        for field, value in values.items():
            if value is None or value >= 0:
                continue
            cell = _Cell(f"appeals.{group}.{field}", value, "appeals", field, group)
            held = [_table_four(values, field, v) for v in (-value, value)]
            values[field], proven = _choose(value, *held)
            findings.append(_repaired(cell, result) if proven else _doubt(cell, result))
    return findings


def _table_four(values: dict[str, int | None], field: str, value: int) -> _Held:
    """A group of table 四's one rule, with `field` read as `value`: its four results add
    up to its total."""
    cells = tuple(value if f.id == field else values[f.id] for f in catalog.APPEAL_FIELDS)
    return _Held(holds(cells, _GROUP_RULE), 0)


def _choose(printed: int, without: _Held, as_printed: _Held) -> tuple[int, bool]:
    """The value read, and whether the rules prove it: without the minus where its row's
    rule holds only so and its column's rules hold no less; as printed where the rules hold
    better with it; else without it, the likelier."""
    if without.row and without.column >= as_printed.column:
        return -printed, True
    if as_printed.row or as_printed.column > without.column:
        return printed, False
    return -printed, False


def _repaired(cell: _Cell, result: TableResult) -> Finding:
    message = messages.NEGATIVE_COUNT_REPAIRED.format(
        cell=cell_label(cell.name),
        printed=cell.printed,
        noun=_noun(cell),
        value=_unsigned(cell.printed),
    )
    return _finding("parse.repaired_row", message, cell, result)


def _doubt(cell: _Cell, result: TableResult) -> Finding:
    """The doubt, the cell's row doubted in its column only (table 四: its group), so that
    rules comparing only other columns stay errors; a row the reading already doubts whole
    stays so."""
    if cell.row not in result.doubtful or cell.row in result.columns:
        doubted = result.columns.get(cell.row, frozenset())
        result.columns[cell.row] = doubted | {cell.group or cell.column}
    result.doubtful = result.doubtful | {cell.row}
    message = messages.NEGATIVE_COUNT.format(
        cell=cell_label(cell.name), printed=cell.shown or cell.printed, noun=_noun(cell)
    )
    return _finding("parse.negative_count", message, cell, result)


def _noun(cell: _Cell) -> str:
    if isinstance(cell.printed, str):
        return messages.COUNT_NOUNS["money"]
    return messages.COUNT_NOUNS[cell.name.split(".", 1)[0]]


def _finding(rule: str, message: str, cell: _Cell, result: TableResult) -> Finding:
    return Finding(
        rule=rule,
        severity="warning",
        message=message,
        row=cell.row,
        column=cell.column,
        group=cell.group,
        found=cell.printed,
        line=result.lines.get(cell.row),
    )
