"""Tables as cell grids, and grids as the tab-separated text the text reader reads best.

Every structured format (HTML, DOCX, XLSX, PDF) is reduced to text in which a table is
one line per row and one tab per cell boundary, with a merged cell's text in its first
position and the positions it spans left empty: exactly what copying a table out of a
browser gives, and the layout the text reader handles with the most certainty.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Grid = list[list[str]]


@dataclass(frozen=True)
class SpanCell:
    """A printed cell: its text, its span, and for a number cell the typed value."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    value: int | str | None = None
    number: bool = False


def spans_to_grid(rows: Sequence[Sequence[SpanCell]]) -> Grid:
    """Resolve rowspan/colspan into a rectangular grid (text in each span's first cell)."""
    taken: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(max(1, cell.rowspan)):
                for dc in range(max(1, cell.colspan)):
                    taken[(r + dr, c + dc)] = cell.text if (dr, dc) == (0, 0) else ""
            c += max(1, cell.colspan)
            width = max(width, c)
    height = max((r for r, _ in taken), default=-1) + 1
    return [[taken.get((r, c), "") for c in range(width)] for r in range(height)]


def grid_to_text(grid: Grid) -> str:
    """One line per row, cells separated by tabs; line breaks inside a cell become spaces."""
    return "\n".join("\t".join(_one_line(cell) for cell in row) for row in grid if any(row))


def blocks_to_text(blocks: Iterable[str | Grid]) -> str:
    """Paragraphs and tables in document order, as text."""
    return "\n".join(b if isinstance(b, str) else grid_to_text(b) for b in blocks) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
