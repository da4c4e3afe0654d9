"""The three tables as the national template prints them: rows of cells with their spans.

One description serves every writer (HTML, DOCX, XLSX, text), so the merged header
cells and label columns of 国办公开办函〔2021〕30号 (and the 2019 template) are laid out
in one place.
"""

from __future__ import annotations

from gongkai import catalog
from gongkai.grid import SpanCell
from gongkai.model import Active2021, Report

Rows = list[list[SpanCell]]


def _label(text: str, rowspan: int = 1, colspan: int = 1) -> SpanCell:
    return SpanCell(text, rowspan, colspan)


def _number(value: int | str | None, name: str, colspan: int = 1) -> SpanCell:
    return SpanCell("" if value is None else str(value), 1, colspan, value, True, name)


def active_rows(report: Report) -> Rows:
    """Table 二: four columns; each block has a caption row and a header row."""
    template: catalog.TemplateId = "2021" if isinstance(report.active, Active2021) else "2019"
    rows: Rows = []
    block = None
    for row in catalog.ACTIVE_ROWS[template]:
        last_span = 4 - len(row.fields)  # the label takes one column, the fields the rest
        if row.block != block:
            block = row.block
            rows.append([_label(block, colspan=4)])
            header = [_label(catalog.CONTENT_HEADER)]
            header += [_label(f.label) for f in row.fields[:-1]]
            header.append(_label(row.fields[-1].label, colspan=last_span))
            rows.append(header)
        values = getattr(report.active, row.id)
        cells = [_label(row.label)]
        name = f"active.{row.id}."
        cells += [_number(getattr(values, f.id), name + f.id) for f in row.fields[:-1]]
        last = row.fields[-1].id
        cells.append(_number(getattr(values, last), name + last, colspan=last_span))
        rows.append(cells)
    return rows


def applications_rows(report: Report) -> Rows:
    """Table 三: three label columns and seven numeric ones under a three-row header."""
    c = catalog
    rows: Rows = [
        [_label(c.BALANCE_NOTE, 3, 3), _label(c.APPLICANT_HEADER, colspan=7)],
        [
            _label(c.COLUMN_LABELS["natural_person"], rowspan=2),
            _label(c.LEGAL_PERSON_HEADER, colspan=5),
            _label(c.COLUMN_LABELS["total"], rowspan=2),
        ],
        [_label(col.label) for col in c.APPLICANT_COLUMNS[1:6]],
    ]
    row_ids = list(report.applications.rows)
    sizes: dict[str | None, int] = {}
    for row_id in row_ids:
        group = c.ALL_APPLICATION_ROWS[row_id].group
        sizes[group] = sizes.get(group, 0) + 1
    results_span = sum(n for g, n in sizes.items() if g is not None)
    seen: set[str | None] = set()
    for row_id in row_ids:
        row = c.ALL_APPLICATION_ROWS[row_id]
        cells = _application_labels(row, sizes, results_span, seen)
        values = report.applications.rows[row_id]
        names = [f"applications.{row_id}.{column}" for column in c.COLUMN_IDS]
        rows.append(cells + [_number(v, name) for v, name in zip(values, names)])
    return rows


def _application_labels(
    row: catalog.Row, sizes: dict[str | None, int], results_span: int, seen: set[str | None]
) -> list[SpanCell]:
    if row.group is None:
        return [_label(row.label, colspan=3)]
    cells = []
    if catalog.GROUP_RESULTS not in seen:
        seen.add(catalog.GROUP_RESULTS)
        cells.append(_label(catalog.GROUP_RESULTS, rowspan=results_span))
    if row.group == catalog.GROUP_RESULTS:
        return [*cells, _label(row.label, colspan=2)]
    if row.group not in seen:
        seen.add(row.group)
        cells.append(_label(row.group, rowspan=sizes[row.group]))
    return [*cells, _label(row.label)]


def appeals_rows(report: Report) -> Rows:
    """Table 四: fifteen numbers under 行政复议 and the two kinds of 行政诉讼."""
    fields, groups = catalog.APPEAL_FIELDS, catalog.APPEAL_GROUPS
    return [
        [_label(groups[0].label, colspan=5), _label(catalog.LITIGATION_HEADER, colspan=10)],
        [_label(f.label, rowspan=2) for f in fields]
        + [_label(groups[1].label, colspan=5), _label(groups[2].label, colspan=5)],
        [_label(f.label) for f in fields] * 2,
        [
            _number(getattr(getattr(report.appeals, g.id), f.id), f"appeals.{g.id}.{f.id}")
            for g in groups
            for f in fields
        ],
    ]


TABLES = (
    ("active", active_rows),
    ("applications", applications_rows),
    ("appeals", appeals_rows),
)
