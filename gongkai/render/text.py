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
from gongkai.model import Active2019, Active2021, Report

Layout = Literal["tabs", "pipes", "lines", "spaces", "glued", "markdown", "columns"]
LAYOUTS: tuple[Layout, ...] = ("tabs", "pipes", "lines", "spaces", "glued", "markdown", "columns")
Grid = list[list[str]]


def render_text(report: Report, layout: Layout = "tabs") -> str:
    """The whole report: title, the six section headings, and the three tables."""
    join = _JOINERS[layout]
    headings = dict(catalog.SECTIONS)
    title = f"{report.agency or ''}{report.year or ''}年{catalog.TITLE_SUFFIX}"
    parts = [
        title,
        headings["overview"],
        _overview_sentence(report),
        headings["active"],
        join(active_grid(report)),
        headings["applications"],
        join(applications_grid(report)),
        headings["appeals"],
        join(appeals_grid(report)),
        headings["problems"],
        headings["other_matters"],
    ]
    if report.published_on:
        parts.append(
            f"{report.published_on.year}年{report.published_on.month}月{report.published_on.day}日"
        )
    return "\n".join(parts) + "\n"


def _overview_sentence(report: Report) -> str:
    rows = report.applications.rows
    received = rows["new_received"][6] or 0
    return f"本年度共收到政府信息公开申请{received}件。"


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def active_grid(report: Report) -> Grid:
    template: catalog.TemplateId = "2021" if isinstance(report.active, Active2021) else "2019"
    assert isinstance(report.active, Active2021 | Active2019)
    grid: Grid = []
    block = None
    for row in catalog.ACTIVE_ROWS[template]:
        if row.block != block:
            block = row.block
            grid.append([block])
            grid.append([catalog.CONTENT_HEADER, *(f.label for f in row.fields)])
        values = getattr(report.active, row.id)
        grid.append([row.label, *(_cell(getattr(values, f.id)) for f in row.fields)])
    return grid


def applications_grid(report: Report) -> Grid:
    c = catalog
    grid: Grid = [
        [c.BALANCE_NOTE, "", c.APPLICANT_HEADER],
        [
            "",
            "",
            c.COLUMN_LABELS["natural_person"],
            c.LEGAL_PERSON_HEADER,
            "",
            "",
            "",
            "",
            c.COLUMN_LABELS["total"],
        ],
        ["", "", "", *(col.label for col in c.APPLICANT_COLUMNS[1:6])],
    ]
    group = None
    for row_id, cells in report.applications.rows.items():
        row = c.ALL_APPLICATION_ROWS[row_id]
        group_cell = ""
        if row.group and row.group != group:
            group_cell = row.group
        group = row.group
        grid.append([group_cell, row.label, *(_cell(v) for v in cells)])
    return grid


def appeals_grid(report: Report) -> Grid:
    fields = [f.label for f in catalog.APPEAL_FIELDS]
    groups = catalog.APPEAL_GROUPS
    values = [
        _cell(getattr(getattr(report.appeals, g.id), f.id))
        for g in groups
        for f in catalog.APPEAL_FIELDS
    ]
    return [
        [groups[0].label, "", "", "", "", catalog.LITIGATION_HEADER],
        [*fields, groups[1].label, "", "", "", "", groups[2].label],
        ["", "", "", "", "", *fields, *fields],
        values,
    ]


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
