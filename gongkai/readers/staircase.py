"""Table 三 printed by pdftotext's default mode, read by modelling how poppler orders it.

poppler (TextOutputDev) groups words into blocks and prints the page block by block; the
text shows each block as a paragraph (blank lines between). In a ruled table a block is
one cell, a column's cells over adjacent one-line rows (a *super-row*: `0 0` for
（一）/（二）), or a rectangle of adjacent cells whose numbers sit close (`82 116 17`).
Measured on LibreOffice PDFs (docs/reader.md), table 三 is a sequence of *segments* of
consecutive super-rows, each cut into at most three *strips* of adjacent columns whose
boundaries move left (never right) down the segment; a segment prints its first strip over
all its super-rows, then the second, then the third. Within a strip a super-row prints
column by column; a rectangle block of several columns may come first.

The search deals the printed numbers into that model, each block matching a paragraph of
the text, each row adding up (its last cell the sum of the others) as soon as it is dealt.
It is a memoised search over positions (the strips' cursors), not over readings: what a
position leads to is kept as a *bag*, the readings of the rows below it grouped by what
they add to the table's column rules, at most two grids a group (enough to tell one
reading from several). The table is cut in two halves that no segment crosses; the halves
are joined on those sums, and a reading is kept only where every column rule holds.
Every step is counted against a budget of states, so the outcome does not depend on load.

Where no reading has every row add up, the search is asked again for each row in turn
taken as the one whose printed 总计 is misprinted: that row must not add up, and it adds
to the column rules the 总计 its cells sum to. Memos past that row are the first search's,
and the other half of the table is read as before.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from gongkai.readers import latecells

Row = tuple[int, ...]
Grid = tuple[Row, ...]
Where = tuple[tuple[int, ...], ...]  # each cell's offset among the printed numbers
Sums = tuple[int, ...]  # what rows add to the column rules (zero when they all hold)
Bag = dict[Sums, dict[Grid, Where]]  # at most two grids per sum
Ends = dict[tuple[int, int], Bag]  # (offset after, next row) → readings of the rows before
Contribution = Callable[[int, Row], Sums]

MAX_STRIPS = 3  # a segment from the table's first row; two below it
MAX_SUPER_ROW = 3  # rows merged into one block per column
SEGMENT = {2: 9, 3: 3}  # most super-rows in a segment of 2 or 3 strips
BUDGET = 150_000  # states a table: about 1.5 s of CPU under load (docs/reader.md)


class SearchExhausted(Exception):
    """The search ran past its budget: the table is not read this way."""


@dataclass(frozen=True)
class Printed:
    """The numbers in print order, and the paragraphs and pages they fall in."""

    values: tuple[int, ...]
    sizes: dict[int, int]  # offset → numbers left in its paragraph from there
    starts: frozenset[int]  # offsets of the first number of each paragraph
    tops: frozenset[int]  # offsets of the first number of each page

    @staticmethod
    def of(paragraphs: Sequence[Sequence[int]], tops: frozenset[int]) -> Printed:
        """`tops`: the indices of the paragraphs that begin a page."""
        values: list[int] = []
        sizes: dict[int, int] = {}
        starts: set[int] = set()
        firsts: set[int] = {0}
        for index, paragraph in enumerate(paragraphs):
            if index in tops:
                firsts.add(len(values))
            if paragraph:
                starts.add(len(values))
            for left in range(len(paragraph), 0, -1):
                sizes[len(values)] = left
                values.append(paragraph[len(paragraph) - left])
        return Printed(tuple(values), sizes, frozenset(starts), frozenset(firsts))


@dataclass(frozen=True)
class Outcome:
    """The distinct readings that hold every rule (at most two: one, or several), and the
    states the search visited."""

    readings: tuple[tuple[Grid, Where], ...]
    states: int


Unit = tuple[tuple[int, int], ...]  # (row, column) cells of one block, in print order
Part = tuple[Grid, Where, int]  # a strip of a super-row dealt: cells, offsets, offset after
Option = tuple[Grid, Where, tuple[int, ...]]  # a super-row dealt: cells, offsets, cursors
Reach = tuple[tuple[int, ...], int]  # where strips 1.. began, rows the segment has left below


def _units(
    rows: range, lo: int, hi: int, size: Callable[[int], int | None], page_top: bool
) -> Iterator[list[Unit]]:
    """Every way columns lo..hi-1 of a super-row print as blocks (`size(i)`: the numbers
    left in the paragraph at the part's i-th number): in column order, adjacent columns
    sharing a block where the paragraph holds them; or first a block of several columns
    further right (in a page's first row: any run of columns), then the rest."""
    columns = list(range(lo, hi))
    yield from _in_place(rows, columns, 0, size)
    for start, stop in itertools.combinations(range(lo + 1, hi + 1), 2):
        if not page_top and (stop - start < 2 or (size(0) or 0) < len(rows) * (stop - start)):
            continue  # below a page's first row only a block of several columns
        ahead = columns[start - lo : stop - lo]
        rest = columns[: start - lo] + columns[stop - lo :]
        for first in _in_place(rows, ahead, 0, size):
            taken = len(rows) * len(ahead)
            for units in _in_place(rows, rest, taken, size):
                yield [*first, *units]


def _in_place(
    rows: range, columns: list[int], at: int, size: Callable[[int], int | None]
) -> Iterator[list[Unit]]:
    """The columns (adjacent runs may share a block) in order, from the part's number `at`."""
    if not columns:
        yield []
        return
    room = size(at) or 0
    for span in range(1, room // len(rows) + 1):
        taken = columns[:span]
        if len(taken) < span or taken[-1] - taken[0] != span - 1:
            return
        if span < len(columns) and len(rows) * span != room:
            continue  # a flow goes on only downwards: a row's blocks end their paragraphs
        block: Unit = tuple((r, c) for r in rows for c in taken)
        for rest in _in_place(rows, columns[span:], at + len(block), size):
            yield [block, *rest]


def _merge(into: Bag, bag: Bag) -> None:
    for sums, grids in bag.items():
        kept = into.setdefault(sums, {})
        for grid, where in grids.items():
            if len(kept) < latecells.KEEP:
                kept.setdefault(grid, where)


def _added(a: Sums, b: Sums) -> Sums:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _joined(head: Bag, tail: Bag) -> Bag:
    """Every reading of `head` followed by every reading of `tail`, by their sums."""
    out: Bag = {}
    for (sums, grids), (more, tails) in itertools.product(head.items(), tail.items()):
        pairs = itertools.product(grids.items(), tails.items())
        combined = {g + t: w + v for (g, w), (t, v) in itertools.islice(pairs, latecells.KEEP)}
        _merge(out, {_added(sums, more): combined})
    return out


def _closed(begins: tuple[int, ...], cursors: tuple[int, ...]) -> bool:
    """Every strip but the last has reached where the next one began."""
    return all(cursors[s] == begins[s + 1] for s in range(len(cursors) - 1))


def _out_of_reach(
    begins: tuple[int, ...], cursors: tuple[int, ...], bounds: tuple[int, ...], rows: int
) -> bool:
    """A strip has passed where the next one began, or the strips cannot reach where the
    next ones began in `rows` more rows: strips 0..s of a row are together at most as wide
    as boundary s above allows (boundaries only move left), so the numbers they have left
    must fit in that width a row."""
    gaps = [begins[s + 1] - cursors[s] for s in range(len(bounds))]
    return any(gap < 0 for gap in gaps) or any(
        left > rows * bound for left, bound in zip(itertools.accumulate(gaps), bounds, strict=True)
    )


def _bounds_below(bounds: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    """Strip boundaries of the next super-row: each at or left of the one above."""
    for new in itertools.product(*(range(b + 1) for b in bounds)):
        if all(a <= b for a, b in itertools.pairwise(new)):
            yield new


class _Search:
    """One table's search; its caches live as long as it does."""

    def __init__(
        self, printed: Printed, rows: int, width: int, contribution: Contribution, budget: int
    ) -> None:
        self.printed, self.rows, self.width = printed, rows, width
        self.contribution, self.budget = contribution, budget
        self.states = 0
        self.zero: Sums = tuple(0 for _ in contribution(0, (0,) * width))
        # Memoised per search, so that a table's caches go with it.
        self.parts: Callable[[int, int, int, int, int], tuple[Part, ...]]
        self.parts = functools.cache(self._parts)
        self.super_rows: Callable[
            [int, int, tuple[int, ...], tuple[int, ...], Reach, int | None],
            tuple[tuple[tuple[int, ...], Option], ...],
        ]
        self.super_rows = functools.cache(self._super_rows)
        self.strips: Callable[
            [int, tuple[int, ...], tuple[int, ...], tuple[int, ...], int, int | None], Ends
        ]
        self.strips = functools.cache(self._strips)
        self.tails: Callable[[int, int, int, int | None], Bag] = functools.cache(self._tails)

    def spend(self, states: int = 1) -> None:
        self.states += states
        if self.states > self.budget:
            raise SearchExhausted

    def single(self, first: int, grid: Grid, where: Where, misprint: int | None) -> Bag:
        """The rows' reading as a bag; the misprinted row adds its cells with the 总计 they
        sum to (the rules hold on what the report meant to print)."""
        sums = self.zero
        for index, row in enumerate(grid):
            cells = _corrected(row) if first + index == misprint else row
            sums = _added(sums, self.contribution(first + index, cells))
        return {sums: {grid: where}}

    def _parts(self, first: int, k: int, lo: int, hi: int, at: int) -> tuple[Part, ...]:
        """Every way columns lo..hi-1 of rows first..first+k-1 are printed from offset `at`."""
        rows = range(first, first + k)
        top = at in self.printed.tops
        found: dict[tuple[Grid, int], Where] = {}  # placements giving the same cells are one
        for units in _units(rows, lo, hi, lambda i: self.printed.sizes.get(at + i), top):
            self.spend()
            dealt = self.deal(units, at, rows, range(lo, hi))
            if dealt is not None:
                found.setdefault((dealt[0], dealt[2]), dealt[1])
        return tuple((grid, where, after) for (grid, after), where in found.items())

    def deal(self, units: list[Unit], at: int, rows: range, columns: range) -> Part | None:
        """The offsets the units' cells take from `at`, or None if a block overruns its
        paragraph."""
        offsets: dict[tuple[int, int], int] = {}
        for unit in units:
            if self.printed.sizes.get(at, 0) < len(unit):
                return None
            for cell in unit:
                offsets[cell] = at
                at += 1
        where = tuple(tuple(offsets[(r, c)] for c in columns) for r in rows)
        values = tuple(tuple(self.printed.values[o] for o in row) for row in where)
        return values, where, at

    def _super_rows(
        self,
        first: int,
        k: int,
        cursors: tuple[int, ...],
        bounds: tuple[int, ...],
        reach: Reach,
        misprint: int | None,
    ) -> tuple[tuple[tuple[int, ...], Option], ...]:
        """Rows first..first+k-1 dealt from each strip's cursor under every boundaries at or
        left of `bounds`, each strip but the last within `reach` of where the next began,
        every row adding up but the `misprint` row (None: none among them), which does
        not: (the boundaries, the super-row dealt)."""
        odd = None if misprint is None else misprint - first
        found: list[tuple[tuple[int, ...], Option]] = []
        for edges, options in self.strip_parts(first, k, cursors, bounds, reach, (0,), []):
            self.spend()
            found += [(edges[1:-1], option) for option in self.closing_rows(options, edges, k, odd)]
        return tuple(found)

    def strip_parts(
        self,
        first: int,
        k: int,
        cursors: tuple[int, ...],
        bounds: tuple[int, ...],
        reach: Reach,
        edges: tuple[int, ...],
        options: list[tuple[Part, ...]],
    ) -> Iterator[tuple[tuple[int, ...], list[tuple[Part, ...]]]]:
        """The strips' edges, chosen left to right, for which every strip can be dealt
        (each but the last within `reach`); a strip that cannot cuts off every choice to
        its right."""
        strip, lo = len(options), edges[-1]
        last = strip == len(cursors) - 1
        for hi in [self.width] if last else range(lo, bounds[strip] + 1):
            here = self.parts(first, k, lo, hi, cursors[strip])
            if not last:
                here = _within_reach(here, reach, strip, hi)
            if here and last:
                yield (*edges, hi), [*options, here]
            elif here:
                yield from self.strip_parts(
                    first, k, cursors, bounds, reach, (*edges, hi), [*options, here]
                )

    def closing_rows(
        self, options: list[tuple[Part, ...]], edges: tuple[int, ...], k: int, odd: int | None
    ) -> Iterator[Option]:
        """The strips' parts side by side where every row adds up but the `odd`-th (None:
        none), which does not: the strip holding the 总计 is looked up by what the other
        strips leave it to close in the rows that add up."""
        close = max(s for s in range(len(options)) if edges[s] < edges[s + 1])
        closing = [i for i in range(k) if i != odd]
        by_need: dict[Row, list[Part]] = {}
        for part in options[close]:
            left = tuple(part[0][i][-1] - sum(part[0][i][:-1]) for i in closing)
            by_need.setdefault(left, []).append(part)
        for head in itertools.product(*options[:close], *options[close + 1 :]):
            self.spend()
            need = tuple(sum(sum(p[0][i]) for p in head) for i in closing)
            for part in by_need.get(need, ()):
                option = _assembled([*head[:close], part, *head[close:]], k)
                if odd is None or latecells.as_asked(option[0][odd], misprinted=True):
                    yield option

    def _strips(
        self,
        row: int,
        begins: tuple[int, ...],
        cursors: tuple[int, ...],
        bounds: tuple[int, ...],
        depth: int,
        misprint: int | None,
    ) -> Ends:
        """The readings of a segment from `row` on, strip s reading from cursors[s]; the
        boundaries of the super-row above are `bounds` (each may only move left). Every
        row adds up but the `misprint` row (None: none), which does not."""
        self.spend()
        ends: Ends = {}
        if depth >= 2 and _closed(begins, cursors):
            ends[(cursors[-1], row)] = {self.zero: {(): ()}}
        left = min(_rows_left(len(begins), depth), self.rows - row)
        if not left or _out_of_reach(begins, cursors, bounds, left):
            return ends
        for k in range(1, min(MAX_SUPER_ROW, self.rows - row) + 1):
            among = _within(misprint, row, row + k)
            rows_below = min(_rows_left(len(begins), depth + 1), self.rows - row - k)
            if not rows_below and depth + 1 < 2:
                continue  # the segment would end on one super-row: no segment of strips
            reach = (begins[1:], rows_below)
            for new, (grid, where, after) in self.super_rows(row, k, cursors, bounds, reach, among):
                head = self.single(row, grid, where, among)
                odd = _in_segment(misprint, row + k, len(begins), depth + 1)
                below = self.strips(row + k, begins, after, new, depth + 1, odd)
                for end, bag in below.items():
                    self.spend(len(bag))
                    _merge(ends.setdefault(end, {}), _joined(head, bag))
        return ends

    def segments(self, row: int, at: int, misprint: int | None) -> Ends:
        """Every segment that starts at `row` from offset `at`: one super-row read whole,
        or (where reading row by row fails) a segment of two or three strips; every row
        adding up but the `misprint` row (None: none), which does not."""
        ends: Ends = {}
        for k in range(1, min(MAX_SUPER_ROW, self.rows - row) + 1):
            among = _within(misprint, row, row + k)
            for grid, where, after in self.parts(row, k, 0, self.width, at):
                if all(latecells.as_asked(r, row + i == among) for i, r in enumerate(grid)):
                    bag = self.single(row, grid, where, among)
                    _merge(ends.setdefault((after, row + k), {}), bag)
        if not self.out_of_order(row, misprint):
            return ends
        for strips in range(2, (MAX_STRIPS if row == 0 else 2) + 1):  # three: under 一/二 only
            for begins in sorted(self.strip_begins(row, at, strips, misprint == row)):
                bounds = (self.width,) * (strips - 1)
                odd = _in_segment(misprint, row, strips, 0)
                for end, bag in self.strips(row, begins, begins, bounds, 0, odd).items():
                    _merge(ends.setdefault(end, {}), bag)
        return ends

    def _tails(self, row: int, at: int, stop: int, misprint: int | None) -> Bag:
        """The readings of rows row..stop-1 printed from offset `at` to where row `stop`
        begins (no segment crosses `stop`), every row adding up but the `misprint` row
        (None: none), which does not."""
        if row == stop:
            return {self.zero: {(): ()}} if at == stop * self.width else {}
        found: Bag = {}
        for (after, next_row), bag in self.segments(row, at, misprint).items():
            if next_row <= stop:
                tail = self.tails(next_row, after, stop, _pending(misprint, next_row))
                self.spend(len(bag) * len(tail))
                _merge(found, _joined(bag, tail))
        return found

    def out_of_order(self, row: int, misprint: int | None) -> bool:
        """A segment starts only where row by row reading fails (in this row or the next):
        a segment whose first row is read whole is that row, then a segment below it. The
        `misprint` row, which adds up in no reading, does not tell."""
        values, width = self.printed.values, self.width
        for r in range(row, min(row + 2, self.rows)):
            cells = values[r * width : (r + 1) * width]
            if len(cells) < width or not (latecells.adds_up(cells) or r == misprint):
                return True
        return False

    def strip_begins(
        self, row: int, at: int, strips: int, misprinted: bool
    ) -> set[tuple[int, ...]]:
        """Where the strips of a segment starting at `row` may begin: the segment's first
        row (alone in its super-row) has a cell in every strip and adds up, its last strip
        read in place (the last column is the 总计), which an index of runs finds. Below
        the head band a two-strip segment may also begin with a super-row of several rows
        (（一）/（二） one block a column), whose 总计s that index cannot find: both strips
        then begin with a block of several numbers, the second at any such paragraph
        within reach. A first row whose 总计 is `misprinted` closes nothing: the second of
        two strips may then begin at any paragraph within reach, and three strips (every
        middle begin times every last) are not tried."""
        found: set[tuple[int, ...]] = set()
        reach = self.width * SEGMENT[strips] * 2
        starts = sorted(x for x in self.printed.starts if at < x <= at + reach)
        if misprinted:
            return {(at, y) for y in starts} if strips == 2 else found
        sizes = self.printed.sizes
        if strips == 2 and row > 0 and sizes.get(at, 0) > 1:
            found |= {(at, y) for y in starts if sizes[y] > 1}
        for bounds in _bounds_below((self.width - 1,) * (strips - 1)):
            edges = (0, *bounds, self.width)
            if any(a >= b for a, b in itertools.pairwise(edges)):
                continue
            middles: list[tuple[int, ...]] = [()] if strips == 2 else [(x,) for x in starts]
            for middle in middles:
                self.spend()
                found |= self.last_strips(at, edges, middle, reach)
        return found

    def last_strips(
        self, at: int, edges: tuple[int, ...], middle: tuple[int, ...], reach: int
    ) -> set[tuple[int, ...]]:
        """Where the last strip may begin so that the first row closes its 总计."""
        values = self.printed.values
        if middle and middle[0] + edges[2] - edges[1] > len(values):
            return set()
        need = sum(values[at : at + edges[1]])
        if middle:
            need += sum(values[middle[0] : middle[0] + edges[2] - edges[1]])
        after = middle[0] if middle else at
        runs = self.closing.get((self.width - edges[-2], need), ())
        return {(at, *middle, y) for y in runs if after < y <= at + reach}

    @functools.cached_property
    def closing(self) -> dict[tuple[int, int], list[int]]:
        """(run length w, last − sum of the others) → offsets of such runs of w numbers
        that start a paragraph."""
        values = self.printed.values
        index: dict[tuple[int, int], list[int]] = {}
        for w in range(1, self.width + 1):
            for x in sorted(self.printed.starts):
                if x + w <= len(values):
                    key = (w, values[x + w - 1] - sum(values[x : x + w - 1]))
                    index.setdefault(key, []).append(x)
        return index


def _within_reach(parts: tuple[Part, ...], reach: Reach, strip: int, hi: int) -> tuple[Part, ...]:
    """The parts of strip `strip` (its boundary below at `hi`) after which the segment
    can still close: the strip has not passed where the next one began, and can reach it
    in the rows left below (`_out_of_reach` on its own gap: the gaps before it only add).
    A part beyond either leads to a state that reads nothing."""
    begins, below = reach
    return tuple(p for p in parts if 0 <= begins[strip] - p[2] <= below * hi)


def _in_segment(misprint: int | None, row: int, strips: int, depth: int) -> int | None:
    """The misprinted row if a segment of `strips` strips at `depth` super-rows from `row`
    can still deal it: a row below them changes none of its readings, so the search with
    it is the first pass's, memo and all."""
    return _within(misprint, row, row + _rows_left(strips, depth))


def _rows_left(strips: int, depth: int) -> int:
    """How many rows a segment of `strips` strips can still deal `depth` super-rows in."""
    return (SEGMENT[strips] - depth) * MAX_SUPER_ROW


def _within(misprint: int | None, first: int, stop: int) -> int | None:
    """The misprinted row if it is among rows first..stop-1."""
    return misprint if misprint is not None and first <= misprint < stop else None


def _pending(misprint: int | None, row: int) -> int | None:
    """The misprinted row if it is not yet dealt when row `row` is next: a memo past it
    is the search's without a misprint."""
    return misprint if misprint is not None and misprint >= row else None


def _corrected(row: Row) -> Row:
    """The row with the 总计 its other cells add up to."""
    return (*row[:-1], sum(row[:-1]))


def _assembled(parts: Sequence[Part], k: int) -> Option:
    """The strips of a super-row side by side, and each strip's offset after it."""
    grid = tuple(tuple(v for p in parts for v in p[0][i]) for i in range(k))
    where = tuple(tuple(o for p in parts for o in p[1][i]) for i in range(k))
    return grid, where, tuple(p[2] for p in parts)


def readings(
    paragraphs: Sequence[Sequence[int]],
    tops: frozenset[int],
    rows: int,
    contribution: Contribution,
    width: int = 7,
    budget: int = BUDGET,
) -> Outcome:
    """The grids the model allows whose rows add up and whose rows' contributions
    (`contribution(row index, cells)`, the table's column rules) sum to zero, or to what
    one printed slip makes them (`_slips`: the reading is then the table as printed, and
    the rules it breaks are the report's error): none, one, or two of several. Only where
    there is none, the grids in which exactly one row does not add up, its 总计 misprinted
    (`_misprinted`). Raises SearchExhausted past `budget` states."""
    printed = Printed.of(paragraphs, tops)
    if len(printed.values) != rows * width or rows < 2:
        return Outcome((), 0)
    search = _Search(printed, rows, width, contribution, budget)
    middle = rows // 2
    upper = search.tails(0, 0, middle, None)
    lower = search.tails(middle, middle * width, rows, None)
    slips = _slips(rows, width, contribution)
    search.spend((len(upper) + len(lower)) * (1 + len(slips)))  # one pass, one per support
    found: dict[Grid, Where] = {}
    _collect(found, _closing_pairs(upper, lower, slips))
    if len(found) < latecells.KEEP:  # one reading only if a few cells printed late give no other
        holds = functools.partial(_holds, slips=slips)
        for grid, where in latecells.readings(
            printed, rows, width, contribution, holds, search.spend
        ):
            found.setdefault(grid, where)
    if not found:
        found = _misprinted(search, upper, lower)
    return Outcome(tuple(found.items())[: latecells.KEEP], search.states)


def _collect(
    found: dict[Grid, Where], pairs: Iterator[tuple[dict[Grid, Where], dict[Grid, Where]]]
) -> None:
    """The halves' readings joined, into `found` until it holds `latecells.KEEP` grids."""
    for grids, others in pairs:
        for (grid, where), (tail, other) in itertools.product(grids.items(), others.items()):
            if len(found) < latecells.KEEP:
                found[grid + tail] = where + other


def _misprinted(search: _Search, upper: Bag, lower: Bag) -> dict[Grid, Where]:
    """The grids in which exactly one row does not add up, its printed 总计 taken as a
    misprint, and every column rule holds on the 总计 its cells add up to; asked of every
    row in turn, in both models, so that one grid means one among all choices of the row.
    A row's misprint is searched in its half only: the other half's readings are those
    that add up (`upper`, `lower`)."""
    printed, rows, width = search.printed, search.rows, search.width
    middle = rows // 2
    found: dict[Grid, Where] = {}
    for misprint in range(rows):
        if misprint < middle:
            head, tail = search.tails(0, 0, middle, misprint), lower
        else:
            head, tail = upper, search.tails(middle, middle * width, rows, misprint)
        search.spend(len(head) + len(tail))
        _collect(found, _closing_pairs(head, tail, {}))
        meant = functools.partial(_as_meant, contribution=search.contribution, misprint=misprint)
        for grid, where in latecells.readings(
            printed, rows, width, meant, _nothing_broken, search.spend, misprint
        ):
            found.setdefault(grid, where)
        if len(found) >= latecells.KEEP:
            break
    return found


def _as_meant(row: int, cells: Row, contribution: Contribution, misprint: int) -> Sums:
    """What a row adds to the column rules, the misprinted row with its 总计 corrected."""
    return contribution(row, _corrected(cells) if row == misprint else cells)


def _nothing_broken(sums: Sums) -> bool:
    return not any(sums)


def _holds(sums: Sums, slips: dict[frozenset[int], list[Sums]]) -> bool:
    """Rows whose contributions sum to `sums` hold every column rule, or all but those
    one printed slip breaks (`_slips`)."""
    support = frozenset(i for i, x in enumerate(sums) if x)
    return not support or any(_multiple(sums, unit) for unit in slips.get(support, ()))


def _slips(rows: int, width: int, contribution: Contribution) -> dict[frozenset[int], list[Sums]]:
    """What one printed slip adds to the column rules, per unit: a cell of one row off and
    its 总计 off by as much (the row still adds up, its columns do not), as a report prints
    a figure off by one; by the rules it touches. Each unit is a multiple of no other."""
    units: dict[frozenset[int], list[Sums]] = {}
    for row, column in itertools.product(range(rows), range(width - 1)):
        cells = tuple(int(c in (column, width - 1)) for c in range(width))
        unit = contribution(row, cells)
        support = frozenset(i for i, x in enumerate(unit) if x)
        same = units.setdefault(support, []) if support else []
        if support and unit not in same and tuple(-x for x in unit) not in same:
            same.append(unit)
    return units


def _multiple(sums: Sums, unit: Sums) -> bool:
    """`sums` is d × `unit` for some d ≠ 0."""
    pivot = next(i for i, x in enumerate(unit) if x)
    d, rest = divmod(sums[pivot], unit[pivot])
    return d != 0 and rest == 0 and all(x == d * u for x, u in zip(sums, unit, strict=True))


def _closing_pairs(
    upper: Bag, lower: Bag, slips: dict[frozenset[int], list[Sums]]
) -> Iterator[tuple[dict[Grid, Where], dict[Grid, Where]]]:
    """The halves' readings whose rules all hold together, or all but those one slip
    breaks (`_slips`): for each set of rules a slip touches, the lower half's sums are
    indexed by the other rules, whose sums must cancel the upper half's exactly."""
    for sums, grids in upper.items():
        need = tuple(-x for x in sums)
        if need in lower:
            yield grids, lower[need]
    for support, units in slips.items():
        index: dict[Sums, list[Sums]] = {}
        for more in lower:
            index.setdefault(_outside(more, support), []).append(more)
        for sums, grids in upper.items():
            for more in index.get(tuple(-x for x in _outside(sums, support)), ()):
                residual = _added(sums, more)
                if any(_multiple(residual, u) for u in units):
                    yield grids, lower[more]


def _outside(sums: Sums, support: frozenset[int]) -> Sums:
    return tuple(x for i, x in enumerate(sums) if i not in support)
