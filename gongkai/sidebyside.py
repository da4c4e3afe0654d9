"""Two reports cell by cell: every cell of tables 二, 三 and 四 (named as `gongkai.cells`
names them, labelled as the printed report labels them), both values, and the change said in
words, for two agencies' reports of one year or one agency's reports of two years.

Pure: takes the reports as the contract's JSON.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai import catalog
from gongkai.cells import cell_label, cell_parts

Value = int | Decimal | None
_ACTIVE_ORDER = {
    row.id: n for n, row in enumerate([*catalog.ACTIVE_ROWS["2021"], *catalog.ACTIVE_ROWS["2019"]])
}
_ACTIVE_FIELDS = {
    (row.id, f.id): n
    for rows in catalog.ACTIVE_ROWS.values()
    for row in rows
    for n, f in enumerate(row.fields)
}
_GROUPS = [g.id for g in catalog.APPEAL_GROUPS]
_FIELDS = [f.id for f in catalog.APPEAL_FIELDS]


@dataclass(frozen=True)
class CellPair:
    cell: str  # `gongkai.cells` name: applications.granted.total
    label: str  # 表三（三）1「总计」
    left: Value
    right: Value

    @property
    def changed(self) -> bool:
        return self.left != self.right

    @property
    def difference(self) -> Value:
        if self.left is None or self.right is None:
            return None
        return self.right - self.left

    def words(self) -> str:
        """The change from the left value to the right, in words."""
        if not self.changed:
            return "相同"
        left, right = self.left, self.right
        if left is None or right is None:
            return "前者空白" if left is None else "后者空白"
        change = abs(Decimal(right) - Decimal(left))
        verb = "增加" if right > left else "减少"
        if not left:
            return f"{verb}{_shown(change)}"
        return f"{verb}{_shown(change)}（{change / left * 100:.1f}%）"


def _shown(value: Decimal) -> str:
    return format(value.normalize(), "f")


def cells_of(data: Mapping[str, Any]) -> Iterator[tuple[str, Value]]:
    """Every cell of tables 二, 三 and 四 the report holds, with its value."""
    for row, fields in (data.get("active") or {}).items():
        for field, value in (fields or {}).items():
            yield f"active.{row}.{field}", _number(value)
    for row, values in ((data.get("applications") or {}).get("rows") or {}).items():
        for column, value in zip(catalog.COLUMN_IDS, values or ()):
            yield f"applications.{row}.{column}", _number(value)
    for group, fields in (data.get("appeals") or {}).items():
        for field, value in (fields or {}).items():
            yield f"appeals.{group}.{field}", _number(value)


def _number(value: Any) -> Value:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _place(cell: str) -> tuple[int, float, int]:
    """Where a cell sits in the printed report: table, row, column."""
    part, row, field = cell_parts(cell)
    if part == "active":
        return 2, _ACTIVE_ORDER.get(row, 99), _ACTIVE_FIELDS.get((row, field), 99)
    if part == "applications":
        column = catalog.COLUMN_IDS.index(field) if field in catalog.COLUMN_IDS else 99
        return 3, catalog.ROW_RANK.get(row, 99.0), column
    group = _GROUPS.index(row) if row in _GROUPS else 99
    return 4, group, _FIELDS.index(field) if field in _FIELDS else 99


def side_by_side(left: Mapping[str, Any], right: Mapping[str, Any]) -> list[CellPair]:
    """Every cell either report holds, in the printed order, with both values."""
    a, b = dict(cells_of(left)), dict(cells_of(right))
    names = sorted(a.keys() | b.keys(), key=_place)
    return [CellPair(n, cell_label(n), a.get(n), b.get(n)) for n in names]


def summary(pairs: list[CellPair]) -> str:
    """The comparison in one sentence."""
    changed = sum(1 for p in pairs if p.changed)
    if not changed:
        return f"表二、表三、表四共{len(pairs)}个单元格，数据完全相同。"
    return f"表二、表三、表四共{len(pairs)}个单元格，其中{changed}个不同（已标出）。"
