"""A figure cell merged over rows that a page break cuts, joined again.

A cell merged over rows (Excel's 合并后居中, a rowspan) that a page break cuts prints as
two: its figure in the part on the first page, an empty part of its own at the top of the
next. Read page by page, the rows of the second part read blank: silently wrong, and the
row totals they break were reported as the report's own errors. WeasyPrint draws the cut
as it is: no line along the first part's bottom side, none along the second part's top
side, so the ruling finds neither part a cell (`holes` closes the first around its
figure). LibreOffice closes both parts with lines: a cut it prints looks like a blank cell
under a figure, as a blank there prints.

Where the last table of a page has a cell whose bottom side is open (no line drawn along
it) and that prints one figure, and the first table of the next page has, under the same
column (its sides within SNAP), positions no cell covers whose top side is open, the two
are one cell: the positions below hold its figure marked as those of any cell merged over
rows (`grid.merged_below`), and each row's rule reads it as its own or another row's
(`spanned`). Where the table goes on (the same columns on both pages, past the header rows
the next page repeats) and the figure cell at its bottom is closed, a cell printed blank
under it at the next page's top, its sides the figure cell's, may be its rest or a blank:
both rows hold the figure marked `grid.CUT`, each read as printed where its rule proves
that, else as its rule proves, and said where no rule proves one reading.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from gongkai.grid import GOES_DOWN, Grid, TracedGrid, is_figure, merged_below, without_marks
from gongkai.readers.pdfpage import Segment
from gongkai.readers.ruling import SNAP, Cell, Edge, merge_segments, table_box


@dataclass(frozen=True)
class PagePart:
    """A table as one page prints it: its cells, its grid (`pdftext.table_grid`), and the
    page's drawn lines."""

    cells: list[Cell]
    traced: TracedGrid
    lines: Sequence[Segment]

    @cached_property
    def _index(self) -> tuple[dict[float, int], dict[float, int]]:
        """Each row's top and each column's left, with its place in the grid."""
        tops, lefts = sorted({c[1] for c in self.cells}), sorted({c[0] for c in self.cells})
        return {t: r for r, t in enumerate(tops)}, {x: k for k, x in enumerate(lefts)}

    def place(self, cell: Cell) -> tuple[int, int]:
        """The row and column of the cell's first position in the grid."""
        rows, columns = self._index
        return rows[cell[1]], columns[cell[0]]

    def across(self) -> _Lines:
        """The page's horizontal lines, merged as the ruling merges them."""
        return _Lines(sorted(edge for edge in merge_segments(self.lines) if edge.horizontal))


@dataclass(frozen=True)
class _Lines:
    """Horizontal lines, by where they run across (`Edge.at`, their sort order)."""

    edges: list[Edge]

    def drawn(self, at: float, start: float, end: float) -> bool:
        """Whether a line at `at` (within SNAP) runs along any of the side from `start` to
        `end` past its corners (the lines of the sides' neighbours touch them)."""
        first = bisect.bisect_left(self.edges, at - SNAP, key=lambda e: e.at)
        last = bisect.bisect_right(self.edges, at + SNAP, key=lambda e: e.at)
        return any(e.start < end - SNAP and e.end > start + SNAP for e in self.edges[first:last])


def join_cut_cells(upper: PagePart, lower: PagePart) -> None:
    """Mark in both grids each figure cell of `upper` (the last table of a page) open at
    the bottom whose column goes on, open at the top, in `lower` (the first table of the
    next page): the figure goes down into the positions of `lower` it covers. A closed
    one may go down into a blank cell under it (`_join_closed`)."""
    bottom = table_box(upper.cells)[3]
    above = upper.across()
    ending = [c for c in upper.cells if abs(c[3] - bottom) <= SNAP]
    closed = [c for c in ending if above.drawn(c[3], c[0], c[2])]
    if closed:
        _join_closed(upper, closed, lower)
    shut = set(closed)
    open_cells = [c for c in ending if c not in shut]
    if not open_cells:
        return
    below = lower.across()
    tops = sorted({c[1] for c in lower.cells})
    lefts = sorted({c[0] for c in lower.cells})
    first = _first_covered(lower.cells, tops, lefts)
    ends = [*lefts[1:], table_box(lower.cells)[2]]  # each column's right side
    for cell in open_cells:
        columns = _columns(lefts, ends, cell)
        if columns is not None:
            reach = min(first[k] for k in columns)
            _join(upper, cell, lower, columns, _open_rows(lower, below, tops, reach, cell, columns))


def _columns(lefts: list[float], ends: list[float], cell: Cell) -> range | None:
    """The positions (grid columns, their sides `lefts` and `ends`) of a table that lie
    under `cell`, whose sides are theirs within SNAP; None where they do not meet."""
    first = bisect.bisect_left(lefts, cell[0] - SNAP)
    last = bisect.bisect_left(lefts, cell[2] - SNAP) - 1
    if first > last or abs(lefts[first] - cell[0]) > SNAP or abs(ends[last] - cell[2]) > SNAP:
        return None
    return range(first, last + 1)


