"""Blank cells from positions: a short row of space-aligned text (pdftotext -layout) placed
by the character columns of its numbers.

pdftotext drops empty cells, but keeps each number near its column. The CJK label before
the numbers shifts and stretches each line differently, yet rows whose labels have the
same width keep the same columns, so a short row's numbers are placed under the columns of
the nearest complete row they all fit. Used only where the rules cannot place the row, and
only if the row then adds up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.readers.repair import Cells, Rule, holds
from gongkai.readers.tokens import NUMBER, Token, token_value

_TOLERANCE = 1  # characters a number may stand off its column
_NEIGHBOURS = 4  # complete rows tried, nearest first


@dataclass(frozen=True)
class ColumnTemplate:
    """The character columns of the table's complete rows, each with its line."""

    rows: tuple[tuple[int, tuple[int, ...]], ...]


def column_template(rows: Sequence[Sequence[Token]], size: int) -> ColumnTemplate | None:
    complete = []
    for cells in rows:
        numbers = _aligned_numbers(cells)
        if numbers is not None and len(numbers) == size:
            complete.append((numbers[0].line, tuple(t.column for t in numbers)))
    return ColumnTemplate(tuple(complete)) if complete else None


def place_by_columns(
    cells: Sequence[Token], size: int, template: ColumnTemplate, rules: Sequence[Rule]
) -> Cells | None:
    """The row with blanks where its numbers' columns say: each number under a column of a
    nearby complete row (the same label width above and below keeps the same columns)."""
    numbers = _aligned_numbers(cells)
    if numbers is None or not 1 <= len(numbers) < size:
        return None
    line = numbers[0].line
    nearest = sorted(template.rows, key=lambda row: abs(row[0] - line))[:_NEIGHBOURS]
    for _, columns in nearest:
        slots = _slots(numbers, columns)
        if slots is None:
            continue
        placed: list[int | None] = [None] * size
        for slot, token in zip(slots, numbers):
            placed[slot] = token_value(token)
        reading = tuple(placed)
        return reading if holds(reading, rules) else None
    return None


def _slots(numbers: Sequence[Token], columns: tuple[int, ...]) -> list[int] | None:
    """The column each number stands under, if every one stands under a different one."""
    slots: list[int] = []
    for token in numbers:
        near = [i for i, c in enumerate(columns) if abs(c - token.column) <= _TOLERANCE]
        if len(near) != 1 or (slots and near[0] <= slots[-1]):
            return None
        slots.append(near[0])
    return slots


def _aligned_numbers(cells: Sequence[Token]) -> list[Token] | None:
    """The row's numbers if they all stand on one space-aligned line, and nothing else does."""
    if any(t.kind != NUMBER for t in cells):
        return None
    if not cells or len({t.line for t in cells}) != 1 or any(t.column < 0 for t in cells):
        return None
    return list(cells)
