"""A figure printed once in a cell merged over several columns of a row.

Agencies merge two neighbouring cells of a row that print the same figure (Word's 合并单元格
over 「3」「3」 leaves one cell and one 「3」). The format readers mark the columns such a cell
covers past its first (`grid.SPANNED`, a token's `spanned`), so the row's cells still stand
one to a column. The figure may stand in each column it covers (equal figures merged) or in
one of them, the others blank: the row's own rule decides where exactly one reading holds.
For 0 every reading gives the same sums, and 0 in each column is what was printed. Where the
rule proves none or several, the readings it allows (all, if none) are kept, equal figures
first, for the table's column rules to choose among, and the row is said to be in doubt.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai import messages
from gongkai.readers.repair import Cells, Readings, Rule, holds
from gongkai.readers.tokens import NUMBER, Token, token_value

# Merged cells in one row whose readings are weighed together; past it, equal figures alone.
_MAX_READINGS = 64


@dataclass(frozen=True)
class Merged:
    """A merged figure cell: its first column, the columns it covers, and its figure."""

    first: int
    columns: int
    value: int


@dataclass(frozen=True)
class SpannedRow:
    readings: list[Cells]  # equal figures first
    proven: bool  # one reading: the row's rule chose it, or every figure merged is 0
    merged: tuple[Merged, ...]

    def readings_of(self) -> Readings:
        """As the tables' readers keep readings: none repaired, as many cells as printed."""
        return Readings(self.readings, len(self.readings[0]), repaired=False)


def spanned_row(tokens: Sequence[Token], size: int, rules: Sequence[Rule]) -> SpannedRow | None:
    """The readings of a row of `size` cells in which a merged cell prints one figure; None
    where no cell is merged (or the row has not one token a column)."""
    merged = merged_cells(tokens) if len(tokens) == size else ()
    if not merged:
        return None
    values = [token_value(t) for t in tokens]
    choices = [_placements(cell) for cell in merged]
    if math.prod(len(placements) for placements in choices) > _MAX_READINGS:
        # Too many merged cells to weigh: equal figures in each, and the row in doubt.
        return SpannedRow([_reading(values, merged, [c[0] for c in choices])], False, merged)
    options = [_reading(values, merged, placed) for placed in itertools.product(*choices)]
    if len(options) == 1:
        return SpannedRow(options, True, merged)
    held = [cells for cells in options if holds(cells, rules)]
    return SpannedRow(held or options, len(held) == 1, merged)


def merged_cells(tokens: Sequence[Token]) -> tuple[Merged, ...]:
    """The figures followed by the positions their merged cell covers."""
    found = []
    for at, token in enumerate(tokens):
        value = token_value(token)
        if token.kind != NUMBER or value is None or at + 1 == len(tokens):
            continue
        covered = sum(1 for _ in itertools.takewhile(lambda t: t.spanned, tokens[at + 1 :]))
        if covered:
            found.append(Merged(at, covered + 1, value))
    return tuple(found)


def _reading(
    values: list[int | None], merged: tuple[Merged, ...], placed: Sequence[tuple[int | None, ...]]
) -> Cells:
    """The row's cells with each merged cell's figure placed as `placed` says."""
    cells = list(values)
    for cell, figures in zip(merged, placed, strict=True):
        cells[cell.first : cell.first + cell.columns] = figures
    return tuple(cells)


def _placements(cell: Merged) -> list[tuple[int | None, ...]]:
    """The figure in each column the cell covers, then in one of them alone; 0 only the
    first way (the sums are the same)."""
    equal = (cell.value,) * cell.columns
    if cell.value == 0:
        return [equal]
    alone = [
        tuple(cell.value if k == j else None for k in range(cell.columns))
        for j in range(cell.columns)
    ]
    return [equal, *alone]


def merged_message(where: str, merged: Merged, cells: Cells, labels: Sequence[str]) -> str:
    """What a person is told of a merged cell whose reading the rules did not prove: the
    columns merged, the figure, and how it was read (`cells`, `labels` one per cell)."""
    covered = range(merged.first, merged.first + merged.columns)
    named = "、".join(f"「{labels[k]}」" for k in covered)
    standing = [k for k in covered if cells[k] is not None]
    if len(standing) == merged.columns:
        how = messages.MERGED_EQUAL.format(value=merged.value)
    else:
        how = messages.MERGED_ALONE.format(column=labels[standing[0]], value=merged.value)
    return messages.MERGED_CELL.format(where=where, columns=named, value=merged.value, how=how)