def _first_covered(cells: list[Cell], tops: list[float], lefts: list[float]) -> list[int]:
    """For each column, the first row a cell covers it in (`len(tops)` where none). Cells
    go by their top, and a column once reached is skipped (`ahead`: the next column not
    reached yet), so the work is the cells' and the columns', not their spans'."""
    first = [len(tops)] * len(lefts)
    ahead = list(range(len(lefts) + 1))

    def unreached(k: int) -> int:
        while ahead[k] != k:
            ahead[k] = ahead[ahead[k]]
            k = ahead[k]
        return k

    for cell in sorted(cells, key=lambda c: c[1]):
        row = bisect.bisect_left(tops, cell[1] - SNAP)
        k, stop = (
            unreached(bisect.bisect_left(lefts, cell[0] - SNAP)),
            bisect.bisect_left(lefts, cell[2] - SNAP),
        )
        while k < stop:
            first[k], ahead[k] = row, k + 1
            k = unreached(k + 1)
    return first


def _open_rows(
    part: PagePart, edges: _Lines, tops: list[float], reach: int, cell: Cell, columns: range
) -> int:
    """How many rows from the table's top leave the positions under `cell` empty: no cell
    over them (above row `reach`), nothing printed, and the side above each undrawn."""
    count = 0
    for r in range(reach):
        printed = any(part.traced.grid[r][k] for k in columns)
        if printed or edges.drawn(tops[r], cell[0], cell[2]):
            break
        count += 1
    return count


def _join_closed(upper: PagePart, closed: list[Cell], lower: PagePart) -> None:
    """Mark each cell of `closed` (at `upper`'s bottom, ruled under) as perhaps going down
    into the cell of `lower` under it: one printing nothing at the first row past the
    header rows `lower` repeats, its sides the cell's, in a table of the same columns, in
    a row that prints a figure (a row of its own, not the rest of a row cut in two)."""
    lefts = sorted({c[0] for c in lower.cells})
    if not _same(lefts, sorted({c[0] for c in upper.cells})) or not _same(
        [table_box(lower.cells)[2]], [table_box(upper.cells)[2]]
    ):
        return
    tops = sorted({c[1] for c in lower.cells})
    head = _repeated_head(upper.traced.grid, lower.traced.grid)
    if head >= len(tops) or not any(is_figure(without_marks(t)) for t in lower.traced.grid[head]):
        return  # a row LibreOffice splits over the break: its rest prints no figure
    starting = sorted(c for c in lower.cells if abs(c[1] - tops[head]) <= SNAP)
    starts = [c[0] for c in starting]
    for cell in closed:
        at = bisect.bisect_left(starts, cell[0] - SNAP)
        below = starting[at] if at < len(starting) else None
        if below is None or not _same([below[0], below[2]], [cell[0], cell[2]]):
            continue
        k = bisect.bisect_left(lefts, below[0] - SNAP)
        if lower.traced.grid[head][k]:
            continue
        rows = bisect.bisect_left(tops, below[3] - SNAP) - head
        end = bisect.bisect_left(lefts, below[2] - SNAP)
        _join(upper, cell, lower, range(k, end), rows, head, cut=True)


def _same(sides: list[float], others: list[float]) -> bool:
    """Whether two runs of sides are one, each within SNAP of the other's."""
    return len(sides) == len(others) and all(
        abs(a - b) <= SNAP for a, b in zip(sides, others, strict=True)
    )


def _repeated_head(upper: Grid, lower: Grid) -> int:
    """How many rows `lower` starts with that print as `upper`'s first rows (a table's
    header rows repeated on each page)."""
    count = 0
    for mine, theirs in zip(upper, lower):
        if mine != theirs or not any(mine):
            break
        count += 1
    return count


def _join(
    upper: PagePart,
    cell: Cell,
    lower: PagePart,
    columns: range,
    rows: int,
    first: int = 0,
    cut: bool = False,
) -> None:
    """The figure of `cell` (at its place in `upper`'s grid) marked as going down into
    `rows` rows of `lower` from its row `first` under it (`grid.CUT`: perhaps)."""
    if not rows:
        return
    r, k = upper.place(cell)
    text = upper.traced.grid[r][k].removesuffix(GOES_DOWN)  # a cell over rows of its page
    for down, right, mark in merged_below(text, rows + 1, len(columns), cut):
        if not down:
            upper.traced.grid[r][k] = mark
            continue
        lower.traced.grid[first + down - 1][columns[right]] = mark
        if not right:
            lower.traced.origins[first + down - 1][columns[0]] = upper.traced.origins[r][k]
