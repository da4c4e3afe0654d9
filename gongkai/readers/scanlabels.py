"""The template's printed words in a scanned table, where the table's ruling proves them.

Headers and row labels are a third to a half of what the recogniser reads on a page of
tables, and the text reader only needs them to place the numbers. A ruled table (or the
part of one a page holds) whose cells — each one's row, column and spans — are exactly
those of a run of rows of one of the national template's tables, and of no other run
of rows in any template, has its labels where the template prints them: their text is
the template's, and only the other cells are read. A cell cut by the page's edge (a
group label that goes on to the next page) is read, and so is every cell of a table that
matches nothing or more than one run of rows.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from gongkai import catalog
from gongkai.grid import SpanCell, place_spans
from gongkai.model import Active2019, Active2021, Applications, Report
from gongkai.readers.scangrid import Table
from gongkai.render.layout import TABLES

Place = tuple[int, int]  # a cell's row and column in its table's grid
Shape = frozenset[tuple[int, int, int, int]]  # each cell's row, column, rowspan, colspan
Placed = list[tuple[int, int, SpanCell]]  # a table's cells, each with its row and column
_MIN_ROWS = 2  # one row of a label and numbers is printed in many places of table 二
_MAX_HEAD = 3  # header rows a table may repeat on each page (table 三 and 四 have three)


def known_labels(table: Table) -> dict[Place, str]:
    """The template's text of each label cell whose place `table`'s ruling proves."""
    shape = frozenset((c.row, c.column, c.rowspan, c.colspan) for c in table.cells)
    return dict(_proven(shape, len(table.rows) - 1))


@functools.lru_cache(maxsize=256)
def _proven(shape: Shape, height: int) -> tuple[tuple[Place, str], ...]:
    """The labels of the one run of `height` rows of the templates' tables that has
    `shape`; none when no run has it, or two runs that print different labels do."""
    if height < _MIN_ROWS:
        return ()
    width = max(column + colspan for _, column, _, colspan in shape)
    ways: set[tuple[tuple[Place, str], ...]] = set()
    for placed in _template_tables().get(width, ()):
        ways.update(
            _labels(placed, runs) for runs in _runs(placed, height) if _shape(placed, runs) == shape
        )
    return ways.pop() if len(ways) == 1 else ()


Runs = tuple[tuple[int, int], ...]  # rows first..last-1 of a table, one run after another


def _runs(placed: Placed, height: int) -> Iterator[Runs]:
    """Each way a page may hold `height` rows of a table: a run of its rows, or its first
    rows (headers repeated on every page, as Word and WeasyPrint do) and a run after them."""
    rows = max(row + max(1, cell.rowspan) for row, _, cell in placed)
    for head in range(min(_MAX_HEAD, height - 1) + 1):
        for first in range(head, rows - (height - head) + 1):
            yield (
                ((0, head), (first, first + height - head)) if head else ((first, first + height),)
            )


def _shape(placed: Placed, runs: Runs) -> Shape:
    """The shape of `runs` of rows as a page holds them (cells cut at their ends)."""
    shape = set()
    offset = 0
    for first, last in runs:
        for row, column, cell in placed:
            if row >= last:
                break  # cells come row by row
            top, end = max(row, first), min(row + max(1, cell.rowspan), last)
            if top < end:
                shape.add((offset + top - first, column, end - top, max(1, cell.colspan)))
        offset += last - first
    return frozenset(shape)


def _labels(placed: Placed, runs: Runs) -> tuple[tuple[Place, str], ...]:
    """The text of the labels wholly inside `runs` of rows, by their place on the page."""
    labels = []
    offset = 0
    for first, last in runs:
        labels += [
            ((offset + row - first, column), cell.text)
            for row, column, cell in placed
            if not cell.number and first <= row and row + max(1, cell.rowspan) <= last
        ]
        offset += last - first
    return tuple(sorted(labels))


@functools.cache
def _template_tables() -> dict[int, list[Placed]]:
    """Every table as each template prints it (table 三 of 2021 also with 三（六）
    undivided), each cell in its place, by the table's number of columns."""
    tables: dict[int, list[Placed]] = {}
    for rows in _layouts():
        placed = place_spans(rows)
        width = max(column + max(1, cell.colspan) for _, column, cell in placed)
        if placed not in tables.setdefault(width, []):
            tables[width].append(placed)
    return tables


def _layouts() -> Iterator[list[list[SpanCell]]]:
    variants: list[tuple[catalog.TemplateId, Active2021 | Active2019, tuple[catalog.Row, ...]]] = [
        ("2021", Active2021(), catalog.APPLICATION_ROWS["2021"]),
        ("2021", Active2021(), catalog.APPLICATION_ROWS_2021_UNDIVIDED),
        ("2019", Active2019(), catalog.APPLICATION_ROWS["2019"]),
    ]
    for template, active, rows in variants:
        applications = Applications(rows={row.id: [None] * len(catalog.COLUMN_IDS) for row in rows})
        report = Report(template=template, active=active, applications=applications)
        for _name, layout in TABLES:
            yield layout(report)
