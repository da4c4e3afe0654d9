"""Text as a crawler leaves it after stripping a report page's HTML.

Rows of a table come out in several ways in one document: cells glued with no separator,
glued but with the 总计 after a space (「5800000 58」), separated by spaces, by `&nbsp;`,
or with `<td>` tags left in; whole tables sometimes on one line. Amounts keep their unit
glued to them (「3957 3802895.90万元」 → 「39573802895.90万元」).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from gongkai.model import Report
from gongkai.render.text import render_text

Joiner = Callable[[list[str]], str]


def _glued(cells: list[str]) -> str:
    return "".join(cells)


def _glued_then_total(cells: list[str]) -> str:
    labels = [c for c in cells if not _is_number(c)]
    numbers = [c for c in cells if _is_number(c)]
    if len(numbers) < 3:
        return "".join(cells)
    return "".join(labels) + "".join(numbers[:-1]) + " " + numbers[-1]


def _spaces(cells: list[str]) -> str:
    return " ".join(cells)


def _nbsp(cells: list[str]) -> str:
    return "&nbsp;".join(cells)


def _tags(cells: list[str]) -> str:
    return "<td>" + "</td><td>".join(cells) + "</td>"


_JOINERS: tuple[Joiner, ...] = (_glued, _glued_then_total, _spaces, _nbsp, _tags)
_FEES, _PROCUREMENT = "行政事业性收费", "政府集中采购"


def crawler_text(report: Report, rng: random.Random) -> str:
    """The report's text with every table row flattened by a joiner drawn at random."""
    out: list[str] = []
    table: list[str] = []
    for line in render_text(report, "tabs").split("\n"):
        if "\t" in line:
            table.append(_row(line, rng))
            continue
        if table:
            out.append(("" if rng.random() < 0.4 else "\n").join(table))
            table = []
        out.append(line)
    return "\n".join(out)


def _row(line: str, rng: random.Random) -> str:
    cells = [c for c in line.split("\t") if c]
    if _money_row(cells):
        cells[-1] += "万元"
        if len(cells) == 3 and rng.random() < 0.5:  # 采购项目数量 glued to 采购总金额
            cells[-2:] = [cells[-2] + cells[-1]]
    return rng.choice(_JOINERS)(cells)


def _money_row(cells: list[str]) -> bool:
    """The rows whose last cell is an amount: 2021's 收费金额, 2019's 采购总金额."""
    if not cells or not _is_number(cells[-1]):
        return False
    return (cells[0] == _FEES and len(cells) == 2) or cells[0] == _PROCUREMENT


def _is_number(cell: str) -> bool:
    return cell.lstrip("-").replace(".", "", 1).isdigit()
