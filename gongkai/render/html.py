"""Render a report as an HTML page laid out like the national template (merged cells and all)."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from gongkai import catalog
from gongkai.cells import cell_label
from gongkai.grid import SpanCell
from gongkai.model import Report
from gongkai.render import layout
from gongkai.render.sections import closing, section_paragraphs, title_of

CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font-size: 10.5pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", serif;
       font-size: 12pt; line-height: 1.6; }
h1 { text-align: center; font-size: 18pt; font-weight: bold; margin-bottom: 1em; }
h2 { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; font-size: 12pt;
     margin: 1em 0 0.4em; }
p { text-indent: 2em; margin: 0.2em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 9pt;
        page-break-inside: auto; }
tr { page-break-inside: avoid; }
td { border: 1px solid #000; padding: 2px 3px; text-align: center; }
.published { text-align: right; text-indent: 0; }
"""


def render_html(report: Report) -> str:
    """The report as one HTML document: title, the six sections, the three tables."""
    title = title_of(report)
    body = [f"<h1>{escape(title)}</h1>"]
    tables = dict(layout.TABLES)
    for section_id, heading in catalog.SECTIONS:
        body.append(f"<h2>{escape(heading)}</h2>")
        body += [f"<p>{escape(p)}</p>" for p in section_paragraphs(report, section_id)]
        if section_id in tables:
            body.append(table_html(tables[section_id](report)))
    body += [f'<p class="published">{escape(line)}</p>' for line in closing(report)]
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


def table_html(rows: list[list[SpanCell]], marks: Mapping[str, str] | None = None) -> str:
    """One table; with `marks` (cell name → CSS class) number cells carry their names and
    the marked ones their class, so a page can show findings at their cells."""
    return (
        "<table>"
        + "".join("<tr>" + "".join(_td(c, marks) for c in r) + "</tr>" for r in rows)
        + "</table>"
    )


def _td(cell: SpanCell, marks: Mapping[str, str] | None) -> str:
    attrs = ""
    if cell.name and marks is not None:
        label = escape(cell_label(cell.name))
        attrs += f' data-cell="{cell.name}" data-label="{label}" title="{label}"'
        if cell.name in marks:
            attrs += f' class="{marks[cell.name]}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    return f"<td{attrs}>{escape(cell.text)}</td>"
