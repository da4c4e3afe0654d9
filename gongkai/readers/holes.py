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
cell the missing rule would have closed, a full-width row as wide as the table. No cell
the ruling found can overlap it: such a cell would span the band and both lines, and
hold the character.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from gongkai.readers.pdfpage import Char, Segment
from gongkai.readers.pdftext import Point, points_in_boxes
from gongkai.readers.ruling import SNAP, Cell, Edge, merge_segments, table_box


def tables_holes(
    tables: list[list[Cell]],
    held: list[dict[Cell, list[Char]]],
    chars: Sequence[Char],
    lines: Sequence[Segment],
) -> list[list[Cell]]:
    """For each table, the cells its ruling leaves open around the characters of `chars`
    that no table holds (`held`, as `pdftext.cells_chars` gives it): a character another
    table holds (boxes may overlap) opens no cell. `lines` are the page's drawn lines."""
    taken = {id(char) for cells in held for run in cells.values() for char in run}
    unheld = [char for char in chars if id(char) not in taken and not char.text.isspace()]
    middles = [_middle(char) for char in unheld]
    boxes = [table_box(cells) for cells in tables]
    found = points_in_boxes(middles, boxes)
    if not any(found):
        return [[] for _ in tables]
    # each table is given the vertical lines within its own width: a page of thousands of
    # small tables costs each the lines near it, not every line of the page
    columns = sorted((e for e in merge_segments(lines) if not e.horizontal), key=lambda e: e.at)
    ats = [edge.at for edge in columns]
    return [
        closed_holes(
            cells,
            [unheld[i] for i in boxed],
            columns[bisect.bisect_right(ats, box[0]) : bisect.bisect_left(ats, box[2])],
        )
        if boxed
        else []
        for cells, boxed, box in zip(tables, found, boxes, strict=True)
    ]


def closed_holes(
    cells: list[Cell], unheld: Sequence[Char], columns: Sequence[Edge] = ()
) -> list[Cell]:
    """The cells the table of `cells` leaves open around those of the characters
    `unheld` (held by no cell, as `pdftext.cells_chars` holds them: the middle in a
    cell's [left, right) × [top, bottom)) that print in its box. `columns` are vertical
    lines drawn on the page: between two open cells side by side the line that parts
    them is no cell's side."""
    left, top, right, bottom = table_box(cells)
    middles = [_middle(char) for char in unheld if not char.text.isspace()]
    boxed = [(x, y) for x, y in middles if left < x < right and top < y < bottom]
    if not boxed:
        return []
    ys = sorted({y for c in cells for y in (c[1], c[3])})
    sides = _sides_by_band(cells, ys, columns)
    found: dict[Cell, None] = {}  # ordered, each cell once
    for across, down in boxed:
        band = bisect.bisect_right(ys, down) - 1
        at = bisect.bisect_right(sides[band], across)
        found[(sides[band][at - 1], ys[band], sides[band][at], ys[band + 1])] = None
    return list(found)


def _middle(char: Char) -> Point:
    return (char.left + char.right) / 2, (char.top + char.bottom) / 2


def _sides_by_band(
    cells: list[Cell], ys: list[float], columns: Sequence[Edge]
) -> list[list[float]]:
    """For each band between neighbouring row boundaries, the x of each column line drawn
    through it: the cells' sides, the table's edges and the `columns` that cross the
    band's middle inside the table (moved onto a cell's side within SNAP, so that a
    hole's sides are the grid's). Cells do not overlap, so each cell is listed in the
    bands it spans: in all, no more than the grid has places."""
    left, _, right, _ = table_box(cells)
    bands: list[set[float]] = [{left, right} for _ in ys[1:]]
    for cell in cells:
        for band in range(bisect.bisect_left(ys, cell[1]), bisect.bisect_left(ys, cell[3])):
            bands[band].update((cell[0], cell[2]))
    xs = sorted({x for cell in cells for x in (cell[0], cell[2])})
    middles = [(a + b) / 2 for a, b in itertools.pairwise(ys)]
    for edge in columns:
        if left < edge.at < right:
            at = _snapped(xs, edge.at)
            for band in range(
                bisect.bisect_left(middles, edge.start), bisect.bisect_right(middles, edge.end)
            ):
                bands[band].add(at)
    return [sorted(band) for band in bands]


def _snapped(xs: list[float], x: float) -> float:
    """x, or the nearest of `xs` within SNAP of it."""
    index = bisect.bisect_left(xs, x)
    near = [xs[i] for i in (index - 1, index) if 0 <= i < len(xs) and abs(xs[i] - x) <= SNAP]
    return min(near, key=lambda n: abs(n - x)) if near else x
