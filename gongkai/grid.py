"""Tables as cell grids, and grids as the tab-separated text the text reader reads best.

Every structured format (HTML, DOCX, XLSX, PDF) is reduced to text in which a table is
one line per row and one tab per cell boundary, with a merged cell's text in its first
position and the positions it spans left empty: exactly what copying a table out of a
browser gives, and the layout the text reader handles with the most certainty.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gongkai.errors import OverLimit

Grid = list[list[str]]


@dataclass(frozen=True)
class SpanCell:
    """A printed cell: its text, its span, and for a number cell the typed value."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    value: int | str | None = None
    number: bool = False
    name: str = ""  # the cell's name (gongkai.cells) for number cells


def place_spans(rows: Sequence[Sequence[SpanCell]]) -> list[tuple[int, int, SpanCell]]:
    """(row, column, cell) for each cell, columns counted past the spans of cells above."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken.update(
                (r + dr, c + dc)
                for dr in range(max(1, cell.rowspan))
                for dc in range(max(1, cell.colspan))
            )
            c += max(1, cell.colspan)
    return placed


def spans_to_grid(rows: Sequence[Sequence[SpanCell]], max_cells: int | None = None) -> Grid:
    """Resolve rowspan/colspan into a rectangular grid (text in each span's first cell).

    With `max_cells`, a table whose merged cells cover more positions than that, or whose
    grid would hold more, is refused (OverLimit) before the grid is built.
    """
    if max_cells is not None:
        area = sum(max(1, c.rowspan) * max(1, c.colspan) for row in rows for c in row)
        _check_cells(area, max_cells)
    placed = place_spans(rows)
    height = max((r + max(1, cell.rowspan) for r, _, cell in placed), default=0)
    width = max((c + max(1, cell.colspan) for _, c, cell in placed), default=0)
    if max_cells is not None:
        _check_cells(height * width, max_cells)
    grid = [[""] * width for _ in range(height)]
    for r, c, cell in placed:
        grid[r][c] = cell.text
    return grid


def _check_cells(found: int, max_cells: int) -> None:
    if found > max_cells:
        raise OverLimit("cells", found, max_cells)


def grid_to_text(grid: Grid) -> str:
    """One line per row, cells separated by tabs; line breaks inside a cell become spaces."""
    return "\n".join("\t".join(_one_line(cell) for cell in row) for row in grid if any(row))


@dataclass(frozen=True)
class Box:
    """Text at a place on a page (PDF word positions, OCR boxes)."""

    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def char_width(boxes: Sequence[Box]) -> float:
    return statistics.median((b.right - b.left) / max(1, len(b.text)) for b in boxes)


def join_line(line: Sequence[Box], char: float, cell_gap: float, near: str) -> str:
    """One line's boxes left to right: a gap wider than `cell_gap` characters is a cell
    boundary (a tab), a narrower one is `near`."""
    ordered = sorted(line, key=lambda b: b.left)
    text = ordered[0].text
    for before, box in itertools.pairwise(ordered):
        text += ("\t" if box.left - before.right > cell_gap * char else near) + box.text
    return text


def blocks_to_text(blocks: Iterable[str | Grid]) -> str:
    """Paragraphs and tables in document order, as text."""
    return "\n".join(b if isinstance(b, str) else grid_to_text(b) for b in blocks) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
