"""Consistent readings of a run of printed cells that does not fit its row.

When a row prints more or fewer values than it has cells, or glues digits together,
the printed tokens allow several readings. A reading drops surplus tokens, splits
digit runs, or inserts a missing value that a rule determines. Only readings in
which every rule of the row holds are kept; the caller picks one and says so. Where none
is, a row that printed only some of its cells is placed with blanks around them, and one
glued run of exactly as many digits as cells is cut one digit a cell: its one reading,
whether the rules hold or not (a printed inconsistency).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from gongkai.readers.tokens import BLANK, Token, token_value

Cells = tuple[int | None, ...]
# A rule: the cells at `parts` add up to the cell at `total`.
Rule = tuple[tuple[int, ...], int]

_MAX_DROP = 3
_MAX_INSERT = 2
_MAX_NODES = 200_000
_MAX_BLANK_VALUES = 12  # C(15, 12) placements at most: table 四 is 15 cells
_MAX_SPLIT_PLACEMENTS = 20_000  # table 三's seven cells: under 1 000; table 四's: 5 digits


@dataclass(frozen=True)
class Readings:
    cells: list[Cells]
    printed: int
    repaired: bool
    by_layout: bool = False  # placed by the columns of space-aligned text, blanks kept
    # As many digits as cells, glued: each digit is a cell, the one reading whether the
    # rules hold or not (「000010000000606」 for table 四's fifteen cells).
    digit_each: bool = False
    # Read by the table's column rules, the row's own rule broken (a printed 总计 that is off).
    by_columns: bool = False
    # Several readings added up; all but one had a cell above what its column received.
    by_received: bool = False
    # Several readings added up; one alone has the totals the report's prose states.
    by_prose: bool = False

    @property
    def unique(self) -> bool:
        return len(self.cells) == 1


def narrowed(readings: Sequence[Cells], keep: Callable[[Cells], bool]) -> list[Cells]:
    """The readings `keep` allows; all of them when it allows none (the report, or what
    rules them out, is then itself wrong, and proves nothing)."""
    return [r for r in readings if keep(r)] or list(readings)


def holds(cells: Cells, rules: Sequence[Rule]) -> bool:
    return all(sum(cells[p] or 0 for p in parts) == (cells[total] or 0) for parts, total in rules)


def consistent_readings(
    tokens: Sequence[Token],
    size: int,
    rules: Sequence[Rule],
    plausible: Callable[[Cells], bool] | None = None,
) -> Readings:
    """Every distinct reading of `tokens` as `size` cells in which the rules hold."""
    values = tuple(token_value(t) for t in tokens)
    if len(tokens) == size:
        return Readings([values], len(tokens), repaired=False)

    def check(cells: Cells) -> bool:
        if not holds(cells, rules):
            return False
        return plausible is None or plausible(cells)

    found: dict[Cells, None] = {}
    if len(tokens) > size:
        for cells in _drops(tokens, size):
            if check(cells):
                found.setdefault(cells)
    else:
        # A run such as 029 is no printed figure: it must be split, not kept whole.
        glued = any(t.digits and len(t.digits) > 1 and t.digits[0] == "0" for t in tokens)
        for cells in () if glued else _insertions(values, size, rules):
            if check(cells):
                found.setdefault(cells)
        for cells in _splits(tokens, size, rules):
            if check(cells):
                found.setdefault(cells)
        for cells in () if found or glued or not rules else _blank_placements(values, size):
            if check(cells):
                found.setdefault(cells)
        for cells in () if found or not rules else _split_blank_placements(tokens, size):
            if check(cells):
                found.setdefault(cells)
    if not found and _one_digit_each(tokens, size):
        cells = tuple(int(d) for t in tokens for d in t.digits or "")
        return Readings([cells], len(tokens), repaired=True, digit_each=True)
    ranked = sorted(found, key=_likelihood)
    return Readings(ranked, len(tokens), repaired=True)


def _likelihood(cells: Cells) -> tuple[int, int]:
    """Lower for likelier readings. The smallest figures first: a glued run (99582 = 99,
    582) is far likelier than a cell of 99,099 inserted to make the row add up. Then the
    most zeros, the commonest cell of these tables: 「1100011」 closing table 四 is 11、0、0、
    0、11 rather than 1、10、0、0、11."""
    return max((abs(c or 0) for c in cells), default=0), sum(1 for c in cells if c)


def _one_digit_each(tokens: Sequence[Token], size: int) -> bool:
    """One glued run of exactly as many digits as cells: no other cut gives `size` cells.
    (Several numbers whose digits add up to `size` may be cells of other rows, or cells
    out of order: pdftotext's default mode prints table 四's columns as blocks.)"""
    return len(tokens) == 1 and size > 1 and len(tokens[0].digits or "") == size


def _drops(tokens: Sequence[Token], size: int) -> Iterator[Cells]:
    extra = len(tokens) - size
    if extra > _MAX_DROP:
        return
    blanks = [i for i, t in enumerate(tokens) if t.kind == BLANK]
    if len(blanks) >= extra:
        # Surplus blanks are spans of merged cells far more often than lost values.
        for dropped in itertools.combinations(blanks, extra):
            yield _without(tokens, dropped)
    # Stray values (a page number, a doubled cell) trail a row more often than they lead it.
    for dropped in itertools.combinations(range(len(tokens) - 1, -1, -1), extra):
        yield _without(tokens, dropped)


def _without(tokens: Sequence[Token], dropped: tuple[int, ...]) -> Cells:
    skip = set(dropped)
    return tuple(token_value(t) for i, t in enumerate(tokens) if i not in skip)


def _insertions(values: Cells, size: int, rules: Sequence[Rule]) -> Iterator[Cells]:
    missing = size - len(values)
    if missing > _MAX_INSERT or not rules:
        return
    for positions in itertools.combinations(range(size), missing):
        cells = _with_unknowns(values, size, positions)
        solved = _solve(cells, set(positions), rules)
        if solved is not None:
            yield solved


def _blank_placements(values: Cells, size: int) -> Iterator[Cells]:
    """The printed values in their order, the other cells blank: text that drops blank
    cells (「（一）予以公开 2 0 2」 for 2、空、0、空、空、空、2). Tried when nothing else reads."""
    if len(values) > _MAX_BLANK_VALUES:
        return
    for positions in itertools.combinations(range(size), len(values)):
        blanks = tuple(p for p in range(size) if p not in positions)
        yield tuple(_with_unknowns(values, size, blanks))


def _split_blank_placements(tokens: Sequence[Token], size: int) -> Iterator[Cells]:
    """Fewer digits than cells, glued (「予以公开202」 for seven cells): a row glued by a
    crawler, its blank cells printing nothing. Each split of the digits, placed with blanks
    around its values; none when there are too many to try."""
    digits = sum(len(t.digits or "") for t in tokens)
    if digits >= size or len(tokens) >= digits:
        return
    counts = range(len(tokens) + 1, digits + 1)
    placements = sum(math.comb(digits - 1, k - 1) * math.comb(size, k) for k in counts)
    if placements > _MAX_SPLIT_PLACEMENTS:
        return
    for count in counts:
        for values in _splits(tokens, count, ()):
            yield from _blank_placements(values, size)


def _with_unknowns(values: Cells, size: int, positions: tuple[int, ...]) -> list[int | None]:
    source = iter(values)
    return [None if i in positions else next(source) for i in range(size)]


def _solve(cells: list[int | None], unknown: set[int], rules: Sequence[Rule]) -> Cells | None:
    """Fill unknown cells from rules with exactly one unknown; fail if any stays open."""
    progress = True
    while unknown and progress:
        progress = False
        for parts, total in rules:
            open_cells = [i for i in (*parts, total) if i in unknown]
            if len(open_cells) != 1:
                continue
            (cell,) = open_cells
            known_parts = sum(cells[p] or 0 for p in parts if p != cell)
            value = known_parts if cell == total else (cells[total] or 0) - known_parts
            if value < 0:
                return None
            cells[cell] = value
            unknown.discard(cell)
            progress = True
    return None if unknown else tuple(cells)


def _splits(tokens: Sequence[Token], size: int, rules: Sequence[Rule]) -> Iterator[Cells]:
    """Split glued digit runs (规范性文件898989) into cells; prune on closed rules."""
    if not any(t.digits and len(t.digits) > 1 for t in tokens):
        return
    closing: dict[int, list[Rule]] = {}
    for rule in rules:
        closing.setdefault(max(*rule[0], rule[1]), []).append(rule)
    budget = [_MAX_NODES]
    yield from _split_from(tokens, 0, [], size, closing, budget)


def _split_from(
    tokens: Sequence[Token],
    index: int,
    cells: list[int | None],
    size: int,
    closing: dict[int, list[Rule]],
    budget: list[int],
) -> Iterator[Cells]:
    budget[0] -= 1
    if budget[0] < 0:
        return
    if index == len(tokens):
        if len(cells) == size:
            yield tuple(cells)
        return
    remaining_tokens = len(tokens) - index - 1
    token = tokens[index]
    digits = token.digits
    if digits:
        most = size - len(cells) - remaining_tokens
        after = sum(len(t.digits or t.text) for t in tokens[index + 1 :])
        options: list[tuple[int | None, ...]] = list(
            _digit_partitions(digits, most, cells, closing, remaining_tokens == 0, after)
        )
        if token.negative:
            options = [(-(parts[0] or 0), *parts[1:]) for parts in options]
    else:
        options = [(token_value(token),)]
    for parts in options:
        extended = cells + list(parts)
        if len(extended) + remaining_tokens > size or not _closed_rules_hold(
            extended, len(cells), closing
        ):
            continue
        yield from _split_from(tokens, index + 1, extended, size, closing, budget)


def _closed_rules_hold(cells: list[int | None], start: int, closing: dict[int, list[Rule]]) -> bool:
    for position in range(start, len(cells)):
        for parts, total in closing.get(position, ()):
            if sum(cells[p] or 0 for p in parts) != (cells[total] or 0):
                return False
    return True


def _digit_partitions(
    digits: str,
    most: int,
    prefix: list[int | None],
    closing: dict[int, list[Rule]],
    exact: bool = False,
    digits_after: int = 0,
) -> list[tuple[int, ...]]:
    """Ways to cut a digit run into 1..most numbers without leading zeros (see _Cutter)."""
    if most < 1:
        return []
    rules = [rule for group in closing.values() for rule in group]
    return _Cutter(digits, most, prefix, _RuleShape(rules), exact, digits_after).cuts()


class _Cutter:
    """Cuts one digit run into cells, pruned by the rules those cells take part in.

    A cell that is the total of a rule whose parts are all cut is not searched: the rule
    fixes it, and the digits must spell it. Running sums per rule abandon a cut as soon as
    its parts need more digits than are left for their total. When the run must end with
    a rule's total (`exact`), each suffix is tried as that total and no part may exceed it.
    """

    def __init__(
        self,
        digits: str,
        most: int,
        prefix: list[int | None],
        shape: _RuleShape,
        exact: bool,
        digits_after: int,
    ) -> None:
        self.digits, self.most, self.shape = digits, most, shape
        self.start_len, self.digits_after = len(prefix), digits_after
        self.sums = [
            sum(prefix[p] or 0 for p in parts if p < len(prefix)) for parts, _ in shape.rules
        ]
        self.results: list[tuple[int, ...]] = []
        self.budget = _MAX_NODES
        self.end = len(digits)
        self.dead: set[tuple[int, int, tuple[int, ...]]] = set()
        self.last = self.start_len + most - 1
        self.capped = shape.total_of.get(self.last) if exact else None
        self.cap: int | None = None
        self.first_capped_part = self._first_capped_part()

    def _first_capped_part(self) -> int:
        """From this position to the capped total, every cell is a part of that rule."""
        first = self.last
        if self.capped is not None:
            parts = set(self.shape.rules[self.capped][0])
            while first - 1 in parts:
                first -= 1
        return first

    def cuts(self) -> list[tuple[int, ...]]:
        capped = self.capped
        if capped is not None and self.most == 1:
            return self._total_alone(capped)
        if capped is None or max(self.shape.rules[capped][0]) >= self.last:
            self.capped = None
            self.walk(0, [], self.sums)
            return sorted(self.results, key=len)
        simple = self.first_capped_part <= self.start_len
        for width in self._total_widths(simple):
            tail = self.digits[len(self.digits) - width :]
            if width > 1 and tail[0] == "0":
                continue
            total, self.end = int(tail), len(self.digits) - width
            self.cap = total
            if simple:
                lacking = total - self.sums[capped]
                head = self.digits[: self.end]
                self.results += [(*p, total) for p in _sum_partitions(head, self.most - 1, lacking)]
                continue
            self.dead.clear()
            self.walk(0, [], self.sums)
        return self.results

    def _total_alone(self, capped: int) -> list[tuple[int, ...]]:
        """The run is the total by itself (「5800000 58」: the parts came glued before it)."""
        if len(self.digits) > 1 and self.digits[0] == "0":
            return []
        total = int(self.digits)
        return [(total,)] if self.sums[capped] == total else []

    def _total_widths(self, simple: bool) -> range:
        """How many digits the total may take. With all cells parts of its rule: p parts of
        at most w digits fill the rest, and one has at least w - 1 digits (six numbers of
        w - 2 digits cannot add up to w digits)."""
        n = len(self.digits)
        if not (simple and self.start_len == 0):
            return range(1, n)
        p = self.most - 1
        return range(max(1, -(-n // (p + 1))), max(1, (n - p + 2) // 2) + 1)

    def walk(self, start: int, acc: list[int], sums: list[int]) -> bool:
        """Cut from `start`; True when some complete reading was found below this node.

        A node with no completion is remembered by (where, how many cells, running sums):
        every other path that reaches the same state is abandoned at once.
        """
        self.budget -= 1
        if self.budget < 0 or self._over_cap(sums):
            return False
        if start == self.end:
            return self._complete(acc, sums)
        state = (start, len(acc), tuple(sums))
        if state in self.dead:
            return False
        found = self._children(start, acc, sums)
        if not found:
            self.dead.add(state)
        return found

    def _over_cap(self, sums: list[int]) -> bool:
        return self.capped is not None and self.cap is not None and sums[self.capped] > self.cap

    def _complete(self, acc: list[int], sums: list[int]) -> bool:
        if self.capped is None:
            self.results.append(tuple(acc))
            return True
        if self.cap is not None and len(acc) == self.most - 1 and sums[self.capped] == self.cap:
            self.results.append((*acc, self.cap))
            return True
        return False

    def _children(self, start: int, acc: list[int], sums: list[int]) -> bool:
        position = self.start_len + len(acc)
        if len(acc) == self.most or not self._room(start, len(acc), position, sums):
            return False
        fixed = self.shape.fixed_total(position, sums)
        if fixed is not None:
            text = str(fixed)
            if fixed >= 0 and self.digits.startswith(text, start):
                return self.walk(start + len(text), [*acc, fixed], sums)
            return False
        found = False
        stops = [start + 1] if self.digits[start] == "0" else range(start + 1, self.end + 1)
        for stop in stops:
            value = int(self.digits[start:stop])
            if self._exceeds_cap(position, value, sums):
                break
            new_sums = self.shape.add(position, value, sums)
            left = len(self.digits) - stop + self.digits_after
            if self.shape.fits(position, new_sums, left):
                found = self.walk(stop, [*acc, value], new_sums) or found
        return found

    def _room(self, start: int, cut: int, position: int, sums: list[int]) -> bool:
        """Whether the digits left can still make the cells left (capped runs only)."""
        if self.capped is None or self.cap is None:
            return True
        cells_left = self.most - 1 - cut
        if self.end - start < cells_left:
            return False
        if position >= self.first_capped_part:
            # The cells left must add up to what the total still lacks.
            lacking = self.cap - sums[self.capped]
            return self.end - start <= cells_left * len(str(lacking))
        return True

    def _exceeds_cap(self, position: int, value: int, sums: list[int]) -> bool:
        if self.capped is None or self.cap is None or position < self.first_capped_part:
            return False
        return value > self.cap - sums[self.capped]


def _sum_partitions(digits: str, parts: int, target: int) -> list[tuple[int, ...]]:
    """Every cut of `digits` into `parts` numbers (no leading zeros) that add up to `target`.

    A table of the sums reachable with k numbers over each prefix is built first, so
    the enumeration only follows cuts that can still reach the target.
    """
    if parts < 1 or target < 0 or len(digits) < parts:
        return []
    width = len(str(target))
    reach: list[list[set[int]]] = [
        [set() for _ in range(len(digits) + 1)] for _ in range(parts + 1)
    ]
    reach[0][0].add(0)
    for k in range(1, parts + 1):
        for stop in range(1, len(digits) + 1):
            for start in range(max(0, stop - width), stop):
                piece = digits[start:stop]
                if (len(piece) > 1 and piece[0] == "0") or not reach[k - 1][start]:
                    continue
                value = int(piece)
                reach[k][stop].update(
                    total + value for total in reach[k - 1][start] if total + value <= target
                )
    if target not in reach[parts][len(digits)]:
        return []
    found: list[tuple[int, ...]] = []

    def back(k: int, stop: int, remaining: int, tail: tuple[int, ...]) -> None:
        if k == 0:
            if stop == 0 and remaining == 0:
                found.append(tail)
            return
        for start in range(max(0, stop - width), stop):
            piece = digits[start:stop]
            if len(piece) > 1 and piece[0] == "0":
                continue
            value = int(piece)
            if value <= remaining and remaining - value in reach[k - 1][start]:
                back(k - 1, start, remaining - value, (value, *tail))

    back(parts, len(digits), target, ())
    return found


class _RuleShape:
    """Which rules each cell position is a part of, or the total of."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.part_of: dict[int, list[int]] = {}
        self.total_of: dict[int, int] = {}
        for index, (parts, total) in enumerate(rules):
            for part in parts:
                self.part_of.setdefault(part, []).append(index)
            self.total_of[total] = index

    def fixed_total(self, position: int, sums: list[int]) -> int | None:
        index = self.total_of.get(position)
        if index is None or max(self.rules[index][0]) >= position:
            return None
        return sums[index]

    def add(self, position: int, value: int, sums: list[int]) -> list[int]:
        indices = self.part_of.get(position)
        if not indices:
            return sums
        new_sums = list(sums)
        for index in indices:
            new_sums[index] += value
        return new_sums

    def fits(self, position: int, sums: list[int], digits_left: int) -> bool:
        for index in self.part_of.get(position, ()):
            if self.rules[index][1] > position and len(str(sums[index])) > digits_left:
                return False
        return True
