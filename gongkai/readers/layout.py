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
_HEADER_WORD = 2  # column headers of table 四 are short words: 结果、维持、尚未、总计 …
_UNDER_HEADER = 5  # characters a number may stand off its header (numbers drift rightwards)


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


def header_columns(labels: Sequence[Token], size: int) -> tuple[int, ...] | None:
    """The character columns of a table's `size` column headers in space-aligned text: the
    short header words of every header line, those within a character of each other one
    column (「结果 结果 其他 尚未 总」 of one group on one line, the other groups on the next).
    None unless there are exactly `size` of them."""
    columns = sorted({column for t in labels if t.column >= 0 for column in _short_words(t)})
    merged: list[int] = []
    for column in columns:
        if not merged or column - merged[-1] > _TOLERANCE:
            merged.append(column)
    return tuple(merged) if len(merged) == size else None


def _short_words(label: Token) -> list[int]:
    """The columns of a label's short words (a piece may hold several: 「其他 尚未」)."""
    columns, at = [], label.column
    for word in label.text.split(" "):
        if word and len(word) <= _HEADER_WORD:
            columns.append(at)
        at += len(word) + 1
    return columns


def place_under_headers(
    cells: Sequence[Token], headers: tuple[int, ...], rules: Sequence[Rule]
) -> Cells | None:
    """A short row of numbers on one line placed under the headers it stands nearest, in
    order (the least total distance), blanks elsewhere; kept only if the row adds up."""
    numbers = _aligned_numbers(cells)
    if numbers is None or not 1 <= len(numbers) < len(headers):
        return None
    slots = _nearest_in_order([t.column for t in numbers], headers)
    if slots is None:
        return None
    placed: list[int | None] = [None] * len(headers)
    for slot, token in zip(slots, numbers):
        placed[slot] = token_value(token)
    reading = tuple(placed)
    return reading if holds(reading, rules) else None


def _nearest_in_order(columns: Sequence[int], headers: Sequence[int]) -> list[int] | None:
    """Increasing header slots for the columns with the least total distance, none farther
    than _UNDER_HEADER (dynamic programme over numbers × headers)."""
    far = float("inf")
    n, m = len(columns), len(headers)
    cost = [[far] * (m + 1) for _ in range(n + 1)]  # cost[i][j]: i numbers in the first j
    cost[0] = [0.0] * (m + 1)
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            gap = abs(columns[i - 1] - headers[j - 1])
            here = cost[i - 1][j - 1] + gap if gap <= _UNDER_HEADER else far
            cost[i][j] = min(cost[i][j - 1], here)
    if cost[n][m] == far:
        return None
    slots, j = [], m
    for i in range(n, 0, -1):
        while cost[i][j] == cost[i][j - 1]:
            j -= 1
        slots.append(j - 1)
        j -= 1
    return slots[::-1]
