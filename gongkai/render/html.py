"""Render a report as an HTML page laid out like the national template (merged cells and all).

The three tables follow 国办公开办函〔2021〕30号 (and the 2019 template for 2019/2020):
table 三 has three label columns and seven numeric ones, table 四 fifteen numbers
under a three-row header. Every label comes from the catalog.
"""

from __future__ import annotations

from html import escape

from gongkai import catalog
from gongkai.model import Active2021, Report

_CSS = """
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif;
       font-size: 10.5pt; line-height: 1.5; }
h1 { text-align: center; font-size: 16pt; }
h2 { font-size: 12pt; margin: 1.2em 0 0.5em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
td, th { border: 1px solid #000; padding: 2px 3px; text-align: center; font-weight: normal; }
td.label { text-align: left; }
"""


def render_html(report: Report) -> str:
    """The report as one HTML document."""
    sections = dict(catalog.SECTIONS)
    title = f"{report.agency or ''}{report.year or ''}年{catalog.TITLE_SUFFIX}"
    body = [
        f"<h1>{escape(title)}</h1>",
        f"<h2>{sections['overview']}</h2>",
        f"<h2>{sections['active']}</h2>",
        active_table(report),
        f"<h2>{sections['applications']}</h2>",
        applications_table(report),
        f"<h2>{sections['appeals']}</h2>",
        appeals_table(report),
        f"<h2>{sections['problems']}</h2>",
        f"<h2>{sections['other_matters']}</h2>",
    ]
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


def _td(text: object, rowspan: int = 1, colspan: int = 1, label: bool = False) -> str:
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if label:
        attrs += ' class="label"'
    return f"<td{attrs}>{'' if text is None else escape(str(text))}</td>"


def active_table(report: Report) -> str:
    template: catalog.TemplateId = "2021" if isinstance(report.active, Active2021) else "2019"
    rows: list[str] = []
    block = None
    for row in catalog.ACTIVE_ROWS[template]:
        span = 4 - len(row.fields)
        if row.block != block:
            block = row.block
            rows.append(_td(block, colspan=4))
            header = [_td(catalog.CONTENT_HEADER)]
            header += [_td(f.label) for f in row.fields[:-1]]
            header.append(_td(row.fields[-1].label, colspan=1 + span))
            rows.append("".join(header))
        values = getattr(report.active, row.id)
        cells = [_td(row.label)]
        cells += [_td(getattr(values, f.id)) for f in row.fields[:-1]]
        cells.append(_td(getattr(values, row.fields[-1].id), colspan=1 + span))
        rows.append("".join(cells))
    return _table(rows)


def applications_table(report: Report) -> str:
    c = catalog
    header = [
        _td(c.BALANCE_NOTE, rowspan=3, colspan=3) + _td(c.APPLICANT_HEADER, colspan=7),
        _td(c.COLUMN_LABELS["natural_person"], rowspan=2)
        + _td(c.LEGAL_PERSON_HEADER, colspan=5)
        + _td(c.COLUMN_LABELS["total"], rowspan=2),
        "".join(_td(col.label) for col in c.APPLICANT_COLUMNS[1:6]),
    ]
    row_ids = list(report.applications.rows)
    group_sizes: dict[str | None, int] = {}
    for row_id in row_ids:
        group = c.ALL_APPLICATION_ROWS[row_id].group
        group_sizes[group] = group_sizes.get(group, 0) + 1
    results_span = sum(n for g, n in group_sizes.items() if g is not None)
    rows = list(header)
    seen: set[str | None] = set()
    for row_id in row_ids:
        row = c.ALL_APPLICATION_ROWS[row_id]
        cells = _application_labels(row, group_sizes, results_span, seen)
        cells += "".join(_td(v) for v in report.applications.rows[row_id])
        rows.append(cells)
    return _table(rows)


def _application_labels(
    row: catalog.Row, group_sizes: dict[str | None, int], results_span: int, seen: set[str | None]
) -> str:
    """The label cells of one row of table 三: up to three columns, merged as printed."""
    if row.group is None:
        return _td(row.label, colspan=3, label=True)
    cells = ""
    if catalog.GROUP_RESULTS not in seen:
        seen.add(catalog.GROUP_RESULTS)
        cells += _td(catalog.GROUP_RESULTS, rowspan=results_span)
    if row.group == catalog.GROUP_RESULTS:
        return cells + _td(row.label, colspan=2, label=True)
    if row.group not in seen:
        seen.add(row.group)
        cells += _td(row.group, rowspan=group_sizes[row.group])
    return cells + _td(row.label, label=True)


def appeals_table(report: Report) -> str:
    fields = catalog.APPEAL_FIELDS
    groups = catalog.APPEAL_GROUPS
    rows = [
        _td(groups[0].label, colspan=5) + _td(catalog.LITIGATION_HEADER, colspan=10),
        "".join(_td(f.label, rowspan=2) for f in fields)
        + _td(groups[1].label, colspan=5)
        + _td(groups[2].label, colspan=5),
        "".join(_td(f.label) for f in fields) * 2,
        "".join(_td(getattr(getattr(report.appeals, g.id), f.id)) for g in groups for f in fields),
    ]
    return _table(rows)


def _table(rows: list[str]) -> str:
    return "<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"
