"""Table 三 printed row by row but for a few *late cells*, which poppler prints after the
rest of their page (issue 13).

Measured with `pdftotext -bbox-layout` on WeasyPrint's styled PDFs (docs/accuracy.md,
branch `latecells`): a page of table 三 prints its rows one after the other, each row's
cells in column order, except a few cells, each a block of its own, printed later on the
same page as one *late run*: after the page's footer (the page number), or after the
page's other rows just above the 总计 row. This module searches that model: a page holds
whole rows (its numbers a multiple of the row's width); each row is printed in place with
a set of its cells missing (at most `MAX_LATE` a page), and one run of single numbers
fills them, each row's late cells one stretch of it in column order, rows in any order.
The run ends the page, or stands just above the 总计 row; it holds cells of some row
other than the one right above it (a run of that row's cells alone would only reorder
them). A run anywhere below its rows would let two rows that are images of each other
under the column rules (results of one group) trade cells, and make tables read row by
row ambiguous.

Where the run stands and how long it is fix its numbers, so each row is dealt whole and
checked at once. A page is read on its own, memoised over (offset, row, run numbers used);
pages are joined on what they add to the column rules, at most two grids a sum, as
`readers/staircase.py` joins its halves. Every step is counted against the caller's
budget of states.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.readers.staircase import Grid, Printed, Where

MAX_LATE = 3  # late cells a page: three seen (gen-13-025's page 2)
TOTAL_FROM_END = 2  # the 总计 row is the table's second last: （七）总计, 四、结转下年度
KEEP = 2  # grids kept (per sum, and in all): one or several is all a caller asks

Cells = tuple[tuple[int, ...], ...]
Rows = tuple[Cells, Cells]  # rows' cells and each cell's offset
Dealt = dict[Cells, Cells]  # rows' readings by their cells: placements giving the same are one
Sums = tuple[int, ...]  # what rows add to the column rules (`staircase.Sums`)
Tails = dict[Sums, list[Rows]]  # readings of the rows below by their sums, `KEEP` a sum


def readings(
    printed: Printed,
    rows: int,
    width: int,
    contribution: Callable[[int, tuple[int, ...]], Sums],
    holds: Callable[[Sums], bool],
    spend: Callable[[int], None],
    misprint: int | None = None,
) -> list[tuple[Grid, Where]]:
    """The distinct grids (at most two) of the late-cell model whose rows add up (all but
    the `misprint` row, which does not) and whose rows' contributions (`contribution(row
    index, cells)`, the column rules) sum to what `holds` accepts; `spend` counts each
    state against the budget."""
    search = _Search(printed, rows, width, contribution, spend, misprint)
    found: dict[Grid, Where] = {}
    for sums, tails in search.suffixes(0, 0).items():
        spend(1)
        for grid, where in tails if holds(sums) else ():
            found.setdefault(grid, where)
    return list(found.items())[:KEEP]


class _Search:
    def __init__(
        self,
        printed: Printed,
        rows: int,
        width: int,
        contribution: Callable[[int, tuple[int, ...]], Sums],
        spend: Callable[[int], None],
        misprint: int | None,
    ) -> None:
        self.printed, self.rows, self.width = printed, rows, width
        self.contribution, self.spend, self.misprint = contribution, spend, misprint
        self.ends = sorted({*printed.tops, len(printed.values)})
        self.tails: dict[tuple[int, int], Tails] = {}

    def page_end(self, at: int) -> int:
        """The offset where the page holding offset `at` ends."""
        return next(end for end in self.ends if end > at)

    def suffixes(self, at: int, row: int) -> Tails:
        """The readings of rows `row`… printed from the page starting at offset `at` on,
        every row adding up as asked (`as_asked`), by what they add to the column rules
        (at most `KEEP` readings a sum: one or several is all the caller asks)."""
        if at == len(self.printed.values):
            return {(): [((), ())]} if row == self.rows else {}
        if (at, row) not in self.tails:
            found: Tails = {}
            for cells, where in self.page(at, row).items():
                here = self.sums(row, cells)
                for more, tails in self.suffixes(self.page_end(at), row + len(cells)).items():
                    self.spend(len(tails))
                    kept = found.setdefault(_plus(here, more), [])
                    kept += [(cells + c, where + w) for c, w in tails[: KEEP - len(kept)]]
            self.tails[(at, row)] = found
        return self.tails[(at, row)]

    def sums(self, first: int, cells: Cells) -> Sums:
        """What rows `first`… with these cells add to the column rules."""
        total: Sums = ()
        for index, row in enumerate(cells):
            total = _plus(total, self.contribution(first + index, row))
        return total

    def page(self, at: int, first: int) -> Dealt:
        """The readings of the page starting at offset `at` whose first row is `first`:
        its rows in place, or with a late run at its end or just above the 总计 row."""
        end = self.page_end(at)
        last = first + (end - at) // self.width  # the row below the page
        if (end - at) % self.width or last > self.rows:
            return {}
        found: Dealt = {}
        for run, late_rows in self.runs(end, first, last):
            if not all(self.single(o) for o in run):
                continue
            stop = run.start if run else end  # where the rows above the run end
            for cells, where in _Page(self, run, late_rows, stop).rows(at, first, 0).items():
                tail = self.in_place_rows(run.stop if run else end, first + len(cells), last)
                if tail is not None:
                    found.setdefault(cells + tail[0], where + tail[1])
        return found

    def runs(self, end: int, first: int, last: int) -> Iterator[tuple[range, range]]:
        """Where the page's late run may stand (empty: none) and the rows whose cells it
        may hold: the page's last numbers, or just above the 总计 row, for the rows
        above it."""
        yield range(end, end), range(0)
        total = self.rows - TOTAL_FROM_END
        for count in range(1, MAX_LATE + 1):
            yield range(end - count, end), range(first, last)
            if first < total < last:
                start = end - (last - total) * self.width - count
                yield range(start, start + count), range(first, total)

    def in_place_rows(self, at: int, first: int, last: int) -> Rows | None:
        """Rows `first`..`last`-1 printed in place from offset `at`, every row adding up as
        asked (`as_asked`)."""
        cells: list[tuple[int, ...]] = []
        where: list[tuple[int, ...]] = []
        for row in range(first, last):
            placed = self.in_place(at + (row - first) * self.width, ())
            if placed is None or not self.as_asked(row, placed[0]):
                return None
            cells.append(placed[0])
            where.append(placed[1])
        return tuple(cells), tuple(where)

    def in_place(
        self, at: int, missing: tuple[int, ...]
    ) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """A row's cells but `missing` (given -1) dealt from offset `at`: the row starts
        and ends paragraphs, a block spans adjacent cells only (a missing cell ends the
        block before it); None where they cannot be so dealt."""
        values, sizes, starts = self.printed.values, self.printed.sizes, self.printed.starts
        count = self.width - len(missing)
        if at not in starts or at + count > len(values) or sizes[at + count - 1] != 1:
            return None
        cells: list[int] = []
        offsets: list[int] = []
        offset = at
        for column in range(self.width):
            if column in missing:
                if offset > at and sizes[offset - 1] != 1:
                    return None  # the block before runs on over the missing cell
                cells.append(-1)
                offsets.append(-1)
                continue
            cells.append(values[offset])
            offsets.append(offset)
            offset += 1
        return tuple(cells), tuple(offsets)

    def as_asked(self, row: int, cells: tuple[int, ...] | list[int]) -> bool:
        return as_asked(cells, row == self.misprint)

    def single(self, offset: int) -> bool:
        """The number at `offset` is a paragraph of its own."""
        return offset in self.printed.starts and self.printed.sizes[offset] == 1


class _Page:
    """The rows of a page above its late run (or all of them), dealt around that run."""

    def __init__(self, search: _Search, run: range, late_rows: range, stop: int) -> None:
        self.search, self.run, self.late_rows, self.stop = search, run, late_rows, stop
        self.memo: dict[tuple[int, int, int], Dealt] = {}
        self.full = (1 << len(run)) - 1

    def rows(self, at: int, row: int, used: int) -> Dealt:
        """The readings of rows `row`… from offset `at` to the run (to the page's end if
        none), `used` the run's numbers taken so far (a bit each), every row adding up."""
        search = self.search
        key = (at, row, used)
        if key in self.memo:
            return self.memo[key]
        search.spend(1)
        found: Dealt = {}
        if at == self.stop:
            if used == self.full:
                found[()] = ()
            self.memo[key] = found
            return found
        if row < search.rows:
            for cells, where, more in self.placements(at, row, used):
                search.spend(1)
                after = at + search.width - bin(more).count("1")
                for rest, others in self.rows(after, row + 1, used | more).items():
                    found.setdefault((cells, *rest), (where, *others))
        self.memo[key] = found
        return found

    def placements(
        self, at: int, row: int, used: int
    ) -> Iterator[tuple[tuple[int, ...], tuple[int, ...], int]]:
        """Row `row` dealt from offset `at`, its missing cells one stretch of the run's
        numbers not yet used, adding up as asked: (cells, offsets, the run's numbers it
        takes). The row right above the run takes some only where a row above it took some."""
        search = self.search
        room = len(self.run) - bin(used).count("1") if row in self.late_rows else 0
        for size in range(min(room, search.width - 1) + 1):
            for missing in itertools.combinations(range(search.width), size):
                placed = search.in_place(at, missing)
                after = at + search.width - size
                if (
                    placed is None
                    or after > self.stop
                    or (size and after == self.stop and not used)
                ):
                    continue
                for start in range(len(self.run) - size + 1) if size else [0]:
                    bits = ((1 << size) - 1) << start
                    if used & bits:
                        continue
                    cells, where = list(placed[0]), list(placed[1])
                    for index, column in enumerate(missing):
                        cells[column] = search.printed.values[self.run[start + index]]
                        where[column] = self.run[start + index]
                    if search.as_asked(row, cells):
                        yield tuple(cells), tuple(where), bits


def _plus(a: Sums, b: Sums) -> Sums:
    """Sums added column by column; () is nothing yet."""
    return tuple(x + y for x, y in zip(a, b, strict=True)) if a and b else a or b


def adds_up(cells: tuple[int, ...] | list[int]) -> bool:
    """The row's last cell, its 总计, is the sum of the others."""
    return sum(cells[:-1]) == cells[-1]


def as_asked(cells: tuple[int, ...] | list[int], misprinted: bool) -> bool:
    """The row adds up, or (the `misprinted` row, its 总计 off) does not."""
    return adds_up(cells) != misprinted
