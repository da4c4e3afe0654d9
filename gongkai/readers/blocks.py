"""Rows whose numbers are printed apart from their labels: one run of numbers for k rows.

pdftotext's default mode prints a table's labels first and its numbers after them: row by
row, column by column, or in runs of both (a few rows read one way, the next few the
other). The order of the numbers proves nothing by itself, so a block is read every way
the rows' rules allow:

- one order for the whole block (row by row, or column by column) in which every row adds
  up, the other order either failing or giving the same cells: the block is read;
- otherwise, runs of rows each read one way or the other such that every row adds up: one
  reading is a repair (the rows it moved are said), several are a doubt on the rows where
  they differ;
- none, but exactly one in which every row but one adds up: the other rows prove the order
  and that row is printed unbalanced (the report's own error, which the checker reports);
- no reading at all: the block is read in the order that most rows fit, and every row of
  it is flagged.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.readers.repair import Cells, Rule, holds

_MAX_READINGS = 16

REGULAR, REPAIRED, AMBIGUOUS, UNPROVEN = "regular", "repaired", "ambiguous", "unproven"
UNBALANCED = "unbalanced"  # one reading in which every row but one adds up


@dataclass(frozen=True)
class BlockReading:
    """The cells of each row of a block, and the rows whose cells are not proven."""

    rows: list[Cells]
    status: str
    readings: int = 1
    doubtful: frozenset[int] = field(default_factory=frozenset)  # row positions in the block
    unbalanced: frozenset[int] = field(default_factory=frozenset)  # rows printed not adding up


def row_major(values: Sequence[int | None], k: int, size: int) -> list[Cells]:
    return [tuple(values[i * size : (i + 1) * size]) for i in range(k)]


def column_major(values: Sequence[int | None], k: int, size: int) -> list[Cells]:
    return [tuple(values[c * k + i] for c in range(size)) for i in range(k)]


def read_block(
    values: Sequence[int | None], k: int, size: int, rules: Sequence[Rule]
) -> BlockReading:
    """Read k rows of `size` cells from the numbers printed for them (exactly k × size)."""
    by_row, by_column = row_major(values, k, size), column_major(values, k, size)
    row_ok = all(holds(cells, rules) for cells in by_row)
    column_ok = all(holds(cells, rules) for cells in by_column)
    if row_ok and column_ok and by_row != by_column:
        differ = frozenset(i for i in range(k) if by_row[i] != by_column[i])
        return BlockReading(by_row, AMBIGUOUS, 2, differ)
    if row_ok or column_ok:
        return BlockReading(by_row if row_ok else by_column, REGULAR)
    readings = _runs(tuple(values), k, size, tuple(rules), 0)
    if readings:
        chosen = list(readings[0])
        differ = frozenset(i for i in range(k) if len({r[i] for r in readings}) > 1)
        moved = frozenset(i for i in range(k) if chosen[i] != by_row[i])
        status = AMBIGUOUS if differ else REPAIRED
        return BlockReading(chosen, status, len(readings), differ or moved)
    return _with_one_unbalanced(values, k, size, rules, by_row, by_column)


def _with_one_unbalanced(
    values: Sequence[int | None],
    k: int,
    size: int,
    rules: Sequence[Rule],
    by_row: list[Cells],
    by_column: list[Cells],
) -> BlockReading:
    """No reading adds up in every row. If exactly one reading does in all rows but one, the
    others prove the order, and that row is printed unbalanced (the report's own error)."""
    readings = _runs(tuple(values), k, size, tuple(rules), 1)
    if len(readings) == 1:
        rows = list(readings[0])
        failing = frozenset(i for i, cells in enumerate(rows) if not holds(cells, rules))
        return BlockReading(rows, UNBALANCED, unbalanced=failing)
    fitting = sum(holds(c, rules) for c in by_column) > sum(holds(c, rules) for c in by_row)
    return BlockReading(by_column if fitting else by_row, UNPROVEN, 0, frozenset(range(k)))


@functools.lru_cache(maxsize=256)
def _runs(
    values: tuple[int | None, ...], k: int, size: int, rules: tuple[Rule, ...], misses: int
) -> list[tuple[Cells, ...]]:
    """Every distinct reading as runs of rows, each run row by row or column by column, in
    which every row but at most `misses` adds up (at most _MAX_READINGS)."""

    @functools.cache
    def from_row(start: int, left: int) -> tuple[tuple[Cells, ...], ...]:
        if start == k:
            return ((),)
        found: dict[tuple[Cells, ...], None] = {}
        for m in range(1, k - start + 1):
            run = column_major(values[start * size : (start + m) * size], m, size)
            failing = sum(not holds(cells, rules) for cells in run)
            if failing > left:
                continue
            for rest in from_row(start + m, left - failing):
                found.setdefault((*run, *rest))
                if len(found) >= _MAX_READINGS:
                    return tuple(found)
        return tuple(found)

    return list(from_row(0, misses))
