"""Cells a table's ruling leaves open, closed by the table's own grid.

A ruled cell is found only where lines close all four of its sides (`ruling`). A
publisher who takes one cell's bottom border away in Word, or a page break that loses
the last row's rule, leaves the cell open; where the cell below closes it, the two read
as one merged cell (`pdftext._figures_by_row` splits its figures), but the last row of a
table or of a page has no cell below, and a full-width row under it loses its top edge
too. Their characters lie in the table's box and in no cell: read as neither table nor
text, they were dropped and the cells read blank.

Such a character stands in the band between the table's nearest row boundaries (every
cell's top and bottom) above and below it, and between the nearest drawn column lines
through that band (a side of a cell, or the table's edge) to its left and right: the
cell the missing rule would have closed, a full-width row as wide as the table.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from gongkai.readers.pdfpage import Char
from gongkai.readers.ruling import SNAP, Cell, table_box


def closed_holes(cells: list[Cell], unheld: Sequence[Char]) -> list[Cell]:
    """The cells the table of `cells` leaves open around those of the characters
    `unheld` (held by no cell) that print in its box; none that would overlap a cell
    the ruling found."""
    left, top, right, bottom = table_box(cells)
    ys = sorted({y for c in cells for y in (c[1], c[3])})
    found: dict[Cell, None] = {}  # ordered, each cell once
    for char in unheld:
        across, down = (char.left + char.right) / 2, (char.top + char.bottom) / 2
        if char.text.isspace() or not (left < across < right and top < down < bottom):
            continue
        hole = _hole(cells, ys, across, down)
        if hole is not None and not any(_overlap(hole, cell) for cell in cells):
            found[hole] = None
    return list(found)


def _hole(cells: list[Cell], ys: list[float], across: float, down: float) -> Cell | None:
    index = bisect.bisect_right(ys, down)
    if index == 0 or index == len(ys):
        return None
    top, bottom = ys[index - 1], ys[index]
    middle = (top + bottom) / 2
    sides = sorted(
        {x for c in cells if c[1] <= middle <= c[3] for x in (c[0], c[2])}
        | set(table_box(cells)[0::2])
    )
    index = bisect.bisect_right(sides, across)
    if index == 0 or index == len(sides):
        return None
    return (sides[index - 1], top, sides[index], bottom)


def _overlap(one: Cell, other: Cell) -> bool:
    """The boxes share more than a border (lines snapped within SNAP may differ so)."""
    return (
        min(one[2], other[2]) - max(one[0], other[0]) > SNAP
        and min(one[3], other[3]) - max(one[1], other[1]) > SNAP
    )
