"""Render a report as plain text in the layouts that published reports take once flattened.

Layouts: `tabs` (copied from a Word or HTML table), `pipes` (flattened HTML, one cell
per line ending in `|`), `lines` (pdftotext: one cell per line), `spaces`
(pdftotext -layout: columns aligned by runs of spaces), `glued` (a crawler that
strips HTML tags: no separator at all), `markdown`, and `columns` (pdftotext when it
reads a table column by column: every label first, then the numbers of each column).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from gongkai import catalog
from gongkai.grid import spans_to_grid
from gongkai.model import Report
from gongkai.render import layout
from gongkai.render.sections import closing, section_paragraphs, title_of

Layout = Literal["tabs", "pipes", "lines", "spaces", "glued", "markdown", "columns"]
LAYOUTS: tuple[Layout, ...] = ("tabs", "pipes", "lines", "spaces", "glued", "markdown", "columns")
Grid = list[list[str]]


def render_text(report: Report, layout_name: Layout = "tabs") -> str:
    """The whole report: title, the six sections with their text, and the three tables."""
    join = _JOINERS[layout_name]
    tables = dict(layout.TABLES)
    parts = [title_of(report)]
    for section_id, heading in catalog.SECTIONS:
        parts.append(heading)
        parts += section_paragraphs(report, section_id) or _default_text(report, section_id)
        if section_id in tables:
            parts.append(join(spans_to_grid(tables[section_id](report))))
    parts += closing(report)
    return "\n".join(parts) + "\n"


def _default_text(report: Report, section_id: str) -> list[str]:
    """Without a narrative, the overview still states what the prose of reports states."""
    if section_id != "overview":
        return []
    received = report.applications.rows["new_received"][6] or 0
    return [f"本年度共收到政府信息公开申请{received}件。"]


def _tabs(grid: Grid) -> str:
    return "\n".join("\t".join(row) for row in grid)


def _pipes(grid: Grid) -> str:
    return "\n".join(f"{cell} |" for row in grid for cell in row)


def _lines(grid: Grid) -> str:
    return "\n".join(cell for row in grid for cell in row if cell)


def _spaces(grid: Grid) -> str:
    return "\n".join("   ".join(cell for cell in row if cell) for row in grid)


def _glued(grid: Grid) -> str:
    return "".join(cell for row in grid for cell in row)


def _markdown(grid: Grid) -> str:
    width = max(len(row) for row in grid)
    lines = []
    for index, row in enumerate(grid):
        padded = row + [""] * (width - len(row))
        lines.append("| " + " | ".join(padded) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def _columns(grid: Grid) -> str:
    """Labels first, then numbers column by column (how pdftotext reads some tables)."""
    labels = [cell for row in grid for cell in row if cell and not _is_number(cell)]
    numeric_rows = [[cell for cell in row if _is_number(cell)] for row in grid]
    numeric_rows = [r for r in numeric_rows if r]
    width = max((len(r) for r in numeric_rows), default=0)
    if any(len(r) != width for r in numeric_rows):
        return _lines(grid)
    columns = ["\n".join(r[i] for r in numeric_rows) for i in range(width)]
    return "\n".join(labels + columns)


def _is_number(cell: str) -> bool:
    return cell.lstrip("-").replace(".", "", 1).isdigit()


_JOINERS: dict[str, Callable[[Grid], str]] = {
    "tabs": _tabs,
    "pipes": _pipes,
    "lines": _lines,
    "spaces": _spaces,
    "glued": _glued,
    "markdown": _markdown,
    "columns": _columns,
}
