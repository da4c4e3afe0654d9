"""Table 三 printed row by row but for a few *late cells*, which poppler prints after the
rest of their page (issue 13).

Measured with `pdftotext -bbox-layout` on WeasyPrint's styled PDFs (docs/accuracy.md,
branch `latecells`): a page of table 三 prints its rows one after the other, each row's
cells in column order, except a few cells, each a block of its own, printed later on the
same page as one *late run*: after the page's footer (the page number), or after the
page's other rows before the 总计 row. This module searches that model: each row of a
page printed in place with a set of its cells missing (at most `MAX_LATE` a page), and
one run of single numbers at a later row boundary of the page filling them, rows in any
order, each row's late cells in column order. Each row adds up once its cells are all
dealt; the readings are whole grids, of which the caller keeps one only where it is the
only grid of the model that holds every column rule. The search is depth first over
print positions; every step is counted against the caller's budget of states.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.readers.staircase import Grid, Printed, Where

MAX_LATE = 3  # late cells a page: three seen (gen-13-025's page 2)
_KEEP = 2  # distinct grids: one or several is all the caller asks

Missing = tuple[int, tuple[int, ...]]  # a row and its columns printed late


@dataclass
class _Page:
    """Where the search stands on a page: its rows dealt (None where a cell is still to
    come late), each cell's offset, and the cells awaiting the page's late run."""

    first: int  # the page's first row
    cells: list[list[int | None]]
    where: list[list[int]]
    pending: list[Missing]  # rows counted from the page's first
    late: int  # cells this page has printed late or awaits
    run_done: bool  # the page's late run has been dealt


Rows = tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]  # cells, offsets
Sums = tuple[int, ...]  # what rows add to the column rules (`staircase.Sums`)
Tails = dict[Sums, list[Rows]]  # readings of the rows below, by their sums, `_KEEP` a sum


def readings(
    printed: Printed,
    rows: int,
    width: int,
    contribution: Callable[[int, tuple[int, ...]], Sums],
    holds: Callable[[Sums], bool],
    spend: Callable[[int], None],
) -> list[tuple[Grid, Where]]:
    """The distinct grids (at most two) of the late-cell model whose rows add up and whose
    rows' contributions (`contribution(row index, cells)`, the column rules) sum to what
    `holds` accepts; `spend` counts each state against the budget."""
    search = _Search(printed, rows, width, contribution, spend)
    found: dict[Grid, Where] = {}
    for sums, tails in search.suffixes(0, 0).items():
        spend(1)
        for grid, where in tails if holds(sums) else ():
            found.setdefault(grid, where)
    return list(found.items())[:_KEEP]


class _Search:
    def __init__(
        self,
        printed: Printed,
        rows: int,
        width: int,
        contribution: Callable[[int, tuple[int, ...]], Sums],
        spend: Callable[[int], None],
    ) -> None:
        self.printed, self.rows, self.width = printed, rows, width
        self.contribution, self.spend = contribution, spend
        self.ends = sorted({*printed.tops, len(printed.values)})
        self.dead: set[tuple[object, ...]] = set()
        self.pages: dict[tuple[int, int], list[Rows]] = {}
        self.tails: dict[tuple[int, int], Tails] = {}

    def page_end(self, at: int) -> int:
        """The offset where the page holding offset `at` ends."""
        return next(end for end in self.ends if end > at)

    def suffixes(self, at: int, row: int) -> Tails:
        """The readings of rows `row`… printed from the page starting at offset `at` on,
        every row adding up, by what they add to the column rules (at most `_KEEP`
        readings a sum: one or several is all the caller asks). Pages are read on their
        own: a page's readings are the same whatever the pages above read."""
        if at == len(self.printed.values):
            return {(): [((), ())]} if row == self.rows else {}
        if (at, row) not in self.tails:
            found: Tails = {}
            for cells, where in self.page(at, row):
                here = self.sums(row, cells)
                for more, tails in self.suffixes(self.page_end(at), row + len(cells)).items():
                    self.spend(len(tails))
                    kept = found.setdefault(_plus(here, more), [])
                    kept += [(cells + c, where + w) for c, w in tails[: _KEEP - len(kept)]]
            self.tails[(at, row)] = found
        return self.tails[(at, row)]

    def sums(self, first: int, cells: tuple[tuple[int, ...], ...]) -> Sums:
        """What rows `first`… with these cells add to the column rules."""
        total: Sums = ()
        for index, row in enumerate(cells):
            total = _plus(total, self.contribution(first + index, row))
        return total

    def page(self, at: int, row: int) -> list[Rows]:
        """The readings of the page starting at offset `at` whose first row is `row`."""
        if (at, row) not in self.pages:
            found: list[Rows] = []
            self.rows_from(at, _Page(row, [], [], [], 0, False), found)
            self.pages[(at, row)] = found
        return self.pages[(at, row)]

    def rows_from(self, at: int, state: _Page, found: list[Rows]) -> bool:
        """Every reading of the page's rows from `state` on, printed from offset `at`, into
        `found`; whether any was. A position that gives none is remembered: no other way
        to it can give one."""
        self.spend(1)
        row = state.first + len(state.cells)
        key = (at, row, not state.cells, state.late, state.run_done, self.awaited(state))
        if key in self.dead:
            return False
        reached = self.deal(at, state, found)
        if not reached:
            self.dead.add(key)
        return reached

    def deal(self, at: int, state: _Page, found: list[Rows]) -> bool:
        row = state.first + len(state.cells)
        if at in self.ends and state.cells:  # the page's end
            if state.pending:
                return False  # the page ended with cells still to come
            found.append(
                (
                    tuple(tuple(c or 0 for c in cells) for cells in state.cells),
                    tuple(tuple(w) for w in state.where),
                )
            )
            return True
        reached = bool(state.pending) and self.late_run(at, state, found)
        if row == self.rows:
            return reached
        end = self.page_end(at)
        room = 0 if state.run_done else MAX_LATE - state.late
        for missing in _missing_sets(self.width, room):
            placed = self.in_place(at, end, missing)
            if placed is None:
                continue
            cells, offsets, after = placed
            index = len(state.cells)
            pending = [*state.pending, (index, missing)] if missing else state.pending
            below = _Page(
                state.first,
                [*state.cells, cells],
                [*state.where, offsets],
                pending,
                state.late + len(missing),
                state.run_done,
            )
            reached = self.rows_from(after, below, found) or reached
        return reached

    def awaited(self, state: _Page) -> tuple[tuple[tuple[int, ...], int, int | None], ...]:
        """What the pending rows ask of the late run: their missing columns, the sum of
        their other cells known, and their 总计 if known."""
        return tuple(
            (missing, sum(c or 0 for c in state.cells[row][:-1]), state.cells[row][-1])
            for row, missing in state.pending
        )

    def in_place(
        self, at: int, end: int, missing: tuple[int, ...]
    ) -> tuple[list[int | None], list[int], int] | None:
        """A row's cells but `missing` dealt from offset `at` on its page (ending at
        `end`): the row starts and ends paragraphs, a block spans adjacent cells only (a
        missing cell ends the block before it), and the cells dealt add up as far as they
        can be known; None where they cannot be so dealt."""
        values, sizes, starts = self.printed.values, self.printed.sizes, self.printed.starts
        count = self.width - len(missing)
        if at not in starts or at + count > end or sizes[at + count - 1] != 1:
            return None
        cells: list[int | None] = []
        offsets: list[int] = []
        offset = at
        for column in range(self.width):
            if column in missing:
                if offset > at and sizes[offset - 1] != 1:
                    return None  # the block before runs on over the missing cell
                cells.append(None)
                offsets.append(-1)
                continue
            cells.append(values[offset])
            offsets.append(offset)
            offset += 1
        return (cells, offsets, offset) if _may_add_up(cells) else None

    def single(self, offset: int) -> bool:
        """The number at `offset` is a paragraph of its own."""
        return offset in self.printed.starts and self.printed.sizes[offset] == 1

    def late_run(self, at: int, state: _Page, found: list[Rows]) -> bool:
        """The page's late run from offset `at`: a single number a paragraph for every
        pending cell, before the page ends, rows in any order."""
        count = sum(len(missing) for _, missing in state.pending)
        run = range(at, at + count)
        if at + count > self.page_end(at) or any(not self.single(o) for o in run):
            return False
        reached = False
        for order in itertools.permutations(state.pending):
            self.spend(1)
            cells = [list(r) for r in state.cells]
            where = [list(r) for r in state.where]
            offset = at
            for row, missing in order:
                for column in missing:
                    cells[row][column] = self.printed.values[offset]
                    where[row][column] = offset
                    offset += 1
            if all(_adds_up(cells[row]) for row, _ in order):
                done = _Page(state.first, cells, where, [], state.late, True)
                reached = self.rows_from(at + count, done, found) or reached
        return reached


def _plus(a: Sums, b: Sums) -> Sums:
    """Sums added column by column; () is nothing yet."""
    return tuple(x + y for x, y in zip(a, b, strict=True)) if a and b else a or b


def _missing_sets(width: int, room: int) -> Iterator[tuple[int, ...]]:
    """The sets of a row's columns that may print late, the empty set first."""
    for size in range(min(room, width - 1) + 1):
        yield from itertools.combinations(range(width), size)


def _may_add_up(cells: Sequence[int | None]) -> bool:
    """A row whose cells are all known adds up; one with cells to come can still: its 总计
    is at least the sum of the others known."""
    if all(c is not None for c in cells):
        return _adds_up(cells)
    total = cells[-1]
    return total is None or sum(c or 0 for c in cells[:-1]) <= total


def _adds_up(cells: Sequence[int | None]) -> bool:
    return all(c is not None for c in cells) and sum(c or 0 for c in cells[:-1]) == cells[-1]
