"""Tables printed in another order than the template's, as an office reorders them in Word
or a spreadsheet: a column moved with its header, a row moved with its label.

The alteration is made on the template's layout (`gongkai.render.layout`), which every
writer prints, so one reordered table is printed as HTML, DOCX, XLSX, text and PDF alike.
The report's figures are not changed: each cell moves with its header or label, so the
truth is the report itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from lxml.html import HtmlElement

from gongkai import catalog
from gongkai.grid import SpanCell, place_spans
from gongkai.model import Report
from gongkai.render import layout

Rows = list[list[SpanCell]]


def reordered(rows: Rows, row_order: Sequence[int], column_order: Sequence[int]) -> Rows:
    """`rows` (a table as the layout gives it) with its grid's rows and columns printed in
    the orders given (new position → old index). A merged cell whose rows the new order
    parts keeps its longest run; the positions it leaves go to the next cell on their right
    in that row (a label merged down the rows it heads no longer covers a row moved away
    from them: that row's own label widens over its place)."""
    where: dict[tuple[int, int], int] = {}
    placed = place_spans(rows)
    for index, (r, c, cell) in enumerate(placed):
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                where[(r + dr, c + dc)] = index
    grid = [[where[(r, c)] for c in column_order] for r in row_order]
    _keep_longest_runs(grid)
    out: Rows = []
    done: set[int] = set()
    for r, line in enumerate(grid):
        row: list[SpanCell] = []
        for c, index in enumerate(line):
            if index in done:
                continue
            done.add(index)
            spots = [(y, x) for y, ln in enumerate(grid) for x, i in enumerate(ln) if i == index]
            height = len({y for y, _ in spots})
            width = len({x for _, x in spots})
            assert len(spots) == height * width and (r, c) == min(spots), "not a rectangle"
            row.append(replace(placed[index][2], rowspan=height, colspan=width))
        out.append(row)
    return out


def _keep_longest_runs(grid: list[list[int]]) -> None:
    for column in range(len(grid[0])):
        runs: dict[int, list[list[int]]] = {}
        for r, line in enumerate(grid):
            cell = line[column]
            parts = runs.setdefault(cell, [])
            if parts and parts[-1][-1] == r - 1:
                parts[-1].append(r)
            else:
                parts.append([r])
        for cell, parts in runs.items():
            longest = max(parts, key=len)
            for part in parts:
                if part is longest:
                    continue
                for r in part:
                    right = next(i for i in grid[r][column:] if i != cell)
                    grid[r][column] = right


@dataclass(frozen=True)
class Reordering:
    """One way an office reorders one table: `table` as `layout.TABLES` names it, and the
    new order of its rows and columns given the table's layout."""

    name: str
    table: str
    moves: str  # "columns" or "rows"
    order: Callable[[Rows], tuple[list[int], list[int]]]


def _rows_of(rows: Rows) -> list[int]:
    return list(range(len(rows)))


def _width(rows: Rows) -> int:
    return max(c + cell.colspan for _, c, cell in place_spans(rows))


def _columns(new: Sequence[int]) -> Callable[[Rows], tuple[list[int], list[int]]]:
    """Figure columns (counted from the first figure column) in the order `new`."""

    def order(rows: Rows) -> tuple[list[int], list[int]]:
        width = _width(rows)
        labels = width - len(new)
        return _rows_of(rows), list(range(labels)) + [labels + k for k in new]

    return order


def _row_moved(label: str, before: str | None) -> Callable[[Rows], tuple[list[int], list[int]]]:
    """The row labelled `label` moved before the row labelled `before` (None: to the end)."""

    def order(rows: Rows) -> tuple[list[int], list[int]]:
        labels = [" ".join(cell.text for cell in row) for row in rows]
        moved = next(i for i, text in enumerate(labels) if label in text)
        rest = [i for i in range(len(rows)) if i != moved]
        at = (
            len(rest)
            if before is None
            else rest.index(next(i for i in rest if before in labels[i]))
        )
        return [*rest[:at], moved, *rest[at:]], list(range(_width(rows)))

    return order


_T3 = catalog.ALL_APPLICATION_ROWS
REORDERINGS: tuple[Reordering, ...] = (
    Reordering("三·总计列在前", "applications", "columns", _columns([6, 0, 1, 2, 3, 4, 5])),
    Reordering("三·法人在自然人前", "applications", "columns", _columns([1, 2, 3, 4, 5, 0, 6])),
    Reordering("三·法人各列对调", "applications", "columns", _columns([0, 5, 2, 3, 4, 1, 6])),
    Reordering("四·诉讼在复议前", "appeals", "columns", _columns([*range(5, 15), *range(5)])),
    Reordering(
        "四·两类诉讼对调",
        "appeals",
        "columns",
        _columns([*range(5), *range(10, 15), *range(5, 10)]),
    ),
    Reordering(
        "四·总计在各组前",
        "appeals",
        "columns",
        _columns([4, 0, 1, 2, 3, 9, 5, 6, 7, 8, 14, 10, 11, 12, 13]),
    ),
    Reordering("三·总计行在末", "applications", "rows", _row_moved(_T3["total"].label, None)),
    Reordering(
        "三·一二行对调",
        "applications",
        "rows",
        _row_moved(_T3["carried_over"].label, _T3["new_received"].label),
    ),
    Reordering("二·处罚强制对调", "active", "rows", _row_moved("行政强制", "行政处罚")),
    Reordering(
        "三·（一）（二）对调",
        "applications",
        "rows",
        _row_moved(_T3["partially_granted"].label, _T3["granted"].label),
    ),
)


@contextlib.contextmanager
def printed_reordered(reordering: Reordering) -> Iterator[None]:
    """While open, every writer prints `reordering.table` reordered."""
    saved = layout.TABLES
    original = dict(saved)[reordering.table]

    def rows_of(report: Report) -> Rows:
        rows = original(report)
        return reordered(rows, *reordering.order(rows))

    layout.TABLES = tuple(  # type: ignore[assignment]  # still the three tables
        (t, rows_of if t == reordering.table else f) for t, f in saved
    )
    try:
        yield
    finally:
        layout.TABLES = saved


def reorder_html_table(rows: list[HtmlElement], reordering: Reordering) -> None:
    """The rows (`<tr>`s) of a table of an HTML page reordered in place: each `<td>` kept
    as it is (its figure, its style), put where `reordering` moves it, its spans mended."""
    cells = [list(row.iter("td")) for row in rows]
    spans = [
        [
            SpanCell(
                str(td.text_content()).strip(),
                int(td.get("rowspan", "1")),
                int(td.get("colspan", "1")),
                name=f"{r}/{k}",
            )
            for k, td in enumerate(line)
        ]
        for r, line in enumerate(cells)
    ]
    for row, line in zip(rows, reordered(spans, *reordering.order(spans)), strict=True):
        for td in row.iter("td"):
            row.remove(td)
        for span in line:
            r, k = map(int, span.name.split("/"))
            td = cells[r][k]
            for name, value in (("rowspan", span.rowspan), ("colspan", span.colspan)):
                td.attrib.pop(name, None)
                if value > 1:
                    td.set(name, str(value))
            row.append(td)
